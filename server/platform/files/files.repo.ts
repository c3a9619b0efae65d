import { eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client';
import { files } from './files.tables';

export type FileRow = typeof files.$inferSelect;

export async function insertFile(tx: Tx, values: typeof files.$inferInsert): Promise<FileRow> {
  const [row] = await tx.insert(files).values(values).returning();
  return row!;
}

export async function findFile(tx: Executor, id: string): Promise<FileRow | undefined> {
  const [row] = await tx.select().from(files).where(eq(files.id, id));
  return row;
}

export async function listFiles(tx: Executor, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(files).where(inArray(files.id, ids));
}
