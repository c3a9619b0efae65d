import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@shared/errors';
import { BlacklistInput, HouseTaxView, RentInput, TaxBillPage, TaxBillQuery, TaxPayResult, TaxRateInput, TaxRateList, LetterCoverageQuery, LetterCoverageView, LetterInput, LetterView, MyLetterHouses, SignInput, DoorCreated, DoorEventsInput, DoorEventsResult, DoorInput, DoorList, DoorView, FlagListQuery, FlagPage, HouseHousingView, IdParam, LiftInput, ManagerInput, PartyInput, PartyListQuery, PartyPage, PartyView } from '@shared/housing/housing.schema';
import * as doors from './housing.doors';
import * as letters from './housing.letters';
import * as tax from './housing.tax';
import * as housing from './housing.service';

const tags = ['housing'];

export const housingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/parties', {
    config: { permission: 'housing.read' },
    schema: { summary: 'The city-wide register of sub-landlords and agents, with who is blacklisted', tags, querystring: PartyListQuery, response: { 200: PartyPage } },
  }, (req) => housing.listParties(req.ctx, req.query));

  app.post('/parties', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Register a sub-landlord or agent (a person by ID number, an organisation by credit code)', tags, body: PartyInput, response: { 201: PartyView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await housing.registerParty(req.ctx, req.body)));

  app.get('/parties/:id', {
    config: { permission: 'housing.read' },
    schema: { summary: 'One sub-landlord or agent: blacklist entries and the houses it manages in the jurisdiction (audited)', tags, params: IdParam, response: { 200: PartyView, 404: ErrorBody } },
  }, (req) => housing.getParty(req.ctx, req.params.id));

  app.post('/parties/:id/blacklist', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Blacklist a party with the reason, the issuing office and the expiry', tags, params: IdParam, body: BlacklistInput, response: { 200: PartyView, 400: ErrorBody, 404: ErrorBody } },
  }, (req) => housing.blacklistParty(req.ctx, req.params.id, req.body));

  app.post('/blacklist/:id/lift', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Lift a blacklist entry before its expiry, with the reason', tags, params: IdParam, body: LiftInput, response: { 200: PartyView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => housing.liftEntry(req.ctx, req.params.id, req.body));

  app.get('/houses/:id', {
    config: { permission: 'housing.read' },
    schema: { summary: 'A rental house\'s managers, flags and occupancy', tags, params: IdParam, response: { 200: HouseHousingView, 404: ErrorBody } },
  }, (req) => housing.houseHousing(req.ctx, req.params.id));

  app.post('/houses/:id/managers', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Register the sub-landlord or agent of a rental house (a blacklisted one is refused with a warning unless acknowledged)', tags, params: IdParam, body: ManagerInput, response: { 200: HouseHousingView, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => housing.addManager(req.ctx, req.params.id, req.body));

  app.get('/flags', {
    config: { permission: 'housing.read' },
    schema: { summary: 'Houses flagged in the jurisdiction: overcrowding, group rental, a blacklisted manager', tags, querystring: FlagListQuery, response: { 200: FlagPage } },
  }, (req) => housing.listFlags(req.ctx, req.query));

  // ── door systems (门禁) ──
  app.get('/doors', {
    config: { permission: 'housing.read' },
    schema: { summary: 'Door systems of buildings in the jurisdiction', tags, response: { 200: DoorList } },
  }, (req) => doors.listDoors(req.ctx));

  app.post('/doors', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Register a building\'s door system; its key is shown this once', tags, body: DoorInput, response: { 201: DoorCreated, 404: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await doors.createDoor(req.ctx, req.body)));

  app.post('/doors/:id/revoke', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Revoke a door system\'s key', tags, params: IdParam, response: { 200: DoorView, 404: ErrorBody } },
  }, (req) => doors.revokeDoor(req.ctx, req.params.id));

  app.post('/door-events', {
    config: { public: true },
    schema: { summary: 'A door system (Authorization: Door <key>) pushes the entries it saw; resent events count once', tags, body: DoorEventsInput, response: { 200: DoorEventsResult, 401: ErrorBody } },
  }, (req) => doors.receiveDoorEvents(req.ctx, req.headers.authorization, req.body));

  // ── the safety responsibility letter ──
  app.get('/letter', {
    config: { permission: 'session' },
    schema: { summary: 'The safety responsibility letter in force (安全管理责任书)', tags, response: { 200: LetterView } },
  }, (req) => letters.currentLetter(req.ctx));

  app.get('/letter/coverage', {
    config: { permission: 'housing.read' },
    schema: { summary: 'How many rental houses signed the letter in force, per child jurisdiction', tags, querystring: LetterCoverageQuery, response: { 200: LetterCoverageView, 404: ErrorBody } },
  }, (req) => letters.letterCoverage(req.ctx, req.query));

  app.post('/letters', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Publish a new version of the letter (city level); earlier signatures stay with their version', tags, body: LetterInput, response: { 201: LetterView, 403: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await letters.publishLetter(req.ctx, req.body)));

  app.get('/my/houses', {
    config: { permission: 'portal.use' },
    schema: { summary: 'The caller\'s houses as landlord: the letter signed for each, and the registered tenants', tags, response: { 200: MyLetterHouses } },
  }, (req) => letters.myLetterHouses(req.ctx));

  app.post('/my/houses/:id/sign', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Sign the letter in force for one of the caller\'s houses', tags, params: IdParam, body: SignInput, response: { 200: MyLetterHouses, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => letters.signLetter(req.ctx, req.params.id, req.body));

  // ── rental tax (个人出租屋综合税) ──
  app.get('/tax/rates', {
    config: { permission: 'housing.read' },
    schema: { summary: 'Rental tax rates by district and use (per mille); a district without its own takes the city\'s', tags, response: { 200: TaxRateList } },
  }, (req) => tax.listTaxRates(req.ctx));

  app.put('/tax/rates', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Set a district\'s (or the city\'s) rate for a use (city level)', tags, body: TaxRateInput, response: { 200: TaxRateList, 403: ErrorBody } },
  }, (req) => tax.setTaxRate(req.ctx, req.body));

  app.put('/houses/:id/rent', {
    config: { permission: 'housing.manage' },
    schema: { summary: 'Declare a rental house\'s rent, use and billing period', tags, params: IdParam, body: RentInput, response: { 200: z.object({ ok: z.literal(true) }), 404: ErrorBody } },
  }, (req) => tax.declareRent(req.ctx, req.params.id, req.body));

  app.get('/houses/:id/tax', {
    config: { permission: 'housing.read' },
    schema: { summary: 'A rental house\'s declared rent, the rate that applies and its latest bills', tags, params: IdParam, response: { 200: HouseTaxView, 404: ErrorBody } },
  }, (req) => tax.houseTax(req.ctx, req.params.id));

  app.get('/tax/bills', {
    config: { permission: 'housing.read' },
    schema: { summary: 'Rental tax bills in the jurisdiction; arrears=true for those unpaid past their due date', tags, querystring: TaxBillQuery, response: { 200: TaxBillPage } },
  }, (req) => tax.listBills(req.ctx, 'staff', req.query));

  app.get('/my/tax', {
    config: { permission: 'portal.use' },
    schema: { summary: 'The caller\'s rental tax bills as landlord', tags, querystring: TaxBillQuery, response: { 200: TaxBillPage } },
  }, (req) => tax.listBills(req.ctx, 'landlord', req.query));

  app.post('/my/tax/:id/pay', {
    config: { permission: 'portal.use' },
    schema: { summary: 'Pay a bill: an order at the payment interface, and where to pay it', tags, params: IdParam, response: { 200: TaxPayResult, 404: ErrorBody, 409: ErrorBody } },
  }, (req) => tax.payBill(req.ctx, req.params.id));
};
