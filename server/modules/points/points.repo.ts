import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNull, like, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables';
import { inScope, isCityWide, type Scope } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { escapeLike } from '../../platform/db/like';
import { applicationActions, applicationNumbers, cardNumbers, applications, departmentRecords, objectionActions, objections, packActions, packs, rankings, roundActions, rounds, tallies, taskActions, taskTallies, tasks, volunteerHours } from './points.tables';

export type PackRow = typeof packs.$inferSelect;
export type PackInsert = typeof packs.$inferInsert;

// ── packs ────────────────────────────────────────────────────────────────────
// Packs are city-wide policy, not records of a jurisdiction: every caller allowed to read them reads them all.

export async function listPacks(db: Executor): Promise<PackRow[]> {
  return db.select().from(packs).orderBy(asc(packs.code), desc(packs.version));
}

export async function findPack(db: Executor, id: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(eq(packs.id, id));
  return row;
}

export async function lockPack(tx: Tx, id: string): Promise<PackRow | undefined> {
  const [row] = await tx.select().from(packs).where(eq(packs.id, id)).for('update');
  return row;
}

export async function findPackVersion(db: Executor, code: string, version: number): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.code, code), eq(packs.version, version)));
  return row;
}

export async function findPackByTransaction(db: Executor, userId: string, transactionId: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.createdBy, userId), eq(packs.transactionId, transactionId)));
  return row;
}

export async function lastVersion(tx: Tx, code: string): Promise<number> {
  const [row] = await tx.select({ v: max(packs.version) }).from(packs).where(eq(packs.code, code));
  return row?.v ?? 0;
}

/**
 * The published version in force on `on`: of the city (a code prefix such as `4401`) or of one code; the latest
 * effective date wins, then the latest version.
 */
export async function packInForce(db: Executor, on: string, filter: { city: string } | { code: string }): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(
    eq(packs.status, 'published'),
    'city' in filter ? like(packs.city, `${filter.city}%`) : eq(packs.code, filter.code),
    lte(packs.effectiveFrom, on),
    or(isNull(packs.effectiveUntil), gte(packs.effectiveUntil, on)),
  )).orderBy(desc(packs.effectiveFrom), desc(packs.version)).limit(1);
  return row;
}

/** The latest published version of a code, in force or not (for comparing with another city's or year's rules). */
export async function latestPublished(db: Executor, code: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(packs).where(and(eq(packs.code, code), eq(packs.status, 'published'))).orderBy(desc(packs.version)).limit(1);
  return row;
}

export async function insertPack(tx: Tx, values: PackInsert): Promise<PackRow> {
  const [row] = await tx.insert(packs).values(values).returning();
  return row!;
}

/** Inserts a shipped pack as published version 1 unless that version exists; true when it was inserted. */
export async function insertShippedPack(tx: Tx, values: PackInsert): Promise<PackRow | undefined> {
  const [row] = await tx.insert(packs).values(values).onConflictDoNothing({ target: [packs.code, packs.version] }).returning();
  return row;
}

export async function updatePack(tx: Tx, id: string, values: Partial<PackInsert>): Promise<void> {
  await tx.update(packs).set(values).where(eq(packs.id, id));
}

export async function insertPackAction(tx: Tx, values: typeof packActions.$inferInsert): Promise<void> {
  await tx.insert(packActions).values(values);
}

export async function findPackAction(db: Executor, packId: string, transactionId: string) {
  const [row] = await db.select().from(packActions).where(and(eq(packActions.packId, packId), eq(packActions.transactionId, transactionId)));
  return row;
}

export async function packHistory(db: Executor, packId: string) {
  return db.select({ action: packActions.action, from: packActions.fromStatus, to: packActions.toStatus, at: packActions.at, details: packActions.details, actor: users.displayName })
    .from(packActions).leftJoin(users, eq(users.id, packActions.actorId))
    .where(eq(packActions.packId, packId)).orderBy(asc(packActions.seq));
}

// ── rounds ───────────────────────────────────────────────────────────────────

export type RoundRow = typeof rounds.$inferSelect;

export async function listRounds(db: Executor): Promise<RoundRow[]> {
  return db.select().from(rounds).orderBy(desc(rounds.opensOn), desc(rounds.createdAt));
}

