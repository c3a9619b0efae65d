import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointsApplicationView, PrefillView, RoundView } from '@shared/points/application.schema';
import type { PackList } from '@shared/points/points.schema';
import { china, idOf, LONG_SESSION, registerAt, uploadAs } from '../../test/fixtures';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { ANONYMOUS } from '../../platform/http/context';
import { recordVolunteerHours } from './index';
import * as repo from './points.repo';

const STREET = '440106006';
const A = '440106006002';
const PERSON = { idNumber: idOf('44010619900301123'), name: '积分申请人', arrivedOn: '2019-01-10', phone: '13700002222' };

let t: TestApp;
let admin: TestUser;
let officer: TestUser;
let elsewhere: TestUser;
let resident: TestUser;
const reviewers: Record<string, TestUser> = {};
let round: RoundView;
let packId: string;

beforeAll(async () => {
  t = await buildTestApp({ now: china('2019-08-01') });
  const user = (spec: Parameters<TestApp['factories']['user']>[0]) => t.factories.user({ sessionHours: 2 * LONG_SESSION, ...spec });
  admin = await user({ roles: ['city_admin'], division: '4401' });
  officer = await user({ roles: ['street_officer'], division: STREET });
  elsewhere = await user({ roles: ['street_officer'], division: '440111001' });
  resident = await user({ roles: ['resident'], kind: 'resident', phone: '13700002222' });
  for (const department of ['hrss', 'education', 'public_security', 'housing_fund', 'tax', 'development_reform']) {
    reviewers[department] = await user({ roles: ['dept_reviewer'], division: '4401', department });
  }
  await registerAt(t, officer, PERSON, { division: A, address: '石牌街道积分路 1 号', unit: '101' });
  // A permit issued in August 2019, so by 2026 the person has held one for six and a half years.
  const scans = [{ kind: 'photo', fileId: await uploadAs(t, officer) }, { kind: 'id_card', fileId: await uploadAs(t, officer) }, { kind: 'employment_proof', fileId: await uploadAs(t, officer) }];
  const application = await t.as(officer).post('/api/permits/applications', { name: PERSON.name, idNumber: PERSON.idNumber, basis: 'employment', basisDetail: '天河某公司', evidence: scans, transactionId: randomUUID() });
  expect(application.statusCode, application.body).toBe(201);
  const issued = await t.as(officer).post(`/api/permits/applications/${application.json<{ id: string }>().id}/actions`, { action: 'issue', transactionId: randomUUID() });
  expect(issued.statusCode, issued.body).toBe(200);
  t.setNow(china('2026-03-02'));
  packId = (await t.as(admin).get('/api/points/packs')).json<PackList>().items.find((p) => p.code === 'gz-jfrh-2025')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('a round', () => {
  it('is opened by the city with its pack, quota, window and cut-offs; contradicting dates are named', async () => {
    const bad = await t.as(admin).post('/api/points/rounds', { name: '2026 年度积分制入户', year: 2026, packId, quota: 100, opensOn: '2026-03-31', closesOn: '2026-03-01', materialsCutoff: '2026-04-30', transactionId: randomUUID() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['closesOn', 'materialsCutoff']);
    const transactionId = randomUUID();
    const input = { name: '2026 年度积分制入户', year: 2026, packId, quota: 100, opensOn: '2026-03-01', closesOn: '2026-03-31', materialsCutoff: '2026-02-28', taxFrom: '2023-01-01', taxTo: '2025-12-31', transactionId };
    const res = await t.as(admin).post('/api/points/rounds', input);
    expect(res.statusCode, res.body).toBe(201);
    round = res.json<RoundView>();
    expect(round).toMatchObject({ status: 'open', accepting: true, tieAtCut: 'admit_all', pack: { code: 'gz-jfrh-2025' } });
    expect((await t.as(admin).post('/api/points/rounds', input)).json<RoundView>().id).toBe(round.id);
    expect((await t.as(officer).post('/api/points/rounds', { ...input, transactionId: randomUUID() })).json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('department data', () => {
  it('is loaded all or nothing, every bad row named', async () => {
    const bad = await t.as(reviewers.hrss).post('/api/points/department-records', {
      csv: `id_number,fact,value,as_of\n${PERSON.idNumber},pension_months,60,2026-02-28\n440106199003011230,pension_months,60,2026-02-28\n${PERSON.idNumber},housing_fund_months,12,2026-02-28\n${PERSON.idNumber},medical_months,-1,2026-02-28`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['rows.1.idNumber', 'rows.2.fact', 'rows.3.value']);
    expect(await t.handle.query('select count(*)::int as n from points_department_records')).toEqual([{ n: 0 }]);
    const rows = ['pension', 'medical', 'unemployment', 'injury', 'maternity'].map((k) => `${PERSON.idNumber},${k}_months,60,2026-02-28`).join('\n');
    const ok = await t.as(reviewers.hrss).post('/api/points/department-records', { csv: `id_number,fact,value,as_of\n${rows}` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ department: 'hrss', loaded: 5 });
    expect((await t.as(reviewers.housing_fund).post('/api/points/department-records', { rows: [{ idNumber: PERSON.idNumber, fact: 'housing_fund_months', value: 36, asOf: '2026-02-28' }] })).statusCode).toBe(200);
    expect((await t.as(admin).post('/api/points/department-records', { rows: [] })).json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('an application', () => {
  let application: PointsApplicationView;
  const employmentProof = async () => [await uploadAs(t, resident)];

  it('starts from what is known: registry, permits and department facts pre-filled and verified', async () => {
    const res = await t.as(resident).get(`/api/points/my/prefill?roundId=${round.id}&name=${encodeURIComponent(PERSON.name)}&idNumber=${PERSON.idNumber}`);
    expect(res.statusCode, res.body).toBe(200);
    const known = res.json<PrefillView>().known;
    expect(known.birth_date).toEqual({ value: '1990-03-01', source: 'registry', verified: true });
    expect(known.permit_valid).toMatchObject({ value: true, source: 'permits' });
    expect(known.permit_months!.value).toBe(78);
    expect(known.rented_months!.value).toBe(85);
    expect(known.pension_months).toEqual({ value: 60, source: 'department', verified: true });
    expect(known.housing_fund_months!.value).toBe(36);
    expect(known.employed).toBeUndefined();
    expect((await t.as(resident).get(`/api/points/my/prefill?roundId=${round.id}&name=${encodeURIComponent('别人')}&idNumber=${PERSON.idNumber}`)).json()).toMatchObject({ code: 'POINTS_NOT_REGISTERED' });
    // Someone else who knows the ID number and name reads nothing.
    const stranger = await t.factories.user({ roles: ['resident'], kind: 'resident', phone: '13700003333' });
    const denied = await t.as(stranger).get(`/api/points/my/prefill?roundId=${round.id}&name=${encodeURIComponent(PERSON.name)}&idNumber=${PERSON.idNumber}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'POINTS_NOT_YOURS' });
  });

  it('names every missing proof and wrong answer at once, then is submitted once under the pledge', async () => {
    const base = { roundId: round.id, name: PERSON.name, idNumber: PERSON.idNumber, pledge: true };
    const missing = await t.as(resident).post('/api/points/my/applications', { ...base, facts: { employed: { value: true }, education: { value: 'bachelor' }, blood_donations: { value: -2 } }, transactionId: randomUUID() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ code: string; issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['facts.blood_donations', 'facts.employed.evidence', 'facts.education.evidence']);
    expect((await t.as(resident).post('/api/points/my/applications', { ...base, pledge: false, facts: {}, transactionId: randomUUID() })).statusCode).toBe(400);
    const transactionId = randomUUID();
    const body = {
      ...base,
      facts: {
        employed: { value: true, evidence: await employmentProof() }, education: { value: 'bachelor', evidence: await employmentProof() },
        criminal_penalty_5y: { value: false }, public_security_penalties: { value: 0 },
        // A record wins over an answer.
        pension_months: { value: 200 },
      },
      transactionId,
    };
    const res = await t.as(resident).post('/api/points/my/applications', body);
    expect(res.statusCode, res.body).toBe(201);
    application = res.json<PointsApplicationView>();
    expect(application).toMatchObject({ status: 'in_review', submittedOn: '2026-03-02', eligible: true });
    expect(application.facts.pension_months).toMatchObject({ value: 60, verified: true });
    expect(application.facts.employed).toMatchObject({ value: true, verified: false, source: 'declared' });
    // Guangzhou defers its deduction checks: those tasks wait; the rest run in parallel.
    expect(application.tasks.map((task) => `${task.department}:${task.kind}:${task.status}`).sort()).toEqual([
      'development_reform:deduction:deferred', 'education:review:open', 'hrss:review:open', 'public_security:deduction:deferred', 'public_security:review:open', 'tax:deduction:deferred',
    ]);
    // 20 working days from Monday 2 March 2026.
    expect(application.dueOn).toBe('2026-03-30');
    // Base: permit 6 years 48, renting capped 20, insurance 5 × 5 years 50, housing fund 3 years 6, age 30; bonus: bachelor 30.
    expect(application).toMatchObject({ total: 184, rankingScore: 154 });
    expect(application.score.lines.find((l) => l.id === 'housing_rented')).toMatchObject({ raw: 35, points: 20, capped: true });
    const again = await t.as(resident).post('/api/points/my/applications', body);
    expect(again.json<PointsApplicationView>().id).toBe(application.id);
    const second = await t.as(resident).post('/api/points/my/applications', { ...body, transactionId: randomUUID() });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'POINTS_APPLICATION_OPEN', params: { number: application.number } });
  });

  const taskOf = (view: PointsApplicationView, department: string, kind = 'review') => view.tasks.find((task) => task.department === department && task.kind === kind)!;

  it('each department sees only its own queue; nobody reaches another department\'s task or another jurisdiction', async () => {
    const queue = await t.as(reviewers.hrss).get('/api/points/tasks');
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json<{ items: { department: string; applicationNumber: string; facts: string[] }[] }>().items;
    expect(items.map((i) => `${i.department}:${i.facts.join(',')}`)).toEqual(['hrss:employed']);
    const education = taskOf(application, 'education');
    const foreign = await t.as(reviewers.hrss).post(`/api/points/tasks/${education.id}/actions`, { action: 'complete', results: { education: { outcome: 'confirmed' } }, transactionId: randomUUID() });
    expect(foreign.statusCode).toBe(404);
    expect((await t.as(elsewhere).get(`/api/points/applications/${application.id}`)).statusCode).toBe(404);
    const read = await t.as(officer).get(`/api/points/applications/${application.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<PointsApplicationView>().idNumber).toBe(PERSON.idNumber);
    expect((await t.as(reviewers.hrss).get(`/api/points/applications/${application.id}`)).json<PointsApplicationView>().idNumber).not.toBe(PERSON.idNumber);
    expect(await t.handle.query("select count(*)::int as n from audit_log where action = 'points.application.read'")).toEqual([{ n: 2 }]);
  });

  it('a correction needs its reason and a valid value; corrected points are explained', async () => {
    const task = taskOf(application, 'education');
    const incomplete = await t.as(reviewers.education).post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { education: { outcome: 'corrected', value: 'phd' } }, transactionId: randomUUID() });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['results.education.reason']);
    const wrong = await t.as(reviewers.education).post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { education: { outcome: 'corrected', value: 'phd', reason: '学历认证为大专' } }, transactionId: randomUUID() });
    expect(wrong.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(['results.education.value']);
    const transactionId = randomUUID();
    const res = await t.as(reviewers.education).post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { education: { outcome: 'corrected', value: 'junior_college', reason: '学信网认证为大专学历' } }, transactionId });
    expect(res.statusCode, res.body).toBe(200);
    application = res.json<PointsApplicationView>();
    expect(application.facts.education).toMatchObject({ value: 'junior_college', verified: true, corrected: { from: 'bachelor', reason: '学信网认证为大专学历' } });
    expect(application.total).toBe(174);
    expect(taskOf(application, 'education')).toMatchObject({ status: 'done', doneOn: '2026-03-02' });
    expect(application.status).toBe('in_review');
    // A retried request changes nothing.
    expect((await t.as(reviewers.education).post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { education: { outcome: 'confirmed' } }, transactionId })).statusCode).toBe(200);
    expect(await t.handle.query("select count(*)::int as n from points_task_actions where task_id = $1", [task.id])).toEqual([{ n: 1 }]);
  });

  it('a return sends it back to the applicant with the reason; the resubmission reopens that task', async () => {
    const task = taskOf(application, 'hrss');
    const res = await t.as(reviewers.hrss).post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { employed: { outcome: 'returned', reason: '请补充近 3 个月工资流水' } }, transactionId: randomUUID() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PointsApplicationView>()).toMatchObject({ status: 'returned' });
    const inbox = await t.as(resident).get('/api/notify/inbox');
    expect(inbox.body).toContain('请补充近 3 个月工资流水');
    const mine = (await t.as(resident).get('/api/points/my/applications')).json<{ items: PointsApplicationView[] }>().items[0]!;
    expect(mine.returned).toEqual([{ fact: 'employed', label: expect.objectContaining({ zh: '在本市合法稳定就业或创业' }), reason: '请补充近 3 个月工资流水', department: 'hrss' }]);
    expect(mine.actions).toEqual(['resubmit', 'withdraw']);
    // Reviewers of other departments cannot act while it is back with the applicant.
    const blocked = await t.as(reviewers.public_security).post(`/api/points/tasks/${taskOf(application, 'public_security').id}/actions`, { action: 'complete', results: { criminal_penalty_5y: { outcome: 'confirmed' } }, transactionId: randomUUID() });
    expect(blocked.statusCode).toBe(409);
    const again = await t.as(resident).post(`/api/points/my/applications/${application.id}/actions`, { action: 'resubmit', facts: { employed: { value: true, evidence: [await uploadAs(t, resident)] } }, transactionId: randomUUID() });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<PointsApplicationView>()).toMatchObject({ status: 'in_review', returned: [] });
    expect(taskOf(again.json<PointsApplicationView>(), 'hrss')).toMatchObject({ status: 'open', results: {} });
  });

  it('is reviewed when every department is done; deferred deduction checks wait until a supervisor starts them', async () => {
    const hrss = await t.as(reviewers.hrss).post(`/api/points/tasks/${taskOf(application, 'hrss').id}/actions`, { action: 'complete', results: { employed: { outcome: 'confirmed' } }, transactionId: randomUUID() });
    expect(hrss.json<PointsApplicationView>().status).toBe('in_review');
    const done = await t.as(reviewers.public_security).post(`/api/points/tasks/${taskOf(application, 'public_security').id}/actions`, { action: 'complete', results: { criminal_penalty_5y: { outcome: 'confirmed' } }, transactionId: randomUUID() });
    application = done.json<PointsApplicationView>();
    expect(application).toMatchObject({ status: 'reviewed', reviewedOn: '2026-03-02', total: 174, rankingScore: 154, tasks: expect.any(Array) });
    expect(application.history.map((h) => h.action)).toEqual(['submit', 'return', 'resubmit', 'complete']);
    expect(taskOf(application, 'tax', 'deduction').status).toBe('deferred');
    expect((await t.as(reviewers.tax).post(`/api/points/tasks/${taskOf(application, 'tax', 'deduction').id}/actions`, { action: 'start', transactionId: randomUUID() })).statusCode).toBe(403);
    const start = await t.as(admin).post(`/api/points/tasks/${taskOf(application, 'tax', 'deduction').id}/actions`, { action: 'start', transactionId: randomUUID() });
    expect(start.statusCode, start.body).toBe(200);
    expect(taskOf(start.json<PointsApplicationView>(), 'tax', 'deduction').status).toBe('open');
  });

  it('deadlines count working days; overdue work is flagged for reviewers and supervisors', async () => {
    const base = { roundId: round.id, pledge: true, facts: { criminal_penalty_5y: { value: false } } };
    const other = { idNumber: idOf('44010619920505123'), name: '第二申请人', arrivedOn: '2020-01-10' };
    await registerAt(t, officer, other, { division: A, address: '石牌街道积分路 2 号', unit: '202' });
    const counter = await t.as(officer).post('/api/points/applications', { ...base, name: other.name, idNumber: other.idNumber, transactionId: randomUUID() });
    expect(counter.statusCode, counter.body).toBe(201);
    expect(counter.json<PointsApplicationView>()).toMatchObject({ status: 'in_review', eligible: false });
    t.setNow(china('2026-04-07'));
    const supervisor = await t.as(admin).get('/api/points/tasks?overdue=true');
    expect(supervisor.json<{ overdue: number; items: { department: string; overdue: boolean; daysLeft: number }[] }>()).toMatchObject({ overdue: 2 });
    const mine = (await t.as(reviewers.public_security).get('/api/points/tasks')).json<{ overdue: number; items: { overdue: boolean; daysLeft: number; status: string }[] }>();
    expect(mine.overdue).toBe(1);
    expect(mine.items.find((i) => i.status === 'open')).toMatchObject({ overdue: true });
    const list = (await t.as(officer).get('/api/points/applications?overdue=true')).json<{ items: { name: string; overdue: boolean; daysLeft: number }[] }>();
    expect(list.items.map((i) => i.name)).toEqual(['第二申请人']);
    // Due Monday 30 March; on 7 April, after the Qingming holiday (4–6 April), five working days late.
    expect(list.items[0]!.daysLeft).toBe(-5);
    t.setNow(china('2026-03-02'));
  });

  it('the applicant may withdraw', async () => {
    const res = await t.as(resident).post(`/api/points/my/applications/${application.id}/actions`, { action: 'withdraw', transactionId: randomUUID() });
    expect(res.json<PointsApplicationView>()).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await t.as(elsewhere).post(`/api/points/my/applications/${application.id}/actions`, { action: 'withdraw', transactionId: randomUUID() })).statusCode).toBe(403);
  });

  it('statistics come from tallies that always equal a count of the rows, in the caller\'s jurisdiction only', async () => {
    const kept = await repo.recountTallies(t.db);
    expect(kept.kept).toEqual(kept.counted);
    expect(kept.keptTasks).toEqual(kept.countedTasks);
    type Stats = { rounds: { id: string; counts: Record<string, number>; total: number; overdue: number; placesTaken: number }[]; departments: { department: string; open: number; doneOnTime: number; doneLate: number; overdue: number; onTimeRate: number | null }[] };
    const mine = (await t.as(officer).get('/api/points/stats')).json<Stats>();
    expect(mine.rounds.find((r) => r.id === round.id)).toMatchObject({ counts: { withdrawn: 1, in_review: 1 }, total: 2, overdue: 0, placesTaken: 0 });
    expect(mine.departments.find((d) => d.department === 'hrss')).toMatchObject({ doneOnTime: 1, doneLate: 0, onTimeRate: 1 });
    t.setNow(china('2026-04-07'));
    const later = (await t.as(admin).get('/api/points/stats')).json<Stats>();
    expect(later.rounds.find((r) => r.id === round.id)).toMatchObject({ overdue: 1 });
    expect(later.departments.find((d) => d.department === 'public_security')).toMatchObject({ overdue: 1 });
    t.setNow(china('2026-03-02'));
    const theirs = (await t.as(elsewhere).get('/api/points/stats')).json<Stats>();
    expect(theirs.rounds.find((r) => r.id === round.id)).toMatchObject({ counts: {}, total: 0 });
    expect(theirs.departments).toEqual([]);
  });

  it('volunteer hours the integration services record are taken as a verified fact; bad figures are refused', async () => {
    const ctx = { actor: { ...ANONYMOUS, kind: 'system' as const, displayName: 'integration' }, ip: null, requestId: randomUUID(), now: () => china('2026-03-02') };
    await t.db.transaction(async (tx) => {
      await recordVolunteerHours(ctx, tx, { idNumber: PERSON.idNumber, year: 2025, hours: 60, source: 'integration:activity-1' });
      await recordVolunteerHours(ctx, tx, { idNumber: PERSON.idNumber, year: 2023, hours: 12.5, source: 'integration:activity-2' });
      // A later figure for a year replaces the earlier one.
      await recordVolunteerHours(ctx, tx, { idNumber: PERSON.idNumber, year: 2025, hours: 80, source: 'integration:activity-3' });
    });
    const known = (await t.as(resident).get(`/api/points/my/prefill?roundId=${round.id}&name=${encodeURIComponent(PERSON.name)}&idNumber=${PERSON.idNumber}`)).json<PrefillView>().known;
    expect(known.volunteer_hours).toEqual({ value: [0, 80, 0, 12.5, 0], source: 'department', verified: true });
    const refused = t.db.transaction((tx) => recordVolunteerHours(ctx, tx, { idNumber: '440106199003011230', year: 2031, hours: -1, source: 'integration' }));
    await expect(refused).rejects.toMatchObject({ code: 'POINTS_DATA_INVALID', issues: expect.arrayContaining([expect.objectContaining({ path: 'year' }), expect.objectContaining({ path: 'hours' })]) });
    const audit = await t.handle.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'points.volunteer-hours.record'");
    expect(audit).toEqual([{ n: 3 }]);
  });
});
