import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '@shared/admin/admin.schema';
import { ErrorBody } from '@shared/errors';
import {
  ArriveInput, BuildingInput, BuildingMergeInput, BuildingVisitInput, BuildingListQuery, BuildingPage, BuildingView, HouseDetail, HouseInput, HouseListQuery, HousePage, HouseView,
  HouseQrView, LeaveInput, PersonInput, PersonList, PersonMergeInput, QrHouseView, QrTokenParam, PersonListQuery, PersonPage, PersonRef, PersonUpdate, PersonView, ResidenceUpdate, ResidenceView,
} from '@shared/registry/registry.schema';
import {
  DeclarationDecision, DeclarationInput, DeclarationListQuery, DeclarationPage, DeclarationRejection, DeclarationView, MyDeclarationsQuery,
} from '@shared/registry/declaration.schema';
import { ImportListQuery, ImportPage, ImportUploadQuery, ImportView } from '@shared/registry/import.schema';
import * as declarations from './registry.declarations';
import * as imports from './registry.import';
import * as qr from './registry.qr';
import * as registry from './registry.service';
import { originOf } from '../../platform/http/origin';


const tags = ['registry'];

/** Upload types: the body reaches the import service as a stream, never buffered whole. */
const UPLOAD_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

  app.get('/buildings', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Search the standard address library (any part of the address)', tags, querystring: BuildingListQuery, response: { 200: BuildingPage } },
  }, (req) => registry.listBuildings(req.ctx, req.query));

  app.post('/buildings', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Add a building to the standard address library', tags, body: BuildingInput, response: { 201: BuildingView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await registry.createBuilding(req.ctx, req.body)));

  app.post('/buildings/:id/retire', {
    config: { permission: 'registry.manage' },
    schema: { summary: 'Retire a building that no longer exists (history kept)', tags, params: IdParam, response: { 200: BuildingView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.retireBuilding(req.ctx, req.params.id));

  app.post('/buildings/:id/merge', {
    config: { permission: 'registry.manage' },
    schema: { summary: 'Merge a duplicate building into another; its houses and their history move over', tags, params: IdParam, body: BuildingMergeInput, response: { 200: BuildingView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.mergeBuilding(req.ctx, req.params.id, req.body.intoId));

  app.post('/buildings/:id/visit', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Record a door-to-door visit of a building (洗楼): its last visit becomes now', tags, params: IdParam, body: BuildingVisitInput, response: { 200: BuildingView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.visitBuilding(req.ctx, req.params.id, req.body));

  app.get('/houses', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Houses in the caller\'s jurisdiction', tags, querystring: HouseListQuery, response: { 200: HousePage } },
  }, (req) => registry.listHouses(req.ctx, req.query));

  app.post('/houses', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Add a house (a unit of a building)', tags, body: HouseInput, response: { 201: HouseView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await registry.createHouse(req.ctx, req.body)));

  app.get('/houses/:id', {
    config: { permission: 'registry.read' },
    schema: { summary: 'A house with its occupants now and before (audited)', tags, params: IdParam, response: { 200: HouseDetail, 404: ErrorBody } },
  }, (req) => registry.getHouse(req.ctx, req.params.id));

  app.get('/houses/:id/qr', {
    config: { permission: 'registry.read' },
    schema: { summary: 'The house\'s current QR code (link and PNG)', tags, params: IdParam, response: { 200: HouseQrView, 404: ErrorBody } },
  }, (req) => qr.getHouseQr(req.ctx, req.params.id, originOf(req)));

  app.get('/houses/:id/placard.svg', {
    config: { permission: 'registry.read' },
    schema: { summary: 'A printable door placard with the address and the QR code (SVG, A5)', tags, params: IdParam },
  }, async (req, reply) => reply.type('image/svg+xml; charset=utf-8').send(await qr.getHousePlacard(req.ctx, req.params.id, originOf(req))));

  app.get('/houses/:id/placard.png', {
    config: { permission: 'registry.read' },
    schema: { summary: 'The door placard as a PNG at 300 dpi (A5)', tags, params: IdParam },
  }, async (req, reply) => reply.type('image/png').header('content-disposition', `inline; filename="placard-${req.params.id.slice(0, 8)}.png"`).send(await qr.getHousePlacardPng(req.ctx, req.params.id, originOf(req))));

  app.post('/houses/:id/qr/revoke', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Revoke every printed QR code of the house and issue a new one', tags, params: IdParam, response: { 200: HouseQrView, 404: ErrorBody } },
  }, (req) => qr.revokeHouseQr(req.ctx, req.params.id, originOf(req)));

  app.get('/qr/:token', {
    config: { public: true },
    schema: { summary: 'What a scanned house QR code names: address and unit only', tags, params: QrTokenParam, response: { 200: QrHouseView, 404: ErrorBody } },
  }, (req) => qr.describeToken(req.ctx, req.params.token));

  app.get('/persons', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Search persons: ID number (exact), name (prefix), phone, address', tags, querystring: PersonListQuery, response: { 200: PersonPage } },
  }, (req) => registry.listPersons(req.ctx, req.query));

  app.post('/persons', {
    config: { permission: 'registry.write' },
    schema: {
      summary: 'Register a person (one per ID number)', tags, body: PersonInput,
      response: { 201: PersonView.extend({ duplicates: z.array(PersonRef) }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req, reply) => reply.code(201).send(await registry.createPerson(req.ctx, req.body)));

  app.get('/persons/:id', {
    config: { permission: 'registry.read' },
    schema: { summary: 'One person\'s whole record (audited)', tags, params: IdParam, response: { 200: PersonView, 404: ErrorBody } },
  }, (req) => registry.getPerson(req.ctx, req.params.id));

  app.patch('/persons/:id', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Change contact details, education, employer or family links', tags, params: IdParam, body: PersonUpdate, response: { 200: PersonView, 400: ErrorBody, 404: ErrorBody } },
  }, (req) => registry.updatePerson(req.ctx, req.params.id, req.body));

  app.get('/persons/:id/duplicates', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Records that may be the same person (same name and birth date, or the same phone), for a side-by-side comparison', tags, params: IdParam, response: { 200: PersonList, 404: ErrorBody } },
  }, (req) => registry.listDuplicates(req.ctx, req.params.id));

  app.post('/persons/:id/merge', {
    config: { permission: 'registry.manage' },
    schema: { summary: 'Merge a duplicate person into the record kept (stays, family and houses move over; audited)', tags, params: IdParam, body: PersonMergeInput, response: { 200: PersonView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.mergePerson(req.ctx, req.params.id, req.body.intoId));

  app.post('/residences/arrive', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Register an arrival (人来登记); a current stay elsewhere ends that day', tags, body: ArriveInput, response: { 200: ResidenceView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.arrive(req.ctx, req.body));

  app.post('/residences/:id/leave', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Register leaving (人走注销)', tags, params: IdParam, body: LeaveInput, response: { 200: ResidenceView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.leave(req.ctx, req.params.id, req.body));

  app.post('/residences/:id/update', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Update a current stay (人在更新)', tags, params: IdParam, body: ResidenceUpdate, response: { 200: ResidenceView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => registry.updateResidence(req.ctx, req.params.id, req.body));

  app.post('/declarations', {
    config: { permission: 'portal.use' },
    schema: {
      summary: 'Declare an arrival or a leaving at the house whose QR code was scanned (resident or landlord)', tags, body: DeclarationInput,
      response: { 201: DeclarationView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
    },
  }, async (req, reply) => reply.code(201).send(await declarations.submitDeclaration(req.ctx, req.body)));

  app.get('/my/declarations', {
    config: { permission: 'portal.use' },
    schema: { summary: 'The caller\'s own declarations', tags, querystring: MyDeclarationsQuery, response: { 200: DeclarationPage } },
  }, (req) => declarations.listMyDeclarations(req.ctx, req.query));

  app.post('/declarations/:id/withdraw', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Withdraw one\'s own declaration while it waits', tags, params: IdParam, body: DeclarationDecision, response: { 200: DeclarationView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => declarations.withdrawDeclaration(req.ctx, req.params.id, req.body));

  app.get('/declarations', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Self-declarations of houses in the caller\'s jurisdiction (the confirmation queue)', tags, querystring: DeclarationListQuery, response: { 200: DeclarationPage } },
  }, (req) => declarations.listDeclarations(req.ctx, req.query));

  app.post('/declarations/:id/confirm', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Confirm a self-declaration: the arrival or leaving is registered', tags, params: IdParam, body: DeclarationDecision, response: { 200: DeclarationView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => declarations.confirmDeclaration(req.ctx, req.params.id, req.body));

  app.post('/declarations/:id/reject', {
    config: { permission: 'registry.write' },
    schema: { summary: 'Reject a self-declaration with a reason for its author', tags, params: IdParam, body: DeclarationRejection, response: { 200: DeclarationView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => declarations.rejectDeclaration(req.ctx, req.params.id, req.body));

  app.post('/imports', {
    config: { permission: 'registry.write' },
    schema: {
      summary: 'Upload a CSV or XLSX file of persons with their registrations (raw body: text/csv or the XLSX type); the import runs as a job',
      tags, querystring: ImportUploadQuery, response: { 201: ImportView, 400: ErrorBody },
    },
  }, async (req, reply) => reply.code(201).send(await imports.uploadImport(req.ctx, req.query.fileName, req.body)));

  app.get('/imports', {
    config: { permission: 'registry.read' },
    schema: { summary: 'Imports uploaded in the caller\'s jurisdiction, with their progress', tags, querystring: ImportListQuery, response: { 200: ImportPage } },
  }, (req) => imports.listImports(req.ctx, req.query));

  app.get('/imports/template.csv', {
    config: { permission: 'registry.read' },
    schema: { summary: 'A registrations file to fill in: the header row and an example', tags },
  }, async (_req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="registrations-template.csv"`).send(imports.templateCsv()));

  app.get('/imports/:id', {
    config: { permission: 'registry.read' },
    schema: { summary: 'One import\'s progress and counts', tags, params: IdParam, response: { 200: ImportView, 404: ErrorBody } },
  }, (req) => imports.getImport(req.ctx, req.params.id));

  app.get('/imports/:id/rejects.csv', {
    config: { permission: 'registry.read' },
    schema: { summary: 'The rows that were not imported, with the reason for each (CSV)', tags, params: IdParam },
  }, async (req, reply) => {
    const file = await imports.rejectsCsv(req.ctx, req.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.body);
  });
};
