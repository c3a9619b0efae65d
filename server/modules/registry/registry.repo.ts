import { and, asc, count, desc, eq, ilike, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { BuildingListQuery, HouseListQuery, PersonListQuery } from '@shared/registry/registry.schema';
import type { DeclarationListQuery } from '@shared/registry/declaration.schema';
import type { Executor, Tx } from '../../platform/db/client';
import { inScope, type Scope } from '../../platform/auth/scope';
import { users } from '../../platform/auth/auth.tables';
import { copyInto } from '../../platform/db/copy';
import { escapeLike } from '../../platform/db/like';
import { buildings, declarationActions, declarations, houses, importRejects, imports, personChildren, persons, registryKeys, residenceActions, residences } from './registry.tables';

export type BuildingRow = typeof buildings.$inferSelect;
export type HouseRow = typeof houses.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type ResidenceRow = typeof residences.$inferSelect;

// Subqueries name the outer table by hand: Drizzle leaves columns unqualified in single-table selects.

// ── buildings ────────────────────────────────────────────────────────────────

/** Buildings inside `scope`, by address text (any part), newest first, with how many houses and occupants each has. */
export async function listBuildings(tx: Executor, scope: Scope, query: BuildingListQuery) {
  const where = and(
    inScope(buildings.divisionCode, scope),
    query.divisionCode ? like(buildings.divisionCode, `${query.divisionCode}%`) : undefined,
    query.q ? ilike(buildings.address, `%${escapeLike(query.q)}%`) : undefined,
    query.status ? eq(buildings.status, query.status) : eq(buildings.status, 'active'),
  );
  const rows = await tx
    .select({
      building: buildings,
      houseCount: sql<number>`(select count(*)::int from reg_houses h where h.building_id = "reg_buildings"."id")`,
      occupantCount: sql<number>`(select count(*)::int from reg_residences r join reg_houses h on h.id = r.house_id where h.building_id = "reg_buildings"."id" and r.status = 'active')`,
    })
    .from(buildings)
    .where(where)
    .orderBy(...(query.order === 'visit' ? [sql`${buildings.lastVisitAt} asc nulls first`, asc(buildings.address)] : [asc(buildings.address)]))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(buildings).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export async function findBuilding(tx: Executor, scope: Scope, id: string) {
  const [row] = await tx
    .select({
      building: buildings,
      houseCount: sql<number>`(select count(*)::int from reg_houses h where h.building_id = "reg_buildings"."id")`,
      occupantCount: sql<number>`(select count(*)::int from reg_residences r join reg_houses h on h.id = r.house_id where h.building_id = "reg_buildings"."id" and r.status = 'active')`,
    })
    .from(buildings)
    .where(and(eq(buildings.id, id), inScope(buildings.divisionCode, scope)));
  return row;
}

export async function insertBuilding(tx: Tx, values: typeof buildings.$inferInsert): Promise<BuildingRow> {
  const [row] = await tx.insert(buildings).values(values).returning();
  return row!;
}

/** Locks a building inside `scope` for a change. */
export async function lockBuilding(tx: Tx, scope: Scope, id: string): Promise<BuildingRow | undefined> {
  const [row] = await tx.select().from(buildings).where(and(eq(buildings.id, id), inScope(buildings.divisionCode, scope))).for('update');
  return row;
}

export async function setBuildingStatus(tx: Tx, id: string, status: BuildingRow['status'], mergedInto: string | null, at: Date): Promise<void> {
  await tx.update(buildings).set({ status, mergedInto, updatedAt: at }).where(eq(buildings.id, id));
}

/** The units two buildings both have (a merge would give one building the same unit twice). */
export async function listSharedUnits(tx: Executor, fromId: string, intoId: string): Promise<string[]> {
  const rows = await tx.execute<{ unit: string }>(sql`select a.unit from reg_houses a join reg_houses b on b.unit = a.unit and b.building_id = ${intoId} where a.building_id = ${fromId} order by a.unit`);
  return rows.rows.map((row) => row.unit);
}

/** Moves every house of one building to another (their stays go with them). */
export async function moveHouses(tx: Tx, fromId: string, into: { id: string; divisionCode: string }, at: Date): Promise<{ id: string; unit: string }[]> {
  return tx.update(houses).set({ buildingId: into.id, divisionCode: into.divisionCode, updatedAt: at }).where(eq(houses.buildingId, fromId)).returning({ id: houses.id, unit: houses.unit });
}

/** The persons living in these houses now. */
export async function residentsOf(tx: Executor, houseIds: string[]): Promise<string[]> {
  if (houseIds.length === 0) return [];
  const rows = await tx.selectDistinct({ personId: residences.personId }).from(residences).where(and(inArray(residences.houseId, houseIds), eq(residences.status, 'active')));
  return rows.map((r) => r.personId);
}

/** Retires a building's houses; returns their ids. */
export async function retireHousesOf(tx: Tx, buildingId: string, at: Date): Promise<string[]> {
  const rows = await tx.update(houses).set({ status: 'retired', updatedAt: at }).where(eq(houses.buildingId, buildingId)).returning({ id: houses.id });
  return rows.map((r) => r.id);
}

/** How many people live in a building now. */
export async function countActiveOccupants(tx: Executor, buildingId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(residences).innerJoin(houses, eq(houses.id, residences.houseId)).where(and(eq(houses.buildingId, buildingId), eq(residences.status, 'active')));
  return row?.n ?? 0;
}

/** Records a door-to-door visit of a building. */
export async function touchBuildingVisit(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.update(buildings).set({ lastVisitAt: at }).where(eq(buildings.id, id));
}

// ── houses ───────────────────────────────────────────────────────────────────

const houseSelection = {
  house: houses,
  address: buildings.address,
  occupantCount: sql<number>`(select count(*)::int from reg_residences r where r.house_id = "reg_houses"."id" and r.status = 'active')`,
};

/** Houses inside `scope`, by address or unit, in address order. */
export async function listHouses(tx: Executor, scope: Scope, query: HouseListQuery) {
  const where = and(
    inScope(houses.divisionCode, scope),
    eq(houses.status, 'active'),
    query.buildingId ? eq(houses.buildingId, query.buildingId) : undefined,
    query.divisionCode ? like(houses.divisionCode, `${query.divisionCode}%`) : undefined,
    query.use ? eq(houses.use, query.use) : undefined,
    query.q ? ilike(sql`${buildings.address} || ' ' || ${houses.unit}`, `%${escapeLike(query.q)}%`) : undefined,
  );
  const rows = await tx
    .select(houseSelection)
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(where)
    .orderBy(asc(buildings.address), asc(houses.unit))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export async function findHouse(tx: Executor, scope: Scope, id: string) {
  const [row] = await tx
    .select(houseSelection)
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(eq(houses.id, id), inScope(houses.divisionCode, scope)));
  return row;
}

export async function insertHouse(tx: Tx, values: typeof houses.$inferInsert): Promise<HouseRow> {
  const [row] = await tx.insert(houses).values(values).returning();
  return row!;
}

// ── persons ──────────────────────────────────────────────────────────────────

const currentAddress = sql<string | null>`(select b.address || ' ' || h.unit from reg_residences r join reg_houses h on h.id = r.house_id join reg_buildings b on b.id = h.building_id where r.person_id = "reg_persons"."id" and r.status = 'active')`;

/**
 * Persons living now at an address matching `text`: any part of the building's address (found through its trigram
 * index, so the search starts from the few matching buildings, not from every person), and, when the text ends
 * with a separate word such as "102", the unit.
 */
function livingAt(text: string): SQL {
  const whole = text.trim();
  const words = whole.split(/\s+/);
  const unit = words.length > 1 ? words.pop()! : null;
  const byUnit = unit ? sql` or (b.address ilike ${`%${escapeLike(words.join(' '))}%`} and h.unit ilike ${`${escapeLike(unit)}%`})` : sql``;
  return sql`"reg_persons"."id" in (select r.person_id from reg_buildings b join reg_houses h on h.building_id = b.id join reg_residences r on r.house_id = h.id and r.status = 'active'
    where b.address ilike ${`%${escapeLike(whole)}%`}${byUnit})`;
}

/** Counting stops here: a search matching more is told "more than this", as a person reading a list needs no more. */
export const COUNT_CAP = 1_000;

function personFilter(scope: Scope, query: PersonListQuery): SQL | undefined {
  return and(
    inScope(persons.divisionCode, scope),
    query.idNumber ? eq(persons.idNumber, query.idNumber.toUpperCase()) : undefined,
    query.name ? sql`${persons.name} collate "C" like ${`${escapeLike(query.name)}%`}` : undefined,
    query.phone ? eq(persons.phone, query.phone) : undefined,
    query.divisionCode ? like(persons.divisionCode, `${query.divisionCode}%`) : undefined,
    query.address ? livingAt(query.address) : undefined,
    query.status === 'residing'
      ? sql`exists (select 1 from reg_residences r where r.person_id = "reg_persons"."id" and r.status = 'active')`
      : query.status === 'left'
        ? sql`not exists (select 1 from reg_residences r where r.person_id = "reg_persons"."id" and r.status = 'active')`
        : undefined,
  );
}

function exactLookup(db: Executor, column: 'id_number' | 'phone') {
  return db
    .select({ person: persons, address: currentAddress })
    .from(persons)
    .where(and(sql`${persons.divisionCode} like ${sql.placeholder('scope')}`, eq(column === 'id_number' ? persons.idNumber : persons.phone, sql.placeholder('value'))))
    .orderBy(sql`${persons.name} collate "C"`, asc(persons.id))
    .limit(COUNT_CAP + 1)
    .prepare(`anju_persons_by_${column}`);
}

/** The lookups a counter makes all day (one ID number, one phone), built and planned once per database handle. */
const exactStatements = new WeakMap<object, Record<'id_number' | 'phone', ReturnType<typeof exactLookup>>>();

/** An exact lookup by ID number or phone alone, when that is all the query asks: a prepared statement. */
async function lookUpExactly(db: Executor, scope: Scope, query: PersonListQuery) {
  const only = (['idNumber', 'name', 'phone', 'address', 'divisionCode', 'status'] as const).filter((key) => query[key]);
  if (scope.root === null || query.page !== 1 || only.length !== 1 || (only[0] !== 'idNumber' && only[0] !== 'phone')) return undefined;
  let statements = exactStatements.get(db);
  if (!statements) exactStatements.set(db, (statements = { id_number: exactLookup(db, 'id_number'), phone: exactLookup(db, 'phone') }));
  const found = only[0] === 'idNumber'
    ? await statements.id_number.execute({ scope: `${scope.root}%`, value: query.idNumber!.toUpperCase() })
    : await statements.phone.execute({ scope: `${scope.root}%`, value: query.phone! });
  const rows = found.slice(0, query.pageSize);
  return { rows, total: Math.min(found.length, COUNT_CAP), more: found.length > COUNT_CAP };
}

/** Persons inside `scope` matching the query (ID number exact, name prefix, phone, address text), by name. */
export async function listPersons(tx: Executor, scope: Scope, query: PersonListQuery) {
  const exact = await lookUpExactly(tx, scope, query);
  if (exact) return exact;
  const where = personFilter(scope, query);
  const byName = [sql`${persons.name} collate "C"`, asc(persons.id)];
  // The page's ids first, from the name index alone (it carries the division), then only those rows are read.
  const page = tx.select({ pageId: sql<string>`${persons.id}`.as('page_id') }).from(persons).where(where).orderBy(...byName).limit(query.pageSize).offset((query.page - 1) * query.pageSize).as('page');
  const rows = await tx
    .select({ person: persons, address: currentAddress })
    .from(persons)
    .innerJoin(page, eq(page.pageId, persons.id))
    .orderBy(...byName);
  // A first page that is not full holds every match: no need to count (exact ID number and phone lookups).
  if (query.page === 1 && rows.length < query.pageSize) return { rows, total: rows.length, more: false };
  const capped = tx.select({ one: sql`1` }).from(persons).where(where).limit(COUNT_CAP + 1).as('capped');
  const [counted] = await tx.select({ total: count() }).from(capped);
  const total = counted?.total ?? 0;
  return { rows, total: Math.min(total, COUNT_CAP), more: total > COUNT_CAP };
}

export async function findPerson(tx: Executor, scope: Scope, id: string) {
  const [row] = await tx.select({ person: persons, address: currentAddress }).from(persons).where(and(eq(persons.id, id), inScope(persons.divisionCode, scope)));
  return row;
}

/** The person with this ID number, wherever they are registered (for refusing a second registration). */
export async function findPersonByIdNumber(tx: Executor, idNumber: string): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(persons).where(eq(persons.idNumber, idNumber));
  return row;
}

/** Locks a person for a change; outside `scope` (when given) nothing is found. */
export async function lockPerson(tx: Tx, scope: Scope | null, id: string): Promise<PersonRow | undefined> {
  const [row] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), scope ? inScope(persons.divisionCode, scope) : undefined))
    .for('update');
  return row;
}

