import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter, maskIdNumber } from '@shared/kernel/id-number';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';

const A = '440106006002';
const B = '440106006004';
const T0 = new Date('2026-10-12T02:00:00Z'); // Monday 12 October 2026, 10:00 in China

const idOf = (first17: string) => first17 + idCheckCharacter(first17);
const CHEN = idOf('43010419950101201'); // not yet registered
const HUANG = idOf('36010219930505302');
const ZHOU = idOf('44010619800101501');
const WU = idOf('45010219960909101');

let t: TestApp;
let admin: TestUser;
let officerA: TestUser;
let officerB: TestUser;
let tenant: TestUser;
let landlord: TestUser;
let houseA: string;
let tokenA: string;

type View = { id: string; status: string; idNumber: string; phone: string | null; match: string | null; actions: string[]; residenceId: string | null; reviewNote: string | null; deadlineOn: string; lateWorkdays: number };

async function tokenOf(houseId: string): Promise<string> {
  const res = await t.as(admin).get(`/api/registry/houses/${houseId}/qr`);
  return res.json<{ url: string }>().url.split('/').pop()!;
}

function declare(user: TestUser, body: Record<string, unknown>) {
  return t.as(user).post('/api/registry/declarations', { token: tokenA, transactionId: randomUUID(), ...body });
}

beforeAll(async () => {
  t = await buildTestApp({ now: T0 });
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  officerA = await t.factories.user({ roles: ['community_officer'], division: A });
  officerB = await t.factories.user({ roles: ['community_officer'], division: B });
  tenant = await t.factories.user({ roles: ['resident'], kind: 'resident', phone: '13600001111' });
  landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600002222' });
  const building = await t.as(officerA).post('/api/registry/buildings', { divisionCode: A, address: '天河区石牌东路 20 号' });
  const house = await t.as(officerA).post('/api/registry/houses', { buildingId: building.json<{ id: string }>().id, unit: '601', use: 'rental', ownerOrganisation: '石牌村经济联社' });
  houseA = house.json<{ id: string }>().id;
  tokenA = await tokenOf(houseA);
});
afterAll(async () => {
  await t?.close();
});

