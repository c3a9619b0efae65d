import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@shared/errors';
import {
  CalculateInput, CalculatorQuery, CalculatorView, FileParams, IdParam, PackActionInput, PackCopyInput, PackList, PackUpdateInput, PackValidateInput, PackValidation, PackView, ScoreView,
} from '@shared/points/points.schema';
import {
  ApplicationStaffActionInput, DepartmentDataInput, DepartmentDataResult, ObjectionActionInput, ObjectionInput, ObjectionList, ObjectionReceipt, ObjectionView, PublicList, PublicListQuery, RankingPage, RankingQuery, PointsApplicationActionInput, PointsApplicationInput, PointsApplicationListQuery, PointsApplicationPage, PointsApplicationView,
  PointsApplicationSummary as PointsApplicationSummaryView, PointsStats, PrefillQuery, PrefillView, RoundActionInput, RoundInput, RoundList, RoundView, TaskActionInput, TaskListQuery, TaskPage,
} from '@shared/points/application.schema';
import { openFile } from '../../platform/files/files';
import * as applications from './points.applications';
import * as rounds from './points.round';
import * as points from './points.service';
import * as stats from './points.stats';

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

  // ── statistics ──
  app.get('/stats', {
    config: { permission: 'points.read' },
    schema: { summary: 'Applications per round by status, quota used, and each department\'s review work against its deadline, in the jurisdiction', tags, response: { 200: PointsStats } },
  }, (req) => stats.getStats(req.ctx));

  // ── rounds ──
  app.get('/rounds', {
    config: { permission: 'points.read' },
    schema: { summary: 'Every round with its pack, window, cut-offs and application counts in the jurisdiction', tags, response: { 200: RoundList } },
  }, (req) => applications.listRounds(req.ctx));

  app.post('/rounds', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Open a yearly round: pack version, quota, application window, material and age cut-offs', tags, body: RoundInput, response: { 201: RoundView, 400: ErrorBody, 403: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await applications.createRound(req.ctx, req.body)));

  app.post('/rounds/:id/actions', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Close a round to new applications', tags, params: IdParam, body: RoundActionInput, response: { 200: RoundView, 409: ErrorBody } },
  }, (req) => rounds.actOnRound(req.ctx, req.params.id, req.body));

  app.get('/rounds/:id/ranking', {
    config: { permission: 'points.read' },
    schema: { summary: 'A round\'s ranking in the jurisdiction, with joint ranks and the quota cut', tags, params: IdParam, querystring: RankingQuery, response: { 200: RankingPage } },
  }, (req) => rounds.ranking(req.ctx, req.params.id, req.query));

  app.get('/rounds/:id/objections', {
    config: { permission: 'points.read' },
    schema: { summary: 'Objections to a round\'s published list, in the jurisdiction', tags, params: IdParam, response: { 200: ObjectionList } },
  }, (req) => rounds.listObjections(req.ctx, req.params.id));

  app.post('/objections/:id/actions', {
    config: { permission: 'points.manage' },
    schema: { summary: 'Answer an objection in writing: uphold (cancel or correct the application; the round is ranked again) or dismiss', tags, params: IdParam, body: ObjectionActionInput, response: { 200: ObjectionView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => rounds.answerObjection(req.ctx, req.params.id, req.body));

  // ── publication (公示), open to everyone ──
  app.get('/public/rounds/:id', {
    config: { public: true },
    schema: { summary: 'The published list of a round: masked names, ranks, scores and the publication period', tags, params: IdParam, querystring: PublicListQuery, response: { 200: PublicList } },
  }, (req) => rounds.publicList(req.ctx, req.params.id, req.query));

  app.post('/public/rounds/:id/objections', {
    config: { public: true },
    schema: { summary: 'File an objection to a listed applicant during publication, with or without one\'s name', tags, params: IdParam, body: ObjectionInput, response: { 201: ObjectionReceipt, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await rounds.fileObjection(req.ctx, req.params.id, req.body)));

  // ── department data ──
  app.post('/department-records', {
    config: { permission: 'points.data' },
    schema: { summary: 'Load a department\'s records (JSON rows or CSV `id_number,fact,value,as_of`); all rows or none', tags, body: DepartmentDataInput, response: { 200: DepartmentDataResult, 400: ErrorBody } },
  }, (req) => applications.loadDepartmentData(req.ctx, req.body));

  // ── applications (staff) ──
  app.post('/applications', {
    config: { permission: 'points.intake' },
    schema: { summary: 'Take an application at a window on a resident\'s behalf', tags, body: PointsApplicationInput, response: { 201: PointsApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await applications.submitApplication(req.ctx, req.body, 'counter')));

  app.get('/applications', {
    config: { permission: 'points.read' },
    schema: { summary: 'Applications in the jurisdiction, open ones by review deadline first', tags, querystring: PointsApplicationListQuery, response: { 200: PointsApplicationPage } },
  }, (req) => applications.listApplications(req.ctx, req.query));

  app.get('/applications/:id', {
    config: { permission: 'points.read' },
    schema: { summary: 'One application: facts, proof, every department\'s result, the score explained, history (the read is audited)', tags, params: IdParam, response: { 200: PointsApplicationView } },
  }, (req) => applications.getApplication(req.ctx, req.params.id));

  app.post('/applications/:id/actions', {
    config: { permission: 'points.read' },
    schema: { summary: 'On-site verification done or missed, or cancel (with the reason); the workflow checks each action\'s own permission', tags, params: IdParam, body: ApplicationStaffActionInput, response: { 200: PointsApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => rounds.actOnApplication(req.ctx, req.params.id, req.body));

  app.get('/applications/:id/files/:fileId', {
    config: { permission: 'points.read' },
    schema: { summary: 'One proof file of an application', tags, params: FileParams },
  }, async (req, reply) => {
    const fileId = await applications.getEvidenceFile(req.ctx, req.params.id, req.params.fileId);
    const { row, body } = await openFile(req.ctx.db, fileId);
    return reply.type(row.mime).header('cache-control', 'private, no-store').send(body);
  });

  app.get('/persons/:id', {
    config: { permission: 'points.read' },
    schema: { summary: 'A person\'s points applications (for the person page)', tags, params: IdParam, response: { 200: z.object({ items: z.array(PointsApplicationSummaryView) }) } },
  }, (req) => applications.personApplications(req.ctx, req.params.id));

  // ── department review ──
  app.get('/tasks', {
    config: { permission: 'points.review' },
    schema: { summary: 'A department\'s review queue (supervisors: any department), nearest deadline first, with overdue counts', tags, querystring: TaskListQuery, response: { 200: TaskPage } },
  }, (req) => applications.listTasks(req.ctx, req.query));

  app.post('/tasks/:id/actions', {
    config: { permission: 'points.review' },
    schema: { summary: 'Confirm, correct or return each fact of a task; supervisors start a deferred deduction check', tags, params: IdParam, body: TaskActionInput, response: { 200: PointsApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => applications.actOnTask(req.ctx, req.params.id, req.body));

  // ── the resident's own ──
  app.get('/my/rounds', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Rounds open for applications', tags, response: { 200: RoundList } },
  }, (req) => applications.listRounds(req.ctx));

  app.get('/my/prefill', {
    config: { permission: 'portal.use' },
    schema: { summary: 'The one form of a round, with every fact already known pre-filled and verified', tags, querystring: PrefillQuery, response: { 200: PrefillView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => applications.prefill(req.ctx, req.query));

  app.post('/my/applications', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Submit the one form with proof, under the online pledge', tags, body: PointsApplicationInput, response: { 201: PointsApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await applications.submitApplication(req.ctx, req.body, 'portal')));

  app.get('/my/applications', {
    config: { permission: 'portal.use' },
    schema: { summary: 'One\'s own applications, each with its progress and score explained', tags, response: { 200: z.object({ items: z.array(PointsApplicationView) }) } },
  }, (req) => applications.myApplications(req.ctx));

  app.post('/my/applications/:id/actions', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Withdraw, or resubmit a returned application with what was asked for', tags, params: IdParam, body: PointsApplicationActionInput, response: { 200: PointsApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => applications.actOnMyApplication(req.ctx, req.params.id, req.body));
};
