import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, defineModuleJobs } from '../app';
import { createJobs, type Jobs } from '../platform/jobs/jobs';
import { loadConfig, type Config } from '../config';
import type { DbHandle } from '../platform/db/client';
import { createNotifier, type SmsProvider } from '../platform/notify/notify';
import * as authRepo from '../platform/auth/auth.repo';
import { hashPassword } from '../platform/auth/password';
import { newToken, sessionIdOf, SESSION_COOKIE } from '../platform/auth/session';
import { testDb } from './db';

export const TEST_PASSWORD = 'Anju@2026';
let passwordHash: Promise<string> | undefined;

export type TestUser = { id: string; username: string; token: string; csrfToken: string };

type Body = Record<string, unknown> | unknown[] | string | undefined;

export type Client = {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
};

/** A sent SMS, as the fake provider saw it. */
export type SentSms = { to: string; body: string };

let counter = 0;

/**
 * A running app on a fresh database, with a fixed clock, a fake SMS provider, factories and clients.
 * Call `close()` in afterAll.
 */
export async function buildTestApp(options: { now?: Date; config?: Partial<Config>; extraRoutes?: (app: Awaited<ReturnType<typeof buildApp>>) => void; defineJobs?: (jobs: Jobs) => void } = {}) {
  const handle: DbHandle = await testDb();
  // Files (uploads) go to a directory of this app's own, removed on close.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anju-test-'));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), cookieSecure: false, ...options.config };
  const sent: SentSms[] = [];
  const provider: SmsProvider = {
    name: 'test',
    send(to, body) {
      sent.push({ to, body });
      return Promise.resolve();
    },
  };
  const notifier = createNotifier(handle.db, provider);
  let now = options.now ?? new Date();
  const jobs = createJobs(handle);
  defineModuleJobs({ dbHandle: handle, notifier, jobs, config, now: () => now });
  options.defineJobs?.(jobs);
  await jobs.start();
  const app = await buildApp({ config, dbHandle: handle, notifier, jobs, logger: process.env.TEST_LOG === '1', now: () => now, serveWeb: false });
  options.extraRoutes?.(app);
  await app.ready();

  function client(user?: TestUser): Client {
    const headers = (extra: Record<string, string> = {}) => ({
      ...(user ? { cookie: `${SESSION_COOKIE}=${user.token}`, 'x-csrf-token': user.csrfToken } : {}),
      ...extra,
    });
    const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, body: Body, extra?: Record<string, string>) =>
      app.inject({
        method,
        url,
        headers: headers({ ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}), ...extra }),
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      });
    return {
      get: (url, extra) => app.inject({ method: 'GET', url, headers: headers(extra) }),
      post: (url, body, extra) => send('POST', url, body, extra),
      patch: (url, body, extra) => send('PATCH', url, body, extra),
      put: (url, body, extra) => send('PUT', url, body, extra),
      delete: (url, extra) => app.inject({ method: 'DELETE', url, headers: headers(extra) }),
    };
  }

  const factories = {
    /**
     * A user with roles, logged in (a session row is created directly): staff at a division, or a
     * resident or landlord (no division, a phone instead of a username).
     */
    async user(spec: { roles: string[]; division?: string; department?: string; username?: string; password?: string; kind?: 'staff' | 'resident' | 'landlord'; phone?: string; sessionHours?: number }): Promise<TestUser> {
      counter += 1;
      const username = spec.username ?? `user${counter}_${Math.random().toString(36).slice(2, 8)}`;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const hash = spec.password ? await hashPassword(spec.password) : await passwordHash;
      const token = newToken();
      const csrfToken = newToken();
      const id = await handle.db.transaction(async (tx) => {
        const kind = spec.kind ?? 'staff';
        const user = await authRepo.insertUser(
          tx,
          kind === 'staff'
            ? { username, displayName: `测试用户${counter}`, kind, passwordHash: hash, divisionCode: spec.division ?? null, department: spec.department ?? null }
            : { phone: spec.phone ?? `139${String(counter).padStart(8, '0')}`, displayName: `测试居民${counter}`, kind },
        );
        await authRepo.setUserRoles(tx, user.id, spec.roles);
        await authRepo.insertSession(tx, { id: sessionIdOf(token), userId: user.id, csrfToken, ip: null, userAgent: null, expiresAt: new Date(now.getTime() + (spec.sessionHours ?? 1) * 3_600_000) });
        return user.id;
      });
      return { id, username, token, csrfToken };
    },
  };

  return {
    app,
    config,
    db: handle.db,
    handle,
    sent,
    notifier,
    jobs,
    factories,
    anonymous: client(),
    as: client,
    setNow(date: Date) {
      now = date;
    },
    /** The app's clock as the test set it. */
    now(): Date {
      return now;
    },
    /** Logs in through the API; returns the user handle built from the cookie and the CSRF token. */
    async login(username: string, password = TEST_PASSWORD): Promise<{ response: LightMyRequestResponse; user?: TestUser }> {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      if (response.statusCode !== 200 || !cookie) return { response };
      const me = response.json<{ id: string; csrfToken: string }>();
      return { response, user: { id: me.id, username, token: cookie.value, csrfToken: me.csrfToken } };
    },
    async close() {
      await app.close();
      await jobs.stop();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;
