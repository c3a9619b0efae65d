import type { RoleList, RolePermissionsUpdate, RoleView, UserInput, UserListQuery, UserPage, UserUpdate, UserView } from '@shared/admin/admin.schema';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '@shared/auth/auth.schema';
import { AppError } from '@shared/errors';
import { divisionLevel } from '@shared/kernel/division-code';
import { maskPhone } from '@shared/kernel/phone';
import { isPermission, PERMISSIONS } from '@shared/permissions';
import * as audit from '../audit/audit';
import type { Tx } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { findDivision } from '../divisions/divisions.repo';
import type { Ctx } from '../http/context';
import * as authRepo from './auth.repo';
import { hashPassword } from './password';
import { isCityWide, scopeContains } from './scope';
import * as repo from './users.repo';

function present(ctx: Ctx, row: repo.UserListRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    phone: row.phone ? (row.id === ctx.actor.userId ? row.phone : maskPhone(row.phone)) : null,
    kind: row.kind,
    roles: row.roles,
    divisionCode: row.divisionCode,
    divisionName: row.divisionName,
    department: row.department,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    locked: Boolean(row.lockedUntil && row.lockedUntil > ctx.now()),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Lists staff accounts inside the caller's jurisdiction. */
export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<UserPage> {
  const { rows, total } = await repo.listUsers(ctx.db, ctx.scope, query);
  return { items: rows.map((row) => present(ctx, row)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Checks that `roles` may be held at `divisionCode` and granted by the caller.
 *
 * @throws ADMIN_ROLE_UNKNOWN, ADMIN_ROLE_LEVEL_MISMATCH, ADMIN_DEPARTMENT_REQUIRED, FORBIDDEN, DIVISION_NOT_FOUND.
 */
async function checkAssignment(ctx: Ctx, tx: Tx, roles: string[], divisionCode: string, department: string | null | undefined): Promise<void> {
  if (!scopeContains(ctx.scope, divisionCode) || !(await findDivision(tx, divisionCode))) {
    throw new AppError('DIVISION_NOT_FOUND', { code: divisionCode });
  }
  const found = await authRepo.listRoles(tx);
  const level = divisionLevel(divisionCode);
  for (const code of roles) {
    const role = found.find((candidate) => candidate.code === code);
    if (!role || role.kind !== 'staff') throw new AppError('ADMIN_ROLE_UNKNOWN', { role: code });
    if (role.level !== 'any' && role.level !== level) throw new AppError('ADMIN_ROLE_LEVEL_MISMATCH', { role: code, level: role.level });
    if (role.needsDepartment && !department) throw new AppError('ADMIN_DEPARTMENT_REQUIRED');
    // Nobody hands out a permission they do not hold themselves.
    const beyond = role.permissions.find((permission) => !ctx.actor.permissions.includes(permission));
    if (beyond) throw new AppError('FORBIDDEN', { permission: beyond });
  }
}

/**
 * Creates a staff account inside the caller's jurisdiction.
 *
 * @throws AUTH_PASSWORD_WEAK when the initial password breaks the rules.
 * @throws ADMIN_USERNAME_TAKEN / ADMIN_PHONE_TAKEN when either is in use.
 * @throws DIVISION_NOT_FOUND when the jurisdiction is outside the caller's.
 */
export async function createUser(ctx: Ctx, input: UserInput): Promise<UserView> {
  if (!isStrongPassword(input.password)) throw new AppError('AUTH_PASSWORD_WEAK', { min: PASSWORD_MIN_LENGTH });
  const passwordHash = await hashPassword(input.password);
  const created = ctx.db.transaction(async (tx) => {
    await checkAssignment(ctx, tx, input.roles, input.divisionCode, input.department);
    if (await repo.usernameTaken(tx, input.username)) throw new AppError('ADMIN_USERNAME_TAKEN', { username: input.username });
    if (input.phone && (await repo.phoneTaken(tx, input.phone))) throw new AppError('ADMIN_PHONE_TAKEN');
    const user = await authRepo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      kind: 'staff',
      passwordHash,
      divisionCode: input.divisionCode,
      department: input.department ?? null,
      passwordChangedAt: ctx.now(),
    });
    await authRepo.setUserRoles(tx, user.id, [...new Set(input.roles)]);
    await audit.record(tx, ctx, {
      action: 'admin.user.create', entityType: 'user', entityId: user.id, divisionCode: user.divisionCode,
      details: { username: input.username, roles: input.roles, department: input.department ?? null },
    });
    return present(ctx, (await repo.findUserInScope(tx, ctx.scope, user.id))!);
  });
  // Two admins creating the same username at once: the unique index decides, the loser hears why.
  return created.catch((error: unknown) => {
    if (isUniqueViolation(error, 'users_username_unique')) throw new AppError('ADMIN_USERNAME_TAKEN', { username: input.username });
    if (isUniqueViolation(error, 'users_phone_unique')) throw new AppError('ADMIN_PHONE_TAKEN');
    throw error;
  });
}

/**
 * Changes a staff account: name, roles, jurisdiction, department, status, or lifts a lockout.
 *
 * @throws NOT_FOUND when the user is outside the caller's jurisdiction.
 * @throws ADMIN_CANNOT_DISABLE_SELF when the caller disables their own account.
 */
export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<UserView> {
  return ctx.db.transaction(async (tx) => {
    const user = await repo.lockUserForUpdate(tx, ctx.scope, id);
    if (!user || user.kind !== 'staff') throw new AppError('NOT_FOUND');
    if (input.status === 'disabled' && user.id === ctx.actor.userId) throw new AppError('ADMIN_CANNOT_DISABLE_SELF');
    const divisionCode = input.divisionCode ?? user.divisionCode!;
    const department = input.department === undefined ? user.department : input.department;
    const current = (await authRepo.listRolesAndPermissions(tx, user.id)).roles;
    const roles = input.roles ? [...new Set(input.roles)] : current;
    if (input.roles || input.divisionCode || input.department !== undefined) await checkAssignment(ctx, tx, roles, divisionCode, department);
    await repo.updateUser(tx, user.id, {
      displayName: input.displayName ?? user.displayName,
      divisionCode,
      department,
      status: input.status ?? user.status,
      ...(input.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
      updatedAt: ctx.now(),
    });
    if (input.roles) await authRepo.setUserRoles(tx, user.id, roles);
    if (input.status === 'disabled') await authRepo.deleteSessionsOfUser(tx, user.id);
    await audit.record(tx, ctx, {
      action: 'admin.user.update', entityType: 'user', entityId: user.id, divisionCode,
      details: { changes: input, before: { roles: current, divisionCode: user.divisionCode, status: user.status, department: user.department } },
    });
    return present(ctx, (await repo.findUserInScope(tx, ctx.scope, user.id))!);
  });
}

/** Every role with its permissions, and every permission there is. */
export async function listRoles(ctx: Ctx): Promise<RoleList> {
  const roles = await authRepo.listRoles(ctx.db);
  return { items: roles.map((role): RoleView => ({ ...role })), permissions: [...PERMISSIONS] };
}

/**
 * Replaces the permissions of a role.
 *
 * @throws CITY_LEVEL_ONLY when the caller does not work city-wide (role permissions apply everywhere).
 * @throws NOT_FOUND when there is no such role.
 * @throws ADMIN_PERMISSION_UNKNOWN when a permission does not exist.
 */
export async function updateRolePermissions(ctx: Ctx, code: string, input: RolePermissionsUpdate): Promise<RoleView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const unknown = input.permissions.find((permission) => !isPermission(permission));
  if (unknown) throw new AppError('ADMIN_PERMISSION_UNKNOWN', { permission: unknown });
  return ctx.db.transaction(async (tx) => {
    const [role] = await authRepo.findRoles(tx, [code]);
    if (!role) throw new AppError('NOT_FOUND');
    const before = (await authRepo.listRoles(tx)).find((candidate) => candidate.code === code)?.permissions ?? [];
    const permissions = [...new Set(input.permissions)].sort();
    await authRepo.replaceRolePermissions(tx, code, permissions);
    await audit.record(tx, ctx, { action: 'admin.role.update', entityType: 'role', entityId: code, details: { before, after: permissions } });
    return { ...role, permissions };
  });
}
