import { AppError } from '@shared/errors';
import type { BlacklistEntryView, BlacklistInput, FlagListQuery, FlagView, HouseHousingView, LiftInput, ManagerInput, PartyInput, PartyListQuery, PartyView } from '@shared/housing/housing.schema';
import { blacklistWorkflow } from '@shared/housing/housing.workflow';
import { judgeOccupancy, type OccupancyRules } from '@shared/housing/occupancy';
import { maskIdNumber } from '@shared/kernel/id-number';
import { maskPhone } from '@shared/kernel/phone';
import { chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { isUniqueViolation } from '../../platform/db/errors';
import { onDomainEvent } from '../../platform/events';
import type { Ctx } from '../../platform/http/context';
import { getSetting } from '../../platform/settings/settings.service';
import { planFlaggedInspection } from '../inspections';
import { checkIdNumber, countOccupants, findRentalHouse, listRentalOccupancyAfter } from '../registry';
import * as repo from './housing.repo';

const today = (ctx: Pick<Ctx, 'now'>) => chinaDate(ctx.now());
const canSeePii = (ctx: Ctx) => ctx.actor.permissions.includes('registry.pii');
type Actor = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;

function entryView(row: repo.EntryRow, on: string): BlacklistEntryView {
  return {
    id: row.id, status: row.status, reason: row.reason, office: row.office, listedOn: row.listedOn, expiresOn: row.expiresOn,
    liftedOn: row.liftedOn, liftReason: row.liftReason, active: row.status === 'listed' && row.expiresOn >= on,
  };
}

function partySummary(ctx: Ctx, row: repo.PartyRow, blacklisted: boolean) {
  const pii = canSeePii(ctx);
  return {
    id: row.id, kind: row.kind, name: row.name, creditCode: row.creditCode, blacklisted,
    idNumber: row.idNumber ? (pii ? row.idNumber : maskIdNumber(row.idNumber)) : null,
    phone: row.phone ? (pii ? row.phone : maskPhone(row.phone)) : null,
  };
}

async function partyView(ctx: Ctx, db: Executor, row: repo.PartyRow): Promise<PartyView> {
  const on = today(ctx);
  const entries = (await repo.entriesOf(db, row.id)).map((e) => entryView(e, on));
  const houses = await repo.housesOfParty(db, row.id, ctx.scope);
  const addresses = await Promise.all(houses.map(async (m) => (await findRentalHouse(db, m.houseId))?.address ?? ''));
  return {
    ...partySummary(ctx, row, entries.some((e) => e.active)), blacklist: entries,
    houses: houses.map((m, i) => ({ houseId: m.houseId, address: addresses[i]!, role: m.role, since: m.since })),
  };
}

export async function listParties(ctx: Ctx, query: PartyListQuery) {
  const { rows, total } = await repo.listParties(ctx.db, { q: query.q, blacklisted: query.blacklisted === undefined ? undefined : query.blacklisted === 'true', on: today(ctx), page: query.page, pageSize: query.pageSize });
  return { items: rows.map((r) => partySummary(ctx, r.party, r.blacklisted)), total, page: query.page, pageSize: query.pageSize };
}

/** One party with its blacklist entries and the houses it manages in the caller's jurisdiction (audited: a full record). */
export async function getParty(ctx: Ctx, id: string): Promise<PartyView> {
  const row = await repo.findParty(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return ctx.db.transaction(async (tx) => {
    await audit.record(tx, ctx, { action: 'housing.party.read', entityType: 'housing_party', entityId: id, details: {} });
    return partyView(ctx, tx, row);
  });
}

/**
 * Registers a sub-landlord or agent: a person by a checked ID number, or an organisation by its credit code.
 * @throws HOUSING_PARTY_IDENTITY; REGISTRY_ID_*; HOUSING_PARTY_EXISTS. @idempotent on (author, transactionId).
 */
export async function registerParty(ctx: Ctx, input: PartyInput): Promise<PartyView> {
  const userId = ctx.actor.userId!;
  if (Boolean(input.idNumber) === Boolean(input.creditCode)) throw new AppError('HOUSING_PARTY_IDENTITY');
  const idNumber = input.idNumber ? checkIdNumber(input.idNumber, today(ctx)).idNumber : null;
  const replay = await repo.findPartyByTransaction(ctx.db, userId, input.transactionId);
  if (replay) return partyView(ctx, ctx.db, replay);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertParty(tx, {
      kind: input.kind, name: input.name, idNumber, creditCode: input.creditCode ?? null, phone: input.phone ?? null,
      divisionCode: ctx.actor.divisionCode ?? ctx.scope.root ?? '', createdBy: userId, transactionId: input.transactionId,
    });
    await audit.record(tx, ctx, { action: 'housing.party.register', entityType: 'housing_party', entityId: row.id, divisionCode: row.divisionCode, details: { kind: row.kind, name: row.name } });
    return partyView(ctx, tx, row);
  }).catch((error: unknown) => {
    if (isUniqueViolation(error, 'housing_parties_id_number_key') || isUniqueViolation(error, 'housing_parties_credit_code_key')) throw new AppError('HOUSING_PARTY_EXISTS');
    throw error;
  });
}

