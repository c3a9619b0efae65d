import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, type FieldIssue } from '@shared/errors';
import { translate, type Language } from '@shared/i18n';
import { maskIdNumber, parseIdNumber } from '@shared/kernel/id-number';
import { maskName } from '@shared/kernel/name';
import { maskPhone } from '@shared/kernel/phone';
import { addDays, chinaDate, type IsoDate } from '@shared/kernel/workdays';
import { addMonths, daysBetween, eligibleFrom, endorsementTiming, permitYear, registeredSince } from '@shared/permits/permit-dates';
import {
  requiredEvidence, type ApplicationActionInput, type ApplicationInput, type ApplicationListItem, type ApplicationListQuery, type ApplicationPage,
  type ApplicationView, type EligibilityQuery, type EligibilityView, type EvidenceKind, type MyPermits, type PermitActionInput, type PermitListQuery,
  type PermitPage, type PermitStats, type PermitView, type PersonPermits, type VerifyView,
} from '@shared/permits/permit.schema';
import { applicationWorkflow, permitWorkflow, type ApplicationAction } from '@shared/permits/permit.workflow';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import { getCalendar } from '../../platform/calendar/calendar.service';
import type { Executor, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { isUniqueViolation } from '../../platform/db/errors';
import { cachedDivisionPath } from '../../platform/divisions/divisions.service';
import { listFiles } from '../../platform/files/files';
import { systemActor as systemActorFor, type Ctx } from '../../platform/http/context';
import { tellPerson, type Notifier } from '../../platform/notify/notify';
import { onDomainEvent } from '../../platform/events';
import { getSetting } from '../../platform/settings/settings.service';
import { findResident } from '../registry';
import * as repo from './permits.repo';
import { presentReplacements } from './permits.replacement';

/** Where the QR code of an electronic permit leads: the public verification page. */
export const VERIFY_PATH = '/verify/';

type Settings = { minMonths: number; gapDays: number; issueDays: number; issueInWorkdays: boolean; validityMonths: number; windowMonths: number; firstReminder: number; secondReminder: number; lapseCounts: boolean };

async function settingsOf(tx: Executor): Promise<Settings> {
  return {
    minMonths: await getSetting(tx, 'permits.minResidenceMonths'),
    gapDays: await getSetting(tx, 'permits.continuityGapDays'),
    issueDays: await getSetting(tx, 'permits.issueDays'),
    issueInWorkdays: await getSetting(tx, 'permits.issueDaysAreWorkdays'),
    validityMonths: await getSetting(tx, 'permits.validityMonths'),
    windowMonths: await getSetting(tx, 'permits.endorseWindowMonths'),
    firstReminder: await getSetting(tx, 'permits.firstReminderDays'),
    secondReminder: await getSetting(tx, 'permits.secondReminderDays'),
    lapseCounts: await getSetting(tx, 'permits.lapseCountsAsResidence'),
  };
}

const today = (ctx: Pick<Ctx, 'now'>) => chinaDate(ctx.now());
const canSeePii = (ctx: Ctx) => ctx.actor.kind === 'staff' && ctx.actor.permissions.includes('registry.pii');

/** The evidence kinds in words, in one language, joined as a list. */
function evidenceWords(lang: Language, kinds: readonly string[]): string {
  return kinds.map((kind) => translate(lang, `permits:evidence.${kind}`)).join(lang === 'en' ? ', ' : '、');
}

/** One field issue per missing material, in both languages, so a form marks each at once (一次性告知). */
function missingIssues(kinds: readonly EvidenceKind[]): FieldIssue[] {
  return kinds.map((kind) => ({
    path: `evidence.${kind}`,
    code: 'missing',
    message: translate('zh-CN', 'errors:PERMITS_MATERIALS_MISSING_ITEM', { item: translate('zh-CN', `permits:evidence.${kind}`) }),
    messageEn: translate('en', 'errors:PERMITS_MATERIALS_MISSING_ITEM', { item: translate('en', `permits:evidence.${kind}`) }),
  }));
}

// ── eligibility ──────────────────────────────────────────────────────────────

/**
 * Whether the registered person may apply today: registered and living in the city, for the months the rule asks
 * (moves inside the city with short gaps count as continuous). Every problem is named at once.
 */
async function assess(tx: Executor, idNumber: string, name: string, on: IsoDate, s: Settings) {
  const parsed = parseIdNumber(idNumber, { today: on });
  if (!parsed.ok) return { resident: undefined, problems: ['PERMITS_NOT_REGISTERED' as const] };
  const resident = await findResident(tx, parsed.facts.idNumber, name);
  if (!resident || !resident.home) return { resident, problems: ['PERMITS_NOT_REGISTERED' as const] };
  const since = registeredSince(resident.stays, s.gapDays)!;
  const from = eligibleFrom(since, s.minMonths);
  const problems: ('PERMITS_TOO_EARLY' | 'PERMITS_ALREADY_HELD' | 'PERMITS_APPLICATION_OPEN')[] = [];
  if (on < from) problems.push('PERMITS_TOO_EARLY');
  const held = await repo.findPermitInForce(tx, resident.id);
  if (held) problems.push('PERMITS_ALREADY_HELD');
  const open = await repo.findOpenApplicationOf(tx, resident.id);
  if (open) problems.push('PERMITS_APPLICATION_OPEN');
  return { resident, since, from, held, open, problems };
}

/**
 * Tells a resident (or the counter) before applying whether they may apply now, and if it is too early the date
 * from which they may (the reminder the plan asks for).
 *
 * @throws NOT_FOUND for staff asking about someone living outside their jurisdiction.
 */
export async function checkEligibility(ctx: Ctx, query: EligibilityQuery): Promise<EligibilityView> {
  const s = await settingsOf(ctx.db);
  const on = today(ctx);
  const result = await assess(ctx.db, query.idNumber, query.name, on, s);
  const staff = ctx.actor.kind === 'staff';
  if (staff && result.resident?.home && !scopeContains(ctx.scope, result.resident.home.divisionCode)) throw new AppError('NOT_FOUND');
  const params = { date: result.from ?? '', months: s.minMonths };
  return {
    registered: Boolean(result.resident?.home),
    // The portal names no address: anyone may type an ID number and a name.
    address: staff ? (result.resident?.home?.address ?? null) : null,
    registeredSince: result.since ?? null,
    eligibleFrom: result.from ?? null,
    eligibleNow: result.problems.length === 0,
    minMonths: s.minMonths,
    gapDays: s.gapDays,
    problems: result.problems.map((code) => ({ code, message: translate(ctx.lang, `errors:${code}`, params) })),
    permitNumber: result.held?.number ?? null,
    openApplication: result.open?.number ?? null,
  };
}

// ── presenting ───────────────────────────────────────────────────────────────

function presentListItem(ctx: Ctx, row: repo.ApplicationRow, path: string[], on: IsoDate, permitNumber: string | null, actions: string[]): ApplicationListItem {
  const pii = canSeePii(ctx) || ctx.actor.kind !== 'staff';
  const daysLeft = row.dueOn && row.status === 'accepted' ? daysBetween(on, row.dueOn) : null;
  return {
    id: row.id, number: row.number, status: row.status, channel: row.channel, personId: ctx.actor.kind === 'staff' ? row.personId : null,
    name: row.name, idNumber: pii ? row.idNumber : maskIdNumber(row.idNumber), phone: row.phone ? (pii ? row.phone : maskPhone(row.phone)) : null,
    address: ctx.actor.kind === 'staff' || row.status === 'issued' ? row.address : null, divisionCode: row.divisionCode, divisionPath: path, basis: row.basis, basisDetail: row.basisDetail,
    registeredSince: row.registeredSince, eligibleFrom: row.eligibleFrom, submittedOn: row.submittedOn, acceptedOn: row.acceptedOn,
    dueOn: row.dueOn, daysLeft, overdue: daysLeft !== null && daysLeft < 0, missing: row.missing as EvidenceKind[], note: row.note,
    permitId: row.permitId, permitNumber, actions,
  };
}

/** The actions the caller may take on an application now: staff their review steps, the author withdraw or resubmit. */
function applicationActionsFor(ctx: Ctx, row: repo.ApplicationRow): ApplicationAction[] {
  if (ctx.actor.kind === 'staff') {
    if (!scopeContains(ctx.scope, row.divisionCode)) return [];
    return applicationWorkflow.available(row.status, ctx.actor.permissions).filter((a) => !['submit', 'submit_counter', 'resubmit', 'withdraw'].includes(a));
  }
  if (row.applicantUserId !== ctx.actor.userId) return [];
  return applicationWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a === 'withdraw' || a === 'resubmit');
}

