import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCallback, devProvider } from '../../platform/payments/payments';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { china, employmentMaterials, expectTalliesAgree, idOf, LONG_SESSION, registerAt } from './permits.fixtures';

const QIAN = idOf('43010419910909301');
const LONG = LONG_SESSION;

let t: TestApp;
let officer: TestUser;
let elsewhere: TestUser;
let resident: TestUser;
let permitId: string;
let verifyToken: string;

type Replacement = { id: string; status: string; feeFen: number; payPath: string | null; order: { number: string; status: string; amountFen: number } | null; actions: string[] };

beforeAll(async () => {
  t = await buildTestApp({ now: china('2026-03-02') });
  officer = await t.factories.user({ sessionHours: LONG, roles: ['street_officer'], division: '440106006' });
  elsewhere = await t.factories.user({ sessionHours: LONG, roles: ['street_officer'], division: '440111001' });
  resident = await t.factories.user({ sessionHours: LONG, roles: ['resident'], kind: 'resident', phone: '13700002222' });
  await registerAt(t, officer, { idNumber: QIAN, name: '钱小满', arrivedOn: '2025-06-01' }, { division: '440106006002', address: '天河区石牌东路 66 号', unit: '201' });
  const evidence = await employmentMaterials(t, resident);
  const applied = await t.as(resident).post('/api/permits/my/applications', { name: '钱小满', idNumber: QIAN, basis: 'employment', basisDetail: '石牌某公司', evidence, transactionId: randomUUID() });
  const id = applied.json<{ id: string }>().id;
  await t.as(officer).post(`/api/permits/applications/${id}/actions`, { action: 'accept', transactionId: randomUUID() });
  const issued = await t.as(officer).post(`/api/permits/applications/${id}/actions`, { action: 'issue', transactionId: randomUUID() });
  permitId = issued.json<{ permitId: string }>().permitId;
  const mine = await t.as(resident).get('/api/permits/my');
  verifyToken = mine.json<{ permits: { verifyUrl: string }[] }>().permits[0]!.verifyUrl.split('/').pop()!;
});
afterAll(async () => {
  await expectTalliesAgree(t);
  await t?.close();
});

async function callback(body: { eventId: string; orderNumber: string; kind: 'paid'; amountFen: number }, signature?: string) {
  return t.anonymous.post('/api/payments/callbacks/dev', body, { 'x-anju-signature': signature ?? (await devProvider.sign(t.db, canonicalCallback(body))) });
}