export async function insertPerson(tx: Tx, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [row] = await tx.insert(persons).values(values).returning();
  return row!;
}

export async function updatePerson(tx: Tx, id: string, values: Partial<typeof persons.$inferInsert>): Promise<void> {
  await tx.update(persons).set(values).where(eq(persons.id, id));
}

/** Likely duplicates of a new person: same name and birth date, or same phone, under another number. */
export async function listLikelyDuplicates(tx: Executor, scope: Scope, person: { id: string; name: string; birthDate: string; phone: string | null }) {
  return tx
    .select({ person: persons, address: currentAddress })
    .from(persons)
    .where(
      and(
        inScope(persons.divisionCode, scope),
        sql`${persons.id} <> ${person.id}`,
        person.phone
          ? sql`((${persons.name} = ${person.name} and ${persons.birthDate} = ${person.birthDate}) or ${persons.phone} = ${person.phone})`
          : and(eq(persons.name, person.name), eq(persons.birthDate, person.birthDate)),
      ),
    )
    .limit(10);
}

export async function listPersonRefs(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: persons.id, name: persons.name, idNumber: persons.idNumber, divisionCode: persons.divisionCode }).from(persons).where(inArray(persons.id, ids));
}

export async function listChildIds(tx: Executor, parentId: string): Promise<string[]> {
  return (await tx.select({ id: personChildren.childId }).from(personChildren).where(eq(personChildren.parentId, parentId))).map((row) => row.id);
}

