import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './client';

export type CopyValue = string | number | boolean | null;

function csvCell(value: CopyValue): string {
  if (value === null) return '';
  const text = String(value);
  // Quoted, so an empty string stays an empty string and NULL stays NULL (the unquoted empty field).
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows as COPY's CSV text. */
export function toCopyCsv(rows: CopyValue[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + (rows.length ? '\n' : '');
}

/** The connection under a Drizzle transaction: a node-postgres client or PGlite's transaction. */
function connectionOf(tx: Tx): pg.PoolClient | Pick<PGlite, 'query'> {
  // Drizzle keeps the session (and its client) on the transaction; it is not part of the typed API.
  return (tx as unknown as { session: { client: pg.PoolClient | Pick<PGlite, 'query'> } }).session.client;
}

/**
 * Loads rows into `table` with COPY inside `tx`: the bulk path on both drivers (pg-copy-streams on
 * PostgreSQL, PGlite's /dev/blob device when embedded). `table` and `columns` are identifiers the caller
 * controls, never user input.
 */
export async function copyInto(tx: Tx, table: string, columns: readonly string[], rows: CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const target = `${table} (${columns.join(', ')})`;
  const csv = toCopyCsv(rows);
  const client = connectionOf(tx);
  if ('release' in client) {
    await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`)));
  } else {
    await client.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
  }
}
