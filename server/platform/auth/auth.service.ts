import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  isStrongPassword,
  PASSWORD_MIN_LENGTH,
  type LoginInput,
  type MeView,
  type PasswordChangeInput,
  type PhoneLoginInput,
  type SmsCodeInput,
} from '@shared/auth/auth.schema';
import { AppError } from '@shared/errors';
import { maskPhone } from '@shared/kernel/phone';
import { BUILTIN_ROLES, PERMISSIONS } from '@shared/permissions';
import * as audit from '../audit/audit';
import type { Db } from '../db/client';
import { describeDivision } from '../divisions/divisions.service';
import { ANONYMOUS, type Actor, type Ctx } from '../http/context';
import * as repo from './auth.repo';
import { hashPassword, verifyPassword } from './password';
import { createRateLimiter } from './rate-limit';
import { newToken, sessionIdOf, sha256 } from './session';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
const SMS_CODE_MINUTES = 5;
const SMS_RESEND_SECONDS = 60;
const SMS_PER_DAY = 10;
const SMS_CODE_ATTEMPTS = 5;

const loginLimiter = createRateLimiter(200, 300);
const smsLimiter = createRateLimiter(20, 3600);

export type NewSession = { token: string; expiresAt: Date; me: MeView };

/** Builds the actor of a user from the database, with roles and permissions read fresh. */
export async function loadActor(db: Db, user: repo.UserRow, session: { id: string; csrfToken: string } | null): Promise<Actor> {
  return actorOf(user, await repo.listRolesAndPermissions(db, user.id), session);
}

function actorOf(user: repo.UserRow, { roles, permissions }: { roles: string[]; permissions: string[] }, session: { id: string; csrfToken: string } | null): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind as Actor['kind'],
    roles,
    permissions,
    divisionCode: user.divisionCode,
    department: user.department,
    phone: user.phone,
    sessionId: session?.id ?? null,
    csrfToken: session?.csrfToken ?? null,
  };
}

/** Resolves a session cookie to its actor; anonymous when missing, expired or the user is disabled. */
export async function resolveSession(db: Db, token: string | undefined, now: Date): Promise<Actor> {
  if (!token) return ANONYMOUS;
  const id = sessionIdOf(token);
  const found = await repo.findLiveSession(db, id, now);
  if (!found || found.user.status !== 'active') return ANONYMOUS;
  // Writing last-seen on every request would turn reads into writes; once a minute is enough.
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, id, now);
  return actorOf(found.user, found, { id, csrfToken: found.session.csrfToken });
}

function rateLimit(limiter: ReturnType<typeof createRateLimiter>, key: string, now: Date, max?: number): void {
  const wait = limiter.hit(key, now.getTime(), max);
  if (wait > 0) throw new AppError('RATE_LIMITED', { seconds: wait });
}

async function openSession(ctx: Ctx, tx: Parameters<Parameters<Db['transaction']>[0]>[0], user: repo.UserRow): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.sessionHours * 3_600_000);
  await repo.insertSession(tx, { id: sessionIdOf(token), userId: user.id, csrfToken, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) ?? null, expiresAt });
  await repo.recordSuccessfulLogin(tx, user.id, ctx.now());
  return { token, csrfToken, expiresAt };
}

/**
 * Logs a staff member in with username and password (argon2id).
 *
 * @throws RATE_LIMITED when one address tries too often.
 * @throws AUTH_ACCOUNT_LOCKED after five failures in a row, for fifteen minutes.
 * @throws AUTH_ACCOUNT_DISABLED when the account is disabled.
 * @throws AUTH_INVALID_CREDENTIALS when the username or password is wrong.
 */
