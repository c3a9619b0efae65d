import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { SESSION_COOKIE } from '../auth/session';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await buildTestApp({
    extraRoutes: (app) => {
      app.get('/api/test/explode', { config: { public: true } }, () => {
        throw new Error('connection string postgres://secret@db at /srv/anju/server/x.ts:12');
      });
    },
  });
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
});
afterAll(async () => {
  await t?.close();
});

const validUser = {
  username: 'newclerk', displayName: '新职员', password: 'Strong#Pass1', roles: ['street_officer'], divisionCode: '440106006',
};

async function counts() {
  const [row] = await t.handle.query<{ users: number; audit: number }>(
    'select (select count(*)::int from users) as users, (select count(*)::int from audit_log) as audit',
  );
  return row!;
}

/** Sends a raw body to the user-creation route as the admin. */
function rawPost(payload: string | Buffer, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/users',
    payload,
    headers: { 'content-type': contentType, cookie: `${SESSION_COOKIE}=${admin.token}`, 'x-csrf-token': admin.csrfToken },
  });
}

function expectBilingual(body: { message?: unknown; messageEn?: unknown; code?: unknown }) {
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(body.messageEn).toMatch(/^[\x20-\x7e\u201c\u201d]+$/);
}

describe('bad input is refused clearly and writes nothing', () => {
  it('malformed JSON → 400 REQUEST_JSON_INVALID', async () => {
    const before = await counts();
    const res = await rawPost('{"username": "x", ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_JSON_INVALID', messageEn: 'The request body is not valid JSON; please check its format' });
    expectBilingual(res.json());
    expect(await counts()).toEqual(before);
  });

  it('an empty JSON body → 400', async () => {
    const res = await rawPost('');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_BODY_EMPTY' });
    expectBilingual(res.json());
  });

  it('wrong types → 400 VALIDATION_FAILED naming each field in both languages', async () => {
    const before = await counts();
    const res = await t.as(admin).post('/api/admin/users', { ...validUser, roles: 'street_officer', displayName: 42 });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; issues: { path: string; message: string; messageEn: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expectBilingual(body);
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['body.displayName', 'body.roles']);
    for (const issue of body.issues) expectBilingual(issue);
    expect(body.issues.find((issue) => issue.path === 'body.roles')).toMatchObject({ message: '类型不正确，应为列表', messageEn: 'Wrong type; expected a list' });
    expect(await counts()).toEqual(before);
  });

  it('a missing field → 400 saying it is required', async () => {
    const { password: _password, ...withoutPassword } = validUser;
    const res = await t.as(admin).post('/api/admin/users', withoutPassword);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.password', message: '必填', messageEn: 'Required' }] });
  });

  it('unknown fields → 400 naming them, not silently dropped', async () => {
    const before = await counts();
    const res = await t.as(admin).post('/api/admin/users', { ...validUser, isSuperuser: true });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ issues: { path: string; message: string; messageEn: string }[] }>();
    expect(body.issues).toHaveLength(1);
    expect(body.issues[0]!.messageEn).toContain('isSuperuser');
    expect(body.issues[0]!.message).toContain('isSuperuser');
    expect(await counts()).toEqual(before);
  });

  it('a body over 1 MB → 400 REQUEST_TOO_LARGE before anything is parsed', async () => {
    const before = await counts();
    const res = await rawPost(JSON.stringify({ ...validUser, displayName: 'x'.repeat(1_100_000) }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_TOO_LARGE', params: { limit: '1 MB' } });
    expectBilingual(res.json());
    expect(await counts()).toEqual(before);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await rawPost('username=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expectBilingual(res.json());
  });

  it('a query parameter of the wrong type → 400 naming it', async () => {
    const res = await t.as(admin).get('/api/admin/users?page=first&pageSize=100000');
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['querystring.page', 'querystring.pageSize']);
  });

  it('a malformed path parameter → 400, not a database error', async () => {
    const res = await t.as(admin).patch('/api/admin/users/not-a-uuid', { displayName: '某人' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'params.id' }] });
  });

  it('the valid body still works, so the refusals above were about the input', async () => {
    const before = await counts();
    const res = await t.as(admin).post('/api/admin/users', validUser);
    expect(res.statusCode).toBe(201);
    const after = await counts();
    expect(after.users).toBe(before.users + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('an unexpected failure → 500 with a request id and no stack, path or secret', async () => {
    const res = await t.anonymous.get('/api/test/explode');
    expect(res.statusCode).toBe(500);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ code: 'INTERNAL', requestId: res.headers['x-request-id'] });
    expectBilingual(body);
    expect(res.body).not.toMatch(/secret|\/srv\/|\.ts:|stack|Error:/);
  });
});
