import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, like, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables';
import { inScope, type Scope } from '../../platform/auth/scope';
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
 * `admitted` follows the quota and what a tie group straddling the cut gets. The previous ranking is replaced.
 */
export async function rankRound(tx: Tx, roundId: string, order: ({ kind: 'value'; index: number } | { kind: 'submitted' })[], quota: number, tieAtCut: 'admit_all' | 'admit_none') {
  // Keys as float8: scores have two decimals and tie values are whole numbers, so equal values stay equal, and the
  // sort compares machine numbers instead of decimals.
  const keys = order.map((o) => (o.kind === 'value' ? `coalesce((a.tie_break_values->>${Math.floor(o.index)})::float8, 0)` : 'a.submitted_at'));
  const sorted = ['a.ranking_score::float8 desc', ...order.map((o, i) => `${keys[i]} ${o.kind === 'value' ? 'desc' : 'asc'}`)].join(', ');
  // The three window sorts of a large round fit in memory with this much (for this transaction only).
  await tx.execute(sql`set local work_mem = '64MB'`);
  // A new version: its keys never meet the rows of the old one, which a unique index would otherwise check one by one.
  const [bumped] = await tx.update(rounds).set({ rankingVersion: sql`${rounds.rankingVersion} + 1` }).where(eq(rounds.id, roundId)).returning({ version: rounds.rankingVersion });
  const version = bumped!.version;
  await tx.delete(rankings).where(and(eq(rankings.roundId, roundId), lt(rankings.version, version)));
  // One sort: positions order by the keys then the id; ranks and tie sizes are over the keys alone (a prefix of that
  // order, so the same sorted rows serve them), the tie size counting the current row's peers.
  await tx.execute(sql`
    insert into points_rankings (round_id, version, application_id, position, rank, tie_size, admitted)
    select ${roundId}, ${version}, r.id, r.position, r.rank, r.tie_size,
           case when ${tieAtCut === 'admit_all'} then r.rank <= ${quota} else r.rank + r.tie_size - 1 <= ${quota} end
    from (
      select a.id, row_number() over (order by ${sql.raw(sorted)}, a.id) as position, rank() over keys as rank,
             count(*) over (keys range between current row and current row) as tie_size
      from points_applications a
      where a.round_id = ${roundId} and a.eligible and a.status in ('reviewed', 'shortlisted', 'verified', 'card_issued')
      window keys as (order by ${sql.raw(sorted)})
    ) r`);
  return rankingSummary(tx, roundId, quota);
}

/** How many are ranked and admitted, the rank of the last admitted, and the size of a tie group straddling the quota. */
export async function rankingSummary(db: Executor, roundId: string, quota: number) {
  const [summary] = await db.select({
    ranked: count(),
    admitted: sql<number>`count(*) filter (where ${rankings.admitted})::int`,
    cutRank: sql<number | null>`max(${rankings.rank}) filter (where ${rankings.admitted})`,
    straddling: sql<number>`coalesce(max(${rankings.tieSize}) filter (where ${rankings.rank} <= ${quota} and ${rankings.rank} + ${rankings.tieSize} - 1 > ${quota}), 0)::int`,
  }).from(rankings).where(and(eq(rankings.roundId, roundId), currentVersion(roundId)));
  return { ranked: summary?.ranked ?? 0, admitted: summary?.admitted ?? 0, cutRank: summary?.cutRank ?? null, straddling: summary?.straddling ?? 0 };
}

/**
 * Moves applications to match the ranking: admitted and reviewed → shortlisted (verification due `verifyDue`);
 * no longer admitted and shortlisted or verified → back to reviewed. One action row each, in the caller's transaction.
 */
