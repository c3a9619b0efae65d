import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openDb, withDatabase, type DbHandle } from '../server/platform/db/client';
import { migrate } from '../server/platform/db/migrate';

/** The PostgreSQL server benches use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local one. */
export const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, migrated database on the server, dropped by `close`. */
export async function freshPostgres(name: string): Promise<DbHandle> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const handle = await openDb({ url: withDatabase(SERVER_URL, name), poolSize: 10 });
  await migrate(handle);
  const close = handle.close;
  handle.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: SERVER_URL });
    await dropper.connect();
    await dropper.query(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  };
  return handle;
}

/** A fresh in-memory PGlite, migrated. */
export async function freshPglite(): Promise<DbHandle> {
  const handle = await openDb({ dataDir: 'memory://' });
  await migrate(handle);
  return handle;
}

/** Runs `task` `count` times with `concurrency` workers; returns operations per second and latency percentiles (ms). */
export async function measure(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99) };
}

export function row(label: string, figures: { perSecond: number; p50: number; p95: number; p99?: number }, baseline?: number): string {
  const ratio = baseline ? `  ×${(figures.perSecond / baseline).toFixed(2)} of baseline` : '';
  const p99 = figures.p99 === undefined ? '' : `  p99 ${figures.p99.toFixed(2)} ms`;
  return `${label.padEnd(44)} ${figures.perSecond.toFixed(0).padStart(7)}/s  p50 ${figures.p50.toFixed(2)} ms  p95 ${figures.p95.toFixed(2)} ms${p99}${ratio}`;
}

/** A database on the server that benches keep between runs (large generated data), created and migrated if missing. */
export async function keptPostgres(name: string): Promise<DbHandle> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  await admin.end();
  const handle = await openDb({ url: withDatabase(SERVER_URL, name), poolSize: 20 });
  await migrate(handle);
  return handle;
}

/** The client side of an HTTP load, in a thread of its own so that its work does not queue behind the server's. */
const HTTP_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, concurrency, headers } = workerData;
const latencies = [];
let next = 0;
(async () => {
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const t0 = performance.now();
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(response.status + ' ' + (await response.text()));
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
  }));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies });
})().catch((error) => { throw error; });
`;

/** Requests each of `urls` from another thread, `concurrency` at a time; operations per second and latency percentiles (ms). */
export async function measureHttp(urls: string[], concurrency: number, headers: Record<string, string>) {
  const { seconds, latencies } = await new Promise<{ seconds: number; latencies: number[] }>((resolve, reject) => {
    const worker = new Worker(HTTP_CLIENT, { eval: true, workerData: { urls, concurrency, headers } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: urls.length / seconds, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99) };
}
