import { AppError } from '@shared/errors';
import { maskIdNumber } from '@shared/kernel/id-number';
import { maskName } from '@shared/kernel/name';
import { addDays } from '@shared/kernel/workdays';
import type {
  ApplicationStaffActionInput, ObjectionActionInput, ObjectionInput, ObjectionView, PointsApplicationView, PublicListQuery, RankingQuery, RoundActionInput, RoundView,
} from '@shared/points/application.schema';
import { objectionWorkflow, pointsApplicationWorkflow, roundWorkflow } from '@shared/points/application.workflow';
import { parseFacts } from '@shared/points/facts';
import type { PackFile } from '@shared/points/pack.schema';
import * as audit from '../../platform/audit/audit';
import { isCityWide } from '../../platform/auth/scope';
import { getCalendar } from '../../platform/calendar/calendar.service';
import type { Executor, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import type { Ctx } from '../../platform/http/context';
import { tellPerson } from '../../platform/notify/notify';
import { applicationView, rescore, roundPack, roundView } from './points.applications';
import * as repo from './points.repo';
import { today } from './points.service';


function rankingOrder(pack: PackFile) {
  return pack.ranking.tieBreaks.map((tie, index) => (tie.type === 'submitted_at' ? { kind: 'submitted' as const } : { kind: 'value' as const, index }));
}

/** The round's ranking computed and stored again (window ranks, the quota cut), in the caller's transaction. */
async function rank(tx: Tx, round: repo.RoundRow, at: Date) {
  const { pack } = await roundPack(tx, round);
  return repo.rankRound(tx, round.id, rankingOrder(pack), round.quota, round.tieAtCut, at);
}

/** Statuses in which the admitted are shortlisted: every ranking moves applications to match it. */
const SHORTLISTING = ['verifying', 'publishing', 'final'];

/**
 * Moves applications to match the stored ranking: the newly admitted are shortlisted for on-site verification with its
 * deadline; those no longer admitted go back to reviewed. Runs in the caller's transaction.
 */
async function moveToRanking(ctx: Ctx, tx: Tx, round: repo.RoundRow, transactionId: string) {
  const { pack } = await roundPack(tx, round);
  const verifyDue = (await getCalendar(ctx.db, tx)).addWorkdays(today(ctx), pack.round.verificationWorkdays);
  // The moves get their own key: the change that caused the ranking may have written an action of the same application.
  const moved = await repo.applyRanking(tx, round.id, verifyDue, derivedUuid(`${transactionId}:rank`), ctx.actor.userId, ctx.now());
  return { ...moved, verifyDue };
}

/**
 * After a withdrawal, cancellation, abandonment or upheld objection in a ranked round: the ranking is computed again;
 * once the round is shortlisting, the next in rank moves up and is told to come for verification.
 */
export async function rerankAfterChange(ctx: Ctx, tx: Tx, roundId: string, transactionId: string): Promise<void> {
  const round = (await repo.lockRound(tx, roundId))!;
  if (!['ranked', ...SHORTLISTING].includes(round.status)) return;
  const result = await rank(tx, round, ctx.now());
  let moves: Record<string, number | string> = {};
  const changes: Partial<repo.RoundRow> = { rankedAt: ctx.now(), updatedAt: ctx.now() };
  if (SHORTLISTING.includes(round.status)) {
    const moved = await moveToRanking(ctx, tx, round, transactionId);
    const told = await tellShortlisted(ctx, tx, round, moved.shortlistedIds, moved.verifyDue);
    Object.assign(changes, { noticesTotal: round.noticesTotal + told, noticesSent: round.noticesSent + told });
    moves = { shortlisted: moved.shortlisted, unlisted: moved.unlisted };
  }
  await repo.updateRound(tx, round.id, changes);
  await audit.record(tx, ctx, { action: 'points.round.rerank', entityType: 'points_round', entityId: round.id, details: { admitted: result.admitted, ...moves } });
}

/** Tells shortlisted applicants (by id) their rank and verification deadline, once per application and deadline; returns how many were told now. */
async function tellShortlisted(ctx: Ctx, tx: Tx, round: repo.RoundRow, ids: string[], verifyDue: string): Promise<number> {
  if (ids.length === 0) return 0;
  let told = 0;
  for (const a of await repo.shortlistNotices(tx, round.id, ids)) {
    if (await tellPerson(ctx.notifier, tx, { phone: a.phone, userId: a.applicantUserId }, 'points.shortlisted', { number: a.number, rank: a.rank, year: round.year, date: verifyDue }, `points.shortlisted:${a.id}:${verifyDue}`)) told += 1;
  }
  return told;
}

export const TELL_SHORTLISTED_JOB = 'points.tell-shortlisted';
const NOTICE_BATCH = 500;

/**
 * The notices of a round's shortlisting, sent after it commits: 500 applicants per transaction in id order, the round
 * keeping how many are told and the last one, so an interrupted job goes on from there; nobody is told twice (each
 * notice has its key). Returns how many this run told.
 */
export async function tellRoundShortlisted(ctx: Ctx, roundId: string, verifyDue: string, batch = NOTICE_BATCH): Promise<number> {
  let told = 0;
  for (;;) {
    const more = await ctx.db.transaction(async (tx) => {
      const round = await repo.lockRound(tx, roundId);
      if (!round || round.noticesDoneAt) return false;
      const ids = await repo.shortlistedPage(tx, roundId, verifyDue, round.noticesAfter, batch);
      if (ids.length === 0) {
        await repo.updateRound(tx, roundId, { noticesDoneAt: ctx.now() });
        return false;
      }
      const now = await tellShortlisted(ctx, tx, round, ids, verifyDue);
      await repo.updateRound(tx, roundId, { noticesSent: round.noticesSent + now, noticesAfter: ids[ids.length - 1]! });
      told += now;
      return true;
    });
    if (!more) return told;
  }
}

/**
 * Closes a round, ranks it (again), shortlists the admitted for on-site verification (their notices are sent by a job
 * after commit), publishes the list (公示) for its period, or makes it final, which issues the entry cards to the
 * admitted and verified.
 *
 * @throws CITY_LEVEL_ONLY; NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN; POINTS_ROUND_REVIEWS_PENDING before every application
 *   is reviewed; POINTS_VERIFICATION_PENDING while shortlisted applicants have not been verified; POINTS_PUBLICATION_RUNNING
 *   before the publication period ends; POINTS_OBJECTIONS_OPEN while an objection is unanswered.
 * @idempotent on (round, transactionId).
 */
export async function actOnRound(ctx: Ctx, id: string, input: RoundActionInput): Promise<RoundView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  return ctx.db.transaction(async (tx) => {
    const round = await repo.lockRound(tx, id);
    if (!round) throw new AppError('NOT_FOUND');
    if (await repo.findRoundAction(tx, id, input.transactionId)) return roundView(ctx, tx, round);
    const to = roundWorkflow.next(round.status, input.action, ctx.actor.permissions) as repo.RoundRow['status'];
    const changes: Partial<repo.RoundRow> = { status: to, updatedAt: ctx.now() };
    let details: Record<string, string | number | null> = {};
    if (input.action === 'rank') {
      const pending = await repo.countByStatus(tx, id, ['in_review', 'returned']);
      if (pending > 0) throw new AppError('POINTS_ROUND_REVIEWS_PENDING', { count: pending });
      const result = await rank(tx, round, ctx.now());
      changes.rankedAt = ctx.now();
      details = { ranked: result.ranked, admitted: result.admitted, cutRank: result.cutRank, straddling: result.straddling };
    } else if (input.action === 'shortlist') {
      const moved = await moveToRanking(ctx, tx, round, input.transactionId);
      if (ctx.jobs) await ctx.jobs.enqueue(tx, TELL_SHORTLISTED_JOB, { roundId: id, verifyDue: moved.verifyDue }, { singletonKey: `${id}:${moved.verifyDue}` });
      Object.assign(changes, { noticesTotal: moved.shortlisted, noticesSent: 0, noticesAfter: null, noticesDoneAt: null });
      details = { shortlisted: moved.shortlisted, verifyDue: moved.verifyDue };
    } else if (input.action === 'publish') {
      const pending = await repo.countByStatus(tx, id, ['shortlisted']);
      if (pending > 0) throw new AppError('POINTS_VERIFICATION_PENDING', { count: pending });
      const { pack } = await roundPack(tx, round);
      changes.publishedFrom = today(ctx);
      changes.publishedUntil = addDays(today(ctx), pack.round.publicationDays - 1);
      details = { from: changes.publishedFrom, until: changes.publishedUntil };
    } else if (input.action === 'finalize') {
      if (round.publishedUntil && today(ctx) <= round.publishedUntil) throw new AppError('POINTS_PUBLICATION_RUNNING', { until: round.publishedUntil });
      const unverified = await repo.countByStatus(tx, id, ['shortlisted']);
      if (unverified > 0) throw new AppError('POINTS_VERIFICATION_PENDING', { count: unverified });
      const open = await repo.openObjections(tx, id);
      if (open > 0) throw new AppError('POINTS_OBJECTIONS_OPEN', { count: open });
      details = { cards: await repo.issueCards(tx, id, round.year, input.transactionId, ctx.actor.userId, ctx.now()) };
    }
    await repo.updateRound(tx, id, changes);
    await repo.insertRoundAction(tx, { roundId: id, action: input.action, fromStatus: round.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: JSON.stringify(details), at: ctx.now() });
    await audit.record(tx, ctx, { action: `points.round.${input.action}`, entityType: 'points_round', entityId: id, details: { from: round.status, to, ...details } });
    return roundView(ctx, tx, (await repo.findRound(tx, id))!);
  });
}