async function applicationView(ctx: Ctx, tx: Executor, row: repo.ApplicationRow): Promise<ApplicationView> {
  const on = today(ctx);
  const path = await cachedDivisionPath(ctx.db, tx, row.divisionCode);
  const permit = row.permitId ? await repo.findPermit(tx, row.permitId, { scope: { root: '' } }) : undefined;
  const evidence = await repo.listEvidence(tx, row.id);
  const files = new Map((await listFiles(tx, evidence.map((e) => e.fileId))).map((f) => [f.id, f]));
  const history = await repo.listApplicationHistory(tx, row.id);
  const pii = canSeePii(ctx) || ctx.actor.kind !== 'staff';
  return {
    ...presentListItem(ctx, row, path, on, permit?.number ?? null, applicationActionsFor(ctx, row)),
    proxy: row.proxyName && row.proxyIdNumber && row.proxyRelation && row.proxyReason
      ? { name: row.proxyName, idNumber: pii ? row.proxyIdNumber : maskIdNumber(row.proxyIdNumber), relation: row.proxyRelation, reason: row.proxyReason }
      : null,
    evidence: evidence.flatMap((e) => {
      const file = files.get(e.fileId);
      return file ? [{ kind: e.kind, fileId: e.fileId, name: file.name, mime: file.mime, sizeBytes: file.sizeBytes }] : [];
    }),
    history: presentHistory(ctx, history),
  };
}

