import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, withDatabase, type DbHandle } from '../platform/db/client';
import { migrate } from '../platform/db/migrate';
import { prepareReferenceData } from '../reference-data';

export const TEMPLATE_DB = 'anju_test_template';

/** Creates the migrated template database that every PostgreSQL test database is copied from (vitest global setup). */
export async function createTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'anju_t\\_%' or datname = $1", [TEMPLATE_DB]);
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDb({ url: withDatabase(url, TEMPLATE_DB), poolSize: 1 });
  await migrate(handle);
  await prepareReferenceData(handle.db, '4401');
  await handle.close();
}

/** Drops every test database (vitest global teardown). */
export async function dropTestDatabases(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const rows = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'anju_t\\_%' or datname = $1", [TEMPLATE_DB]);
    for (const row of rows.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database with Guangzhou's divisions and the built-in roles: a PostgreSQL database
 * copied from the template when TEST_DATABASE_URL is set, otherwise PGlite in memory.
 */
export async function testDb(): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `anju_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await admin.query(`create database "${name}" template "${TEMPLATE_DB}"`);
          break;
        } catch (error) {
          // Two files copying the template at the same instant: PostgreSQL refuses one; try again shortly.
          if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    const handle = await openDb({ url: withDatabase(url, name), poolSize: 5 });
    const pool = handle.pool!;
    handle.close = async () => {
      await pool.end();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await dropper.end();
    };
    return handle;
  }
  const handle = await openDb({ dataDir: 'memory://' });
  await migrate(handle);
  await prepareReferenceData(handle.db, '4401');
  return handle;
}
