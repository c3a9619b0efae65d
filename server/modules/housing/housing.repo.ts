import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { inScope, type Scope } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { escapeLike } from '../../platform/db/like';
import { blacklist, blacklistActions, doorDevices, doorEvents, flags, letterSignatures, letterTallies, letterVersions, managers, parties, rents, taxBillActions, taxBills, taxRates } from './housing.tables';

export type PartyRow = typeof parties.$inferSelect;
export type EntryRow = typeof blacklist.$inferSelect;
export type FlagRow = typeof flags.$inferSelect;

// ── the register (city-wide: every office must see the same blacklist) ──────

export async function insertParty(tx: Tx, values: typeof parties.$inferInsert): Promise<PartyRow> {
  const [row] = await tx.insert(parties).values(values).returning();
  return row!;
}

export async function findPartyByTransaction(db: Executor, userId: string, transactionId: string): Promise<PartyRow | undefined> {
  const [row] = await db.select().from(parties).where(and(eq(parties.createdBy, userId), eq(parties.transactionId, transactionId)));
  return row;
}

export async function findParty(db: Executor, id: string): Promise<PartyRow | undefined> {
  const [row] = await db.select().from(parties).where(eq(parties.id, id));
  return row;
}

/** An entry in force on `on`: listed, not lifted, not expired. */
const inForce = (on: string) => and(eq(blacklist.status, 'listed'), sql`${blacklist.expiresOn} >= ${on}`);