/** An action's details in words: an endorsement's timing, new last day and channel; a replacement's reason and card. */
function detailsInWords(ctx: Ctx, action: string, details: string | null): string | null {
  if (!details) return null;
  if (action === 'endorse' && details.startsWith('{')) {
    const d = JSON.parse(details) as { timing: string; validUntil: string; channel: string };
    return translate(ctx.lang, 'permits:history.endorsed', { timing: translate(ctx.lang, `permits:history.timing.${d.timing}`), date: d.validUntil, channel: translate(ctx.lang, `permits:actions.${d.channel}`) });
  }
  const replaced = action === 'replace' ? /^(lost|damaged) #(\d+)$/.exec(details) : null;
  if (replaced) return translate(ctx.lang, 'permits:history.replaced', { reason: translate(ctx.lang, `permits:replacement.reason.${replaced[1]!}`), card: replaced[2]! });
  return details;
}

/** Workflow history as the caller may see it: staff see who acted, residents only what was done and when. */
function presentHistory(ctx: Ctx, rows: { action: { action: string; fromStatus: string | null; toStatus: string; at: Date; details: string | null }; by: string | null }[]) {
  return rows.map((h) => ({
    action: h.action.action, from: h.action.fromStatus, to: h.action.toStatus, at: h.action.at.toISOString(),
    by: ctx.actor.kind === 'staff' ? h.by : null, details: detailsInWords(ctx, h.action.action, h.action.details),
  }));
}

function permitState(row: repo.PermitRow, on: IsoDate): VerifyView['state'] {
  if (row.status === 'revoked') return 'revoked';
  if (row.status === 'cancelled') return 'expired';
  // A year that ended before the daily suspension ran is already suspended in law.
  return row.status === 'suspended' || row.validUntil < on ? 'suspended' : 'valid';
}

function permitActionsFor(ctx: Ctx, row: repo.PermitRow): string[] {
  if (ctx.actor.kind === 'staff') {
    if (!scopeContains(ctx.scope, row.divisionCode)) return [];
    return permitWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a !== 'issue' && a !== 'endorse_online' && a !== 'endorse_kiosk' && a !== 'suspend');
  }
  return row.holderUserId === ctx.actor.userId ? permitWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a === 'endorse_online') : [];
}

function permitListItem(ctx: Ctx, row: repo.PermitRow, s: Settings, on: IsoDate) {
  const pii = canSeePii(ctx) || ctx.actor.kind !== 'staff';
  const year = permitYear(row.runSince, row.endorsedYears, s.validityMonths, s.windowMonths);
  const inForce = row.status === 'valid' || row.status === 'suspended';
  return {
    id: row.id, number: row.number, status: row.status, personId: row.personId, name: row.name,
    idNumber: pii ? row.idNumber : maskIdNumber(row.idNumber), sex: row.sex, birthDate: row.birthDate, address: row.address, divisionCode: row.divisionCode,
    issuedOn: row.issuedOn, runSince: row.runSince, endorsedYears: row.endorsedYears, validUntil: row.validUntil, windowOpensOn: year.windowOpensOn,
    residenceSince: s.lapseCounts ? row.issuedOn : row.runSince,
    endorsable: inForce ? (row.status === 'suspended' ? 'late' as const : endorsementTiming(on, year)) : null,
    suspendedOn: row.suspendedOn, endedOn: row.endedOn, endReason: row.endReason, actions: permitActionsFor(ctx, row),
  };
}

async function permitView(ctx: Ctx, tx: Executor, row: repo.PermitRow, origin: string | null): Promise<PermitView> {
  const s = await settingsOf(tx);
  const history = await repo.listPermitHistory(tx, row.id);
  const url = origin ? `${origin}${VERIFY_PATH}${row.verifyToken}` : null;
  return {
    ...permitListItem(ctx, row, s, today(ctx)),
    verifyUrl: url,
    qrPng: url ? await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 280 }) : null,
    history: presentHistory(ctx, history),
    replacements: await presentReplacements(ctx, tx, row.id),
  };
}

// ── applying ─────────────────────────────────────────────────────────────────

/** Every material the basis needs that the application lacks, and a check that each file is the applicant's own upload. */
async function checkMaterials(tx: Executor, ownerId: string, staff: boolean, basis: ApplicationInput['basis'], proxy: boolean, evidence: ApplicationInput['evidence']): Promise<void> {
  const files = await listFiles(tx, evidence.map((e) => e.fileId));
  // A resident sends only what they uploaded themselves; at the counter staff upload the scans.
  if (files.length !== new Set(evidence.map((e) => e.fileId)).size || (!staff && files.some((f) => f.ownerUserId !== ownerId))) throw new AppError('PERMITS_FILE_UNKNOWN');
  const given = new Set(evidence.map((e) => e.kind));
  const missing = requiredEvidence(basis, proxy).filter((kind) => !given.has(kind));
  if (missing.length > 0) throw new AppError('PERMITS_MATERIALS_MISSING', { count: missing.length }, missingIssues(missing));
}