export async function listParentIds(tx: Executor, childId: string): Promise<string[]> {
  return (await tx.select({ id: personChildren.parentId }).from(personChildren).where(eq(personChildren.childId, childId))).map((row) => row.id);
}

export async function deleteChild(tx: Tx, parentId: string, childId: string): Promise<void> {
  await tx.delete(personChildren).where(and(eq(personChildren.parentId, parentId), eq(personChildren.childId, childId)));
}

export async function insertChild(tx: Tx, parentId: string, childId: string): Promise<void> {
  await tx.insert(personChildren).values({ parentId, childId }).onConflictDoNothing();
}

// ── residences ───────────────────────────────────────────────────────────────

const residenceSelection = {
  residence: residences,
  personName: persons.name,
  personIdNumber: persons.idNumber,
  address: sql<string>`${buildings.address} || ' ' || ${houses.unit}`,
  houseUse: houses.use,
};

function residenceQuery(tx: Executor) {
  return tx
    .select(residenceSelection)
    .from(residences)
    .innerJoin(persons, eq(persons.id, residences.personId))
    .innerJoin(houses, eq(houses.id, residences.houseId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId));
}

/** A person's stays, newest first. */
export async function listResidencesOfPerson(tx: Executor, personId: string) {
  return residenceQuery(tx).where(eq(residences.personId, personId)).orderBy(desc(residences.arrivedOn), desc(residences.createdAt));
}

/** The stays in a house, current or ended, newest first (at most `limit`). */
export async function listResidencesOfHouse(tx: Executor, houseId: string, status: 'active' | 'ended', limit: number) {
  return residenceQuery(tx)
    .where(and(eq(residences.houseId, houseId), eq(residences.status, status)))
    .orderBy(desc(residences.arrivedOn), asc(persons.name))
    .limit(limit);
}

export async function findResidence(tx: Executor, scope: Scope, id: string) {
  const [row] = await residenceQuery(tx).where(and(eq(residences.id, id), inScope(residences.divisionCode, scope)));
  return row;
}

export async function lockResidence(tx: Tx, scope: Scope, id: string): Promise<ResidenceRow | undefined> {
  const [row] = await tx.select().from(residences).where(and(eq(residences.id, id), inScope(residences.divisionCode, scope))).for('update');
  return row;
}

