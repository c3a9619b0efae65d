import { z } from 'zod';

/** Every error code Anju answers with, and its HTTP status. Messages live in shared/i18n/<lang>/errors.json. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  REQUEST_MALFORMED: 400,
  REQUEST_JSON_INVALID: 400,
  REQUEST_BODY_EMPTY: 400,
  REQUEST_TOO_LARGE: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CITY_LEVEL_ONLY: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  WORKFLOW_ACTION_NOT_OPEN: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_ACCOUNT_LOCKED: 423,
  AUTH_ACCOUNT_DISABLED: 403,
  AUTH_PASSWORD_WEAK: 400,
  AUTH_PASSWORD_WRONG: 400,
  AUTH_SMS_CODE_INVALID: 400,
  AUTH_SMS_TOO_FREQUENT: 429,
  AUTH_PHONE_INVALID: 400,
  ADMIN_USERNAME_TAKEN: 409,
  ADMIN_PHONE_TAKEN: 409,
  ADMIN_ROLE_LEVEL_MISMATCH: 400,
  ADMIN_ROLE_UNKNOWN: 400,
  ADMIN_DEPARTMENT_REQUIRED: 400,
  ADMIN_PERMISSION_UNKNOWN: 400,
  ADMIN_CANNOT_DISABLE_SELF: 409,
  DIVISION_NOT_FOUND: 404,
  CALENDAR_RANGE_INVALID: 400,
  REGISTRY_ID_FORMAT: 400,
  REGISTRY_ID_CHECK: 400,
  REGISTRY_ID_DATE: 400,
  REGISTRY_ID_FUTURE: 400,
  REGISTRY_ID_AREA: 400,
  REGISTRY_PERSON_EXISTS: 409,
  REGISTRY_PERSON_EXISTS_ELSEWHERE: 409,
  REGISTRY_PERSON_NOT_FOUND: 404,
  REGISTRY_PERSON_REQUIRED: 400,
  REGISTRY_QR_INVALID: 404,
  REGISTRY_BUILDING_OCCUPIED: 409,
  REGISTRY_BUILDING_NOT_ACTIVE: 409,
  REGISTRY_MERGE_SELF: 400,
  REGISTRY_MERGE_DIVISION: 400,
  REGISTRY_ADDRESS_EXISTS: 409,
  REGISTRY_UNIT_EXISTS: 409,
  REGISTRY_DIVISION_LEVEL: 400,
  REGISTRY_OWNER_REQUIRED: 400,
  REGISTRY_FAMILY_SELF: 400,
  REGISTRY_FAMILY_CYCLE: 400,
  REGISTRY_DATE_FUTURE: 400,
  REGISTRY_DATE_BEFORE_BIRTH: 400,
  REGISTRY_ALREADY_THERE: 409,
  REGISTRY_ARRIVAL_BEFORE_CURRENT: 409,
  REGISTRY_LEAVE_BEFORE_ARRIVAL: 400,
  SETTING_VALUE_RANGE: 400,
  SETTING_VALUE_BOOLEAN: 400,
  REGISTRY_DECLARATION_PORTAL_ONLY: 403,
  REGISTRY_DECLARATION_OPEN: 409,
  REGISTRY_DECLARATION_TOO_MANY: 429,
  REGISTRY_DECLARATION_NAME_DIFFERS: 409,
  REGISTRY_DECLARATION_NOT_LIVING_THERE: 409,
  REGISTRY_DECLARATION_HOUSE_GONE: 409,
  IMPORT_FILE_REQUIRED: 400,
  IMPORT_FILE_TOO_LARGE: 400,
  IMPORT_FILE_UNREADABLE: 400,
  IMPORT_COLUMNS_MISSING: 400,
  IMPORT_ROW_NAME: 400,
  IMPORT_ROW_PHONE: 400,
  IMPORT_ROW_EDUCATION: 400,
  IMPORT_ROW_RELATION: 400,
  IMPORT_ROW_DATE: 400,
  IMPORT_ROW_HOUSE: 400,
  IMPORT_ROW_DUPLICATE: 400,
  IMPORT_ROW_NAME_DIFFERS: 400,
  DIVISION_GRID_PARENT: 400,
  DIVISION_CITY_UNKNOWN: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorParams = Record<string, string | number>;

/** The one error class of Anju: a code from ERROR_STATUS and the values its message needs. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const FieldIssue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** What every failed request answers. `message` is Chinese, `messageEn` English. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  issues: z.array(FieldIssue).optional(),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
