import { and, asc, count, desc, eq, like, lt } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { notifyOutbox } from './notify.tables';

/** Outbox messages, newest first, optionally for one recipient. */
export async function listOutbox(tx: Executor, query: { page: number; pageSize: number; recipient?: string | undefined }) {
  const where = query.recipient ? like(notifyOutbox.recipient, `${query.recipient.replace(/[\\%_]/g, '\\$&')}%`) : undefined;
  const rows = await tx.select().from(notifyOutbox).where(where).orderBy(desc(notifyOutbox.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(notifyOutbox).where(where);
  return { rows, total: counted?.total ?? 0 };
}

/** In-app messages of one user, newest first. */
export async function listInbox(tx: Executor, userId: string, limit: number) {
  return tx.select().from(notifyOutbox).where(and(eq(notifyOutbox.userId, userId), eq(notifyOutbox.channel, 'inbox'))).orderBy(desc(notifyOutbox.createdAt)).limit(limit);
}

/** Stores a message; false when a message with the same dedupe key is already stored. */
export async function insertMessage(tx: Tx, values: typeof notifyOutbox.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(notifyOutbox).values(values).onConflictDoNothing({ target: notifyOutbox.dedupeKey }).returning({ id: notifyOutbox.id });
  return inserted.length > 0;
}

/** SMS waiting to be sent, oldest first. */
export async function listPendingSms(tx: Executor, limit: number, maxAttempts: number) {
  return tx
    .select()
    .from(notifyOutbox)
    .where(and(eq(notifyOutbox.status, 'pending'), eq(notifyOutbox.channel, 'sms'), lt(notifyOutbox.attempts, maxAttempts)))
    .orderBy(asc(notifyOutbox.createdAt))
    .limit(limit);
}

export async function markSent(tx: Executor, id: string, attempts: number, at: Date): Promise<void> {
  await tx.update(notifyOutbox).set({ status: 'sent', sentAt: at, attempts }).where(eq(notifyOutbox.id, id));
}

/** Counts a failed attempt; the message fails for good after `maxAttempts`. */
export async function markAttemptFailed(tx: Executor, id: string, attempts: number, maxAttempts: number, error: string): Promise<void> {
  await tx.update(notifyOutbox).set({ attempts, status: attempts >= maxAttempts ? 'failed' : 'pending', error }).where(eq(notifyOutbox.id, id));
}
