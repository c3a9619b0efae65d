import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { workdayOverrides } from './calendar.tables';

/** Every override, oldest first (the table holds a few dozen rows a year). */
export async function listOverrides(tx: Executor) {
  return tx.select().from(workdayOverrides).orderBy(asc(workdayOverrides.date));
}

/** Overrides within a range of dates. */
export async function listOverridesBetween(tx: Executor, from: string, to: string) {
  return tx.select().from(workdayOverrides).where(and(gte(workdayOverrides.date, from), lte(workdayOverrides.date, to))).orderBy(asc(workdayOverrides.date));
}

export async function findOverride(tx: Executor, date: string) {
  const [row] = await tx.select().from(workdayOverrides).where(eq(workdayOverrides.date, date)).for('update');
  return row;
}

/** Sets a day's override, replacing an earlier one. */
export async function upsertOverride(tx: Tx, row: typeof workdayOverrides.$inferInsert & { updatedAt: Date }) {
  const [saved] = await tx
    .insert(workdayOverrides)
    .values(row)
    .onConflictDoUpdate({ target: workdayOverrides.date, set: { kind: row.kind, note: row.note ?? null, updatedBy: row.updatedBy ?? null, updatedAt: row.updatedAt } })
    .returning();
  return saved!;
}

export async function deleteOverride(tx: Tx, date: string): Promise<boolean> {
  const gone = await tx.delete(workdayOverrides).where(eq(workdayOverrides.date, date)).returning({ date: workdayOverrides.date });
  return gone.length > 0;
}
