import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '@shared/errors';
import {
  CampaignInput, CampaignView, ChecklistItemInput, ChecklistItemView, ChecklistView, CodeParam, FileParams, HazardActionInput, HazardListQuery, HazardPage, HazardView,
  HouseInspectionsView, IdParam, InspectionListQuery, InspectionPage, InspectionSubmitInput, InspectionCancelInput, CampaignListQuery, CampaignPage, InspectionView, MyHousesView,
  CalendarQuery, CalendarView, GridsQuery, GridsView, InspectionStatsQuery, InspectionStatsView, RegistrationTaskActionInput, RegistrationTaskPage, RegistrationTaskQuery, RegistrationTaskView,
} from '@shared/inspections/inspection.schema';
import { openFile } from '../../platform/files/files';
import { originOf } from '../../platform/http/origin';
import { getHousePlacard, getHousePlacardPng } from '../registry';
import * as hazards from './inspections.hazards';
import * as landlord from './inspections.landlord';
import * as inspections from './inspections.service';
import * as statistics from './inspections.stats';
import * as tasks from './inspections.tasks';

const tags = ['inspections'];

export const inspectionsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ── checklist ──
  app.get('/checklist', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'The 八查 checklist and grading form: items, weights, seriousness, departments', tags, response: { 200: ChecklistView } },
  }, async (req) => ({ items: await inspections.checklist(req.ctx.db) }));

  app.put('/checklist/:code', {
    config: { permission: 'inspections.manage' },
    schema: { summary: 'Edit a checklist item (city level)', tags, params: CodeParam, body: ChecklistItemInput, response: { 200: ChecklistItemView, 403: ErrorBody, 404: ErrorBody } },
  }, (req) => inspections.updateChecklistItem(req.ctx, req.params.code, req.body));

  // ── inspections ──
  app.get('/inspections', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'Inspections in the jurisdiction: a worker\'s list (planned, due within days) or those done', tags, querystring: InspectionListQuery, response: { 200: InspectionPage } },
  }, (req) => inspections.listInspections(req.ctx, req.query));

  app.get('/inspections/:id', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'One inspection: the checklist and occupants to confirm, or what was found', tags, params: IdParam, response: { 200: InspectionView, 404: ErrorBody } },
  }, (req) => inspections.getInspection(req.ctx, req.params.id));

  app.post('/inspections/:id/submit', {
    config: { permission: 'inspections.inspect' },
    schema: { summary: 'Record an inspection done on a phone (a retried send is recorded once)', tags, params: IdParam, body: InspectionSubmitInput, response: { 200: InspectionView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => inspections.submitInspection(req.ctx, req.params.id, req.body));

  app.post('/inspections/:id/cancel', {
    config: { permission: 'inspections.manage' },
    schema: { summary: 'Cancel a planned campaign or flag inspection no longer needed, with the reason', tags, params: IdParam, body: InspectionCancelInput, response: { 200: InspectionView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => inspections.cancelInspection(req.ctx, req.params.id, req.body));

  app.get('/campaigns', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'Campaigns over the jurisdiction (专项整治), newest first, with their inspections planned, done, cancelled and overdue there', tags, querystring: CampaignListQuery, response: { 200: CampaignPage } },
  }, (req) => inspections.listCampaigns(req.ctx, req.query));

  app.post('/campaigns', {
    config: { permission: 'inspections.manage' },
    schema: { summary: 'A special campaign (专项整治): one inspection of every rental house in an area', tags, body: CampaignInput, response: { 201: CampaignView, 400: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await inspections.createCampaign(req.ctx, req.body)));

  app.get('/houses/:id', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'A house\'s grade and stars, their history, its inspections and hazards', tags, params: IdParam, response: { 200: HouseInspectionsView, 404: ErrorBody } },
  }, (req) => inspections.houseInspections(req.ctx, req.params.id));

  app.get('/houses/:id/placard.svg', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'The graded placard (挂牌授星): stars, risk colour and the house\'s QR code (SVG, A5)', tags, params: IdParam },
  }, async (req, reply) => reply.type('image/svg+xml').send(await getHousePlacard(req.ctx, req.params.id, originOf(req), await inspections.placardGrade(req.ctx, req.params.id))));

  app.get('/houses/:id/placard.png', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'The graded placard as a PNG at 300 dpi (A5)', tags, params: IdParam },
  }, async (req, reply) => reply.type('image/png').header('content-disposition', `inline; filename="grade-${req.params.id.slice(0, 8)}.png"`)
    .send(await getHousePlacardPng(req.ctx, req.params.id, originOf(req), await inspections.placardGrade(req.ctx, req.params.id))));

  // ── hazards: staff of the jurisdiction ──
  app.get('/hazards', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'The hazard board: hazards by status and deadline, with counts', tags, querystring: HazardListQuery, response: { 200: HazardPage } },
  }, (req) => hazards.listHazards(req.ctx, 'staff', req.query));

  app.get('/hazards/:id', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'One hazard with its history', tags, params: IdParam, response: { 200: HazardView, 404: ErrorBody } },
  }, (req) => hazards.getHazard(req.ctx, 'staff', req.params.id));

  app.post('/hazards/:id/actions', {
    config: { permission: 'inspections.inspect' },
    schema: { summary: 'Refer a hazard to its department, with the reason', tags, params: IdParam, body: HazardActionInput, response: { 200: HazardView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => hazards.actOnHazard(req.ctx, 'staff', req.params.id, req.body));

  app.get('/hazards/:id/files/:fileId', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'A photo of a hazard (found, or of the fix)', tags, params: FileParams },
  }, async (req, reply) => {
    const fileId = await hazards.hazardFile(req.ctx, req.params.id, req.params.fileId);
    const { row, body } = await openFile(req.ctx.db, fileId);
    return reply.type(row.mime).header('cache-control', 'private, no-store').send(body);
  });

  // ── hazards: a department's staff (查处) ──
  app.get('/department/hazards', {
    config: { permission: 'inspections.handle' },
    schema: { summary: 'Hazards referred to the caller\'s department', tags, querystring: HazardListQuery, response: { 200: HazardPage, 403: ErrorBody } },
  }, (req) => hazards.listHazards(req.ctx, 'department', req.query));

  app.get('/department/hazards/:id', {
    config: { permission: 'inspections.handle' },
    schema: { summary: 'One hazard referred to the caller\'s department', tags, params: IdParam, response: { 200: HazardView, 403: ErrorBody, 404: ErrorBody } },
  }, (req) => hazards.getHazard(req.ctx, 'department', req.params.id));

  app.post('/department/hazards/:id/actions', {
    config: { permission: 'inspections.handle' },
    schema: { summary: 'Record what the department did (closes the hazard and tells the landlord)', tags, params: IdParam, body: HazardActionInput, response: { 200: HazardView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => hazards.actOnHazard(req.ctx, 'department', req.params.id, req.body));

  // ── registration tasks, the calendar, grids and statistics ──
  app.get('/registration-tasks', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'People found living or seen at a door without a registration: the queue (open, oldest first) or those closed', tags, querystring: RegistrationTaskQuery, response: { 200: RegistrationTaskPage } },
  }, (req) => tasks.listTasks(req.ctx, req.query));

  app.post('/registration-tasks/:id/actions', {
    config: { permission: 'inspections.inspect' },
    schema: { summary: 'Close a registration task: done (registered there, checked against the registry) or dismissed with the reason', tags, params: IdParam, body: RegistrationTaskActionInput, response: { 200: RegistrationTaskView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => tasks.actOnTask(req.ctx, req.params.id, req.body));

  app.get('/calendar', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'The inspection calendar: per day of a month, inspections planned (overdue), done and cancelled', tags, querystring: CalendarQuery, response: { 200: CalendarView, 400: ErrorBody } },
  }, (req) => statistics.calendar(req.ctx, req.query.month));

  app.get('/grids', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'Grids of the jurisdiction: community, buildings, rental houses, coverage, open hazards, grid workers', tags, querystring: GridsQuery, response: { 200: GridsView } },
  }, (req) => statistics.grids(req.ctx, req.query));

  app.get('/stats', {
    config: { permission: 'inspections.read' },
    schema: { summary: 'Statistics per jurisdiction: coverage, grades, hazards found and closed, time to close', tags, querystring: InspectionStatsQuery, response: { 200: InspectionStatsView, 400: ErrorBody, 404: ErrorBody } },
  }, (req) => statistics.stats(req.ctx, req.query));

  // ── landlords in the portal ──
  app.get('/my/houses', {
    config: { permission: 'portal.use' },
    schema: { summary: 'The caller\'s rental houses (as landlord): grade, what would raise it, hazards and deadlines', tags, response: { 200: MyHousesView } },
  }, (req) => landlord.myHouses(req.ctx));

  app.get('/my/hazards/:id', {
    config: { permission: 'portal.use' },
    schema: { summary: 'One hazard of the caller\'s house', tags, params: IdParam, response: { 200: HazardView, 404: ErrorBody } },
  }, (req) => hazards.getHazard(req.ctx, 'landlord', req.params.id));

  app.post('/my/hazards/:id/actions', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Report a hazard fixed, with photos (a re-inspection is planned)', tags, params: IdParam, body: HazardActionInput, response: { 200: HazardView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => hazards.actOnHazard(req.ctx, 'landlord', req.params.id, req.body));
};
