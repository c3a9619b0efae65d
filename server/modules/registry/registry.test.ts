import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';

const A = '440106006002'; // 东城社区, Shipai street, Tianhe
const B = '440106006004'; // 南苑社区, the neighbouring community
const T0 = new Date('2026-10-12T02:00:00Z'); // a Monday, China time 10:00

let t: TestApp;
let officerA: TestUser;
let officerB: TestUser;
let gridA: TestUser;
let houseA: string;
let houseA2: string;
let houseB: string;

const idOf = (first17: string) => first17 + idCheckCharacter(first17);
const ZHANG = idOf('43010419900315201'); // Changsha (Yuelu), born 1990-03-15, male (odd 17th digit)
const LI = idOf('36010219920708302'); // Nanchang, born 1992-07-08, female

async function building(user: TestUser, divisionCode: string, address: string): Promise<string> {
  const res = await t.as(user).post('/api/registry/buildings', { divisionCode, address });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function house(user: TestUser, buildingId: string, unit: string): Promise<string> {
  const res = await t.as(user).post('/api/registry/houses', { buildingId, unit, use: 'rental', areaM2: 45.5, rooms: 2, ownerOrganisation: '石牌村经济联社' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function person(user: TestUser, idNumber: string, name: string, divisionCode = A, phone?: string) {
  return t.as(user).post('/api/registry/persons', { idNumber, name, divisionCode, ...(phone ? { phone } : {}) });
}

beforeAll(async () => {
  t = await buildTestApp({ now: T0 });
  officerA = await t.factories.user({ roles: ['community_officer'], division: A });
  officerB = await t.factories.user({ roles: ['community_officer'], division: B });
  gridA = await t.factories.user({ roles: ['grid_worker'], division: `${A}001` });
  const bA = await building(officerA, A, '天河区石牌东路 12 号');
  houseA = await house(officerA, bA, '301');
  houseA2 = await house(officerA, bA, '502');
  houseB = await house(officerB, await building(officerB, B, '天河区华师南苑 3 栋'), '101');
});
afterAll(async () => {
  await t?.close();
});

describe('persons', () => {
  it('registers a person and reads sex, birth date and origin from the ID number', async () => {
    const res = await person(officerA, ZHANG, '张建国', A, '13812345678');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '张建国', idNumber: ZHANG, sex: 'male', birthDate: '1990-03-15', age: 36, origin: '湖南省长沙市岳麓区', phone: '13812345678', residing: false, duplicates: [] });
  });

  it('converts a 15-digit legacy number', async () => {
    const res = await person(officerA, '430104700101201', '王老五');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ idNumber: idOf('43010419700101201'), birthDate: '1970-01-01' });
  });

  it('refuses invalid ID numbers with the reason, and writes nothing', async () => {
    const cases: [string, string][] = [
      [`${ZHANG.slice(0, 17)}${ZHANG[17] === '1' ? '2' : '1'}`, 'REGISTRY_ID_CHECK'],
      [idOf('44010619900230123'), 'REGISTRY_ID_DATE'],
      [idOf('44010620270101123'), 'REGISTRY_ID_FUTURE'],
      [idOf('99999919900101123'), 'REGISTRY_ID_AREA'],
      ['4401061990', 'REGISTRY_ID_FORMAT'],
    ];
    for (const [idNumber, code] of cases) {
      const res = await person(officerA, idNumber.padEnd(15, '0').slice(0, 18), '某人');
      expect(res.statusCode).toBe(400);
      const body = res.json<{ code: string; message: string; messageEn: string }>();
      if (idNumber.length >= 15) expect(body.code).toBe(code);
      expect(body.message).toMatch(/身份证/);
      expect(body.messageEn).toMatch(/ID number/);
    }
    expect((await t.as(officerA).get('/api/registry/persons?name=某人')).json<{ total: number }>().total).toBe(0);
  });

  it('accepts a Hong Kong residence-permit number', async () => {
    const res = await person(officerA, idOf('81000019880808123'), '陈港生');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ origin: '香港特别行政区' });
  });

  it('refuses a second registration, naming the record only to someone who may see it', async () => {
    const again = await person(officerA, ZHANG, '张建国');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REGISTRY_PERSON_EXISTS', params: { name: '张建国' } });
    const elsewhere = await person(officerB, ZHANG, '张建国', B);
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'REGISTRY_PERSON_EXISTS_ELSEWHERE' });
    expect(elsewhere.body).not.toContain('张建国');
  });

  it('offers likely duplicates: same name and birth date, or same phone', async () => {
    const res = await person(officerA, idOf('43010419900315403'), '张建国', A);
    expect(res.json<{ duplicates: { name: string }[] }>().duplicates.map((d) => d.name)).toEqual(['张建国']);
    const phone = await person(officerA, LI, '李秀英', A, '13812345678');
    expect(phone.json<{ duplicates: { name: string }[] }>().duplicates.map((d) => d.name)).toContain('张建国');
  });

  it('searches by ID number, name prefix and phone, inside the jurisdiction only', async () => {
    expect((await t.as(officerA).get(`/api/registry/persons?idNumber=${ZHANG}`)).json<{ total: number }>().total).toBe(1);
    expect((await t.as(officerA).get(`/api/registry/persons?name=${encodeURIComponent('张')}`)).json<{ total: number }>().total).toBe(2);
    expect((await t.as(officerA).get('/api/registry/persons?phone=13812345678')).json<{ total: number }>().total).toBe(2);
    expect((await t.as(officerB).get(`/api/registry/persons?idNumber=${ZHANG}`)).json<{ total: number }>().total).toBe(0);
  });

  it('masks ID numbers and phones for a role without registry.pii, and audits every full read', async () => {
    const list = await t.as(gridA).get(`/api/registry/persons?idNumber=${ZHANG}`);
    expect(list.statusCode).toBe(200);
    // The grid worker's jurisdiction is grid 001: the person registered at community level is outside it.
    expect(list.json<{ total: number }>().total).toBe(0);
    const street = await t.factories.user({ roles: ['grid_worker'], division: A.slice(0, 9) });
    const masked = (await t.as(street).get(`/api/registry/persons?idNumber=${ZHANG}`)).json<{ items: { id: string; idNumber: string; phone: string; birthDate: string }[] }>().items[0]!;
    expect(masked).toMatchObject({ idNumber: `430***********${ZHANG.slice(-4)}`, phone: '138****5678', birthDate: '1990-**-**' });
    const full = await t.as(officerA).get(`/api/registry/persons/${masked.id}`);
    expect(full.json()).toMatchObject({ idNumber: ZHANG, piiVisible: true });
    const audits = await t.as(await t.factories.user({ roles: ['city_admin'], division: '4401' })).get(`/api/audit/entries?action=registry.person.read&entityId=${masked.id}`);
    expect(audits.json<{ total: number }>().total).toBe(1);
    expect((await t.as(officerB).get(`/api/registry/persons/${masked.id}`)).statusCode).toBe(404);
  });
});

