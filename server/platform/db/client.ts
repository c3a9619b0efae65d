import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/** Drizzle over either driver; tables are imported where they are used (no relational-query schema). */
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repos accept both. */
export type Executor = Db | Tx;
export type DbKind = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** Runs raw SQL with parameters and returns the rows (for the few places Drizzle does not fit: jobs, COPY). */
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  pool?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
};

export type DbOptions = { url?: string | undefined; dataDir?: string | undefined; poolSize?: number };

/**
 * Opens the database: a node-postgres pool when `url` is set, otherwise embedded PGlite in `dataDir`
 * (in memory when `dataDir` is `memory://`). PGlite is one session on the main thread: demos and development only.
 */
export async function openDb(options: DbOptions): Promise<DbHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { casing: 'snake_case' });
    return {
      db,
      kind: 'postgres',
      pool,
      async query(text, values) {
        return (await pool.query(text, values)).rows;
      },
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { relaxedDurability: true, extensions: { pg_trgm } });
  const db = drizzlePglite(pglite, { casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    async query(text, values) {
      return (await pglite.query(text, values)).rows as never[];
    },
    close: () => pglite.close(),
  };
}

/** The same connection string, naming another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
