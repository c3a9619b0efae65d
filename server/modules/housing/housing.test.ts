import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseHousingView, PartyView } from '@shared/housing/housing.schema';
import { china, idOf, LONG_SESSION } from '../../test/fixtures';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { issueBills, judgeAll } from './index';
import { systemActor } from '../../platform/http/context';
import { purgeDoorEvents } from './housing.doors';
import { recountLetterTallies } from './housing.repo';

const COMMUNITY = '440106006002';
let t: TestApp;
let admin: TestUser;
let officer: TestUser;
let elsewhere: TestUser;
let serial = 0;

async function rentalHouse(areaM2?: number): Promise<string> {
  const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: `石牌街道出租路 ${++serial} 号` })).json<{ id: string }>();
  const house = await t.as(officer).post('/api/registry/houses', { buildingId: building.id, unit: '101', use: 'rental', ownerOrganisation: '石牌物业', ...(areaM2 ? { areaM2 } : {}) });
  expect(house.statusCode, house.body).toBe(201);
  return house.json<{ id: string }>().id;
}
async function moveIn(houseId: string): Promise<string> {
  const res = await t.as(officer).post('/api/registry/residences/arrive', { name: `租客${++serial}`, idNumber: idOf(`44010619900101${String(serial).padStart(3, '0')}`), arrivedOn: '2026-02-01', houseId, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string }>().id;
}
const housing = async (houseId: string) => (await t.as(officer).get(`/api/housing/houses/${houseId}`)).json<HouseHousingView>();
const flagged = async (houseId: string) => (await t.handle.query<{ n: number }>("select count(*)::int as n from insp_inspections where house_id = $1 and kind = 'flagged' and status = 'planned'", [houseId]))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp({ now: china('2026-03-02') });
  const user = (spec: Parameters<TestApp['factories']['user']>[0]) => t.factories.user({ sessionHours: LONG_SESSION, ...spec });
  admin = await user({ roles: ['city_admin'], division: '4401' });
  officer = await user({ roles: ['street_officer'], division: '440106006' });
  elsewhere = await user({ roles: ['street_officer'], division: '440111001' });
});
afterAll(async () => {
  await t?.close();
});

