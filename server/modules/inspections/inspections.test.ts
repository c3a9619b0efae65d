import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HazardView, InspectionPage, InspectionView } from '@shared/inspections/inspection.schema';
import { china, idOf, LONG_SESSION, registerAt, uploadAs } from '../../test/fixtures';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { planDaily } from './index';

const COMMUNITY = '440106006002';
const LANDLORD = { idNumber: idOf('44010619700101123'), name: '出租屋房东', arrivedOn: '2015-01-01', phone: '13600001111' };
const TENANT = { idNumber: idOf('44010619950505123'), name: '租客甲', arrivedOn: '2026-01-10' };

let t: TestApp;
let admin: TestUser;
let officer: TestUser;
let worker: TestUser;
let otherWorker: TestUser;
let gas: TestUser;
let fire: TestUser;
let landlord: TestUser;
let grid = '';
let houseId = '';

const ctx = () => ({ db: t.db, now: () => t.now() });
const all = (failed: string[] = []) => ['ebike', 'gas_heater', 'wiring', 'mixed_use', 'group_rental', 'fire_exits', 'extinguishers', 'registration', 'safety_letter', 'hygiene']
  .map((code) => ({ code, passed: !failed.includes(code), ...(failed.includes(code) ? { note: '现场发现' } : {}) }));
const planned = async (user: TestUser, kind?: string) => {
  const page = (await t.as(user).get('/api/inspections/inspections?status=planned&withinDays=120')).json<InspectionPage>();
  return page.items.filter((i) => i.houseId === houseId && (!kind || i.kind === kind));
};
const submit = (user: TestUser, id: string, body: Record<string, unknown>) => t.as(user).post(`/api/inspections/inspections/${id}/submit`, { transactionId: randomUUID(), ...body });

beforeAll(async () => {
  t = await buildTestApp({ now: china('2026-03-02') });
  const user = (spec: Parameters<TestApp['factories']['user']>[0]) => t.factories.user({ sessionHours: LONG_SESSION, ...spec });
  admin = await user({ roles: ['city_admin'], division: '4401' });
  officer = await user({ roles: ['street_officer'], division: '440106006' });
  const grids = [];
  for (const name of ['巡查一网格', '巡查二网格']) grids.push((await t.as(admin).post('/api/divisions/grids', { parentCode: COMMUNITY, name })).json<{ code: string }>().code);
  grid = grids[0]!;
  worker = await user({ roles: ['grid_worker'], division: grids[0] });
  otherWorker = await user({ roles: ['grid_worker'], division: grids[1] });
  gas = await user({ roles: ['dept_reviewer'], division: '4401', department: 'gas' });
  fire = await user({ roles: ['dept_reviewer'], division: '4401', department: 'fire_rescue' });
  landlord = await user({ roles: ['landlord'], kind: 'landlord', phone: LANDLORD.phone });
  // The landlord lives elsewhere; the rental house is in the first grid and has one registered tenant.
  await registerAt(t, officer, LANDLORD, { division: COMMUNITY, address: '石牌街道房东路 1 号', unit: '101' });
  await t.handle.query('update reg_persons set phone = $1 where id_number = $2', [LANDLORD.phone, LANDLORD.idNumber]);
  const landlordId = (await t.handle.query<{ id: string }>('select id from reg_persons where id_number = $1', [LANDLORD.idNumber]))[0]!.id;
  const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: grid, address: '石牌街道巡查路 8 号' })).json<{ id: string }>();
  const house = await t.as(officer).post('/api/registry/houses', { buildingId: building.id, unit: '201', use: 'rental', areaM2: 40, ownerPersonId: landlordId, landlordPersonId: landlordId });
  expect(house.statusCode, house.body).toBe(201);
  houseId = house.json<{ id: string }>().id;
  expect((await t.as(officer).post('/api/registry/residences/arrive', { ...TENANT, houseId, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() })).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the checklist', () => {
  it('ships the 八查 items; the city edits one, a street may not', async () => {
    const list = (await t.as(worker).get('/api/inspections/checklist')).json<{ items: { code: string; department: string; serious: boolean }[] }>();
    expect(list.items.map((i) => i.code)).toEqual(['ebike', 'gas_heater', 'wiring', 'mixed_use', 'group_rental', 'fire_exits', 'extinguishers', 'registration', 'safety_letter', 'hygiene']);
    expect(list.items.find((i) => i.code === 'gas_heater')).toMatchObject({ department: 'gas', serious: true });
    expect((await t.as(officer).put('/api/inspections/checklist/hygiene', { weight: 8 })).json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
    const edited = await t.as(admin).put('/api/inspections/checklist/hygiene', { weight: 8 });
    expect(edited.json()).toMatchObject({ code: 'hygiene', weight: 8 });
    expect((await t.as(admin).put('/api/inspections/checklist/nothing', { weight: 8 })).statusCode).toBe(404);
  });
});

