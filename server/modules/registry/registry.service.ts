import type {
  ArriveInput, BuildingInput, BuildingListQuery, BuildingVisitInput, BuildingPage, BuildingView, HouseDetail, HouseInput, HouseListQuery, HousePage,
  HouseView, LeaveInput, PersonInput, PersonListItem, PersonListQuery, PersonPage, PersonRef, PersonUpdate, PersonView, ResidenceUpdate, ResidenceView,
} from '@shared/registry/registry.schema';
import { ID_NUMBER_PROBLEM_CODES } from '@shared/registry/registry.schema';
import { AppError } from '@shared/errors';
import { divisionLevel } from '@shared/kernel/division-code';
import { maskIdNumber, parseIdNumber } from '@shared/kernel/id-number';
import { maskPhone } from '@shared/kernel/phone';
import { chinaDate } from '@shared/kernel/workdays';
import { residenceWorkflow } from '@shared/registry/residence.workflow';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import { getCalendar } from '../../platform/calendar/calendar.service';
import type { Executor, Tx } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/errors';
import { findDivision } from '../../platform/divisions/divisions.repo';
import { cachedDivisionPath, countyCodeExists, countyFullName } from '../../platform/divisions/divisions.service';
import { emitDomainEvent } from '../../platform/events';
import type { Ctx } from '../../platform/http/context';
import { getSetting } from '../../platform/settings/settings.service';
import * as repo from './registry.repo';

const HMT_ORIGINS: Record<string, string> = { '810000': '香港特别行政区', '820000': '澳门特别行政区', '830000': '台湾地区' };

/**
 * Checks an ID number to GB 11643 and reads its facts; 15-digit numbers come back as 18.
 *
 * @throws REGISTRY_ID_FORMAT, REGISTRY_ID_CHECK, REGISTRY_ID_DATE, REGISTRY_ID_FUTURE, REGISTRY_ID_AREA naming what is wrong.
 */
export function checkIdNumber(raw: string, today: string) {
  const parsed = parseIdNumber(raw, { today, areaExists: countyCodeExists });
  if (!parsed.ok) throw new AppError(ID_NUMBER_PROBLEM_CODES[parsed.problem], { idNumber: raw.trim().slice(0, 18) });
  return parsed.facts;
}

export function originName(areaCode: string): string | null {
  return HMT_ORIGINS[areaCode] ?? countyFullName(areaCode);
}

function canSeePii(ctx: Ctx): boolean {
  return ctx.actor.permissions.includes('registry.pii');
}