/** A round's ranking as staff see it (their jurisdiction's lines), with the cut. @throws NOT_FOUND. */
export async function ranking(ctx: Ctx, id: string, query: RankingQuery) {
  const round = await repo.findRound(ctx.db, id);
  if (!round) throw new AppError('NOT_FOUND');
  const { rows, total } = await repo.listRanking(ctx.db, id, ctx.scope, { admitted: query.admitted === undefined ? undefined : query.admitted === 'true', page: query.page, pageSize: query.pageSize });
  const summary = await repo.rankingSummary(ctx.db, id, round.quota);
  const pii = ctx.actor.permissions.includes('registry.pii');
  return {
    round: await roundView(ctx, ctx.db, round),
    items: rows.map(({ ranking: r, application: a }) => ({
      position: r.position, rank: r.rank, tieSize: r.tieSize, admitted: r.admitted, applicationId: a.id, number: a.number, name: a.name,
      idNumber: pii ? a.idNumber : maskIdNumber(a.idNumber), status: a.status, rankingScore: a.rankingScore, total: a.total, tieBreakValues: a.tieBreakValues,
      verifyDue: a.verifyDue, cardNumber: a.cardNumber,
    })),
    total, page: query.page, pageSize: query.pageSize,
    ...summary,
  };
}

/**
 * At a window: on-site verification done (现场核验) or missed (abandoned, the next moves up); or the city cancels an
 * application for false material or on a founded objection (the next moves up). In a final round a verified moved-up
 * applicant gets the entry card at once.
 *
 * @throws NOT_FOUND outside the jurisdiction; WORKFLOW_ACTION_NOT_OPEN / FORBIDDEN; POINTS_REASON_REQUIRED.
 * @idempotent on (application, transactionId).
 */
