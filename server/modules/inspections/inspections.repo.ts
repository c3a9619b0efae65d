import { and, asc, count, desc, eq, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables';
import { inScope, type Scope } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { campaigns, checklistItems, coverage, gradeHistory, hazardActions, hazardMonths, hazards, hazardTallies, houseGrades, inspectionActions, inspections, registrationTaskActions, registrationTasks } from './inspections.tables';

export type ChecklistRow = typeof checklistItems.$inferSelect;
export type GradeRow = typeof houseGrades.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;
export type HazardRow = typeof hazards.$inferSelect;
export type RegistrationTaskRow = typeof registrationTasks.$inferSelect;

// ── checklist ────────────────────────────────────────────────────────────────
// The checklist is city-wide policy: every caller allowed to read it reads it all.

export async function listChecklist(db: Executor): Promise<ChecklistRow[]> {
  return db.select().from(checklistItems).orderBy(asc(checklistItems.sort), asc(checklistItems.code));
}

/** Adds the items that are not there yet; an item the city has edited keeps its edits. */
export async function seedChecklist(tx: Tx, rows: (typeof checklistItems.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(checklistItems).values(rows).onConflictDoNothing();
}

export async function lockChecklistItem(tx: Tx, code: string): Promise<ChecklistRow | undefined> {
  const [row] = await tx.select().from(checklistItems).where(eq(checklistItems.code, code)).for('update');
  return row;
}

export async function updateChecklistItem(tx: Tx, code: string, values: Partial<typeof checklistItems.$inferInsert>): Promise<void> {
  await tx.update(checklistItems).set(values).where(eq(checklistItems.code, code));
}

// ── grades ───────────────────────────────────────────────────────────────────

/** Starts tracking houses (ungraded, due at once); houses already tracked are left as they are. */
export async function trackHouses(tx: Executor, rows: { houseId: string; divisionCode: string; address: string; nextDueOn: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx.insert(houseGrades).values(rows).onConflictDoNothing().returning({ id: houseGrades.houseId });
  return added.length;
}

/** Stops tracking houses (they left the registry): no more routine inspections are planned for them. */
export async function untrackHouses(tx: Tx, houseIds: string[]): Promise<void> {
  if (houseIds.length) await tx.delete(houseGrades).where(inArray(houseGrades.houseId, houseIds));
}

/** Planned inspections of these houses, locked, to cancel. */
export async function lockPlannedOf(tx: Tx, houseIds: string[]): Promise<InspectionRow[]> {
  if (houseIds.length === 0) return [];
  return tx.select().from(inspections).where(and(inArray(inspections.houseId, houseIds), eq(inspections.status, 'planned'))).for('update');
}

export async function findGrade(db: Executor, houseId: string): Promise<GradeRow | undefined> {
  const [row] = await db.select().from(houseGrades).where(eq(houseGrades.houseId, houseId));
  return row;
}

export async function gradesOf(db: Executor, houseIds: string[]): Promise<GradeRow[]> {
  if (houseIds.length === 0) return [];
  return db.select().from(houseGrades).where(inArray(houseGrades.houseId, houseIds));
}

export async function updateGrade(tx: Tx, houseId: string, values: Partial<typeof houseGrades.$inferInsert>): Promise<void> {
  await tx.update(houseGrades).set(values).where(eq(houseGrades.houseId, houseId));
}

export async function insertGradeHistory(tx: Tx, values: typeof gradeHistory.$inferInsert): Promise<void> {
  await tx.insert(gradeHistory).values(values);
}

export async function gradeHistoryOf(db: Executor, houseId: string) {
  return db.select().from(gradeHistory).where(eq(gradeHistory.houseId, houseId)).orderBy(desc(gradeHistory.at)).limit(50);
}

// ── inspections ──────────────────────────────────────────────────────────────

/**
 * Plans a routine inspection for every tracked house due by `until` that has none planned, with its action row, in one
 * statement. Returns how many were planned.
 */
export async function planDueRoutines(tx: Tx, until: string, transactionId: string, at: Date): Promise<number> {
  const planned = await tx.execute<{ id: string }>(sql`
    with added as (
      insert into insp_inspections (house_id, division_code, address, kind, status, due_on)
      select g.house_id, g.division_code, g.address, 'routine', 'planned', g.next_due_on from insp_house_grades g
      where g.next_due_on <= ${until}
        and not exists (select 1 from insp_inspections i where i.house_id = g.house_id and i.kind = 'routine' and i.status = 'planned')
      on conflict do nothing
      returning id)
    insert into insp_inspection_actions (inspection_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'plan', 'new', 'planned', ${transactionId}, null, 'routine', ${at} from added
    returning inspection_id as id`);
  return planned.rows.length;
}

/** Plans one inspection (a campaign's, a flag's or a re-inspection) unless the same is planned already. */
export async function planInspection(tx: Tx, values: typeof inspections.$inferInsert): Promise<InspectionRow | undefined> {
  const [row] = await tx.insert(inspections).values(values).onConflictDoNothing().returning();
  return row;
}

/** Moves a house's planned routine inspection to a new due date (a grade change re-plans it). */
export async function movePlannedRoutine(tx: Tx, houseId: string, dueOn: string, at: Date): Promise<InspectionRow | undefined> {
  const [row] = await tx.update(inspections).set({ dueOn, updatedAt: at })
    .where(and(eq(inspections.houseId, houseId), eq(inspections.kind, 'routine'), eq(inspections.status, 'planned'))).returning();
  return row;
}

export async function findInspection(db: Executor, id: string, scope: Scope): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(inspections).where(and(eq(inspections.id, id), inScope(inspections.divisionCode, scope)));
  return row;
}

export async function lockInspection(tx: Tx, id: string, scope: Scope): Promise<InspectionRow | undefined> {
  const [row] = await tx.select().from(inspections).where(and(eq(inspections.id, id), inScope(inspections.divisionCode, scope))).for('update');
  return row;
}

export async function updateInspection(tx: Tx, id: string, values: Partial<typeof inspections.$inferInsert>): Promise<void> {
  await tx.update(inspections).set(values).where(eq(inspections.id, id));
}

export async function insertInspectionAction(tx: Tx, values: typeof inspectionActions.$inferInsert): Promise<void> {
  await tx.insert(inspectionActions).values(values);
}

export async function findInspectionAction(db: Executor, inspectionId: string, transactionId: string) {
  const [row] = await db.select().from(inspectionActions).where(and(eq(inspectionActions.inspectionId, inspectionId), eq(inspectionActions.transactionId, transactionId)));
  return row;
}

export async function inspectionHistory(db: Executor, inspectionId: string) {
  return db.select({ action: inspectionActions, by: users.displayName }).from(inspectionActions).leftJoin(users, eq(users.id, inspectionActions.actorId))
    .where(eq(inspectionActions.inspectionId, inspectionId)).orderBy(asc(inspectionActions.seq));
}

/** Inspections in the jurisdiction: planned ones by due date (overdue first), done ones newest first. */
export async function listInspections(db: Executor, scope: Scope, query: { status?: InspectionRow['status']; dueBy?: string; houseId?: string; on?: string; today: string; page: number; pageSize: number }) {
  const where: SQL[] = [inScope(inspections.divisionCode, scope)];
  if (query.on) where.push(sql`((${inspections.status} = 'done' and ${inspections.doneOn} = ${query.on}) or (${inspections.status} <> 'done' and ${inspections.dueOn} = ${query.on}))`);
  if (query.status) where.push(eq(inspections.status, query.status));
  if (query.dueBy) where.push(lte(inspections.dueOn, query.dueBy));
  if (query.houseId) where.push(eq(inspections.houseId, query.houseId));
  const [total] = await db.select({ n: count() }).from(inspections).where(and(...where));
  const [overdue] = await db.select({ n: count() }).from(inspections).where(and(inScope(inspections.divisionCode, scope), eq(inspections.status, 'planned'), lt(inspections.dueOn, query.today), ...(query.houseId ? [eq(inspections.houseId, query.houseId)] : [])));
  const rows = await db.select({ inspection: inspections, inspector: users.displayName }).from(inspections).leftJoin(users, eq(users.id, inspections.inspectorId))
    .where(and(...where))
    .orderBy(sql`case ${inspections.status} when 'planned' then 0 else 1 end`, sql`case when ${inspections.status} = 'planned' then ${inspections.dueOn} end asc`, desc(inspections.doneOn), asc(inspections.address))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0, overdue: overdue?.n ?? 0 };
}

export async function insertCampaign(tx: Tx, values: typeof campaigns.$inferInsert) {
  const [row] = await tx.insert(campaigns).values(values).returning();
  return row!;
}

export async function findCampaignByTransaction(db: Executor, userId: string, transactionId: string) {
  const [row] = await db.select().from(campaigns).where(and(eq(campaigns.createdBy, userId), eq(campaigns.transactionId, transactionId)));
  return row;
}

/**
 * Campaigns whose area overlaps the jurisdiction (inside it, or covering it), newest due first, with the counts of
 * their inspections inside the jurisdiction.
 */
export async function listCampaigns(db: Executor, scope: Scope, query: { today: string; page: number; pageSize: number }) {
  if (scope.root === null) return { rows: [], total: 0 };
  const overlaps = sql`(${campaigns.divisionCode} like ${`${scope.root}%`} or ${scope.root} like ${campaigns.divisionCode} || '%')`;
  const [total] = await db.select({ n: count() }).from(campaigns).where(overlaps);
  const rows = await db.select({
    campaign: campaigns,
    inspections: sql<number>`count(${inspections.id})::int`,
    done: sql<number>`count(*) filter (where ${inspections.status} = 'done')::int`,
    cancelled: sql<number>`count(*) filter (where ${inspections.status} = 'cancelled')::int`,
    open: sql<number>`count(*) filter (where ${inspections.status} = 'planned')::int`,
    overdue: sql<number>`count(*) filter (where ${inspections.status} = 'planned' and ${inspections.dueOn} < ${query.today})::int`,
    failedItems: sql<number>`coalesce(sum((select count(*) from jsonb_array_elements(${inspections.results}) r where (r->>'passed')::boolean = false)) filter (where ${inspections.status} = 'done'), 0)::int`,
  }).from(campaigns)
    .leftJoin(inspections, and(eq(inspections.campaignId, campaigns.id), inScope(inspections.divisionCode, scope)))
    .where(overlaps).groupBy(campaigns.id).orderBy(desc(campaigns.dueOn), desc(campaigns.createdAt))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function countCampaignInspections(db: Executor, campaignId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(inspections).where(eq(inspections.campaignId, campaignId));
  return row?.n ?? 0;
}

/** Plans a campaign's inspections for these houses (once each), with their action rows. */
export async function planCampaign(tx: Tx, campaignId: string, dueOn: string, houses: { id: string; divisionCode: string; address: string }[], transactionId: string, actorId: string | null, at: Date): Promise<number> {
  if (houses.length === 0) return 0;
  const added = await tx.insert(inspections).values(houses.map((h) => ({ houseId: h.id, divisionCode: h.divisionCode, address: h.address, kind: 'campaign' as const, status: 'planned' as const, dueOn, campaignId })))
    .onConflictDoNothing().returning({ id: inspections.id });
  if (added.length) await tx.insert(inspectionActions).values(added.map((a) => ({ inspectionId: a.id, action: 'plan', fromStatus: 'new', toStatus: 'planned', transactionId, actorId, details: 'campaign', at })));
  return added.length;
}

// ── hazards ──────────────────────────────────────────────────────────────────

/** Who may reach a hazard: staff in their jurisdiction, a department's staff for what was referred to it, or the landlord. */
export type HazardAccess = { scope: Scope } | { department: string } | { landlordPhone: string };

function accessWhere(by: HazardAccess): SQL {
  if ('scope' in by) return inScope(hazards.divisionCode, by.scope);
  if ('department' in by) return and(eq(hazards.department, by.department), inArray(hazards.status, ['referred', 'closed']), sql`exists (select 1 from insp_hazard_actions a where a.hazard_id = ${hazards.id} and a.action = 'refer')`)!;
  return eq(hazards.landlordPhone, by.landlordPhone);
}

export async function openHazardsOfHouse(db: Executor, houseId: string): Promise<HazardRow[]> {
  return db.select().from(hazards).where(and(eq(hazards.houseId, houseId), ne(hazards.status, 'closed')));
}

/** How many hazards are open at each of these houses. */
export async function openHazardCounts(db: Executor, houseIds: string[]): Promise<Map<string, number>> {
  if (houseIds.length === 0) return new Map();
  const rows = await db.select({ houseId: hazards.houseId, n: count() }).from(hazards).where(and(inArray(hazards.houseId, houseIds), ne(hazards.status, 'closed'))).groupBy(hazards.houseId);
  return new Map(rows.map((r) => [r.houseId, r.n]));
}

export async function hazardsOfHouses(db: Executor, houseIds: string[], openOnly: boolean): Promise<HazardRow[]> {
  if (houseIds.length === 0) return [];
  return db.select().from(hazards).where(and(inArray(hazards.houseId, houseIds), openOnly ? ne(hazards.status, 'closed') : undefined)).orderBy(desc(hazards.foundOn), asc(hazards.itemCode)).limit(200);
}

export async function insertHazard(tx: Tx, values: typeof hazards.$inferInsert): Promise<HazardRow> {
  const [row] = await tx.insert(hazards).values(values).returning();
  return row!;
}

export async function findHazard(db: Executor, id: string, by: HazardAccess): Promise<HazardRow | undefined> {
  const [row] = await db.select().from(hazards).where(and(eq(hazards.id, id), accessWhere(by)));
  return row;
}

export async function lockHazard(tx: Tx, id: string, by: HazardAccess): Promise<HazardRow | undefined> {
  const [row] = await tx.select().from(hazards).where(and(eq(hazards.id, id), accessWhere(by))).for('update');
  return row;
}

export async function updateHazard(tx: Tx, id: string, values: Partial<typeof hazards.$inferInsert>): Promise<void> {
  await tx.update(hazards).set(values).where(eq(hazards.id, id));
}

export async function insertHazardAction(tx: Tx, values: typeof hazardActions.$inferInsert): Promise<void> {
  await tx.insert(hazardActions).values(values);
}

export async function findHazardAction(db: Executor, hazardId: string, transactionId: string) {
  const [row] = await db.select().from(hazardActions).where(and(eq(hazardActions.hazardId, hazardId), eq(hazardActions.transactionId, transactionId)));
  return row;
}

export async function hazardHistory(db: Executor, hazardId: string) {
  return db.select({ action: hazardActions, by: users.displayName }).from(hazardActions).leftJoin(users, eq(users.id, hazardActions.actorId))
    .where(eq(hazardActions.hazardId, hazardId)).orderBy(asc(hazardActions.seq));
}

/** Hazards by deadline (the open ones first), with counts by status, for a board, a department's queue or a landlord. */
export async function listHazards(db: Executor, by: HazardAccess, query: { status?: HazardRow['status']; overdueOn?: string; houseId?: string; page: number; pageSize: number }) {
  const base = accessWhere(by);
  const where: SQL[] = [base];
  if (query.status) where.push(eq(hazards.status, query.status));
  if (query.overdueOn) where.push(inArray(hazards.status, ['notified', 'fix_reported', 'referred']), lt(hazards.deadlineOn, query.overdueOn));
  if (query.houseId) where.push(eq(hazards.houseId, query.houseId));
  const [total] = await db.select({ n: count() }).from(hazards).where(and(...where));
  // A jurisdiction's board reads its counts from the tallies the triggers keep; a house, a department or a landlord counts its own few.
  const counts = 'scope' in by && !query.houseId
    ? await db.select({ status: hazardTallies.status, n: sql<number>`sum(${hazardTallies.n})::int` }).from(hazardTallies)
      .where(and(inScope(hazardTallies.divisionCode, by.scope), sql`${hazardTallies.n} <> 0`)).groupBy(hazardTallies.status)
    : await db.select({ status: hazards.status, n: count() }).from(hazards).where(and(base, ...(query.houseId ? [eq(hazards.houseId, query.houseId)] : []))).groupBy(hazards.status);
  const rows = await db.select().from(hazards).where(and(...where))
    .orderBy(sql`case ${hazards.status} when 'closed' then 1 else 0 end`, asc(hazards.deadlineOn), asc(hazards.address))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
}

/** Hazards still with the landlord after their deadline (to refer), a page at a time. */
export async function listOverdueNotified(db: Executor, on: string, limit: number): Promise<string[]> {
  const rows = await db.select({ id: hazards.id }).from(hazards).where(and(eq(hazards.status, 'notified'), lt(hazards.deadlineOn, on))).orderBy(asc(hazards.deadlineOn)).limit(limit);
  return rows.map((r) => r.id);
}

// ── registration tasks ───────────────────────────────────────────────────────

export async function insertRegistrationTasks(tx: Tx, rows: (typeof registrationTasks.$inferInsert)[]): Promise<string[]> {
  if (!rows.length) return [];
  return (await tx.insert(registrationTasks).values(rows).returning({ id: registrationTasks.id })).map((r) => r.id);
}

export async function registrationTasksOf(db: Executor, houseId: string) {
  return db.select().from(registrationTasks).where(eq(registrationTasks.houseId, houseId)).orderBy(desc(registrationTasks.createdAt));
}

/** A task for someone seen at a building's door without living there; an open one for the same person is kept. */
export async function insertDoorTask(tx: Tx, values: typeof registrationTasks.$inferInsert): Promise<string | null> {
  const added = await tx.insert(registrationTasks).values({ ...values, source: 'access' }).onConflictDoNothing().returning({ id: registrationTasks.id });
  return added[0]?.id ?? null;
}

export async function listRegistrationTasks(db: Executor, scope: Scope, query: { status: RegistrationTaskRow['status']; page: number; pageSize: number }) {
  const where = and(inScope(registrationTasks.divisionCode, scope), eq(registrationTasks.status, query.status));
  const [total] = await db.select({ n: count() }).from(registrationTasks).where(where);
  const rows = await db.select().from(registrationTasks).where(where)
    .orderBy(query.status === 'open' ? asc(registrationTasks.createdAt) : desc(registrationTasks.closedAt), asc(registrationTasks.id))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const counts = await db.select({ status: registrationTasks.status, n: count() }).from(registrationTasks).where(inScope(registrationTasks.divisionCode, scope)).groupBy(registrationTasks.status);
  return { rows, total: total?.n ?? 0, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
}

export async function lockRegistrationTask(tx: Tx, id: string, scope: Scope): Promise<RegistrationTaskRow | undefined> {
  const [row] = await tx.select().from(registrationTasks).where(and(eq(registrationTasks.id, id), inScope(registrationTasks.divisionCode, scope))).for('update');
  return row;
}

export async function updateRegistrationTask(tx: Tx, id: string, values: Partial<typeof registrationTasks.$inferInsert>): Promise<void> {
  await tx.update(registrationTasks).set(values).where(eq(registrationTasks.id, id));
}

export async function insertRegistrationTaskAction(tx: Tx, values: typeof registrationTaskActions.$inferInsert): Promise<void> {
  await tx.insert(registrationTaskActions).values(values);
}

export async function findRegistrationTaskAction(db: Executor, taskId: string, transactionId: string) {
  const [row] = await db.select().from(registrationTaskActions).where(and(eq(registrationTaskActions.taskId, taskId), eq(registrationTaskActions.transactionId, transactionId)));
  return row;
}

/** Open tasks for these people at this house, or at its building (a door system knows only the building). */
export async function openRegistrationTasksFor(tx: Tx, houseId: string, buildingId: string | null, idNumbers: string[]): Promise<RegistrationTaskRow[]> {
  if (!idNumbers.length) return [];
  const place = buildingId ? sql`(${registrationTasks.houseId} = ${houseId} or ${registrationTasks.buildingId} = ${buildingId})` : eq(registrationTasks.houseId, houseId);
  return tx.select().from(registrationTasks).where(and(eq(registrationTasks.status, 'open'), place, inArray(registrationTasks.idNumber, idNumbers))).for('update');
}

/** Open tasks at these houses or at the building (door tasks), locked. */
export async function lockOpenTasksAt(tx: Tx, houseIds: string[], buildingId: string): Promise<RegistrationTaskRow[]> {
  const place = houseIds.length ? or(inArray(registrationTasks.houseId, houseIds), eq(registrationTasks.buildingId, buildingId)) : eq(registrationTasks.buildingId, buildingId);
  return tx.select().from(registrationTasks).where(and(eq(registrationTasks.status, 'open'), place)).for('update');
}

// ── statistics ───────────────────────────────────────────────────────────────
// From the summary tables (kept by triggers, or counted by the daily job), never from the registers themselves.

/** A division code cut to a level's length, written into the statement (a parameter would not match its GROUP BY). */
const cut = (column: AnyPgColumn, length: number) => sql<string>`substr(${column}, 1, ${sql.raw(String(Math.floor(length)))})`;

/** Counts the rental houses per jurisdiction by coverage and grade as of `on` (the daily job). */
export async function refreshCoverage(tx: Tx, on: string): Promise<void> {
  await tx.delete(coverage);
  await tx.execute(sql`
    insert into insp_coverage (division_code, houses, covered, overdue, high, medium, low, ungraded, as_of)
    select division_code, count(*), count(*) filter (where last_inspected_on is not null and next_due_on >= ${on}), count(*) filter (where next_due_on < ${on}),
           count(*) filter (where risk = 'high'), count(*) filter (where risk = 'medium'), count(*) filter (where risk = 'low'), count(*) filter (where risk is null), ${on}
    from insp_house_grades group by division_code`);
}

/** Coverage per child jurisdiction of `root` (codes cut to `length`), and the date it was counted. */
export async function coverageBy(db: Executor, root: string, length: number) {
  const code = cut(coverage.divisionCode, length);
  const rows = await db.select({
    code, houses: sql<number>`sum(${coverage.houses})::int`, covered: sql<number>`sum(${coverage.covered})::int`, overdue: sql<number>`sum(${coverage.overdue})::int`,
    high: sql<number>`sum(${coverage.high})::int`, medium: sql<number>`sum(${coverage.medium})::int`, low: sql<number>`sum(${coverage.low})::int`, ungraded: sql<number>`sum(${coverage.ungraded})::int`,
    asOf: sql<string | null>`max(${coverage.asOf})::text`,
  }).from(coverage).where(sql`${coverage.divisionCode} like ${`${root}%`}`).groupBy(code);
  return rows;
}

/** Hazards found and closed (with the days it took) per child jurisdiction of `root`, months `from`–`to`. */
export async function hazardMonthsBy(db: Executor, root: string, length: number, from: string, to: string) {
  const code = cut(hazardMonths.divisionCode, length);
  const inRange = and(sql`${hazardMonths.divisionCode} like ${`${root}%`}`, sql`${hazardMonths.month} between ${from} and ${to}`);
  const byCode = await db.select({ code, found: sql<number>`sum(${hazardMonths.found})::int`, closed: sql<number>`sum(${hazardMonths.closed})::int`, closeDays: sql<number>`sum(${hazardMonths.closeDays})::int` })
    .from(hazardMonths).where(inRange).groupBy(code);
  const byMonth = await db.select({ month: hazardMonths.month, found: sql<number>`sum(${hazardMonths.found})::int`, closed: sql<number>`sum(${hazardMonths.closed})::int` })
    .from(hazardMonths).where(inRange).groupBy(hazardMonths.month).orderBy(asc(hazardMonths.month));
  return { byCode, byMonth };
}

/** Hazards open now (and of those referred to a department) per child jurisdiction of `root`. */
export async function openHazardsBy(db: Executor, root: string, length: number) {
  const code = cut(hazardTallies.divisionCode, length);
  return db.select({ code, open: sql<number>`coalesce(sum(${hazardTallies.n}) filter (where ${hazardTallies.status} <> 'closed'), 0)::int`, referred: sql<number>`coalesce(sum(${hazardTallies.n}) filter (where ${hazardTallies.status} = 'referred'), 0)::int` })
    .from(hazardTallies).where(sql`${hazardTallies.divisionCode} like ${`${root}%`}`).groupBy(code);
}

/** Per day from `from` to `to`: inspections planned for it (and overdue by `today`), cancelled, and done on it. */
export async function calendar(db: Executor, scope: Scope, from: string, to: string, today: string) {
  const planned = await db.select({
    date: sql<string>`${inspections.dueOn}::text`, planned: sql<number>`count(*) filter (where ${inspections.status} = 'planned')::int`,
    overdue: sql<number>`count(*) filter (where ${inspections.status} = 'planned' and ${inspections.dueOn} < ${today})::int`, cancelled: sql<number>`count(*) filter (where ${inspections.status} = 'cancelled')::int`,
  }).from(inspections).where(and(inScope(inspections.divisionCode, scope), inArray(inspections.status, ['planned', 'cancelled']), sql`${inspections.dueOn} between ${from} and ${to}`)).groupBy(inspections.dueOn);
  const done = await db.select({ date: sql<string>`${inspections.doneOn}::text`, done: sql<number>`count(*)::int` })
    .from(inspections).where(and(inScope(inspections.divisionCode, scope), eq(inspections.status, 'done'), sql`${inspections.doneOn} between ${from} and ${to}`)).groupBy(inspections.doneOn);
  return { planned, done };
}

/**
 * After a building merge: the houses' tracking, planned inspections, open hazards and open registration tasks state
 * the houses' new addresses, and the building's own open tasks move to the building that stays. What is done keeps
 * the address it was done at.
 */
export async function readdress(tx: Tx, move: { fromBuildingId: string; intoBuildingId: string; intoAddress: string; houses: { houseId: string; address: string }[] }): Promise<void> {
  if (move.houses.length) {
    const values = sql.join(move.houses.map((h) => sql`(${h.houseId}::uuid, ${h.address})`), sql`, `);
    const to = sql`(values ${values}) as n(house_id, address)`;
    await tx.execute(sql`update insp_house_grades g set address = n.address from ${to} where g.house_id = n.house_id`);
    await tx.execute(sql`update insp_inspections i set address = n.address from ${to} where i.house_id = n.house_id and i.status = 'planned'`);
    await tx.execute(sql`update insp_hazards h set address = n.address from ${to} where h.house_id = n.house_id and h.status <> 'closed'`);
    await tx.execute(sql`update insp_registration_tasks r set address = n.address, building_id = ${move.intoBuildingId} from ${to} where r.house_id = n.house_id and r.status = 'open'`);
  }
  await tx.update(registrationTasks).set({ buildingId: move.intoBuildingId, address: move.intoAddress })
    .where(and(eq(registrationTasks.buildingId, move.fromBuildingId), sql`${registrationTasks.houseId} is null`, eq(registrationTasks.status, 'open')));
}
