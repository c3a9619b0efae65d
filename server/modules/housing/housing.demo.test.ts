import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDate } from '@shared/kernel/workdays';
import { buildTestApp, type TestApp } from '../../test/harness';
import { LONG_SESSION } from '../../test/fixtures';
import { seedInspections } from '../inspections';
import { seedPopulation } from '../registry';
import { seedHousing } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('gives the demo grid sub-landlords with a blacklist entry, a door system with a stranger, rents and bills in arrears, letter signatures; adds nothing twice', async () => {
  const today = chinaDate(new Date());
  const grid = '440106006002001';
  await seedPopulation(t.db, { city: '4401', today, count: 2000, focusStreet: '440106006' });
  await t.handle.query("insert into divisions (code, name, level, parent_code) values ('440106006002001', '第一网格', 'grid', '440106006002') on conflict do nothing");
  await seedInspections(t.db, { today, grid, landlordPhone: '13800000002', notifier: t.notifier });
  const officer = await t.factories.user({ roles: ['street_officer'], division: '440106006', sessionHours: LONG_SESSION });
  const landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13800000002', sessionHours: LONG_SESSION });
  const options = { today, grid, officerUserId: officer.id, notifier: t.notifier, landlord: { userId: landlord.id, phone: '13800000002' } };
  expect(await seedHousing(t.db, options)).toBeGreaterThan(0);
  expect(await seedHousing(t.db, options)).toBe(0);

  const parties = (await t.as(officer).get('/api/housing/parties?blacklisted=true')).json<{ items: { name: string }[] }>();
  expect(parties.items.map((p) => p.name)).toEqual(['韦大成']);
  const flags = (await t.as(officer).get('/api/housing/flags')).json<{ items: { kind: string }[] }>();
  expect(flags.items.map((f) => f.kind)).toContain('blacklisted_manager');
  const doors = (await t.as(officer).get('/api/housing/doors')).json<{ items: { name: string; lastEventAt: string | null; address: string }[] }>();
  expect(doors.items).toMatchObject([{ name: '东门人脸门禁', lastEventAt: expect.any(String), address: expect.stringContaining('石牌') }]);
  const tasks = (await t.as(officer).get('/api/inspections/registration-tasks')).json<{ items: { name: string; source: string }[] }>();
  expect(tasks.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: '门禁访客 符志远', source: 'access' })]));
  const arrears = (await t.as(officer).get('/api/housing/tax/bills?arrears=true')).json<{ items: unknown[]; arrearsFen: number }>();
  expect(arrears.items).toHaveLength(1);
  expect(arrears.arrearsFen).toBeGreaterThan(0);
  expect((await t.as(officer).get('/api/housing/tax/bills')).json<{ total: number }>().total).toBeGreaterThanOrEqual(5);
  // The landlord's houses are among those billed: the portal shows them with the arrears.
  expect((await t.as(landlord).get('/api/housing/my/tax')).json<{ arrearsFen: number }>().arrearsFen).toBe(arrears.arrearsFen);
  // The landlord signed the letter for all their houses but one; the street's figures count them.
  const letters = (await t.as(landlord).get('/api/housing/my/houses')).json<{ items: { current: boolean }[] }>().items;
  expect(letters.length).toBeGreaterThan(1);
  expect(letters.filter((h) => !h.current)).toHaveLength(1);
  expect((await t.as(officer).get('/api/housing/letter/coverage')).json<{ total: { signed: number } }>().total.signed).toBe(letters.length - 1);
});
