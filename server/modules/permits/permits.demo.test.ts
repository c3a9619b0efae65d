import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDate } from '@shared/kernel/workdays';
import { buildTestApp, type TestApp } from '../../test/harness';
import { seedPopulation } from '../registry';
import { seedPermits } from './index';
import { expectTalliesAgree } from './permits.fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await expectTalliesAgree(t);
  await t?.close();
});

it('gives the demo street applications and permits in every state, the demo resident one of each, and adds nothing twice', async () => {
  const today = chinaDate(new Date());
  await seedPopulation(t.db, { city: '4401', today, count: 2000, focusStreet: '440106006' });
  const resident = await t.factories.user({ roles: ['resident'], kind: 'resident' });
  const clerk = await t.factories.user({ roles: ['street_officer'], division: '440106006' });
  const options = { today, street: '440106006', residentId: resident.id, counterUserId: clerk.id, dataDir: t.config.dataDir };
  expect(await seedPermits(t.db, options)).toBe(13);
  expect(await seedPermits(t.db, options)).toBe(0);
  const states = await t.handle.query<{ kind: string; status: string; n: number }>(
    `select 'application' as kind, status, count(*)::int as n from permit_applications group by status
     union all select 'permit', status, count(*)::int from permits group by status order by 1, 2`,
  );
  expect(states.map((s) => `${s.kind}:${s.status}`)).toEqual([
    'application:accepted', 'application:issued', 'application:refused', 'application:returned', 'application:submitted', 'application:withdrawn',
    'permit:cancelled', 'permit:revoked', 'permit:suspended', 'permit:valid',
  ]);
  // The demo resident sees their own permit (in its endorsement window) and their returned application in the portal.
  const mine = (await t.as(resident).get('/api/permits/my')).json<{ permits: { endorsable: string }[]; applications: { status: string; evidence: unknown[] }[] }>();
  expect(mine.permits).toEqual([expect.objectContaining({ endorsable: 'on_time' })]);
  expect(mine.applications.map((a) => a.status).sort()).toEqual(['issued', 'returned']);
  // Staff see the materials of demo applications.
  const queue = (await t.as(clerk).get('/api/permits/applications?status=accepted')).json<{ items: { id: string; overdue: boolean }[] }>();
  expect(queue.items.map((i) => i.overdue).sort()).toEqual([false, true]);
  const detail = (await t.as(clerk).get(`/api/permits/applications/${queue.items[0]!.id}`)).json<{ evidence: { fileId: string }[] }>();
  const file = await t.as(clerk).get(`/api/permits/applications/${queue.items[0]!.id}/files/${detail.evidence[0]!.fileId}`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toBe('image/png');
});
