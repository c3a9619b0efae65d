import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InboxList, OutboxPage, OutboxQuery } from '@shared/admin/admin.schema';
import * as notify from './notify.service';

export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/outbox', {
    config: { permission: 'notify.outbox' },
    schema: { summary: 'The SMS and message outbox', tags: ['notify'], querystring: OutboxQuery, response: { 200: OutboxPage } },
  }, (req) => notify.listOutbox(req.ctx, req.query));

  app.get('/inbox', {
    config: { permission: 'session' },
    schema: { summary: 'One\'s own in-app messages (notices and reminders), newest first', tags: ['notify'], response: { 200: InboxList } },
  }, (req) => notify.listInbox(req.ctx));
};
