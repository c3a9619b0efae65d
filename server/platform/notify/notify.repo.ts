import { count, desc, eq, like } from 'drizzle-orm';
import type { Executor } from '../db/client';
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
  return tx.select().from(notifyOutbox).where(eq(notifyOutbox.userId, userId)).orderBy(desc(notifyOutbox.createdAt)).limit(limit);
}