/** The person's current stay, locked. */
export async function lockActiveResidence(tx: Tx, personId: string): Promise<ResidenceRow | undefined> {
  const [row] = await tx.select().from(residences).where(and(eq(residences.personId, personId), eq(residences.status, 'active'))).for('update');
  return row;
}

export async function insertResidence(tx: Tx, values: typeof residences.$inferInsert): Promise<ResidenceRow> {
  const [row] = await tx.insert(residences).values(values).returning();
  return row!;
}

/** Ends a stay, but only if it is still active (the status guard makes a racing second leave change nothing). */
export async function endResidence(tx: Tx, id: string, leftOn: string, at: Date): Promise<boolean> {
  const ended = await tx
    .update(residences)
    .set({ status: 'ended', leftOn, updatedAt: at })
    .where(and(eq(residences.id, id), eq(residences.status, 'active')))
    .returning({ id: residences.id });
  return ended.length > 0;
}

export async function updateResidenceRelation(tx: Tx, id: string, relation: ResidenceRow['relation'], at: Date): Promise<void> {
  await tx.update(residences).set({ relation, updatedAt: at }).where(eq(residences.id, id));
}

/** The residence a transaction id already acted on, if any (for idempotent retries). */
export async function findActionByTransaction(tx: Executor, transactionId: string): Promise<{ residenceId: string } | undefined> {
  const [row] = await tx.select({ residenceId: residenceActions.residenceId }).from(residenceActions).where(eq(residenceActions.transactionId, transactionId)).orderBy(desc(residenceActions.seq)).limit(1);
  return row;
}

export async function insertAction(tx: Tx, values: typeof residenceActions.$inferInsert): Promise<void> {
  await tx.insert(residenceActions).values(values);
}

// ── bulk loads (demo population) ─────────────────────────────────────────────

/** Inserts buildings, houses, persons and residences in one go; rows already present (same key) are skipped. */
export async function insertBulk(
  tx: Tx,
  rows: {
    buildings: (typeof buildings.$inferInsert)[];
    houses: (typeof houses.$inferInsert)[];
    persons: (typeof persons.$inferInsert)[];
    residences: (typeof residences.$inferInsert)[];
  },
): Promise<number> {
  if (rows.buildings.length) await tx.insert(buildings).values(rows.buildings).onConflictDoNothing();
  if (rows.houses.length) await tx.insert(houses).values(rows.houses).onConflictDoNothing();
  // A chunk goes in by COPY, through staging tables: persons already there (a chunk completed after a smaller
  // run) and a generated ID number that happens to repeat an earlier one are skipped, with their stays.
  await tx.execute(sql.raw('create temp table demo_persons (like reg_persons including defaults) on commit drop'));
  await tx.execute(sql.raw('create temp table demo_residences (like reg_residences including defaults) on commit drop'));
  await copyInto(tx, 'demo_persons', PERSON_COPY_COLUMNS, rows.persons.map((p) => [p.id!, p.idNumber, p.name, p.sex, p.birthDate, p.originCode, p.phone ?? null, p.education ?? null, p.employer ?? null, p.divisionCode]));
  await copyInto(tx, 'demo_residences', RESIDENCE_COPY_COLUMNS, rows.residences.map((r) => [
    r.id!, r.personId, r.houseId, r.divisionCode, r.relation, r.arrivedOn, r.leftOn ?? null, r.status ?? 'active', r.channel, r.declaredOn, r.deadlineOn, r.late ?? 0,
  ]));
  // Stays join the persons this chunk added, never the whole registry (whose statistics may be stale).
  const added = await tx.execute<{ n: number }>(sql.raw(`
    with added as (insert into reg_persons select * from demo_persons on conflict do nothing returning id),
    stays as (insert into reg_residences select d.* from demo_residences d join added a on a.id = d.person_id on conflict do nothing returning 1)
    select (select count(*) from added)::int as n`));
  return added.rows[0]?.n ?? 0;
}
const PERSON_COPY_COLUMNS = ['id', 'id_number', 'name', 'sex', 'birth_date', 'origin_code', 'phone', 'education', 'employer', 'division_code'];
const RESIDENCE_COPY_COLUMNS = ['id', 'person_id', 'house_id', 'division_code', 'relation', 'arrived_on', 'left_on', 'status', 'channel', 'declared_on', 'deadline_on', 'late_workdays'];

/** Whether a person record with this id exists (a demo chunk already loaded). */
export async function personIdExists(tx: Executor, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, id));
  return Boolean(row);
}

export async function countPersons(tx: Executor): Promise<number> {
  const [row] = await tx.select({ total: count() }).from(persons);
  return row?.total ?? 0;
}

// ── keys and QR versions ─────────────────────────────────────────────────────

/** The named signing key, created with `fresh` when missing (the first caller wins a race). */
export async function ensureKey(tx: Executor, name: string, fresh: string): Promise<string> {
  await tx.insert(registryKeys).values({ name, secret: fresh }).onConflictDoNothing();
  const [row] = await tx.select({ secret: registryKeys.secret }).from(registryKeys).where(eq(registryKeys.name, name));
  return row!.secret;
}

/** Finds a house by id whatever the jurisdiction (for resolving a QR code at the door). */
export async function findHouseAnywhere(tx: Executor, id: string) {
  const [row] = await tx.select(houseSelection).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(eq(houses.id, id));
  return row;
}

/** Invalidates every printed QR code of a house by moving its version on. */
export async function bumpQrVersion(tx: Tx, id: string, at: Date): Promise<number> {
  const [row] = await tx.update(houses).set({ qrVersion: sql`${houses.qrVersion} + 1`, updatedAt: at }).where(eq(houses.id, id)).returning({ qrVersion: houses.qrVersion });
  return row!.qrVersion;
}

// ── self-declarations ────────────────────────────────────────────────────────

