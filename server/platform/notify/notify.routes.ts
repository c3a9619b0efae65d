import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OutboxPage, OutboxQuery } from '@shared/admin/admin.schema';
import * as notify from './notify.service';

export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/outbox', {
    config: { permission: 'notify.outbox' },
    schema: { summary: 'The SMS and message outbox', tags: ['notify'], querystring: OutboxQuery, response: { 200: OutboxPage } },
  }, (req) => notify.listOutbox(req.ctx, req.query));
};