describe('schedules follow grades', () => {
  it('plans a new house at once, for its own grid\'s worker only', async () => {
    expect(await planDaily(ctx())).toMatchObject({ planned: expect.any(Number) });
    const mine = await planned(worker, 'routine');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dueOn: '2026-03-02', overdue: false });
    expect(await planned(otherWorker)).toEqual([]);
    expect((await t.as(otherWorker).get(`/api/inspections/inspections/${mine[0]!.id}`)).statusCode).toBe(404);
    expect((await submit(otherWorker, mine[0]!.id, { results: all() })).statusCode).toBe(404);
    // A second run plans nothing twice.
    await planDaily(ctx());
    expect(await planned(worker, 'routine')).toHaveLength(1);
  });

  it('has no graded placard before the first inspection', async () => {
    expect((await t.as(worker).get(`/api/inspections/houses/${houseId}/placard.svg`)).json()).toMatchObject({ code: 'INSPECTIONS_NOT_GRADED', messageEn: expect.stringContaining('not graded') });
  });

  it('refuses an incomplete checklist, naming every item at fault in both languages', async () => {
    const [routine] = await planned(worker, 'routine');
    const res = await submit(worker, routine!.id, { results: [{ code: 'ebike', passed: false }, { code: 'ebike', passed: true }, { code: 'nothing', passed: true }] });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; issues: { path: string; code: string; message: string; messageEn: string }[] }>();
    expect(body.code).toBe('INSPECTIONS_RESULTS_INVALID');
    expect(body.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['INSPECTIONS_FAILURE_UNDESCRIBED', 'INSPECTIONS_ITEM_TWICE', 'INSPECTIONS_ITEM_UNKNOWN', 'INSPECTIONS_ITEM_MISSING']));
    expect(body.issues.find((i) => i.path === 'results.wiring')).toMatchObject({ message: expect.stringContaining('未填写'), messageEn: expect.stringContaining('not answered') });
  });

  it('a clean house gets five stars and its next inspection a quarter later; a worse grade brings it forward', async () => {
    const [routine] = await planned(worker, 'routine');
    const tenant = (await t.as(worker).get(`/api/inspections/inspections/${routine!.id}`)).json<InspectionView>().registered;
    expect(tenant.map((o) => o.name)).toEqual([TENANT.name]);
    const done = await submit(worker, routine!.id, { results: all(), occupants: { confirmed: [tenant[0]!.personId], unregistered: [{ name: '未登记住户', phone: '13600002222' }] } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<InspectionView>()).toMatchObject({ status: 'done', doneOn: '2026-03-02' });
    const house = (await t.as(worker).get(`/api/inspections/houses/${houseId}`)).json<{ grade: { stars: number; risk: string }; nextDueOn: string }>();
    expect(house).toMatchObject({ grade: { stars: 5, risk: 'low' }, nextDueOn: '2026-05-31' });
    // The graded placard (挂牌授星) shows the stars and the risk, with the house's own QR code.
    const placard = await t.as(worker).get(`/api/inspections/houses/${houseId}/placard.svg`);
    expect(placard.statusCode).toBe(200);
    expect(placard.body).toContain('★★★★★');
    expect(placard.body).toContain('低风险');
    expect(placard.body).toContain('出租屋分级管理牌');
    expect((await t.as(otherWorker).get(`/api/inspections/houses/${houseId}/placard.svg`)).statusCode).toBe(404);
    expect((await planned(worker, 'routine'))[0]).toMatchObject({ dueOn: '2026-05-31' });
    expect(await t.handle.query("select name, status from insp_registration_tasks where house_id = $1", [houseId])).toEqual([{ name: '未登记住户', status: 'open' }]);

    // A campaign ten days later finds e-bikes charging in the stairway and improvised wiring: three stars, monthly.
    t.setNow(china('2026-03-12'));
    const campaign = await t.as(officer).post('/api/inspections/campaigns', { name: '电动自行车专项整治', divisionCode: grid, dueOn: '2026-03-20', transactionId: randomUUID() });
    expect(campaign.json()).toMatchObject({ planned: 1 });
    const [visit] = await planned(worker, 'campaign');
    const found = await submit(worker, visit!.id, { results: all(['ebike', 'wiring']) });
    expect(found.statusCode, found.body).toBe(200);
    const after = (await t.as(worker).get(`/api/inspections/houses/${houseId}`)).json<{ grade: { score: number; stars: number; risk: string; improve: { code: string; points: number }[] }; nextDueOn: string; grades: unknown[] }>();
    expect(after).toMatchObject({ grade: { score: 75, stars: 3, risk: 'medium', improve: [{ code: 'ebike', points: 15 }, { code: 'wiring', points: 10 }] }, nextDueOn: '2026-04-11' });
    expect(after.grades).toHaveLength(2);
    expect((await planned(worker, 'routine'))[0]).toMatchObject({ dueOn: '2026-04-11' });
  });
});