describe('the sub-landlord register and blacklist', () => {
  let subLandlord: PartyView;
  let agent: PartyView;

  it('registers a person by a checked ID number or an organisation by its credit code, once', async () => {
    const both = await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东甲', idNumber: idOf('44010619800101123'), creditCode: '91440101MA5CXXXX1X', transactionId: randomUUID() });
    expect(both.json()).toMatchObject({ code: 'HOUSING_PARTY_IDENTITY', message: expect.stringContaining('二者填一项'), messageEn: expect.stringContaining('one of the two') });
    expect((await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东甲', idNumber: '440106198001011239', transactionId: randomUUID() })).json()).toMatchObject({ code: 'REGISTRY_ID_CHECK' });
    const key = randomUUID();
    const created = await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东甲', idNumber: idOf('44010619800101123'), phone: '13600007777', transactionId: key });
    expect(created.statusCode, created.body).toBe(201);
    subLandlord = created.json<PartyView>();
    expect((await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东甲', idNumber: idOf('44010619800101123'), transactionId: key })).json<PartyView>().id).toBe(subLandlord.id);
    expect((await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '另一人', idNumber: idOf('44010619800101123'), transactionId: randomUUID() })).json()).toMatchObject({ code: 'HOUSING_PARTY_EXISTS' });
    agent = (await t.as(officer).post('/api/housing/parties', { kind: 'agent', name: '某房产中介有限公司', creditCode: '91440101MA5CABCD1X', transactionId: randomUUID() })).json<PartyView>();
    expect(agent).toMatchObject({ kind: 'agent', blacklisted: false });
  });

  it('blacklists with reason, office and an expiry in the future; the whole city sees it', async () => {
    expect((await t.as(officer).post(`/api/housing/parties/${subLandlord.id}/blacklist`, { reason: '多次违规分隔出租', office: '天河区来穗局', expiresOn: '2026-03-02', transactionId: randomUUID() })).json()).toMatchObject({ code: 'HOUSING_EXPIRY_PAST' });
    const listed = await t.as(officer).post(`/api/housing/parties/${subLandlord.id}/blacklist`, { reason: '多次违规分隔出租，拒不整改', office: '天河区来穗人员服务管理局', expiresOn: '2027-03-01', transactionId: randomUUID() });
    expect(listed.json<PartyView>()).toMatchObject({ blacklisted: true, blacklist: [{ status: 'listed', active: true, expiresOn: '2027-03-01' }] });
    const seen = (await t.as(elsewhere).get('/api/housing/parties?blacklisted=true')).json<{ items: { id: string; idNumber: string }[] }>();
    expect(seen.items.map((p) => p.id)).toEqual([subLandlord.id]);
    // Whoever may not see ID numbers gets them masked.
    const worker = await t.factories.user({ roles: ['grid_worker'], division: '440111001' });
    const masked = (await t.as(worker).get('/api/housing/parties?blacklisted=true')).json<{ items: { idNumber: string; phone: string }[] }>();
    expect(masked.items[0]).toMatchObject({ idNumber: expect.stringContaining('*'), phone: '136****7777' });
  });

  it('registering a house managed by a blacklisted party warns the officer, and acknowledged it is recorded and flagged', async () => {
    const house = await rentalHouse(40);
    const warned = await t.as(officer).post(`/api/housing/houses/${house}/managers`, { partyId: subLandlord.id, role: 'sub_landlord', since: '2026-03-01', transactionId: randomUUID() });
    expect(warned.statusCode).toBe(409);
    expect(warned.json()).toMatchObject({ code: 'HOUSING_PARTY_BLACKLISTED', message: expect.stringContaining('天河区来穗人员服务管理局'), messageEn: expect.stringContaining('until 2027-03-01') });
    expect((await housing(house)).managers).toEqual([]);
    const acknowledged = await t.as(officer).post(`/api/housing/houses/${house}/managers`, { partyId: subLandlord.id, role: 'sub_landlord', since: '2026-03-01', acknowledgeBlacklist: true, transactionId: randomUUID() });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json<HouseHousingView>()).toMatchObject({ managers: [{ name: '二房东甲', warned: true }], flags: [{ kind: 'blacklisted_manager', clearedOn: null }] });
    expect(await flagged(house)).toBe(1);
    expect(await t.handle.query("select count(*)::int as n from audit_log where action = 'housing.manager.add-blacklisted' and entity_id = $1", [house])).toEqual([{ n: 1 }]);
    // Another office's officer does not reach the house.
    expect((await t.as(elsewhere).get(`/api/housing/houses/${house}`)).statusCode).toBe(404);
    expect((await t.as(elsewhere).post(`/api/housing/houses/${house}/managers`, { partyId: agent.id, role: 'agent', since: '2026-03-01', transactionId: randomUUID() })).statusCode).toBe(404);
  });

  it('does not fire for a party not listed, one whose entry was lifted, or one whose entry expired', async () => {
    const clean = await rentalHouse(40);
    const plain = await t.as(officer).post(`/api/housing/houses/${clean}/managers`, { partyId: agent.id, role: 'agent', since: '2026-03-01', transactionId: randomUUID() });
    expect(plain.json<HouseHousingView>()).toMatchObject({ managers: [{ warned: false }], flags: [] });
    expect(await flagged(clean)).toBe(0);

    const lifted = (await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东乙', idNumber: idOf('44010619810202123'), transactionId: randomUUID() })).json<PartyView>();
    const entry = (await t.as(officer).post(`/api/housing/parties/${lifted.id}/blacklist`, { reason: '虚假登记', office: '石牌街来穗中心', expiresOn: '2026-06-30', transactionId: randomUUID() })).json<PartyView>().blacklist[0]!;
    const lift = await t.as(officer).post(`/api/housing/blacklist/${entry.id}/lift`, { reason: '已整改并经复核', transactionId: randomUUID() });
    expect(lift.json<PartyView>()).toMatchObject({ blacklisted: false, blacklist: [{ status: 'lifted', liftReason: '已整改并经复核' }] });
    expect((await t.as(officer).post(`/api/housing/blacklist/${entry.id}/lift`, { reason: '再解除一次', transactionId: randomUUID() })).statusCode).toBe(409);
    const other = await rentalHouse(40);
    expect((await t.as(officer).post(`/api/housing/houses/${other}/managers`, { partyId: lifted.id, role: 'sub_landlord', since: '2026-03-01', transactionId: randomUUID() })).statusCode).toBe(200);

    const expiring = (await t.as(officer).post('/api/housing/parties', { kind: 'sub_landlord', name: '二房东丙', idNumber: idOf('44010619820303123'), transactionId: randomUUID() })).json<PartyView>();
    await t.as(officer).post(`/api/housing/parties/${expiring.id}/blacklist`, { reason: '违规群租', office: '石牌街来穗中心', expiresOn: '2026-03-31', transactionId: randomUUID() });
    const third = await rentalHouse(40);
    expect((await t.as(officer).post(`/api/housing/houses/${third}/managers`, { partyId: expiring.id, role: 'sub_landlord', since: '2026-03-01', transactionId: randomUUID() })).statusCode).toBe(409);
    t.setNow(china('2026-04-01'));
    expect((await t.as(officer).post(`/api/housing/houses/${third}/managers`, { partyId: expiring.id, role: 'sub_landlord', since: '2026-04-01', transactionId: randomUUID() })).statusCode).toBe(200);
    t.setNow(china('2026-03-02'));
  });
});

describe('overcrowding and group rental', () => {
  it('flags a house when occupants outgrow its area, plans an inspection once, and clears the flag when they leave', async () => {
    const house = await rentalHouse(8);
    await moveIn(house);
    await moveIn(house);
    expect((await housing(house)).flags).toEqual([]);
    const third = await moveIn(house);
    const crowded = await housing(house);
    expect(crowded).toMatchObject({ occupants: 3, flags: [{ kind: 'overcrowded', detail: expect.stringContaining('人均 2.66 平方米'), clearedOn: null }] });
    expect(await flagged(house)).toBe(1);
    const fourth = await moveIn(house);
    expect((await housing(house)).flags.filter((f) => f.clearedOn === null)).toHaveLength(1);
    expect(await flagged(house)).toBe(1);
    for (const stay of [third, fourth]) expect((await t.as(officer).post(`/api/registry/residences/${stay}/leave`, { leftOn: '2026-03-02', transactionId: randomUUID() })).statusCode).toBe(200);
    expect((await housing(house)).flags).toMatchObject([{ kind: 'overcrowded', clearedOn: '2026-03-02' }]);
    const list = (await t.as(officer).get('/api/housing/flags?open=false')).json<{ items: { houseId: string; kind: string }[] }>();
    expect(list.items.filter((f) => f.houseId === house).map((f) => f.kind)).toEqual(['overcrowded']);
    expect((await t.as(officer).get('/api/housing/flags')).json<{ items: { houseId: string }[] }>().items.map((f) => f.houseId)).not.toContain(house);
    expect((await t.as(elsewhere).get('/api/housing/flags')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('one person needs five square metres: a four-metre room is flagged, a five-metre one is not', async () => {
    const small = await rentalHouse(4);
    const enough = await rentalHouse(5);
    await moveIn(small);
    await moveIn(enough);
    expect((await housing(small)).flags.map((f) => f.kind)).toEqual(['overcrowded']);
    expect((await housing(enough)).flags).toEqual([]);
  });

  it('the daily check finds group rentals by head count, at the city\'s threshold and not below', async () => {
    expect((await t.as(admin).put('/api/settings/housing.groupRentalOccupants', { value: 3 })).statusCode).toBe(200);
    const big = await rentalHouse(200);
    const two = await rentalHouse(200);
    for (let i = 0; i < 3; i++) await moveIn(big);
    for (let i = 0; i < 2; i++) await moveIn(two);
    await judgeAll({ db: t.db, actor: { userId: null, username: null, displayName: 'test', kind: 'system', roles: [], permissions: ['inspections.inspect'], divisionCode: null, department: null, phone: null, sessionId: null, csrfToken: null }, ip: null, requestId: randomUUID(), now: () => china('2026-03-02') });
    expect((await housing(big)).flags.map((f) => f.kind)).toEqual(['group_rental']);
    expect((await housing(two)).flags).toEqual([]);
    expect(await flagged(big)).toBe(1);
    expect(await flagged(two)).toBe(0);
  });
});

describe('door systems', () => {
  it('push entries with their own key; someone seen three times in a week who does not live there becomes one registration task', async () => {
    const house = await rentalHouse(60);
    const building = (await t.handle.query<{ building_id: string }>('select building_id from reg_houses where id = $1', [house]))[0]!.building_id;
    const tenant = await moveIn(house);
    const tenantId = (await t.handle.query<{ id_number: string }>('select p.id_number from reg_residences r join reg_persons p on p.id = r.person_id where r.id = $1', [tenant]))[0]!.id_number;
    const created = await t.as(officer).post('/api/housing/doors', { buildingId: building, name: '东门门禁' });
    expect(created.statusCode, created.body).toBe(201);
    const { key, device } = created.json<{ key: string; device: { id: string; keyPrefix: string } }>();
    expect(key.startsWith(device.keyPrefix)).toBe(true);
    expect((await t.as(elsewhere).post('/api/housing/doors', { buildingId: building, name: '越界门禁' })).statusCode).toBe(404);
    const push = (events: unknown[], auth = `Door ${key}`) => t.app.inject({ method: 'POST', url: '/api/housing/door-events', payload: { events }, headers: { authorization: auth } });
    const stranger = idOf('44010619930303123');
    const at = (hour: number) => `2026-03-0${Math.floor(hour / 24) + 1}T${String(hour % 24).padStart(2, '0')}:00:00+08:00`;
    const bad = await push([{ eventId: 'e1', idNumber: stranger, at: at(8) }], 'Door nope');
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'HOUSING_DOOR_KEY_INVALID', messageEn: expect.stringContaining('door system key') });
    const first = await push([
      { eventId: 'e1', idNumber: stranger, name: '陌生人', at: at(8) },
      { eventId: 'e2', idNumber: stranger, at: at(20) },
      { eventId: 't1', idNumber: tenantId, at: at(8) }, { eventId: 't2', idNumber: tenantId, at: at(9) }, { eventId: 't3', idNumber: tenantId, at: at(10) },
      { eventId: 'x1', idNumber: '440106199303031230', at: at(8) },
    ]);
    expect(first.json()).toEqual({ accepted: 5, duplicates: 0, rejected: [{ eventId: 'x1', reason: 'id_number' }], registrationTasks: 0 });
    // The same events sent again change nothing; the third sighting makes the task, once.
    expect((await push([{ eventId: 'e1', idNumber: stranger, at: at(8) }, { eventId: 'e2', idNumber: stranger, at: at(20) }])).json()).toMatchObject({ accepted: 0, duplicates: 2, registrationTasks: 0 });
    expect((await push([{ eventId: 'e3', idNumber: stranger, at: at(32) }])).json()).toMatchObject({ accepted: 1, registrationTasks: 1 });
    expect((await push([{ eventId: 'e4', idNumber: stranger, at: at(33) }])).json()).toMatchObject({ accepted: 1, registrationTasks: 0 });
    const tasks = await t.handle.query<{ name: string; id_number: string; source: string }>("select name, id_number, source from insp_registration_tasks where building_id = $1", [building]);
    expect(tasks).toEqual([{ name: '陌生人', id_number: stranger, source: 'access' }]);
    // A revoked key is refused.
    expect((await t.as(officer).post(`/api/housing/doors/${device.id}/revoke`, {})).json()).toMatchObject({ status: 'revoked' });
    expect((await push([{ eventId: 'e5', idNumber: stranger, at: at(33) }])).statusCode).toBe(401);
  });

  it('belong, with what they saw, to the building that stays when theirs is merged into it', async () => {
    const from = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: '石牌街道门禁重名路 2 号' })).json<{ id: string }>();
    const into = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: '石牌街道门禁正名路 2 号' })).json<{ id: string }>();
    const { key } = (await t.as(officer).post('/api/housing/doors', { buildingId: from.id, name: '北门门禁' })).json<{ key: string }>();
    const push = (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/housing/door-events', payload: { events }, headers: { authorization: `Door ${key}` } });
    const stranger = idOf('44010619930404123');
    expect((await push([{ eventId: 'm1', idNumber: stranger, at: '2026-03-01T08:00:00+08:00' }, { eventId: 'm2', idNumber: stranger, at: '2026-03-01T20:00:00+08:00' }])).json()).toMatchObject({ accepted: 2, registrationTasks: 0 });
    expect((await t.as(admin).post(`/api/registry/buildings/${from.id}/merge`, { intoId: into.id })).statusCode).toBe(200);
    // The third sighting, after the merge, counts the two before it.
    expect((await push([{ eventId: 'm3', idNumber: stranger, at: '2026-03-02T08:00:00+08:00' }])).json()).toMatchObject({ accepted: 1, registrationTasks: 1 });
    expect(await t.handle.query('select building_id, address from insp_registration_tasks where id_number = $1', [stranger])).toEqual([{ building_id: into.id, address: '石牌街道门禁正名路 2 号' }]);
    const doors = (await t.as(officer).get('/api/housing/doors')).json<{ items: { name: string; address: string }[] }>().items;
    expect(doors.find((d) => d.name === '北门门禁')).toMatchObject({ address: '石牌街道门禁正名路 2 号' });
  });
});

