import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginInput, MeView, Ok, PasswordChangeInput, PhoneLoginInput, SmsCodeInput, SmsCodeSent } from '@shared/auth/auth.schema';
import { ErrorBody } from '@shared/errors';
import * as auth from './auth.service';
import { SESSION_COOKIE } from './session';

function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: expiresAt });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/login', {
    config: { public: true },
    schema: { summary: 'Staff login with username and password', tags: ['auth'], body: LoginInput, response: { 200: MeView, 401: ErrorBody, 423: ErrorBody } },
  }, async (req, reply) => {
    const session = await auth.login(req.ctx, req.body);
    setSessionCookie(reply, session.token, session.expiresAt, req.ctx.config.cookieSecure);
    return session.me;
  });

  app.post('/sms-codes', {
    config: { public: true },
    schema: { summary: 'Send a login code by SMS', tags: ['auth'], body: SmsCodeInput, response: { 200: SmsCodeSent, 429: ErrorBody } },
  }, (req) => auth.sendSmsCode(req.ctx, req.body));

  app.post('/phone-login', {
    config: { public: true },
    schema: { summary: 'Resident or landlord login (and sign-up) with phone and SMS code', tags: ['auth'], body: PhoneLoginInput, response: { 200: MeView, 400: ErrorBody } },
  }, async (req, reply) => {
    const session = await auth.loginByPhone(req.ctx, req.body);
    setSessionCookie(reply, session.token, session.expiresAt, req.ctx.config.cookieSecure);
    return session.me;
  });

  app.post('/logout', {
    config: { permission: 'session' },
    schema: { summary: 'End the session', tags: ['auth'], response: { 200: Ok } },
  }, async (req, reply) => {
    await auth.logout(req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/me', {
    config: { permission: 'session' },
    schema: { summary: 'The logged-in user, roles, permissions, jurisdiction and CSRF token', tags: ['auth'], response: { 200: MeView, 401: ErrorBody } },
  }, (req) => auth.getMe(req.ctx));

  app.post('/password', {
    config: { permission: 'session' },
    schema: { summary: 'Change the password', tags: ['auth'], body: PasswordChangeInput, response: { 200: Ok, 400: ErrorBody } },
  }, async (req) => {
    await auth.changePassword(req.ctx, req.body);
    return { ok: true as const };
  });
};