describe('addresses and houses', () => {
  it('finds a building by any part of its address and refuses a second identical address', async () => {
    const found = await t.as(officerA).get(`/api/registry/buildings?q=${encodeURIComponent('石牌东')}`);
    expect(found.json()).toMatchObject({ total: 1, items: [{ address: '天河区石牌东路 12 号', houseCount: 2 }] });
    const dup = await t.as(officerA).post('/api/registry/buildings', { divisionCode: A, address: '天河区石牌东路 12 号' });
    expect(dup.statusCode).toBe(409);
    expect((await t.as(officerB).get(`/api/registry/buildings?q=${encodeURIComponent('石牌东')}`)).json<{ total: number }>().total).toBe(0);
  });

  it('places buildings only at a community or grid inside the jurisdiction', async () => {
    expect((await t.as(officerA).post('/api/registry/buildings', { divisionCode: B, address: '越界地址 1 号' })).statusCode).toBe(404);
    const street = await t.factories.user({ roles: ['street_officer'], division: A.slice(0, 9) });
    expect((await t.as(street).post('/api/registry/buildings', { divisionCode: A.slice(0, 9), address: '街道层级地址 1 号' })).json()).toMatchObject({ code: 'REGISTRY_DIVISION_LEVEL' });
  });

  it('refuses a unit twice in a building, and a house without owner', async () => {
    const house = (await t.as(officerA).get(`/api/registry/houses/${houseA}`)).json<{ buildingId: string }>();
    expect((await t.as(officerA).post('/api/registry/houses', { buildingId: house.buildingId, unit: '301', use: 'rental', ownerOrganisation: 'x' })).statusCode).toBe(409);
    expect((await t.as(officerA).post('/api/registry/houses', { buildingId: house.buildingId, unit: '999', use: 'rental' })).json()).toMatchObject({ code: 'REGISTRY_OWNER_REQUIRED' });
    expect((await t.as(officerB).post('/api/registry/houses', { buildingId: house.buildingId, unit: '777', use: 'rental', ownerOrganisation: 'x' })).statusCode).toBe(404);
  });
});