describe('door entries', () => {
  it('are kept for the retention the city sets, then deleted each morning with one audit row', async () => {
    const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: '石牌街道门禁存期路 9 号' })).json<{ id: string }>();
    const { key } = (await t.as(officer).post('/api/housing/doors', { buildingId: building.id, name: '存期门禁' })).json<{ key: string }>();
    const visitor = idOf('44010619930505123');
    const push = (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/housing/door-events', payload: { events }, headers: { authorization: `Door ${key}` } });
    // Sent today, an entry already past the retention is not stored.
    expect((await push([{ eventId: 'old', idNumber: visitor, at: '2025-06-01T08:00:00+08:00' }])).json()).toMatchObject({ accepted: 0, rejected: [{ eventId: 'old', reason: 'expired' }] });
    const events = ['2025-11-01', '2025-12-01', '2026-02-20'].map((day, i) => ({ eventId: `r${i}`, idNumber: visitor, at: `${day}T08:00:00+08:00` }));
    expect((await push(events)).json()).toMatchObject({ accepted: 3 });
    // Half a year on: the entries of November and December are past their 180 days.
    t.setNow(china('2026-06-15'));
    const kept = async () => (await t.handle.query<{ day: string }>("select to_char(seen_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day from housing_door_events where id_number = $1 order by seen_at", [visitor])).map((r) => r.day);
    const system = { db: t.db, actor: systemActor('housing-daily'), ip: null, requestId: randomUUID(), now: () => t.now() };
    expect(await purgeDoorEvents(system)).toBeGreaterThanOrEqual(2);
    expect(await kept()).toEqual(['2026-02-20']);
    expect(await purgeDoorEvents(system)).toBe(0);
    expect((await t.handle.query("select count(*)::int as n from audit_log where action = 'housing.door-events.purge'"))[0]).toEqual({ n: 1 });
    t.setNow(china('2026-03-02'));
  });
});

