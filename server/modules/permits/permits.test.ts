import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@shared/kernel/id-number';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { remindEndorsements, suspendLapsed } from './index';
import { china, expectTalliesAgree, idOf, LONG_SESSION } from './permits.fixtures';

const A = '440106006002';
const B = '440111001001';
const LIN = idOf('43010419920315201');
const KID = idOf('43010420150601301');
const GUARDIAN = idOf('43010419850101402');
const LONG = LONG_SESSION;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%demo\n');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

let t: TestApp;
let officer: TestUser;
let officer2: TestUser;
let community: TestUser;
let elsewhere: TestUser;
let resident: TestUser;
let houseId: string;

type Application = { id: string; number: string; status: string; actions: string[]; dueOn: string | null; daysLeft: number | null; overdue: boolean; missing: string[]; permitId: string | null; idNumber: string; registeredSince: string; eligibleFrom: string };
type Permit = { id: string; number: string; status: string; validUntil: string; windowOpensOn: string; runSince: string; endorsedYears: number; endorsable: string | null; verifyUrl: string | null; qrPng: string | null; actions: string[] };

async function upload(user: TestUser, bytes: Buffer, type: string, name = 'scan') {
  return t.app.inject({ method: 'POST', url: `/api/files?name=${name}`, payload: bytes, headers: { 'content-type': type, cookie: `anju_session=${user.token}`, 'x-csrf-token': user.csrfToken } });
}

async function materials(user: TestUser, kinds: string[]) {
  const evidence = [];
  for (const kind of kinds) {
    const res = await upload(user, kind === 'photo' ? PNG : kind === 'id_card' ? PDF : JPEG, kind === 'photo' ? 'image/png' : kind === 'id_card' ? 'application/pdf' : 'image/jpeg', kind);
    expect(res.statusCode, res.body).toBe(201);
    evidence.push({ kind, fileId: res.json<{ id: string }>().id });
  }
  return evidence;
}

async function register(idNumber: string, name: string, arrivedOn: string) {
  const res = await t.as(officer).post('/api/registry/residences/arrive', { idNumber, name, houseId, relation: 'tenant', arrivedOn, registerIfNew: true, transactionId: randomUUID() });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp({ now: china('2026-01-20') });
  officer = await t.factories.user({ sessionHours: LONG, roles: ['street_officer'], division: '440106006' });
  officer2 = await t.factories.user({ sessionHours: LONG, roles: ['street_officer'], division: '440106006' });
  community = await t.factories.user({ sessionHours: LONG, roles: ['community_officer'], division: A });
  elsewhere = await t.factories.user({ sessionHours: LONG, roles: ['street_officer'], division: '440111001' });
  resident = await t.factories.user({ sessionHours: LONG, roles: ['resident'], kind: 'resident', phone: '13700001111' });
  const building = await t.as(officer).post('/api/registry/buildings', { divisionCode: A, address: '天河区石牌东路 88 号' });
  const house = await t.as(officer).post('/api/registry/houses', { buildingId: building.json<{ id: string }>().id, unit: '302', use: 'rental', ownerOrganisation: '石牌村经济联社' });
  houseId = house.json<{ id: string }>().id;
  await register(LIN, '林晓雨', '2026-01-15');
  await register(KID, '林小禾', '2026-01-15');
  expect(B).not.toBe(A);
});
afterAll(async () => {
  await expectTalliesAgree(t);
  await t?.close();
});

describe('uploads', () => {
  it('takes JPEG, PNG and PDF by their content, refusing anything else, a type that lies, and an empty body', async () => {
    expect((await upload(resident, PNG, 'image/png')).statusCode).toBe(201);
    const text = await upload(resident, Buffer.from('hello'), 'application/octet-stream');
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', messageEn: expect.stringContaining('PDF') });
    expect((await upload(resident, PNG, 'image/jpeg')).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect((await upload(resident, Buffer.alloc(0), 'image/png')).json()).toMatchObject({ code: 'FILE_REQUIRED' });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(resident, big, 'image/png')).json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect((await t.anonymous.post('/api/files?name=x', 'x')).statusCode).toBe(401);
  });
});

