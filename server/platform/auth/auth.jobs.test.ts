import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
const T0 = new Date('2026-05-04T01:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ now: T0 });
});
afterAll(async () => {
  await t?.close();
});

it('the hourly purge ends expired sessions and forgets day-old SMS codes, and nothing else', async () => {
  const staff = await t.factories.user({ roles: ['community_officer'], division: '440106006001' });
  expect((await t.as(staff).get('/api/auth/me')).statusCode).toBe(200);
  expect((await t.anonymous.post('/api/auth/sms-codes', { phone: '13900139000' })).statusCode).toBe(200);

  t.setNow(new Date(T0.getTime() + 30 * 60_000));
  await t.jobs.enqueue(null, 'auth.purge-expired', {});
  expect(await t.jobs.drain('auth.purge-expired')).toEqual({ completed: 1, failed: 0 });
  expect((await t.as(staff).get('/api/auth/me')).statusCode).toBe(200);
  const counts = async () => (await t.handle.query<{ sessions: number; codes: number }>(
    'select (select count(*)::int from sessions) as sessions, (select count(*)::int from sms_codes) as codes',
  ))[0]!;
  expect(await counts()).toEqual({ sessions: 1, codes: 1 });

  t.setNow(new Date(T0.getTime() + 25 * 3_600_000));
  await t.jobs.enqueue(null, 'auth.purge-expired', {});
  expect(await t.jobs.drain('auth.purge-expired')).toEqual({ completed: 1, failed: 0 });
  expect(await counts()).toEqual({ sessions: 0, codes: 0 });
  expect((await t.as(staff).get('/api/auth/me')).statusCode).toBe(401);
});