export async function actOnApplication(ctx: Ctx, id: string, input: ApplicationStaffActionInput): Promise<PointsApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockApplication(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findApplicationAction(tx, id, input.transactionId)) return applicationView(ctx, tx, row, 'staff');
    if (input.action === 'cancel' && !input.reason) throw new AppError('POINTS_REASON_REQUIRED');
    await changeStatus(ctx, tx, row, input.action, input.reason ?? null, input.transactionId);
    return applicationView(ctx, tx, (await repo.findApplication(tx, id, { scope: ctx.scope }))!, 'staff');
  });
}

async function changeStatus(ctx: Ctx, tx: Tx, row: repo.PointsApplicationRow, action: 'verify' | 'abandon' | 'cancel', reason: string | null, transactionId: string): Promise<void> {
  const to = pointsApplicationWorkflow.next(row.status, action, ctx.actor.permissions) as repo.PointsApplicationRow['status'];
  const round = (await repo.findRound(tx, row.roundId))!;
  const changes: Partial<repo.PointsApplicationRow> = { status: to, updatedAt: ctx.now() };
  if (action === 'verify') changes.verifiedOn = today(ctx);
  if (action === 'cancel') changes.cancelReason = reason;
  await repo.updateApplication(tx, row.id, changes);
  await repo.insertApplicationAction(tx, { applicationId: row.id, action, fromStatus: row.status, toStatus: to, transactionId, actorId: ctx.actor.userId, details: reason, at: ctx.now() });
  await audit.record(tx, ctx, { action: `points.application.${action}`, entityType: 'points_application', entityId: row.id, divisionCode: row.divisionCode, details: { from: row.status, to, ...(reason ? { reason } : {}) } });
  if (action === 'cancel') {
    await tellPerson(ctx.notifier, tx, { phone: row.phone, userId: row.applicantUserId }, 'points.application-cancelled', { number: row.number, reason: reason ?? '' }, `points.cancelled:${row.id}`);
  }
  if (action === 'verify' && round.status === 'final') await repo.issueCards(tx, round.id, round.year, derivedUuid(`${transactionId}:card`), ctx.actor.userId, ctx.now());
  if (action !== 'verify') await rerankAfterChange(ctx, tx, row.roundId, transactionId);
}