export async function findRound(db: Executor, id: string): Promise<RoundRow | undefined> {
  const [row] = await db.select().from(rounds).where(eq(rounds.id, id));
  return row;
}

export async function lockRound(tx: Tx, id: string): Promise<RoundRow | undefined> {
  const [row] = await tx.select().from(rounds).where(eq(rounds.id, id)).for('update');
  return row;
}

export async function findRoundByTransaction(db: Executor, userId: string, transactionId: string): Promise<RoundRow | undefined> {
  const [row] = await db.select().from(rounds).where(and(eq(rounds.createdBy, userId), eq(rounds.transactionId, transactionId)));
  return row;
}

export async function insertRound(tx: Tx, values: typeof rounds.$inferInsert): Promise<RoundRow> {
  const [row] = await tx.insert(rounds).values(values).returning();
  return row!;
}

export async function updateRound(tx: Tx, id: string, values: Partial<typeof rounds.$inferInsert>): Promise<void> {
  await tx.update(rounds).set(values).where(eq(rounds.id, id));
}

export async function insertRoundAction(tx: Tx, values: typeof roundActions.$inferInsert): Promise<void> {
  await tx.insert(roundActions).values(values);
}

export async function findRoundAction(db: Executor, roundId: string, transactionId: string) {
  const [row] = await db.select().from(roundActions).where(and(eq(roundActions.roundId, roundId), eq(roundActions.transactionId, transactionId)));
  return row;
}

/** Applications of a round by status, in the caller's jurisdiction, from the tallies. */
export async function roundCounts(db: Executor, roundId: string, scope: Scope): Promise<Record<string, number>> {
  const counts = await applicationTallies(db, scope, [roundId]);
  return counts.get(roundId) ?? {};
}

/** Applications by round and status in the jurisdiction, from the tallies kept by the applications table's triggers. */
export async function applicationTallies(db: Executor, scope: Scope, roundIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (roundIds.length === 0) return out;
  const rows = await db.select({ roundId: tallies.roundId, status: tallies.status, n: sql<number>`sum(${tallies.n})::int` }).from(tallies)
    .where(and(inArray(tallies.roundId, roundIds), inScope(tallies.divisionCode, scope))).groupBy(tallies.roundId, tallies.status);
  for (const r of rows) {
    if (r.n === 0) continue;
    const counts = out.get(r.roundId) ?? {};
    counts[r.status] = r.n;
    out.set(r.roundId, counts);
  }
  return out;
}

/** Review tasks by department and state in the jurisdiction, from the tallies kept by the tasks table's triggers. */
export async function taskTallyRows(db: Executor, scope: Scope) {
  const rows = await db.select({ department: taskTallies.department, state: taskTallies.state, n: sql<number>`sum(${taskTallies.n})::int` }).from(taskTallies)
    .where(inScope(taskTallies.divisionCode, scope)).groupBy(taskTallies.department, taskTallies.state);
  return rows.filter((r) => r.n !== 0);
}

/** Open review tasks past their due date, per department, read from the queue index (the open queue only). */
export async function overdueTasksByDepartment(db: Executor, scope: Scope, today: string) {
  return db.select({ department: tasks.department, n: count() }).from(tasks)
    .where(and(eq(tasks.status, 'open'), lt(tasks.dueOn, today), inScope(tasks.divisionCode, scope))).groupBy(tasks.department);
}

/** Applications in review past their due date, per round (the in-review queue only). */
export async function overdueApplicationsByRound(db: Executor, scope: Scope, today: string) {
  return db.select({ roundId: applications.roundId, n: count() }).from(applications)
    .where(and(inScope(applications.divisionCode, scope), eq(applications.status, 'in_review'), lt(applications.dueOn, today))).groupBy(applications.roundId);
}