export type DeclarationRow = typeof declarations.$inferSelect;
export type DeclarationInsert = typeof declarations.$inferInsert;

const declarationSelection = {
  declaration: declarations,
  address: buildings.address,
  unit: houses.unit,
  declarantPhone: users.phone,
  decidedByName: sql<string | null>`(select u.display_name from users u where u.id = "reg_declarations"."decided_by")`,
  registeredName: sql<string | null>`(select p.name from reg_persons p where p.id_number = "reg_declarations"."id_number")`,
};

function declarationQuery(tx: Executor) {
  return tx
    .select(declarationSelection)
    .from(declarations)
    .innerJoin(houses, eq(houses.id, declarations.houseId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .leftJoin(users, eq(users.id, declarations.declarantUserId));
}
export type DeclarationListRow = Awaited<ReturnType<typeof declarationQuery>>[number];

/** Declarations of houses inside `scope`, oldest waiting first. */
export async function listDeclarations(tx: Executor, scope: Scope, query: DeclarationListQuery) {
  const where = and(
    inScope(declarations.divisionCode, scope),
    query.divisionCode ? like(declarations.divisionCode, `${query.divisionCode}%`) : undefined,
    query.status ? eq(declarations.status, query.status) : undefined,
    query.kind ? eq(declarations.kind, query.kind) : undefined,
  );
  const rows = await declarationQuery(tx)
    .where(where)
    .orderBy(query.status === 'submitted' ? asc(declarations.createdAt) : desc(declarations.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(declarations).where(where);
  return { rows, total: counted?.total ?? 0 };
}

/** A user's own declarations, newest first. */
export async function listDeclarationsOf(tx: Executor, userId: string, page: { page: number; pageSize: number }) {
  const where = eq(declarations.declarantUserId, userId);
  const rows = await declarationQuery(tx).where(where).orderBy(desc(declarations.createdAt)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [counted] = await tx.select({ total: count() }).from(declarations).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export async function findDeclaration(tx: Executor, id: string): Promise<DeclarationListRow | undefined> {
  const [row] = await declarationQuery(tx).where(eq(declarations.id, id));
  return row;
}

/** Locks a declaration for a decision: inside `scope` for staff, or of `userId` for its author. */
export async function lockDeclaration(tx: Tx, id: string, owner: { scope: Scope } | { userId: string }): Promise<DeclarationRow | undefined> {
  const [row] = await tx
    .select()
    .from(declarations)
    .where(and(eq(declarations.id, id), 'scope' in owner ? inScope(declarations.divisionCode, owner.scope) : eq(declarations.declarantUserId, owner.userId)))
    .for('update');
  return row;
}

export async function findDeclarationByTransaction(tx: Executor, userId: string, transactionId: string): Promise<DeclarationRow | undefined> {
  const [row] = await tx.select().from(declarations).where(and(eq(declarations.declarantUserId, userId), eq(declarations.transactionId, transactionId)));
  return row;
}

export async function countOpenDeclarationsOf(tx: Executor, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(declarations).where(and(eq(declarations.declarantUserId, userId), eq(declarations.status, 'submitted')));
  return row?.n ?? 0;
}

export async function insertDeclaration(tx: Tx, values: typeof declarations.$inferInsert): Promise<DeclarationRow> {
  const [row] = await tx.insert(declarations).values(values).returning();
  return row!;
}

export async function updateDeclaration(tx: Tx, id: string, values: Partial<typeof declarations.$inferInsert>): Promise<void> {
  await tx.update(declarations).set(values).where(eq(declarations.id, id));
}

export async function findDeclarationAction(tx: Executor, declarationId: string, transactionId: string): Promise<boolean> {
  const [row] = await tx.select({ seq: declarationActions.seq }).from(declarationActions).where(and(eq(declarationActions.declarationId, declarationId), eq(declarationActions.transactionId, transactionId)));
  return Boolean(row);
}

export async function insertDeclarationAction(tx: Tx, values: typeof declarationActions.$inferInsert): Promise<void> {
  await tx.insert(declarationActions).values(values);
}

/** The phone a portal user logged in with. */
export async function findUserPhone(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
  return row?.phone ?? null;
}

/** Demo declarations: inserted as they are, skipping those already there. */
export async function insertDeclarationsBulk(tx: Tx, rows: DeclarationInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await tx.insert(declarations).values(rows).onConflictDoNothing().returning({ id: declarations.id })).length;
}

/** Someone living in a house of `scope` now, for demo declarations of leaving. */
export async function findSomeoneLivingIn(tx: Executor, scope: Scope): Promise<{ name: string; idNumber: string; houseId: string; divisionCode: string } | undefined> {
  const [row] = await tx
    .select({ name: persons.name, idNumber: persons.idNumber, houseId: residences.houseId, divisionCode: residences.divisionCode })
    .from(residences)
    .innerJoin(persons, eq(persons.id, residences.personId))
    .where(and(eq(residences.status, 'active'), inScope(residences.divisionCode, scope)))
    .orderBy(asc(residences.id))
    .limit(1);
  return row;
}

// ── bulk import ──────────────────────────────────────────────────────────────

export type ImportRow = typeof imports.$inferSelect;

export async function insertImport(tx: Tx, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await tx.insert(imports).values(values).returning();
  return row!;
}

const importSelection = { import: imports, createdByName: users.displayName };

/** Imports uploaded by someone at or below `scope`, newest first. */
export async function listImports(tx: Executor, scope: Scope, page: { page: number; pageSize: number }) {
  const where = inScope(imports.scopeRoot, scope);
  const rows = await tx.select(importSelection).from(imports).leftJoin(users, eq(users.id, imports.createdBy)).where(where).orderBy(desc(imports.createdAt)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [counted] = await tx.select({ total: count() }).from(imports).where(where);
  return { rows, total: counted?.total ?? 0 };
}

/** One import, inside `scope` (or anywhere, for the worker). */
export async function findImport(tx: Executor, scope: Scope | null, id: string) {
  const [row] = await tx.select(importSelection).from(imports).leftJoin(users, eq(users.id, imports.createdBy)).where(and(eq(imports.id, id), scope ? inScope(imports.scopeRoot, scope) : undefined));
  return row;
}

/** An import of the same file that has not finished, so a re-run continues it. */
export async function findUnfinishedImport(tx: Executor, sha256: string, scopeRoot: string): Promise<ImportRow | undefined> {
  const [row] = await tx.select().from(imports).where(and(eq(imports.sha256, sha256), eq(imports.scopeRoot, scopeRoot), inArray(imports.status, ['queued', 'running']))).orderBy(asc(imports.createdAt)).limit(1);
  return row;
}

export async function updateImport(tx: Executor, id: string, values: Partial<typeof imports.$inferInsert>): Promise<void> {
  await tx.update(imports).set(values).where(eq(imports.id, id));
}

/**
 * Moves an import's checkpoint from `from` to `to` rows with its counts; false when another worker moved it
 * first (the caller's transaction must then roll back).
 */
export async function advanceImport(tx: Tx, id: string, from: number, to: number, counts: { accepted: number; unchanged: number; rejected: number }): Promise<boolean> {
  const moved = await tx
    .update(imports)
    .set({
      rowsDone: to,
      accepted: sql`${imports.accepted} + ${counts.accepted}`,
      unchanged: sql`${imports.unchanged} + ${counts.unchanged}`,
      rejected: sql`${imports.rejected} + ${counts.rejected}`,
    })
    .where(and(eq(imports.id, id), eq(imports.rowsDone, from)))
    .returning({ id: imports.id });
  return moved.length === 1;
}

export async function insertImportRejects(tx: Tx, rows: (typeof importRejects.$inferInsert)[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 1000) await tx.insert(importRejects).values(rows.slice(at, at + 1000)).onConflictDoNothing();
}

/** Rejected rows of an import in file order, a page at a time. */
export async function listImportRejects(tx: Executor, importId: string, afterRow: number, limit: number) {
  return tx.select().from(importRejects).where(and(eq(importRejects.importId, importId), sql`${importRejects.rowNo} > ${afterRow}`)).orderBy(asc(importRejects.rowNo)).limit(limit);
}

/** Active houses inside `scope` by address and unit, for the rows of an import batch. */
export async function findHousesByAddress(tx: Executor, scope: Scope, pairs: { address: string; unit: string }[]) {
  if (pairs.length === 0) return [];
  const addresses = [...new Set(pairs.map((pair) => pair.address))];
  return tx
    .select({ id: houses.id, divisionCode: houses.divisionCode, address: buildings.address, unit: houses.unit })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(inArray(buildings.address, addresses), eq(buildings.status, 'active'), eq(houses.status, 'active'), inScope(houses.divisionCode, scope)));
}

/** A checked row of an import batch, as it goes into the staging table. */
export type ImportStageRow = {
  rowNo: number; idNumber: string; name: string; sex: string; birthDate: string; originCode: string; phone: string | null; education: string | null;
  employer: string | null; houseId: string; divisionCode: string; relation: string; arrivedOn: string; declaredOn: string; deadlineOn: string; late: number; txId: string;
};
const STAGE_COLUMNS = ['row_no', 'id_number', 'name', 'sex', 'birth_date', 'origin_code', 'phone', 'education', 'employer', 'house_id', 'division_code', 'relation', 'arrived_on', 'declared_on', 'deadline_on', 'late', 'tx_id'] as const;

/**
 * Applies a batch of checked rows in set-based steps: rows whose ID number is registered under another name
 * and arrivals before the person's current stay are refused; new persons are registered; a row that is already
 * true (same person, same house, living there) changes nothing; everyone else moves in, a current stay elsewhere
 * ending that day, each change with its action row.
 */
export async function applyImportBatch(tx: Tx, rows: ImportStageRow[], by: { actorId: string | null; at: Date }) {
  await tx.execute(sql.raw(`create temp table reg_import_stage (
    row_no int primary key, id_number text not null, name text not null, sex text not null, birth_date date not null, origin_code text not null,
    phone text, education text, employer text, house_id uuid not null, division_code text not null, relation text not null,
    arrived_on date not null, declared_on date not null, deadline_on date not null, late int not null, tx_id uuid not null,
    person_id uuid, registered_name text, current_id uuid, current_house uuid, current_arrived date) on commit drop`));
  await copyInto(tx, 'reg_import_stage', STAGE_COLUMNS, rows.map((r) => [
    r.rowNo, r.idNumber, r.name, r.sex, r.birthDate, r.originCode, r.phone, r.education, r.employer, r.houseId, r.divisionCode, r.relation, r.arrivedOn, r.declaredOn, r.deadlineOn, r.late, r.txId,
  ]));
  // Temporary tables get no statistics by themselves; every step below starts from the batch and reaches into the
  // registry by index, one row at a time, so its cost stays the same however large the registry grows.
  await tx.execute(sql.raw('create unique index on reg_import_stage (id_number)'));
  await tx.execute(sql.raw('analyze reg_import_stage'));
  await tx.execute(sql`update reg_import_stage s set person_id = p.id, registered_name = p.name from reg_persons p where p.id_number = s.id_number`);
  const nameDiffers = await tx.execute<{ row_no: number }>(sql`delete from reg_import_stage where registered_name is not null and registered_name <> name returning row_no`);
  await tx.execute(sql`
    with added as (
      insert into reg_persons (id_number, name, sex, birth_date, origin_code, phone, education, employer, division_code, created_by, created_at, updated_at)
      select id_number, name, sex, birth_date, origin_code, phone, education, employer, division_code, ${by.actorId}, ${by.at}, ${by.at} from reg_import_stage where person_id is null
      on conflict (id_number) do nothing
      returning id, id_number)
    update reg_import_stage s set person_id = added.id from added where s.id_number = added.id_number`);
  // The lateral subquery with LIMIT cannot be folded into a join: one index probe per row for the current stay;
  // `= any(array(…))` below does the same for updates, whatever the registry's (possibly stale) statistics say.
  await tx.execute(sql`
    update reg_import_stage s set current_id = c.id, current_house = c.house_id, current_arrived = c.arrived_on
    from (select s2.row_no, r.id, r.house_id, r.arrived_on from reg_import_stage s2
          cross join lateral (select id, house_id, arrived_on from reg_residences where person_id = s2.person_id and status = 'active' limit 1) r) c
    where c.row_no = s.row_no`);
  const unchanged = await tx.execute<{ row_no: number }>(sql`delete from reg_import_stage where current_house = house_id returning row_no`);
  const early = await tx.execute<{ row_no: number; date: string }>(sql`delete from reg_import_stage where current_arrived > arrived_on returning row_no, current_arrived::text as date`);
  const moved = await tx.execute<{ person_id: string }>(sql`
    with moved as (
      update reg_residences r set status = 'ended', left_on = s.arrived_on, updated_at = ${by.at}
      from reg_import_stage s
      where r.id = any(array(select current_id from reg_import_stage where current_id is not null)) and r.id = s.current_id
      returning r.id, s.tx_id, s.person_id),
    acted as (
      insert into reg_residence_actions (residence_id, action, from_status, to_status, transaction_id, actor_id, details, at)
      select id, 'leave', 'active', 'ended', tx_id, ${by.actorId}, 'moved', ${by.at} from moved)
    select person_id from moved`);
  const arrived = await tx.execute<{ n: number }>(sql`
    with ins as (
      insert into reg_residences (person_id, house_id, division_code, relation, arrived_on, status, channel, declared_on, deadline_on, late_workdays, declared_by, created_at, updated_at)
      select person_id, house_id, division_code, relation, arrived_on, 'active', 'import', declared_on, deadline_on, late, ${by.actorId}, ${by.at}, ${by.at}
      from reg_import_stage
      returning id, person_id),
    actions as (
      insert into reg_residence_actions (residence_id, action, from_status, to_status, transaction_id, actor_id, at)
      select ins.id, 'arrive', null, 'active', s.tx_id, ${by.actorId}, ${by.at} from ins join reg_import_stage s on s.person_id = ins.person_id
      returning 1)
    select count(*)::int as n from actions`);
  // Persons registered by this batch already carry the house's division; only those who were there before move.
  await tx.execute(sql`
    update reg_persons p set division_code = s.division_code, updated_at = ${by.at} from reg_import_stage s
    where p.id = any(array(select person_id from reg_import_stage where registered_name is not null)) and p.id = s.person_id and p.division_code <> s.division_code`);
  return {
    accepted: arrived.rows[0]?.n ?? 0,
    unchanged: unchanged.rows.length,
    nameDiffers: nameDiffers.rows.map((row) => row.row_no),
    beforeCurrent: early.rows.map((row) => ({ rowNo: row.row_no, date: row.date })),
    moved: moved.rows.map((row) => row.person_id),
  };
}

/**
 * Folds one person's record into another's: stays, family links, and houses they own or let now belong to `intoId`,
 * and the duplicate row is deleted (its content goes to the audit log with the merge).
 */
export async function mergePersonInto(tx: Tx, fromId: string, intoId: string, at: Date): Promise<{ residences: string[] }> {
  const moved = await tx.update(residences).set({ personId: intoId, updatedAt: at }).where(eq(residences.personId, fromId)).returning({ id: residences.id });
  await tx.execute(sql`insert into reg_person_children (parent_id, child_id) select ${intoId}, child_id from reg_person_children where parent_id = ${fromId} and child_id <> ${intoId} on conflict do nothing`);
  await tx.execute(sql`insert into reg_person_children (parent_id, child_id) select parent_id, ${intoId} from reg_person_children where child_id = ${fromId} and parent_id <> ${intoId} on conflict do nothing`);
  await tx.delete(personChildren).where(sql`${personChildren.parentId} = ${fromId} or ${personChildren.childId} = ${fromId}`);
  await tx.update(houses).set({ ownerPersonId: intoId, updatedAt: at }).where(eq(houses.ownerPersonId, fromId));
  await tx.update(houses).set({ landlordPersonId: intoId, updatedAt: at }).where(eq(houses.landlordPersonId, fromId));
  await tx.update(persons).set({ spouseId: null }).where(eq(persons.spouseId, fromId));
  await tx.delete(persons).where(eq(persons.id, fromId));
  return { residences: moved.map((row) => row.id) };
}

/** Persons living in `scope` since before `arrivedBefore` (the demo's permit holders), by stay id. */
export async function listLongResidents(tx: Executor, scope: Scope, arrivedBefore: string, limit: number): Promise<{ name: string; idNumber: string }[]> {
  return tx
    .select({ name: persons.name, idNumber: persons.idNumber })
    .from(residences)
    .innerJoin(persons, eq(persons.id, residences.personId))
    .where(and(eq(residences.status, 'active'), inScope(residences.divisionCode, scope), sql`${residences.arrivedOn} < ${arrivedBefore}`))
    .orderBy(asc(residences.id))
    .limit(limit);
}

// ── for other modules (through index.ts) ─────────────────────────────────────

export type RentalHouse = { id: string; buildingId: string; divisionCode: string; address: string; areaM2: number | null; landlordPersonId: string | null; landlordName: string | null; landlordPhone: string | null };

const rentalHouseSelection = {
  id: houses.id,
  buildingId: houses.buildingId,
  divisionCode: houses.divisionCode,
  address: sql<string>`${buildings.address} || ' ' || ${houses.unit}`,
  areaM2: houses.areaM2,
  landlordPersonId: houses.landlordPersonId,
  landlordName: sql<string | null>`(select p.name from reg_persons p where p.id = ${houses.landlordPersonId})`,
  landlordPhone: sql<string | null>`(select p.phone from reg_persons p where p.id = ${houses.landlordPersonId})`,
};

/** Active rental houses and dormitories by id after `afterId` (keyset pages), optionally under a division. */
export async function listRentalHousesAfter(tx: Executor, afterId: string | null, limit: number, under?: string): Promise<RentalHouse[]> {
  return tx.select(rentalHouseSelection).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(eq(houses.status, 'active'), inArray(houses.use, ['rental', 'dormitory']), afterId ? sql`${houses.id} > ${afterId}` : undefined, under ? like(houses.divisionCode, `${under}%`) : undefined))
    .orderBy(asc(houses.id)).limit(limit);
}

export async function findRentalHouse(tx: Executor, id: string): Promise<RentalHouse | undefined> {
  const [row] = await tx.select(rentalHouseSelection).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId)).where(eq(houses.id, id));
  return row;
}

/** Houses whose landlord's registered mobile number is `phone`. */
export async function listHousesOfLandlordPhone(tx: Executor, phone: string): Promise<RentalHouse[]> {
  return tx.select(rentalHouseSelection).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(eq(houses.status, 'active'), sql`${houses.landlordPersonId} in (select p.id from reg_persons p where p.phone = ${phone})`))
    .orderBy(asc(buildings.address), asc(houses.unit));
}

/** Who lives in a house now, by the registry. */
export async function listOccupants(tx: Executor, houseId: string): Promise<{ personId: string; name: string; idNumber: string }[]> {
  return tx.select({ personId: persons.id, name: persons.name, idNumber: persons.idNumber }).from(residences).innerJoin(persons, eq(persons.id, residences.personId))
    .where(and(eq(residences.houseId, houseId), eq(residences.status, 'active'))).orderBy(asc(persons.name));
}

/** Makes `personId` the landlord of these houses (demo and tests). */
export async function setLandlord(tx: Tx, houseIds: string[], personId: string, at: Date): Promise<void> {
  if (houseIds.length) await tx.update(houses).set({ landlordPersonId: personId, updatedAt: at }).where(inArray(houses.id, houseIds));
}

/** Active rental houses with their floor area and how many live there now, by id after `afterId` (keyset pages). */
export async function listRentalOccupancyAfter(tx: Executor, afterId: string | null, limit: number) {
  return tx.select({
    id: houses.id, divisionCode: houses.divisionCode, address: sql<string>`${buildings.address} || ' ' || ${houses.unit}`, areaM2: houses.areaM2,
    occupants: sql<number>`(select count(*)::int from reg_residences r where r.house_id = ${houses.id} and r.status = 'active')`,
  }).from(houses).innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(eq(houses.status, 'active'), inArray(houses.use, ['rental', 'dormitory']), afterId ? sql`${houses.id} > ${afterId}` : undefined))
    .orderBy(asc(houses.id)).limit(limit);
}

