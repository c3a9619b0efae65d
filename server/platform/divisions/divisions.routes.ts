import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DivisionList, DivisionListQuery, DivisionView, GridInput } from '@shared/admin/admin.schema';
import { ErrorBody } from '@shared/errors';
import * as divisions from './divisions.service';

export const divisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    config: { permission: 'divisions.read' },
    schema: { summary: 'Children of a division, or a name search, inside the caller\'s jurisdiction', tags: ['divisions'], querystring: DivisionListQuery, response: { 200: DivisionList, 404: ErrorBody } },
  }, (req) => divisions.listDivisions(req.ctx, req.query));

  app.get('/summary', {
    config: { permission: 'divisions.read' },
    schema: { summary: 'How many divisions of each level the caller\'s jurisdiction holds', tags: ['divisions'], response: { 200: z.record(z.string(), z.number()) } },
  }, (req) => divisions.summariseJurisdiction(req.ctx));

  app.post('/grids', {
    config: { permission: 'divisions.manage' },
    schema: { summary: 'Create a grid under a community or village', tags: ['divisions'], body: GridInput, response: { 201: DivisionView, 400: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await divisions.createGrid(req.ctx, req.body)));
};
