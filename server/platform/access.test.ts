import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS } from '@shared/permissions';
import { buildTestApp, type Client, type TestApp, type TestUser } from '../test/harness';

/**
 * One sweep of every API route as every role, and one as a community officer who holds every
 * permission there is, aimed at another community. New routes must be added to ROUTES: a test fails
 * when one is missing.
 */

const STREET = '440106006';
const A = '440106006002'; // the officer's own community
const B = '440106006004'; // the neighbouring community in the same street

type Fixture = { bUser: { id: string; username: string }; bGrid: string; aGrid: string };
type Sample = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: Record<string, unknown> };
type RouteCase = {
  route: string;
  /** A valid request of the route, for the role sweep. */
  sample: (f: Fixture) => Sample;
  /** Requests that aim at community B (or at city-wide data), for the isolation sweep. */
  foreign: (f: Fixture) => Sample[];
};

let unique = 0;
const ROUTES: RouteCase[] = [
  { route: 'GET /api/auth/me', sample: () => ({ method: 'GET', url: '/api/auth/me' }), foreign: () => [] },
  {
    route: 'POST /api/auth/password',
    sample: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'not-it', newPassword: 'Another#Pass7' } }),
    foreign: () => [],
  },
  { route: 'POST /api/auth/logout', sample: () => ({ method: 'POST', url: '/api/auth/logout' }), foreign: () => [] },
  { route: 'POST /api/auth/login', sample: () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'nobody-here', password: 'x' } }), foreign: () => [] },
  { route: 'POST /api/auth/sms-codes', sample: () => ({ method: 'POST', url: '/api/auth/sms-codes', body: { phone: `137${String(++unique).padStart(8, '0')}` } }), foreign: () => [] },
  { route: 'POST /api/auth/phone-login', sample: () => ({ method: 'POST', url: '/api/auth/phone-login', body: { phone: '13700000000', code: '000000' } }), foreign: () => [] },
  {
    route: 'GET /api/admin/users',
    sample: () => ({ method: 'GET', url: '/api/admin/users' }),
    foreign: (f) => [{ method: 'GET', url: `/api/admin/users?q=${f.bUser.username}` }, { method: 'GET', url: '/api/admin/users?pageSize=100' }],
  },
  {
    route: 'POST /api/admin/users',
    sample: () => ({ method: 'POST', url: '/api/admin/users', body: { username: `sweep${++unique}`, displayName: '扫描', password: 'Strong#Pass1', roles: ['grid_worker'], divisionCode: `${A}001` } }),
    foreign: (f) => [{ method: 'POST', url: '/api/admin/users', body: { username: `intruder${++unique}`, displayName: '越界', password: 'Strong#Pass1', roles: ['grid_worker'], divisionCode: f.bGrid } }],
  },
  {
    route: 'PATCH /api/admin/users/:id',
    sample: (f) => ({ method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { displayName: '南苑社区 改名' } }),
    foreign: (f) => [
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { displayName: '被改了' } },
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { status: 'disabled' } },
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { divisionCode: A } },
    ],
  },
  { route: 'GET /api/admin/roles', sample: () => ({ method: 'GET', url: '/api/admin/roles' }), foreign: () => [] },
  {
    route: 'PUT /api/admin/roles/:code/permissions',
    sample: () => ({ method: 'PUT', url: '/api/admin/roles/auditor/permissions', body: { permissions: ['audit.read', 'divisions.read'] } }),
    foreign: () => [{ method: 'PUT', url: '/api/admin/roles/grid_worker/permissions', body: { permissions: [...PERMISSIONS] } }],
  },
  { route: 'GET /api/notify/outbox', sample: () => ({ method: 'GET', url: '/api/notify/outbox' }), foreign: () => [{ method: 'GET', url: '/api/notify/outbox' }] },
  {
    route: 'GET /api/audit/entries',
    sample: () => ({ method: 'GET', url: '/api/audit/entries' }),
    foreign: (f) => [
      { method: 'GET', url: `/api/audit/entries?entityId=${f.bUser.id}` },
      { method: 'GET', url: `/api/audit/entries?entityId=${f.bGrid}` },
      { method: 'GET', url: '/api/audit/entries?pageSize=100' },
    ],
  },
  { route: 'POST /api/audit/verify', sample: () => ({ method: 'POST', url: '/api/audit/verify' }), foreign: () => [] },
  {
    route: 'GET /api/divisions',
    sample: () => ({ method: 'GET', url: '/api/divisions' }),
    foreign: () => [
      { method: 'GET', url: `/api/divisions?parent=${B}` },
      { method: 'GET', url: `/api/divisions?parent=${STREET}` },
      { method: 'GET', url: `/api/divisions?q=${encodeURIComponent('南苑')}` },
      { method: 'GET', url: `/api/divisions?q=${encodeURIComponent('网格')}` },
    ],
  },
  {
    route: 'GET /api/calendar/days',
    sample: () => ({ method: 'GET', url: '/api/calendar/days?from=2026-10-01&to=2026-10-07' }),
    foreign: () => [],
  },
  { route: 'GET /api/calendar/overrides', sample: () => ({ method: 'GET', url: '/api/calendar/overrides?year=2026' }), foreign: () => [] },
  {
    route: 'PUT /api/calendar/overrides/:date',
    sample: () => ({ method: 'PUT', url: '/api/calendar/overrides/2026-12-24', body: { kind: 'workday' } }),
    foreign: () => [{ method: 'PUT', url: '/api/calendar/overrides/2026-12-25', body: { kind: 'holiday', note: '越权' } }],
  },
  {
    route: 'DELETE /api/calendar/overrides/:date',
    sample: () => ({ method: 'DELETE', url: '/api/calendar/overrides/2026-12-24' }),
    foreign: () => [{ method: 'DELETE', url: '/api/calendar/overrides/2026-12-24' }],
  },
  { route: 'GET /api/divisions/summary', sample: () => ({ method: 'GET', url: '/api/divisions/summary' }), foreign: () => [{ method: 'GET', url: '/api/divisions/summary' }] },
  {
    route: 'POST /api/divisions/grids',
    sample: () => ({ method: 'POST', url: '/api/divisions/grids', body: { parentCode: A, name: `扫描网格${++unique}` } }),
    foreign: () => [{ method: 'POST', url: '/api/divisions/grids', body: { parentCode: B, name: '越界网格' } }],
  },
];

