import { randomUUID } from 'node:crypto';
import type { Language } from '@shared/i18n';
import type { Config } from '../../config';
import type { Db, DbHandle } from '../db/client';
import type { Scope } from '../auth/scope';
import type { Notifier } from '../notify/notify';
import type { Jobs } from '../jobs/jobs';

export type Actor = {
  userId: string | null;
  username: string | null;
  displayName: string;
  kind: 'staff' | 'resident' | 'landlord' | 'anonymous' | 'system';
  roles: string[];
  permissions: string[];
  divisionCode: string | null;
  department: string | null;
  /** The account's mobile number (residents and landlords log in with it). */
  phone: string | null;
  sessionId: string | null;
  csrfToken: string | null;
};

/** What every service function receives first: who is asking, from where, and the platform handles. */
export type Ctx = {
  db: Db;
  dbHandle: DbHandle;
  config: Config;
  notifier: Notifier;
  jobs: Jobs;
  actor: Actor;
  scope: Scope;
  lang: Language;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now: () => Date;
};

export const ANONYMOUS: Actor = {
  userId: null,
  username: null,
  displayName: 'anonymous',
  kind: 'anonymous',
  roles: [],
  permissions: [],
  divisionCode: null,
  department: null,
  phone: null,
  sessionId: null,
  csrfToken: null,
};

/** The actor for work the system does by itself (start-up, seeding, jobs, the CLI). */
export function systemActor(name = 'system'): Actor {
  return { ...ANONYMOUS, displayName: name, kind: 'system' };
}

/**
 * A context for seeding outside a request: the database and the notifier, acting as `actor` within `scope` at `now`.
 * It has no job queue or database handle; what it calls must not need them.
 */
export function seedCtx(db: Db, notifier: Notifier, actor: Partial<Actor> & Pick<Actor, 'permissions'>, scope: Scope, now: () => Date): Ctx {
  return {
    db, dbHandle: null as never, config: null as never, notifier, jobs: null as never, lang: 'zh-CN', ip: null, userAgent: null, requestId: randomUUID(),
    actor: { ...systemActor('demo'), ...actor }, scope, now,
  };
}

/** Route config: every route names the permission it needs, or `session` (any logged-in user), or is public. */
export type RouteAccess = { permission?: string; public?: boolean; bodyLimit?: number };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    permission?: string;
    public?: boolean;
  }
}