/**
 * Applies for a residence permit, in the portal (by the person or a guardian or relative on their behalf) or at a
 * counter (accepted there and then, so the issue deadline starts). The person must be registered and living in
 * the city for the months the rule asks; every missing material is named at once.
 *
 * @throws PERMITS_NOT_REGISTERED when the ID number and name are not registered as living in the city.
 * @throws PERMITS_TOO_EARLY with the date from which one may apply; PERMITS_ALREADY_HELD; PERMITS_APPLICATION_OPEN.
 * @throws PERMITS_PROXY_REQUIRED for an under-16 applying alone; PERMITS_PROXY_INVALID for a proxy's wrong ID number.
 * @throws PERMITS_MATERIALS_MISSING with one issue per missing material; PERMITS_FILE_UNKNOWN.
 * @throws NOT_FOUND at a counter outside the person's jurisdiction; FORBIDDEN for staff in the portal and residents at the counter.
 * @idempotent on (author, transactionId).
 */
export async function submitApplication(ctx: Ctx, input: ApplicationInput, channel: 'portal' | 'counter'): Promise<ApplicationView> {
  const counter = channel === 'counter';
  if (counter !== (ctx.actor.kind === 'staff')) throw new AppError('FORBIDDEN', { permission: counter ? 'permits.counter' : 'portal.use' });
  const userId = ctx.actor.userId!;
  const on = today(ctx);
  const created = ctx.db.transaction(async (tx) => {
    const replay = await repo.findApplicationByTransaction(tx, userId, input.transactionId);
    if (replay) return replay.id;
    const s = await settingsOf(tx);
    const found = await assess(tx, input.idNumber, input.name, on, s);
    const resident = found.resident;
    if (!resident?.home || !found.since || !found.from) throw new AppError('PERMITS_NOT_REGISTERED');
    if (counter && !scopeContains(ctx.scope, resident.home.divisionCode)) throw new AppError('NOT_FOUND');
    const first = found.problems[0];
    if (first) throw new AppError(first, { date: found.from, months: s.minMonths, number: found.held?.number ?? found.open?.number ?? '' });
    const age = ageOn(resident.birthDate, on);
    if (input.proxy) {
      const proxy = parseIdNumber(input.proxy.idNumber, { today: on });
      if (!proxy.ok || proxy.facts.idNumber === resident.idNumber) throw new AppError('PERMITS_PROXY_INVALID');
    } else if (age < 16 && !counter) {
      throw new AppError('PERMITS_PROXY_REQUIRED');
    }
    await checkMaterials(tx, userId, counter, input.basis, Boolean(input.proxy), input.evidence);
    const to = applicationWorkflow.next('new', counter ? 'submit_counter' : 'submit', ctx.actor.permissions);
    const stored = to === 'new' ? 'submitted' : to;
    const due = counter ? await issueDeadline(ctx, tx, on, s) : null;
    const row = await repo.insertApplication(tx, {
      number: await repo.nextApplicationNumber(tx, on.slice(0, 4)), personId: resident.id, name: resident.name, idNumber: resident.idNumber, sex: resident.sex,
      birthDate: resident.birthDate, address: resident.home.address, divisionCode: resident.home.divisionCode, channel: counter ? 'counter' : 'portal', status: stored,
      basis: input.basis, basisDetail: input.basisDetail, phone: input.phone ?? (counter ? resident.phone : await repo.findUserPhone(tx, userId)),
      proxyName: input.proxy?.name ?? null, proxyIdNumber: input.proxy ? input.proxy.idNumber.toUpperCase() : null, proxyRelation: input.proxy?.relation ?? null, proxyReason: input.proxy?.reason ?? null,
      registeredSince: found.since, eligibleFrom: found.from, submittedOn: on, acceptedOn: counter ? on : null, dueOn: due,
      applicantUserId: userId, transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    await repo.replaceEvidence(tx, row.id, input.evidence, ctx.now());
    await repo.insertApplicationAction(tx, { applicationId: row.id, action: counter ? 'submit_counter' : 'submit', fromStatus: null, toStatus: stored, transactionId: input.transactionId, actorId: userId, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'permits.application.submit', entityType: 'permit_application', entityId: row.id, divisionCode: row.divisionCode, details: { number: row.number, channel: row.channel, basis: row.basis, proxy: Boolean(input.proxy) } });
    return row.id;
  });
  const id = await created.catch(async (error: unknown) => {
    if (isUniqueViolation(error, 'permit_applications_open_key')) throw new AppError('PERMITS_APPLICATION_OPEN', { number: '' });
    if (isUniqueViolation(error, 'permit_applications_tx_key')) {
      const first = await repo.findApplicationByTransaction(ctx.db, userId, input.transactionId);
      if (first) return first.id;
    }
    throw error;
  });
  const row = (await repo.findApplication(ctx.db, id, counter ? { scope: ctx.scope } : { userId }))!;
  return applicationView(ctx, ctx.db, row);
}

function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The last day to issue a permit accepted on `acceptedOn`: calendar days or working days, as the setting says. */
async function issueDeadline(ctx: Pick<Ctx, 'db'>, tx: Executor, acceptedOn: IsoDate, s: Settings): Promise<IsoDate> {
  if (!s.issueInWorkdays) return addDays(acceptedOn, s.issueDays);
  return (await getCalendar(ctx.db, tx)).addWorkdays(acceptedOn, s.issueDays);
}

// ── reviewing ────────────────────────────────────────────────────────────────

/** Applications in the caller's jurisdiction, nearest issue deadline first. */
export async function listApplications(ctx: Ctx, query: ApplicationListQuery): Promise<ApplicationPage> {
  const on = today(ctx);
  const { rows, total } = await repo.listApplications(ctx.db, ctx.scope, query, on);
  const items = await Promise.all(rows.map(async (row) => presentListItem(ctx, row, await cachedDivisionPath(ctx.db, ctx.db, row.divisionCode), on, null, applicationActionsFor(ctx, row))));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * One application with its materials, history and the actions open to the caller. The read is audited.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findApplication(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    await audit.record(tx, ctx, { action: 'permits.application.read', entityType: 'permit_application', entityId: id, divisionCode: row.divisionCode });
    return applicationView(ctx, tx, row);
  });
}

/**
 * One material of an application, for the reviewer to look at.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction or for a file not among the application's materials.
 */
export async function getEvidenceFile(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const row = await repo.findApplication(ctx.db, id, { scope: ctx.scope });
  if (!row || !(await repo.evidenceHasFile(ctx.db, id, fileId))) throw new AppError('NOT_FOUND');
  return fileId;
}

const tell = tellPerson;

/** The portal account to tell about an application: its author when they applied in the portal. */
function applicantOf(row: repo.ApplicationRow): { phone: string | null; userId: string | null } {
  return { phone: row.phone, userId: row.channel === 'portal' ? row.applicantUserId : null };
}

/**
 * A step of the review: accept, return with everything missing in one notice, refuse with a reason, or issue the
 * permit. Two officers acting at once: one wins, the other gets WORKFLOW_ACTION_NOT_OPEN.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN / FORBIDDEN from the workflow.
 * @throws PERMITS_RETURN_NEEDS_ITEMS, PERMITS_NOTE_REQUIRED; PERMITS_ALREADY_HELD; PERMITS_NOT_REGISTERED at issue.
 * @idempotent on (application, transactionId).
 */
export async function actOnApplication(ctx: Ctx, id: string, input: ApplicationActionInput, origin: string, side: 'staff' | 'applicant'): Promise<ApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const staff = side === 'staff';
    const row = await repo.lockApplication(tx, id, staff ? { scope: ctx.scope } : { userId: ctx.actor.userId ?? '' });
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findApplicationAction(tx, id, input.transactionId)) return applicationView(ctx, tx, row);
    const action = input.action;
    const allowed = staff ? ['accept', 'return', 'refuse', 'issue'] : ['withdraw', 'resubmit'];
    if (!allowed.includes(action)) throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status: row.status, action });
    const to = applicationWorkflow.next(row.status, action, ctx.actor.permissions);
    const status = to === 'new' ? row.status : to;
    const on = today(ctx);
    const s = await settingsOf(tx);
    const changes: Partial<repo.ApplicationRow> = { status, updatedAt: ctx.now() };
    let details: string | null = input.note ?? null;
    if (action === 'accept') {
      changes.acceptedOn = on;
      changes.dueOn = await issueDeadline(ctx, tx, on, s);
    } else if (action === 'return') {
      if (!input.missing?.length && !input.note) throw new AppError('PERMITS_RETURN_NEEDS_ITEMS');
      changes.missing = input.missing ?? [];
      changes.note = input.note ?? null;
      changes.acceptedOn = null;
      changes.dueOn = null;
      details = JSON.stringify({ missing: input.missing ?? [], note: input.note ?? null });
      await tell(ctx.notifier, tx, applicantOf(row), 'permits.application-returned', { number: row.number, items: evidenceWords('zh-CN', input.missing ?? []) || '见说明', note: input.note ?? '' }, `permits.returned:${row.id}:${input.transactionId}`);
    } else if (action === 'refuse') {
      if (!input.note) throw new AppError('PERMITS_NOTE_REQUIRED');
      changes.note = input.note;
      changes.decidedOn = on;
      await tell(ctx.notifier, tx, applicantOf(row), 'permits.application-refused', { number: row.number, note: input.note }, `permits.refused:${row.id}`);
    } else if (action === 'issue') {
      const permit = await issuePermit(ctx, tx, row, derivedUuid(`${input.transactionId}:permit`), s);
      changes.permitId = permit.id;
      changes.decidedOn = on;
      details = permit.number;
      await tell(ctx.notifier, tx, { phone: row.phone, userId: permit.holderUserId }, 'permits.ready', { name: row.name, number: permit.number, url: `${origin}/portal/permit` }, `permits.ready:${permit.id}`);
    } else if (action === 'resubmit') {
      const evidence = input.evidence ?? [];
      await checkMaterials(tx, ctx.actor.userId ?? '', false, row.basis, Boolean(row.proxyName), evidence);
      await repo.replaceEvidence(tx, row.id, evidence, ctx.now());
      changes.missing = [];
      changes.note = null;
    }
    await repo.updateApplication(tx, row, changes);
    await repo.insertApplicationAction(tx, { applicationId: id, action, fromStatus: row.status, toStatus: status, transactionId: input.transactionId, actorId: ctx.actor.userId, details, at: ctx.now() });
    await audit.record(tx, ctx, { action: `permits.application.${action}`, entityType: 'permit_application', entityId: id, divisionCode: row.divisionCode, details: { from: row.status, to: status, ...(details ? { details } : {}) } });
    return applicationView(ctx, tx, (await repo.findApplication(tx, id, { scope: { root: '' } }))!);
  });
}