describe('QR self-declaration', () => {
  let chenDeclaration: string;

  it('a resident declares their own arrival; the ID number is checked, the login phone kept, the number masked back', async () => {
    const res = await declare(tenant, { kind: 'arrive', name: '陈小明', idNumber: CHEN, relation: 'tenant', date: '2026-10-09' });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<View>();
    expect(view).toMatchObject({ status: 'submitted', declarant: 'self', idNumber: maskIdNumber(CHEN), phone: '136****1111', match: null, actions: ['withdraw'] });
    chenDeclaration = view.id;
    const stored = await t.handle.query<{ phone: string; id_number: string }>('select phone, id_number from reg_declarations where id = $1', [view.id]);
    expect(stored).toEqual([{ phone: '13600001111', id_number: CHEN }]);
  });

  it('refuses a forged or revoked code, a wrong ID number, a future date, an arrival without relation, and staff', async () => {
    expect((await declare(tenant, { token: `${houseA}.1.forgedforgedforgedforg`, kind: 'arrive', name: '甲', idNumber: HUANG, relation: 'tenant', date: '2026-10-09' })).json()).toMatchObject({ code: 'REGISTRY_QR_INVALID' });
    const wrong = await declare(tenant, { kind: 'arrive', name: '甲', idNumber: `${HUANG.slice(0, 17)}${HUANG.endsWith('0') ? '1' : '0'}`, relation: 'tenant', date: '2026-10-09' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'REGISTRY_ID_CHECK' });
    expect((await declare(tenant, { kind: 'arrive', name: '甲', idNumber: HUANG, relation: 'tenant', date: '2026-10-13' })).json()).toMatchObject({ code: 'REGISTRY_DATE_FUTURE' });
    const noRelation = await declare(tenant, { kind: 'arrive', name: '甲', idNumber: HUANG, date: '2026-10-09' });
    expect(noRelation.statusCode).toBe(400);
    expect(noRelation.json<{ issues: { path: string }[] }>().issues[0]).toMatchObject({ path: 'body.relation' });
    const staff = await t.factories.user({ roles: ['community_officer', 'resident'], division: A });
    expect((await declare(staff, { kind: 'arrive', name: '甲', idNumber: HUANG, relation: 'tenant', date: '2026-10-09' })).json()).toMatchObject({ code: 'REGISTRY_DECLARATION_PORTAL_ONLY' });
    const count = await t.handle.query<{ n: number }>('select count(*)::int as n from reg_declarations');
    expect(count[0]!.n).toBe(1);
  });

  it('a retried submission is recorded once; the same declaration twice while it waits is refused', async () => {
    const body = { kind: 'arrive', name: '黄丽', idNumber: HUANG, relation: 'relative', date: '2026-10-10', transactionId: randomUUID() };
    const [first, second] = await Promise.all([declare(tenant, body), declare(tenant, body)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json<View>().id).toBe(second.json<View>().id);
    const again = await declare(tenant, { ...body, transactionId: randomUUID() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REGISTRY_DECLARATION_OPEN' });
  });

  it('staff of the community see the queue with the registry match; another community sees nothing and cannot act', async () => {
    const queue = await t.as(officerA).get('/api/registry/declarations?status=submitted');
    expect(queue.statusCode).toBe(200);
    const items = queue.json<{ items: (View & { name: string })[]; total: number }>().items;
    expect(items.map((item) => item.name).sort()).toEqual(['陈小明', '黄丽'].sort());
    expect(items.find((item) => item.name === '陈小明')).toMatchObject({ idNumber: CHEN, phone: '13600001111', match: 'new_person', actions: ['confirm', 'reject'], deadlineOn: '2026-10-13', lateWorkdays: 0 });
    const other = await t.as(officerB).get('/api/registry/declarations');
    expect(other.json()).toMatchObject({ items: [], total: 0 });
    const foreign = await t.as(officerB).post(`/api/registry/declarations/${chenDeclaration}/confirm`, { transactionId: randomUUID() });
    expect(foreign.statusCode).toBe(404);
  });

  it('confirming registers the person and the stay, counted from the day declared; the author hears by SMS; a retry changes nothing', async () => {
    t.setNow(new Date('2026-10-15T02:00:00Z'));
    await t.handle.query(`update sessions set expires_at = '2026-12-31'`);
    const transactionId = randomUUID();
    const res = await t.as(officerA).post(`/api/registry/declarations/${chenDeclaration}/confirm`, { transactionId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', actions: [] });
    const residenceId = res.json<View>().residenceId!;
    const stay = await t.handle.query<Record<string, unknown>>('select channel, declared_on::text, arrived_on::text, late_workdays, status from reg_residences where id = $1', [residenceId]);
    expect(stay).toEqual([{ channel: 'self_declared', declared_on: '2026-10-12', arrived_on: '2026-10-09', late_workdays: 0, status: 'active' }]);
    const persons = await t.handle.query<{ name: string; phone: string; division_code: string }>('select name, phone, division_code from reg_persons where id_number = $1', [CHEN]);
    expect(persons).toEqual([{ name: '陈小明', phone: '13600001111', division_code: A }]);
    expect((await t.as(officerA).post(`/api/registry/declarations/${chenDeclaration}/confirm`, { transactionId })).statusCode).toBe(200);
    const late = await t.as(officerA).post(`/api/registry/declarations/${chenDeclaration}/confirm`, { transactionId: randomUUID() });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN' });
    await t.notifier.dispatch();
    expect(t.sent.filter((sms) => sms.to === '13600001111' && sms.body.includes('已确认'))).toHaveLength(1);
    const actions = await t.handle.query<{ action: string }>('select action from reg_declaration_actions a join reg_declarations d on d.id = a.declaration_id where d.id = $1 order by seq', [chenDeclaration]);
    expect(actions.map((a) => a.action)).toEqual(['submit', 'confirm']);
    const audit = await t.handle.query<{ action: string }>(`select action from audit_log where entity_id in ($1, $2) order by seq`, [chenDeclaration, residenceId]);
    expect(audit.map((a) => a.action)).toEqual(['registry.declaration.submit', 'registry.residence.arrive', 'registry.declaration.confirm']);
  });

  it('two officers confirming at once: one wins, the other hears 409', async () => {
    const open = (await t.as(officerA).get('/api/registry/declarations?status=submitted')).json<{ items: View[] }>().items[0]!;
    const other = await t.factories.user({ roles: ['community_officer'], division: A });
    const results = await Promise.all([
      t.as(officerA).post(`/api/registry/declarations/${open.id}/confirm`, { transactionId: randomUUID() }),
      t.as(other).post(`/api/registry/declarations/${open.id}/confirm`, { transactionId: randomUUID() }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const stays = await t.handle.query<{ n: number }>('select count(*)::int as n from reg_residences r join reg_persons p on p.id = r.person_id where p.id_number = $1', [HUANG]);
    expect(stays[0]!.n).toBe(1);
  });

  it('a landlord declares a tenant leaving; confirmed, the stay ends on that day', async () => {
    const res = await declare(landlord, { kind: 'leave', name: '陈小明', idNumber: CHEN, date: '2026-10-14' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ declarant: 'landlord', phone: null });
    const confirmed = await t.as(officerA).post(`/api/registry/declarations/${res.json<View>().id}/confirm`, { transactionId: randomUUID() });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const stay = await t.handle.query<{ status: string; left_on: string }>('select r.status, r.left_on::text from reg_residences r join reg_persons p on p.id = r.person_id where p.id_number = $1', [CHEN]);
    expect(stay).toEqual([{ status: 'ended', left_on: '2026-10-14' }]);
  });

  it('someone not living there cannot be declared gone; staff reject with a reason the author reads', async () => {
    const res = await declare(landlord, { kind: 'leave', name: '周某', idNumber: ZHOU, date: '2026-10-14' });
    const id = res.json<View>().id;
    const refused = await t.as(officerA).post(`/api/registry/declarations/${id}/confirm`, { transactionId: randomUUID() });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'REGISTRY_DECLARATION_NOT_LIVING_THERE' });
    expect((await t.as(officerA).post(`/api/registry/declarations/${id}/reject`, { transactionId: randomUUID(), reason: '' })).statusCode).toBe(400);
    const rejected = await t.as(officerA).post(`/api/registry/declarations/${id}/reject`, { transactionId: randomUUID(), reason: '此人未在该房屋登记居住' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '此人未在该房屋登记居住' });
    const mine = await t.as(landlord).get('/api/registry/my/declarations');
    expect(mine.json<{ items: (View & { rejectReason: string | null; decidedBy: string | null })[] }>().items[0]).toMatchObject({ id, status: 'rejected', rejectReason: '此人未在该房屋登记居住', decidedBy: null, match: null });
    await t.notifier.dispatch();
    expect(t.sent.some((sms) => sms.to === '13600002222' && sms.body.includes('此人未在该房屋登记居住'))).toBe(true);
  });

  it('the author may withdraw while it waits; nobody else can', async () => {
    const res = await declare(tenant, { kind: 'arrive', name: '吴某', idNumber: WU, relation: 'tenant', date: '2026-10-14' });
    const id = res.json<View>().id;
    expect((await t.as(landlord).post(`/api/registry/declarations/${id}/withdraw`, { transactionId: randomUUID() })).statusCode).toBe(404);
    const withdrawn = await t.as(tenant).post(`/api/registry/declarations/${id}/withdraw`, { transactionId: randomUUID() });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await t.as(officerA).post(`/api/registry/declarations/${id}/confirm`, { transactionId: randomUUID() })).json()).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN' });
  });

  it('a name that differs from the registered one is shown to staff and cannot be confirmed', async () => {
    const res = await declare(tenant, { kind: 'arrive', name: '陈大明', idNumber: CHEN, relation: 'tenant', date: '2026-10-14' });
    const id = res.json<View>().id;
    const queue = (await t.as(officerA).get('/api/registry/declarations?status=submitted')).json<{ items: View[] }>().items;
    expect(queue.find((item) => item.id === id)).toMatchObject({ match: 'name_differs' });
    expect((await t.as(officerA).post(`/api/registry/declarations/${id}/confirm`, { transactionId: randomUUID() })).json()).toMatchObject({ code: 'REGISTRY_DECLARATION_NAME_DIFFERS' });
    await t.as(officerA).post(`/api/registry/declarations/${id}/reject`, { transactionId: randomUUID(), reason: '姓名与身份证不符' });
  });

  it('when the city confirms automatically, a clean declaration is registered at once and a doubtful one waits with the reason', async () => {
    expect((await t.as(admin).put('/api/settings/registry.selfDeclarationAutoConfirm', { value: true })).statusCode).toBe(200);
    const clean = await declare(tenant, { kind: 'arrive', name: '陈小明', idNumber: CHEN, relation: 'tenant', date: '2026-10-15' });
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json()).toMatchObject({ status: 'confirmed' });
    const doubtful = await declare(tenant, { kind: 'arrive', name: '陈二明', idNumber: CHEN, relation: 'tenant', date: '2026-10-15' });
    expect(doubtful.json()).toMatchObject({ status: 'submitted' });
    const queued = (await t.as(officerA).get('/api/registry/declarations?status=submitted')).json<{ items: View[] }>().items.find((item) => item.id === doubtful.json<View>().id);
    expect(queued?.reviewNote).toContain('姓名');
    const stays = await t.handle.query<{ channel: string; declared_by: string }>(`select channel, declared_by from reg_residences r join reg_persons p on p.id = r.person_id where p.id_number = $1 and r.status = 'active'`, [CHEN]);
    expect(stays).toEqual([{ channel: 'self_declared', declared_by: tenant.id }]);
    await t.as(admin).put('/api/settings/registry.selfDeclarationAutoConfirm', { value: false });
  });

  it('a landlord is held to the landlord deadline setting, a resident to theirs', async () => {
    await t.as(admin).put('/api/settings/registry.landlordDeadlineWorkdays', { value: 1 });
    const res = await declare(landlord, { kind: 'arrive', name: '周某', idNumber: ZHOU, relation: 'tenant', date: '2026-10-13' });
    // Arrived Tuesday 13th: one working day → Wednesday 14th; declared Thursday 15th = 1 working day late.
    expect(res.json()).toMatchObject({ deadlineOn: '2026-10-14', lateWorkdays: 1 });
    const own = await declare(tenant, { kind: 'arrive', name: '吴某', idNumber: WU, relation: 'tenant', date: '2026-10-13' });
    expect(own.json()).toMatchObject({ deadlineOn: '2026-10-16', lateWorkdays: 0 });
    await t.as(admin).put('/api/settings/registry.landlordDeadlineWorkdays', { value: 3 });
  });
});
