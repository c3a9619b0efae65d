import { and, asc, count, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ApplicationListQuery, PermitListQuery } from '@shared/permits/permit.schema';
import { users } from '../../platform/auth/auth.tables';
import { inScope, type Scope } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { escapeLike, isWholeIdNumber } from '../../platform/db/like';
import { applicationActions, applicationEvidence, applicationNumbers, applications, expiryTallies, kiosks, permitActions, permitNumbers, permits, replacementActions, replacements, tallies } from './permits.tables';

export type ApplicationRow = typeof applications.$inferSelect;
export type PermitRow = typeof permits.$inferSelect;
export type EvidenceRow = typeof applicationEvidence.$inferSelect;

// ── numbers ──────────────────────────────────────────────────────────────────

/** The next application number: `SQ` + year + six digits. */
export async function nextApplicationNumber(tx: Tx, year: string): Promise<string> {
  const [row] = await tx.execute<{ n: string }>(sql`select nextval(${applicationNumbers.seqName}) as n`).then((r) => r.rows);
  return `SQ${year}${String(row!.n).padStart(6, '0')}`;
}

/** The next permit number: the city's code, the year, eight digits. */
export async function nextPermitNumber(tx: Tx, city: string, year: string): Promise<string> {
  const [row] = await tx.execute<{ n: string }>(sql`select nextval(${permitNumbers.seqName}) as n`).then((r) => r.rows);
  return `${city}${year}${String(row!.n).padStart(8, '0')}`;
}

// ── applications ─────────────────────────────────────────────────────────────

// ── tallies (kept by every write below, in its transaction) ──────────────────

async function bump(tx: Tx, subject: 'application' | 'permit' | 'event', divisionCode: string, status: string, delta: number): Promise<void> {
  await tx.insert(tallies).values({ divisionCode, subject, status, n: delta })
    .onConflictDoUpdate({ target: [tallies.divisionCode, tallies.subject, tallies.status], set: { n: sql`${tallies.n} + ${delta}` } });
}

async function bumpExpiry(tx: Tx, divisionCode: string, validUntil: string, delta: number): Promise<void> {
  await tx.insert(expiryTallies).values({ divisionCode, validUntil, n: delta })
    .onConflictDoUpdate({ target: [expiryTallies.divisionCode, expiryTallies.validUntil], set: { n: sql`${expiryTallies.n} + ${delta}` } });
}

/** Moves a record's tallies from what it was to what it is now. */
async function retally(tx: Tx, subject: 'application' | 'permit', before: { divisionCode: string; status: string }, after: { divisionCode: string; status: string }): Promise<void> {
  if (before.divisionCode === after.divisionCode && before.status === after.status) return;
  await bump(tx, subject, before.divisionCode, before.status, -1);
  await bump(tx, subject, after.divisionCode, after.status, 1);
}

export async function insertApplication(tx: Tx, values: typeof applications.$inferInsert): Promise<ApplicationRow> {
  const [row] = await tx.insert(applications).values(values).returning();
  await bump(tx, 'application', row!.divisionCode, row!.status, 1);
  return row!;
}

/** Changes an application read (and locked) as `before`; its tallies follow. */
export async function updateApplication(tx: Tx, before: ApplicationRow, values: Partial<typeof applications.$inferInsert>): Promise<void> {
  await tx.update(applications).set(values).where(eq(applications.id, before.id));
  await retally(tx, 'application', before, { divisionCode: values.divisionCode ?? before.divisionCode, status: values.status ?? before.status });
}

/** An application inside `scope` (staff), or made by `userId` (its author in the portal). */
function owned(owner: { scope: Scope } | { userId: string }): SQL {
  return 'scope' in owner ? inScope(applications.divisionCode, owner.scope) : eq(applications.applicantUserId, owner.userId);
}

export async function findApplication(tx: Executor, id: string, owner: { scope: Scope } | { userId: string }): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(and(eq(applications.id, id), owned(owner)));
  return row;
}

export async function lockApplication(tx: Tx, id: string, owner: { scope: Scope } | { userId: string }): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(and(eq(applications.id, id), owned(owner))).for('update');
  return row;
}

export async function findApplicationByTransaction(tx: Executor, userId: string, transactionId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(and(eq(applications.applicantUserId, userId), eq(applications.transactionId, transactionId)));
  return row;
}