/**
 * Marks as abandoned every shortlisted applicant whose on-site verification deadline has passed (逾期未核验视为放弃),
 * telling them, and moves the next in rank up. Runs hourly; a re-run changes nothing.
 */
export async function abandonUnverified(ctx: Ctx): Promise<number> {
  const on = today(ctx);
  let abandoned = 0;
  for (;;) {
    const due = await repo.listOverdueVerifications(ctx.db, on, 200);
    if (due.length === 0) return abandoned;
    for (const id of due) {
      await ctx.db.transaction(async (tx) => {
        const row = await repo.lockApplication(tx, id, { scope: { root: '' } });
        if (!row || row.status !== 'shortlisted' || !row.verifyDue || row.verifyDue >= on) return;
        await changeStatus(ctx, tx, row, 'abandon', `未在 ${row.verifyDue} 前现场核验`, derivedUuid(`points.abandon:${row.id}:${row.verifyDue}`));
        abandoned += 1;
      });
    }
  }
}

// ── publication and objections ───────────────────────────────────────────────

/** The public list of a published round: masked names, ranks and scores, the period. @throws NOT_FOUND before publication. */
export async function publicList(ctx: Ctx, id: string, query: PublicListQuery, db: Executor = ctx.db) {
  const { page, pageSize } = query;
  const round = await repo.findRound(db, id);
  if (!round || !['publishing', 'final'].includes(round.status)) throw new AppError('NOT_FOUND');
  const { rows, total } = await repo.publicList(db, id, query);
  const on = today(ctx);
  return {
    round: {
      id: round.id, name: round.name, year: round.year, quota: round.quota, publishedFrom: round.publishedFrom, publishedUntil: round.publishedUntil, status: round.status,
      objectionsOpen: round.status === 'publishing' && !!round.publishedFrom && !!round.publishedUntil && round.publishedFrom <= on && on <= round.publishedUntil,
    },
    items: rows.map((r) => ({ number: r.number, name: maskName(r.name), rank: r.ranking.rank, rankingScore: r.rankingScore, total: r.total, status: r.status === 'card_issued' ? 'card_issued' as const : round.status === 'final' ? 'final' as const : 'listed' as const })),
    total, page, pageSize,
  };
}

/**
 * Anyone files an objection (异议) to a listed applicant during publication, with or without their name.
 *
 * @throws NOT_FOUND; POINTS_OBJECTION_CLOSED outside the publication period; POINTS_OBJECTION_NOT_LISTED.
 * @idempotent on transactionId.
 */
export async function fileObjection(ctx: Ctx, roundId: string, input: ObjectionInput): Promise<{ id: string; filedOn: string; number: string }> {
  return ctx.db.transaction(async (tx) => {
    const replay = await repo.findObjectionByTransaction(tx, input.transactionId);
    if (replay) return { id: replay.id, filedOn: replay.filedOn, number: input.number };
    const list = await publicList(ctx, roundId, { page: 1, pageSize: 1 }, tx);
    if (!list.round.objectionsOpen) throw new AppError('POINTS_OBJECTION_CLOSED', { from: list.round.publishedFrom ?? '', until: list.round.publishedUntil ?? '' });
    const application = await repo.findApplicationByNumber(tx, input.number);
    const listed = application && application.roundId === roundId && (await repo.rankingOf(tx, roundId, application.id))?.admitted && ['verified', 'card_issued'].includes(application.status);
    if (!application || !listed) throw new AppError('POINTS_OBJECTION_NOT_LISTED', { number: input.number });
    objectionWorkflow.next('new', 'file', ['public']);
    const row = await repo.insertObjection(tx, {
      roundId, applicationId: application.id, divisionCode: application.divisionCode, status: 'open', text: input.text,
      contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null, filedOn: today(ctx), transactionId: input.transactionId, createdAt: ctx.now(),
    });
    await repo.insertObjectionAction(tx, { objectionId: row.id, action: 'file', fromStatus: null, toStatus: 'open', transactionId: input.transactionId, actorId: ctx.actor.userId, details: null, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'points.objection.file', entityType: 'points_objection', entityId: row.id, divisionCode: application.divisionCode, details: { application: application.number } });
    return { id: row.id, filedOn: row.filedOn, number: input.number };
  });
}

