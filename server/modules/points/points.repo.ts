import { and, asc, desc, eq, like, lte, max, or, isNull, gte } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables';
import type { Executor, Tx } from '../../platform/db/client';
import { packActions, packs } from './points.tables';

export type PackRow = typeof packs.$inferSelect;
export type PackInsert = typeof packs.$inferInsert;

// ── packs ────────────────────────────────────────────────────────────────────
// Packs are city-wide policy, not records of a jurisdiction: every caller allowed to read them reads them all.

export async function listPacks(db: Executor): Promise<PackRow[]> {
  return db.select().from(packs).orderBy(asc(packs.code), desc(packs.version));
}

export async function findPack(db: Executor, id: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(eq(packs.id, id));
  return row;
}

export async function lockPack(tx: Tx, id: string): Promise<PackRow | undefined> {
  const [row] = await tx.select().from(packs).where(eq(packs.id, id)).for('update');
  return row;
}

export async function findPackVersion(db: Executor, code: string, version: number): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.code, code), eq(packs.version, version)));
  return row;
}

export async function findPackByTransaction(db: Executor, userId: string, transactionId: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.createdBy, userId), eq(packs.transactionId, transactionId)));
  return row;
}

export async function lastVersion(tx: Tx, code: string): Promise<number> {
  const [row] = await tx.select({ v: max(packs.version) }).from(packs).where(eq(packs.code, code));
  return row?.v ?? 0;
}

/**
 * The published version in force on `on`: of the city (a code prefix such as `4401`) or of one code; the latest
 * effective date wins, then the latest version.
 */
export async function packInForce(db: Executor, on: string, filter: { city: string } | { code: string }): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(
    eq(packs.status, 'published'),
    'city' in filter ? like(packs.city, `${filter.city}%`) : eq(packs.code, filter.code),
    lte(packs.effectiveFrom, on),
    or(isNull(packs.effectiveUntil), gte(packs.effectiveUntil, on)),
  )).orderBy(desc(packs.effectiveFrom), desc(packs.version)).limit(1);
  return row;
}

/** The latest published version of a code, in force or not (for comparing with another city's or year's rules). */
export async function latestPublished(db: Executor, code: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.code, code), eq(packs.status, 'published'))).orderBy(desc(packs.version)).limit(1);
  return row;
}

export async function insertPack(tx: Tx, values: PackInsert): Promise<PackRow> {
  const [row] = await tx.insert(packs).values(values).returning();
  return row!;
}

/** Inserts a shipped pack as published version 1 unless that version exists; true when it was inserted. */
export async function insertShippedPack(tx: Tx, values: PackInsert): Promise<PackRow | undefined> {
  const [row] = await tx.insert(packs).values(values).onConflictDoNothing({ target: [packs.code, packs.version] }).returning();
  return row;
}

export async function updatePack(tx: Tx, id: string, values: Partial<PackInsert>): Promise<void> {
  await tx.update(packs).set(values).where(eq(packs.id, id));
}

export async function insertPackAction(tx: Tx, values: typeof packActions.$inferInsert): Promise<void> {
  await tx.insert(packActions).values(values);
}

export async function findPackAction(db: Executor, packId: string, transactionId: string) {
  const [row] = await db.select().from(packActions).where(and(eq(packActions.packId, packId), eq(packActions.transactionId, transactionId)));
  return row;
}

export async function packHistory(db: Executor, packId: string) {
  return db.select({ action: packActions.action, from: packActions.fromStatus, to: packActions.toStatus, at: packActions.at, details: packActions.details, actor: users.displayName })
    .from(packActions).leftJoin(users, eq(users.id, packActions.actorId))
    .where(eq(packActions.packId, packId)).orderBy(asc(packActions.seq));
}