/** The tallies next to a count of the rows themselves (for checking them). */
export async function recountTallies(db: Executor) {
  const kept = await db.select({ roundId: tallies.roundId, divisionCode: tallies.divisionCode, status: tallies.status, n: tallies.n }).from(tallies)
    .where(ne(tallies.n, 0)).orderBy(tallies.roundId, tallies.divisionCode, tallies.status);
  const counted = await db.select({ roundId: applications.roundId, divisionCode: applications.divisionCode, status: applications.status, n: count() }).from(applications)
    .groupBy(applications.roundId, applications.divisionCode, applications.status).orderBy(applications.roundId, applications.divisionCode, applications.status);
  const keptTasks = await db.select({ divisionCode: taskTallies.divisionCode, department: taskTallies.department, state: taskTallies.state, n: taskTallies.n }).from(taskTallies)
    .where(ne(taskTallies.n, 0)).orderBy(taskTallies.divisionCode, taskTallies.department, taskTallies.state);
  const state = sql<string>`points_task_state(${tasks.status}, ${tasks.doneOn}, ${tasks.dueOn})`;
  const countedTasks = await db.select({ divisionCode: tasks.divisionCode, department: tasks.department, state, n: count() }).from(tasks)
    .groupBy(tasks.divisionCode, tasks.department, state).orderBy(tasks.divisionCode, tasks.department, state);
  return { kept, counted, keptTasks, countedTasks };
}

// ── volunteer hours (fed by the integration-services module) ────────────────

/** Records a person's hours of one year, replacing what that year had. */
export async function upsertVolunteerHours(tx: Tx, values: typeof volunteerHours.$inferInsert): Promise<void> {
  await tx.insert(volunteerHours).values(values)
    .onConflictDoUpdate({ target: [volunteerHours.idNumber, volunteerHours.year], set: { hours: values.hours, source: values.source, recordedAt: values.recordedAt } });
}

export async function volunteerHoursOf(db: Executor, idNumber: string): Promise<{ year: number; hours: number }[]> {
  return db.select({ year: volunteerHours.year, hours: volunteerHours.hours }).from(volunteerHours).where(eq(volunteerHours.idNumber, idNumber)).orderBy(desc(volunteerHours.year));
}

// ── department records ───────────────────────────────────────────────────────

export type DepartmentRecordInsert = typeof departmentRecords.$inferInsert;

/** Loads rows, replacing an earlier value of the same person, fact and department. */
export async function upsertDepartmentRecords(tx: Tx, rows: DepartmentRecordInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(departmentRecords).values(rows.slice(i, i + 1000)).onConflictDoUpdate({
      target: [departmentRecords.idNumber, departmentRecords.fact, departmentRecords.department],
      set: { value: sql`excluded.value`, asOf: sql`excluded.as_of`, batchId: sql`excluded.batch_id`, loadedBy: sql`excluded.loaded_by`, loadedAt: sql`excluded.loaded_at` },
    });
  }
}

export async function departmentRecordsOf(db: Executor, idNumber: string) {
  return db.select().from(departmentRecords).where(eq(departmentRecords.idNumber, idNumber));
}

// ── applications ─────────────────────────────────────────────────────────────

export type PointsApplicationRow = typeof applications.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;

export async function nextApplicationNumber(tx: Tx, year: string): Promise<string> {
  const [row] = await tx.execute<{ n: string }>(sql`select nextval(${applicationNumbers.seqName}) as n`).then((r) => r.rows);
  return `JF${year}${String(row!.n).padStart(6, '0')}`;
}

export async function insertApplication(tx: Tx, values: typeof applications.$inferInsert): Promise<PointsApplicationRow> {
  const [row] = await tx.insert(applications).values(values).returning();
  return row!;
}

export async function findApplicationByTransaction(db: Executor, userId: string, transactionId: string): Promise<PointsApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(and(eq(applications.applicantUserId, userId), eq(applications.transactionId, transactionId)));
  return row;
}

/** One application: within the caller's jurisdiction (staff) or of its author (applicant). */
export async function findApplication(db: Executor, id: string, by: { scope: Scope } | { userId: string }): Promise<PointsApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(and(eq(applications.id, id), 'scope' in by ? inScope(applications.divisionCode, by.scope) : eq(applications.applicantUserId, by.userId)));
  return row;
}

export async function lockApplication(tx: Tx, id: string, by: { scope: Scope } | { userId: string }): Promise<PointsApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(and(eq(applications.id, id), 'scope' in by ? inScope(applications.divisionCode, by.scope) : eq(applications.applicantUserId, by.userId))).for('update');
  return row;
}

export async function updateApplication(tx: Tx, id: string, values: Partial<typeof applications.$inferInsert>): Promise<void> {
  await tx.update(applications).set(values).where(eq(applications.id, id));
}

export async function openApplicationOf(db: Executor, roundId: string, personId: string): Promise<PointsApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(and(eq(applications.roundId, roundId), eq(applications.personId, personId), ne(applications.status, 'withdrawn')));
  return row;
}