export async function applyRanking(tx: Tx, roundId: string, verifyDue: string, transactionId: string, actorId: string | null, at: Date): Promise<{ shortlisted: number; unlisted: number }> {
  const up = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'shortlisted', verify_due = ${verifyDue}, updated_at = ${at}
      from points_rankings r where r.round_id = ${roundId} and r.version = (select ranking_version from points_rounds where id = ${roundId}) and r.application_id = a.id and r.admitted and a.status = 'reviewed'
      returning a.id)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'shortlist', 'reviewed', 'shortlisted', ${transactionId}, ${actorId}, ${verifyDue}, ${at} from changed
    returning application_id as id`);
  const down = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'reviewed', verify_due = null, updated_at = ${at}
      from (select a2.id, a2.status from points_applications a2 left join points_rankings r on r.round_id = ${roundId} and r.version = (select ranking_version from points_rounds where id = ${roundId}) and r.application_id = a2.id
            where a2.round_id = ${roundId} and a2.status in ('shortlisted', 'verified') and coalesce(r.admitted, false) = false) old
      where a.id = old.id
      returning a.id, old.status as from_status)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'unlist', from_status, 'reviewed', ${transactionId}, ${actorId}, null, ${at} from changed
    returning application_id as id`);
  return { shortlisted: up.rows.length, unlisted: down.rows.length };
}

/** Issues entry cards to admitted, verified applications of a final round, each with the next card number. */
export async function issueCards(tx: Tx, roundId: string, year: number, transactionId: string, actorId: string | null, at: Date): Promise<number> {
  const issued = await tx.execute<{ id: string }>(sql`
    with changed as (
      update points_applications a set status = 'card_issued', card_number = ${`RH${year}`} || lpad(nextval(${cardNumbers.seqName})::text, 7, '0'), updated_at = ${at}
      from (select r.application_id from points_rankings r where r.round_id = ${roundId} and r.version = (select ranking_version from points_rounds where id = ${roundId}) and r.admitted order by r.position) r
      where r.application_id = a.id and a.status = 'verified'
      returning a.id, a.card_number)
    insert into points_application_actions (application_id, action, from_status, to_status, transaction_id, actor_id, details, at)
    select id, 'issue_card', 'verified', 'card_issued', ${transactionId}, ${actorId}, card_number, ${at} from changed
    returning application_id as id`);
  return issued.rows.length;
}

/** The round's current ranking version (rows of older ones are removed in the ranking's own transaction). */
const currentVersion = (roundId: string) => eq(rankings.version, sql`(select ranking_version from points_rounds where id = ${roundId})`);

export async function rankingOf(db: Executor, roundId: string, applicationId: string) {
  const [row] = await db.select().from(rankings).where(and(eq(rankings.roundId, roundId), currentVersion(roundId), eq(rankings.applicationId, applicationId)));
  return row;
}

export async function listRanking(db: Executor, roundId: string, scope: Scope, query: { admitted?: boolean; page: number; pageSize: number }) {
  const where: SQL[] = [eq(rankings.roundId, roundId), currentVersion(roundId), inScope(applications.divisionCode, scope)];
  if (query.admitted !== undefined) where.push(eq(rankings.admitted, query.admitted));
  const [total] = await db.select({ n: count() }).from(rankings).innerJoin(applications, eq(applications.id, rankings.applicationId)).where(and(...where));
  const rows = await db.select({ ranking: rankings, application: applications }).from(rankings).innerJoin(applications, eq(applications.id, rankings.applicationId))
    .where(and(...where)).orderBy(asc(rankings.position)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** The public list (公示): admitted, verified applications in rank order. */
export async function publicList(db: Executor, roundId: string, page: number, pageSize: number) {
  const where = and(eq(rankings.roundId, roundId), currentVersion(roundId), eq(rankings.admitted, true), inArray(applications.status, ['verified', 'card_issued']));
  const [total] = await db.select({ n: count() }).from(rankings).innerJoin(applications, eq(applications.id, rankings.applicationId)).where(where);
  const rows = await db.select({ ranking: rankings, number: applications.number, name: applications.name, rankingScore: applications.rankingScore, total: applications.total, status: applications.status })
    .from(rankings).innerJoin(applications, eq(applications.id, rankings.applicationId)).where(where).orderBy(asc(rankings.position)).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
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
