import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('platform HTTP', () => {
  it('answers health with the database kind and version', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', version: expect.any(String) });
  });

  it('answers an unknown API route with a bilingual JSON 404', async () => {
    const res = await t.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('接口不存在'), messageEn: expect.stringContaining('No such endpoint') });
  });

  it('serves an OpenAPI 3.1 document that names the login route', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/audit/entries']));
  });

  it('serves the API docs page', async () => {
    const res = await t.anonymous.get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('asks for a login before any protected route', async () => {
    const res = await t.anonymous.get('/api/admin/users');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录', messageEn: 'Please log in first' });
  });
});

describe('a request\'s clock (x-anju-clock)', () => {
  it('may not be allowed in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ANJU_CLOCK_HEADER: '1' })).toThrow(/ANJU_CLOCK_HEADER/);
    expect(loadConfig({ ANJU_CLOCK_HEADER: '1' }).clockHeader).toBe(true);
  });

  it('is honoured only where the configuration allows it, and a malformed one is refused in both languages', async () => {
    const at = new Date('2026-12-01T02:00:00Z');
    const route = (app: FastifyInstance) => {
      app.get('/api/test/now', { config: { public: true } }, (req) => ({ now: req.ctx.now().toISOString() }));
    };
    const allowed = await buildTestApp({ now: at, config: { clockHeader: true }, extraRoutes: route });
    const plain = await buildTestApp({ now: at, extraRoutes: route });
    try {
      const later = await allowed.app.inject({ method: 'GET', url: '/api/test/now', headers: { 'x-anju-clock': '2026-12-20T10:00:00+08:00' } });
      expect(later.json()).toEqual({ now: '2026-12-20T02:00:00.000Z' });
      expect((await allowed.app.inject({ method: 'GET', url: '/api/test/now' })).json()).toEqual({ now: at.toISOString() });
      const bad = await allowed.app.inject({ method: 'GET', url: '/api/test/now', headers: { 'x-anju-clock': 'next week' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'CLOCK_HEADER_INVALID', message: expect.stringContaining('ISO'), messageEn: expect.stringContaining('ISO') });
      const ignored = await plain.app.inject({ method: 'GET', url: '/api/test/now', headers: { 'x-anju-clock': '2026-12-20T10:00:00+08:00' } });
      expect(ignored.json()).toEqual({ now: at.toISOString() });
    } finally {
      await allowed.close();
      await plain.close();
    }
  });
});