/** Where each role sits in the sweep. */
const HOME: Record<string, { division?: string; department?: string; kind?: 'staff' | 'resident' | 'landlord' }> = {
  city_admin: { division: '4401' },
  district_officer: { division: '440106' },
  street_officer: { division: STREET },
  community_officer: { division: A },
  grid_worker: { division: `${A}001` },
  dept_reviewer: { division: '4401', department: 'hrss' },
  auditor: { division: '4401' },
  resident: { kind: 'resident' },
  landlord: { kind: 'landlord' },
};

let t: TestApp;
let fixture: Fixture;

function send(client: Client, sample: Sample): Promise<LightMyRequestResponse> {
  switch (sample.method) {
    case 'GET':
      return client.get(sample.url);
    case 'POST':
      return client.post(sample.url, sample.body);
    case 'PATCH':
      return client.patch(sample.url, sample.body);
    case 'PUT':
      return client.put(sample.url, sample.body);
    case 'DELETE':
      return client.delete(sample.url);
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  const aGrid = await t.as(admin).post('/api/divisions/grids', { parentCode: A, name: '东城一网格' });
  const bGrid = await t.as(admin).post('/api/divisions/grids', { parentCode: B, name: '南苑一网格' });
  const bUser = await t.as(admin).post('/api/admin/users', {
    username: 'nanyuan', displayName: '南苑社区 专干', password: 'Strong#Pass1', roles: ['community_officer'], divisionCode: B,
  });
  expect([aGrid.statusCode, bGrid.statusCode, bUser.statusCode]).toEqual([201, 201, 201]);
  fixture = { aGrid: aGrid.json<{ code: string }>().code, bGrid: bGrid.json<{ code: string }>().code, bUser: bUser.json<{ id: string; username: string }>() };
});
afterAll(async () => {
  await t?.close();
});

