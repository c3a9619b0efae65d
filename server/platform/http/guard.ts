import type { FastifyInstance } from 'fastify';
import { AppError } from '@shared/errors';
import { pickLanguage } from '@shared/i18n';
import type { Config } from '../../config';
import type { DbHandle } from '../db/client';
import type { Jobs } from '../jobs/jobs';
import type { Notifier } from '../notify/notify';
import { resolveSession } from '../auth/auth.service';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/session';
import type { Scope } from '../auth/scope';
import type { Actor } from './context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The jurisdiction subtree of an actor: staff get their division; residents, landlords and strangers none. */
export function scopeOf(actor: Actor): Scope {
  return actor.kind === 'staff' && actor.divisionCode ? { root: actor.divisionCode } : { root: null };
}

export const CLOCK_HEADER = 'x-anju-clock';

/**
 * The clock of a request that says it runs as of another moment (`x-anju-clock`, only where the configuration allows
 * it): that moment, moving on from when the request came. Sessions still expire by the real clock.
 * @throws CLOCK_HEADER_INVALID
 */
function clockOf(header: string | string[] | undefined, now: () => Date): () => Date {
  if (header === undefined) return now;
  const at = typeof header === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(header) ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(at)) throw new AppError('CLOCK_HEADER_INVALID');
  const offset = at - now().getTime();
  return () => new Date(now().getTime() + offset);
}

/**
 * Builds `req.ctx` for every request and enforces the route's declared access before the body is read:
 * public routes pass; others need a session (401), the permission (403) and, for writes, the CSRF token.
 */
export function installContext(app: FastifyInstance, deps: { config: Config; dbHandle: DbHandle; notifier: Notifier; jobs: Jobs; now: () => Date }): void {
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request) => {
    const cookieLanguage = request.cookies.anju_lang;
    const actor = await resolveSession(deps.dbHandle.db, request.cookies[SESSION_COOKIE], deps.now());
    request.ctx = {
      db: deps.dbHandle.db,
      dbHandle: deps.dbHandle,
      config: deps.config,
      notifier: deps.notifier,
      jobs: deps.jobs,
      actor,
      scope: scopeOf(actor),
      lang: pickLanguage(cookieLanguage ?? request.headers['accept-language']),
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: deps.config.clockHeader ? clockOf(request.headers[CLOCK_HEADER], deps.now) : deps.now,
    };
    const config = request.routeOptions.config;
    if (!request.routeOptions.url || config.public) return;
    if (!actor.userId) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) throw new AppError('CSRF_FAILED');
    if (config.permission !== 'session' && !actor.permissions.includes(config.permission ?? '\u0000')) {
      throw new AppError('FORBIDDEN', { permission: config.permission ?? '' });
    }
  });
}
