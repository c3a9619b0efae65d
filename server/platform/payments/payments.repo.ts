import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { paymentEvents, paymentKeys, paymentOrders } from './payments.tables';

export type OrderRow = typeof paymentOrders.$inferSelect;

export async function insertOrder(tx: Tx, values: typeof paymentOrders.$inferInsert): Promise<OrderRow> {
  const [row] = await tx.insert(paymentOrders).values(values).returning();
  return row!;
}

export async function findOrderByToken(tx: Executor, token: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.checkoutToken, token));
  return row;
}

export async function lockOrderByNumber(tx: Tx, number: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.number, number)).for('update');
  return row;
}

export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.id, id)).for('update');
  return row;
}

export async function updateOrder(tx: Tx, id: string, values: Partial<typeof paymentOrders.$inferInsert>): Promise<void> {
  await tx.update(paymentOrders).set(values).where(eq(paymentOrders.id, id));
}

export async function listOrdersFor(tx: Executor, purpose: string, referenceIds: string[]): Promise<OrderRow[]> {
  if (referenceIds.length === 0) return [];
  return tx.select().from(paymentOrders).where(and(eq(paymentOrders.purpose, purpose), inArray(paymentOrders.referenceId, referenceIds))).orderBy(asc(paymentOrders.createdAt));
}

/** Records a provider's event once; false when the same event was recorded before (a replay). */
export async function insertEvent(tx: Tx, values: typeof paymentEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(paymentEvents).values(values).onConflictDoNothing({ target: [paymentEvents.provider, paymentEvents.eventId] }).returning({ seq: paymentEvents.seq });
  return inserted.length > 0;
}

export async function ensureKey(tx: Executor, provider: string, fresh: string): Promise<string> {
  await tx.insert(paymentKeys).values({ provider, secret: fresh }).onConflictDoNothing();
  const [row] = await tx.select({ secret: paymentKeys.secret }).from(paymentKeys).where(eq(paymentKeys.provider, provider));
  return row!.secret;
}

export async function countEvents(tx: Executor, orderId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(paymentEvents).where(eq(paymentEvents.orderId, orderId));
  return row?.n ?? 0;
}