/** Creates the permit of an accepted application: a number, the first year from today, a verification token. */
async function issuePermit(ctx: Ctx, tx: Tx, application: repo.ApplicationRow, transactionId: string, s: Settings): Promise<repo.PermitRow> {
  const on = today(ctx);
  const resident = await findResident(tx, application.idNumber, application.name);
  if (!resident?.home) throw new AppError('PERMITS_NOT_REGISTERED');
  if (await repo.findPermitInForce(tx, resident.id)) throw new AppError('PERMITS_ALREADY_HELD', { number: '' });
  const to = permitWorkflow.next('new', 'issue', ctx.actor.permissions);
  const permit = await repo.insertPermit(tx, {
    number: await repo.nextPermitNumber(tx, application.divisionCode.slice(0, 4), on.slice(0, 4)), personId: resident.id, name: resident.name, idNumber: resident.idNumber,
    sex: resident.sex, birthDate: resident.birthDate, address: resident.home.address, divisionCode: resident.home.divisionCode, applicationId: application.id,
    status: to === 'new' ? 'valid' : to, issuedOn: on, runSince: on, endorsedYears: 0, validUntil: permitYear(on, 0, s.validityMonths, s.windowMonths).validUntil,
    verifyToken: randomBytes(18).toString('base64url'), holderUserId: application.channel === 'portal' ? application.applicantUserId : null, createdAt: ctx.now(), updatedAt: ctx.now(),
  });
  await repo.insertPermitAction(tx, { permitId: permit.id, action: 'issue', fromStatus: null, toStatus: permit.status, transactionId, actorId: ctx.actor.userId, details: application.number, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'permits.permit.issue', entityType: 'permit', entityId: permit.id, divisionCode: permit.divisionCode, details: { number: permit.number, validUntil: permit.validUntil } });
  return permit;
}