export async function login(ctx: Ctx, input: LoginInput): Promise<NewSession> {
  const now = ctx.now();
  rateLimit(loginLimiter, `ip:${ctx.ip ?? ''}`, now, ctx.config.loginAttemptsPerIp);
  const user = await repo.findUserByUsername(ctx.db, input.username);
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw new AppError('AUTH_ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
  const valid = await verifyPassword(user?.kind === 'staff' ? user.passwordHash : null, input.password);
  if (!user || !valid) {
    if (user) {
      const failure = await ctx.db.transaction(async (tx) => {
        const updated = await repo.recordFailedLogin(tx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES, now);
        await audit.record(tx, ctx, { action: 'auth.login.fail', entityType: 'user', entityId: user.id, divisionCode: user.divisionCode, details: { failures: updated.failedLogins } });
        return updated;
      });
      if (failure.lockedUntil && failure.lockedUntil > now) throw new AppError('AUTH_ACCOUNT_LOCKED', { minutes: LOCK_MINUTES });
    }
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') throw new AppError('AUTH_ACCOUNT_DISABLED');
  const opened = await ctx.db.transaction(async (tx) => {
    const session = await openSession(ctx, tx, user);
    await audit.record(tx, { ...ctx, actor: { ...ctx.actor, userId: user.id, username: user.username } }, {
      action: 'auth.login', entityType: 'user', entityId: user.id, divisionCode: user.divisionCode,
    });
    return session;
  });
  return { token: opened.token, expiresAt: opened.expiresAt, me: await describeActor(ctx.db, await loadActor(ctx.db, user, { id: sessionIdOf(opened.token), csrfToken: opened.csrfToken }), user.phone, true) };
}

/** The logged-in user as the web needs it: roles, permissions, jurisdiction and the CSRF token. */
export async function describeActor(db: Db, actor: Actor, phone: string | null, ownRecord = true): Promise<MeView> {
  return {
    id: actor.userId!,
    username: actor.username,
    displayName: actor.displayName,
    kind: actor.kind as MeView['kind'],
    phone: phone ? (ownRecord ? phone : maskPhone(phone)) : null,
    roles: actor.roles,
    permissions: actor.permissions,
    division: await describeDivision(db, actor.divisionCode),
    department: actor.department,
    csrfToken: actor.csrfToken ?? '',
  };
}

/** The caller's own account. */
export async function getMe(ctx: Ctx): Promise<MeView> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return describeActor(ctx.db, ctx.actor, user.phone);
}

/** Ends the caller's session. */
export async function logout(ctx: Ctx): Promise<void> {
  if (!ctx.actor.sessionId) return;
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, ctx.actor.sessionId!);
    await audit.record(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
}

/**
 * Changes the caller's password and ends their other sessions.
 *
 * @throws AUTH_PASSWORD_WRONG when the current password is wrong.
 * @throws AUTH_PASSWORD_WEAK when the new one breaks the password rules.
 */
export async function changePassword(ctx: Ctx, input: PasswordChangeInput): Promise<void> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId!);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('AUTH_PASSWORD_WRONG');
  if (!isStrongPassword(input.newPassword) || input.newPassword === input.currentPassword) {
    throw new AppError('AUTH_PASSWORD_WEAK', { min: PASSWORD_MIN_LENGTH });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.setPassword(tx, user.id, passwordHash, ctx.now());
    await repo.deleteSessionsOfUser(tx, user.id, ctx.actor.sessionId ?? undefined);
    await audit.record(tx, ctx, { action: 'auth.password.change', entityType: 'user', entityId: user.id, divisionCode: user.divisionCode });
  });
}

/**
 * Sends a six-digit login code by SMS through the outbox.
 *
 * @throws AUTH_SMS_TOO_FREQUENT within a minute of the last code, or after ten codes in a day.
 * @throws RATE_LIMITED when one address asks for too many codes.
 */
