import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness';
import { sessions, users } from './auth.tables';

let t: TestApp;
const T0 = new Date('2026-03-02T02:00:00Z');
beforeAll(async () => {
  t = await buildTestApp({ now: T0 });
});
afterAll(async () => {
  await t.close();
});

describe('staff login', () => {
  it('opens a session with an httpOnly, SameSite=Strict cookie and answers the user with roles and jurisdiction', async () => {
    await t.factories.user({ roles: ['district_officer'], division: '440106', username: 'tianhe1' });
    const { response, user } = await t.login('tianhe1');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'anju_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({ username: 'tianhe1', roles: ['district_officer'], division: { code: '440106', name: '天河区', path: ['广东省', '广州市', '天河区'] } });
    const [stored] = await t.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(stored!.id).not.toBe(cookie.value);
    const me = await t.as(user).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ permissions: expect.arrayContaining(['admin.users', 'divisions.read']) });
  });

  it('refuses a wrong password in both languages without saying whether the user exists', async () => {
    const wrong = await t.anonymous.post('/api/auth/login', { username: 'tianhe1', password: 'nope' });
    const missing = await t.anonymous.post('/api/auth/login', { username: 'nobody', password: 'nope' });
    for (const res of [wrong, missing]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误', messageEn: 'Wrong username or password', requestId: expect.any(String) });
    }
  });

  it('locks the account after five failures, even for the right password, until the lock ends or an admin lifts it', async () => {
    await t.factories.user({ roles: ['street_officer'], division: '440106005', username: 'locky' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await t.anonymous.post('/api/auth/login', { username: 'locky', password: 'bad' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await t.login('locky');
    expect(right.response.statusCode).toBe(423);
    expect(right.response.json()).toMatchObject({ code: 'AUTH_ACCOUNT_LOCKED', params: { minutes: 15 } });

    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    const [row] = await t.db.select().from(users).where(eq(users.username, 'locky'));
    const listed = await t.as(admin).get('/api/admin/users?q=locky');
    expect(listed.json().items[0]).toMatchObject({ username: 'locky', locked: true });
    expect((await t.as(admin).patch(`/api/admin/users/${row!.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await t.login('locky')).response.statusCode).toBe(200);
  });

  it('lets a locked account in again once fifteen minutes have passed', async () => {
    await t.factories.user({ roles: ['street_officer'], division: '440106005', username: 'waiter' });
    for (let i = 0; i < 5; i += 1) await t.anonymous.post('/api/auth/login', { username: 'waiter', password: 'bad' });
    expect((await t.login('waiter')).response.statusCode).toBe(423);
    t.setNow(new Date(T0.getTime() + 16 * 60_000));
    expect((await t.login('waiter')).response.statusCode).toBe(200);
    t.setNow(T0);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    const victim = await t.factories.user({ roles: ['street_officer'], division: '440106005', username: 'gone' });
    expect((await t.as(admin).patch(`/api/admin/users/${victim.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await t.as(victim).get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.login('gone')).response.json()).toMatchObject({ code: 'AUTH_ACCOUNT_DISABLED' });
  });

  it('ends the session on logout', async () => {
    await t.factories.user({ roles: ['street_officer'], division: '440106005', username: 'leaver' });
    const { user } = await t.login('leaver');
    expect((await t.as(user).post('/api/auth/logout')).statusCode).toBe(200);
    expect((await t.as(user).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token, and with the wrong one', async () => {
    const { user } = await t.login('tianhe1');
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `anju_session=${user!.token}` } });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await t.as({ ...user!, csrfToken: 'forged' }).post('/api/auth/logout');
    expect(wrong.statusCode).toBe(403);
    expect((await t.as(user).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('changes the password under the password rules and ends other sessions', async () => {
    await t.factories.user({ roles: ['street_officer'], division: '440106005', username: 'changer' });
    const first = (await t.login('changer')).user!;
    const second = (await t.login('changer')).user!;
    const weak = await t.as(first).post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'AUTH_PASSWORD_WEAK', params: { min: 8 } });
    const wrongCurrent = await t.as(first).post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better#Pass9' });
    expect(wrongCurrent.json()).toMatchObject({ code: 'AUTH_PASSWORD_WRONG' });
    expect((await t.as(first).post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Better#Pass9' })).statusCode).toBe(200);
    expect((await t.as(second).get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.as(first).get('/api/auth/me')).statusCode).toBe(200);
    expect((await t.login('changer', 'Better#Pass9')).response.statusCode).toBe(200);
  });
});

describe('login attempts per address', () => {
  it('refuses an address that tries more often than configured, for the rest of the five minutes, with the wait', async () => {
    t.setNow(new Date(T0.getTime() + 86_400_000));
    t.config.loginAttemptsPerIp = 3;
    try {
      for (let i = 0; i < 3; i += 1) expect((await t.anonymous.post('/api/auth/login', { username: 'nobody', password: 'nope' })).statusCode).toBe(401);
      const refused = await t.anonymous.post('/api/auth/login', { username: 'tianhe1', password: TEST_PASSWORD });
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', params: { seconds: 300 } });
      t.setNow(new Date(T0.getTime() + 86_400_000 + 301_000));
      expect((await t.anonymous.post('/api/auth/login', { username: 'tianhe1', password: TEST_PASSWORD })).statusCode).toBe(200);
    } finally {
      t.config.loginAttemptsPerIp = 200;
      t.setNow(T0);
    }
  });
});

describe('phone login for residents and landlords', () => {
  async function requestCode(phone: string): Promise<string> {
    const sent = await t.anonymous.post('/api/auth/sms-codes', { phone });
    expect(sent.statusCode).toBe(200);
    await t.notifier.dispatch();
    const sms = t.sent.filter((message) => message.to === phone).at(-1)!;
    return /(\d{6})/.exec(sms.body)![1]!;
  }

  it('signs up a resident on first login, through the outbox and the SMS provider', async () => {
    const code = await requestCode('13800138000');
    const res = await t.anonymous.post('/api/auth/phone-login', { phone: '13800138000', code });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'resident', roles: ['resident'], permissions: ['portal.use'], phone: '13800138000', division: null });
  });

  it('signs up a landlord when asked', async () => {
    t.setNow(new Date(T0.getTime() + 3 * 60_000));
    const code = await requestCode('13800138001');
    const res = await t.anonymous.post('/api/auth/phone-login', { phone: '13800138001', code, as: 'landlord' });
    expect(res.json()).toMatchObject({ kind: 'landlord', roles: ['landlord'] });
    t.setNow(T0);
  });

  it('refuses a second code within a minute, with the seconds to wait', async () => {
    t.setNow(new Date(T0.getTime() + 10 * 60_000));
    await requestCode('13700137000');
    const again = await t.anonymous.post('/api/auth/sms-codes', { phone: '13700137000' });
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'AUTH_SMS_TOO_FREQUENT', params: { seconds: 60 } });
    t.setNow(T0);
  });

  it('refuses a wrong code, and gives up on a code after five wrong tries', async () => {
    t.setNow(new Date(T0.getTime() + 20 * 60_000));
    const code = await requestCode('13600136000');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await t.anonymous.post('/api/auth/phone-login', { phone: '13600136000', code: wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'AUTH_SMS_CODE_INVALID', messageEn: 'The SMS code is wrong or has expired' });
    }
    expect((await t.anonymous.post('/api/auth/phone-login', { phone: '13600136000', code })).statusCode).toBe(400);
    t.setNow(T0);
  });

  it('refuses an expired code and a used one', async () => {
    t.setNow(new Date(T0.getTime() + 30 * 60_000));
    const code = await requestCode('13500135000');
    t.setNow(new Date(T0.getTime() + 36 * 60_000));
    expect((await t.anonymous.post('/api/auth/phone-login', { phone: '13500135000', code })).statusCode).toBe(400);
    const fresh = await requestCode('13500135000');
    expect((await t.anonymous.post('/api/auth/phone-login', { phone: '13500135000', code: fresh })).statusCode).toBe(200);
    expect((await t.anonymous.post('/api/auth/phone-login', { phone: '13500135000', code: fresh })).statusCode).toBe(400);
    t.setNow(T0);
  });

  it('never opens a staff account with a phone code', async () => {
    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    const created = await t.as(admin).post('/api/admin/users', {
      username: 'phonestaff', displayName: '有手机的员工', password: 'Strong#Pass1', roles: ['street_officer'], divisionCode: '440106006', phone: '13400134000',
    });
    expect(created.statusCode).toBe(201);
    t.setNow(new Date(T0.getTime() + 40 * 60_000));
    const code = await requestCode('13400134000');
    expect((await t.anonymous.post('/api/auth/phone-login', { phone: '13400134000', code })).statusCode).toBe(400);
    t.setNow(T0);
  });

  it('refuses a malformed phone number with a field message', async () => {
    const res = await t.anonymous.post('/api/auth/sms-codes', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.phone', message: '手机号码格式不正确', messageEn: 'That is not a valid mobile number' }] });
  });
});