function objectionView(row: repo.ObjectionRow, number: string, name: string, pii: boolean): ObjectionView {
  return {
    id: row.id, roundId: row.roundId, applicationId: row.applicationId, applicationNumber: number, applicantName: name, status: row.status, text: row.text,
    contactName: row.contactName, contactPhone: row.contactPhone && !pii ? `${row.contactPhone.slice(0, 3)}****${row.contactPhone.slice(7)}` : row.contactPhone,
    answer: row.answer, answeredOn: row.answeredOn, filedOn: row.filedOn,
  };
}

export async function listObjections(ctx: Ctx, roundId: string): Promise<{ items: ObjectionView[] }> {
  const rows = await repo.listObjections(ctx.db, roundId, ctx.scope);
  return { items: rows.map((r) => objectionView(r.objection, r.number, r.name, ctx.actor.permissions.includes('registry.pii'))) };
}

/**
 * Answers an objection in writing. Upheld: the application is cancelled (false material) or its facts corrected and
 * its points recomputed; either way the round is ranked again and the next in rank moves up. The objector, when they
 * left a phone, gets the answer by SMS.
 *
 * @throws NOT_FOUND outside the jurisdiction; WORKFLOW_ACTION_NOT_OPEN; POINTS_FACTS_INVALID for a wrong correction.
 * @idempotent on (objection, transactionId).
 */
export async function answerObjection(ctx: Ctx, id: string, input: ObjectionActionInput): Promise<ObjectionView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockObjection(tx, id, ctx.scope);
    if (!row) throw new AppError('NOT_FOUND');
    const application = (await repo.lockApplication(tx, row.applicationId, { scope: ctx.scope }))!;
    if (await repo.findObjectionAction(tx, id, input.transactionId)) return objectionView(row, application.number, application.name, true);
    const to = objectionWorkflow.next(row.status, input.action, ctx.actor.permissions) as repo.ObjectionRow['status'];
    await repo.updateObjection(tx, id, { status: to, answer: input.answer, answeredBy: ctx.actor.userId, answeredOn: today(ctx) });
    await repo.insertObjectionAction(tx, { objectionId: id, action: input.action, fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.answer, at: ctx.now() });
    await audit.record(tx, ctx, { action: `points.objection.${input.action}`, entityType: 'points_objection', entityId: id, divisionCode: row.divisionCode, details: { application: application.number, cancel: input.cancel ?? false, corrections: Object.keys(input.corrections ?? {}) } });
    if (input.action === 'uphold' && input.cancel) {
      await changeStatus(ctx, tx, application, 'cancel', input.answer, input.transactionId);
    } else if (input.action === 'uphold' && input.corrections && Object.keys(input.corrections).length) {
      const round = (await repo.findRound(tx, application.roundId))!;
      const { pack } = await roundPack(tx, round);
      const parsed = parseFacts(pack, input.corrections);
      if (!parsed.ok) throw new AppError('POINTS_FACTS_INVALID', { count: parsed.issues.length }, parsed.issues);
      const facts = { ...application.facts };
      for (const [fact, value] of Object.entries(parsed.facts)) {
        const before = facts[fact] ?? { value: null, source: 'declared' as const, verified: false, evidence: [] };
        facts[fact] = { ...before, value, verified: true, corrected: { from: before.value, reason: input.answer, by: ctx.actor.displayName } };
      }
      await repo.updateApplication(tx, application.id, { facts, ...(await rescore(tx, application, facts)), updatedAt: ctx.now() });
      await repo.insertApplicationAction(tx, { applicationId: application.id, action: 'correct', fromStatus: application.status, toStatus: application.status, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.answer, at: ctx.now() });
      await rerankAfterChange(ctx, tx, application.roundId, input.transactionId);
    }
    if (row.contactPhone) {
      await ctx.notifier.enqueue(tx, { channel: 'sms', recipient: row.contactPhone, template: 'points.objection-answered', params: { number: application.number, answer: input.answer }, dedupeKey: `points.objection:${id}` });
    }
    const after = (await repo.lockObjection(tx, id, ctx.scope))!;
    return objectionView(after, application.number, application.name, ctx.actor.permissions.includes('registry.pii'));
  });
}
