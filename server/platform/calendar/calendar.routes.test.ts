import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { getCalendar } from './calendar.service';

let t: TestApp;
let admin: TestUser;
let tianhe: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  tianhe = await t.factories.user({ roles: ['district_officer'], division: '440106' });
});
afterAll(async () => {
  await t?.close();
});

describe('working-day calendar', () => {
  it('lists days with the official schedule', async () => {
    const res = await t.as(tianhe).get('/api/calendar/days?from=2026-09-30&to=2026-10-10');
    expect(res.statusCode).toBe(200);
    const days = res.json<{ items: { date: string; kind: string; source: string; name: string | null }[] }>().items;
    expect(days).toHaveLength(11);
    expect(days[0]).toMatchObject({ date: '2026-09-30', kind: 'workday' });
    expect(days[1]).toMatchObject({ date: '2026-10-01', kind: 'holiday', source: 'official', name: '国庆节' });
    expect(days.at(-1)).toMatchObject({ date: '2026-10-10', kind: 'workday', source: 'official' });
  });

  it('refuses a backwards or over-long range and a date that does not exist', async () => {
    expect((await t.as(tianhe).get('/api/calendar/days?from=2026-10-10&to=2026-10-01')).json()).toMatchObject({ code: 'CALENDAR_RANGE_INVALID' });
    expect((await t.as(tianhe).get('/api/calendar/days?from=2026-01-01&to=2027-06-01')).statusCode).toBe(400);
    expect((await t.as(tianhe).get('/api/calendar/days?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
  });

  it('a city admin overrides a day; deadlines counted after it follow; retrying changes nothing; removing restores', async () => {
    const before = await getCalendar(t.db);
    expect(before.addWorkdays('2027-01-29', 1)).toBe('2027-02-01');
    const set = await t.as(admin).put('/api/calendar/overrides/2027-02-01', { kind: 'holiday', note: '春节调休（待公布前暂定）' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ date: '2027-02-01', kind: 'holiday', note: '春节调休（待公布前暂定）' });
    expect((await t.as(admin).put('/api/calendar/overrides/2027-02-01', { kind: 'holiday', note: '春节调休（待公布前暂定）' })).statusCode).toBe(200);
    expect((await getCalendar(t.db)).addWorkdays('2027-01-29', 1)).toBe('2027-02-02');
    const audits = await t.as(admin).get('/api/audit/entries?action=calendar.override&entityId=2027-02-01');
    expect(audits.json<{ total: number }>().total).toBe(1);
    const listed = await t.as(tianhe).get('/api/calendar/overrides?year=2027');
    expect(listed.json<{ items: { date: string }[] }>().items.map((i) => i.date)).toEqual(['2027-02-01']);
    const day = await t.as(tianhe).get('/api/calendar/days?from=2027-02-01&to=2027-02-01');
    expect(day.json<{ items: unknown[] }>().items[0]).toMatchObject({ source: 'override', kind: 'holiday' });

    expect((await t.as(admin).delete('/api/calendar/overrides/2027-02-01')).statusCode).toBe(200);
    expect((await getCalendar(t.db)).addWorkdays('2027-01-29', 1)).toBe('2027-02-01');
    expect((await t.as(admin).delete('/api/calendar/overrides/2027-02-01')).statusCode).toBe(404);
  });

  it('a district officer may read but not change the city calendar', async () => {
    const res = await t.as(tianhe).put('/api/calendar/overrides/2027-02-01', { kind: 'holiday' });
    expect(res.statusCode).toBe(403);
  });
});