describe('the hazard loop', () => {
  let ebike: HazardView;

  it('notifies the landlord with a deadline; a retried submission is recorded once', async () => {
    const board = (await t.as(worker).get(`/api/inspections/hazards?houseId=${houseId}`)).json<{ items: HazardView[]; counts: Record<string, number> }>();
    expect(board.counts).toEqual({ notified: 2 });
    ebike = board.items.find((h) => h.itemCode === 'ebike')!;
    expect(ebike).toMatchObject({ status: 'notified', deadlineOn: '2026-03-19', department: 'fire_rescue' });
    const sms = await t.handle.query<{ body: string; channel: string }>("select channel, body from notify_outbox where template = 'inspections.hazard-notice' and recipient in ($1, $2) order by channel, body", [LANDLORD.phone, landlord.id]);
    expect(sms).toHaveLength(4);
    expect(sms[0]!.body).toContain('请在2026-03-19前整改');

    // The same send arriving twice (a phone on a bad connection): one inspection, one set of hazards.
    const [routine] = await planned(worker, 'routine');
    const again = { results: all(['ebike', 'wiring', 'mixed_use']), transactionId: randomUUID() };
    const first = await t.as(worker).post(`/api/inspections/inspections/${routine!.id}/submit`, again);
    const second = await t.as(worker).post(`/api/inspections/inspections/${routine!.id}/submit`, again);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json<InspectionView>().id).toBe(first.json<InspectionView>().id);
    expect(await t.handle.query("select count(*)::int as n from insp_inspection_actions where inspection_id = $1 and action = 'submit'", [routine!.id])).toEqual([{ n: 1 }]);
    expect(await t.handle.query("select count(*)::int as n from insp_hazards where house_id = $1 and item_code = 'mixed_use'", [houseId])).toEqual([{ n: 1 }]);
    expect(await t.handle.query('select count(*)::int as n from insp_grade_history where inspection_id = $1', [routine!.id])).toEqual([{ n: 1 }]);
    // A serious hazard made the house high risk: inspected weekly from now on.
    expect((await t.as(worker).get(`/api/inspections/houses/${houseId}`)).json()).toMatchObject({ grade: { risk: 'high' }, nextDueOn: '2026-03-19' });
  });

  it('the landlord reports the fix with a photo; the re-inspection closes it', async () => {
    const mine = (await t.as(landlord).get('/api/inspections/my/houses')).json<{ items: { houseId: string; grade: { stars: number }; hazards: HazardView[] }[] }>();
    expect(mine.items.map((h) => h.houseId)).toEqual([houseId]);
    expect(mine.items[0]!.hazards.map((h) => h.itemCode).sort()).toEqual(['ebike', 'mixed_use', 'wiring']);
    const photo = await uploadAs(t, landlord);
    expect((await t.as(landlord).post(`/api/inspections/my/hazards/${ebike.id}/actions`, { action: 'report_fixed', photos: [photo], transactionId: randomUUID() })).json()).toMatchObject({ code: 'INSPECTIONS_NOTE_REQUIRED' });
    const fixed = await t.as(landlord).post(`/api/inspections/my/hazards/${ebike.id}/actions`, { action: 'report_fixed', note: '已在楼下设集中充电点，楼道内车辆已清走', photos: [photo], transactionId: randomUUID() });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json<HazardView>()).toMatchObject({ status: 'fix_reported', fixPhotos: [photo] });
    // Someone else's hazard is not theirs to touch.
    const stranger = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600009999' });
    expect((await t.as(stranger).get(`/api/inspections/my/hazards/${ebike.id}`)).statusCode).toBe(404);

    const [re] = await planned(worker, 'reinspection');
    expect(re).toMatchObject({ dueOn: '2026-03-15', openHazards: 3 });
    const checked = await submit(worker, re!.id, { results: all(['wiring', 'mixed_use']) });
    expect(checked.statusCode, checked.body).toBe(200);
    const closed = (await t.as(worker).get(`/api/inspections/hazards/${ebike.id}`)).json<HazardView>();
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-03-12' });
    expect(closed.history.map((h) => h.action)).toEqual(['notify', 'report_fixed', 'pass']);
    expect(await t.handle.query("select count(*)::int as n from notify_outbox where template = 'inspections.hazard-closed' and recipient = $1", [LANDLORD.phone])).toEqual([{ n: 1 }]);
  });

  it('a serious hazard goes to its department at once; only that department acts, and the landlord hears the outcome', async () => {
    const board = (await t.as(worker).get(`/api/inspections/hazards?houseId=${houseId}&status=referred`)).json<{ items: HazardView[] }>();
    const mixed = board.items.find((h) => h.itemCode === 'mixed_use')!;
    expect(mixed).toMatchObject({ serious: true, department: 'fire_rescue' });
    expect((await t.as(gas).get(`/api/inspections/department/hazards/${mixed.id}`)).statusCode).toBe(404);
    expect((await t.as(fire).get('/api/inspections/department/hazards')).json<{ items: HazardView[] }>().items.map((h) => h.id)).toContain(mixed.id);
    expect((await t.as(worker).post(`/api/inspections/hazards/${mixed.id}/actions`, { action: 'handle', note: '越权处理', transactionId: randomUUID() })).statusCode).toBe(409);
    const handled = await t.as(fire).post(`/api/inspections/department/hazards/${mixed.id}/actions`, { action: 'handle', note: '已责令停止在住人楼层存放货物，当场清理完毕', transactionId: randomUUID() });
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json<HazardView>()).toMatchObject({ status: 'closed', outcome: '已责令停止在住人楼层存放货物，当场清理完毕' });
    const told = await t.handle.query<{ body: string }>("select body from notify_outbox where template = 'inspections.hazard-handled' and recipient = $1", [LANDLORD.phone]);
    expect(told[0]!.body).toContain('消防救援部门已处理');
  });

  it('a hazard not fixed by its deadline goes to the department by itself, once', async () => {
    const wiring = (await t.as(worker).get(`/api/inspections/hazards?houseId=${houseId}&status=notified`)).json<{ items: HazardView[] }>().items.find((h) => h.itemCode === 'wiring')!;
    expect(wiring.deadlineOn).toBe('2026-03-19');
    const daily = async () => { await t.jobs.enqueue(null, 'inspections.daily', {}); return t.jobs.drain('inspections.daily'); };
    t.setNow(china('2026-03-19'));
    await daily();
    expect((await t.as(worker).get(`/api/inspections/hazards/${wiring.id}`)).json<HazardView>().status).toBe('notified');
    t.setNow(china('2026-03-20'));
    await daily();
    await daily();
    const referred = (await t.as(worker).get(`/api/inspections/hazards/${wiring.id}`)).json<HazardView>();
    expect(referred).toMatchObject({ status: 'referred', overdue: true });
    expect(referred.history.filter((h) => h.action === 'refer')).toHaveLength(1);
    expect(referred.history.at(-1)!.details).toContain('逾期');
  });
});