describe('the safety responsibility letter', () => {
  it('the landlord signs the version in force for each house, sees the tenants registered there, and signs again when the city publishes a new one', async () => {
    const landlordId = idOf('44010619650505123');
    const home = await rentalHouse(30);
    await t.as(officer).post('/api/registry/residences/arrive', { name: '责任书房东', idNumber: landlordId, arrivedOn: '2015-01-01', phone: '13600005555', houseId: home, relation: 'owner', registerIfNew: true, transactionId: randomUUID() });
    const personId = (await t.handle.query<{ id: string }>('select id from reg_persons where id_number = $1', [landlordId]))[0]!.id;
    const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: '石牌街道责任路 1 号' })).json<{ id: string }>();
    const house = (await t.as(officer).post('/api/registry/houses', { buildingId: building.id, unit: '202', use: 'rental', areaM2: 50, ownerPersonId: personId, landlordPersonId: personId })).json<{ id: string }>().id;
    await moveIn(house);
    const landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600005555' });
    const mine = (await t.as(landlord).get('/api/housing/my/houses')).json<{ letter: { version: number; body: string }; items: { houseId: string; signedVersion: number | null; current: boolean; tenants: { idNumber: string }[] }[] }>();
    expect(mine.letter).toMatchObject({ version: 1, body: expect.stringContaining('人均使用面积不少于3平方米') });
    expect(mine.items).toMatchObject([{ houseId: house, signedVersion: null, current: false, tenants: [{ idNumber: expect.stringContaining('*') }] }]);
    const signed = await t.as(landlord).post(`/api/housing/my/houses/${house}/sign`, { version: 1, transactionId: randomUUID() });
    expect(signed.json()).toMatchObject({ items: [{ signedVersion: 1, current: true }] });
    await t.as(landlord).post(`/api/housing/my/houses/${house}/sign`, { version: 1, transactionId: randomUUID() });
    expect(await t.handle.query('select count(*)::int as n from housing_letter_signatures where house_id = $1', [house])).toEqual([{ n: 1 }]);

    expect((await t.as(officer).post('/api/housing/letters', { title: '出租屋安全管理责任书（修订）', body: '新版责任书正文。'.repeat(10) })).json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
    const v2 = await t.as(admin).post('/api/housing/letters', { title: '出租屋安全管理责任书（修订）', body: '新版责任书正文。'.repeat(10) });
    expect(v2.json()).toMatchObject({ version: 2 });
    // Sent again (a retried publish), the same text is the same version.
    expect((await t.as(admin).post('/api/housing/letters', { title: '出租屋安全管理责任书（修订）', body: '新版责任书正文。'.repeat(10) })).json()).toMatchObject({ version: 2 });
    expect((await t.as(landlord).get('/api/housing/my/houses')).json()).toMatchObject({ items: [{ signedVersion: 1, current: false }] });
    expect((await t.as(landlord).post(`/api/housing/my/houses/${house}/sign`, { version: 1, transactionId: randomUUID() })).json()).toMatchObject({ code: 'HOUSING_LETTER_OUTDATED' });
    expect((await t.as(landlord).post(`/api/housing/my/houses/${house}/sign`, { version: 2, transactionId: randomUUID() })).json()).toMatchObject({ items: [{ signedVersion: 2, current: true }] });
    const stranger = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600006666' });
    expect((await t.as(stranger).post(`/api/housing/my/houses/${house}/sign`, { version: 2, transactionId: randomUUID() })).statusCode).toBe(404);
  });

  it('staff see per jurisdiction how many rental houses signed the version in force, from kept tallies', async () => {
    await t.jobs.enqueue(null, 'inspections.daily', {});
    await t.jobs.drain('inspections.daily');
    type Coverage = { version: number; asOf: string | null; rows: { code: string; name: string; houses: number; signed: number }[]; total: { houses: number; signed: number } };
    const street = (await t.as(officer).get('/api/housing/letter/coverage')).json<Coverage>();
    const community = street.rows.find((r) => r.code === COMMUNITY)!;
    // Version 2 is in force: one house signed it (the other signed version 1 only).
    expect(street).toMatchObject({ version: 2, asOf: '2026-03-02', total: { signed: 1 } });
    expect(community.signed).toBe(1);
    expect(community.houses).toBeGreaterThanOrEqual(2);
    expect(street.rows.every((r) => r.code.length === 12 && r.name)).toBe(true);
    const drilled = (await t.as(admin).get(`/api/housing/letter/coverage?division=${COMMUNITY}`)).json<Coverage>();
    expect(drilled.total).toEqual({ houses: community.houses, signed: 1 });
    expect((await t.as(elsewhere).get(`/api/housing/letter/coverage?division=${COMMUNITY}`)).statusCode).toBe(404);
    const kept = await recountLetterTallies(t.db);
    expect(kept.kept).toEqual(kept.counted);
    expect(kept.kept.length).toBeGreaterThan(1);
  });
});