export async function findOpenApplicationOf(tx: Executor, personId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(applications).where(and(eq(applications.personId, personId), inArray(applications.status, ['submitted', 'accepted', 'returned'])));
  return row;
}

function applicationFilter(scope: Scope, query: ApplicationListQuery, today: string): SQL | undefined {
  const q = query.q?.trim();
  return and(
    inScope(applications.divisionCode, scope),
    query.status ? eq(applications.status, query.status) : undefined,
    query.overdue === 'true' ? and(eq(applications.status, 'accepted'), sql`${applications.dueOn} < ${today}`) : undefined,
    q ? (isWholeIdNumber(q) ? eq(applications.idNumber, q.toUpperCase()) : or(sql`${applications.name} like ${`${escapeLike(q)}%`}`, eq(applications.number, q.toUpperCase()))) : undefined,
  );
}

/** Applications inside `scope`, the nearest deadline first (then the oldest waiting). */
export async function listApplications(tx: Executor, scope: Scope, query: ApplicationListQuery, today: string) {
  const where = applicationFilter(scope, query, today);
  const rows = await tx
    .select()
    .from(applications)
    .where(where)
    .orderBy(sql`${applications.dueOn} asc nulls last`, asc(applications.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(applications).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export async function listApplicationsOfPerson(tx: Executor, personId: string): Promise<ApplicationRow[]> {
  return tx.select().from(applications).where(eq(applications.personId, personId)).orderBy(desc(applications.createdAt)).limit(50);
}

export async function listApplicationsOfUser(tx: Executor, userId: string): Promise<ApplicationRow[]> {
  return tx.select().from(applications).where(eq(applications.applicantUserId, userId)).orderBy(desc(applications.createdAt)).limit(50);
}

export async function findApplicationAction(tx: Executor, applicationId: string, transactionId: string): Promise<boolean> {
  const [row] = await tx.select({ seq: applicationActions.seq }).from(applicationActions).where(and(eq(applicationActions.applicationId, applicationId), eq(applicationActions.transactionId, transactionId)));
  return Boolean(row);
}

export async function insertApplicationAction(tx: Tx, values: typeof applicationActions.$inferInsert): Promise<void> {
  await tx.insert(applicationActions).values(values);
}

export async function listApplicationHistory(tx: Executor, applicationId: string) {
  return tx
    .select({ action: applicationActions, by: users.displayName })
    .from(applicationActions)
    .leftJoin(users, eq(users.id, applicationActions.actorId))
    .where(eq(applicationActions.applicationId, applicationId))
    .orderBy(asc(applicationActions.seq));
}

export async function replaceEvidence(tx: Tx, applicationId: string, evidence: { kind: EvidenceRow['kind']; fileId: string }[], at: Date): Promise<void> {
  await tx.delete(applicationEvidence).where(eq(applicationEvidence.applicationId, applicationId));
  if (evidence.length > 0) await tx.insert(applicationEvidence).values(evidence.map((e) => ({ applicationId, kind: e.kind, fileId: e.fileId, createdAt: at }))).onConflictDoNothing();
}

export async function listEvidence(tx: Executor, applicationId: string): Promise<EvidenceRow[]> {
  return tx.select().from(applicationEvidence).where(eq(applicationEvidence.applicationId, applicationId)).orderBy(asc(applicationEvidence.createdAt));
}

export async function evidenceHasFile(tx: Executor, applicationId: string, fileId: string): Promise<boolean> {
  const [row] = await tx.select({ fileId: applicationEvidence.fileId }).from(applicationEvidence).where(and(eq(applicationEvidence.applicationId, applicationId), eq(applicationEvidence.fileId, fileId)));
  return Boolean(row);
}

// ── permits ──────────────────────────────────────────────────────────────────

export async function insertPermit(tx: Tx, values: typeof permits.$inferInsert): Promise<PermitRow> {
  const [row] = await tx.insert(permits).values(values).returning();
  await bump(tx, 'permit', row!.divisionCode, row!.status, 1);
  await bump(tx, 'event', row!.divisionCode, `issue:${row!.issuedOn.slice(0, 4)}`, 1);
  if (row!.status === 'valid') await bumpExpiry(tx, row!.divisionCode, row!.validUntil, 1);
  return row!;
}

/** Counts an endorsement in the year it was made, for the statistics. */
export async function countEndorsement(tx: Tx, divisionCode: string, on: string): Promise<void> {
  await bump(tx, 'event', divisionCode, `endorse:${on.slice(0, 4)}`, 1);
}

/** Changes a permit read (and locked) as `before`; its tallies, and its place among permits falling due, follow. */
export async function updatePermit(tx: Tx, before: PermitRow, values: Partial<typeof permits.$inferInsert>): Promise<void> {
  await tx.update(permits).set(values).where(eq(permits.id, before.id));
  const after = { divisionCode: values.divisionCode ?? before.divisionCode, status: values.status ?? before.status, validUntil: values.validUntil ?? before.validUntil };
  await retally(tx, 'permit', before, after);
  if (before.status === after.status && before.divisionCode === after.divisionCode && before.validUntil === after.validUntil) return;
  if (before.status === 'valid') await bumpExpiry(tx, before.divisionCode, before.validUntil, -1);
  if (after.status === 'valid') await bumpExpiry(tx, after.divisionCode, after.validUntil, 1);
}

function permitOwned(owner: { scope: Scope } | { userId: string }): SQL {
  return 'scope' in owner ? inScope(permits.divisionCode, owner.scope) : eq(permits.holderUserId, owner.userId);
}

export async function findPermit(tx: Executor, id: string, owner: { scope: Scope } | { userId: string }): Promise<PermitRow | undefined> {
  const [row] = await tx.select().from(permits).where(and(eq(permits.id, id), permitOwned(owner)));
  return row;
}

export async function lockPermit(tx: Tx, id: string, owner: { scope: Scope } | { userId: string } | null): Promise<PermitRow | undefined> {
  const [row] = await tx.select().from(permits).where(and(eq(permits.id, id), owner ? permitOwned(owner) : undefined)).for('update');
  return row;
}

export async function findPermitByToken(tx: Executor, token: string): Promise<PermitRow | undefined> {
  const [row] = await tx.select().from(permits).where(eq(permits.verifyToken, token));
  return row;
}

/** The permits in force among these persons (a batch of an import moved them; few hold permits). */
export async function listPermitsInForceOf(tx: Executor, personIds: string[]): Promise<PermitRow[]> {
  if (personIds.length === 0) return [];
  return tx.select().from(permits).where(and(inArray(permits.personId, personIds), inArray(permits.status, ['valid', 'suspended'])));
}

export async function findPermitInForce(tx: Executor, personId: string): Promise<PermitRow | undefined> {
  const [row] = await tx.select().from(permits).where(and(eq(permits.personId, personId), inArray(permits.status, ['valid', 'suspended'])));
  return row;
}

export async function listPermits(tx: Executor, scope: Scope, query: PermitListQuery) {
  const q = query.q?.trim();
  const where = and(
    inScope(permits.divisionCode, scope),
    query.status ? eq(permits.status, query.status) : undefined,
    q ? (isWholeIdNumber(q) ? eq(permits.idNumber, q.toUpperCase()) : or(sql`${permits.name} like ${`${escapeLike(q)}%`}`, eq(permits.number, q))) : undefined,
  );
  const rows = await tx.select().from(permits).where(where).orderBy(asc(permits.validUntil), asc(permits.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [counted] = await tx.select({ total: count() }).from(permits).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export async function listPermitsOfPerson(tx: Executor, personId: string): Promise<PermitRow[]> {
  return tx.select().from(permits).where(eq(permits.personId, personId)).orderBy(desc(permits.issuedOn));
}

export async function listPermitsOfHolder(tx: Executor, userId: string): Promise<PermitRow[]> {
  return tx.select().from(permits).where(eq(permits.holderUserId, userId)).orderBy(desc(permits.issuedOn));
}

export async function findPermitAction(tx: Executor, permitId: string, transactionId: string): Promise<boolean> {
  const [row] = await tx.select({ seq: permitActions.seq }).from(permitActions).where(and(eq(permitActions.permitId, permitId), eq(permitActions.transactionId, transactionId)));
  return Boolean(row);
}

export async function insertPermitAction(tx: Tx, values: typeof permitActions.$inferInsert): Promise<void> {
  await tx.insert(permitActions).values(values);
}

export async function listPermitHistory(tx: Executor, permitId: string) {
  return tx
    .select({ action: permitActions, by: users.displayName })
    .from(permitActions)
    .leftJoin(users, eq(users.id, permitActions.actorId))
    .where(eq(permitActions.permitId, permitId))
    .orderBy(asc(permitActions.seq));
}

/** Valid permits whose year ended before `today`: due to be suspended (a page at a time, by the deadline index). */
export async function listLapsed(tx: Executor, today: string, limit: number): Promise<PermitRow[]> {
  return tx.select().from(permits).where(and(eq(permits.status, 'valid'), sql`${permits.validUntil} < ${today}`)).orderBy(asc(permits.validUntil), asc(permits.id)).limit(limit);
}

/** Valid permits whose year ends between `today` and `until`, after the cursor (for reminders). */
export async function listEndingSoon(tx: Executor, today: string, until: string, after: { validUntil: string; id: string } | null, limit: number): Promise<PermitRow[]> {
  return tx
    .select()
    .from(permits)
    .where(and(
      eq(permits.status, 'valid'),
      sql`${permits.validUntil} >= ${today}`,
      lte(permits.validUntil, until),
      after ? sql`(${permits.validUntil}, ${permits.id}) > (${after.validUntil}, ${after.id})` : undefined,
    ))
    .orderBy(asc(permits.validUntil), asc(permits.id))
    .limit(limit);
}

/** The phone of a user account (a portal user logs in with it). */
export async function findUserPhone(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
  return row?.phone ?? null;
}

/**
 * Counts for the jurisdiction's statistics: statuses from the tallies, permits falling due from the expiry
 * tallies, and overdue applications from the open queue (accepted ones only, by their deadline index).
 */
export async function countStats(tx: Executor, scope: Scope, today: string, windowEnd: string) {
  const counted = await tx
    .select({ subject: tallies.subject, status: tallies.status, n: sql<number>`sum(${tallies.n})::int` })
    .from(tallies)
    .where(inScope(tallies.divisionCode, scope))
    .groupBy(tallies.subject, tallies.status);
  const [overdue] = await tx.select({ n: count() }).from(applications).where(and(inScope(applications.divisionCode, scope), eq(applications.status, 'accepted'), sql`${applications.dueOn} < ${today}`));
  const [due] = await tx
    .select({ n: sql<number>`coalesce(sum(${expiryTallies.n}), 0)::int` })
    .from(expiryTallies)
    .where(and(inScope(expiryTallies.divisionCode, scope), sql`${expiryTallies.validUntil} >= ${today}`, lte(expiryTallies.validUntil, windowEnd)));
  return {
    applications: counted.filter((c) => c.subject === 'application'),
    permits: counted.filter((c) => c.subject === 'permit'),
    events: counted.filter((c) => c.subject === 'event'),
    overdue: overdue?.n ?? 0,
    due: due?.n ?? 0,
  };
}

/** The tallies next to a count of the records themselves (for checking them). */
export async function recountTallies(tx: Executor) {
  const kept = await tx.select().from(tallies).where(and(sql`${tallies.n} <> 0`, sql`${tallies.subject} <> 'event'`)).orderBy(tallies.divisionCode, tallies.subject, tallies.status);
  const actual = await tx.execute<{ division_code: string; subject: string; status: string; n: number }>(sql`
    select division_code, 'application' as subject, status, count(*)::int as n from permit_applications group by 1, 3
    union all select division_code, 'permit', status, count(*)::int from permits group by 1, 3 order by 1, 2, 3`);
  const keptDue = await tx.select().from(expiryTallies).where(sql`${expiryTallies.n} <> 0`).orderBy(expiryTallies.divisionCode, expiryTallies.validUntil);
  const actualDue = await tx.execute<{ division_code: string; valid_until: string; n: number }>(sql`
    select division_code, valid_until::text, count(*)::int as n from permits where status = 'valid' group by 1, 2 order by 1, 2`);
  return {
    kept: kept.map((t) => `${t.divisionCode}|${t.subject}|${t.status}|${t.n}`),
    actual: actual.rows.map((t) => `${t.division_code}|${t.subject}|${t.status}|${t.n}`),
    keptDue: keptDue.map((t) => `${t.divisionCode}|${t.validUntil}|${t.n}`),
    actualDue: actualDue.rows.map((t) => `${t.division_code}|${t.valid_until}|${t.n}`),
  };
}

// ── kiosks ───────────────────────────────────────────────────────────────────

export type KioskRow = typeof kiosks.$inferSelect;

export async function insertKiosk(tx: Tx, values: typeof kiosks.$inferInsert): Promise<KioskRow> {
  const [row] = await tx.insert(kiosks).values(values).returning();
  return row!;
}

export async function listKiosks(tx: Executor, scope: Scope): Promise<KioskRow[]> {
  return tx.select().from(kiosks).where(inScope(kiosks.divisionCode, scope)).orderBy(asc(kiosks.divisionCode), asc(kiosks.name)).limit(500);
}

export async function lockKiosk(tx: Tx, scope: Scope, id: string): Promise<KioskRow | undefined> {
  const [row] = await tx.select().from(kiosks).where(and(eq(kiosks.id, id), inScope(kiosks.divisionCode, scope))).for('update');
  return row;
}

export async function findKioskByKeyHash(tx: Executor, keyHash: string): Promise<KioskRow | undefined> {
  const [row] = await tx.select().from(kiosks).where(and(eq(kiosks.keyHash, keyHash), eq(kiosks.status, 'active')));
  return row;
}

export async function updateKiosk(tx: Tx, id: string, values: Partial<typeof kiosks.$inferInsert>): Promise<void> {
  await tx.update(kiosks).set(values).where(eq(kiosks.id, id));
}

/** The permit in force of the person with this ID number, inside `scope`. */
export async function lockPermitInForceByIdNumber(tx: Tx, scope: Scope, idNumber: string): Promise<PermitRow | undefined> {
  const [row] = await tx.select().from(permits).where(and(eq(permits.idNumber, idNumber), inArray(permits.status, ['valid', 'suspended']), inScope(permits.divisionCode, scope))).for('update');
  return row;
}

// ── replacements ─────────────────────────────────────────────────────────────

export type ReplacementRow = typeof replacements.$inferSelect;

export async function insertReplacement(tx: Tx, values: typeof replacements.$inferInsert): Promise<ReplacementRow> {
  const [row] = await tx.insert(replacements).values(values).returning();
  return row!;
}

export async function findReplacementByTransaction(tx: Executor, userId: string, transactionId: string): Promise<ReplacementRow | undefined> {
  const [row] = await tx.select().from(replacements).where(and(eq(replacements.requestedBy, userId), eq(replacements.transactionId, transactionId)));
  return row;
}

/** A replacement inside `scope` (staff), or any (the payment handler). */
export async function lockReplacement(tx: Tx, id: string, scope: Scope | null): Promise<ReplacementRow | undefined> {
  const [row] = await tx.select().from(replacements).where(and(eq(replacements.id, id), scope ? inScope(replacements.divisionCode, scope) : undefined)).for('update');
  return row;
}

export async function updateReplacement(tx: Tx, id: string, values: Partial<typeof replacements.$inferInsert>): Promise<void> {
  await tx.update(replacements).set(values).where(eq(replacements.id, id));
}

export async function listReplacementsOf(tx: Executor, permitId: string): Promise<ReplacementRow[]> {
  return tx.select().from(replacements).where(eq(replacements.permitId, permitId)).orderBy(desc(replacements.createdAt));
}

export async function findReplacementAction(tx: Executor, replacementId: string, transactionId: string): Promise<boolean> {
  const [row] = await tx.select({ seq: replacementActions.seq }).from(replacementActions).where(and(eq(replacementActions.replacementId, replacementId), eq(replacementActions.transactionId, transactionId)));
  return Boolean(row);
}

export async function insertReplacementAction(tx: Tx, values: typeof replacementActions.$inferInsert): Promise<void> {
  await tx.insert(replacementActions).values(values);
}

/** A person's permits of the city, newest first: what the points system counts. */
export async function permitPeriodsOfPerson(db: Executor, personId: string) {
  return db.select({ status: permits.status, issuedOn: permits.issuedOn, runSince: permits.runSince, endedOn: permits.endedOn })
    .from(permits).where(eq(permits.personId, personId)).orderBy(desc(permits.issuedOn));
}
