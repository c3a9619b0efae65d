import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDate } from '@shared/kernel/workdays';
import { buildTestApp, type TestApp } from '../../test/harness';
import { seedPopulation } from '../registry';
import { seedInspections } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('gives the demo grid graded houses and hazards in every state, the landlord\'s among them, and adds nothing twice', async () => {
  const today = chinaDate(new Date());
  await seedPopulation(t.db, { city: '4401', today, count: 2000, focusStreet: '440106006' });
  await t.handle.query("insert into divisions (code, name, level, parent_code) values ('440106006002001', '第一网格', 'grid', '440106006002') on conflict do nothing");
  const officer = await t.factories.user({ roles: ['street_officer'], division: '440106006' });
  const options = { today, grid: '440106006002001', landlordPhone: '13800000002', notifier: t.notifier, officerUserId: officer.id };
  expect(await seedInspections(t.db, options)).toBeGreaterThan(4);
  expect(await seedInspections(t.db, options)).toBe(0);
  const states = await t.handle.query<{ status: string }>('select distinct status from insp_hazards order by status');
  expect(states.map((s) => s.status)).toEqual(['closed', 'fix_reported', 'notified', 'referred']);
  const inspections = await t.handle.query<{ status: string }>('select distinct status from insp_inspections order by status');
  expect(inspections.map((s) => s.status)).toEqual(['cancelled', 'done', 'planned']);
  const stars = await t.handle.query<{ stars: number }>('select distinct stars from insp_house_grades where stars is not null order by stars');
  expect(stars.length).toBeGreaterThan(2);
  const landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord', phone: '13800000002' });
  const mine = (await t.as(landlord).get('/api/inspections/my/houses')).json<{ items: { hazards: unknown[] }[] }>();
  expect(mine.items).toHaveLength(3);
  expect(mine.items.flatMap((h) => h.hazards).length).toBeGreaterThan(2);
});
