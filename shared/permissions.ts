import type { DivisionLevel } from './kernel/division-code';

/** Every permission of Anju, `<module>.<verb>`. The role → permission table is data; these are the ids it may hold. */
export const PERMISSIONS = [
  'divisions.read',
  'divisions.manage',
  'admin.users',
  'admin.roles',
  'audit.read',
  'notify.outbox',
  'calendar.manage',
  'settings.manage',
  'registry.read',
  'registry.write',
  'registry.pii',
  'registry.manage',
  'permits.read',
  'permits.counter',
  'permits.review',
  'permits.issue',
  'permits.manage',
  /** Held only by self-service terminals (签注一体机), never by a role. */
  'permits.kiosk',
  /** Held only by the payment handler that records a paid card fee, never by a role. */
  'permits.payment',
  'points.read',
  'points.manage',
  'points.review',
  'points.intake',
  'points.data',
  'inspections.read',
  'inspections.inspect',
  'inspections.manage',
  /** A department's staff acting on hazards referred to it (查处). */
  'inspections.handle',
  'housing.read',
  'housing.manage',
  'portal.use',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export const DEPARTMENTS = [
  'public_security',
  'hrss',
  'education',
  'housing',
  'tax',
  'civil_affairs',
  'health',
  'housing_fund',
  'science_technology',
  'development_reform',
  'fire_rescue',
  'gas',
  'market_regulation',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export type RoleDefinition = {
  code: string;
  /** The jurisdiction level a holder of this role sits at; `any` for roles not tied to one. */
  level: DivisionLevel | 'any';
  kind: 'staff' | 'resident' | 'landlord';
  department?: boolean;
  permissions: Permission[];
};

/** Built-in roles and their default permissions; a city admin edits the permissions in the console. */
export const BUILTIN_ROLES: RoleDefinition[] = [
  { code: 'city_admin', level: 'city', kind: 'staff',
    permissions: ['divisions.read', 'divisions.manage', 'admin.users', 'admin.roles', 'audit.read', 'notify.outbox', 'calendar.manage', 'settings.manage', 'registry.read', 'registry.write', 'registry.pii', 'registry.manage',
      'permits.read', 'permits.counter', 'permits.review', 'permits.issue', 'permits.manage', 'points.read', 'points.manage', 'points.intake', 'points.review', 'inspections.read', 'inspections.inspect', 'inspections.manage', 'housing.read', 'housing.manage'] },
  { code: 'district_officer', level: 'district', kind: 'staff',
    permissions: ['divisions.read', 'divisions.manage', 'admin.users', 'registry.read', 'registry.write', 'registry.pii', 'registry.manage',
      'permits.read', 'permits.counter', 'permits.review', 'permits.issue', 'permits.manage', 'points.read', 'points.intake', 'inspections.read', 'inspections.inspect', 'inspections.manage', 'housing.read', 'housing.manage'] },
  { code: 'street_officer', level: 'street', kind: 'staff',
    permissions: ['divisions.read', 'divisions.manage', 'registry.read', 'registry.write', 'registry.pii', 'permits.read', 'permits.counter', 'permits.review', 'permits.issue', 'points.read', 'points.intake', 'inspections.read', 'inspections.inspect', 'inspections.manage', 'housing.read', 'housing.manage'] },
  { code: 'community_officer', level: 'community', kind: 'staff',
    permissions: ['divisions.read', 'divisions.manage', 'registry.read', 'registry.write', 'registry.pii', 'permits.read', 'permits.counter', 'inspections.read', 'inspections.inspect', 'housing.read', 'housing.manage'] },
  { code: 'grid_worker', level: 'grid', kind: 'staff', permissions: ['divisions.read', 'registry.read', 'registry.write', 'inspections.read', 'inspections.inspect', 'housing.read'] },
  { code: 'dept_reviewer', level: 'any', kind: 'staff', department: true, permissions: ['divisions.read', 'points.read', 'points.review', 'points.data', 'inspections.handle'] },
  { code: 'auditor', level: 'city', kind: 'staff', permissions: ['divisions.read', 'audit.read'] },
  { code: 'resident', level: 'any', kind: 'resident', permissions: ['portal.use'] },
  { code: 'landlord', level: 'any', kind: 'landlord', permissions: ['portal.use'] },
];

export function builtinRole(code: string): RoleDefinition | undefined {
  return BUILTIN_ROLES.find((role) => role.code === code);
}
