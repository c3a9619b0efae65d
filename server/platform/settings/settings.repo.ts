import { eq } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { users } from '../auth/auth.tables';
import { settings } from './settings.tables';

export type SettingRow = typeof settings.$inferSelect;

/** Every setting the city has changed (a few dozen rows), with the name of who changed it last. */
export async function listSettings(tx: Executor): Promise<(SettingRow & { updatedByName: string | null })[]> {
  const rows = await tx.select({ setting: settings, updatedByName: users.displayName }).from(settings).leftJoin(users, eq(users.id, settings.updatedBy));
  return rows.map((row) => ({ ...row.setting, updatedByName: row.updatedByName }));
}

export async function findSetting(tx: Executor, key: string): Promise<SettingRow | undefined> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key));
  return row;
}

/** Locks a setting's row, if it has one, for a change. */
export async function lockSetting(tx: Tx, key: string): Promise<SettingRow | undefined> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key)).for('update');
  return row;
}

export async function upsertSetting(tx: Tx, row: { key: string; value: number | boolean; updatedBy: string | null; updatedAt: Date }): Promise<SettingRow> {
  const [saved] = await tx
    .insert(settings)
    .values(row)
    .onConflictDoUpdate({ target: settings.key, set: { value: row.value, updatedBy: row.updatedBy, updatedAt: row.updatedAt } })
    .returning();
  return saved!;
}
