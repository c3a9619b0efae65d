import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '@shared/errors';
import { FileIdParam, FileUploadQuery, FileView } from '@shared/files/files.schema';
import { openOwnFile, uploadFile } from './files';

const tags = ['files'];
const TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'application/octet-stream'];

export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  // The body reaches the service as a stream; its first bytes decide what it is.
  app.addContentTypeParser(TYPES, (_req, payload, done) => done(null, payload));

  app.post('/', {
    config: { permission: 'session' },
    schema: { summary: 'Upload a photo or scan (raw body: JPEG, PNG or PDF, at most 5 MB)', tags, querystring: FileUploadQuery, response: { 201: FileView, 400: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await uploadFile(req.ctx, req.query.name, req.headers['content-type'], req.body)));

  app.get('/:id', {
    config: { permission: 'session' },
    schema: { summary: 'One\'s own upload', tags, params: FileIdParam },
  }, async (req, reply) => {
    const { row, body } = await openOwnFile(req.ctx, req.params.id);
    return reply.type(row.mime).header('cache-control', 'private, no-store').send(body);
  });
};
