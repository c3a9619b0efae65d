/**
 * Ranking a round: COUNT reviewed applications (default 200,000) with many ties ranked by the pack's ranking score and
 * tie-breaks, joint ranks and the quota cut computed and the ranking stored, in one transaction, against a plain SQL
 * ORDER BY over the stored scores in the same run; then the round's next step, shortlisting the admitted (one
 * workflow transition and action row each), timed on its own.
 *   npm run bench -- ranking [COUNT]
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../server/config';
import { ensureShippedPacks } from '../server/modules/points';
import { actOnRound } from '../server/modules/points/points.round';
import { systemActor, type Ctx } from '../server/platform/http/context';
import { scorePack } from '../shared/points/engine';
import { validatePack } from '../shared/points/pack.schema';
import { SHIPPED_PACKS } from '../shared/points/packs';
import { freshPostgres, SERVER_URL } from './common';

const COUNT = Number(process.argv[3] ?? 200_000);
const QUOTA = 16_000;
const handle = await freshPostgres('anju_bench_ranking');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  console.log(`ranking ${COUNT} reviewed applications, quota ${QUOTA}, PostgreSQL at ${new URL(SERVER_URL).host}`);
  await ensureShippedPacks(handle.db);
  const [pack] = await handle.query<{ id: string }>("select id from points_packs where code = 'gz-jfrh-2025'");
  const [round] = await handle.query<{ id: string }>(
    `insert into points_rounds (name, year, pack_id, status, quota, opens_on, closes_on, materials_cutoff, tie_at_cut, transaction_id)
     values ('基准轮次', 2026, $1, 'closed', $2, '2026-10-10', '2026-11-10', '2026-09-30', 'admit_all', gen_random_uuid()) returning id`, [pack!.id, QUOTA]);
  // Facts of the size a real application carries, so that shortlisting rewrites rows of a real width.
  const facts = JSON.stringify(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`fact_${i}`, { value: i * 12, source: 'department', verified: true, evidence: [] }])));
  const generated = performance.now();
  await handle.query('select setseed(0.42)');
  await handle.query(
    `insert into points_applications (number, round_id, person_id, name, id_number, division_code, status, facts, pledged_at, total, ranking_score, tie_break_values, eligible,
       submitted_at, submitted_on, due_on, reviewed_on, applicant_user_id, transaction_id)
     select 'JF2026' || lpad(g::text, 7, '0'), $1, gen_random_uuid(), '申请人' || g, '440106199001' || lpad(g::text, 6, '0'), '440106006002', 'reviewed', $2::jsonb, now(),
       s + 30, s, jsonb_build_array(48 + floor(random() * 150), floor(random() * 120)), true,
       now() - (g || ' seconds')::interval, '2026-10-15', '2026-11-12', '2026-11-01', gen_random_uuid(), gen_random_uuid()
     from generate_series(1, $3) g, lateral (select 60 + floor(random() * 100 + g * 0) * 1.0 as s) score`, [round!.id, facts, COUNT]);
  await handle.query('vacuum analyze points_applications');
  console.log(`generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`);

  const plain: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await handle.query(
      `select id from points_applications where round_id = $1 and eligible and status in ('reviewed', 'shortlisted', 'verified', 'card_issued')
       order by ranking_score desc, (tie_break_values->>0)::numeric desc, (tie_break_values->>1)::numeric desc, id`, [round!.id]);
    plain.push(performance.now() - t0);
  }
  const baseline = median(plain);
  console.log(`baseline: plain ORDER BY over stored scores, ${COUNT} ids to the client   ${baseline.toFixed(0)} ms`);

  const ctx = {
    db: handle.db, dbHandle: handle, config: { city: '4401' } as Config, notifier: { enqueue: () => Promise.resolve(true) } as unknown as Ctx['notifier'], jobs: { enqueue: () => Promise.resolve(null) } as unknown as Ctx['jobs'],
    actor: { ...systemActor('bench'), kind: 'staff', permissions: ['points.manage'] }, scope: { root: '4401' }, lang: 'zh-CN', requestId: randomUUID(), ip: null, userAgent: null, now: () => new Date('2026-11-20T02:00:00Z'),
  } satisfies Ctx;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await actOnRound(ctx, round!.id, { action: 'rank', transactionId: randomUUID() });
    runs.push(performance.now() - t0);
    console.log(`rank round (${i === 0 ? 'first' : 'again'}: window ranks, joint ranks and the quota cut stored, the round action and audit row)   ${runs[i]!.toFixed(0)} ms  ×${(runs[i]! / baseline).toFixed(2)} of baseline`);
  }
  // The next step of the round, once the city has checked the cut: every admitted applicant moves to shortlisted.
  const t1 = performance.now();
  await actOnRound(ctx, round!.id, { action: 'shortlist', transactionId: randomUUID() });
  const shortlisting = performance.now() - t1;
  console.log(`shortlist the admitted (a later step: ${QUOTA} workflow transitions with their action rows, the notices queued)   ${shortlisting.toFixed(0)} ms`);
  const [cut] = await handle.query<{ admitted: number; cut: number; straddling: number; joint: number }>(
    `select r.admitted, r.ranks[r.admitted] as cut,
            (select count(*) from unnest(r.ranks[1:r.admitted], r.tie_sizes[1:r.admitted]) u(rank, tie_size) where u.rank + u.tie_size - 1 > $2)::int as straddling,
            (select count(*) from unnest(r.tie_sizes) t where t > 1)::int as joint
     from points_rankings r where r.round_id = $1`, [round!.id, QUOTA]);
  console.log(`admitted ${cut!.admitted} (cut at rank ${cut!.cut}; ${cut!.straddling} in a tie group across the quota, admitted whole); ${cut!.joint} applications share a rank`);

  const parsed = validatePack(SHIPPED_PACKS[0]);
  if (parsed.ok) {
    const sample = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < sample; i++) scorePack(parsed.pack, { birth_date: '1990-01-01', permit_months: i % 240, rented_months: 60, pension_months: 48 + (i % 100), education: 'bachelor' }, { applicationDate: '2026-10-15' });
    const perSecond = sample / ((performance.now() - t0) / 1000);
    console.log(`scores are computed once, at review, and stored; the engine scores ${perSecond.toFixed(0)} fact sets/s with the full explanation (${(COUNT / perSecond).toFixed(1)} s for ${COUNT})`);
  }
} finally {
  if (process.env.BENCH_KEEP !== '1') await handle.close();
  else await handle.pool?.end();
}
