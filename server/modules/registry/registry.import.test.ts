import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { systemActor } from '../../platform/http/context';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import * as repo from './registry.repo';
import { createImport, dateOf, IMPORT_BATCH, runImport } from './registry.import';

const A = '440106006002';
const B = '440106006004';
const T0 = new Date('2026-10-12T02:00:00Z');
const idOf = (first17: string) => first17 + idCheckCharacter(first17);
const HEADER = '姓名,身份证号码,手机号码,文化程度,工作单位,地址,房号,居住关系,入住日期';

let t: TestApp;
let officerA: TestUser;
let officerB: TestUser;
let otherHouse = "";

async function building(user: TestUser, divisionCode: string, address: string, units: string[]) {
  const b = await t.as(user).post('/api/registry/buildings', { divisionCode, address });
  const ids: string[] = [];
  for (const unit of units) {
    const h = await t.as(user).post('/api/registry/houses', { buildingId: b.json<{ id: string }>().id, unit, use: 'rental', ownerOrganisation: '某公寓公司' });
    ids.push(h.json<{ id: string }>().id);
  }
  return ids;
}

function upload(user: TestUser, fileName: string, body: string | Buffer, type = 'text/csv') {
  return t.app.inject({
    method: 'POST', url: `/api/registry/imports?fileName=${encodeURIComponent(fileName)}`, payload: body,
    headers: { cookie: `anju_session=${user.token}`, 'x-csrf-token': user.csrfToken, 'content-type': type },
  });
}

async function finish(id: string) {
  await t.jobs.drain('registry.import');
  return (await t.as(officerA).get(`/api/registry/imports/${id}`)).json<{ status: string; totalRows: number; rowsDone: number; accepted: number; unchanged: number; rejected: number }>();
}

beforeAll(async () => {
  t = await buildTestApp({ now: T0 });
  officerA = await t.factories.user({ roles: ['community_officer'], division: A });
  officerB = await t.factories.user({ roles: ['community_officer'], division: B });
  await building(officerA, A, '天河区石牌东路 30 号', ['101', '102', '201']);
  otherHouse = (await building(officerA, A, "天河区石牌东路 32 号", ["301"]))[0]!;
  await building(officerB, B, '天河区华师南苑 9 栋', ['101']);
  // Someone already registered (and living elsewhere in A), and someone registered under another name.
  const mover = await t.as(officerA).post('/api/registry/persons', { idNumber: idOf('43010419880101301'), name: '搬家者', divisionCode: A });
  await t.as(officerA).post('/api/registry/residences/arrive', { personId: mover.json<{ id: string }>().id, houseId: otherHouse, relation: 'tenant', arrivedOn: '2026-01-05', transactionId: randomUUID() });
  await t.as(officerA).post('/api/registry/persons', { idNumber: idOf('43010419880101402'), name: '原登记名', divisionCode: A });
});
afterAll(async () => {
  await t?.close();
});

