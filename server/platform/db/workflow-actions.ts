import { bigint, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

function entityColumn(column: string, references: () => AnyPgColumn) {
  return uuid(column).notNull().references(references);
}

/**
 * The append-only actions table every workflow keeps: one row per status change of an entity, with the caller's
 * idempotency key (a retried request finds its row and changes nothing).
 */
export function workflowActionsTable<const K extends string>(name: string, key: K, column: string, references: () => AnyPgColumn) {
  const entity = { [key]: entityColumn(column, references) } as { [P in K]: ReturnType<typeof entityColumn> };
  return pgTable(
    name,
    {
      seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      ...entity,
      action: text('action').notNull(),
      fromStatus: text('from_status'),
      toStatus: text('to_status').notNull(),
      transactionId: uuid('transaction_id').notNull(),
      actorId: uuid('actor_id'),
      details: text('details'),
      at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex(`${name}_tx_key`).on(t.transactionId, (t as unknown as Record<K, AnyPgColumn>)[key])],
  );
}
