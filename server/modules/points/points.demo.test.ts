import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDate } from '@shared/kernel/workdays';
import { buildTestApp, type TestApp } from '../../test/harness';
import { seedPopulation } from '../registry';
import { seedPoints } from './index';
import { recountTallies } from './points.repo';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('gives the demo a final round and an open round with applications in every state, and adds nothing twice', async () => {
  const today = chinaDate(new Date());
  await seedPopulation(t.db, { city: '4401', today, count: 2000, focusStreet: '440106006' });
  const resident = await t.factories.user({ roles: ['resident'], kind: 'resident' });
  const added = await seedPoints(t.db, { today, applicantUserId: resident.id, count: 200 });
  expect(added).toBeGreaterThan(150);
  expect(await seedPoints(t.db, { today, applicantUserId: resident.id, count: 200 })).toBe(0);
  const states = await t.handle.query<{ status: string }>('select distinct status from points_applications order by status');
  expect(states.map((s) => s.status), JSON.stringify(states)).toEqual(expect.arrayContaining(['abandoned', 'card_issued', 'cancelled', 'in_review', 'returned', 'reviewed', 'shortlisted', 'withdrawn']));
  const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  const rounds = (await t.as(admin).get('/api/points/rounds')).json<{ items: { id: string; status: string }[] }>().items;
  expect(rounds.map((r) => r.status).sort()).toEqual(['final', 'open']);
  const final = rounds.find((r) => r.status === 'final')!;
  const ranking = (await t.as(admin).get(`/api/points/rounds/${final.id}/ranking?admitted=true&pageSize=200`)).json<{ items: { cardNumber: string | null; status: string }[]; admitted: number }>();
  expect(ranking.admitted).toBeGreaterThan(0);
  expect(ranking.items.filter((i) => i.status === 'card_issued').every((i) => i.cardNumber)).toBe(true);
  const objections = (await t.as(admin).get(`/api/points/rounds/${final.id}/objections`)).json<{ items: { status: string; answer: string }[] }>().items;
  expect(objections.map((o) => o.status).sort()).toEqual(['dismissed', 'upheld']);
  const overdue = (await t.as(admin).get('/api/points/tasks?overdue=true')).json<{ overdue: number }>();
  expect(overdue.overdue).toBeGreaterThan(0);
  const kept = await recountTallies(t.db);
  expect(kept.kept).toEqual(kept.counted);
  expect(kept.keptTasks).toEqual(kept.countedTasks);
});
