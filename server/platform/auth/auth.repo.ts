import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { permissionDefaults, rolePermissions, roles, sessions, smsCodes, userRoles, users } from './auth.tables';

export type UserRow = typeof users.$inferSelect;

/** Finds a user by username (staff login). */
export async function findUserByUsername(tx: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.username, username));
  return row;
}

/** Finds a user by phone (resident and landlord login). */
export async function findUserByPhone(tx: Executor, phone: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.phone, phone));
  return row;
}

export async function findUserById(tx: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

/** The roles of a user and the union of their permissions, read fresh so that edits apply at once. */
export async function listRolesAndPermissions(tx: Executor, userId: string): Promise<{ roles: string[]; permissions: string[] }> {
  const rows = await tx
    .select({ role: userRoles.roleCode, permission: rolePermissions.permission })
    .from(userRoles)
    .leftJoin(rolePermissions, eq(rolePermissions.roleCode, userRoles.roleCode))
    .where(eq(userRoles.userId, userId));
  const roleSet = new Set<string>();
  const permissionSet = new Set<string>();
  for (const row of rows) {
    roleSet.add(row.role);
    if (row.permission) permissionSet.add(row.permission);
  }
  return { roles: [...roleSet].sort(), permissions: [...permissionSet].sort() };
}

export async function recordFailedLogin(tx: Tx, userId: string, lockAfter: number, lockMinutes: number, now: Date): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${lockAfter} then ${new Date(now.getTime() + lockMinutes * 60_000).toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning();
  return row!;
}

export async function recordSuccessfulLogin(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId));
}

export async function insertSession(
  tx: Tx,
  values: { id: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null; expiresAt: Date },
): Promise<void> {
  await tx.insert(sessions).values(values);
}

export type SessionWithUser = { session: typeof sessions.$inferSelect; user: UserRow; roles: string[]; permissions: string[] };

function liveSessionQuery(db: Executor) {
  // One round trip per request: the session, its user, and the user's roles and permissions.
  return db
    .select({
      session: sessions,
      user: users,
      roles: sql<string[]>`array(select ur.role_code from user_roles ur where ur.user_id = ${users.id} order by 1)`,
      permissions: sql<string[]>`array(select distinct rp.permission from user_roles ur join role_permissions rp on rp.role_code = ur.role_code where ur.user_id = ${users.id} order by 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('anju_live_session');
}

/** Every request asks this: the statement is built and planned once per database handle, not per request. */
const liveSessionStatements = new WeakMap<object, ReturnType<typeof liveSessionQuery>>();

/** The live session with this id and its user, or undefined when missing or expired. */
export async function findLiveSession(db: Executor, id: string, now: Date): Promise<SessionWithUser | undefined> {
  let statement = liveSessionStatements.get(db);
  if (!statement) liveSessionStatements.set(db, (statement = liveSessionQuery(db)));
  const [row] = await statement.execute({ id, now: now.toISOString() });
  return row;
}

export async function touchSession(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(tx: Executor, userId: string, except?: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), except ? sql`${sessions.id} <> ${except}` : undefined));
}

/** Deletes sessions that have expired and SMS codes older than `codesBefore`; returns how many of each. */
export async function deleteExpired(tx: Executor, now: Date, codesBefore: Date): Promise<{ sessions: number; smsCodes: number }> {
  const gone = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const codes = await tx.delete(smsCodes).where(lt(smsCodes.createdAt, codesBefore)).returning({ id: smsCodes.id });
  return { sessions: gone.length, smsCodes: codes.length };
}

export async function setPassword(tx: Tx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId));
}

export async function insertSmsCode(tx: Tx, values: { phone: string; codeHash: string; expiresAt: Date; createdAt: Date }): Promise<void> {
  await tx.insert(smsCodes).values(values);
}

/** Codes sent to a phone since `since`, newest first. */
export async function listRecentSmsCodes(tx: Executor, phone: string, since: Date) {
  return tx.select().from(smsCodes).where(and(eq(smsCodes.phone, phone), gt(smsCodes.createdAt, since))).orderBy(desc(smsCodes.createdAt));
}

/** The newest unused, unexpired code of a phone, locked for the check. */
export async function findOpenSmsCodeForUpdate(tx: Tx, phone: string, now: Date) {
  const [row] = await tx
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), isNull(smsCodes.consumedAt), gt(smsCodes.expiresAt, now)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function countSmsCodeAttempt(tx: Tx, id: string): Promise<void> {
  await tx.update(smsCodes).set({ attempts: sql`${smsCodes.attempts} + 1` }).where(eq(smsCodes.id, id));
}

export async function consumeSmsCode(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, id));
}

export async function insertUser(tx: Tx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function setUserRoles(tx: Tx, userId: string, roleCodes: string[]): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleCodes.length > 0) await tx.insert(userRoles).values(roleCodes.map((roleCode) => ({ userId, roleCode })));
}

export async function listRoles(tx: Executor) {
  const rows = await tx.select().from(roles).orderBy(roles.code);
  const grants = await tx.select().from(rolePermissions);
  return rows.map((role) => ({
    ...role,
    permissions: grants.filter((grant) => grant.roleCode === role.code).map((grant) => grant.permission).sort(),
  }));
}

export async function findRoles(tx: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return tx.select().from(roles).where(inArray(roles.code, codes));
}

export async function replaceRolePermissions(tx: Tx, roleCode: string, permissions: string[]): Promise<void> {
  await tx.delete(rolePermissions).where(eq(rolePermissions.roleCode, roleCode));
  if (permissions.length > 0) await tx.insert(rolePermissions).values(permissions.map((permission) => ({ roleCode, permission })));
}

/**
 * Creates the built-in roles when missing, and grants each permission's defaults once: the first time
 * a permission is seen (a new install, or a release that adds it). An admin's later edits are never undone.
 */
export async function ensureRoles(
  tx: Tx,
  definitions: { code: string; level: string; kind: string; needsDepartment: boolean; permissions: string[] }[],
  permissions: readonly string[],
): Promise<void> {
  for (const definition of definitions) {
    await tx
      .insert(roles)
      .values({ code: definition.code, level: definition.level, kind: definition.kind, needsDepartment: definition.needsDepartment })
      .onConflictDoNothing();
  }
  const applied = new Set((await tx.select({ permission: permissionDefaults.permission }).from(permissionDefaults)).map((row) => row.permission));
  for (const permission of permissions.filter((candidate) => !applied.has(candidate))) {
    const holders = definitions.filter((definition) => definition.permissions.includes(permission));
    if (holders.length > 0) {
      await tx.insert(rolePermissions).values(holders.map((holder) => ({ roleCode: holder.code, permission }))).onConflictDoNothing();
    }
    await tx.insert(permissionDefaults).values({ permission });
  }
}

/** Active users holding `role` whose division is one of `codes` (a grid's workers). */
export async function listUsersWithRoleIn(tx: Executor, role: string, codes: string[]): Promise<{ id: string; name: string; divisionCode: string }[]> {
  if (!codes.length) return [];
  return tx.select({ id: users.id, name: users.displayName, divisionCode: sql<string>`${users.divisionCode}` }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.roleCode, role), eq(users.status, 'active'), inArray(users.divisionCode, codes))).orderBy(asc(users.displayName));
}
