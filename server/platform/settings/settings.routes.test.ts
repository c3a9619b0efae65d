import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await buildTestApp({ now: new Date('2026-10-12T02:00:00Z') });
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
});
afterAll(async () => {
  await t?.close();
});

type Item = { key: string; value: number | boolean; default: number | boolean; source: string; updatedBy: string | null };
const find = (items: Item[], key: string) => items.find((item) => item.key === key)!;

describe('policy settings', () => {
  it('lists every setting with the official default and where it comes from', async () => {
    const grid = await t.factories.user({ roles: ['grid_worker'], division: '440106006002001' });
    const res = await t.as(grid).get('/api/settings');
    expect(res.statusCode).toBe(200);
    const deadline = find(res.json<{ items: Item[] }>().items, 'registry.arrivalDeadlineWorkdays');
    expect(deadline).toMatchObject({ value: 3, default: 3, kind: 'integer', unit: 'workdays', updatedBy: null });
    expect(deadline.source).toContain('第十九条');
  });

  it('a city admin changes one, audited with the value before; the same value again changes nothing', async () => {
    const res = await t.as(admin).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ value: 5, default: 3 });
    expect(res.json<Item>().updatedBy).toMatch(/测试用户/);
    expect((await t.as(admin).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 5 })).statusCode).toBe(200);
    const audit = await t.handle.query<{ details: { value: number; before: number } }>(`select details from audit_log where action = 'settings.set' and entity_id = 'registry.arrivalDeadlineWorkdays'`);
    expect(audit.map((row) => row.details)).toEqual([{ value: 5, before: 3 }]);
    await t.as(admin).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 3 });
  });

  it('refuses a value that does not fit, an unknown key, and anyone below the city level', async () => {
    const range = await t.as(admin).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 61 });
    expect(range.statusCode).toBe(400);
    expect(range.json()).toMatchObject({ code: 'SETTING_VALUE_RANGE', message: '取值须为 0 到 60 之间的整数' });
    const fraction = await t.as(admin).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 2.5 });
    expect(fraction.json()).toMatchObject({ code: 'SETTING_VALUE_RANGE' });
    const kind = await t.as(admin).put('/api/settings/registry.selfDeclarationAutoConfirm', { value: 1 });
    expect(kind.json()).toMatchObject({ code: 'SETTING_VALUE_BOOLEAN' });
    const text = await t.as(admin).put('/api/settings/registry.selfDeclarationAutoConfirm', { value: 'yes' });
    expect(text.statusCode).toBe(400);
    expect((await t.as(admin).put('/api/settings/no.such', { value: 1 })).statusCode).toBe(404);
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    expect((await t.as(district).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 4 })).json()).toMatchObject({ code: 'FORBIDDEN' });
    const stored = await t.handle.query(`select * from settings where key = 'registry.selfDeclarationAutoConfirm'`);
    expect(stored).toEqual([]);
  });

  it('a district admin granted the permission still may not change a city-wide rule', async () => {
    await t.as(admin).put('/api/admin/roles/district_officer/permissions', {
      permissions: ['divisions.read', 'divisions.manage', 'admin.users', 'registry.read', 'registry.write', 'registry.pii', 'registry.manage', 'settings.manage'],
    });
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    const res = await t.as(district).put('/api/settings/registry.arrivalDeadlineWorkdays', { value: 4 });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
  });
});
