import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { inScope, type Scope } from '../auth/scope';
import { divisions } from './divisions.tables';

export type DivisionRow = typeof divisions.$inferSelect;

export async function findDivision(tx: Executor, code: string): Promise<DivisionRow | undefined> {
  const [row] = await tx.select().from(divisions).where(eq(divisions.code, code));
  return row;
}

/** Names of the given divisions, by code (one query). */
export async function namesOf(tx: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await tx.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The division and its ancestors, root first. */
export async function listPath(tx: Executor, code: string): Promise<DivisionRow[]> {
  const prefixes = [2, 4, 6, 9, 12, 15].filter((length) => length <= code.length).map((length) => code.slice(0, length));
  const rows = await tx.select().from(divisions).where(inArray(divisions.code, prefixes));
  return rows.sort((a, b) => a.code.length - b.code.length);
}

// Qualified by hand: inside the subquery an unqualified "code" would mean the child's own column.
const childCount = sql<number>`(select count(*)::int from divisions c where c.parent_code = "divisions"."code")`;

/** Children of `parent` inside `scope`, with how many children each has. */
export async function listChildren(tx: Executor, scope: Scope, parent: string) {
  return tx
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, parentCode: divisions.parentCode, childCount })
    .from(divisions)
    .where(and(eq(divisions.parentCode, parent), inScope(divisions.code, scope)))
    .orderBy(asc(divisions.code));
}

/** Divisions inside `scope` whose name contains `q`, at most 50. */
export async function searchDivisions(tx: Executor, scope: Scope, q: string) {
  return tx
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, parentCode: divisions.parentCode, childCount })
    .from(divisions)
    .where(and(inScope(divisions.code, scope), like(divisions.name, `%${q.replace(/[\\%_]/g, '\\$&')}%`)))
    .orderBy(asc(divisions.code))
    .limit(50);
}

/** How many divisions of each level lie strictly below `root`. */
export async function countByLevel(tx: Executor, root: string): Promise<Record<string, number>> {
  const rows = await tx
    .select({ level: divisions.level, count: sql<number>`count(*)::int` })
    .from(divisions)
    .where(and(like(divisions.code, `${root}%`), sql`${divisions.code} <> ${root}`))
    .groupBy(divisions.level);
  return Object.fromEntries(rows.map((row) => [row.level, row.count]));
}

/** Inserts divisions, leaving existing codes as they are; returns how many were new. */
export async function insertDivisions(tx: Tx, rows: { code: string; name: string; level: string; parentCode: string | null }[]): Promise<number> {
  let added = 0;
  for (let at = 0; at < rows.length; at += 1000) {
    const inserted = await tx
      .insert(divisions)
      .values(rows.slice(at, at + 1000))
      .onConflictDoNothing()
      .returning({ code: divisions.code });
    added += inserted.length;
  }
  return added;
}

/** Holds numbering of children under `parentCode` for the rest of the transaction. */
export async function lockChildNumbering(tx: Tx, parentCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`divisions:${parentCode}`}))`);
}

/** The highest grid code under a community, to number the next one. */
export async function findLastChildCode(tx: Tx, parentCode: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ code: sql<string>`max(${divisions.code})` })
    .from(divisions)
    .where(eq(divisions.parentCode, parentCode));
  return row?.code ?? undefined;
}

export async function insertDivision(tx: Tx, row: typeof divisions.$inferInsert): Promise<DivisionRow> {
  const [inserted] = await tx.insert(divisions).values(row).returning();
  return inserted!;
}

/** Codes of communities (or any level) below `root`, in code order. */
export async function listCodesAtLevel(tx: Executor, root: string, level: string): Promise<{ code: string; name: string }[]> {
  return tx
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(like(divisions.code, `${root}%`), eq(divisions.level, level)))
    .orderBy(asc(divisions.code));
}
