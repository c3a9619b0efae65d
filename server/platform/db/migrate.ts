import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { DbHandle } from './client';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../db/migrations');

/** Applies every migration in db/migrations that the database has not seen yet. */
export async function migrate(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(handle.db, { migrationsFolder: MIGRATIONS_DIR });
  }
}
