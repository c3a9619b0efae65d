import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '@shared/errors';
import {
  CalculateInput, CalculatorQuery, CalculatorView, IdParam, PackActionInput, PackCopyInput, PackList, PackUpdateInput, PackValidateInput, PackValidation, PackView, ScoreView,
} from '@shared/points/points.schema';
import * as points from './points.service';

const tags = ['points'];

export const pointsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ── policy packs ──
  app.get('/packs', {
    config: { permission: 'points.read' },
    schema: { summary: 'Every version of every points policy pack, and which one is in force', tags, response: { 200: PackList } },
  }, (req) => points.listPacks(req.ctx));

  app.post('/packs/validate', {
    config: { permission: 'points.read' },
    schema: { summary: 'Check a pack without storing it: every field at fault at once', tags, body: PackValidateInput, response: { 200: PackValidation } },
  }, (req) => points.checkPack(req.body.pack));

  app.get('/packs/:id', {
    config: { permission: 'points.read' },
    schema: { summary: 'One pack version with its body, history and allowed actions', tags, params: IdParam, response: { 200: PackView } },
  }, (req) => points.getPack(req.ctx, req.params.id));

  app.post('/packs/:id/copy', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Copy a version into a new draft (the next version, or a new code)', tags, params: IdParam, body: PackCopyInput, response: { 201: PackView, 403: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await points.copyPack(req.ctx, req.params.id, req.body)));

  app.put('/packs/:id', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Replace a draft\'s body (refused with every field at fault; published versions never change)', tags, params: IdParam, body: PackUpdateInput, response: { 200: PackView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => points.updatePack(req.ctx, req.params.id, req.body));

  app.post('/packs/:id/actions', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Publish a draft with its effective date, or discard it', tags, params: IdParam, body: PackActionInput, response: { 200: PackView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => points.actOnPack(req.ctx, req.params.id, req.body));

  // ── self-assessment, open to everyone ──
  app.get('/calculator', {
    config: { public: true },
    schema: { summary: 'The questions of a published pack (the city\'s pack in force by default) and the packs to compare', tags, querystring: CalculatorQuery, response: { 200: CalculatorView } },
  }, (req) => points.calculator(req.ctx, req.query));

  app.post('/calculate', {
    config: { public: true },
    schema: { summary: 'Score facts under a published pack: total, ranking score, eligibility with reasons, line-by-line explanation', tags, body: CalculateInput, response: { 200: ScoreView, 400: ErrorBody } },
  }, (req) => points.calculate(req.ctx, req.body));
};
