/**
 * Audit chain: audited writes (one transaction per write, the head row locked, hash computed) against
 * the same row inserted bare in its own transaction, on PostgreSQL, then on PGlite.
 *   npm run bench -- audit [COUNT]
 */
import { randomUUID } from 'node:crypto';
import { record, verifyChain } from '../server/platform/audit/audit';
import { systemActor } from '../server/platform/http/context';
import { freshPglite, freshPostgres, measure, row, SERVER_URL } from './common';

const COUNT = Number(process.argv[3] ?? 2000);
const ctx = { actor: systemActor('bench'), ip: '127.0.0.1', requestId: randomUUID(), now: () => new Date() };
const details = { changes: { status: 'active', note: '样例' } };

const postgres = await freshPostgres('anju_bench_audit');
try {
  console.log(`audit chain, ${COUNT} writes each, PostgreSQL at ${new URL(SERVER_URL).host}`);
  await postgres.query(`create table bench_bare (like audit_log including defaults)`);
  for (const concurrency of [1, 8]) {
    await postgres.query('truncate bench_bare');
    const bare = await measure(COUNT, concurrency, async (i) => {
      const client = await postgres.pool!.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into bench_bare (seq, at, actor_name, action, entity_type, details, prev_hash, hash) values ($1, now(), 'bench', 'bench.write', 'bench', $2, $3, $3)`,
          [i + 1 + concurrency * COUNT, JSON.stringify(details), 'x'.repeat(64)],
        );
        await client.query('commit');
      } finally {
        client.release();
      }
    });
    const audited = await measure(COUNT, concurrency, async () => {
      await postgres.db.transaction((tx) => record(tx, ctx, { action: 'bench.write', entityType: 'bench', details }));
    });
    console.log(row(`baseline: bare insert, ${concurrency} writer(s)`, bare));
    console.log(row(`audited write, ${concurrency} writer(s)`, audited, bare.perSecond));
  }
  const started = performance.now();
  const verified = await verifyChain(postgres.db);
  console.log(`verify: ${verified.rows} rows in ${(performance.now() - started).toFixed(0)} ms (${verified.ok ? 'intact' : 'BROKEN'})`);
} finally {
  await postgres.close();
}

const pglite = await freshPglite();
try {
  const audited = await measure(COUNT, 1, async () => {
    await pglite.db.transaction((tx) => record(tx, ctx, { action: 'bench.write', entityType: 'bench', details }));
  });
  console.log(row('PGlite: audited write, 1 writer', audited));
} finally {
  await pglite.close();
}