describe('rental tax', () => {
  it('bills each declared rent for the period that ended, once, at the district\'s rate; the landlord pays through the payment page; arrears are listed', async () => {
    const landlordId = idOf('44010619660606123');
    const home = await rentalHouse(30);
    await t.as(officer).post('/api/registry/residences/arrive', { name: '纳税房东', idNumber: landlordId, arrivedOn: '2015-01-01', phone: '13600008888', houseId: home, relation: 'owner', registerIfNew: true, transactionId: randomUUID() });
    const personId = (await t.handle.query<{ id: string }>('select id from reg_persons where id_number = $1', [landlordId]))[0]!.id;
    const building = (await t.as(officer).post('/api/registry/buildings', { divisionCode: COMMUNITY, address: '石牌街道纳税路 3 号' })).json<{ id: string }>();
    const house = (await t.as(officer).post('/api/registry/houses', { buildingId: building.id, unit: '301', use: 'rental', areaM2: 60, ownerPersonId: personId, landlordPersonId: personId })).json<{ id: string }>().id;
    expect((await t.as(officer).get('/api/housing/tax/rates')).json<{ items: { divisionCode: string; use: string; ratePermille: number }[] }>().items).toEqual(expect.arrayContaining([expect.objectContaining({ divisionCode: '4401', use: 'residential', ratePermille: 40 })]));
    expect((await t.as(officer).put(`/api/housing/houses/${house}/rent`, { monthlyRentYuan: 2500, use: 'residential', period: 'monthly', since: '2026-01-01' })).statusCode).toBe(200);
    expect((await t.as(elsewhere).put(`/api/housing/houses/${house}/rent`, { monthlyRentYuan: 1, use: 'residential', period: 'monthly', since: '2026-01-01' })).statusCode).toBe(404);
    const run = () => issueBills({ db: t.db, actor: { userId: null, username: null, displayName: 'test', kind: 'system', roles: [], permissions: [], divisionCode: null, department: null, phone: null, sessionId: null, csrfToken: null }, ip: null, requestId: randomUUID(), now: () => t.now() });
    t.setNow(china('2026-03-02'));
    await run();
    await run();
    const landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600008888', sessionHours: LONG_SESSION });
    type Page = { items: { id: string; houseId: string; periodStart: string; amountFen: number; ratePermille: number; status: string; overdue: boolean }[]; arrearsFen: number };
    const mine = (await t.as(landlord).get('/api/housing/my/tax')).json<Page>();
    expect(mine.items).toMatchObject([{ houseId: house, periodStart: '2026-02-01', amountFen: 10_000, ratePermille: 40, status: 'due', overdue: false }]);
    // Tianhe sets its own rate: the next month is billed at it.
    expect((await t.as(officer).put('/api/housing/tax/rates', { divisionCode: '440106', use: 'residential', ratePermille: 25 })).json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
    await t.as(admin).put('/api/housing/tax/rates', { divisionCode: '440106', use: 'residential', ratePermille: 25 });
    t.setNow(china('2026-04-02'));
    await run();
    const later = (await t.as(landlord).get('/api/housing/my/tax')).json<Page>();
    expect(later.items.map((b) => [b.periodStart, b.amountFen, b.overdue])).toEqual([['2026-02-01', 10_000, true], ['2026-03-01', 6_250, false]]);
    expect(later.arrearsFen).toBe(10_000);
    const arrears = (await t.as(officer).get('/api/housing/tax/bills?arrears=true')).json<Page>();
    expect(arrears.items.map((b) => b.houseId)).toEqual([house]);
    expect((await t.as(elsewhere).get('/api/housing/tax/bills?arrears=true')).json<Page>().items).toEqual([]);
    // Paid through the payment page, the bill is paid and out of the arrears.
    const stranger = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13600009191', sessionHours: LONG_SESSION });
    expect((await t.as(stranger).post(`/api/housing/my/tax/${later.items[0]!.id}/pay`, {})).statusCode).toBe(404);
    const pay = await t.as(landlord).post(`/api/housing/my/tax/${later.items[0]!.id}/pay`, {});
    expect(pay.statusCode, pay.body).toBe(200);
    const paid = await t.anonymous.post(`/api/payments/checkout/${pay.json<{ payPath: string }>().payPath.split('/').pop()!}/pay`);
    expect(paid.statusCode, paid.body).toBe(200);
    const after = (await t.as(landlord).get('/api/housing/my/tax')).json<Page>();
    expect(after.items.find((b) => b.periodStart === '2026-02-01')).toMatchObject({ status: 'paid', overdue: false });
    expect(after.arrearsFen).toBe(0);
    expect((await t.as(landlord).post(`/api/housing/my/tax/${later.items[0]!.id}/pay`, {})).statusCode).toBe(409);
    // The house page shows the declared rent at Tianhe's rate and the bills, newest first; other districts see nothing.
    const page = (await t.as(officer).get(`/api/housing/houses/${house}/tax`)).json<{ rent: Record<string, unknown>; bills: { periodStart: string; status: string }[] }>();
    expect(page.rent).toMatchObject({ monthlyRentYuan: 2500, use: 'residential', period: 'monthly', since: '2026-01-01', ratePermille: 25 });
    expect(page.bills.map((b) => [b.periodStart, b.status])).toEqual([['2026-03-01', 'due'], ['2026-02-01', 'paid']]);
    expect((await t.as(elsewhere).get(`/api/housing/houses/${house}/tax`)).statusCode).toBe(404);
    t.setNow(china('2026-03-02'));
  });
});