export async function listApplications(db: Executor, scope: Scope, query: { roundId?: string; status?: PointsApplicationRow['status']; overdueOn?: string; q?: string; page: number; pageSize: number }) {
  const where: SQL[] = [inScope(applications.divisionCode, scope)];
  if (query.roundId) where.push(eq(applications.roundId, query.roundId));
  if (query.status) where.push(eq(applications.status, query.status));
  if (query.overdueOn) where.push(inArray(applications.status, ['in_review']), lt(applications.dueOn, query.overdueOn));
  if (query.q) where.push(or(eq(applications.number, query.q.toUpperCase()), ilike(applications.name, `${escapeLike(query.q)}%`), eq(applications.idNumber, query.q.toUpperCase()))!);
  const [total] = await db.select({ n: count() }).from(applications).where(and(...where));
  const rows = await db.select().from(applications).where(and(...where))
    .orderBy(sql`case when ${applications.status} = 'in_review' then 0 else 1 end`, asc(applications.dueOn), asc(applications.number))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function applicationsOfUser(db: Executor, userId: string): Promise<PointsApplicationRow[]> {
  return db.select().from(applications).where(eq(applications.applicantUserId, userId)).orderBy(desc(applications.createdAt));
}

export async function applicationsOfPerson(db: Executor, personId: string, scope: Scope): Promise<PointsApplicationRow[]> {
  return db.select().from(applications).where(and(eq(applications.personId, personId), inScope(applications.divisionCode, scope))).orderBy(desc(applications.createdAt));
}

export async function insertApplicationAction(tx: Tx, values: typeof applicationActions.$inferInsert): Promise<void> {
  await tx.insert(applicationActions).values(values);
}

export async function findApplicationAction(db: Executor, applicationId: string, transactionId: string) {
  const [row] = await db.select().from(applicationActions).where(and(eq(applicationActions.applicationId, applicationId), eq(applicationActions.transactionId, transactionId)));
  return row;
}

export async function applicationHistory(db: Executor, applicationId: string) {
  return db.select({ action: applicationActions.action, from: applicationActions.fromStatus, to: applicationActions.toStatus, at: applicationActions.at, details: applicationActions.details, actor: users.displayName })
    .from(applicationActions).leftJoin(users, eq(users.id, applicationActions.actorId))
    .where(eq(applicationActions.applicationId, applicationId)).orderBy(asc(applicationActions.seq));
}

// ── department tasks ─────────────────────────────────────────────────────────

export async function insertTasks(tx: Tx, values: (typeof tasks.$inferInsert)[]): Promise<TaskRow[]> {
  if (values.length === 0) return [];
  return tx.insert(tasks).values(values).returning();
}

export async function tasksOf(db: Executor, applicationId: string) {
  return db.select({ task: tasks, reviewer: users.displayName }).from(tasks).leftJoin(users, eq(users.id, tasks.reviewerId))
    .where(eq(tasks.applicationId, applicationId)).orderBy(asc(tasks.department), asc(tasks.kind));
}

export async function taskCounts(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return new Map<string, { total: number; done: number }>();
  const rows = await db.select({ id: tasks.applicationId, total: count(), done: sql<number>`count(*) filter (where ${tasks.status} = 'done')::int` })
    .from(tasks).where(and(inArray(tasks.applicationId, applicationIds), ne(tasks.status, 'deferred'))).groupBy(tasks.applicationId);
  return new Map(rows.map((r) => [r.id, { total: r.total, done: r.done }]));
}

export async function lockTask(tx: Tx, id: string, scope: Scope): Promise<TaskRow | undefined> {
  const [row] = await tx.select().from(tasks).where(and(eq(tasks.id, id), inScope(tasks.divisionCode, scope))).for('update');
  return row;
}

export async function updateTask(tx: Tx, id: string, values: Partial<typeof tasks.$inferInsert>): Promise<void> {
  await tx.update(tasks).set(values).where(eq(tasks.id, id));
}

export async function listTasks(db: Executor, scope: Scope, query: { department?: string; status?: TaskRow['status']; overdueOn?: string; number?: string; today: string; page: number; pageSize: number }) {
  const where: SQL[] = [inScope(tasks.divisionCode, scope)];
  if (query.number) where.push(sql`${tasks.applicationId} = (select id from points_applications where number = ${query.number.toUpperCase()})`);
  if (query.department) where.push(eq(tasks.department, query.department));
  if (query.status) where.push(eq(tasks.status, query.status));
  if (query.overdueOn) where.push(eq(tasks.status, 'open'), lt(tasks.dueOn, query.overdueOn));
  const [total] = await db.select({ n: count() }).from(tasks).where(and(...where));
  const overdueWhere = [inScope(tasks.divisionCode, scope), eq(tasks.status, 'open'), lt(tasks.dueOn, query.today), ...(query.department ? [eq(tasks.department, query.department)] : [])];
  const [overdue] = await db.select({ n: count() }).from(tasks).where(and(...overdueWhere));
  const rows = await db.select({ task: tasks, number: applications.number, name: applications.name, reviewer: users.displayName })
    .from(tasks).innerJoin(applications, eq(applications.id, tasks.applicationId)).leftJoin(users, eq(users.id, tasks.reviewerId))
    .where(and(...where))
    .orderBy(sql`case ${tasks.status} when 'open' then 0 when 'returned' then 1 when 'deferred' then 2 else 3 end`, asc(tasks.dueOn), asc(applications.number))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0, overdue: overdue?.n ?? 0 };
}

