import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@shared/errors';
import {
  ApplicationActionInput, ApplicationInput, ReplacementActionInput, ReplacementInput, ReplacementView, KioskCreated, KioskEndorseInput, KioskInput, KioskList, KioskLookupInput, KioskPermitView, KioskReceipt, KioskView, ApplicationListQuery, ApplicationPage, ApplicationView, EligibilityQuery, EligibilityView, EndorseInput, FileParams, IdParam,
  MyPermits, PermitActionInput, PermitListQuery, PermitPage, PermitStats, PermitView, PersonPermits, TokenParam, VerifyView,
} from '@shared/permits/permit.schema';
import { openFile } from '../../platform/files/files';
import * as kiosks from './permits.kiosk';
import * as replacements from './permits.replacement';
import * as permits from './permits.service';
import { originOf } from '../../platform/http/origin';

const tags = ['permits'];


export const permitsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/eligibility', {
    config: { permission: 'permits.counter' },
    schema: { summary: 'Whether a registered person may apply now, and from when', tags, querystring: EligibilityQuery, response: { 200: EligibilityView } },
  }, (req) => permits.checkEligibility(req.ctx, req.query));

  app.post('/applications', {
    config: { permission: 'permits.counter' },
    schema: { summary: 'Apply at a counter on a resident\'s behalf (accepted at once)', tags, body: ApplicationInput, response: { 201: ApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await permits.submitApplication(req.ctx, req.body, 'counter')));

  app.get('/applications', {
    config: { permission: 'permits.read' },
    schema: { summary: 'The work queue: applications in the jurisdiction, nearest issue deadline first', tags, querystring: ApplicationListQuery, response: { 200: ApplicationPage } },
  }, (req) => permits.listApplications(req.ctx, req.query));

  app.get('/applications/:id', {
    config: { permission: 'permits.read' },
    schema: { summary: 'One application with its materials, history and allowed actions (the read is audited)', tags, params: IdParam, response: { 200: ApplicationView } },
  }, (req) => permits.getApplication(req.ctx, req.params.id));

  app.get('/applications/:id/files/:fileId', {
    config: { permission: 'permits.read' },
    schema: { summary: 'One material of an application', tags, params: FileParams },
  }, async (req, reply) => {
    const fileId = await permits.getEvidenceFile(req.ctx, req.params.id, req.params.fileId);
    const { row, body } = await openFile(req.ctx.db, fileId);
    return reply.type(row.mime).header('cache-control', 'private, no-store').send(body);
  });

  app.post('/applications/:id/actions', {
    config: { permission: 'permits.read' },
    schema: { summary: 'Accept, return (listing everything missing), refuse or issue; the workflow checks the action\'s own permission', tags, params: IdParam, body: ApplicationActionInput, response: { 200: ApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => permits.actOnApplication(req.ctx, req.params.id, req.body, originOf(req), 'staff'));

  app.get('/permits', {
    config: { permission: 'permits.read' },
    schema: { summary: 'Permits in the jurisdiction, nearest endorsement deadline first', tags, querystring: PermitListQuery, response: { 200: PermitPage } },
  }, (req) => permits.listPermits(req.ctx, req.query));

  app.get('/permits/:id', {
    config: { permission: 'permits.read' },
    schema: { summary: 'One permit with its history and allowed actions (the read is audited)', tags, params: IdParam, response: { 200: PermitView } },
  }, (req) => permits.getPermit(req.ctx, req.params.id, originOf(req)));

  app.post('/permits/:id/actions', {
    config: { permission: 'permits.read' },
    schema: { summary: 'Endorse at a counter, cancel or revoke', tags, params: IdParam, body: PermitActionInput, response: { 200: PermitView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => permits.actOnPermit(req.ctx, req.params.id, req.body, originOf(req)));

  app.get('/persons/:id', {
    config: { permission: 'permits.read' },
    schema: { summary: 'A person\'s permits and applications (for the person page)', tags, params: IdParam, response: { 200: PersonPermits } },
  }, (req) => permits.personPermits(req.ctx, req.params.id));

  app.get('/stats', {
    config: { permission: 'permits.read' },
    schema: { summary: 'Applications waiting and overdue, permits by state, in the jurisdiction', tags, response: { 200: PermitStats } },
  }, (req) => permits.getStats(req.ctx));

  // ── the resident's own ──
  app.get('/my/eligibility', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Whether one may apply now, and from when (before applying)', tags, querystring: EligibilityQuery, response: { 200: EligibilityView } },
  }, (req) => permits.checkEligibility(req.ctx, req.query));

  app.post('/my/applications', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Apply in the portal, for oneself or as guardian or relative', tags, body: ApplicationInput, response: { 201: ApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await permits.submitApplication(req.ctx, req.body, 'portal')));

  app.post('/my/applications/:id/actions', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Withdraw, or resubmit with the missing materials', tags, params: IdParam, body: ApplicationActionInput, response: { 200: ApplicationView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => permits.actOnApplication(req.ctx, req.params.id, req.body, originOf(req), 'applicant'));

  app.get('/my', {
    config: { permission: 'portal.use' },
    schema: { summary: 'One\'s electronic permits (with QR codes) and applications', tags, response: { 200: MyPermits } },
  }, (req) => permits.myPermits(req.ctx, originOf(req)));

  app.post('/my/permits/:id/endorse', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Endorse one\'s own permit online', tags, params: IdParam, body: EndorseInput, response: { 200: PermitView, 400: ErrorBody, 409: ErrorBody } },
  }, (req) => permits.endorseMine(req.ctx, req.params.id, req.body.transactionId, originOf(req)));

  app.get('/verify/:token', {
    config: { public: true },
    schema: { summary: 'Public check of a scanned electronic permit: its state and a masked name, nothing more', tags, params: TokenParam, response: { 200: VerifyView, 404: ErrorBody } },
  }, (req) => permits.verifyPermit(req.ctx, req.params.token));

  // ── self-service terminals ──
  app.get('/kiosks', {
    config: { permission: 'permits.manage' },
    schema: { summary: 'The self-service terminals of the jurisdiction', tags, response: { 200: KioskList } },
  }, (req) => kiosks.listKiosks(req.ctx));

  app.post('/kiosks', {
    config: { permission: 'permits.manage' },
    schema: { summary: 'Register a terminal; its key is in this answer only', tags, body: KioskInput, response: { 201: KioskCreated, 400: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await kiosks.createKiosk(req.ctx, req.body)));

  app.post('/kiosks/:id/revoke', {
    config: { permission: 'permits.manage' },
    schema: { summary: 'Revoke a terminal\'s key', tags, params: IdParam, response: { 200: KioskView } },
  }, (req) => kiosks.revokeKiosk(req.ctx, req.params.id));

  app.post('/kiosk/lookup', {
    config: { public: true },
    schema: { summary: 'Terminal (Authorization: Kiosk <key>): the permit of the person whose ID card it read', tags, body: KioskLookupInput, response: { 200: KioskPermitView, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, (req) => kiosks.kioskLookup(req.ctx, req.headers.authorization, req.body));

  app.post('/kiosk/endorse', {
    config: { public: true },
    schema: { summary: 'Terminal (Authorization: Kiosk <key>): endorse that permit and get the receipt to print', tags, body: KioskEndorseInput, response: { 200: KioskReceipt, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => kiosks.kioskEndorse(req.ctx, req.headers.authorization, req.body));

  // ── replacement of a lost or damaged card ──
  app.post('/permits/:id/replacements', {
    config: { permission: 'permits.counter' },
    schema: { summary: 'Ask at a counter for a new card in place of a lost or damaged one (the fee becomes an order)', tags, params: IdParam, body: ReplacementInput, response: { 200: z.array(ReplacementView), 409: ErrorBody } },
  }, (req) => replacements.requestReplacement(req.ctx, req.params.id, req.body, 'counter'));

  app.post('/my/permits/:id/replacements', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Ask for a new card in place of one\'s lost or damaged one; pay at the order\'s page', tags, params: IdParam, body: ReplacementInput, response: { 200: z.array(ReplacementView), 409: ErrorBody } },
  }, (req) => replacements.requestReplacement(req.ctx, req.params.id, req.body, 'holder'));

  app.post('/replacements/:id/actions', {
    config: { permission: 'permits.read' },
    schema: { summary: 'Hand over the new card, or cancel (a paid fee is refunded)', tags, params: IdParam, body: ReplacementActionInput, response: { 200: z.array(ReplacementView), 409: ErrorBody } },
  }, (req) => replacements.actOnReplacement(req.ctx, req.params.id, req.body));
};
