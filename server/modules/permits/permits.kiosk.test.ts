import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { china, employmentMaterials, expectTalliesAgree, idOf, LONG_SESSION, registerAt } from './permits.fixtures';

const ZHAO = idOf('43010419900808201');
const LONG = LONG_SESSION;

let t: TestApp;
let district: TestUser;
let otherDistrict: TestUser;
let key: string;
let kioskId: string;
const check = { method: 'id_card_reader', passed: true, reference: 'reader-0001' };

function kiosk(path: string, body: Record<string, unknown>, auth = `Kiosk ${key}`) {
  return t.app.inject({ method: 'POST', url: `/api/permits/kiosk/${path}`, payload: body, headers: { authorization: auth } });
}

beforeAll(async () => {
  t = await buildTestApp({ now: china('2026-01-05') });
  district = await t.factories.user({ sessionHours: LONG, roles: ['district_officer'], division: '440106' });
  otherDistrict = await t.factories.user({ sessionHours: LONG, roles: ['district_officer'], division: '440111' });
  await registerAt(t, district, { idNumber: ZHAO, name: '赵一鸣', arrivedOn: '2025-05-01' }, { division: '440106006002', address: '天河区石牌西路 9 号', unit: '501' });
  const evidence = await employmentMaterials(t, district);
  const applied = await t.as(district).post('/api/permits/applications', { name: '赵一鸣', idNumber: ZHAO, basis: 'employment', basisDetail: '石牌某公司', evidence, transactionId: randomUUID() });
  expect(applied.statusCode, applied.body).toBe(201);
  const issued = await t.as(district).post(`/api/permits/applications/${applied.json<{ id: string }>().id}/actions`, { action: 'issue', transactionId: randomUUID() });
  expect(issued.json()).toMatchObject({ status: 'issued' });
});
afterAll(async () => {
  await expectTalliesAgree(t);
  await t?.close();
});

describe('self-service terminals (签注一体机)', () => {
  it('a district officer registers a terminal in the district and gets its key once; not outside the district', async () => {
    const created = await t.as(district).post('/api/permits/kiosks', { name: '石牌街道便民服务中心 1 号机', divisionCode: '440106006' });
    expect(created.statusCode, created.body).toBe(201);
    key = created.json<{ key: string }>().key;
    kioskId = created.json<{ kiosk: { id: string } }>().kiosk.id;
    expect(created.json()).toMatchObject({ kiosk: { status: 'active', keyPrefix: key.slice(0, 8) } });
    const stored = await t.handle.query<{ key_hash: string }>('select key_hash from permit_kiosks');
    expect(stored[0]!.key_hash).not.toContain(key);
    expect((await t.as(district).get('/api/permits/kiosks')).body).not.toContain(key);
    expect((await t.as(otherDistrict).post('/api/permits/kiosks', { name: '越界终端', divisionCode: '440106006' })).statusCode).toBe(404);
    expect((await t.as(otherDistrict).get('/api/permits/kiosks')).json()).toEqual({ items: [] });
  });

  it('refuses a missing or wrong key and a person whose identity the terminal did not check', async () => {
    expect((await kiosk('lookup', { idNumber: ZHAO, identityCheck: check }, 'Kiosk nope')).json()).toMatchObject({ code: 'KIOSK_KEY_INVALID' });
    expect((await kiosk('lookup', { idNumber: ZHAO, identityCheck: check }, '')).statusCode).toBe(401);
    const unchecked = await kiosk('lookup', { idNumber: ZHAO, identityCheck: { ...check, passed: false } });
    expect(unchecked.statusCode).toBe(403);
    expect(unchecked.json()).toMatchObject({ code: 'KIOSK_IDENTITY_NOT_CHECKED', messageEn: expect.any(String) });
  });

  it('looks the permit up, endorses it in its window, prints the same receipt when retried, and is audited', async () => {
    const found = await kiosk('lookup', { idNumber: ZHAO, identityCheck: check });
    expect(found.json()).toMatchObject({ name: '赵一鸣', status: 'valid', validUntil: '2027-01-05', endorsable: 'early' });
    expect((await kiosk('endorse', { idNumber: ZHAO, identityCheck: check, transactionId: randomUUID() })).json()).toMatchObject({ code: 'PERMITS_ENDORSE_TOO_EARLY', params: { date: '2026-12-05' } });
    t.setNow(china('2026-12-20'));
    const transactionId = randomUUID();
    const receipt = await kiosk('endorse', { idNumber: ZHAO, identityCheck: check, transactionId });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json()).toMatchObject({ permit: { validUntil: '2028-01-05', status: 'valid' }, kiosk: '石牌街道便民服务中心 1 号机', lines: expect.arrayContaining(['有效期至：2028-01-05']) });
    const again = await kiosk('endorse', { idNumber: ZHAO, identityCheck: check, transactionId });
    expect(again.json<{ receiptNo: string }>().receiptNo).toBe(receipt.json<{ receiptNo: string }>().receiptNo);
    expect(again.json()).toMatchObject({ permit: { validUntil: '2028-01-05' } });
    const history = await t.handle.query<{ action: string; details: string }>("select action, details from permit_actions where action = 'endorse'");
    expect(history).toHaveLength(1);
    expect(history[0]!.details).toContain('endorse_kiosk');
    const audited = await t.handle.query<{ actor_name: string }>("select actor_name from audit_log where action = 'permits.permit.endorse'");
    expect(audited[0]!.actor_name).toBe('kiosk:石牌街道便民服务中心 1 号机');
    expect((await t.as(district).get('/api/permits/kiosks')).json()).toMatchObject({ items: [{ lastUsedAt: expect.any(String) }] });
  });

  it('serves only permits of its own jurisdiction, and stops at once when revoked', async () => {
    const elsewhere = await t.as(otherDistrict).post('/api/permits/kiosks', { name: '白云区 1 号机', divisionCode: '440111' });
    const otherKey = elsewhere.json<{ key: string }>().key;
    expect((await kiosk('lookup', { idNumber: ZHAO, identityCheck: check }, `Kiosk ${otherKey}`)).statusCode).toBe(404);
    expect((await t.as(otherDistrict).post(`/api/permits/kiosks/${kioskId}/revoke`)).statusCode).toBe(404);
    expect((await t.as(district).post(`/api/permits/kiosks/${kioskId}/revoke`)).json()).toMatchObject({ status: 'revoked' });
    expect((await kiosk('lookup', { idNumber: ZHAO, identityCheck: check })).json()).toMatchObject({ code: 'KIOSK_KEY_INVALID' });
  });
});