export async function insertTaskAction(tx: Tx, values: typeof taskActions.$inferInsert): Promise<void> {
  await tx.insert(taskActions).values(values);
}

export async function findTaskAction(db: Executor, taskId: string, transactionId: string) {
  const [row] = await db.select().from(taskActions).where(and(eq(taskActions.taskId, taskId), eq(taskActions.transactionId, transactionId)));
  return row;
}

// ── ranking ──────────────────────────────────────────────────────────────────

/** The statuses of applications that take part in a ranking. */
export const RANKED_STATUSES = ['reviewed', 'shortlisted', 'verified', 'card_issued'] as const;

/**
 * Ranks a round in one statement: eligible applications in the ranked statuses by ranking score, then each tie-break
 * (`value` i: the i-th stored tie-break value, larger first; `submitted`: earlier first); equal on all share a rank;
 * the admitted follow the quota and what a tie group straddling the cut gets. The previous ranking is replaced.
 */
export async function rankRound(tx: Tx, roundId: string, order: ({ kind: 'value'; index: number } | { kind: 'submitted' })[], quota: number, tieAtCut: 'admit_all' | 'admit_none', at: Date) {
  // Keys as float8: scores have two decimals and tie values are whole numbers, so equal values stay equal, and the
  // sort compares machine numbers instead of decimals.
  const keys = order.map((o) => (o.kind === 'value' ? `coalesce((a.tie_break_values->>${Math.floor(o.index)})::float8, 0)` : 'a.submitted_at'));
  const sorted = ['a.ranking_score::float8 desc', ...order.map((o, i) => `${keys[i]} ${o.kind === 'value' ? 'desc' : 'asc'}`)].join(', ');
  // The window sort of a large round fits in memory with this much (for this transaction only).
  await tx.execute(sql`set local work_mem = '64MB'`);
  const [bumped] = await tx.update(rounds).set({ rankingVersion: sql`${rounds.rankingVersion} + 1` }).where(eq(rounds.id, roundId)).returning({ version: rounds.rankingVersion });
  // One sort: positions order by the keys then the id; ranks and tie sizes are over the keys alone (a prefix of that
  // order, so the same sorted rows serve them), the tie size counting the current row's peers. The inner ORDER BY is
  // the windows' own order, so the aggregates read the rows as sorted without sorting again.
  await tx.execute(sql`
    insert into points_rankings (round_id, version, application_ids, ranks, tie_sizes, ranked, admitted, ranked_at)
    select ${roundId}, ${bumped!.version}, coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.rank), '{}'), coalesce(array_agg(r.tie_size), '{}'), count(*),
           count(*) filter (where case when ${tieAtCut === 'admit_all'} then r.rank <= ${quota} else r.rank + r.tie_size - 1 <= ${quota} end), ${at}
    from (
      select a.id, rank() over keys as rank, count(*) over (keys range between current row and current row) as tie_size
      from points_applications a
      where a.round_id = ${roundId} and a.eligible and a.status in ('reviewed', 'shortlisted', 'verified', 'card_issued')
      window keys as (order by ${sql.raw(sorted)})
      order by ${sql.raw(sorted)}, a.id
    ) r
    on conflict (round_id) do update set version = excluded.version, application_ids = excluded.application_ids, ranks = excluded.ranks,
      tie_sizes = excluded.tie_sizes, ranked = excluded.ranked, admitted = excluded.admitted, ranked_at = excluded.ranked_at`);
  return rankingSummary(tx, roundId, quota);
}

