/**
 * Person lookup at scale: a registry of PERSONS demo persons (generated once into a database the bench keeps,
 * with a progress bar; an interrupted generation resumes), searched through the HTTP API as a district officer —
 * by ID number, name prefix, phone and address — one request at a time (latency, with the server-side share
 * from Fastify's clock) and eight at once (throughput), the client in a thread of its own, against the same queries as bare SQL on the same database.
 *   npm run bench -- lookup [PERSONS=10000000] [REQUESTS=2000]
 */
import { randomUUID } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { seedPopulation } from '../server/modules/registry';
import * as authRepo from '../server/platform/auth/auth.repo';
import { newToken, sessionIdOf } from '../server/platform/auth/session';
import { prepareReferenceData } from '../server/platform/bootstrap';
import { createJobs } from '../server/platform/jobs/jobs';
import { createNotifier, devSmsProvider } from '../server/platform/notify/notify';
import { keptPostgres, measure, measureHttp, row, SERVER_URL } from './common';

const PERSONS = Number(process.argv[3] ?? 10_000_000);
const REQUESTS = Number(process.argv[4] ?? 2000);
const DISTRICT = '440106';
const CONCURRENCY = 8;

const handle = await keptPostgres(`anju_bench_lookup_${PERSONS}`);
try {
  await prepareReferenceData(handle.db, '4401');
  const progress = new SingleBar({ format: 'registry [{bar}] {percentage}% {value}/{total} persons', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 }, Presets.shades_classic);
  progress.start(PERSONS, 0);
  const started = performance.now();
  const loaded = await seedPopulation(handle.db, { city: '4401', count: PERSONS, today: '2026-11-25', focusStreet: `${DISTRICT}006` }, (done) => progress.update(done));
  progress.stop();
  if (loaded.persons > 0) {
    console.log(`generated ${loaded.persons.toLocaleString()} persons in ${((performance.now() - started) / 1000).toFixed(0)} s (${loaded.skipped.toLocaleString()} there already)`);
    // As a registry at rest is: autovacuum would do the same after a bulk load (visibility map for index-only scans).
    await handle.query('vacuum (analyze) reg_persons');
    await handle.query('analyze');
  }

  // A district officer with a session, as a browser would have one.
  const token = newToken();
  const csrf = newToken();
  await handle.db.transaction(async (tx) => {
    const user = await authRepo.insertUser(tx, { username: `bench-${randomUUID().slice(0, 8)}`, displayName: '压测区级', kind: 'staff', divisionCode: DISTRICT });
    await authRepo.setUserRoles(tx, user.id, ['district_officer']);
    await authRepo.insertSession(tx, { id: sessionIdOf(token), userId: user.id, csrfToken: csrf, ip: null, userAgent: null, expiresAt: new Date(Date.now() + 3_600_000) });
  });

  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', ANJU_DEMO: '0' });
  const jobs = createJobs(handle);
  const app = await buildApp({ config: { ...config, cookieSecure: false }, dbHandle: handle, notifier: createNotifier(handle.db, devSmsProvider()), jobs, logger: false, serveWeb: false });
  // Server-side time of each request, from Fastify's own clock (arrival to reply sent).
  const serverTimes: number[] = [];
  app.addHook('onResponse', async (_request, reply) => {
    serverTimes.push(reply.elapsedTime);
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const sample = await handle.query<{ id_number: string; name: string; phone: string | null; address: string }>(
      `select p.id_number, p.name, p.phone, b.address from reg_persons p tablesample system (1)
       join reg_residences r on r.person_id = p.id and r.status = 'active' join reg_houses h on h.id = r.house_id join reg_buildings b on b.id = h.building_id
       where p.division_code like $1 limit 500`,
      [`${DISTRICT}%`],
    );
    if (sample.length === 0) throw new Error('no persons in the district: generate more');
    const pick = <T>(list: T[], i: number) => list[i % list.length]!;
    const total = await handle.query<{ n: number }>('select count(*)::int as n from reg_persons');
    console.log(`person lookup, ${total[0]!.n.toLocaleString()} persons, ${REQUESTS} requests × ${CONCURRENCY} at once, as a district officer (${DISTRICT}); PostgreSQL at ${new URL(SERVER_URL).host}`);
    const cases: { label: string; query: (i: number) => string; bare: (i: number) => Promise<unknown> }[] = [
      {
        label: 'ID number (exact)',
        query: (i) => `idNumber=${pick(sample, i).id_number}`,
        bare: (i) => handle.query(`select * from reg_persons where division_code like $1 and id_number = $2 order by name, id limit 20`, [`${DISTRICT}%`, pick(sample, i).id_number]),
      },
      {
        label: 'name prefix (two characters)',
        query: (i) => `name=${encodeURIComponent(pick(sample, i).name.slice(0, 2))}`,
        bare: async (i) => {
          const args = [`${DISTRICT}%`, `${pick(sample, i).name.slice(0, 2)}%`];
          // The API's own form: the page's ids from the name index (which carries the division), then those rows.
          await handle.query(`select p.* from reg_persons p join (select id from reg_persons where division_code like $1 and name collate "C" like $2 order by name collate "C", id limit 20) page on page.id = p.id order by p.name collate "C", p.id`, args);
          await handle.query(`select count(*) from (select 1 from reg_persons where division_code like $1 and name collate "C" like $2 limit 1001) c`, args);
        },
      },
      {
        label: 'phone',
        query: (i) => `phone=${pick(sample.filter((s) => s.phone), i).phone}`,
        bare: (i) => handle.query(`select * from reg_persons where division_code like $1 and phone = $2 order by name, id limit 20`, [`${DISTRICT}%`, pick(sample.filter((s) => s.phone), i).phone]),
      },
      {
        label: 'address (part of the building address)',
        query: (i) => `address=${encodeURIComponent(pick(sample, i).address.slice(-8))}`,
        bare: (i) => handle.query(
          `select p.* from reg_persons p where p.division_code like $1 and p.id in (select r.person_id from reg_buildings b join reg_houses h on h.building_id = b.id join reg_residences r on r.house_id = h.id and r.status = 'active' where b.address ilike $2) order by p.name, p.id limit 20`,
          [`${DISTRICT}%`, `%${pick(sample, i).address.slice(-8)}%`],
        ),
      },
    ];
    const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    for (const c of cases) {
      const urls = Array.from({ length: REQUESTS }, (_, i) => `${address}/api/registry/persons?${c.query(i)}`);
      const headers = { cookie: `anju_session=${token}` };
      // One at a time: the latency a clerk sees, and the server's own share of it.
      serverTimes.length = 0;
      const single = await measureHttp(urls, 1, headers);
      const server = { p50: percentile(serverTimes, 0.5), p99: percentile(serverTimes, 0.99) };
      const bareSingle = await measure(REQUESTS, 1, async (i) => {
        await c.bare(i);
      });
      // Eight at once: throughput.
      const bare = await measure(REQUESTS, CONCURRENCY, async (i) => {
        await c.bare(i);
      });
      const http = await measureHttp(urls, CONCURRENCY, headers);
      console.log(`${c.label}`);
      console.log(`  ${row('baseline: bare SQL, one at a time', bareSingle)}`);
      console.log(`  ${row('HTTP API, one at a time', single, bareSingle.perSecond)}`);
      console.log(`  server-side (Fastify, request in to reply out)  p50 ${server.p50.toFixed(2)} ms  p99 ${server.p99.toFixed(2)} ms`);
      console.log(`  ${row(`baseline: bare SQL, ${CONCURRENCY} at once`, bare)}`);
      console.log(`  ${row(`HTTP API, ${CONCURRENCY} at once`, http, bare.perSecond)}`);
    }
  } finally {
    await app.close();
    await jobs.stop();
  }
} finally {
  await handle.close();
}