function ageOn(birthDate: string, today: string): number {
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

function ref(ctx: Ctx, row: { id: string; name: string; idNumber: string }): PersonRef {
  return { id: row.id, name: row.name, idNumber: canSeePii(ctx) ? row.idNumber : maskIdNumber(row.idNumber) };
}

function divisionPath(ctx: Ctx, tx: Executor, code: string): Promise<string[]> {
  return cachedDivisionPath(ctx.db, tx, code);
}

/** The division a building or person may be placed at: an existing community or grid inside the caller's jurisdiction. */
async function checkPlace(ctx: Ctx, tx: Executor, code: string): Promise<void> {
  if (!scopeContains(ctx.scope, code) || !(await findDivision(tx, code))) throw new AppError('DIVISION_NOT_FOUND', { code });
  const level = divisionLevel(code);
  if (level !== 'community' && level !== 'grid') throw new AppError('REGISTRY_DIVISION_LEVEL');
}

// ── addresses ────────────────────────────────────────────────────────────────

function presentBuilding(row: { building: repo.BuildingRow; houseCount: number; occupantCount: number }, path: string[]): BuildingView {
  const b = row.building;
  return {
    id: b.id, divisionCode: b.divisionCode, divisionPath: path, address: b.address, status: b.status, mergedInto: b.mergedInto,
    houseCount: row.houseCount, occupantCount: row.occupantCount, lastVisitAt: b.lastVisitAt?.toISOString() ?? null,
  };
}

/** Searches the standard address library inside the caller's jurisdiction. */
export async function listBuildings(ctx: Ctx, query: BuildingListQuery): Promise<BuildingPage> {
  const { rows, total } = await repo.listBuildings(ctx.db, ctx.scope, query);
  const items = await Promise.all(rows.map(async (row) => presentBuilding(row, await divisionPath(ctx, ctx.db, row.building.divisionCode))));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Adds a building to the standard address library.
 *
 * @throws DIVISION_NOT_FOUND / REGISTRY_DIVISION_LEVEL when the place is outside the jurisdiction or not a community or grid.
 * @throws REGISTRY_ADDRESS_EXISTS when an active building has the same address.
 */
export async function createBuilding(ctx: Ctx, input: BuildingInput): Promise<BuildingView> {
  const created = ctx.db.transaction(async (tx) => {
    await checkPlace(ctx, tx, input.divisionCode);
    const building = await repo.insertBuilding(tx, { divisionCode: input.divisionCode, address: input.address, createdBy: ctx.actor.userId });
    await audit.record(tx, ctx, { action: 'registry.building.create', entityType: 'building', entityId: building.id, divisionCode: building.divisionCode, details: { address: input.address } });
    return presentBuilding({ building, houseCount: 0, occupantCount: 0 }, await divisionPath(ctx, tx, building.divisionCode));
  });
  return created.catch((error: unknown) => {
    if (isUniqueViolation(error, 'reg_buildings_address_active_key')) throw new AppError('REGISTRY_ADDRESS_EXISTS', { address: input.address });
    throw error;
  });
}

/**
 * Retires a building that no longer exists (demolished, renumbered): it and its houses leave the lists,
 * their history stays.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; REGISTRY_BUILDING_OCCUPIED while people live there.
 * @throws REGISTRY_BUILDING_NOT_ACTIVE when it was already retired or merged.
 */
export async function retireBuilding(ctx: Ctx, id: string): Promise<BuildingView> {
  return ctx.db.transaction(async (tx) => {
    const building = await repo.lockBuilding(tx, ctx.scope, id);
    if (!building) throw new AppError('NOT_FOUND');
    if (building.status !== 'active') throw new AppError('REGISTRY_BUILDING_NOT_ACTIVE');
    const occupants = await repo.countActiveOccupants(tx, id);
    if (occupants > 0) throw new AppError('REGISTRY_BUILDING_OCCUPIED', { count: occupants });
    await repo.setBuildingStatus(tx, id, 'retired', null, ctx.now());
    const houseIds = await repo.retireHousesOf(tx, id, ctx.now());
    await emitDomainEvent(tx, ctx, 'registry.houses.retired', { buildingId: id, houseIds });
    await audit.record(tx, ctx, { action: 'registry.building.retire', entityType: 'building', entityId: id, divisionCode: building.divisionCode, details: { address: building.address } });
    const row = (await repo.findBuilding(tx, ctx.scope, id))!;
    return presentBuilding(row, await divisionPath(ctx, tx, row.building.divisionCode));
  });
}

/**
 * Merges a duplicate building into the one that stays: its houses (with everyone's stays) move over,
 * and it is kept as `merged` pointing at the other, so history and old references still resolve.
 *
 * @throws NOT_FOUND when either is outside the caller's jurisdiction.
 * @throws REGISTRY_MERGE_SELF, REGISTRY_MERGE_DIVISION (different community or grid), REGISTRY_BUILDING_NOT_ACTIVE.
 * @throws REGISTRY_UNIT_EXISTS when both have a unit of the same number.
 */
export async function mergeBuilding(ctx: Ctx, id: string, intoId: string): Promise<BuildingView> {
  if (id === intoId) throw new AppError('REGISTRY_MERGE_SELF');
  return ctx.db.transaction(async (tx) => {
    // Lock in a fixed order so two opposite merges cannot deadlock.
    const [first, second] = [id, intoId].sort();
    const locked = [await repo.lockBuilding(tx, ctx.scope, first!), await repo.lockBuilding(tx, ctx.scope, second!)];
    const from = locked.find((b) => b?.id === id);
    const into = locked.find((b) => b?.id === intoId);
    if (!from || !into) throw new AppError('NOT_FOUND');
    if (from.status !== 'active' || into.status !== 'active') throw new AppError('REGISTRY_BUILDING_NOT_ACTIVE');
    if (from.divisionCode !== into.divisionCode) throw new AppError('REGISTRY_MERGE_DIVISION');
    const shared = await repo.listSharedUnits(tx, id, intoId);
    if (shared.length > 0) throw new AppError('REGISTRY_UNIT_EXISTS', { unit: shared.join('、') });
    const moved = await repo.moveHouses(tx, id, into, ctx.now());
    await repo.setBuildingStatus(tx, id, 'merged', intoId, ctx.now());
    await audit.record(tx, ctx, {
      action: 'registry.building.merge', entityType: 'building', entityId: id, divisionCode: from.divisionCode,
      details: { into: intoId, address: from.address, intoAddress: into.address, houses: moved.length },
    });
    await emitDomainEvent(tx, ctx, 'registry.building.merged', {
      fromBuildingId: id, intoBuildingId: intoId, intoAddress: into.address, houses: moved.map((h) => ({ houseId: h.id, address: `${into.address} ${h.unit}` })),
      residentIds: await repo.residentsOf(tx, moved.map((h) => h.id)),
    });
    const row = (await repo.findBuilding(tx, ctx.scope, intoId))!;
    return presentBuilding(row, await divisionPath(ctx, tx, row.building.divisionCode));
  });
}

/**
 * Records a door-to-door visit of a building (洗楼): its last visit is now. Audited, with the visitor's note.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; REGISTRY_BUILDING_NOT_ACTIVE for a retired or merged one.
 */
export async function visitBuilding(ctx: Ctx, id: string, input: BuildingVisitInput): Promise<BuildingView> {
  return ctx.db.transaction(async (tx) => {
    const building = await repo.lockBuilding(tx, ctx.scope, id);
    if (!building) throw new AppError('NOT_FOUND');
    if (building.status !== 'active') throw new AppError('REGISTRY_BUILDING_NOT_ACTIVE');
    await repo.touchBuildingVisit(tx, id, ctx.now());
    await audit.record(tx, ctx, { action: 'registry.building.visit', entityType: 'building', entityId: id, divisionCode: building.divisionCode, details: { note: input.note ?? null } });
    const row = (await repo.findBuilding(tx, ctx.scope, id))!;
    return presentBuilding(row, await divisionPath(ctx, tx, row.building.divisionCode));
  });
}

// ── houses ───────────────────────────────────────────────────────────────────

async function presentHouse(ctx: Ctx, tx: Executor, row: { house: repo.HouseRow; address: string; occupantCount: number }): Promise<HouseView> {
  const h = row.house;
  const people = await repo.listPersonRefs(tx, [h.ownerPersonId, h.landlordPersonId].filter((id): id is string => Boolean(id)));
  const find = (id: string | null) => {
    const person = id ? people.find((p) => p.id === id) : undefined;
    return person ? ref(ctx, person) : null;
  };
  return {
    id: h.id, buildingId: h.buildingId, address: row.address, unit: h.unit, divisionCode: h.divisionCode, divisionPath: await divisionPath(ctx, tx, h.divisionCode),
    use: h.use, areaM2: h.areaM2, rooms: h.rooms, owner: find(h.ownerPersonId), ownerOrganisation: h.ownerOrganisation, landlord: find(h.landlordPersonId),
    agentName: h.agentName, managementCompany: h.managementCompany, occupantCount: row.occupantCount, status: h.status,
  };
}

/** Lists houses inside the caller's jurisdiction. */
export async function listHouses(ctx: Ctx, query: HouseListQuery): Promise<HousePage> {
  const { rows, total } = await repo.listHouses(ctx.db, ctx.scope, query);
  const items = await Promise.all(rows.map((row) => presentHouse(ctx, ctx.db, row)));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Adds a house (a unit of a building) with its use, owner and, for rentals, landlord and agent.
 *
 * @throws NOT_FOUND when the building or a named person is outside the caller's jurisdiction.
 * @throws REGISTRY_UNIT_EXISTS when the building already has that unit.
 * @throws REGISTRY_OWNER_REQUIRED when neither an owner nor an owning organisation is given.
 */
export async function createHouse(ctx: Ctx, input: HouseInput): Promise<HouseView> {
  if (!input.ownerPersonId && !input.ownerOrganisation) throw new AppError('REGISTRY_OWNER_REQUIRED');
  const created = ctx.db.transaction(async (tx) => {
    const building = await repo.findBuilding(tx, ctx.scope, input.buildingId);
    if (!building || building.building.status !== 'active') throw new AppError('NOT_FOUND');
    for (const personId of [input.ownerPersonId, input.landlordPersonId]) {
      // Owners and landlords may live elsewhere in the city: they must exist, not be in the caller's jurisdiction.
      if (personId && !(await repo.lockPerson(tx, null, personId))) throw new AppError('REGISTRY_PERSON_NOT_FOUND');
    }
    const house = await repo.insertHouse(tx, {
      buildingId: building.building.id, unit: input.unit, divisionCode: building.building.divisionCode, use: input.use,
      areaM2: input.areaM2 ?? null, rooms: input.rooms ?? null, ownerPersonId: input.ownerPersonId ?? null, ownerOrganisation: input.ownerOrganisation ?? null,
      landlordPersonId: input.landlordPersonId ?? null, agentName: input.agentName ?? null, managementCompany: input.managementCompany ?? null, createdBy: ctx.actor.userId,
    });
    await audit.record(tx, ctx, { action: 'registry.house.create', entityType: 'house', entityId: house.id, divisionCode: house.divisionCode, details: { ...input } });
    await emitDomainEvent(tx, ctx, 'registry.house.created', { houseId: house.id, divisionCode: house.divisionCode, address: `${building.building.address} ${house.unit}`, use: house.use });
    return presentHouse(ctx, tx, { house, address: building.building.address, occupantCount: 0 });
  });
  return created.catch((error: unknown) => {
    if (isUniqueViolation(error, 'reg_houses_building_unit_key')) throw new AppError('REGISTRY_UNIT_EXISTS', { unit: input.unit });
    throw error;
  });
}

/**
 * A house with its occupants now and before; audited, since it lists who lives there.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getHouse(ctx: Ctx, id: string): Promise<HouseDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findHouse(tx, ctx.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    const [current, former] = await Promise.all([repo.listResidencesOfHouse(tx, id, 'active', 500), repo.listResidencesOfHouse(tx, id, 'ended', 200)]);
    await audit.record(tx, ctx, { action: 'registry.house.read', entityType: 'house', entityId: id, divisionCode: row.house.divisionCode });
    return { ...(await presentHouse(ctx, tx, row)), occupants: current.map((r) => presentResidence(ctx, r)), former: former.map((r) => presentResidence(ctx, r)) };
  });
}

// ── persons ──────────────────────────────────────────────────────────────────

function presentListItem(ctx: Ctx, row: { person: repo.PersonRow; address: string | null }) {
  const p = row.person;
  const pii = canSeePii(ctx);
  return {
    id: p.id, name: p.name, idNumber: pii ? p.idNumber : maskIdNumber(p.idNumber), sex: p.sex, birthDate: pii ? p.birthDate : `${p.birthDate.slice(0, 4)}-**-**`,
    age: ageOn(p.birthDate, chinaDate(ctx.now())), origin: originName(p.originCode), phone: p.phone ? (pii ? p.phone : maskPhone(p.phone)) : null,
    divisionCode: p.divisionCode, address: row.address, residing: row.address !== null,
  };
}

function presentResidence(ctx: Ctx, row: { residence: repo.ResidenceRow; personName: string; personIdNumber: string; address: string }): ResidenceView {
  const r = row.residence;
  return {
    id: r.id, personId: r.personId, personName: row.personName, personIdNumber: canSeePii(ctx) ? row.personIdNumber : maskIdNumber(row.personIdNumber),
    houseId: r.houseId, address: row.address, divisionCode: r.divisionCode, relation: r.relation, arrivedOn: r.arrivedOn, leftOn: r.leftOn, status: r.status,
    channel: r.channel, declaredOn: r.declaredOn, deadlineOn: r.deadlineOn, lateWorkdays: r.late,
    actions: scopeContains(ctx.scope, r.divisionCode) ? residenceWorkflow.available(r.status, ctx.actor.permissions) : [],
  };
}

/** Searches persons inside the caller's jurisdiction: ID number (exact), name (prefix), phone, address; masked unless the role may see more. */
export async function listPersons(ctx: Ctx, query: PersonListQuery): Promise<PersonPage> {
  const { rows, total, more } = await repo.listPersons(ctx.db, ctx.scope, query);
  return { items: rows.map((row) => presentListItem(ctx, row)), total, more, page: query.page, pageSize: query.pageSize };
}

async function personView(ctx: Ctx, tx: Executor, row: { person: repo.PersonRow; address: string | null }): Promise<PersonView> {
  const p = row.person;
  const [childIds, parentIds, stays] = await Promise.all([repo.listChildIds(tx, p.id), repo.listParentIds(tx, p.id), repo.listResidencesOfPerson(tx, p.id)]);
  const family = await repo.listPersonRefs(tx, [...childIds, ...parentIds, ...(p.spouseId ? [p.spouseId] : [])]);
  const refs = (ids: string[]) => family.filter((f) => ids.includes(f.id)).map((f) => ref(ctx, f));
  return {
    ...presentListItem(ctx, row),
    education: (p.education as PersonView['education']) ?? null, employer: p.employer, originCode: p.originCode, divisionPath: await divisionPath(ctx, tx, p.divisionCode),
    spouse: refs(p.spouseId ? [p.spouseId] : [])[0] ?? null, children: refs(childIds), parents: refs(parentIds),
    residences: stays.map((stay) => presentResidence(ctx, stay)), piiVisible: canSeePii(ctx), createdAt: p.createdAt.toISOString(),
  };
}

/**
 * One person's whole record: identity, addresses now and before, family. The read is audited.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getPerson(ctx: Ctx, id: string): Promise<PersonView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findPerson(tx, ctx.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    await audit.record(tx, ctx, { action: 'registry.person.read', entityType: 'person', entityId: id, divisionCode: row.person.divisionCode });
    return personView(ctx, tx, row);
  });
}

/**
 * Registers a person. The ID number decides identity: a second registration is refused, naming the existing
 * record when the caller may see it.
 *
 * @throws REGISTRY_ID_* when the ID number is invalid.
 * @throws REGISTRY_PERSON_EXISTS (with the record) or REGISTRY_PERSON_EXISTS_ELSEWHERE (outside the jurisdiction).
 */
export async function createPerson(ctx: Ctx, input: PersonInput): Promise<PersonView & { duplicates: PersonRef[] }> {
  const facts = checkIdNumber(input.idNumber, chinaDate(ctx.now()));
  const created = ctx.db.transaction(async (tx) => {
    await checkPlace(ctx, tx, input.divisionCode);
    const existing = await repo.findPersonByIdNumber(tx, facts.idNumber);
    if (existing) throw existsError(ctx, existing);
    const person = await repo.insertPerson(tx, {
      idNumber: facts.idNumber, name: input.name, sex: facts.sex, birthDate: facts.birthDate, originCode: facts.areaCode, phone: input.phone ?? null,
      education: input.education ?? null, employer: input.employer ?? null, divisionCode: input.divisionCode, createdBy: ctx.actor.userId,
    });
    await audit.record(tx, ctx, { action: 'registry.person.create', entityType: 'person', entityId: person.id, divisionCode: person.divisionCode, details: { name: person.name } });
    const duplicates = await repo.listLikelyDuplicates(tx, ctx.scope, person);
    return { ...(await personView(ctx, tx, { person, address: null })), duplicates: duplicates.map((d) => ref(ctx, d.person)) };
  });
  return created.catch(async (error: unknown) => {
    // Two clerks registering the same number at once: the unique index decides, the loser hears who it is.
    if (isUniqueViolation(error, 'reg_persons_id_number_unique')) {
      const existing = await repo.findPersonByIdNumber(ctx.db, facts.idNumber);
      if (existing) throw existsError(ctx, existing);
    }
    throw error;
  });
}

function existsError(ctx: Ctx, existing: repo.PersonRow): AppError {
  return scopeContains(ctx.scope, existing.divisionCode)
    ? new AppError('REGISTRY_PERSON_EXISTS', { id: existing.id, name: existing.name })
    : new AppError('REGISTRY_PERSON_EXISTS_ELSEWHERE');
}

/**
 * Changes a person's contact details, education, employer or family links. A relative is named by ID number and
 * the matching name, as for moves: knowing both is the proof, and a record id from outside the jurisdiction is
 * never accepted.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; REGISTRY_PERSON_NOT_FOUND when no one has that number and name.
 * @throws REGISTRY_FAMILY_SELF when a person is linked to themselves; REGISTRY_FAMILY_CYCLE for a parent named as a child.
 */
export async function updatePerson(ctx: Ctx, id: string, input: PersonUpdate): Promise<PersonView> {
  const today = chinaDate(ctx.now());
  return ctx.db.transaction(async (tx) => {
    const person = await repo.lockPerson(tx, ctx.scope, id);
    if (!person) throw new AppError('NOT_FOUND');
    const relative = async (named: { idNumber: string; name: string }) => {
      const found = await findByIdNumberAndName(tx, named.idNumber, named.name, today);
      if (!found) throw new AppError('REGISTRY_PERSON_NOT_FOUND');
      if (found.id === id) throw new AppError('REGISTRY_FAMILY_SELF');
      return found;
    };
    const spouse = input.spouse ? await relative(input.spouse) : input.spouse;
    const child = input.addChild ? await relative(input.addChild) : undefined;
    if (child && (await repo.listParentIds(tx, id)).includes(child.id)) throw new AppError('REGISTRY_FAMILY_CYCLE');
    const changes: Partial<repo.PersonRow> = { updatedAt: ctx.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.phone !== undefined) changes.phone = input.phone;
    if (input.education !== undefined) changes.education = input.education;
    if (input.employer !== undefined) changes.employer = input.employer;
    if (spouse !== undefined) {
      changes.spouseId = spouse?.id ?? null;
      // Marriage is mutual: the new spouse points back; the former spouses of both no longer do.
      if (person.spouseId && person.spouseId !== spouse?.id) await repo.updatePerson(tx, person.spouseId, { spouseId: null });
      if (spouse) {
        if (spouse.spouseId && spouse.spouseId !== id) await repo.updatePerson(tx, spouse.spouseId, { spouseId: null });
        await repo.updatePerson(tx, spouse.id, { spouseId: id });
      }
    }
    await repo.updatePerson(tx, id, changes);
    if (child) await repo.insertChild(tx, id, child.id);
    if (input.removeChildId) await repo.deleteChild(tx, id, input.removeChildId);
    await audit.record(tx, ctx, {
      action: 'registry.person.update', entityType: 'person', entityId: id, divisionCode: person.divisionCode,
      details: {
        changes: { ...input, spouse: spouse === undefined ? undefined : (spouse?.id ?? null), addChild: child?.id },
        before: { name: person.name, phone: person.phone ? maskPhone(person.phone) : null, spouseId: person.spouseId },
      },
    });
    return personView(ctx, tx, (await repo.findPerson(tx, ctx.scope, id))!);
  });
}

/**
 * Records that may be the same person as this one (same name and birth date under another number, or the same
 * phone), inside the caller's jurisdiction, for a side-by-side comparison.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function listDuplicates(ctx: Ctx, id: string): Promise<{ items: PersonListItem[] }> {
  const row = await repo.findPerson(ctx.db, ctx.scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  const found = await repo.listLikelyDuplicates(ctx.db, ctx.scope, row.person);
  return { items: found.map((candidate) => presentListItem(ctx, candidate)) };
}

/**
 * Merges a duplicate record into the one kept: its stays, family links and houses move over, details the kept
 * record lacks (phone, education, employer, spouse) are taken from it, and the duplicate is removed. The audit
 * entry holds the whole removed record.
 *
 * @throws NOT_FOUND when either is outside the caller's jurisdiction; REGISTRY_PERSON_MERGE_SELF.
 * @throws REGISTRY_PERSON_MERGE_BOTH_RESIDING when both live somewhere now (end one stay first).
 * @throws REGISTRY_PERSON_MERGE_SPOUSES when both have different spouses.
 */
export async function mergePerson(ctx: Ctx, id: string, intoId: string): Promise<PersonView> {
  if (id === intoId) throw new AppError('REGISTRY_PERSON_MERGE_SELF');
  return ctx.db.transaction(async (tx) => {
    const [first, second] = [id, intoId].sort();
    const locked = [await repo.lockPerson(tx, ctx.scope, first!), await repo.lockPerson(tx, ctx.scope, second!)];
    const from = locked.find((p) => p?.id === id);
    const into = locked.find((p) => p?.id === intoId);
    if (!from || !into) throw new AppError('NOT_FOUND');
    const [fromStay, intoStay] = [await repo.lockActiveResidence(tx, id), await repo.lockActiveResidence(tx, intoId)];
    if (fromStay && intoStay) throw new AppError('REGISTRY_PERSON_MERGE_BOTH_RESIDING');
    if (from.spouseId && into.spouseId && from.spouseId !== into.spouseId) throw new AppError('REGISTRY_PERSON_MERGE_SPOUSES');
    const spouseId = into.spouseId ?? (from.spouseId === intoId ? null : from.spouseId);
    const moved = await repo.mergePersonInto(tx, id, intoId, ctx.now());
    await repo.updatePerson(tx, intoId, {
      phone: into.phone ?? from.phone, education: into.education ?? from.education, employer: into.employer ?? from.employer, spouseId,
      divisionCode: fromStay ? fromStay.divisionCode : into.divisionCode, updatedAt: ctx.now(),
    });
    if (spouseId && spouseId !== into.spouseId) await repo.updatePerson(tx, spouseId, { spouseId: intoId });
    await audit.record(tx, ctx, {
      action: 'registry.person.merge', entityType: 'person', entityId: intoId, divisionCode: into.divisionCode,
      details: {
        merged: { id: from.id, idNumber: from.idNumber, name: from.name, sex: from.sex, birthDate: from.birthDate, phone: from.phone, education: from.education, employer: from.employer, divisionCode: from.divisionCode, createdAt: from.createdAt.toISOString() },
        residences: moved.residences,
      },
    });
    return personView(ctx, tx, (await repo.findPerson(tx, ctx.scope, intoId))!);
  });
}

// ── residence registration ───────────────────────────────────────────────────

/** Whose deadline a declaration is held to: the resident's own (policy.md §4.3: 3 working days) or the landlord's report. */
export type DeadlineRule = 'resident' | 'landlord';

export type DeadlineCounter = (eventOn: string, declaredOn: string, rule?: DeadlineRule) => { deadlineOn: string; late: number };

/**
 * Counts declaration deadlines: for an arrival (or a leaving) on `eventOn`, the deadline and how many working days
 * late a declaration on `declaredOn` is. Both deadlines are policy settings, read once here, and days are working
 * days of the city's calendar; each answer is remembered, so a list or an import batch counts each date once.
 */
export async function deadlineCounter(ctx: Pick<Ctx, 'db'>, tx: Executor): Promise<DeadlineCounter> {
  const calendar = await getCalendar(ctx.db, tx);
  const days = { resident: await getSetting(tx, 'registry.arrivalDeadlineWorkdays'), landlord: await getSetting(tx, 'registry.landlordDeadlineWorkdays') };
  const known = new Map<string, { deadlineOn: string; late: number }>();
  return (eventOn, declaredOn, rule = 'resident') => {
    const key = `${eventOn}|${declaredOn}|${rule}`;
    let due = known.get(key);
    if (!due) {
      const deadlineOn = calendar.addWorkdays(eventOn, days[rule]);
      due = { deadlineOn, late: declaredOn > deadlineOn ? calendar.workdaysBetween(deadlineOn, declaredOn) : 0 };
      known.set(key, due);
    }
    return due;
  };
}

async function findByIdNumberAndName(tx: Tx, idNumber: string, name: string, today: string): Promise<repo.PersonRow | undefined> {
  const found = await repo.findPersonByIdNumber(tx, checkIdNumber(idNumber, today).idNumber);
  return found && found.name === name ? repo.lockPerson(tx, null, found.id) : undefined;
}

async function residenceById(ctx: Ctx, tx: Executor, id: string): Promise<ResidenceView> {
  const row = await repo.findResidence(tx, { root: '' }, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentResidence(ctx, row);
}

/** Registers someone met at the door or the counter, unless the ID number is registered already (under any name). */
async function registerNewcomer(ctx: Ctx, tx: Tx, idNumber: string, name: string, phone: string | null, divisionCode: string, today: string): Promise<repo.PersonRow | undefined> {
  const facts = checkIdNumber(idNumber, today);
  if (await repo.findPersonByIdNumber(tx, facts.idNumber)) return undefined;
  const person = await repo.insertPerson(tx, {
    idNumber: facts.idNumber, name, sex: facts.sex, birthDate: facts.birthDate, originCode: facts.areaCode, phone, divisionCode, createdBy: ctx.actor.userId,
  });
  await audit.record(tx, ctx, { action: 'registry.person.create', entityType: 'person', entityId: person.id, divisionCode, details: { name } });
  return person;
}

export type Arrival = {
  person: repo.PersonRow;
  house: { id: string; divisionCode: string };
  relation: ResidenceView['relation'];
  arrivedOn: string;
  /** The day it was declared (a self-declaration confirmed later still counts from the day it was made). */
  declaredOn: string;
  channel: ResidenceView['channel'];
  rule: DeadlineRule;
  declaredBy: string | null;
  transactionId: string;
};

/**
 * Records an arrival in the caller's transaction; a current stay elsewhere ends that day (a move). The person
 * must be locked by the caller. Returns the new stay's id.
 *
 * @throws REGISTRY_DATE_BEFORE_BIRTH, REGISTRY_ALREADY_THERE, REGISTRY_ARRIVAL_BEFORE_CURRENT.
 */
export async function recordArrival(ctx: Ctx, tx: Tx, arrival: Arrival): Promise<string> {
  const { person, house } = arrival;
  if (arrival.arrivedOn < person.birthDate) throw new AppError('REGISTRY_DATE_BEFORE_BIRTH', { date: arrival.arrivedOn });
  const current = await repo.lockActiveResidence(tx, person.id);
  if (current?.houseId === house.id) throw new AppError('REGISTRY_ALREADY_THERE');
  if (current && arrival.arrivedOn < current.arrivedOn) throw new AppError('REGISTRY_ARRIVAL_BEFORE_CURRENT', { date: current.arrivedOn });
  if (current) await recordLeaving(ctx, tx, current, arrival.arrivedOn, arrival.transactionId, 'moved');
  const to = residenceWorkflow.next('new', 'arrive', ctx.actor.permissions);
  const { deadlineOn, late } = (await deadlineCounter(ctx, tx))(arrival.arrivedOn, arrival.declaredOn, arrival.rule);
  const residence = await repo.insertResidence(tx, {
    personId: person.id, houseId: house.id, divisionCode: house.divisionCode, relation: arrival.relation, arrivedOn: arrival.arrivedOn,
    status: 'active', channel: arrival.channel, declaredOn: arrival.declaredOn, deadlineOn, late, declaredBy: arrival.declaredBy,
  });
  await repo.insertAction(tx, { residenceId: residence.id, action: 'arrive', fromStatus: null, toStatus: to, transactionId: arrival.transactionId, actorId: ctx.actor.userId, at: ctx.now() });
  await repo.updatePerson(tx, person.id, { divisionCode: house.divisionCode, updatedAt: ctx.now() });
  await audit.record(tx, ctx, {
    action: 'registry.residence.arrive', entityType: 'residence', entityId: residence.id, divisionCode: residence.divisionCode,
    details: { personId: person.id, houseId: house.id, arrivedOn: arrival.arrivedOn, relation: arrival.relation, lateWorkdays: late, channel: arrival.channel },
  });
  if (current) await emitDomainEvent(tx, ctx, 'registry.person.moved', { personIds: [person.id] });
  await emitDomainEvent(tx, ctx, 'registry.occupancy.changed', { houseIds: [house.id] });
  return residence.id;
}

/**
 * Ends a locked, active stay on `leftOn` in the caller's transaction.
 *
 * @throws WORKFLOW_ACTION_NOT_OPEN when the stay has ended; REGISTRY_LEAVE_BEFORE_ARRIVAL for an impossible date.
 */
export async function recordLeaving(ctx: Ctx, tx: Tx, stay: repo.ResidenceRow, leftOn: string, transactionId: string, reason?: 'moved'): Promise<void> {
  const to = residenceWorkflow.next(stay.status, 'leave', ctx.actor.permissions);
  if (leftOn < stay.arrivedOn) throw new AppError('REGISTRY_LEAVE_BEFORE_ARRIVAL', { date: stay.arrivedOn });
  await repo.endResidence(tx, stay.id, leftOn, ctx.now());
  await repo.insertAction(tx, { residenceId: stay.id, action: 'leave', fromStatus: stay.status, toStatus: to, transactionId, actorId: ctx.actor.userId, details: reason ?? null, at: ctx.now() });
  await audit.record(tx, ctx, {
    action: 'registry.residence.leave', entityType: 'residence', entityId: stay.id, divisionCode: stay.divisionCode,
    details: { personId: stay.personId, leftOn, ...(reason ? { moved: true } : {}) },
  });
  await emitDomainEvent(tx, ctx, 'registry.occupancy.changed', { houseIds: [stay.houseId] });
}

/**
 * Registers an arrival (人来登记). When the person lives elsewhere now, that stay ends on the arrival day in the
 * same transaction (a move). The declaration is flagged late against the policy deadline.
 *
 * @throws NOT_FOUND when the house is outside the caller's jurisdiction, REGISTRY_PERSON_NOT_FOUND for the person.
 * @throws REGISTRY_DATE_FUTURE / REGISTRY_DATE_BEFORE_BIRTH for an impossible arrival date.
 * @throws REGISTRY_ALREADY_THERE when the person already lives in that house.
 * @throws REGISTRY_ARRIVAL_BEFORE_CURRENT when the arrival is before the current stay began.
 * @idempotent on transactionId: a retry returns the first result.
 */
export async function arrive(ctx: Ctx, input: ArriveInput): Promise<ResidenceView> {
  const today = chinaDate(ctx.now());
  if (input.arrivedOn > today) throw new AppError('REGISTRY_DATE_FUTURE', { date: input.arrivedOn });
  return ctx.db.transaction(async (tx) => {
    const done = await repo.findActionByTransaction(tx, input.transactionId);
    if (done) return residenceById(ctx, tx, done.residenceId);
    const house = await repo.findHouse(tx, ctx.scope, input.houseId);
    if (!house || house.house.status !== 'active') throw new AppError('NOT_FOUND');
    // Whoever registers the arrival in their own house may take in a person from anywhere in the city: by record
    // id inside the jurisdiction, or by ID number and the matching name (proof of knowing them) from outside it.
    let person = input.personId
      ? await repo.lockPerson(tx, ctx.scope, input.personId)
      : await findByIdNumberAndName(tx, input.idNumber ?? '', input.name ?? '', today);
    if (!person && input.registerIfNew && input.idNumber && input.name) person = await registerNewcomer(ctx, tx, input.idNumber, input.name, input.phone ?? null, house.house.divisionCode, today);
    if (!person) throw new AppError('REGISTRY_PERSON_NOT_FOUND');
    const id = await recordArrival(ctx, tx, {
      person, house: house.house, relation: input.relation, arrivedOn: input.arrivedOn, declaredOn: today, channel: input.channel,
      rule: 'resident', declaredBy: ctx.actor.userId, transactionId: input.transactionId,
    });
    return residenceById(ctx, tx, id);
  });
}

/**
 * Registers leaving (人走注销): the stay ends on `leftOn`.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN when the stay has ended.
 * @throws REGISTRY_DATE_FUTURE / REGISTRY_LEAVE_BEFORE_ARRIVAL for an impossible date.
 * @idempotent on transactionId.
 */
export async function leave(ctx: Ctx, id: string, input: LeaveInput): Promise<ResidenceView> {
  if (input.leftOn > chinaDate(ctx.now())) throw new AppError('REGISTRY_DATE_FUTURE', { date: input.leftOn });
  return ctx.db.transaction(async (tx) => {
    if (await repo.findActionByTransaction(tx, input.transactionId)) return residenceById(ctx, tx, id);
    const stay = await repo.lockResidence(tx, ctx.scope, id);
    if (!stay) throw new AppError('NOT_FOUND');
    await recordLeaving(ctx, tx, stay, input.leftOn, input.transactionId);
    return residenceById(ctx, tx, id);
  });
}

/**
 * Updates a current stay (人在更新): the relation to the house.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN when the stay has ended.
 * @idempotent on transactionId.
 */
export async function updateResidence(ctx: Ctx, id: string, input: ResidenceUpdate): Promise<ResidenceView> {
  return ctx.db.transaction(async (tx) => {
    if (await repo.findActionByTransaction(tx, input.transactionId)) return residenceById(ctx, tx, id);
    const stay = await repo.lockResidence(tx, ctx.scope, id);
    if (!stay) throw new AppError('NOT_FOUND');
    const to = residenceWorkflow.next(stay.status, 'update', ctx.actor.permissions);
    await repo.updateResidenceRelation(tx, id, input.relation, ctx.now());
    await repo.insertAction(tx, { residenceId: id, action: 'update', fromStatus: stay.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: JSON.stringify({ relation: input.relation }), at: ctx.now() });
    await audit.record(tx, ctx, { action: 'registry.residence.update', entityType: 'residence', entityId: id, divisionCode: stay.divisionCode, details: { relation: input.relation, before: stay.relation } });
    return residenceById(ctx, tx, id);
  });
}


/** A registered person as other modules see them: identity, every stay (oldest first) and where they live now. */
export type Resident = {
  id: string;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  /** Oldest first, with where (the community) and in what kind of house. */
  stays: { arrivedOn: string; leftOn: string | null; divisionCode: string; houseUse: string }[];
  home: { address: string; divisionCode: string } | null;
};

/**
 * The person registered under this ID number, with their stays and current home, when the name matches too
 * (an ID number alone, typed by anyone, opens nothing). Undefined when not registered or the name differs.
 */
export async function findResident(db: Executor, idNumber: string, name: string): Promise<Resident | undefined> {
  const person = await repo.findPersonByIdNumber(db, idNumber.toUpperCase());
  if (!person || person.name !== name.trim()) return undefined;
  const stays = await repo.listResidencesOfPerson(db, person.id);
  const current = stays.find((s) => s.residence.status === 'active');
  return {
    id: person.id, name: person.name, idNumber: person.idNumber, sex: person.sex, birthDate: person.birthDate, phone: person.phone,
    stays: stays.map((s) => ({ arrivedOn: s.residence.arrivedOn, leftOn: s.residence.status === 'active' ? null : (s.residence.leftOn ?? s.residence.arrivedOn), divisionCode: s.residence.divisionCode, houseUse: s.houseUse })).reverse(),
    home: current ? { address: current.address, divisionCode: current.residence.divisionCode } : null,
  };
}
