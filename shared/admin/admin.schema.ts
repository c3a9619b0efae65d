import { z } from 'zod';
import { DivisionCode } from '../kernel/division-code';
import { PageQuery, pageOf } from '../kernel/paging';
import { Phone } from '../kernel/phone';
import { DEPARTMENTS } from '../permissions';

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: z.string().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserView = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  kind: z.string(),
  roles: z.array(z.string()),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  department: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;
export const UserPage = pageOf(UserView);
export type UserPage = z.infer<typeof UserPage>;

export const UserInput = z.strictObject({
  username: z.string().trim().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(200),
  roles: z.array(z.string().max(64)).min(1).max(10),
  divisionCode: DivisionCode,
  department: z.enum(DEPARTMENTS).optional(),
  phone: Phone.optional(),
});
export type UserInput = z.infer<typeof UserInput>;

export const UserUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(50).optional(),
  roles: z.array(z.string().max(64)).min(1).max(10).optional(),
  divisionCode: DivisionCode.optional(),
  department: z.enum(DEPARTMENTS).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  unlock: z.literal(true).optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const IdParam = z.strictObject({ id: z.uuid() });

export const RoleView = z.object({
  code: z.string(),
  level: z.string(),
  kind: z.string(),
  needsDepartment: z.boolean(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
});
export type RoleView = z.infer<typeof RoleView>;
export const RoleList = z.object({ items: z.array(RoleView), permissions: z.array(z.string()) });
export type RoleList = z.infer<typeof RoleList>;

export const RolePermissionsUpdate = z.strictObject({ permissions: z.array(z.string().max(64)).max(200) });
export type RolePermissionsUpdate = z.infer<typeof RolePermissionsUpdate>;
export const RoleParam = z.strictObject({ code: z.string().regex(/^[a-z_]{2,64}$/) });

export const AuditListQuery = PageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditRowView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  divisionCode: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRowView = z.infer<typeof AuditRowView>;
export const AuditPage = pageOf(AuditRowView);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyView = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  seq: z.number().int().optional(),
  problem: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditVerifyView = z.infer<typeof AuditVerifyView>;

export const DivisionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
});
export type DivisionView = z.infer<typeof DivisionView>;

export const DivisionListQuery = z.strictObject({
  parent: DivisionCode.optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export type DivisionListQuery = z.infer<typeof DivisionListQuery>;
export const DivisionList = z.object({ items: z.array(DivisionView), parent: DivisionView.nullable(), path: z.array(DivisionView) });
export type DivisionList = z.infer<typeof DivisionList>;

export const DivisionCodeParam = z.strictObject({ code: DivisionCode });

export const GridInput = z.strictObject({ parentCode: DivisionCode, name: z.string().trim().min(1).max(50) });
export type GridInput = z.infer<typeof GridInput>;

export const OutboxQuery = PageQuery.extend({ recipient: z.string().trim().max(64).optional() });
export const OutboxView = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  template: z.string(),
  body: z.string(),
  status: z.string(),
  createdAt: z.string(),
});
export const OutboxPage = pageOf(OutboxView);
export type OutboxPage = z.infer<typeof OutboxPage>;

/** A message in one's own portal inbox. */
export const InboxMessage = z.object({ id: z.string(), body: z.string(), createdAt: z.string() });
export const InboxList = z.object({ items: z.array(InboxMessage) });
export type InboxList = z.infer<typeof InboxList>;