// ── permits ──────────────────────────────────────────────────────────────────

export async function listPermits(ctx: Ctx, query: PermitListQuery): Promise<PermitPage> {
  const s = await settingsOf(ctx.db);
  const on = today(ctx);
  const { rows, total } = await repo.listPermits(ctx.db, ctx.scope, query);
  return { items: rows.map((row) => permitListItem(ctx, row, s, on)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * A permit with its history and the actions open to the caller. The read is audited.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getPermit(ctx: Ctx, id: string, origin: string): Promise<PermitView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findPermit(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    await audit.record(tx, ctx, { action: 'permits.permit.read', entityType: 'permit', entityId: id, divisionCode: row.divisionCode });
    return permitView(ctx, tx, row, origin);
  });
}

/**
 * Endorses a locked permit for its next year: within the window the year follows on; after the deadline (the
 * permit suspended) the permit is restored and its years run anew from today (第十条).
 *
 * @throws PERMITS_ENDORSE_TOO_EARLY before the window opens; PERMITS_NOT_REGISTERED when the holder no longer lives in the city.
 */
export async function endorseLocked(ctx: Ctx, tx: Tx, row: repo.PermitRow, action: 'endorse' | 'endorse_online' | 'endorse_kiosk', transactionId: string): Promise<void> {
  const s = await settingsOf(tx);
  const on = today(ctx);
  const year = permitYear(row.runSince, row.endorsedYears, s.validityMonths, s.windowMonths);
  const timing = row.status === 'suspended' ? 'late' : endorsementTiming(on, year);
  if (timing === 'early') throw new AppError('PERMITS_ENDORSE_TOO_EARLY', { date: year.windowOpensOn });
  const to = permitWorkflow.next(row.status, action, ctx.actor.permissions);
  const resident = await findResident(tx, row.idNumber, row.name);
  if (!resident?.home) throw new AppError('PERMITS_NOT_REGISTERED');
  const next = timing === 'late' ? { runSince: on, endorsedYears: 0 } : { runSince: row.runSince, endorsedYears: row.endorsedYears + 1 };
  const validUntil = permitYear(next.runSince, next.endorsedYears, s.validityMonths, s.windowMonths).validUntil;
  await repo.updatePermit(tx, row, { ...next, validUntil, status: to === 'new' ? 'valid' : to, suspendedOn: null, address: resident.home.address, divisionCode: resident.home.divisionCode, updatedAt: ctx.now() });
  await repo.countEndorsement(tx, resident.home.divisionCode, on);
  const details = JSON.stringify({ timing, validUntil, channel: action });
  await repo.insertPermitAction(tx, { permitId: row.id, action: 'endorse', fromStatus: row.status, toStatus: 'valid', transactionId, actorId: ctx.actor.userId, details, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'permits.permit.endorse', entityType: 'permit', entityId: row.id, divisionCode: row.divisionCode, details: { timing, validUntil, channel: action } });
}

/**
 * A staff action on a permit: endorse at the counter, cancel (left the city, local household registration) or revoke.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN; PERMITS_ENDORSE_TOO_EARLY; PERMITS_REASON_REQUIRED.
 * @idempotent on (permit, transactionId).
 */
export async function actOnPermit(ctx: Ctx, id: string, input: PermitActionInput, origin: string): Promise<PermitView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPermit(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await repo.findPermitAction(tx, id, input.transactionId))) {
      if (input.action === 'endorse') {
        await endorseLocked(ctx, tx, row, 'endorse', input.transactionId);
      } else {
        const to = permitWorkflow.next(row.status, input.action, ctx.actor.permissions);
        if (!input.reason) throw new AppError('PERMITS_REASON_REQUIRED');
        const status = to === 'new' ? row.status : to;
        await repo.updatePermit(tx, row, { status, endedOn: today(ctx), endReason: input.note ? `${input.reason}: ${input.note}` : input.reason, updatedAt: ctx.now() });
        await repo.insertPermitAction(tx, { permitId: id, action: input.action, fromStatus: row.status, toStatus: status, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.reason, at: ctx.now() });
        await audit.record(tx, ctx, { action: `permits.permit.${input.action}`, entityType: 'permit', entityId: id, divisionCode: row.divisionCode, details: { reason: input.reason, note: input.note ?? null } });
      }
    }
    return permitView(ctx, tx, (await repo.findPermit(tx, id, { scope: { root: '' } }))!, origin);
  });
}