/** How many are ranked and admitted, the rank of the last admitted, and the size of a tie group straddling the quota. */
export async function rankingSummary(db: Executor, roundId: string, quota: number) {
  // A group straddling the quota holds the positions quota and quota + 1.
  const [row] = await db.select({
    ranked: rankings.ranked,
    admitted: rankings.admitted,
    cutRank: sql<number | null>`${rankings.ranks}[nullif(${rankings.admitted}, 0)]`,
    straddling: sql<number>`coalesce(case when ${rankings.ranks}[${quota}] + ${rankings.tieSizes}[${quota}] - 1 > ${quota} then ${rankings.tieSizes}[${quota}] end, 0)::int`,
  }).from(rankings).where(eq(rankings.roundId, roundId));
  return { ranked: row?.ranked ?? 0, admitted: row?.admitted ?? 0, cutRank: row?.cutRank ?? null, straddling: row?.straddling ?? 0 };
}

/**
 * The admitted applications' ids of a round's ranking, as a relation `admitted(id, position)`. The planner cannot know
 * how long the array is (it guesses 10 rows), so use it where that guess does no harm: as the outer side of index
 * lookups, or under NOT IN (hashed), never as the inner side of a join.
 */
const admittedIds = (roundId: string) =>
  sql`(select u.id, u.position from points_rankings r, unnest(r.application_ids[1:r.admitted]) with ordinality u(id, position) where r.round_id = ${roundId})`;

/**
 * Moves applications to match the ranking: admitted and reviewed → shortlisted (verification due `verifyDue`);
 * no longer admitted and shortlisted or verified → back to reviewed. One action row each, in the caller's transaction.
 */
export async function applyRanking(tx: Tx, roundId: string, verifyDue: string, transactionId: string, actorId: string | null, at: Date): Promise<{ shortlisted: number; unlisted: number; shortlistedIds: string[] }> {
  const up = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'shortlisted', verify_due = ${verifyDue}, updated_at = ${at}
      from ${admittedIds(roundId)} r where r.id = a.id and a.status = 'reviewed'
      returning a.id)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'shortlist', 'reviewed', 'shortlisted', ${transactionId}, ${actorId}, ${verifyDue}, ${at} from changed
    returning application_id as id`);
  const down = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'reviewed', verify_due = null, updated_at = ${at}
      from (select a2.id, a2.status from points_applications a2
            where a2.round_id = ${roundId} and a2.status in ('shortlisted', 'verified') and a2.id not in (select id from ${admittedIds(roundId)} x)) old
      where a.id = old.id
      returning a.id, old.status as from_status)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'unlist', from_status, 'reviewed', ${transactionId}, ${actorId}, null, ${at} from changed
    returning application_id as id`);
  return { shortlisted: up.rows.length, unlisted: down.rows.length, shortlistedIds: up.rows.map((r) => r.id) };
}

/** What a shortlisting notice needs of each of these applications: number, contact and rank. */
export async function shortlistNotices(db: Executor, roundId: string, ids: string[]) {
  const rows = await db.execute<{ id: string; number: string; phone: string | null; applicant_user_id: string; rank: number }>(sql`
    select a.id, a.number, a.phone, a.applicant_user_id, r.ranks[e.position] as rank
    from points_rankings r, unnest(r.application_ids[1:r.admitted]) with ordinality e(id, position), points_applications a
    where r.round_id = ${roundId} and e.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and a.id = e.id
    order by e.position`);
  return rows.rows.map((r) => ({ id: r.id, number: r.number, phone: r.phone, applicantUserId: r.applicant_user_id, rank: Number(r.rank) }));
}

/** A page of a round's shortlisted applications with this verification deadline, in id order after `after`. */
export async function shortlistedPage(db: Executor, roundId: string, verifyDue: string, after: string | null, limit: number): Promise<string[]> {
  const rows = await db.select({ id: applications.id }).from(applications)
    .where(and(eq(applications.roundId, roundId), eq(applications.status, 'shortlisted'), eq(applications.verifyDue, verifyDue), after ? gt(applications.id, after) : undefined))
    .orderBy(asc(applications.id)).limit(limit);
  return rows.map((r) => r.id);
}