describe('residence registration', () => {
  let zhangId: string;
  let liId: string;

  beforeAll(async () => {
    zhangId = (await t.as(officerA).get(`/api/registry/persons?idNumber=${ZHANG}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    liId = (await t.as(officerA).get(`/api/registry/persons?idNumber=${LI}`)).json<{ items: { id: string }[] }>().items[0]!.id;
  });

  it('registers an arrival on time, and flags one declared after the deadline in working days', async () => {
    // Declared on Monday 12 October; arrival on Friday 9 October: the 3rd working day after is Tuesday 13 October
    // (Saturday 10 October is a make-up working day): on time.
    const onTime = await t.as(officerA).post('/api/registry/residences/arrive', { personId: zhangId, houseId: houseA, relation: 'tenant', arrivedOn: '2026-10-09', transactionId: randomUUID() });
    expect(onTime.statusCode, onTime.body).toBe(200);
    expect(onTime.json()).toMatchObject({ status: 'active', deadlineOn: '2026-10-13', lateWorkdays: 0, actions: ['update', 'leave'] });
    // Arrival on 29 September: deadline 9 October (the National Day holiday does not count); declared 12 October = 2 working days late (10th is a make-up Saturday).
    const late = await t.as(officerA).post('/api/registry/residences/arrive', { personId: liId, houseId: houseA, relation: 'relative', arrivedOn: '2026-09-29', transactionId: randomUUID() });
    expect(late.json()).toMatchObject({ deadlineOn: '2026-10-09', lateWorkdays: 2 });
    const page = await t.as(officerA).get(`/api/registry/houses/${houseA}`);
    expect(page.json<{ occupants: { personName: string }[] }>().occupants.map((o) => o.personName).sort()).toEqual(['张建国', '李秀英'].sort());
  });

  it('a retried arrival with the same transaction id changes nothing', async () => {
    const transactionId = randomUUID();
    const body = { personId: zhangId, houseId: houseA2, relation: 'tenant', arrivedOn: '2026-10-11', transactionId };
    const first = await t.as(officerA).post('/api/registry/residences/arrive', body);
    const second = await t.as(officerA).post('/api/registry/residences/arrive', body);
    expect(first.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const view = (await t.as(officerA).get(`/api/registry/persons/${zhangId}`)).json<{ residences: { status: string; address: string; leftOn: string | null }[] }>();
    // The move ended the stay in 301 on the day of arrival in 502: one active stay, history kept.
    expect(view.residences.map((r) => [r.address, r.status, r.leftOn])).toEqual([
      ['天河区石牌东路 12 号 502', 'active', null],
      ['天河区石牌东路 12 号 301', 'ended', '2026-10-11'],
    ]);
  });

  it('refuses impossible dates and arriving where one already lives', async () => {
    const arrive = (arrivedOn: string, houseId = houseA) => t.as(officerA).post('/api/registry/residences/arrive', { personId: zhangId, houseId, relation: 'tenant', arrivedOn, transactionId: randomUUID() });
    expect((await arrive('2026-10-13')).json()).toMatchObject({ code: 'REGISTRY_DATE_FUTURE' });
    expect((await arrive('1989-01-01')).json()).toMatchObject({ code: 'REGISTRY_DATE_BEFORE_BIRTH' });
    expect((await arrive('2026-10-10')).json()).toMatchObject({ code: 'REGISTRY_ARRIVAL_BEFORE_CURRENT' });
    expect((await arrive('2026-10-12', houseA2)).json()).toMatchObject({ code: 'REGISTRY_ALREADY_THERE' });
  });

  it('two officers registering the same person at once: one arrival wins', async () => {
    const wang = (await t.as(officerA).get(`/api/registry/persons?name=${encodeURIComponent('王老五')}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const results = await Promise.all([
      t.as(officerA).post('/api/registry/residences/arrive', { personId: wang, houseId: houseA, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() }),
      t.as(officerA).post('/api/registry/residences/arrive', { personId: wang, houseId: houseA, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const stays = (await t.as(officerA).get(`/api/registry/persons/${wang}`)).json<{ residences: unknown[] }>().residences;
    expect(stays).toHaveLength(1);
  });

  it('a person moves to another community: the new community registers the arrival and now holds the record', async () => {
    // Community B cannot see her record, so it names her by ID number and name; a wrong name finds no one.
    expect((await t.as(officerB).post('/api/registry/residences/arrive', { personId: liId, houseId: houseB, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() })).statusCode).toBe(404);
    expect((await t.as(officerB).post('/api/registry/residences/arrive', { idNumber: LI, name: '李秀', houseId: houseB, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() })).json()).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND' });
    const moved = await t.as(officerB).post('/api/registry/residences/arrive', { idNumber: LI, name: '李秀英', houseId: houseB, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await t.as(officerB).get(`/api/registry/persons/${liId}`)).statusCode).toBe(200);
    expect((await t.as(officerA).get(`/api/registry/persons/${liId}`)).statusCode).toBe(404);
    // Community A still sees that she once lived in its house, with her number masked to those without the right.
    const former = (await t.as(officerA).get(`/api/registry/houses/${houseA}`)).json<{ former: { personName: string; leftOn: string }[] }>().former;
    expect(former.find((f) => f.personName === '李秀英')).toMatchObject({ leftOn: '2026-10-12' });
  });

  it('registers leaving, once, and not before the arrival', async () => {
    const view = (await t.as(officerA).get(`/api/registry/persons/${zhangId}`)).json<{ residences: { id: string; status: string }[] }>();
    const stay = view.residences.find((r) => r.status === 'active')!;
    expect((await t.as(officerA).post(`/api/registry/residences/${stay.id}/leave`, { leftOn: '2026-10-01', transactionId: randomUUID() })).json()).toMatchObject({ code: 'REGISTRY_LEAVE_BEFORE_ARRIVAL' });
    expect((await t.as(officerB).post(`/api/registry/residences/${stay.id}/leave`, { leftOn: '2026-10-12', transactionId: randomUUID() })).statusCode).toBe(404);
    const left = await t.as(officerA).post(`/api/registry/residences/${stay.id}/leave`, { leftOn: '2026-10-12', transactionId: randomUUID() });
    expect(left.json()).toMatchObject({ status: 'ended', leftOn: '2026-10-12', actions: [] });
    const again = await t.as(officerA).post(`/api/registry/residences/${stay.id}/leave`, { leftOn: '2026-10-12', transactionId: randomUUID() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN' });
    expect((await t.as(officerA).get('/api/registry/persons?status=left&name=%E5%BC%A0')).json<{ total: number }>().total).toBe(2);
  });
});

describe('house QR codes', () => {
  it('a house\'s QR code names only its address at the door, cannot be forged, and is revoked by a new one', async () => {
    const qr = await t.as(officerA).get(`/api/registry/houses/${houseA}/qr`);
    expect(qr.statusCode).toBe(200);
    const { url, version, png } = qr.json<{ url: string; version: number; png: string }>();
    expect(url).toMatch(/\/portal\/declare\/[0-9a-f-]{36}\.1\.[\w-]{22}$/);
    expect(version).toBe(1);
    expect(png).toMatch(/^data:image\/png;base64,/);
    const token = url.split('/').at(-1)!;
    const scanned = await t.anonymous.get(`/api/registry/qr/${token}`);
    expect(scanned.json()).toEqual({ address: '天河区石牌东路 12 号', unit: '301', use: 'rental' });

    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.anonymous.get(`/api/registry/qr/${forged}`)).json()).toMatchObject({ code: 'REGISTRY_QR_INVALID' });
    const otherHouse = token.replace(/^[0-9a-f-]{36}/, houseB);
    expect((await t.anonymous.get(`/api/registry/qr/${otherHouse}`)).statusCode).toBe(404);

    const renewed = await t.as(officerA).post(`/api/registry/houses/${houseA}/qr/revoke`);
    expect(renewed.json()).toMatchObject({ version: 2 });
    expect((await t.anonymous.get(`/api/registry/qr/${token}`)).statusCode).toBe(404);
    const newToken = renewed.json<{ url: string }>().url.split('/').at(-1)!;
    expect((await t.anonymous.get(`/api/registry/qr/${newToken}`)).statusCode).toBe(200);
  });

  it('prints a placard with the address and the code, for the house\'s own jurisdiction only', async () => {
    const placard = await t.as(officerA).get(`/api/registry/houses/${houseA}/placard.svg`);
    expect(placard.statusCode).toBe(200);
    expect(placard.headers['content-type']).toContain('image/svg+xml');
    expect(placard.body).toContain('天河区石牌东路 12 号');
    expect(placard.body).toContain('<path');
    expect((await t.as(officerB).get(`/api/registry/houses/${houseA}/placard.svg`)).statusCode).toBe(404);
    const png = await t.as(officerA).get(`/api/registry/houses/${houseA}/placard.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const bytes = png.rawPayload;
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // A5 at 300 dpi, from the PNG header.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1748, 2480]);
    expect((await t.as(officerB).get(`/api/registry/houses/${houseA}/placard.png`)).statusCode).toBe(404);
    expect((await t.as(officerB).get(`/api/registry/houses/${houseA}/qr`)).statusCode).toBe(404);
    expect((await t.as(officerB).post(`/api/registry/houses/${houseA}/qr/revoke`)).statusCode).toBe(404);
  });
});

describe('merging and retiring addresses', () => {
  it('merges a duplicate building: its houses and their history move over, the duplicate points at the one kept', async () => {
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    const keep = await building(officerA, A, '天河区石牌东路 20 号');
    const duplicate = await building(officerA, A, '天河区石牌东路二十号');
    const house20 = await house(officerA, duplicate, '101');
    const wang = (await t.as(officerA).get(`/api/registry/persons?name=${encodeURIComponent('王老五')}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    expect((await t.as(officerA).post('/api/registry/residences/arrive', { personId: wang, houseId: house20, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() })).statusCode).toBe(200);

    // A community officer may not merge; the district officer (registry.manage) may.
    expect((await t.as(officerA).post(`/api/registry/buildings/${duplicate}/merge`, { intoId: keep })).statusCode).toBe(403);
    expect((await t.as(district).post(`/api/registry/buildings/${duplicate}/merge`, { intoId: duplicate })).json()).toMatchObject({ code: 'REGISTRY_MERGE_SELF' });
    const otherCommunity = await building(officerB, B, '天河区华师南苑 9 栋');
    expect((await t.as(district).post(`/api/registry/buildings/${duplicate}/merge`, { intoId: otherCommunity })).json()).toMatchObject({ code: 'REGISTRY_MERGE_DIVISION' });
    const merged = await t.as(district).post(`/api/registry/buildings/${duplicate}/merge`, { intoId: keep });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: keep, houseCount: 1, occupantCount: 1 });
    const moved = (await t.as(officerA).get(`/api/registry/houses/${house20}`)).json<{ address: string; occupants: unknown[] }>();
    expect(moved.address).toBe('天河区石牌东路 20 号');
    expect(moved.occupants).toHaveLength(1);
    const old = await t.as(officerA).get(`/api/registry/buildings?status=merged&q=${encodeURIComponent('二十号')}`);
    expect(old.json()).toMatchObject({ total: 1, items: [{ status: 'merged', mergedInto: keep }] });
    expect((await t.as(district).post(`/api/registry/buildings/${duplicate}/merge`, { intoId: keep })).json()).toMatchObject({ code: 'REGISTRY_BUILDING_NOT_ACTIVE' });
  });

  it('retires a building only when nobody lives there; its houses leave the lists, history stays', async () => {
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    const kept = (await t.as(officerA).get(`/api/registry/buildings?q=${encodeURIComponent('石牌东路 20')}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    const occupied = await t.as(district).post(`/api/registry/buildings/${kept}/retire`);
    expect(occupied.statusCode).toBe(409);
    expect(occupied.json()).toMatchObject({ code: 'REGISTRY_BUILDING_OCCUPIED', params: { count: 1 } });
    const empty = await building(officerA, A, '天河区石牌东路 30 号（已拆除）');
    const emptyHouse = await house(officerA, empty, '101');
    const retired = await t.as(district).post(`/api/registry/buildings/${empty}/retire`);
    expect(retired.json()).toMatchObject({ status: 'retired' });
    expect((await t.as(officerA).get(`/api/registry/houses?buildingId=${empty}`)).json<{ total: number }>().total).toBe(0);
    const zhang = (await t.as(officerA).get(`/api/registry/persons?idNumber=${ZHANG}`)).json<{ items: { id: string }[] }>().items[0]!.id;
    expect((await t.as(officerA).post('/api/registry/residences/arrive', { personId: zhang, houseId: emptyHouse, relation: 'tenant', arrivedOn: '2026-10-12', transactionId: randomUUID() })).statusCode).toBe(404);
    // A new building may take the address of a retired one.
    expect((await t.as(officerA).post('/api/registry/buildings', { divisionCode: A, address: '天河区石牌东路 30 号（已拆除）' })).statusCode).toBe(201);
  });
});

describe('door-to-door collection', () => {
  it('a grid worker registers a newcomer met at the door and records the visit; unvisited buildings come first', async () => {
    const grid = await t.as(officerA).post('/api/divisions/grids', { parentCode: A, name: '东城第一网格' });
    expect(grid.json()).toMatchObject({ code: `${A}001` });
    const b = await building(officerA, `${A}001`, '天河区石牌东路 60 号');
    const unit = await house(officerA, b, '101');
    const newcomer = idOf('45010219980808101');
    const res = await t.as(gridA).post('/api/registry/residences/arrive', {
      idNumber: newcomer, name: '门口新人', phone: '13711112222', registerIfNew: true, houseId: unit, relation: 'tenant', arrivedOn: '2026-10-09', channel: 'door_to_door', transactionId: randomUUID(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ personName: '门口新人', channel: 'door_to_door', status: 'active' });
    const person = await t.handle.query<{ phone: string; division_code: string }>('select phone, division_code from reg_persons where id_number = $1', [newcomer]);
    expect(person).toEqual([{ phone: '13711112222', division_code: `${A}001` }]);
    // An ID number registered under another name is not registered again, nor taken in.
    const other = await t.as(gridA).post('/api/registry/residences/arrive', {
      idNumber: newcomer, name: '冒名者', registerIfNew: true, houseId: unit, relation: 'tenant', arrivedOn: '2026-10-09', channel: 'door_to_door', transactionId: randomUUID(),
    });
    expect(other.json()).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND' });

    const before = (await t.as(gridA).get('/api/registry/buildings?order=visit&pageSize=200')).json<{ items: { id: string; lastVisitAt: string | null }[] }>().items;
    expect(before.every((item) => item.lastVisitAt === null)).toBe(true);
    const visited = await t.as(gridA).post(`/api/registry/buildings/${b}/visit`, { note: '全部核对' });
    expect(visited.statusCode, visited.body).toBe(200);
    expect(visited.json()).toMatchObject({ lastVisitAt: T0.toISOString(), occupantCount: 1 });
    const after = (await t.as(gridA).get('/api/registry/buildings?order=visit&pageSize=200')).json<{ items: { id: string }[] }>().items;
    expect(after.at(-1)!.id).toBe(b);
    const audit = await t.handle.query<{ details: { note: string } }>(`select details from audit_log where action = 'registry.building.visit' and entity_id = $1`, [b]);
    expect(audit).toEqual([{ details: { note: '全部核对' } }]);
    expect((await t.as(officerB).post(`/api/registry/buildings/${b}/visit`, {})).statusCode).toBe(404);
  });

  it('finds people by where they live: any part of the address, or the address and the unit', async () => {
    const names = async (address: string) =>
      (await t.as(officerA).get(`/api/registry/persons?address=${encodeURIComponent(address)}`)).json<{ items: { name: string }[]; more: boolean }>().items.map((p) => p.name);
    expect(await names('石牌东路 60')).toEqual(['门口新人']);
    expect(await names('石牌东路 60 号 101')).toEqual(['门口新人']);
    expect(await names('石牌东路 60 号 202')).toEqual([]);
    expect((await t.as(officerB).get(`/api/registry/persons?address=${encodeURIComponent('石牌东路 60')}`)).json()).toMatchObject({ total: 0, more: false });
  });
});

describe('family links', () => {
  it('links a spouse and children by ID number and matching name, from anywhere in the city, both ways; unlinks', async () => {
    const husband = (await person(officerA, idOf('43010419850505101'), '家庭丈夫')).json<{ id: string }>().id;
    const wifeB = (await person(officerB, idOf('43010419860606202'), '家庭妻子', B)).json<{ id: string }>().id;
    const child = (await person(officerA, idOf('43010420150707301'), '家庭孩子')).json<{ id: string }>().id;
    // A record id from another jurisdiction is not accepted; the number and the right name are.
    expect((await t.as(officerA).patch(`/api/registry/persons/${husband}`, { spouseId: wifeB })).statusCode).toBe(400);
    expect((await t.as(officerA).patch(`/api/registry/persons/${husband}`, { spouse: { idNumber: idOf('43010419860606202'), name: '别人' } })).json()).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND' });
    expect((await t.as(officerA).patch(`/api/registry/persons/${husband}`, { spouse: { idNumber: idOf('43010419850505101'), name: '家庭丈夫' } })).json()).toMatchObject({ code: 'REGISTRY_FAMILY_SELF' });
    const linked = await t.as(officerA).patch(`/api/registry/persons/${husband}`, {
      spouse: { idNumber: idOf('43010419860606202'), name: '家庭妻子' }, addChild: { idNumber: idOf('43010420150707301'), name: '家庭孩子' },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ spouse: { id: wifeB, name: '家庭妻子' }, children: [{ id: child, name: '家庭孩子' }] });
    const wife = await t.as(officerB).get(`/api/registry/persons/${wifeB}`);
    expect(wife.json()).toMatchObject({ spouse: { id: husband } });
    const kid = await t.as(officerA).get(`/api/registry/persons/${child}`);
    expect(kid.json()).toMatchObject({ parents: [{ id: husband }] });
    // The child cannot be made the parent's parent.
    expect((await t.as(officerA).patch(`/api/registry/persons/${child}`, { addChild: { idNumber: idOf('43010419850505101'), name: '家庭丈夫' } })).json()).toMatchObject({ code: 'REGISTRY_FAMILY_CYCLE' });
    const unlinked = await t.as(officerA).patch(`/api/registry/persons/${husband}`, { spouse: null, removeChildId: child });
    expect(unlinked.json()).toMatchObject({ spouse: null, children: [] });
    expect((await t.as(officerB).get(`/api/registry/persons/${wifeB}`)).json()).toMatchObject({ spouse: null });
  });
});

describe('duplicate persons', () => {
  it('offers likely duplicates side by side and merges one into the other, audited', async () => {
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    const keptId = idOf('43010419900101501');
    const kept = (await person(officerA, keptId, '重复者')).json<{ id: string }>().id;
    const extra = (await person(officerA, idOf('43010419900101601'), '重复者', A, '13866667777')).json<{ id: string; duplicates: { id: string }[] }>();
    expect(extra.duplicates.map((d) => d.id)).toEqual([kept]);
    const both = idOf('43010419900101701');
    const third = (await person(officerA, both, '重复者')).json<{ id: string }>().id;
    await t.as(officerA).post('/api/registry/residences/arrive', { personId: kept, houseId: houseA2, relation: 'tenant', arrivedOn: '2026-10-01', transactionId: randomUUID() });
    await t.as(officerA).post('/api/registry/residences/arrive', { personId: third, houseId: houseA, relation: 'tenant', arrivedOn: '2026-10-02', transactionId: randomUUID() });

    const candidates = await t.as(officerA).get(`/api/registry/persons/${kept}/duplicates`);
    expect(candidates.json<{ items: { id: string }[] }>().items.map((c) => c.id).sort()).toEqual([extra.id, third].sort());
    expect((await t.as(officerA).post(`/api/registry/persons/${extra.id}/merge`, { intoId: kept })).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.as(district).post(`/api/registry/persons/${third}/merge`, { intoId: kept })).json()).toMatchObject({ code: 'REGISTRY_PERSON_MERGE_BOTH_RESIDING' });
    expect((await t.as(district).post(`/api/registry/persons/${kept}/merge`, { intoId: kept })).json()).toMatchObject({ code: 'REGISTRY_PERSON_MERGE_SELF' });

    const merged = await t.as(district).post(`/api/registry/persons/${extra.id}/merge`, { intoId: kept });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: kept, idNumber: keptId, phone: '13866667777', residing: true });
    expect((await t.as(officerA).get(`/api/registry/persons/${extra.id}`)).statusCode).toBe(404);
    const audit = await t.handle.query<{ details: { merged: { idNumber: string; name: string } } }>(`select details from audit_log where action = 'registry.person.merge' and entity_id = $1`, [kept]);
    expect(audit[0]!.details.merged).toMatchObject({ idNumber: idOf('43010419900101601'), name: '重复者' });
    expect((await t.as(officerB).get(`/api/registry/persons/${kept}/duplicates`)).statusCode).toBe(404);
  });
});
