import { and, asc, count, desc, eq, gt, gte, ilike, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { AuditListQuery } from '@shared/admin/admin.schema';
import type { Executor, Tx } from '../db/client';
import type { Scope } from '../auth/scope';
import { auditHead, auditLog } from './audit.tables';

function scopeFilter(scope: Scope): SQL | undefined {
  if (scope.root === null) return like(auditLog.action, '\u0000');
  // City-level readers also see rows tied to no division (logins of residents, system work).
  if (scope.root.length <= 4) return or(like(auditLog.divisionCode, `${scope.root}%`), isNull(auditLog.divisionCode));
  return like(auditLog.divisionCode, `${scope.root}%`);
}

/** Audit rows inside `scope` matching the query, newest first. */
export async function listAudit(tx: Executor, scope: Scope, query: AuditListQuery) {
  const where = and(
    scopeFilter(scope),
    query.actor ? ilike(auditLog.actorName, `${query.actor.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    query.action ? like(auditLog.action, `${query.action.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.from ? gte(auditLog.at, new Date(`${query.from}T00:00:00+08:00`)) : undefined,
    query.to ? lt(auditLog.at, new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000)) : undefined,
  );
  const rows = await tx.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(auditLog).where(where);
  return { rows, total: counted?.total ?? 0 };
}

/** The head of the chain, locked until the transaction ends so appends chain in commit order. */
export async function lockHead(tx: Tx) {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  return head;
}

/** The head of the chain, unlocked (for verification). */
export async function findHead(tx: Executor) {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  return head;
}

/** Appends a row and moves the head to it. */
export async function appendRow(tx: Tx, row: typeof auditLog.$inferInsert & { seq: number; hash: string }): Promise<void> {
  await tx.insert(auditLog).values(row);
  await tx.update(auditHead).set({ seq: row.seq, hash: row.hash }).where(eq(auditHead.id, 1));
}

/** Up to `limit` rows after sequence number `after`, in order. */
export async function listRowsAfter(tx: Executor, after: number, limit: number) {
  return tx.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(limit);
}