/** Issues entry cards to admitted, verified applications of a final round, each with the next card number. */
export async function issueCards(tx: Tx, roundId: string, year: number, transactionId: string, actorId: string | null, at: Date): Promise<number> {
  const issued = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'card_issued', card_number = ${`RH${year}`} || lpad(nextval(${cardNumbers.seqName})::text, 7, '0'), updated_at = ${at}
      from (select id from ${admittedIds(roundId)} x order by position) r
      where r.id = a.id and a.status = 'verified'
      returning a.id, a.card_number)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'issue_card', 'verified', 'card_issued', ${transactionId}, ${actorId}, card_number, ${at} from changed
    returning application_id as id`);
  return issued.rows.length;
}

export type RankingEntry = { position: number; rank: number; tieSize: number; admitted: boolean };

/** Where an application stands in its round's ranking, or undefined when it is not ranked. */
export async function rankingOf(db: Executor, roundId: string, applicationId: string): Promise<RankingEntry | undefined> {
  const rows = await db.execute<{ position: number; rank: number; tie_size: number; admitted: boolean }>(sql`
    select p.position, r.ranks[p.position] as rank, r.tie_sizes[p.position] as tie_size, p.position <= r.admitted as admitted
    from points_rankings r, lateral (select array_position(r.application_ids, ${applicationId}::uuid) as position) p
    where r.round_id = ${roundId} and p.position is not null`);
  const row = rows.rows[0];
  return row ? { position: Number(row.position), rank: Number(row.rank), tieSize: Number(row.tie_size), admitted: row.admitted } : undefined;
}

/**
 * A page of ranked entries whose applications match `where` (an SQL condition on points_applications; null: all), in
 * position order; `admitted` keeps only the admitted (true) or the rest (false). The arrays are unnested together, so
 * each is read once; with no condition the page is a slice of them and nothing else is read.
 */
async function rankingPage(db: Executor, roundId: string, where: SQL | null, admitted: boolean | undefined, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  type Found = { id: string; position: number; rank: number; tie_size: number; admitted: boolean };
  let found: Found[];
  let total: number;
  if (where === null) {
    const [head] = await db.select({ ranked: rankings.ranked, admitted: rankings.admitted }).from(rankings).where(eq(rankings.roundId, roundId));
    const first = (admitted === false ? (head?.admitted ?? 0) : 0) + offset + 1;
    const last = Math.min(first + pageSize - 1, admitted === true ? (head?.admitted ?? 0) : (head?.ranked ?? 0));
    total = admitted === true ? (head?.admitted ?? 0) : admitted === false ? (head?.ranked ?? 0) - (head?.admitted ?? 0) : (head?.ranked ?? 0);
    found = last < first ? [] : (await db.execute<Found>(sql`
      select u.id, u.position + ${first - 1} as position, u.rank, u.tie_size, u.position + ${first - 1} <= r.admitted as admitted
      from points_rankings r, unnest(r.application_ids[${first}:${last}], r.ranks[${first}:${last}], r.tie_sizes[${first}:${last}]) with ordinality u(id, rank, tie_size, position)
      where r.round_id = ${roundId} order by u.position`)).rows;
  } else {
    const upTo = admitted ? sql`[1:r.admitted]` : sql``;
    // The unnested entries drive index lookups into the applications (the planner cannot see how many there are).
    const entries = sql`(select u.id, u.position, u.rank, u.tie_size, u.position <= r.admitted as admitted
      from points_rankings r, unnest(r.application_ids${upTo}, r.ranks${upTo}, r.tie_sizes${upTo}) with ordinality u(id, rank, tie_size, position)
      where r.round_id = ${roundId}) e`;
    const filter = sql`${where}${admitted === undefined ? sql`` : sql` and e.admitted = ${admitted}`}`;
    total = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${entries} join points_applications on points_applications.id = e.id where ${filter}`)).rows[0]?.n ?? 0;
    found = (await db.execute<Found>(sql`
      select e.id, e.position, e.rank, e.tie_size, e.admitted from ${entries} join points_applications on points_applications.id = e.id
      where ${filter} order by e.position limit ${pageSize} offset ${offset}`)).rows;
  }
  const rows = found.map((r) => ({ applicationId: r.id, position: Number(r.position), rank: Number(r.rank), tieSize: Number(r.tie_size), admitted: r.admitted }));
  const byId = new Map(rows.length ? (await db.select().from(applications).where(inArray(applications.id, rows.map((r) => r.applicationId)))).map((a) => [a.id, a]) : []);
  return { rows: rows.map((ranking) => ({ ranking, application: byId.get(ranking.applicationId)! })), total };
}

