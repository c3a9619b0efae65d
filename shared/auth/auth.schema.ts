import { z } from 'zod';
import { Phone } from '../kernel/phone';

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SmsCodeInput = z.strictObject({ phone: Phone });
export type SmsCodeInput = z.infer<typeof SmsCodeInput>;

export const SmsCodeSent = z.object({ sent: z.literal(true), resendAfterSeconds: z.number().int(), expiresInSeconds: z.number().int() });

export const PhoneLoginInput = z.strictObject({
  phone: Phone,
  code: z.string().regex(/^\d{6}$/, { message: 'errors:AUTH_SMS_CODE_INVALID' }),
  as: z.enum(['resident', 'landlord']).default('resident'),
});
export type PhoneLoginInput = z.infer<typeof PhoneLoginInput>;

export const PASSWORD_MIN_LENGTH = 8;

/** At least 8 characters and three of four kinds: upper case, lower case, digits, symbols. */
export function isStrongPassword(value: string): boolean {
  const kinds = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return value.length >= PASSWORD_MIN_LENGTH && value.length <= 200 && kinds >= 3;
}

export const PasswordChangeInput = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const DivisionRef = z.object({ code: z.string(), name: z.string(), level: z.string(), path: z.array(z.string()) });
export type DivisionRef = z.infer<typeof DivisionRef>;

export const MeView = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  kind: z.enum(['staff', 'resident', 'landlord']),
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  division: DivisionRef.nullable(),
  department: z.string().nullable(),
  csrfToken: z.string(),
});
export type MeView = z.infer<typeof MeView>;

export const Ok = z.object({ ok: z.literal(true) });