describe('bulk import of registrations', () => {
  const rows = [
    `王小明,${idOf('43010419950202201')},13800001111,高中,某公寓公司,天河区石牌东路 30 号,101,租住,2026-09-01`,
    `李小红,${idOf('36010219960303302')},,bachelor,,天河区石牌东路 30 号,102,tenant,2026/9/3`,
    `错号码,${idOf('43010419950202301').slice(0, 17)}${idOf('43010419950202301').endsWith('0') ? '1' : '0'},,,,天河区石牌东路 30 号,101,租住,2026-09-01`,
    `未来人,${idOf('43010419950202401')},,,,天河区石牌东路 30 号,101,租住,2026-12-01`,
    `无地址,${idOf('43010419950202501')},,,,天河区不存在路 1 号,101,租住,2026-09-01`,
    `越界者,${idOf('43010419950202601')},,,,天河区华师南苑 9 栋,101,租住,2026-09-01`,
    `坏电话,${idOf('43010419950202701')},12345,,,天河区石牌东路 30 号,101,租住,2026-09-01`,
    `怪关系,${idOf('43010419950202801')},,,,天河区石牌东路 30 号,101,借住一下,2026-09-01`,
    `王小明,${idOf('43010419950202201')},,,,天河区石牌东路 30 号,201,租住,2026-09-02`,
    `换了名,${idOf('43010419880101402')},,,,天河区石牌东路 30 号,201,租住,2026-09-01`,
    `搬家者,${idOf('43010419880101301')},,,,天河区石牌东路 30 号,201,亲属,2026-09-10`,
    `"引号, 逗号",${idOf('45010219970404101')},,初中,"某厂, 二车间",天河区石牌东路 30 号,201,宿舍,20260905`,
  ];
  const csv = `${HEADER}\n${rows.join('\n')}\n`;
  let firstId: string;

  it('takes good rows, rejects each bad one with its reason, and moves a person living elsewhere', async () => {
    const res = await upload(officerA, '中介上报.csv', csv);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'queued', fileName: '中介上报.csv', format: 'csv' });
    firstId = res.json<{ id: string }>().id;
    expect(await finish(firstId)).toMatchObject({ status: 'done', totalRows: 12, rowsDone: 12, accepted: 4, unchanged: 0, rejected: 8 });
    const stays = await t.handle.query<{ name: string; unit: string; relation: string; channel: string; status: string }>(`
      select p.name, h.unit, r.relation, r.channel, r.status from reg_residences r join reg_persons p on p.id = r.person_id join reg_houses h on h.id = r.house_id
      where r.channel = 'import' order by p.name`);
    expect(stays).toEqual([
      { name: '引号, 逗号', unit: '201', relation: 'dormitory', channel: 'import', status: 'active' },
      { name: '搬家者', unit: '201', relation: 'relative', channel: 'import', status: 'active' },
      { name: '李小红', unit: '102', relation: 'tenant', channel: 'import', status: 'active' },
      { name: '王小明', unit: '101', relation: 'tenant', channel: 'import', status: 'active' },
    ]);
    const moved = await t.handle.query<{ status: string; left_on: string }>(`select status, left_on::text from reg_residences where house_id = $1`, [otherHouse]);
    expect(moved).toEqual([{ status: 'ended', left_on: '2026-09-10' }]);
    const person = await t.handle.query<{ phone: string; education: string; employer: string }>(`select phone, education, employer from reg_persons where name = '王小明'`);
    expect(person).toEqual([{ phone: '13800001111', education: 'senior', employer: '某公寓公司' }]);
  });

  it('gives the rejected rows back as CSV with the file\'s columns, the row number and the reason', async () => {
    const res = await t.as(officerA).get(`/api/registry/imports/${firstId}/rejects.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(`${HEADER},行号,原因`);
    expect(lines).toHaveLength(9);
    const reasons = lines.slice(1).map((line) => [line.split(',')[0], line.split(',').at(-2), line.split(',').at(-1)]);
    expect(reasons).toEqual([
      ['错号码', '4', '身份证号码校验位不正确，请核对每一位数字'],
      ['未来人', '5', expect.stringContaining('2026-12-01')],
      ['无地址', '6', expect.stringContaining('不在您辖区的标准地址库中')],
      ['越界者', '7', expect.stringContaining('不在您辖区的标准地址库中')],
      ['坏电话', '8', '手机号码“12345”不正确'],
      ['怪关系', '9', expect.stringContaining('借住一下')],
      ['王小明', '10', expect.stringContaining('已出现过')],
      ['换了名', '11', '该身份证号码已登记的姓名与文件中的姓名不一致'],
    ]);
    const english = await t.as(officerA).get(`/api/registry/imports/${firstId}/rejects.csv`, { 'accept-language': 'en' });
    expect(english.body).toContain('Row,Reason');
  });

  it('the same file again registers nothing twice', async () => {
    const before = await t.handle.query<{ n: number }>('select count(*)::int as n from reg_residences');
    const res = await upload(officerA, '中介上报.csv', csv);
    expect(await finish(res.json<{ id: string }>().id)).toMatchObject({ status: 'done', accepted: 0, unchanged: 4, rejected: 8 });
    const after = await t.handle.query<{ n: number }>('select count(*)::int as n from reg_residences');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('reads XLSX with real date cells and Chinese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['表格人', idOf('51010419900505111'), '13900002222', '大专', '', '天河区石牌东路 30 号', '102', '租住', new Date(Date.UTC(2026, 8, 20))]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(officerA, '公寓.xlsx', buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.statusCode, res.body).toBe(201);
    const xid = res.json<{ id: string }>().id;
    const outcome = await finish(xid);
    expect(outcome, (await t.as(officerA).get(`/api/registry/imports/${xid}/rejects.csv`)).body).toMatchObject({ status: 'done', accepted: 1, rejected: 0 });
    const stay = await t.handle.query<{ arrived_on: string }>(`select r.arrived_on::text from reg_residences r join reg_persons p on p.id = r.person_id where p.name = '表格人'`);
    expect(stay).toEqual([{ arrived_on: '2026-09-20' }]);
  });

  it('reads the ways files write dates, and refuses days that do not exist', () => {
    expect(['2026-03-05', '2026/3/5', '2026.3.5', '20260305', '2026年3月5日', '46086'].map(dateOf)).toEqual(Array(6).fill('2026-03-05'));
    expect(['2026-02-30', '2026-13-01', 'yesterday', '', '123'].map(dateOf)).toEqual(Array(5).fill(undefined));
  });

  it('refuses a file without the required columns, an empty upload and a JSON body, with the reason', async () => {
    const missing = await upload(officerA, 'bad.csv', '姓名,身份证号码\n张三,1\n');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'IMPORT_COLUMNS_MISSING', message: expect.stringContaining('地址、房号、居住关系、入住日期') });
    expect((await upload(officerA, 'empty.csv', '')).json()).toMatchObject({ code: 'IMPORT_FILE_REQUIRED' });
    expect((await t.as(officerA).post('/api/registry/imports?fileName=x.csv', { rows: [] })).json()).toMatchObject({ code: 'IMPORT_FILE_REQUIRED' });
    expect((await upload(officerA, '', csv)).statusCode).toBe(400);
  });

  it('another community sees none of these imports', async () => {
    expect((await t.as(officerB).get(`/api/registry/imports/${firstId}`)).statusCode).toBe(404);
    expect((await t.as(officerB).get(`/api/registry/imports/${firstId}/rejects.csv`)).statusCode).toBe(404);
    expect((await t.as(officerB).get('/api/registry/imports')).json()).toMatchObject({ total: 0 });
    expect((await t.as(officerA).get('/api/registry/imports')).json<{ total: number }>().total).toBe(3);
  });

  it('an import stopped after its first batch resumes where it stopped and loads every row once', async () => {
    const houses = await building(officerA, A, '天河区石牌东路 40 号', ['101', '102', '103', '104']);
    expect(houses).toHaveLength(4);
    const count = IMPORT_BATCH * 2 + 500;
    const lines = Array.from({ length: count }, (_, i) => {
      const first17 = `440106${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`.slice(0, 17);
      return `批量${i},${idOf(first17)},,,,天河区石牌东路 40 号,10${1 + (i % 4)},租住,2026-08-01`;
    });
    const unique = new Set(lines.map((line) => line.split(',')[1])).size;
    const big = `${HEADER}\n${lines.join('\n')}\n`;
    const who = { actor: { ...systemActor('test'), userId: officerA.id }, scope: { root: A }, requestId: randomUUID(), ip: null, now: () => T0, db: t.db, dataDir: t.config.dataDir, jobs: null };
    const created = await createImport(who, 'big.csv', Readable.from([big]));
    const seen: number[] = [];
    // A budget of 0 ms stops after the first batch, as a killed server would (its batch committed, nothing after).
    expect(await runImport({ db: t.db, now: () => T0 }, created.id, { budgetMs: 0, progress: (done) => seen.push(done) })).toBe(false);
    const half = (await repo.findImport(t.db, null, created.id))!.import;
    expect(half).toMatchObject({ status: 'running', rowsDone: IMPORT_BATCH, totalRows: count });
    expect(await runImport({ db: t.db, now: () => T0 }, created.id, { progress: (done) => seen.push(done) })).toBe(true);
    const done = (await repo.findImport(t.db, null, created.id))!.import;
    expect(done).toMatchObject({ status: 'done', rowsDone: count, accepted: unique, rejected: count - unique });
    expect(seen.at(-1)).toBe(count);
    const loaded = await t.handle.query<{ n: number }>(`select count(*)::int as n from reg_residences r join reg_houses h on h.id = r.house_id join reg_buildings b on b.id = h.building_id where b.address = '天河区石牌东路 40 号'`);
    expect(loaded[0]!.n).toBe(unique);
    // Another worker holding an old checkpoint cannot move it: its batch would roll back.
    await t.db.transaction(async (tx) => expect(await repo.advanceImport(tx, created.id, IMPORT_BATCH, IMPORT_BATCH * 2, { accepted: 1, unchanged: 0, rejected: 0 })).toBe(false));
  });
});