/** A page of the round's ranking: the whole of it for the city, the jurisdiction's lines for others. */
export async function listRanking(db: Executor, roundId: string, scope: Scope, query: { admitted?: boolean; page: number; pageSize: number }) {
  return rankingPage(db, roundId, isCityWide(scope) ? null : inScope(applications.divisionCode, scope), query.admitted, query.page, query.pageSize);
}

/** The public list (公示): admitted, verified applications in rank order; with `number`, only that application's line. */
export async function publicList(db: Executor, roundId: string, query: { page: number; pageSize: number; number?: string }) {
  const listed = and(inArray(applications.status, ['verified', 'card_issued']), query.number ? eq(applications.number, query.number) : undefined)!;
  const { rows, total } = await rankingPage(db, roundId, listed, true, query.page, query.pageSize);
  return {
    rows: rows.map(({ ranking, application: a }) => ({ ranking, number: a.number, name: a.name, rankingScore: a.rankingScore, total: a.total, status: a.status })),
    total,
  };
}

export async function countByStatus(db: Executor, roundId: string, statuses: PointsApplicationRow['status'][]): Promise<number> {
  const [row] = await db.select({ n: count() }).from(applications).where(and(eq(applications.roundId, roundId), inArray(applications.status, statuses)));
  return row?.n ?? 0;
}

export async function findApplicationByNumber(db: Executor, number: string): Promise<PointsApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.number, number));
  return row;
}

// ── objections ───────────────────────────────────────────────────────────────

export type ObjectionRow = typeof objections.$inferSelect;

export async function insertObjection(tx: Tx, values: typeof objections.$inferInsert): Promise<ObjectionRow> {
  const [row] = await tx.insert(objections).values(values).returning();
  return row!;
}

export async function findObjectionByTransaction(db: Executor, transactionId: string): Promise<ObjectionRow | undefined> {
  const [row] = await db.select().from(objections).where(eq(objections.transactionId, transactionId));
  return row;
}

export async function lockObjection(tx: Tx, id: string, scope: Scope): Promise<ObjectionRow | undefined> {
  const [row] = await tx.select().from(objections).where(and(eq(objections.id, id), inScope(objections.divisionCode, scope))).for('update');
  return row;
}

export async function updateObjection(tx: Tx, id: string, values: Partial<typeof objections.$inferInsert>): Promise<void> {
  await tx.update(objections).set(values).where(eq(objections.id, id));
}

export async function listObjections(db: Executor, roundId: string, scope: Scope) {
  return db.select({ objection: objections, number: applications.number, name: applications.name }).from(objections)
    .innerJoin(applications, eq(applications.id, objections.applicationId))
    .where(and(eq(objections.roundId, roundId), inScope(objections.divisionCode, scope))).orderBy(desc(objections.createdAt));
}

export async function openObjections(db: Executor, roundId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(objections).where(and(eq(objections.roundId, roundId), eq(objections.status, 'open')));
  return row?.n ?? 0;
}

export async function insertObjectionAction(tx: Tx, values: typeof objectionActions.$inferInsert): Promise<void> {
  await tx.insert(objectionActions).values(values);
}

export async function findObjectionAction(db: Executor, objectionId: string, transactionId: string) {
  const [row] = await db.select().from(objectionActions).where(and(eq(objectionActions.objectionId, objectionId), eq(objectionActions.transactionId, transactionId)));
  return row;
}

/** Shortlisted applications whose on-site verification deadline has passed. */
export async function listOverdueVerifications(db: Executor, on: string, limit: number): Promise<string[]> {
  const rows = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.status, 'shortlisted'), lt(applications.verifyDue, on))).orderBy(asc(applications.verifyDue)).limit(limit);
  return rows.map((r) => r.id);
}