/**
 * Lists a party on the blacklist with the reason, the office that decided it and its expiry.
 * @throws NOT_FOUND; HOUSING_EXPIRY_PAST. @idempotent on transactionId.
 */
export async function blacklistParty(ctx: Ctx, partyId: string, input: BlacklistInput): Promise<PartyView> {
  const party = await repo.findParty(ctx.db, partyId);
  if (!party) throw new AppError('NOT_FOUND');
  const on = today(ctx);
  if (input.expiresOn <= on) throw new AppError('HOUSING_EXPIRY_PAST');
  return ctx.db.transaction(async (tx) => {
    if (await repo.findEntryAction(tx, input.transactionId)) return partyView(ctx, tx, party);
    const to = blacklistWorkflow.next('new', 'list', ctx.actor.permissions) as repo.EntryRow['status'];
    const entry = await repo.insertEntry(tx, { partyId, status: to, reason: input.reason, office: input.office, divisionCode: ctx.actor.divisionCode ?? ctx.scope.root ?? '', listedOn: on, expiresOn: input.expiresOn, createdBy: ctx.actor.userId! });
    await repo.insertEntryAction(tx, { entryId: entry.id, action: 'list', fromStatus: 'new', toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.reason, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'housing.blacklist.list', entityType: 'housing_blacklist', entityId: entry.id, divisionCode: entry.divisionCode, details: { party: party.name, reason: input.reason, office: input.office, expiresOn: input.expiresOn } });
    return partyView(ctx, tx, party);
  });
}

/** Lifts a blacklist entry before its expiry, with the reason. @throws NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN. @idempotent on transactionId. */
export async function liftEntry(ctx: Ctx, entryId: string, input: LiftInput): Promise<PartyView> {
  return ctx.db.transaction(async (tx) => {
    const entry = await repo.lockEntry(tx, entryId);
    if (!entry) throw new AppError('NOT_FOUND');
    const party = (await repo.findParty(tx, entry.partyId))!;
    if (await repo.findEntryAction(tx, input.transactionId)) return partyView(ctx, tx, party);
    const to = blacklistWorkflow.next(entry.status, 'lift', ctx.actor.permissions) as repo.EntryRow['status'];
    await repo.updateEntry(tx, entryId, { status: to, liftedOn: today(ctx), liftReason: input.reason });
    await repo.insertEntryAction(tx, { entryId, action: 'lift', fromStatus: entry.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.reason, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'housing.blacklist.lift', entityType: 'housing_blacklist', entityId: entryId, divisionCode: entry.divisionCode, details: { party: party.name, reason: input.reason } });
    return partyView(ctx, tx, party);
  });
}

/**
 * Registers who manages a rental house (sub-landlord or agent). A party on the blacklist is refused with the entry,
 * so the officer is warned; sent again acknowledged, it is registered, recorded with the entry it was warned of, the
 * house flagged and an inspection planned.
 *
 * @throws NOT_FOUND outside the jurisdiction; HOUSING_PARTY_BLACKLISTED; HOUSING_MANAGER_EXISTS. @idempotent on (author, transactionId).
 */
export async function addManager(ctx: Ctx, houseId: string, input: ManagerInput): Promise<HouseHousingView> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  const party = await repo.findParty(ctx.db, input.partyId);
  if (!party) throw new AppError('NOT_FOUND');
  const userId = ctx.actor.userId!;
  if (await repo.findManagerByTransaction(ctx.db, userId, input.transactionId)) return houseHousing(ctx, houseId);
  const entry = await repo.entryInForce(ctx.db, party.id, today(ctx));
  if (entry && !input.acknowledgeBlacklist) throw new AppError('HOUSING_PARTY_BLACKLISTED', { name: party.name, office: entry.office, reason: entry.reason, expiresOn: entry.expiresOn });
  await ctx.db.transaction(async (tx) => {
    await repo.insertManager(tx, { houseId, divisionCode: house.divisionCode, partyId: party.id, role: input.role, since: input.since, warnedEntryId: entry?.id ?? null, createdBy: userId, transactionId: input.transactionId });
    await audit.record(tx, ctx, {
      action: entry ? 'housing.manager.add-blacklisted' : 'housing.manager.add', entityType: 'house', entityId: houseId, divisionCode: house.divisionCode,
      details: { party: party.name, role: input.role, ...(entry ? { blacklist: entry.id, reason: entry.reason, office: entry.office } : {}) },
    });
    if (entry) {
      const flag = await repo.openFlag(tx, { houseId, divisionCode: house.divisionCode, address: house.address, kind: 'blacklisted_manager', detail: `${party.name}（${entry.office}列入黑名单：${entry.reason}）`, flaggedOn: today(ctx) });
      if (flag) await planFlaggedInspection(ctx, tx, house, derivedUuid(`housing.flag:${flag.id}`));
    }
  }).catch((error: unknown) => {
    if (isUniqueViolation(error, 'housing_managers_house_party_key')) throw new AppError('HOUSING_MANAGER_EXISTS');
    throw error;
  });
  return houseHousing(ctx, houseId);
}

