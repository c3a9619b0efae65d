import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltinRoles } from './auth.service';
import { buildTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../../test/harness';

let t: TestApp;
let cityAdmin: TestUser;
let tianhe: TestUser;

const account = (username: string, extra: Record<string, unknown> = {}) => ({
  username, displayName: `职员 ${username}`, password: 'Strong#Pass1', roles: ['street_officer'], divisionCode: '440106006', ...extra,
});

beforeAll(async () => {
  t = await buildTestApp();
  cityAdmin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  tianhe = await t.factories.user({ roles: ['district_officer'], division: '440106' });
});
afterAll(async () => {
  await t?.close();
});

describe('staff accounts', () => {
  it('a district officer creates a street officer in the district; it is audited and can log in', async () => {
    const res = await t.as(tianhe).post('/api/admin/users', account('shipai2'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'shipai2', roles: ['street_officer'], divisionCode: '440106006', divisionName: '石牌街道', status: 'active' });
    const login = await t.login('shipai2', 'Strong#Pass1');
    expect(login.response.statusCode).toBe(200);
    const audit = await t.as(cityAdmin).get(`/api/audit/entries?action=admin.user.create&entityId=${res.json<{ id: string }>().id}`);
    expect(audit.json<{ total: number }>().total).toBe(1);
  });

  it('lists only the caller\'s jurisdiction and masks phones', async () => {
    await t.as(cityAdmin).post('/api/admin/users', account('baiyun-clerk', { divisionCode: '440111002', phone: '13812345678' }));
    const district = await t.as(tianhe).get('/api/admin/users?pageSize=100');
    const usernames = district.json<{ items: { username: string }[] }>().items.map((u) => u.username);
    expect(usernames).toContain('shipai2');
    expect(usernames).not.toContain('baiyun-clerk');
    const city = await t.as(cityAdmin).get('/api/admin/users?q=baiyun-clerk');
    expect(city.json<{ items: { phone: string }[] }>().items[0]!.phone).toBe('138****5678');
  });

  it('cannot place an account outside the jurisdiction: 404, as if it did not exist', async () => {
    const res = await t.as(tianhe).post('/api/admin/users', account('outsider', { divisionCode: '440111002' }));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'DIVISION_NOT_FOUND' });
    const other = (await t.as(cityAdmin).get('/api/admin/users?q=baiyun-clerk')).json<{ items: { id: string }[] }>().items[0]!;
    const patch = await t.as(tianhe).patch(`/api/admin/users/${other.id}`, { displayName: '改名' });
    expect(patch.statusCode).toBe(404);
  });

  it('refuses a role at the wrong level, an unknown role, a resident role and a reviewer without department', async () => {
    expect((await t.as(tianhe).post('/api/admin/users', account('wronglevel', { roles: ['community_officer'] }))).json()).toMatchObject({ code: 'ADMIN_ROLE_LEVEL_MISMATCH', params: { level: 'community' } });
    expect((await t.as(tianhe).post('/api/admin/users', account('unknownrole', { roles: ['emperor'] }))).json()).toMatchObject({ code: 'ADMIN_ROLE_UNKNOWN' });
    expect((await t.as(tianhe).post('/api/admin/users', account('residentrole', { roles: ['resident'] }))).json()).toMatchObject({ code: 'ADMIN_ROLE_UNKNOWN' });
    expect((await t.as(cityAdmin).post('/api/admin/users', account('nodept', { roles: ['dept_reviewer'], divisionCode: '4401' }))).json()).toMatchObject({ code: 'ADMIN_DEPARTMENT_REQUIRED' });
  });

  it('cannot hand out permissions the caller lacks (no escalation)', async () => {
    const res = await t.as(tianhe).post('/api/admin/users', account('newdistrict', { roles: ['district_officer'], divisionCode: '440106' }));
    expect(res.statusCode).toBe(201);
    // Street officers are given the audit log, which the district officer does not hold: they may no longer appoint one.
    await t.as(cityAdmin).put('/api/admin/roles/street_officer/permissions', { permissions: ['divisions.read', 'divisions.manage', 'audit.read'] });
    const escalate = await t.as(tianhe).post('/api/admin/users', account('escalated'));
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json()).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'audit.read' } });
    expect((await t.as(cityAdmin).post('/api/admin/users', account('escalated'))).statusCode).toBe(201);
    await t.as(cityAdmin).put('/api/admin/roles/street_officer/permissions', { permissions: ['divisions.read', 'divisions.manage'] });
    const self = await t.as(tianhe).patch(`/api/admin/users/${tianhe.id}`, { roles: ['district_officer', 'city_admin'] });
    expect(self.statusCode).toBe(400);
    const promote = await t.as(tianhe).patch(`/api/admin/users/${res.json<{ id: string }>().id}`, { divisionCode: '4401', roles: ['city_admin'] });
    expect(promote.statusCode).toBe(404);
  });

  it('a taken username is a 409, also when two admins race for it', async () => {
    expect((await t.as(tianhe).post('/api/admin/users', account('shipai2'))).json()).toMatchObject({ code: 'ADMIN_USERNAME_TAKEN', params: { username: 'shipai2' } });
    const [first, second] = await Promise.all([
      t.as(tianhe).post('/api/admin/users', account('raced')),
      t.as(cityAdmin).post('/api/admin/users', account('raced')),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect([first, second].find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'ADMIN_USERNAME_TAKEN' });
  });

  it('disabling an account ends its sessions at once; nobody disables themselves', async () => {
    const clerk = await t.login('shipai2', 'Strong#Pass1');
    const id = clerk.user!.id;
    expect((await t.as(clerk.user).get('/api/auth/me')).statusCode).toBe(200);
    expect((await t.as(tianhe).patch(`/api/admin/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await t.as(clerk.user).get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.login('shipai2', 'Strong#Pass1')).response.json()).toMatchObject({ code: 'AUTH_ACCOUNT_DISABLED' });
    expect((await t.as(tianhe).patch(`/api/admin/users/${tianhe.id}`, { status: 'disabled' })).json()).toMatchObject({ code: 'ADMIN_CANNOT_DISABLE_SELF' });
  });

  it('refuses a weak initial password', async () => {
    expect((await t.as(tianhe).post('/api/admin/users', account('weakling', { password: 'password' }))).json()).toMatchObject({ code: 'AUTH_PASSWORD_WEAK' });
    expect((await t.login('weakling', TEST_PASSWORD)).response.statusCode).toBe(401);
  });
});

describe('roles and permissions', () => {
  it('a city admin edits a role; the change applies at the next request and is audited', async () => {
    const auditor = await t.factories.user({ roles: ['auditor'], division: '4401' });
    expect((await t.as(auditor).get('/api/divisions')).statusCode).toBe(200);
    const res = await t.as(cityAdmin).put('/api/admin/roles/auditor/permissions', { permissions: ['audit.read'] });
    expect(res.statusCode).toBe(200);
    expect((await t.as(auditor).get('/api/divisions')).statusCode).toBe(403);
    // A restart re-applies no defaults: the admin's edit stands.
    await ensureBuiltinRoles(t.db);
    expect((await t.as(auditor).get('/api/divisions')).statusCode).toBe(403);
    const audit = await t.as(cityAdmin).get('/api/audit/entries?action=admin.role.update&entityId=auditor');
    expect(audit.json<{ items: { details: unknown }[] }>().items[0]!.details).toEqual({ before: ['audit.read', 'divisions.read'], after: ['audit.read'] });
    await t.as(cityAdmin).put('/api/admin/roles/auditor/permissions', { permissions: ['audit.read', 'divisions.read'] });
  });

  it('refuses an unknown permission and an unknown role', async () => {
    expect((await t.as(cityAdmin).put('/api/admin/roles/auditor/permissions', { permissions: ['everything'] })).json()).toMatchObject({ code: 'ADMIN_PERMISSION_UNKNOWN' });
    expect((await t.as(cityAdmin).put('/api/admin/roles/emperor/permissions', { permissions: [] })).statusCode).toBe(404);
  });

  it('only city-level staff edit roles, even when granted the permission', async () => {
    await t.as(cityAdmin).put('/api/admin/roles/district_officer/permissions', { permissions: ['divisions.read', 'divisions.manage', 'admin.users', 'admin.roles'] });
    const res = await t.as(tianhe).put('/api/admin/roles/grid_worker/permissions', { permissions: ['admin.roles'] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
    await t.as(cityAdmin).put('/api/admin/roles/district_officer/permissions', { permissions: ['divisions.read', 'divisions.manage', 'admin.users'] });
  });
});