export async function countOccupants(tx: Executor, houseId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(residences).where(and(eq(residences.houseId, houseId), eq(residences.status, 'active')));
  return row?.n ?? 0;
}

/** A building in the caller's jurisdiction (for other modules): its id, division and address. */
export async function findBuildingRef(tx: Executor, scope: Scope, id: string): Promise<{ id: string; divisionCode: string; address: string } | undefined> {
  const [row] = await tx.select({ id: buildings.id, divisionCode: buildings.divisionCode, address: buildings.address }).from(buildings)
    .where(and(eq(buildings.id, id), eq(buildings.status, 'active'), inScope(buildings.divisionCode, scope)));
  return row;
}

/** Addresses of buildings by id (any status), one query. */
export async function buildingAddresses(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.select({ id: buildings.id, address: buildings.address }).from(buildings).where(inArray(buildings.id, ids));
  return new Map(rows.map((r) => [r.id, r.address]));
}

/** Whether the holder of `idNumber` lives (registered, active) in a house of this building, and their name if known at all. */
export async function residentOfBuilding(tx: Executor, idNumber: string, buildingId: string): Promise<{ known: boolean; name: string | null; livesHere: boolean }> {
  const [person] = await tx.select({ id: persons.id, name: persons.name }).from(persons).where(eq(persons.idNumber, idNumber));
  if (!person) return { known: false, name: null, livesHere: false };
  const [stay] = await tx.select({ id: residences.id }).from(residences).innerJoin(houses, eq(houses.id, residences.houseId))
    .where(and(eq(residences.personId, person.id), eq(residences.status, 'active'), eq(houses.buildingId, buildingId)));
  return { known: true, name: person.name, livesHere: Boolean(stay) };
}

/** Active buildings per division, for these division codes exactly (a page of grids). */
export async function countBuildingsIn(tx: Executor, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await tx.select({ code: buildings.divisionCode, n: count() }).from(buildings).where(and(inArray(buildings.divisionCode, codes), eq(buildings.status, 'active'))).groupBy(buildings.divisionCode);
  return new Map(rows.map((r) => [r.code, r.n]));
}