function flagView(row: repo.FlagRow): FlagView {
  return { id: row.id, houseId: row.houseId, address: row.address, divisionCode: row.divisionCode, kind: row.kind, detail: row.detail, flaggedOn: row.flaggedOn, clearedOn: row.clearedOn };
}

/** A house's managers, flags and occupancy. @throws NOT_FOUND outside the jurisdiction. */
export async function houseHousing(ctx: Ctx, houseId: string): Promise<HouseHousingView> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  return {
    houseId, address: house.address, areaM2: house.areaM2, occupants: await countOccupants(ctx.db, houseId),
    managers: (await repo.managersOf(ctx.db, houseId)).map((m) => ({ partyId: m.manager.partyId, name: m.name, role: m.manager.role, since: m.manager.since, warned: m.manager.warnedEntryId !== null })),
    flags: (await repo.flagsOf(ctx.db, houseId)).map(flagView),
  };
}

export async function listFlags(ctx: Ctx, query: FlagListQuery) {
  const { rows, total } = await repo.listFlags(ctx.db, ctx.scope, { open: query.open === 'true', page: query.page, pageSize: query.pageSize });
  return { items: rows.map(flagView), total, page: query.page, pageSize: query.pageSize };
}

// ── overcrowding and group rental ────────────────────────────────────────────

async function rules(db: Executor): Promise<OccupancyRules> {
  return { minAreaSingle: await getSetting(db, 'housing.minAreaSingleM2'), minAreaPerPerson: await getSetting(db, 'housing.minAreaPerPersonM2'), groupRentalOccupants: await getSetting(db, 'housing.groupRentalOccupants') };
}

/**
 * Judges one house by its floor area and registered occupants: a finding opens its flag (once) and plans an inspection;
 * when the rule no longer holds the flag is cleared. In the caller's transaction.
 */
async function judgeHouse(ctx: Actor, tx: Tx, house: { id: string; divisionCode: string; address: string; areaM2: number | null; occupants: number }, given: OccupancyRules): Promise<number> {
  const on = today(ctx);
  const found = judgeOccupancy(house.areaM2, house.occupants, given);
  const kinds = { group_rental: 'group_rental', single_too_small: 'overcrowded', too_little_per_person: 'overcrowded' } as const;
  const open = new Set(found.map((f) => kinds[f.code]));
  await repo.clearFlags(tx, house.id, (['overcrowded', 'group_rental'] as const).filter((k) => !open.has(k)), on);
  let opened = 0;
  for (const kind of open) {
    const detail = found.filter((f) => kinds[f.code] === kind).map((f) => f.message).join('；');
    const flag = await repo.openFlag(tx, { houseId: house.id, divisionCode: house.divisionCode, address: house.address, kind, detail, flaggedOn: on });
    if (flag) {
      opened += 1;
      await audit.record(tx, ctx, { action: `housing.flag.${kind}`, entityType: 'house', entityId: house.id, divisionCode: house.divisionCode, details: { detail } });
      await planFlaggedInspection(ctx, tx, house, derivedUuid(`housing.flag:${flag.id}`));
    }
  }
  return opened;
}

/** Every rental house judged (the daily job; houses loaded by import are caught here). Returns how many flags opened. */
export async function judgeAll(ctx: Actor & Pick<Ctx, 'db'>): Promise<number> {
  const given = await rules(ctx.db);
  let after: string | null = null;
  let opened = 0;
  for (;;) {
    const page = await listRentalOccupancyAfter(ctx.db, after, 500);
    if (page.length === 0) return opened;
    opened += await ctx.db.transaction(async (tx) => {
      let n = 0;
      for (const house of page) n += await judgeHouse(ctx, tx, house, given);
      return n;
    });
    after = page[page.length - 1]!.id;
  }
}

// A duplicate building merged into another is the same building: its door systems and what they saw belong to the one that stays.
onDomainEvent('registry.building.merged', async (tx, _ctx, { fromBuildingId, intoBuildingId }) => {
  await repo.moveDoors(tx, fromBuildingId, intoBuildingId);
});

// Someone moved in or out: the house is judged again in the same transaction.
onDomainEvent('registry.occupancy.changed', async (tx, ctx, { houseIds }) => {
  const given = await rules(tx);
  for (const id of houseIds) {
    const house = await findRentalHouse(tx, id);
    if (!house) continue;
    await judgeHouse(ctx, tx, { ...house, occupants: await countOccupants(tx, id) }, given);
  }
});