describe('every route as every role', () => {
  it('the table covers every API route', () => {
    const api = t.app.anjuRoutes
      .filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !['/api/health', '/api/openapi.json'].includes(route.url))
      .flatMap((route) => (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${route.url.replace(/\/$/, '')}`));
    expect([...new Set(api)].sort()).toEqual(ROUTES.map((r) => r.route).sort());
  });

  const permissionOf = (route: string) => {
    const [method, url] = route.split(' ');
    const found = t.app.anjuRoutes.find((r) => r.url.replace(/\/$/, '') === url && (Array.isArray(r.method) ? r.method : [r.method]).includes(method!));
    return found?.config;
  };

  for (const role of BUILTIN_ROLES) {
    it(`${role.code}: allowed routes answer, the others 403; nobody logged out gets past 401`, async () => {
      const problems: string[] = [];
      for (const entry of ROUTES) {
        const access = permissionOf(entry.route)!;
        const user: TestUser = await t.factories.user({ roles: [role.code], ...HOME[role.code] });
        const res = await send(t.as(user), entry.sample(fixture));
        const allowed = access.public || access.permission === 'session' || (role.permissions as readonly string[]).includes(access.permission ?? '');
        const code = res.statusCode >= 400 ? res.json<{ code: string }>().code : '';
        // The guard's refusals; a route's own answers (a wrong password is 401 too) are not refusals.
        if (allowed && ['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_FAILED'].includes(code)) problems.push(`${entry.route}: ${code} although allowed`);
        if (allowed && res.statusCode >= 500) problems.push(`${entry.route}: ${res.statusCode}`);
        if (!allowed && code !== 'FORBIDDEN') problems.push(`${entry.route}: ${res.statusCode} ${code} although not allowed`);
        if (!access.public) {
          const anonymous = await send(t.anonymous, entry.sample(fixture));
          if (anonymous.json<{ code?: string }>().code !== 'UNAUTHENTICATED') problems.push(`${entry.route}: ${anonymous.statusCode} without a session`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('a community officer holding every permission still sees and changes nothing of another community', () => {
  it('for every route', async () => {
    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    const granted = await t.as(admin).put('/api/admin/roles/community_officer/permissions', { permissions: [...PERMISSIONS] });
    expect(granted.statusCode).toBe(200);
    const officer = await t.factories.user({ roles: ['community_officer'], division: A });
    const secrets = [B, fixture.bGrid, fixture.bUser.id, fixture.bUser.username, '南苑'];
    const before = await snapshot();
    const problems: string[] = [];
    let requests = 0;
    for (const entry of ROUTES) {
      for (const sample of entry.foreign(fixture)) {
        requests += 1;
        const res = await send(t.as(officer), sample);
        const label = `${sample.method} ${sample.url}`;
        if (res.statusCode >= 500) problems.push(`${label}: ${res.statusCode}`);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          if (sample.method !== 'GET') problems.push(`${label}: a write outside the jurisdiction answered ${res.statusCode}`);
          const leaked = secrets.filter((secret) => res.body.includes(secret));
          if (leaked.length > 0) problems.push(`${label}: leaks ${leaked.join(', ')}`);
        } else if (![404, 403].includes(res.statusCode)) {
          problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        } else if (res.statusCode === 403 && res.json<{ code: string }>().code !== 'CITY_LEVEL_ONLY') {
          problems.push(`${label}: 403 ${res.json<{ code: string }>().code}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(12);
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // The same officer does reach their own community, so the refusals above are about jurisdiction.
    const own = await t.as(officer).get(`/api/divisions?parent=${A}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(fixture.aGrid);
  });
});

/** Everything of community B that a write could change. */
async function snapshot() {
  return t.handle.query(
    `select (select json_agg(u order by u.id) from (select id, display_name, status, division_code, updated_at from users where division_code like $1) u) as users,
            (select json_agg(d.code order by d.code) from divisions d where d.code like $1) as divisions,
            (select json_agg(r order by r.role_code, r.permission) from role_permissions r where r.role_code = 'grid_worker') as grid_worker,
            (select json_agg(w order by w.date) from workday_overrides w) as calendar`,
    [`${B}%`],
  );
}