/**
 * The holder endorses their own electronic permit in the portal.
 *
 * @throws NOT_FOUND for someone else's permit; PERMITS_ENDORSE_TOO_EARLY; WORKFLOW_ACTION_NOT_OPEN for a cancelled permit.
 * @idempotent on (permit, transactionId).
 */
export async function endorseMine(ctx: Ctx, id: string, transactionId: string, origin: string): Promise<PermitView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPermit(tx, id, { userId: ctx.actor.userId ?? '' });
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await repo.findPermitAction(tx, id, transactionId))) await endorseLocked(ctx, tx, row, 'endorse_online', transactionId);
    return permitView(ctx, tx, (await repo.findPermit(tx, id, { userId: ctx.actor.userId ?? '' }))!, origin);
  });
}

/** The portal's view: the caller's electronic permits (with their QR codes) and the applications they made. */
export async function myPermits(ctx: Ctx, origin: string): Promise<MyPermits> {
  const userId = ctx.actor.userId ?? '';
  const permits = await repo.listPermitsOfHolder(ctx.db, userId);
  const applications = await repo.listApplicationsOfUser(ctx.db, userId);
  return {
    permits: await Promise.all(permits.map((row) => permitView(ctx, ctx.db, row, origin))),
    applications: await Promise.all(applications.map((row) => applicationView(ctx, ctx.db, row))),
  };
}

/**
 * What the public verification page shows for a scanned electronic permit: its state and a masked name only.
 *
 * @throws NOT_FOUND for a token that names no permit.
 */
export async function verifyPermit(ctx: Ctx, token: string): Promise<VerifyView> {
  const row = await repo.findPermitByToken(ctx.db, token);
  if (!row) throw new AppError('NOT_FOUND');
  return { state: permitState(row, today(ctx)), name: maskName(row.name) };
}

/** The person page's panel: the permits and applications of a person, as far as they lie in the caller's jurisdiction. */
export async function personPermits(ctx: Ctx, personId: string): Promise<PersonPermits> {
  const s = await settingsOf(ctx.db);
  const on = today(ctx);
  const permits = (await repo.listPermitsOfPerson(ctx.db, personId)).filter((row) => scopeContains(ctx.scope, row.divisionCode));
  const applications = (await repo.listApplicationsOfPerson(ctx.db, personId)).filter((row) => scopeContains(ctx.scope, row.divisionCode));
  return {
    permits: permits.map((row) => permitListItem(ctx, row, s, on)),
    applications: await Promise.all(applications.map(async (row) => presentListItem(ctx, row, await cachedDivisionPath(ctx.db, ctx.db, row.divisionCode), on, null, applicationActionsFor(ctx, row)))),
  };
}

/** Counts for the jurisdiction: applications waiting and overdue, permits by state, permits in their endorsement window. */
export async function getStats(ctx: Ctx): Promise<PermitStats> {
  const s = await settingsOf(ctx.db);
  const on = today(ctx);
  const counted = await repo.countStats(ctx.db, ctx.scope, on, addMonths(on, s.windowMonths));
  const of = (rows: { status: string; n: number }[], status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return {
    applications: { submitted: of(counted.applications, 'submitted'), accepted: of(counted.applications, 'accepted'), returned: of(counted.applications, 'returned'), overdue: counted.overdue },
    permits: { valid: of(counted.permits, 'valid'), suspended: of(counted.permits, 'suspended'), cancelled: of(counted.permits, 'cancelled'), revoked: of(counted.permits, 'revoked'), dueForEndorsement: counted.due },
    thisYear: { issued: of(counted.events, `issue:${on.slice(0, 4)}`), endorsed: of(counted.events, `endorse:${on.slice(0, 4)}`) },
  };
}

// ── daily work ───────────────────────────────────────────────────────────────

type JobDeps = { db: Ctx['db']; notifier: Notifier; now: () => Date };

function systemCtx(deps: JobDeps): Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now' | 'db'> {
  return { db: deps.db, actor: { ...systemActorFor('permits-daily'), permissions: ['permits.manage'] }, ip: null, requestId: derivedUuid(`permits-daily:${chinaDate(deps.now())}`), now: deps.now };
}