export async function sendSmsCode(ctx: Ctx, input: SmsCodeInput): Promise<{ sent: true; resendAfterSeconds: number; expiresInSeconds: number }> {
  const now = ctx.now();
  rateLimit(smsLimiter, `ip:${ctx.ip ?? ''}`, now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction(async (tx) => {
    const recent = await repo.listRecentSmsCodes(tx, input.phone, new Date(now.getTime() - 86_400_000));
    const last = recent[0];
    if (last && now.getTime() - last.createdAt.getTime() < SMS_RESEND_SECONDS * 1000) {
      throw new AppError('AUTH_SMS_TOO_FREQUENT', { seconds: Math.ceil((last.createdAt.getTime() + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000) });
    }
    if (recent.length >= SMS_PER_DAY) throw new AppError('AUTH_SMS_TOO_FREQUENT', { seconds: 86_400 });
    await repo.insertSmsCode(tx, { phone: input.phone, codeHash: sha256(`${input.phone}:${code}`), expiresAt: new Date(now.getTime() + SMS_CODE_MINUTES * 60_000), createdAt: now });
    await ctx.notifier.enqueue(tx, { channel: 'sms', recipient: input.phone, template: 'auth.sms-code', params: { code, minutes: SMS_CODE_MINUTES } });
  });
  void ctx.notifier.dispatch().catch(() => undefined);
  return { sent: true, resendAfterSeconds: SMS_RESEND_SECONDS, expiresInSeconds: SMS_CODE_MINUTES * 60 };
}

/**
 * Logs a resident or landlord in with phone and SMS code; the first login creates the account.
 *
 * @throws AUTH_SMS_CODE_INVALID when the code is wrong, used, expired or tried five times.
 * @throws AUTH_ACCOUNT_DISABLED when the account is disabled.
 */
export async function loginByPhone(ctx: Ctx, input: PhoneLoginInput): Promise<NewSession> {
  const now = ctx.now();
  rateLimit(loginLimiter, `ip:${ctx.ip ?? ''}`, now, ctx.config.loginAttemptsPerIp);
  const result = await ctx.db.transaction(async (tx) => {
    const open = await repo.findOpenSmsCodeForUpdate(tx, input.phone, now);
    if (!open || open.attempts >= SMS_CODE_ATTEMPTS) return { error: true as const };
    const expected = Buffer.from(open.codeHash, 'hex');
    const given = Buffer.from(sha256(`${input.phone}:${input.code}`), 'hex');
    if (!timingSafeEqual(expected, given)) {
      await repo.countSmsCodeAttempt(tx, open.id);
      return { error: true as const };
    }
    await repo.consumeSmsCode(tx, open.id, now);
    let user = await repo.findUserByPhone(tx, input.phone);
    let created = false;
    if (!user) {
      user = await repo.insertUser(tx, { phone: input.phone, displayName: maskPhone(input.phone), kind: input.as });
      await repo.setUserRoles(tx, user.id, [input.as]);
      created = true;
    } else if (user.kind === 'staff') {
      // Staff log in with a password; a phone code never opens a staff account.
      return { error: true as const };
    }
    if (user.status !== 'active') return { disabled: true as const };
    const session = await openSession(ctx, tx, user);
    const actorCtx = { ...ctx, actor: { ...ctx.actor, userId: user.id, username: null, displayName: user.displayName } };
    if (created) await audit.record(tx, actorCtx, { action: 'auth.user.signup', entityType: 'user', entityId: user.id, details: { kind: input.as } });
    await audit.record(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: user.id, details: { channel: 'sms' } });
    return { user, session };
  });
  if ('disabled' in result) throw new AppError('AUTH_ACCOUNT_DISABLED');
  if ('error' in result) throw new AppError('AUTH_SMS_CODE_INVALID');
  const actor = await loadActor(ctx.db, result.user, { id: sessionIdOf(result.session.token), csrfToken: result.session.csrfToken });
  return { token: result.session.token, expiresAt: result.session.expiresAt, me: await describeActor(ctx.db, actor, result.user.phone) };
}

/** Creates the built-in roles with their default permissions where they are missing. */
export async function ensureBuiltinRoles(db: Db): Promise<void> {
  await db.transaction((tx) =>
    repo.ensureRoles(
      tx,
      BUILTIN_ROLES.map((role) => ({ code: role.code, level: role.level, kind: role.kind, needsDepartment: role.department ?? false, permissions: role.permissions })),
      PERMISSIONS,
    ),
  );
}

/** Deletes expired sessions and SMS codes older than a day (they only count towards the daily limit). */
export async function purgeExpired(db: Db, now: Date): Promise<{ sessions: number; smsCodes: number }> {
  return repo.deleteExpired(db, now, new Date(now.getTime() - 86_400_000));
}