describe('replacing a lost card, with the card fee', () => {
  let replacement: Replacement;

  it('the holder asks for a new card; the fee (a policy setting) becomes an order to pay; a second request while one is open is refused', async () => {
    const key = randomUUID();
    const res = await t.as(resident).post(`/api/permits/my/permits/${permitId}/replacements`, { reason: 'lost', transactionId: key });
    expect(res.statusCode, res.body).toBe(200);
    replacement = res.json<Replacement[]>()[0]!;
    expect(replacement).toMatchObject({ status: 'awaiting_payment', feeFen: 2000, order: { status: 'pending', amountFen: 2000 }, payPath: expect.stringMatching(/^\/pay\//) });
    expect((await t.as(resident).post(`/api/permits/my/permits/${permitId}/replacements`, { reason: 'lost', transactionId: key })).json<Replacement[]>()).toHaveLength(1);
    expect((await t.as(resident).post(`/api/permits/my/permits/${permitId}/replacements`, { reason: 'damaged', transactionId: randomUUID() })).json()).toMatchObject({ code: 'PERMITS_REPLACEMENT_OPEN' });
    const stranger = await t.factories.user({ sessionHours: LONG, roles: ['resident'], kind: 'resident' });
    expect((await t.as(stranger).post(`/api/permits/my/permits/${permitId}/replacements`, { reason: 'lost', transactionId: randomUUID() })).statusCode).toBe(404);
    const page = await t.anonymous.get(`/api/payments/checkout/${replacement.payPath!.split('/').pop()!}`);
    expect(page.json()).toMatchObject({ amountFen: 2000, status: 'pending', returnTo: '/portal/permit', description: expect.stringContaining('遗失补领') });
  });

  it('refuses a forged callback and a wrong amount; pays on the provider\'s signed callback, once however often it is replayed', async () => {
    const body = { eventId: `dev-${randomUUID()}`, orderNumber: replacement.order!.number, kind: 'paid' as const, amountFen: 2000 };
    const forged = await callback(body, 'forged-signature-forged-signature-xxxxxxx');
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: 'PAYMENTS_SIGNATURE_INVALID' });
    expect((await callback({ ...body, amountFen: 1 })).json()).toMatchObject({ code: 'PAYMENTS_AMOUNT_MISMATCH' });
    expect((await callback(body)).json()).toEqual({ status: 'paid', applied: true });
    expect((await callback(body)).json()).toEqual({ status: 'paid', applied: false });
    expect((await callback({ ...body, eventId: `dev-${randomUUID()}` })).json()).toEqual({ status: 'paid', applied: false });
    const [counts] = await t.handle.query<{ events: number; paid: number; steps: number }>(
      `select (select count(*)::int from payment_events) as events, (select count(*)::int from payment_orders where status = 'paid') as paid,
              (select count(*)::int from permit_replacement_actions where action = 'pay') as steps`);
    expect(counts).toEqual({ events: 2, paid: 1, steps: 1 });
    const view = (await t.as(officer).get(`/api/permits/permits/${permitId}`)).json<{ replacements: Replacement[] }>();
    expect(view.replacements[0]).toMatchObject({ status: 'paid', payPath: null, actions: ['issue', 'cancel'] });
  });

  it('staff hand over the new card: the old QR code no longer verifies, the new one does; outside the jurisdiction 404', async () => {
    expect((await t.as(elsewhere).post(`/api/permits/replacements/${replacement.id}/actions`, { action: 'issue', transactionId: randomUUID() })).statusCode).toBe(404);
    const key = randomUUID();
    const done = await t.as(officer).post(`/api/permits/replacements/${replacement.id}/actions`, { action: 'issue', transactionId: key });
    expect(done.json<Replacement[]>()[0]).toMatchObject({ status: 'issued', actions: [] });
    expect((await t.as(officer).post(`/api/permits/replacements/${replacement.id}/actions`, { action: 'issue', transactionId: key })).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/permits/verify/${verifyToken}`)).statusCode).toBe(404);
    const mine = await t.as(resident).get('/api/permits/my');
    const fresh = mine.json<{ permits: { verifyUrl: string; history: { action: string }[] }[] }>().permits[0]!;
    expect((await t.anonymous.get(`/api/permits/verify/${fresh.verifyUrl.split('/').pop()!}`)).json()).toMatchObject({ state: 'valid' });
    expect(fresh.history.map((h) => h.action)).toEqual(['issue', 'replace']);
  });

  it('a paid replacement cancelled by staff is refunded; a payment replayed after that changes nothing', async () => {
    const res = await t.as(officer).post(`/api/permits/permits/${permitId}/replacements`, { reason: 'damaged', transactionId: randomUUID() });
    const second = res.json<Replacement[]>().find((r) => r.status === 'awaiting_payment')!;
    expect(second).toMatchObject({ status: 'awaiting_payment', order: { status: 'pending' } });
    const paid = await t.anonymous.post(`/api/payments/checkout/${second.payPath!.split('/').pop()!}/pay`);
    expect(paid.json()).toMatchObject({ status: 'paid' });
    const cancelled = await t.as(officer).post(`/api/permits/replacements/${second.id}/actions`, { action: 'cancel', transactionId: randomUUID() });
    expect(cancelled.json<Replacement[]>().find((r) => r.id === second.id)).toMatchObject({ status: 'cancelled', order: { status: 'refunded', refundReason: 'replacement cancelled' } });
    const body = { eventId: `dev-${randomUUID()}`, orderNumber: second.order!.number, kind: 'paid' as const, amountFen: 2000 };
    expect((await callback(body)).json()).toEqual({ status: 'refunded', applied: false });
    expect((await t.handle.query<{ status: string }>('select status from permit_replacements where id = $1', [second.id]))[0]!.status).toBe('cancelled');
  });

  it('a move inside the city changes the address the permit states, in its history; statistics count the year\'s issues', async () => {
    const building = await t.as(officer).post('/api/registry/buildings', { divisionCode: '440106006004', address: '天河区石牌南路 3 号' });
    const house = await t.as(officer).post('/api/registry/houses', { buildingId: building.json<{ id: string }>().id, unit: '902', use: 'rental', ownerOrganisation: '石牌物业' });
    const moved = await t.as(officer).post('/api/registry/residences/arrive', { idNumber: QIAN, name: '钱小满', houseId: house.json<{ id: string }>().id, relation: 'tenant', arrivedOn: '2026-03-02', transactionId: randomUUID() });
    expect(moved.statusCode, moved.body).toBe(200);
    const view = (await t.as(officer).get(`/api/permits/permits/${permitId}`)).json<{ address: string; divisionCode: string; history: { action: string; details: string }[] }>();
    expect(view).toMatchObject({ address: '天河区石牌南路 3 号 902', divisionCode: '440106006004' });
    expect(view.history.at(-1)).toMatchObject({ action: 'change_address', details: '天河区石牌东路 66 号 201 → 天河区石牌南路 3 号 902' });
    const stats = (await t.as(officer).get('/api/permits/stats')).json<{ thisYear: { issued: number }; permits: { valid: number } }>();
    expect(stats).toMatchObject({ thisYear: { issued: 1 }, permits: { valid: 1 } });
  });

  it('a move in a bulk import changes the permit\'s address as well', async () => {
    const building = await t.as(officer).post('/api/registry/buildings', { divisionCode: '440106006002', address: '天河区石牌东路 99 号' });
    await t.as(officer).post('/api/registry/houses', { buildingId: building.json<{ id: string }>().id, unit: '1001', use: 'rental', ownerOrganisation: '石牌物业' });
    const csv = `姓名,身份证号码,地址,房号,居住关系,入住日期\n钱小满,${QIAN},天河区石牌东路 99 号,1001,租住,2026-03-02\n`;
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/registry/imports?fileName=move.csv', payload: csv, headers: { 'content-type': 'text/csv', cookie: `anju_session=${officer.token}`, 'x-csrf-token': officer.csrfToken } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await t.jobs.drain('registry.import');
    const done = await t.as(officer).get(`/api/registry/imports/${uploaded.json<{ id: string }>().id}`);
    expect(done.json()).toMatchObject({ status: 'done', accepted: 1 });
    const view = (await t.as(officer).get(`/api/permits/permits/${permitId}`)).json<{ address: string; history: { action: string }[] }>();
    expect(view.address).toBe('天河区石牌东路 99 号 1001');
    expect(view.history.filter((h) => h.action === 'change_address')).toHaveLength(2);
  });

  it('the holder\'s building merged into its duplicate: the permit states the address that stays', async () => {
    const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: '440106006002', address: '天河区石牌东路 99 号之一' })).json<{ id: string }>();
    const from = (await t.handle.query<{ building_id: string }>("select h.building_id from reg_houses h join reg_buildings b on b.id = h.building_id where b.address = '天河区石牌东路 99 号' and h.unit = '1001'"))[0]!.building_id;
    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    expect((await t.as(admin).post(`/api/registry/buildings/${from}/merge`, { intoId: building.id })).statusCode).toBe(200);
    const view = (await t.as(officer).get(`/api/permits/permits/${permitId}`)).json<{ address: string; history: { action: string; details: string }[] }>();
    expect(view.address).toBe('天河区石牌东路 99 号之一 1001');
    expect(view.history.at(-1)).toMatchObject({ action: 'change_address', details: '天河区石牌东路 99 号 1001 → 天河区石牌东路 99 号之一 1001' });
  });
});