/**
 * Suspends every permit whose year ended without an endorsement, from the day after its deadline, and tells the
 * holder. Runs daily; a permit already suspended, or a re-run, changes nothing.
 */
export async function suspendLapsed(deps: JobDeps): Promise<number> {
  const ctx = systemCtx(deps);
  const on = chinaDate(deps.now());
  let suspended = 0;
  for (;;) {
    const page = await repo.listLapsed(deps.db, on, 500);
    if (page.length === 0) return suspended;
    for (const lapsed of page) {
      await deps.db.transaction(async (tx) => {
        const row = await repo.lockPermit(tx, lapsed.id, null);
        if (!row || row.status !== 'valid' || row.validUntil >= on) return;
        const transactionId = derivedUuid(`permits.suspend:${row.id}:${row.validUntil}`);
        if (await repo.findPermitAction(tx, row.id, transactionId)) return;
        const to = permitWorkflow.next(row.status, 'suspend', ctx.actor.permissions);
        const suspendedOn = addDays(row.validUntil, 1);
        await repo.updatePermit(tx, row, { status: to === 'new' ? 'suspended' : to, suspendedOn, updatedAt: deps.now() });
        await repo.insertPermitAction(tx, { permitId: row.id, action: 'suspend', fromStatus: row.status, toStatus: 'suspended', transactionId, actorId: null, details: row.validUntil, at: deps.now() });
        await audit.record(tx, ctx, { action: 'permits.permit.suspend', entityType: 'permit', entityId: row.id, divisionCode: row.divisionCode, details: { validUntil: row.validUntil, suspendedOn } });
        await tell(deps.notifier, tx, await holderOf(tx, row), 'permits.suspended', { name: row.name, number: row.number, date: row.validUntil }, `permits.suspended:${row.id}:${row.validUntil}`);
        suspended += 1;
      });
    }
  }
}

async function holderOf(tx: Executor, row: repo.PermitRow): Promise<{ phone: string | null; userId: string | null }> {
  if (row.holderUserId) return { phone: await repo.findUserPhone(tx, row.holderUserId), userId: row.holderUserId };
  const application = row.applicationId ? await repo.findApplication(tx, row.applicationId, { scope: { root: '' } }) : undefined;
  return { phone: application?.phone ?? null, userId: null };
}

/**
 * Reminds holders before their endorsement deadline: once at the first reminder (30 days by default) and once at
 * the second (7 days). Each message is stored once per permit year, however often the job runs.
 */
export async function remindEndorsements(deps: JobDeps): Promise<number> {
  const s = await settingsOf(deps.db);
  const on = chinaDate(deps.now());
  const far = Math.max(s.firstReminder, s.secondReminder);
  const near = Math.min(s.firstReminder, s.secondReminder);
  let sent = 0;
  let after: { validUntil: string; id: string } | null = null;
  for (;;) {
    const page = await repo.listEndingSoon(deps.db, on, addDays(on, far), after, 500);
    if (page.length === 0) return sent;
    after = { validUntil: page.at(-1)!.validUntil, id: page.at(-1)!.id };
    for (const row of page) {
      const left = daysBetween(on, row.validUntil);
      const which = left <= near ? near : far;
      await deps.db.transaction(async (tx) => {
        const year = permitYear(row.runSince, row.endorsedYears, s.validityMonths, s.windowMonths);
        await tell(deps.notifier, tx, await holderOf(tx, row), 'permits.endorse-reminder', { name: row.name, number: row.number, date: row.validUntil, opens: year.windowOpensOn }, `permits.remind:${row.id}:${row.validUntil}:${which}`);
      });
      sent += 1;
    }
  }
}

// ── following the registry ───────────────────────────────────────────────────

/**
 * A permit holder moved inside the city: the permit states the new residence address (项目变更), recorded in its
 * history, and it is worked by the new home's staff from now on.
 */
/** A permit in force states its holder's home as the registry has it now (项目变更), recorded in its history. */
async function followHomes(tx: Tx, ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  for (const held of await repo.listPermitsInForceOf(tx, personIds)) {
    const permit = (await repo.lockPermit(tx, held.id, null))!;
    const resident = await findResident(tx, permit.idNumber, permit.name);
    if (!resident?.home || resident.home.address === permit.address) continue;
    await repo.updatePermit(tx, permit, { address: resident.home.address, divisionCode: resident.home.divisionCode, updatedAt: ctx.now() });
    await repo.insertPermitAction(tx, { permitId: permit.id, action: 'change_address', fromStatus: permit.status, toStatus: permit.status, transactionId: derivedUuid(`permits.moved:${permit.id}:${resident.home.address}:${ctx.requestId}`), actorId: ctx.actor.userId, details: `${permit.address} → ${resident.home.address}`, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'permits.permit.change-address', entityType: 'permit', entityId: permit.id, divisionCode: resident.home.divisionCode, details: { from: permit.address, to: resident.home.address } });
  }
}
onDomainEvent('registry.person.moved', (tx, ctx, { personIds }) => followHomes(tx, ctx, personIds));
// A merged building's residents did not move, but their address is the other building's now.
onDomainEvent('registry.building.merged', (tx, ctx, { residentIds }) => followHomes(tx, ctx, residentIds));
