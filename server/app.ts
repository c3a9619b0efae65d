import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from './config';
import type { DbHandle } from './platform/db/client';
import type { Notifier } from './platform/notify/notify';
import type { JobDeps, Jobs } from './platform/jobs/jobs';
import type { AnjuModuleDefinition } from './platform/http/module';
import { registryModule } from './modules/registry';
import { permitsModule } from './modules/permits';
import { pointsModule } from './modules/points';
import { inspectionsModule } from './modules/inspections';
import { housingModule } from './modules/housing';
import { filesRoutes } from './platform/files/files.routes';
import { paymentsRoutes } from './platform/payments/payments.routes';
import { authJobs } from './platform/auth/auth.jobs';
import { installContext } from './platform/http/guard';
import { installErrorHandling, installNotFound } from './platform/http/error-handler';
import { installOpenApi } from './platform/http/openapi';
import { installWeb, WEB_DIST } from './platform/http/static';
import { authRoutes } from './platform/auth/auth.routes';
import { adminRoutes } from './platform/auth/admin.routes';
import { auditRoutes } from './platform/audit/audit.routes';
import { divisionsRoutes } from './platform/divisions/divisions.routes';
import { notifyRoutes } from './platform/notify/notify.routes';
import { calendarRoutes } from './platform/calendar/calendar.routes';
import { settingsRoutes } from './platform/settings/settings.routes';

export type AnjuModule = AnjuModuleDefinition;

/** Every route plugin of Anju, platform first, then the modules. There is no autoloading. */
export const MODULES: AnjuModule[] = [
  { name: 'auth', prefix: '/api/auth', routes: authRoutes, jobs: authJobs },
  { name: 'admin', prefix: '/api/admin', routes: adminRoutes },
  { name: 'audit', prefix: '/api/audit', routes: auditRoutes },
  { name: 'divisions', prefix: '/api/divisions', routes: divisionsRoutes },
  { name: 'notify', prefix: '/api/notify', routes: notifyRoutes },
  { name: 'calendar', prefix: '/api/calendar', routes: calendarRoutes },
  { name: 'settings', prefix: '/api/settings', routes: settingsRoutes },
  { name: 'files', prefix: '/api/files', routes: filesRoutes },
  { name: 'payments', prefix: '/api/payments', routes: paymentsRoutes },
  registryModule,
  permitsModule,
  pointsModule,
  inspectionsModule,
  housingModule,
];

export type AppDeps = {
  config: Config;
  dbHandle: DbHandle;
  notifier: Notifier;
  jobs: Jobs;
  logger?: Logger | boolean;
  now?: () => Date;
  serveWeb?: boolean;
};

export const BODY_LIMIT = 1_048_576;

const Health = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });

/** Builds the Fastify app: platform plugins, then every module's routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance & { anjuRoutes: RouteOptions[] }> {
  const app = Fastify({
    loggerInstance: typeof deps.logger === 'object' ? deps.logger : undefined,
    logger: typeof deps.logger === 'boolean' ? deps.logger : undefined,
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance & { anjuRoutes: RouteOptions[] };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteOptions[] = [];
  app.decorate('anjuRoutes', routes);
  app.addHook('onRoute', (route) => {
    // Routes the platform mounts from libraries (API docs, static files) are public by nature.
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api')) route.config = { ...(route.config ?? {}), public: true };
    routes.push(route);
  });

  await app.register(fastifyCookie);
  installErrorHandling(app);
  installContext(app, { config: deps.config, dbHandle: deps.dbHandle, notifier: deps.notifier, jobs: deps.jobs, now: deps.now ?? (() => new Date()) });
  await installOpenApi(app, deps.config.version);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) reply.header('x-frame-options', 'DENY');
    return payload;
  });

  app.get('/api/health', {
    config: { public: true },
    schema: { summary: 'Liveness and which database is in use', tags: ['platform'], response: { 200: Health } },
  }, async () => {
    await deps.dbHandle.query('select 1');
    return { status: 'ok' as const, db: deps.dbHandle.kind, version: deps.config.version };
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  for (const module of MODULES) await app.register(module.routes, { prefix: module.prefix });

  const web = deps.serveWeb !== false && (await installWeb(app));
  installNotFound(app, web ? { file: 'index.html', root: WEB_DIST } : null);
  return app;
}

/** Defines every module's jobs on `jobs` (call once, before `jobs.start()`). */
export function defineModuleJobs(deps: JobDeps): void {
  for (const module of MODULES) for (const definition of module.jobs?.(deps) ?? []) deps.jobs.define(definition);
}