describe('registration tasks', () => {
  const NEWCOMER = { idNumber: idOf('44010620000202123'), name: '未登记租客', arrivedOn: '2026-03-01' };
  type Page = { items: { id: string; name: string; idNumber: string | null; status: string; outcome: string | null; address: string; actions: string[] }[]; counts: Record<string, number>; total: number };
  const queue = async (user: TestUser, status = 'open') => (await t.as(user).get(`/api/inspections/registration-tasks?status=${status}`)).json<Page>();
  const act = (user: TestUser, id: string, body: Record<string, unknown>) => t.as(user).post(`/api/inspections/registration-tasks/${id}/actions`, { transactionId: randomUUID(), ...body });

  it('an unregistered occupant found at an inspection waits in the grid\'s queue until registered, then closes by itself', async () => {
    const [next] = await planned(worker);
    const sent = await submit(worker, next!.id, { results: all(['wiring']), occupants: { confirmed: [], unregistered: [{ name: NEWCOMER.name, idNumber: NEWCOMER.idNumber }, { name: '无证访客' }] } });
    expect(sent.statusCode, sent.body).toBe(200);
    const open = await queue(worker);
    expect(open.items.map((i) => i.name)).toEqual(expect.arrayContaining([NEWCOMER.name, '无证访客']));
    const task = open.items.find((i) => i.name === NEWCOMER.name)!;
    expect(task).toMatchObject({ address: expect.stringContaining('巡查路 8 号'), actions: ['done', 'dismiss'] });
    expect((await queue(otherWorker)).total).toBe(0);
    expect((await act(otherWorker, task.id, { action: 'dismiss', reason: '不在本网格' })).statusCode).toBe(404);
    // Done is checked against the registry: not registered yet.
    expect((await act(worker, task.id, { action: 'done' })).json()).toMatchObject({ code: 'INSPECTIONS_TASK_NOT_REGISTERED' });
    // The officer registers the newcomer at the house: the task closes by itself, with its history.
    expect((await t.as(officer).post('/api/registry/residences/arrive', { ...NEWCOMER, houseId, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() })).statusCode).toBe(200);
    const done = await queue(worker, 'done');
    expect(done.items.find((i) => i.id === task.id)).toMatchObject({ status: 'done', outcome: '已在登记系统登记', actions: [] });
    expect(await t.handle.query('select action, from_status, to_status from insp_registration_task_actions where task_id = $1 order by seq', [task.id]))
      .toEqual([{ action: 'open', from_status: 'new', to_status: 'open' }, { action: 'done', from_status: 'open', to_status: 'done' }]);
  });

  it('a task is dismissed only with the reason; a retried dismissal is recorded once', async () => {
    const visitor = (await queue(worker)).items.find((i) => i.name === '无证访客')!;
    expect((await act(worker, visitor.id, { action: 'dismiss' })).json()).toMatchObject({ code: 'INSPECTIONS_REASON_REQUIRED' });
    const body = { action: 'dismiss', reason: '临时来访，已离开', transactionId: randomUUID() };
    expect((await t.as(worker).post(`/api/inspections/registration-tasks/${visitor.id}/actions`, body)).json()).toMatchObject({ status: 'dismissed', outcome: '临时来访，已离开' });
    expect((await t.as(worker).post(`/api/inspections/registration-tasks/${visitor.id}/actions`, body)).statusCode).toBe(200);
    expect((await act(worker, visitor.id, { action: 'dismiss', reason: '再次关闭' })).statusCode).toBe(409);
    expect(await t.handle.query("select count(*)::int as n from insp_registration_task_actions where task_id = $1 and action = 'dismiss'", [visitor.id])).toEqual([{ n: 1 }]);
    expect((await queue(worker)).counts).toMatchObject({ done: 1, dismissed: 1 });
  });
});

