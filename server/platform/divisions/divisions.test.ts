import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../http/context';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { loadCity } from './divisions.service';

let t: TestApp;
let admin: TestUser;
const system = { actor: systemActor('test'), ip: null, requestId: randomUUID(), now: () => new Date() };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
});
afterAll(async () => {
  await t?.close();
});

describe('divisions', () => {
  it('Guangzhou is loaded whole: 11 districts, 178 streets and towns, 2,851 communities and villages', async () => {
    const res = await t.as(admin).get('/api/divisions/summary');
    expect(res.json()).toMatchObject({ district: 11, street: 178, community: 2851 });
    const districts = (await t.as(admin).get('/api/divisions')).json<{ items: { code: string; name: string }[] }>().items;
    expect(districts.map((d) => d.code)).toEqual(['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115', '440117', '440118']);
    expect(districts.find((d) => d.code === '440106')!.name).toBe('天河区');
  });

  it('a street officer sees their street with its path, and a name search stays inside it', async () => {
    const shipai = await t.factories.user({ roles: ['street_officer'], division: '440106006' });
    const res = await t.as(shipai).get('/api/divisions');
    const body = res.json<{ parent: { name: string }; items: { level: string }[]; path: { code: string }[] }>();
    expect(body.parent.name).toBe('石牌街道');
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((item) => item.level === 'community')).toBe(true);
    expect(body.path.map((p) => p.code)).toEqual(['440106006']);
    const search = (await t.as(shipai).get(`/api/divisions?q=${encodeURIComponent('社区')}`)).json<{ items: { code: string }[] }>().items;
    expect(search.length).toBeGreaterThan(0);
    expect(search.every((item) => item.code.startsWith('440106006'))).toBe(true);
    expect((await t.as(shipai).get('/api/divisions?parent=440106001')).statusCode).toBe(404);
  });

  it('loading a city again adds nothing; another city loads beside it', async () => {
    const again = await loadCity(t.db, system, '4401');
    expect(again).toMatchObject({ city: '4401', added: 0 });
    const foshan = await loadCity(t.db, system, '440600');
    expect(foshan.city).toBe('4406');
    expect(foshan.added).toBe(foshan.total - 1); // Guangdong itself was there already
    expect((await loadCity(t.db, system, '4406')).added).toBe(0);
    const districts = await t.handle.query<{ code: string }>("select code from divisions where parent_code = '4406' order by code");
    expect(districts.map((d) => d.code)).toEqual(['440604', '440605', '440606', '440607', '440608']);
  });

  it('refuses a city that is not in the vendored data, bilingually', async () => {
    await expect(loadCity(t.db, system, '9999')).rejects.toMatchObject({ code: 'DIVISION_CITY_UNKNOWN' });
  });

  it('numbers grids under a community, also when two are added at once', async () => {
    const community = '440106006002';
    const [one, two] = await Promise.all([
      t.as(admin).post('/api/divisions/grids', { parentCode: community, name: '第一网格' }),
      t.as(admin).post('/api/divisions/grids', { parentCode: community, name: '第二网格' }),
    ]);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect([one.json<{ code: string }>().code, two.json<{ code: string }>().code].sort()).toEqual([`${community}001`, `${community}002`]);
    const third = await t.as(admin).post('/api/divisions/grids', { parentCode: community, name: '第三网格' });
    expect(third.json()).toMatchObject({ code: `${community}003`, level: 'grid', parentCode: community });
  });

  it('puts grids under communities only', async () => {
    const res = await t.as(admin).post('/api/divisions/grids', { parentCode: '440106006', name: '街道网格' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DIVISION_GRID_PARENT' });
    expect((await t.as(admin).post('/api/divisions/grids', { parentCode: '440106006999', name: 'x' })).statusCode).toBe(404);
  });
});
