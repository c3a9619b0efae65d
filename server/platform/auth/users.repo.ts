import { and, count, desc, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type { UserListQuery } from '@shared/admin/admin.schema';
import type { Executor, Tx } from '../db/client';
import { inScope, type Scope } from './scope';
import { userRoles, users } from './auth.tables';

// Qualified by hand so that the subqueries always mean the outer user row.
const roleList = sql<string[]>`coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = "users"."id"), '{}')`;
const divisionName = sql<string | null>`(select d.name from divisions d where d.code = "users"."division_code")`;

const listColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  phone: users.phone,
  kind: users.kind,
  roles: roleList,
  divisionCode: users.divisionCode,
  divisionName,
  department: users.department,
  status: users.status,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};
export type UserListRow = {
  id: string; username: string | null; displayName: string; phone: string | null; kind: string; roles: string[];
  divisionCode: string | null; divisionName: string | null; department: string | null; status: string;
  lockedUntil: Date | null; lastLoginAt: Date | null; createdAt: Date;
};

/** Staff users whose jurisdiction lies inside `scope`, newest first. */
export async function listUsers(tx: Executor, scope: Scope, query: UserListQuery): Promise<{ rows: UserListRow[]; total: number }> {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, '\\$&')}%` : undefined;
  const where = and(
    inScope(users.divisionCode, scope),
    pattern ? or(ilike(users.username, pattern), ilike(users.displayName, pattern)) : undefined,
    query.status ? eq(users.status, query.status) : undefined,
    query.role ? exists(tx.select({ one: sql`1` }).from(userRoles).where(and(eq(userRoles.userId, users.id), eq(userRoles.roleCode, query.role)))) : undefined,
  );
  const rows = await tx.select(listColumns).from(users).where(where).orderBy(desc(users.createdAt), users.username)
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(users).where(where);
  return { rows: rows, total: counted?.total ?? 0 };
}

/** One user inside `scope`, or undefined. */
export async function findUserInScope(tx: Executor, scope: Scope, id: string): Promise<UserListRow | undefined> {
  const [row] = await tx.select(listColumns).from(users).where(and(eq(users.id, id), inScope(users.divisionCode, scope)));
  return row;
}

export async function lockUserForUpdate(tx: Tx, scope: Scope, id: string) {
  const [row] = await tx.select().from(users).where(and(eq(users.id, id), inScope(users.divisionCode, scope))).for('update');
  return row;
}

export async function updateUser(tx: Tx, id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, id));
}

export async function usernameTaken(tx: Executor, username: string): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  return Boolean(row);
}

export async function phoneTaken(tx: Executor, phone: string): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  return Boolean(row);
}