describe('a permit from application to endorsement', () => {
  let application: Application;
  let permit: Permit;

  it('tells someone who applies too early the date from which they may, before and on submitting', async () => {
    t.setNow(china('2026-07-14'));
    const check = await t.as(resident).get(`/api/permits/my/eligibility?idNumber=${LIN}&name=${encodeURIComponent('林晓雨')}`);
    expect(check.json()).toMatchObject({ registered: true, registeredSince: '2026-01-15', eligibleFrom: '2026-07-15', eligibleNow: false, problems: [{ code: 'PERMITS_TOO_EARLY' }] });
    const early = await t.as(resident).post('/api/permits/my/applications', { name: '林晓雨', idNumber: LIN, basis: 'employment', basisDetail: '天河某科技公司', evidence: [], transactionId: randomUUID() });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'PERMITS_TOO_EARLY', message: expect.stringContaining('2026-07-15') });
    const stranger = await t.as(resident).get(`/api/permits/my/eligibility?idNumber=${LIN}&name=${encodeURIComponent('林晓')}`);
    expect(stranger.json()).toMatchObject({ registered: false, problems: [{ code: 'PERMITS_NOT_REGISTERED' }] });
  });

  it('names every missing material at once (一次性告知), then takes a complete application once however often it is sent', async () => {
    t.setNow(china('2026-07-15'));
    const photoOnly = await materials(resident, ['photo']);
    const missing = await t.as(resident).post('/api/permits/my/applications', { name: '林晓雨', idNumber: LIN, basis: 'employment', basisDetail: '天河某科技公司', evidence: photoOnly, transactionId: randomUUID() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'PERMITS_MATERIALS_MISSING', params: { count: 2 } });
    expect(missing.json<{ issues: { path: string; messageEn: string }[] }>().issues.map((i) => i.path)).toEqual(['evidence.id_card', 'evidence.employment_proof']);
    const evidence = await materials(resident, ['photo', 'id_card', 'employment_proof']);
    const body = { name: '林晓雨', idNumber: LIN, basis: 'employment', basisDetail: '天河某科技公司', evidence, transactionId: randomUUID() };
    const first = await t.as(resident).post('/api/permits/my/applications', body);
    expect(first.statusCode, first.body).toBe(201);
    application = first.json<Application>();
    expect(application).toMatchObject({ status: 'submitted', registeredSince: '2026-01-15', eligibleFrom: '2026-07-15', actions: ['withdraw'], idNumber: LIN });
    expect((await t.as(resident).post('/api/permits/my/applications', body)).json<Application>().id).toBe(application.id);
    const another = await t.as(resident).post('/api/permits/my/applications', { ...body, transactionId: randomUUID() });
    expect(another.statusCode).toBe(409);
    expect(another.json()).toMatchObject({ code: 'PERMITS_APPLICATION_OPEN' });
  });

  it('refuses another person\'s files, and an under-16 applying without a guardian', async () => {
    const other = await t.factories.user({ sessionHours: LONG, roles: ['resident'], kind: 'resident' });
    const theirs = await materials(other, ['photo', 'id_card', 'study_proof']);
    const kid = await t.as(resident).post('/api/permits/my/applications', { name: '林小禾', idNumber: KID, basis: 'study', basisDetail: '石牌小学', evidence: theirs, transactionId: randomUUID() });
    expect(kid.json()).toMatchObject({ code: 'PERMITS_PROXY_REQUIRED' });
    const withProxy = await t.as(resident).post('/api/permits/my/applications', {
      name: '林小禾', idNumber: KID, basis: 'study', basisDetail: '石牌小学', evidence: theirs, proxy: { name: '林大山', idNumber: GUARDIAN, relation: 'guardian', reason: 'under_16' }, transactionId: randomUUID(),
    });
    expect(withProxy.json()).toMatchObject({ code: 'PERMITS_FILE_UNKNOWN' });
  });

  it('is invisible outside the jurisdiction and masked for those without the personal-data permission', async () => {
    expect((await t.as(elsewhere).get(`/api/permits/applications/${application.id}`)).statusCode).toBe(404);
    expect((await t.as(elsewhere).post(`/api/permits/applications/${application.id}/actions`, { action: 'accept', transactionId: randomUUID() })).statusCode).toBe(404);
    expect((await t.as(elsewhere).get('/api/permits/applications')).json()).toMatchObject({ total: 0 });
    const queue = await t.as(officer).get('/api/permits/applications?status=submitted');
    expect(queue.json()).toMatchObject({ total: 1, items: [{ id: application.id, actions: ['accept', 'return', 'refuse'] }] });
    const reviewer = await t.factories.user({ sessionHours: LONG, roles: ['dept_reviewer'], division: '4401', department: 'public_security' });
    expect((await t.as(reviewer).get('/api/permits/applications')).statusCode).toBe(403);
    const audited = await t.handle.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'permits.application.read'");
    await t.as(officer).get(`/api/permits/applications/${application.id}`);
    const after = await t.handle.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'permits.application.read'");
    expect(after[0]!.n).toBe(audited[0]!.n + 1);
    expect(maskIdNumber(LIN)).not.toBe(LIN);
  });

  it('two officers accepting at once: one wins, the other is told it is no longer open', async () => {
    const [a, b] = await Promise.all([
      t.as(officer).post(`/api/permits/applications/${application.id}/actions`, { action: 'accept', transactionId: randomUUID() }),
      t.as(officer2).post(`/api/permits/applications/${application.id}/actions`, { action: 'accept', transactionId: randomUUID() }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN', messageEn: expect.any(String) });
    const accepted = (a.statusCode === 200 ? a : b).json<Application>();
    expect(accepted).toMatchObject({ status: 'accepted', dueOn: '2026-07-30', daysLeft: 15, overdue: false });
  });

  it('returns with everything missing in one notice; the resident adds it and resubmits', async () => {
    const returned = await t.as(officer).post(`/api/permits/applications/${application.id}/actions`, { action: 'return', missing: ['photo', 'employment_proof'], note: '照片背景须为白色', transactionId: randomUUID() });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', missing: ['photo', 'employment_proof'], dueOn: null });
    await t.notifier.dispatch();
    expect(t.sent.find((m) => m.to === '13700001111' && m.body.includes('一次补齐'))?.body).toMatch(/证件照、就业证明.*照片背景须为白色/);
    const inbox = await t.as(resident).get('/api/notify/inbox');
    expect(inbox.json<{ items: { body: string }[] }>().items[0]!.body).toMatch(/证件照、就业证明/);
    const mine = await t.as(resident).get('/api/permits/my');
    expect(mine.json<{ applications: Application[] }>().applications[0]).toMatchObject({ status: 'returned', actions: ['resubmit', 'withdraw'] });
    const evidence = await materials(resident, ['photo', 'id_card', 'employment_proof']);
    const again = await t.as(resident).post(`/api/permits/my/applications/${application.id}/actions`, { action: 'resubmit', evidence, transactionId: randomUUID() });
    expect(again.json()).toMatchObject({ status: 'submitted', missing: [] });
    expect((await t.as(resident).post(`/api/permits/my/applications/${application.id}/actions`, { action: 'accept', transactionId: randomUUID() })).statusCode).toBe(409);
  });

  it('a community officer may not issue; an officer of the street accepts and issues; the holder is told', async () => {
    await t.as(officer).post(`/api/permits/applications/${application.id}/actions`, { action: 'accept', transactionId: randomUUID() });
    const denied = await t.as(community).post(`/api/permits/applications/${application.id}/actions`, { action: 'issue', transactionId: randomUUID() });
    expect(denied.statusCode).toBe(403);
    t.setNow(china('2026-07-20'));
    const key = randomUUID();
    const issued = await t.as(officer).post(`/api/permits/applications/${application.id}/actions`, { action: 'issue', transactionId: key });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', permitNumber: expect.stringMatching(/^44012026\d{8}$/) });
    const replay = await t.as(officer).post(`/api/permits/applications/${application.id}/actions`, { action: 'issue', transactionId: key });
    expect(replay.json<Application>().permitId).toBe(issued.json<Application>().permitId);
    expect((await t.handle.query<{ n: number }>('select count(*)::int as n from permits')).at(0)!.n).toBe(1);
    const mine = await t.as(resident).get('/api/permits/my');
    permit = mine.json<{ permits: Permit[] }>().permits[0]!;
    expect(permit).toMatchObject({ status: 'valid', validUntil: '2027-07-20', windowOpensOn: '2027-06-20', endorsable: 'early', actions: ['endorse_online'], qrPng: expect.stringMatching(/^data:image\/png;base64,/) });
    await t.notifier.dispatch();
    expect(t.sent.some((m) => m.to === '13700001111' && m.body.includes(permit.number))).toBe(true);
  });

  it('anyone can verify the permit, seeing its state and a masked name only', async () => {
    const token = permit.verifyUrl!.split('/').pop()!;
    const res = await t.anonymous.get(`/api/permits/verify/${token}`);
    expect(res.json()).toEqual({ state: 'valid', name: '林**' });
    expect((await t.anonymous.get(`/api/permits/verify/${'x'.repeat(24)}`)).statusCode).toBe(404);
  });

  it('endorses only from the first day of the window; on time the year follows on', async () => {
    t.setNow(china('2027-06-19'));
    const early = await t.as(resident).post(`/api/permits/my/permits/${permit.id}/endorse`, { transactionId: randomUUID() });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PERMITS_ENDORSE_TOO_EARLY', params: { date: '2027-06-20' } });
    t.setNow(china('2027-06-20'));
    const key = randomUUID();
    const done = await t.as(resident).post(`/api/permits/my/permits/${permit.id}/endorse`, { transactionId: key });
    expect(done.json()).toMatchObject({ status: 'valid', validUntil: '2028-07-20', endorsedYears: 1, runSince: '2026-07-20' });
    expect((await t.as(resident).post(`/api/permits/my/permits/${permit.id}/endorse`, { transactionId: key })).json()).toMatchObject({ validUntil: '2028-07-20' });
  });

  it('reminds 30 and 7 days before the deadline, once each however often the job runs', async () => {
    const reminders = () => t.handle.query<{ n: number }>("select count(*)::int as n from notify_outbox where template = 'permits.endorse-reminder'");
    const deps = { db: t.db, notifier: t.notifier, now: () => china('2028-06-20') };
    await remindEndorsements(deps);
    await remindEndorsements(deps);
    expect((await reminders())[0]!.n).toBe(2);
    await remindEndorsements({ ...deps, now: () => china('2028-07-13') });
    await remindEndorsements({ ...deps, now: () => china('2028-07-14') });
    expect((await reminders())[0]!.n).toBe(4);
  });

  it('suspends the day after a missed deadline (once), shows it on verification, and restores on a late endorsement with years anew', async () => {
    const deps = { db: t.db, notifier: t.notifier, now: () => china('2028-07-20') };
    expect(await suspendLapsed(deps)).toBe(0);
    const later = { ...deps, now: () => china('2028-07-21') };
    expect(await suspendLapsed(later)).toBe(1);
    expect(await suspendLapsed(later)).toBe(0);
    t.setNow(china('2028-08-02'));
    const view = (await t.as(officer).get(`/api/permits/permits/${permit.id}`)).json<Permit & { suspendedOn: string }>();
    expect(view).toMatchObject({ status: 'suspended', suspendedOn: '2028-07-21', endorsable: 'late', actions: ['endorse'] });
    expect((await t.anonymous.get(`/api/permits/verify/${permit.verifyUrl!.split('/').pop()!}`)).json()).toMatchObject({ state: 'suspended' });
    const late = await t.as(officer).post(`/api/permits/permits/${permit.id}/actions`, { action: 'endorse', transactionId: randomUUID() });
    expect(late.json()).toMatchObject({ status: 'valid', runSince: '2028-08-02', endorsedYears: 0, validUntil: '2029-08-02' });
  });

  it('cancels with a reason; verification then says the permit is no longer in force', async () => {
    expect((await t.as(officer).post(`/api/permits/permits/${permit.id}/actions`, { action: 'cancel', reason: 'left_city', transactionId: randomUUID() })).statusCode).toBe(403);
    expect((await t.as(elsewhere).post(`/api/permits/permits/${permit.id}/actions`, { action: 'cancel', reason: 'left_city', transactionId: randomUUID() })).statusCode).toBe(404);
    const street = await t.factories.user({ sessionHours: LONG, roles: ['district_officer'], division: '440106' });
    expect((await t.as(street).post(`/api/permits/permits/${permit.id}/actions`, { action: 'cancel', transactionId: randomUUID() })).json()).toMatchObject({ code: 'PERMITS_REASON_REQUIRED' });
    const cancelled = await t.as(street).post(`/api/permits/permits/${permit.id}/actions`, { action: 'cancel', reason: 'left_city', transactionId: randomUUID() });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', endReason: 'left_city', actions: [] });
    expect((await t.anonymous.get(`/api/permits/verify/${permit.verifyUrl!.split('/').pop()!}`)).json()).toMatchObject({ state: 'expired' });
    const history = (await t.as(street).get(`/api/permits/permits/${permit.id}`)).json<{ history: { action: string }[] }>().history.map((h) => h.action);
    expect(history).toEqual(['issue', 'endorse', 'suspend', 'endorse', 'cancel']);
  });
});

describe('at the counter', () => {
  it('a community officer takes an application for a guardian and child, accepted at once with the issue deadline', async () => {
    t.setNow(china('2026-08-03'));
    const check = await t.as(community).get(`/api/permits/eligibility?idNumber=${KID}&name=${encodeURIComponent('林小禾')}`);
    expect(check.json()).toMatchObject({ eligibleNow: true, address: '天河区石牌东路 88 号 302' });
    const evidence = await materials(community, ['photo', 'id_card', 'study_proof', 'proxy_id', 'proxy_relation']);
    const res = await t.as(community).post('/api/permits/applications', {
      name: '林小禾', idNumber: KID, basis: 'study', basisDetail: '石牌小学', evidence, proxy: { name: '林大山', idNumber: GUARDIAN, relation: 'guardian', reason: 'under_16' }, transactionId: randomUUID(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'accepted', channel: 'counter', acceptedOn: '2026-08-03', dueOn: '2026-08-18', actions: [] });
    expect((await t.as(elsewhere).post('/api/permits/applications', { name: '林小禾', idNumber: KID, basis: 'study', basisDetail: '石牌小学', evidence, transactionId: randomUUID() })).statusCode).toBe(404);
    t.setNow(china('2026-08-20'));
    const overdue = await t.as(officer).get('/api/permits/applications?overdue=true');
    expect(overdue.json()).toMatchObject({ total: 1, items: [{ overdue: true, daysLeft: -2 }] });
    const stats = await t.as(officer).get('/api/permits/stats');
    expect(stats.json()).toMatchObject({ applications: { accepted: 1, overdue: 1 } });
  });
});