describe('statistics, the calendar and grids', () => {
  it('the hazard tallies equal a count of the hazards, month by month, with the days to close', async () => {
    const live = await t.handle.query<{ division_code: string; month: string; found: number; closed: number; close_days: number }>(`
      select division_code, month, sum(found)::int as found, sum(closed)::int as closed, sum(close_days)::int as close_days from (
        select division_code, to_char(found_on, 'YYYY-MM') as month, 1 as found, 0 as closed, 0 as close_days from insp_hazards
        union all select division_code, to_char(closed_on, 'YYYY-MM'), 0, 1, closed_on - found_on from insp_hazards where closed_on is not null) x
      group by 1, 2 order by 1, 2`);
    expect(live.length).toBeGreaterThan(0);
    expect(await t.handle.query('select division_code, month, found, closed, close_days from insp_hazard_months order by 1, 2')).toEqual(live);
    expect(await t.handle.query('select division_code, status, n from insp_hazard_tallies where n <> 0 order by 1, 2'))
      .toEqual(await t.handle.query('select division_code, status, count(*)::int as n from insp_hazards group by 1, 2 order by 1, 2'));
    // The board's counts by status come from the tallies, and equal the hazards in the jurisdiction.
    const board = (await t.as(officer).get('/api/inspections/hazards')).json<{ counts: Record<string, number> }>();
    const counted = await t.handle.query<{ status: string; n: number }>("select status, count(*)::int as n from insp_hazards where division_code like '440106006%' group by 1");
    expect(board.counts).toEqual(Object.fromEntries(counted.map((c) => [c.status, c.n])));
    expect(Object.keys(board.counts).length).toBeGreaterThan(1);
  });

  it('per jurisdiction: coverage as of the daily count, hazards found and closed, average days to close', async () => {
    await t.jobs.enqueue(null, 'inspections.daily', {});
    await t.jobs.drain('inspections.daily');
    const [hazards] = await t.handle.query<{ found: number; closed: number; days: number; open: number }>(
      "select count(*)::int as found, count(closed_on)::int as closed, coalesce(sum(closed_on - found_on), 0)::int as days, count(*) filter (where status <> 'closed')::int as open from insp_hazards where division_code like '440106006%'");
    const res = await t.as(officer).get('/api/inspections/stats?from=2026-01&to=2026-03');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json<{ asOf: string; division: { code: string }; rows: { code: string; name: string; houses: number; found: number }[]; total: Record<string, number | null>; months: { month: string; found: number }[] }>();
    expect(stats).toMatchObject({ asOf: '2026-03-20', division: { code: '440106006' } });
    expect(stats.total).toMatchObject({ found: hazards!.found, closed: hazards!.closed, open: hazards!.open, avgCloseDays: Math.round((hazards!.days / hazards!.closed) * 10) / 10 });
    expect(stats.total.houses).toBeGreaterThanOrEqual(1);
    expect(stats.rows.find((r) => r.code === COMMUNITY)).toMatchObject({ houses: stats.total.houses, found: hazards!.found });
    // Every month of the range, the quiet ones as zero.
    expect(stats.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(stats.months.slice(0, 2).map((m) => m.found)).toEqual([0, 0]);
    // A grid worker sees their grid alone; a division outside the jurisdiction is not found; a bad month is refused.
    const mine = (await t.as(worker).get('/api/inspections/stats')).json<{ rows: { code: string }[] }>();
    expect(mine.rows.map((r) => r.code)).toEqual([grid]);
    expect((await t.as(worker).get('/api/inspections/stats?division=440106006')).statusCode).toBe(404);
    expect((await t.as(officer).get('/api/inspections/stats?from=2026-13')).statusCode).toBe(400);
    const backwards = await t.as(officer).get('/api/inspections/stats?from=2026-03&to=2026-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'INSPECTIONS_MONTHS_INVALID', message: expect.stringContaining('结束月份不能早于开始月份') });
    expect((await t.as(officer).get('/api/inspections/stats?from=2020-01&to=2026-03')).json()).toMatchObject({ code: 'INSPECTIONS_MONTHS_INVALID' });
  });

  it('the calendar counts each day\'s planned, overdue and done inspections of the jurisdiction', async () => {
    const cal = (await t.as(worker).get('/api/inspections/calendar?month=2026-03')).json<{ days: { date: string; planned: number; overdue: number; done: number }[] }>();
    expect(cal.days).toHaveLength(31);
    const done = await t.handle.query<{ d: string; n: number }>("select done_on::text as d, count(*)::int as n from insp_inspections where status = 'done' and division_code like $1 group by 1 order by 1", [`${grid}%`]);
    expect(cal.days.filter((d) => d.done > 0).map((d) => ({ d: d.date, n: d.done }))).toEqual(done);
    const plannedRows = await t.handle.query<{ d: string; n: number }>("select due_on::text as d, count(*)::int as n from insp_inspections where status = 'planned' and due_on < '2026-04-01' and division_code like $1 group by 1 order by 1", [`${grid}%`]);
    expect(cal.days.filter((d) => d.planned > 0).map((d) => ({ d: d.date, n: d.planned }))).toEqual(plannedRows);
    expect(cal.days.every((d) => d.overdue === (d.date < '2026-03-20' ? d.planned : 0))).toBe(true);
    expect((await t.as(otherWorker).get('/api/inspections/calendar?month=2026-03')).json<{ days: { done: number }[] }>().days.every((d) => d.done === 0)).toBe(true);
    // The day's list.
    const day = done[0]!.d;
    const list = (await t.as(worker).get(`/api/inspections/inspections?status=done&on=${day}`)).json<InspectionPage>();
    expect(list.total).toBe(done[0]!.n);
    expect((await t.as(worker).get('/api/inspections/calendar?month=2026-3')).statusCode).toBe(400);
  });

  it('lists the grids of the jurisdiction with their workers, buildings and houses', async () => {
    const list = (await t.as(officer).get('/api/inspections/grids')).json<{ items: { code: string; buildings: number; houses: number; workers: { name: string }[]; community: { code: string } }[]; total: number }>();
    const first = list.items.find((g) => g.code === grid)!;
    expect(first).toMatchObject({ buildings: 1, houses: 1, community: { code: COMMUNITY } });
    expect(first.workers).toHaveLength(1);
    expect(list.items.find((g) => g.code !== grid)?.workers).toHaveLength(1);
    expect((await t.as(worker).get('/api/inspections/grids')).json<{ items: { code: string }[] }>().items.map((g) => g.code)).toEqual([grid]);
  });
});

describe('cancelling inspections', () => {
  it('a campaign inspection no longer needed is cancelled with the reason, once; a routine one is not', async () => {
    t.setNow(china('2026-03-22'));
    expect((await t.as(officer).post('/api/inspections/campaigns', { name: '燃气安全专项检查', divisionCode: grid, dueOn: '2026-03-28', transactionId: randomUUID() })).statusCode).toBe(201);
    const [visit] = await planned(worker, 'campaign');
    const url = `/api/inspections/inspections/${visit!.id}/cancel`;
    expect((await t.as(worker).post(url, { reason: '不需要了', transactionId: randomUUID() })).statusCode).toBe(403);
    const bare = await t.as(officer).post(url, { transactionId: randomUUID() });
    expect(bare.statusCode).toBe(400);
    const transactionId = randomUUID();
    const cancelled = await t.as(officer).post(url, { reason: '本屋上周已完成燃气检查', transactionId });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await t.as(officer).post(url, { reason: '本屋上周已完成燃气检查', transactionId })).statusCode).toBe(200);
    expect(await t.handle.query("select action, details from insp_inspection_actions where inspection_id = $1 and action = 'cancel'", [visit!.id])).toEqual([{ action: 'cancel', details: '本屋上周已完成燃气检查' }]);
    expect((await t.as(officer).post(url, { reason: '再取消一次', transactionId: randomUUID() })).statusCode).toBe(409);
    const calendar = (await t.as(officer).get('/api/inspections/calendar?month=2026-03')).json<{ days: { date: string; cancelled: number }[] }>();
    expect(calendar.days.find((d) => d.date === '2026-03-28')).toMatchObject({ cancelled: 1 });
    // The campaign list: the street and the grid's worker see both campaigns with their progress; the next grid's worker and another street none.
    type Campaigns = { items: { name: string; division: { name: string }; inspections: number; done: number; cancelled: number; open: number; failedItems: number }[] };
    const list = (await t.as(officer).get('/api/inspections/campaigns')).json<Campaigns>();
    expect(list.items.map((c) => [c.name, c.inspections, c.done, c.cancelled, c.open])).toEqual([['燃气安全专项检查', 1, 0, 1, 0], ['电动自行车专项整治', 1, 1, 0, 0]]);
    expect(list.items[1]).toMatchObject({ failedItems: 2, division: { name: '巡查一网格' } });
    expect((await t.as(worker).get('/api/inspections/campaigns')).json<Campaigns>().items.map((c) => c.inspections)).toEqual([1, 1]);
    expect((await t.as(otherWorker).get('/api/inspections/campaigns')).json<Campaigns>().items).toEqual([]);
    const elsewhere = await t.factories.user({ roles: ['street_officer'], division: '440106007', sessionHours: LONG_SESSION });
    expect((await t.as(elsewhere).get('/api/inspections/campaigns')).json<Campaigns>().items).toEqual([]);
    const [routine] = await planned(worker, 'routine');
    const refused = await t.as(officer).post(`/api/inspections/inspections/${routine!.id}/cancel`, { reason: '不想去了', transactionId: randomUUID() });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'INSPECTIONS_CANCEL_KIND', message: expect.stringContaining('不能手工取消') });
  });

  it('a house leaving the registry has its planned inspections cancelled and is planned no more', async () => {
    const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: grid, address: '石牌街道拆迁路 3 号' })).json<{ id: string }>();
    const house = (await t.as(officer).post('/api/registry/houses', { buildingId: building.id, unit: '101', use: 'rental', areaM2: 20, ownerOrganisation: '拆迁物业' })).json<{ id: string }>();
    const before = (await t.as(worker).get(`/api/inspections/inspections?status=planned&houseId=${house.id}`)).json<InspectionPage>();
    expect(before.items).toHaveLength(1);
    // Its first inspection finds someone living there unregistered: a task, and the next routine planned.
    expect((await submit(worker, before.items[0]!.id, { results: all(), occupants: { confirmed: [], unregistered: [{ name: '拆迁楼住户' }] } })).statusCode).toBe(200);
    expect((await t.as(admin).post(`/api/registry/buildings/${building.id}/retire`)).statusCode).toBe(200);
    const after = (await t.as(worker).get(`/api/inspections/inspections?houseId=${house.id}`)).json<InspectionPage>();
    expect(after.items.map((i) => i.status).sort()).toEqual(['cancelled', 'done']);
    // Nobody can be registered there any more: the task is dismissed, with the reason and its action row.
    expect(await t.handle.query('select status, outcome from insp_registration_tasks where house_id = $1', [house.id])).toEqual([{ status: 'dismissed', outcome: '房屋已注销' }]);
    expect(await t.handle.query("select a.action from insp_registration_task_actions a join insp_registration_tasks r on r.id = a.task_id where r.house_id = $1 order by a.at, a.action desc", [house.id])).toEqual([{ action: 'open' }, { action: 'dismiss' }]);
    await planDaily(ctx());
    expect((await t.as(worker).get(`/api/inspections/inspections?status=planned&houseId=${house.id}`)).json<InspectionPage>().items).toEqual([]);
    expect(await t.handle.query('select house_id from insp_house_grades where house_id = $1', [house.id])).toEqual([]);
  });

  it('a building merged into another: what is still to do states the new address, what was done keeps the old', async () => {
    const from = (await t.as(officer).post('/api/registry/buildings', { divisionCode: grid, address: '石牌街道重名路 5 号' })).json<{ id: string }>();
    const into = (await t.as(officer).post('/api/registry/buildings', { divisionCode: grid, address: '石牌街道正名路 5 号' })).json<{ id: string }>();
    const house = (await t.as(officer).post('/api/registry/houses', { buildingId: from.id, unit: '301', use: 'rental', areaM2: 30, ownerOrganisation: '合并物业' })).json<{ id: string }>();
    const first = (await t.as(worker).get(`/api/inspections/inspections?status=planned&houseId=${house.id}`)).json<InspectionPage>().items[0]!;
    expect((await submit(worker, first.id, { results: all(['hygiene']), occupants: { confirmed: [], unregistered: [{ name: '合并楼住户' }] } })).statusCode).toBe(200);
    expect((await t.as(admin).post(`/api/registry/buildings/${from.id}/merge`, { intoId: into.id })).statusCode).toBe(200);
    const rows = (await t.as(worker).get(`/api/inspections/inspections?houseId=${house.id}&withinDays=120`)).json<InspectionPage>().items;
    expect(rows.map((i) => `${i.status}:${i.address}`).sort()).toEqual(['done:石牌街道重名路 5 号 301', 'planned:石牌街道正名路 5 号 301']);
    expect(await t.handle.query('select address from insp_house_grades where house_id = $1', [house.id])).toEqual([{ address: '石牌街道正名路 5 号 301' }]);
    expect(await t.handle.query("select address, status from insp_hazards where house_id = $1", [house.id])).toEqual([{ address: '石牌街道正名路 5 号 301', status: 'notified' }]);
    expect(await t.handle.query('select address, building_id from insp_registration_tasks where house_id = $1', [house.id])).toEqual([{ address: '石牌街道正名路 5 号 301', building_id: into.id }]);
  });
});