export async function listParties(db: Executor, query: { q?: string; blacklisted?: boolean; on: string; page: number; pageSize: number }) {
  const listed = sql`exists (select 1 from housing_blacklist b where b.party_id = ${parties.id} and b.status = 'listed' and b.expires_on >= ${query.on})`;
  const where: SQL[] = [];
  if (query.q) where.push(or(ilike(parties.name, `%${escapeLike(query.q)}%`), eq(parties.idNumber, query.q.toUpperCase()), eq(parties.creditCode, query.q.toUpperCase()))!);
  if (query.blacklisted !== undefined) where.push(query.blacklisted ? listed : sql`not ${listed}`);
  const [total] = await db.select({ n: count() }).from(parties).where(and(...where));
  const rows = await db.select({ party: parties, blacklisted: sql<boolean>`${listed}` }).from(parties).where(and(...where))
    .orderBy(asc(parties.name), asc(parties.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function entriesOf(db: Executor, partyId: string): Promise<EntryRow[]> {
  return db.select().from(blacklist).where(eq(blacklist.partyId, partyId)).orderBy(desc(blacklist.listedOn), desc(blacklist.createdAt));
}

export async function entryInForce(db: Executor, partyId: string, on: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(blacklist).where(and(eq(blacklist.partyId, partyId), inForce(on))).orderBy(desc(blacklist.expiresOn)).limit(1);
  return row;
}

export async function insertEntry(tx: Tx, values: typeof blacklist.$inferInsert): Promise<EntryRow> {
  const [row] = await tx.insert(blacklist).values(values).returning();
  return row!;
}

export async function lockEntry(tx: Tx, id: string): Promise<EntryRow | undefined> {
  const [row] = await tx.select().from(blacklist).where(eq(blacklist.id, id)).for('update');
  return row;
}

export async function updateEntry(tx: Tx, id: string, values: Partial<typeof blacklist.$inferInsert>): Promise<void> {
  await tx.update(blacklist).set(values).where(eq(blacklist.id, id));
}

export async function insertEntryAction(tx: Tx, values: typeof blacklistActions.$inferInsert): Promise<void> {
  await tx.insert(blacklistActions).values(values);
}

export async function findEntryAction(db: Executor, transactionId: string) {
  const [row] = await db.select().from(blacklistActions).where(eq(blacklistActions.transactionId, transactionId));
  return row;
}

// ── managers of houses ───────────────────────────────────────────────────────

export async function insertManager(tx: Tx, values: typeof managers.$inferInsert) {
  const [row] = await tx.insert(managers).values(values).returning();
  return row!;
}

export async function findManagerByTransaction(db: Executor, userId: string, transactionId: string) {
  const [row] = await db.select().from(managers).where(and(eq(managers.createdBy, userId), eq(managers.transactionId, transactionId)));
  return row;
}

export async function managersOf(db: Executor, houseId: string) {
  return db.select({ manager: managers, name: parties.name }).from(managers).innerJoin(parties, eq(parties.id, managers.partyId))
    .where(eq(managers.houseId, houseId)).orderBy(asc(managers.since));
}

/** The houses a party manages, in the caller's jurisdiction. */
export async function housesOfParty(db: Executor, partyId: string, scope: Scope) {
  return db.select().from(managers).where(and(eq(managers.partyId, partyId), inScope(managers.divisionCode, scope))).orderBy(asc(managers.since));
}

// ── flags ────────────────────────────────────────────────────────────────────

/** Opens a flag unless the same is open; returns it when new. */
export async function openFlag(tx: Tx, values: typeof flags.$inferInsert): Promise<FlagRow | undefined> {
  const [row] = await tx.insert(flags).values(values).onConflictDoNothing().returning();
  return row;
}

/** Clears the house's open flags of these kinds (the rule no longer holds); returns how many. */
export async function clearFlags(tx: Tx, houseId: string, kinds: FlagRow['kind'][], on: string): Promise<number> {
  const cleared = await tx.update(flags).set({ clearedOn: on }).where(and(eq(flags.houseId, houseId), inArray(flags.kind, kinds), isNull(flags.clearedOn))).returning({ id: flags.id });
  return cleared.length;
}

export async function flagsOf(db: Executor, houseId: string): Promise<FlagRow[]> {
  return db.select().from(flags).where(eq(flags.houseId, houseId)).orderBy(desc(flags.flaggedOn));
}

export async function listFlags(db: Executor, scope: Scope, query: { open: boolean; page: number; pageSize: number }) {
  const where = and(inScope(flags.divisionCode, scope), query.open ? isNull(flags.clearedOn) : undefined);
  const [total] = await db.select({ n: count() }).from(flags).where(where);
  const rows = await db.select().from(flags).where(where).orderBy(desc(flags.flaggedOn), asc(flags.address)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0 };
}

// ── door systems ─────────────────────────────────────────────────────────────

export type DoorRow = typeof doorDevices.$inferSelect;

export async function insertDoor(tx: Tx, values: typeof doorDevices.$inferInsert): Promise<DoorRow> {
  const [row] = await tx.insert(doorDevices).values(values).returning();
  return row!;
}

export async function listDoors(db: Executor, scope: Scope): Promise<DoorRow[]> {
  return db.select().from(doorDevices).where(inScope(doorDevices.divisionCode, scope)).orderBy(desc(doorDevices.createdAt));
}

export async function lockDoor(tx: Tx, id: string, scope: Scope): Promise<DoorRow | undefined> {
  const [row] = await tx.select().from(doorDevices).where(and(eq(doorDevices.id, id), inScope(doorDevices.divisionCode, scope))).for('update');
  return row;
}

export async function updateDoor(tx: Tx, id: string, values: Partial<typeof doorDevices.$inferInsert>): Promise<void> {
  await tx.update(doorDevices).set(values).where(eq(doorDevices.id, id));
}

export async function findActiveDoorByKeyHash(db: Executor, keyHash: string): Promise<DoorRow | undefined> {
  const [row] = await db.select().from(doorDevices).where(and(eq(doorDevices.keyHash, keyHash), eq(doorDevices.status, 'active')));
  return row;
}

/** Records a device's events; an event id it sent before is skipped. Returns how many were new. */
export async function insertDoorEvents(tx: Tx, rows: (typeof doorEvents.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx.insert(doorEvents).values(rows).onConflictDoNothing().returning({ seq: doorEvents.seq });
  return added.length;
}

/** How many times each of these people was seen at the building since `since`. */
export async function sightings(db: Executor, buildingId: string, idNumbers: string[], since: Date): Promise<Map<string, { n: number; name: string | null }>> {
  if (idNumbers.length === 0) return new Map();
  const rows = await db.select({ idNumber: doorEvents.idNumber, n: count(), name: sql<string | null>`max(${doorEvents.name})` }).from(doorEvents)
    .where(and(eq(doorEvents.buildingId, buildingId), inArray(doorEvents.idNumber, idNumbers), sql`${doorEvents.seenAt} >= ${since}`)).groupBy(doorEvents.idNumber);
  return new Map(rows.map((r) => [r.idNumber, { n: r.n, name: r.name }]));
}

// ── the safety responsibility letter ─────────────────────────────────────────

export async function currentLetter(db: Executor) {
  const [row] = await db.select().from(letterVersions).orderBy(desc(letterVersions.version)).limit(1);
  return row;
}

/** The version in force, locked: publishing serialises on it. */
export async function lockCurrentLetter(tx: Tx) {
  const [row] = await tx.select().from(letterVersions).orderBy(desc(letterVersions.version)).limit(1).for('update');
  return row;
}

export async function insertLetter(tx: Tx, values: Omit<typeof letterVersions.$inferInsert, 'version'>) {
  const [row] = await tx.insert(letterVersions).values({ ...values, version: sql`(select coalesce(max(version), 0) + 1 from housing_letter_versions)` }).returning();
  return row!;
}

export async function seedLetter(tx: Tx, values: typeof letterVersions.$inferInsert): Promise<void> {
  await tx.insert(letterVersions).values(values).onConflictDoNothing();
}

export async function signaturesOf(db: Executor, houseIds: string[]) {
  if (houseIds.length === 0) return [];
  return db.select().from(letterSignatures).where(inArray(letterSignatures.houseId, houseIds)).orderBy(desc(letterSignatures.version));
}

/** Deletes up to `limit` door entries seen before `before`, oldest first; returns how many. */
export async function deleteDoorEventsBefore(tx: Tx, before: Date, limit: number): Promise<number> {
  const rows = await tx.execute<{ seq: number }>(sql`
    delete from housing_door_events where seq in (select seq from housing_door_events where seen_at < ${before} order by seen_at limit ${limit}) returning seq`);
  return rows.rows.length;
}

/** Door systems of a building, and the entries they saw, now belong to another (a merge). */
export async function moveDoors(tx: Tx, fromBuildingId: string, intoBuildingId: string): Promise<void> {
  await tx.update(doorDevices).set({ buildingId: intoBuildingId }).where(eq(doorDevices.buildingId, fromBuildingId));
  await tx.update(doorEvents).set({ buildingId: intoBuildingId }).where(eq(doorEvents.buildingId, fromBuildingId));
}

/** Signs once per house and version (counted in the tallies); a second signature of the same is ignored. */
export async function insertSignature(tx: Tx, values: typeof letterSignatures.$inferInsert): Promise<boolean> {
  const added = await tx.insert(letterSignatures).values(values).onConflictDoNothing().returning({ id: letterSignatures.id });
  if (added.length === 0) return false;
  await tx.insert(letterTallies).values({ divisionCode: values.divisionCode, version: values.version, n: 1 })
    .onConflictDoUpdate({ target: [letterTallies.divisionCode, letterTallies.version], set: { n: sql`${letterTallies.n} + 1` } });
  return true;
}

/** Houses that signed `version` per child jurisdiction of `root` (codes cut to `length`), from the tallies. */
export async function signedBy(db: Executor, root: string, length: number, version: number): Promise<{ code: string; signed: number }[]> {
  const code = sql<string>`substr(${letterTallies.divisionCode}, 1, ${sql.raw(String(Math.floor(length)))})`;
  return db.select({ code, signed: sql<number>`sum(${letterTallies.n})::int` }).from(letterTallies)
    .where(and(sql`${letterTallies.divisionCode} like ${`${root}%`}`, eq(letterTallies.version, version))).groupBy(code);
}

/** The tallies against a count of the signatures (tests). */
export async function recountLetterTallies(db: Executor) {
  const kept = await db.select({ divisionCode: letterTallies.divisionCode, version: letterTallies.version, n: letterTallies.n }).from(letterTallies).where(sql`${letterTallies.n} <> 0`)
    .orderBy(asc(letterTallies.divisionCode), asc(letterTallies.version));
  const counted = await db.select({ divisionCode: letterSignatures.divisionCode, version: letterSignatures.version, n: sql<number>`count(*)::int` }).from(letterSignatures)
    .groupBy(letterSignatures.divisionCode, letterSignatures.version).orderBy(asc(letterSignatures.divisionCode), asc(letterSignatures.version));
  return { kept, counted };
}

// ── rental tax ───────────────────────────────────────────────────────────────

export type BillRow = typeof taxBills.$inferSelect;

export async function listTaxRates(db: Executor) {
  return db.select().from(taxRates).orderBy(asc(taxRates.divisionCode), asc(taxRates.use));
}

export async function seedTaxRates(tx: Tx, rows: (typeof taxRates.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(taxRates).values(rows).onConflictDoNothing();
}

export async function upsertTaxRate(tx: Tx, values: typeof taxRates.$inferInsert): Promise<void> {
  await tx.insert(taxRates).values(values).onConflictDoUpdate({ target: [taxRates.divisionCode, taxRates.use], set: { ratePermille: values.ratePermille, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
}

export async function upsertRent(tx: Tx, values: typeof rents.$inferInsert): Promise<void> {
  await tx.insert(rents).values(values).onConflictDoUpdate({ target: rents.houseId, set: { monthlyRentFen: values.monthlyRentFen, use: values.use, period: values.period, since: values.since, declaredBy: values.declaredBy, updatedAt: values.updatedAt } });
}

export async function rentOf(db: Executor, houseId: string) {
  const [row] = await db.select().from(rents).where(eq(rents.houseId, houseId));
  return row;
}

/** A house's latest bills, newest period first. */
export async function billsOfHouse(db: Executor, houseId: string, limit: number): Promise<BillRow[]> {
  return db.select().from(taxBills).where(eq(taxBills.houseId, houseId)).orderBy(desc(taxBills.periodStart)).limit(limit);
}

export async function rentsAfter(db: Executor, afterId: string | null, limit: number) {
  return db.select().from(rents).where(afterId ? sql`${rents.houseId} > ${afterId}` : undefined).orderBy(asc(rents.houseId)).limit(limit);
}

/** Issues a bill unless the house has one for that period; returns it when new. */
export async function insertBill(tx: Tx, values: typeof taxBills.$inferInsert): Promise<BillRow | undefined> {
  const [row] = await tx.insert(taxBills).values(values).onConflictDoNothing().returning();
  return row;
}

export async function insertBillAction(tx: Tx, values: typeof taxBillActions.$inferInsert): Promise<void> {
  await tx.insert(taxBillActions).values(values);
}

export async function lockBill(tx: Tx, id: string): Promise<BillRow | undefined> {
  const [row] = await tx.select().from(taxBills).where(eq(taxBills.id, id)).for('update');
  return row;
}

export async function findBill(db: Executor, id: string, by: { landlordPhone: string }): Promise<BillRow | undefined> {
  const [row] = await db.select().from(taxBills).where(and(eq(taxBills.id, id), eq(taxBills.landlordPhone, by.landlordPhone)));
  return row;
}

export async function updateBill(tx: Tx, id: string, values: Partial<typeof taxBills.$inferInsert>): Promise<void> {
  await tx.update(taxBills).set(values).where(eq(taxBills.id, id));
}

/** Bills in the jurisdiction, or a landlord's; `arrearsOn`: only those still due after their due date. */
export async function listBills(db: Executor, by: { scope: Scope } | { landlordPhone: string }, query: { arrearsOn?: string; page: number; pageSize: number }) {
  const base = 'scope' in by ? inScope(taxBills.divisionCode, by.scope) : eq(taxBills.landlordPhone, by.landlordPhone);
  const arrears = (on: string) => and(eq(taxBills.status, 'due'), sql`${taxBills.dueOn} < ${on}`);
  const where = and(base, query.arrearsOn ? arrears(query.arrearsOn) : undefined);
  const [total] = await db.select({ n: count(), fen: sql<number>`coalesce(sum(${taxBills.amountFen}), 0)::int` }).from(taxBills).where(where);
  const rows = await db.select().from(taxBills).where(where).orderBy(sql`case ${taxBills.status} when 'due' then 0 else 1 end`, asc(taxBills.dueOn), asc(taxBills.address))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0, fen: total?.fen ?? 0 };
}
