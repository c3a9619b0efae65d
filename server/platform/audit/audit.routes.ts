import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditPage, AuditVerifyView } from '@shared/admin/admin.schema';
import * as audit from './audit.service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/entries', {
    config: { permission: 'audit.read' },
    schema: { summary: 'Search the audit log', tags: ['audit'], querystring: AuditListQuery, response: { 200: AuditPage } },
  }, (req) => audit.listAudit(req.ctx, req.query));

  app.post('/verify', {
    config: { permission: 'audit.read' },
    schema: { summary: 'Verify the audit hash chain', tags: ['audit'], response: { 200: AuditVerifyView } },
  }, (req) => audit.verifyAudit(req.ctx));
};
