import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { AppError, type FieldIssue } from '@shared/errors';
import { maskIdNumber, parseIdNumber } from '@shared/kernel/id-number';
import { maskPhone } from '@shared/kernel/phone';
import type {
  DepartmentDataInput, PointsApplicationActionInput, PointsApplicationInput, PointsApplicationListQuery, PointsApplicationSummary, PointsApplicationView,
  PrefillQuery, PrefillView, RoundInput, RoundView, TaskActionInput, TaskListQuery, TaskView,
} from '@shared/points/application.schema';
import { pointsApplicationWorkflow, roundWorkflow, taskWorkflow } from '@shared/points/application.workflow';
import { deriveFacts } from '@shared/points/derive';
import { scorePack, type Facts, type ScoreContext } from '@shared/points/engine';
import { parseFacts } from '@shared/points/facts';
import type { FactDef, PackFile } from '@shared/points/pack.schema';
import type { Department } from '@shared/permissions';
import * as audit from '../../platform/audit/audit';
import { isCityWide, scopeContains } from '../../platform/auth/scope';
import { getCalendar } from '../../platform/calendar/calendar.service';
import type { Executor, Tx } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/errors';
import { listFiles } from '../../platform/files/files';
import type { Ctx } from '../../platform/http/context';
import { tellPerson } from '../../platform/notify/notify';
import { permitPeriodsOfPerson } from '../permits';
import { findResident, type Resident } from '../registry';
import * as repo from './points.repo';
import type { StoredFact } from './points.tables';
import { rerankAfterChange } from './points.round';
import { bodyOf, packSummary, today } from './points.service';

const canSeePii = (ctx: Ctx) => ctx.actor.kind === 'staff' && ctx.actor.permissions.includes('registry.pii');

// ── rounds ───────────────────────────────────────────────────────────────────

export async function roundPack(db: Executor, round: repo.RoundRow): Promise<{ row: repo.PackRow; pack: PackFile }> {
  const row = (await repo.findPack(db, round.packId))!;
  return { row, pack: bodyOf(row) };
}

export async function roundView(ctx: Ctx, db: Executor, round: repo.RoundRow): Promise<RoundView> {
  const { row } = await roundPack(db, round);
  const on = today(ctx);
  return {
    id: round.id, name: round.name, year: round.year, status: round.status, pack: packSummary(row, null), quota: round.quota,
    opensOn: round.opensOn, closesOn: round.closesOn, materialsCutoff: round.materialsCutoff, innovationFrom: round.innovationFrom, innovationTo: round.innovationTo,
    taxFrom: round.taxFrom, taxTo: round.taxTo, bornOnOrAfter: round.bornOnOrAfter, tieAtCut: round.tieAtCut,
    rankedAt: round.rankedAt?.toISOString() ?? null, publishedFrom: round.publishedFrom, publishedUntil: round.publishedUntil,
    notices: round.noticesTotal > 0 || round.noticesDoneAt ? { total: round.noticesTotal, sent: round.noticesSent, done: round.noticesDoneAt !== null } : null,
    accepting: round.status === 'open' && round.opensOn <= on && on <= round.closesOn,
    counts: ctx.actor.kind === 'staff' ? await repo.roundCounts(db, round.id, ctx.scope) : {},
    actions: ctx.actor.kind === 'staff' && isCityWide(ctx.scope) ? roundWorkflow.available(round.status, ctx.actor.permissions) : [],
  };
}

export async function listRounds(ctx: Ctx): Promise<{ items: RoundView[] }> {
  const rows = await repo.listRounds(ctx.db);
  const visible = ctx.actor.kind === 'staff' ? rows : rows.filter((r) => r.status === 'open');
  return { items: await Promise.all(visible.map((r) => roundView(ctx, ctx.db, r))) };
}

/**
 * Opens a yearly round with its pack version, quota, window and cut-off dates.
 *
 * @throws CITY_LEVEL_ONLY; POINTS_PACK_NOT_PUBLISHED; POINTS_ROUND_DATES when the dates do not follow each other.
 * @idempotent on (author, transactionId).
 */
export async function createRound(ctx: Ctx, input: RoundInput): Promise<RoundView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const userId = ctx.actor.userId!;
  return ctx.db.transaction(async (tx) => {
    const replay = await repo.findRoundByTransaction(tx, userId, input.transactionId);
    if (replay) return roundView(ctx, tx, replay);
    const pack = await repo.findPack(tx, input.packId);
    if (!pack || pack.status !== 'published') throw new AppError('POINTS_PACK_NOT_PUBLISHED');
    const issues: FieldIssue[] = [];
    const order = (path: string, a: string | undefined, b: string | undefined, zh: string, en: string) => {
      if (a && b && a > b) issues.push({ path, code: 'POINTS_ROUND_DATES', message: zh, messageEn: en });
    };
    order('closesOn', input.opensOn, input.closesOn, '截止日期早于开始日期', 'the window closes before it opens');
    order('materialsCutoff', input.materialsCutoff, input.closesOn, '材料截止日晚于申请截止日', 'the materials cut-off is after the window closes');
    order('innovationTo', input.innovationFrom, input.innovationTo, '创新与社会服务期间起止颠倒', 'the innovation window ends before it starts');
    order('taxTo', input.taxFrom, input.taxTo, '纳税期间起止颠倒', 'the tax window ends before it starts');
    if (issues.length) throw new AppError('POINTS_ROUND_DATES', { count: issues.length }, issues);
    roundWorkflow.next('new', 'open', ctx.actor.permissions);
    const body = bodyOf(pack);
    const round = await repo.insertRound(tx, {
      name: input.name, year: input.year, packId: pack.id, status: 'open', quota: input.quota, opensOn: input.opensOn, closesOn: input.closesOn,
      materialsCutoff: input.materialsCutoff, innovationFrom: input.innovationFrom ?? null, innovationTo: input.innovationTo ?? null, taxFrom: input.taxFrom ?? null, taxTo: input.taxTo ?? null,
      bornOnOrAfter: input.bornOnOrAfter ?? null, tieAtCut: input.tieAtCut ?? body.interpretations.tieAtCut.value,
      createdBy: userId, transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    await repo.insertRoundAction(tx, { roundId: round.id, action: 'open', fromStatus: null, toStatus: 'open', transactionId: input.transactionId, actorId: userId, details: `${pack.code} v${pack.version}`, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'points.round.open', entityType: 'points_round', entityId: round.id, details: { name: input.name, pack: `${pack.code} v${pack.version}`, quota: input.quota } });
    return roundView(ctx, tx, round);
  });
}


// ── department data ──────────────────────────────────────────────────────────

function csvRows(text: string): { idNumber: string; fact: string; value: unknown; asOf: string }[] {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new AppError('POINTS_DATA_INVALID', { count: 1 }, [{ path: 'csv', code: 'POINTS_DATA_CSV', message: `CSV 格式有误：${(error as Error).message}`, messageEn: `the CSV cannot be read: ${(error as Error).message}` }]);
  }
  return records.map((r) => {
    const raw = r.value ?? '';
    const value = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
    return { idNumber: r.id_number ?? '', fact: r.fact ?? '', value, asOf: r.as_of ?? '' };
  });
}

/**
 * Loads a department's records (社保、公积金、纳税…) that applications pre-fill as verified facts: JSON rows or CSV.
 * All rows or none: every row at fault is named.
 *
 * @throws POINTS_DEPARTMENT_REQUIRED for an account without a department; POINTS_DATA_INVALID with one issue per row.
 * @idempotent loading the same rows again leaves the same records.
 */
export async function loadDepartmentData(ctx: Ctx, input: DepartmentDataInput): Promise<{ department: string; loaded: number; batchId: string }> {
  const department = ctx.actor.department as Department | null;
  if (!department) throw new AppError('POINTS_DEPARTMENT_REQUIRED');
  const rows = [...(input.rows ?? []), ...(input.csv ? csvRows(input.csv) : [])];
  if (rows.length === 0) throw new AppError('POINTS_DATA_INVALID', { count: 1 }, [{ path: 'rows', code: 'POINTS_DATA_EMPTY', message: '没有数据行', messageEn: 'no rows' }]);
  const current = await repo.packInForce(ctx.db, today(ctx), { city: ctx.config.city });
  const packs = [...new Map((await repo.listPacks(ctx.db)).filter((p) => p.status === 'published' || p.id === current?.id).map((p) => [p.id, bodyOf(p)])).values()];
  const owned = new Map<string, FactDef>();
  for (const pack of packs) for (const fact of pack.facts) if (fact.source === 'department' && fact.department === department && !owned.has(fact.id)) owned.set(fact.id, fact);
  const issues: FieldIssue[] = [];
  const values: repo.DepartmentRecordInsert[] = [];
  const batchId = randomUUID();
  rows.forEach((row, i) => {
    const at = `rows.${i}`;
    const id = parseIdNumber(String(row.idNumber), { today: today(ctx) });
    if (!id.ok) issues.push({ path: `${at}.idNumber`, code: 'POINTS_DATA_ID_NUMBER', message: `第 ${i + 1} 行身份证号码有误`, messageEn: `row ${i + 1}: the ID number is not valid` });
    const fact = owned.get(row.fact);
    if (!fact) {
      issues.push({ path: `${at}.fact`, code: 'POINTS_DATA_FACT', message: `第 ${i + 1} 行：“${row.fact}”不是本部门提供的积分数据项`, messageEn: `row ${i + 1}: "${row.fact}" is not a points fact of this department` });
    } else {
      const parsed = parseFacts({ facts: [fact] }, { [fact.id]: row.value });
      if (!parsed.ok) issues.push({ path: `${at}.value`, code: 'POINTS_DATA_VALUE', message: `第 ${i + 1} 行：${parsed.issues[0]!.message}`, messageEn: `row ${i + 1}: ${parsed.issues[0]!.messageEn}` });
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.asOf)) issues.push({ path: `${at}.asOf`, code: 'POINTS_DATA_DATE', message: `第 ${i + 1} 行数据日期应为 YYYY-MM-DD`, messageEn: `row ${i + 1}: as_of should be YYYY-MM-DD` });
    if (id.ok && fact) values.push({ department, idNumber: id.facts.idNumber, fact: fact.id, value: row.value, asOf: row.asOf, batchId, loadedBy: ctx.actor.userId, loadedAt: ctx.now() });
  });
  if (issues.length) throw new AppError('POINTS_DATA_INVALID', { count: issues.length }, issues.slice(0, 50));
  await ctx.db.transaction(async (tx) => {
    await repo.upsertDepartmentRecords(tx, values);
    await audit.record(tx, ctx, { action: 'points.department-data.load', entityType: 'points_department_records', entityId: batchId, details: { department, rows: values.length } });
  });
  return { department, loaded: values.length, batchId };
}

/**
 * What the integration-services module records of a person's volunteering (志愿服务): the year's hours, replacing the
 * year's earlier figure. Applications then take the volunteer-hours fact from these records, verified, instead of
 * asking for it and its proof. Runs in the caller's transaction, with its audit row.
 *
 * @throws POINTS_DATA_INVALID for an invalid ID number, a year outside 2000 to this year, or hours outside 0 to 8,784.
 */
export async function recordVolunteerHours(ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, tx: Tx, input: { idNumber: string; year: number; hours: number; source: string }): Promise<void> {
  const on = today(ctx);
  const id = parseIdNumber(input.idNumber, { today: on });
  const issues: FieldIssue[] = [];
  if (!id.ok) issues.push({ path: 'idNumber', code: 'POINTS_DATA_ID_NUMBER', message: '身份证号码有误', messageEn: 'the ID number is not valid' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > Number(on.slice(0, 4))) issues.push({ path: 'year', code: 'POINTS_DATA_VALUE', message: '年份应在 2000 年至今年之间', messageEn: 'the year should be between 2000 and this year' });
  if (!Number.isFinite(input.hours) || input.hours < 0 || input.hours > 8784) issues.push({ path: 'hours', code: 'POINTS_DATA_VALUE', message: '服务时数应在 0 至 8784 之间', messageEn: 'hours should be between 0 and 8,784' });
  if (!id.ok || issues.length) throw new AppError('POINTS_DATA_INVALID', { count: issues.length }, issues);
  await repo.upsertVolunteerHours(tx, { idNumber: id.facts.idNumber, year: input.year, hours: Math.round(input.hours * 10) / 10, source: input.source, recordedAt: ctx.now() });
  await audit.record(tx, ctx, { action: 'points.volunteer-hours.record', entityType: 'points_volunteer_hours', entityId: null, details: { year: input.year, hours: input.hours, source: input.source } });
}

// ── facts ────────────────────────────────────────────────────────────────────

type Known = Record<string, { value: unknown; source: StoredFact['source']; verified: boolean }>;

/** What Anju already knows for a pack: registry and permits facts, and department records. All verified. */
async function knownFacts(db: Executor, pack: PackFile, resident: Resident, on: string): Promise<Known> {
  const periods = await permitPeriodsOfPerson(db, resident.id);
  const derived = deriveFacts(pack, { birthDate: resident.birthDate, stays: resident.stays, permits: periods }, on);
  const known: Known = {};
  for (const fact of pack.facts) {
    if (fact.derive) known[fact.id] = { value: derived[fact.id], source: fact.source, verified: true };
  }
  for (const record of await repo.departmentRecordsOf(db, resident.idNumber)) {
    const fact = pack.facts.find((f) => f.id === record.fact && f.source === 'department' && f.department === record.department);
    if (fact) known[fact.id] = { value: record.value, source: 'department', verified: true };
  }
  const fed = pack.facts.find((f) => f.fed === 'volunteer_hours');
  if (fed) {
    const hours = await repo.volunteerHoursOf(db, resident.idNumber);
    // The fact's years are the most recent calendar years up to this one, each with what was recorded for it (0 if nothing).
    const year = Number(on.slice(0, 4));
    const byYear = new Map(hours.map((h) => [h.year, h.hours]));
    if (hours.some((h) => h.year > year - (fed.years ?? 1) && h.year <= year)) {
      known[fed.id] = { value: Array.from({ length: fed.years ?? 1 }, (_, i) => byYear.get(year - i) ?? 0), source: 'department', verified: true };
    }
  }
  return known;
}

/** Whether an answer claims something (and so needs proof or review): yes, a number above 0, a list, a choice above the lowest. */
function claims(fact: FactDef, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (fact.type === 'boolean') return value === true;
  if (fact.type === 'choice') return value !== fact.options?.[0]?.id;
  if (Array.isArray(value)) return value.length > 0 && (fact.type !== 'yearly' || value.some((v) => Number(v) > 0));
  if (typeof value === 'number') return value > 0;
  return true;
}

/** Whether a department must check this fact: declared (not known), owned by a department, and claimed or pledged. */
function needsReview(fact: FactDef, stored: StoredFact | undefined): boolean {
  return Boolean(fact.department) && !stored?.verified && (fact.pledge || claims(fact, stored?.value));
}

/** The values of stored facts, as the engine reads them. */
export function effective(facts: Record<string, StoredFact>): Facts {
  return Object.fromEntries(Object.entries(facts).map(([id, f]) => [id, f.value as Facts[string]]));
}

function contextOf(round: repo.RoundRow, on: string): ScoreContext {
  return { applicationDate: on, materialsCutoff: round.materialsCutoff, bornOnOrAfter: round.bornOnOrAfter ?? undefined };
}

/**
 * Checks the declared answers against the pack and their proof: every fact at fault and every missing proof named
 * at once (一次性告知). Answers to known facts are ignored: the record wins.
 */
async function declared(tx: Executor, pack: PackFile, answers: PointsApplicationInput['facts'], known: Known, ownerId: string, staff: boolean, only?: Set<string>): Promise<Record<string, StoredFact>> {
  const issues: FieldIssue[] = [];
  const out: Record<string, StoredFact> = {};
  const values: Record<string, unknown> = {};
  for (const [id, answer] of Object.entries(answers)) {
    if (known[id] || (only && !only.has(id))) continue;
    if (answer.value !== undefined && answer.value !== null) values[id] = answer.value;
  }
  const good: Facts = {};
  for (const [id, value] of Object.entries(values)) {
    const parsed = parseFacts(pack, { [id]: value });
    if (parsed.ok) Object.assign(good, parsed.facts);
    else issues.push(...parsed.issues);
  }
  const fileIds = [...new Set(Object.values(answers).flatMap((a) => a.evidence ?? []))];
  const files = await listFiles(tx, fileIds);
  if (files.length !== fileIds.length || (!staff && files.some((f) => f.ownerUserId !== ownerId))) throw new AppError('POINTS_FILE_UNKNOWN');
  const facts = new Map(pack.facts.map((f) => [f.id, f]));
  for (const [id, value] of Object.entries(good)) {
    const fact = facts.get(id)!;
    const evidence = answers[id]?.evidence ?? [];
    if (fact.evidence && claims(fact, value) && evidence.length === 0) {
      issues.push({ path: `facts.${id}.evidence`, code: 'POINTS_EVIDENCE_MISSING', message: `“${fact.label.zh}”需上传证明材料`, messageEn: `"${fact.label.en}" needs proof uploaded` });
    }
    out[id] = { value, source: 'declared', verified: !fact.department, evidence };
  }
  if (issues.length) throw new AppError('POINTS_APPLICATION_INVALID', { count: issues.length }, issues);
  return out;
}

// ── applications ─────────────────────────────────────────────────────────────

async function openRound(ctx: Ctx, tx: Executor, roundId: string): Promise<repo.RoundRow> {
  const round = await repo.findRound(tx, roundId);
  const on = today(ctx);
  if (!round) throw new AppError('NOT_FOUND');
  if (round.status !== 'open' || on < round.opensOn || on > round.closesOn) throw new AppError('POINTS_ROUND_CLOSED', { name: round.name, opens: round.opensOn, closes: round.closesOn });
  return round;
}

/**
 * The registered person an application is for. In the portal only oneself: the person's registered mobile number
 * must be the account's, so nobody reads another person's department records by typing an ID number and a name;
 * staff reach only persons living in their jurisdiction.
 */
async function resident(ctx: Ctx, db: Executor, idNumber: string, name: string): Promise<Resident> {
  const found = await findResident(db, idNumber, name);
  if (!found?.home) throw new AppError('POINTS_NOT_REGISTERED');
  if (ctx.actor.kind === 'staff') {
    if (!scopeContains(ctx.scope, found.home.divisionCode)) throw new AppError('NOT_FOUND');
  } else if (!found.phone || found.phone !== ctx.actor.phone) {
    throw new AppError('POINTS_NOT_YOURS');
  }
  return found;
}

/** What the one form starts with: the round, its pack, and every fact Anju already knows (pre-filled and verified). */
export async function prefill(ctx: Ctx, query: PrefillQuery): Promise<PrefillView> {
  const round = await openRound(ctx, ctx.db, query.roundId);
  const person = await resident(ctx, ctx.db, query.idNumber, query.name);
  const { row, pack } = await roundPack(ctx.db, round);
  return { round: await roundView(ctx, ctx.db, round), body: row.body, known: await knownFacts(ctx.db, pack, person, round.materialsCutoff < today(ctx) ? round.materialsCutoff : today(ctx)) };
}

/**
 * Submits the one form: known facts pre-filled and verified, declared facts with their proof, under the pledge. One
 * review task per department that owns a declared fact (deduction checks deferred when the pack says so); the
 * review deadline is the pack's working days from today. With nothing to check the application is reviewed at once.
 *
 * @throws POINTS_ROUND_CLOSED; POINTS_NOT_REGISTERED; POINTS_NOT_YOURS in the portal for someone else; POINTS_APPLICATION_OPEN; POINTS_APPLICATION_INVALID with one
 *   issue per fact (values and missing proof); POINTS_FILE_UNKNOWN; NOT_FOUND at a window outside the jurisdiction.
 * @idempotent on (author, transactionId).
 */
export async function submitApplication(ctx: Ctx, input: PointsApplicationInput, channel: 'portal' | 'counter'): Promise<PointsApplicationView> {
  const counter = channel === 'counter';
  if (counter !== (ctx.actor.kind === 'staff')) throw new AppError('FORBIDDEN', { permission: counter ? 'points.intake' : 'portal.use' });
  const userId = ctx.actor.userId!;
  try {
    return await ctx.db.transaction(async (tx) => {
      const replay = await repo.findApplicationByTransaction(tx, userId, input.transactionId);
      if (replay) return applicationView(ctx, tx, replay, counter ? 'staff' : 'applicant');
      const round = await openRound(ctx, tx, input.roundId);
      const person = await resident(ctx, tx, input.idNumber, input.name);
      const open = await repo.openApplicationOf(tx, round.id, person.id);
      if (open) throw new AppError('POINTS_APPLICATION_OPEN', { number: open.number });
      const { pack } = await roundPack(tx, round);
      const on = today(ctx);
      const known = await knownFacts(tx, pack, person, round.materialsCutoff < on ? round.materialsCutoff : on);
      const facts: Record<string, StoredFact> = {};
      for (const [id, k] of Object.entries(known)) facts[id] = { value: k.value, source: k.source, verified: true, evidence: [] };
      Object.assign(facts, await declared(tx, pack, input.facts, known, userId, counter));
      pointsApplicationWorkflow.next('new', counter ? 'submit_counter' : 'submit', ctx.actor.permissions);
      const calendar = await getCalendar(ctx.db, tx);
      const dueOn = calendar.addWorkdays(on, pack.round.reviewWorkdays);
      const plan = reviewPlan(pack, facts);
      const status = plan.some((t) => t.kind === 'review') ? 'in_review' : 'reviewed';
      const score = scorePack(pack, effective(facts), contextOf(round, on));
      const row = await repo.insertApplication(tx, {
        number: await repo.nextApplicationNumber(tx, on.slice(0, 4)), roundId: round.id, personId: person.id, name: person.name, idNumber: person.idNumber, phone: person.phone,
        divisionCode: person.home!.divisionCode, status, facts, pledgedAt: ctx.now(), total: score.total, rankingScore: score.rankingScore, tieBreakValues: score.tieBreakValues,
        eligible: score.eligible, submittedAt: ctx.now(), submittedOn: on, dueOn, reviewedOn: status === 'reviewed' ? on : null, applicantUserId: userId,
        transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
      });
      await repo.insertTasks(tx, plan.map((t) => ({ applicationId: row.id, department: t.department, kind: t.kind, status: t.deferred ? 'deferred' as const : 'open' as const, facts: t.facts, dueOn, divisionCode: row.divisionCode, createdAt: ctx.now(), updatedAt: ctx.now() })));
      await repo.insertApplicationAction(tx, { applicationId: row.id, action: counter ? 'submit_counter' : 'submit', fromStatus: null, toStatus: 'in_review', transactionId: input.transactionId, actorId: userId, details: plan.map((t) => t.department).join(',') || null, at: ctx.now() });
      if (status === 'reviewed') await repo.insertApplicationAction(tx, { applicationId: row.id, action: 'complete', fromStatus: 'in_review', toStatus: 'reviewed', transactionId: randomUUID(), actorId: null, details: 'nothing to check', at: ctx.now() });
      await audit.record(tx, ctx, { action: `points.application.${counter ? 'submit_counter' : 'submit'}`, entityType: 'points_application', entityId: row.id, divisionCode: row.divisionCode, details: { number: row.number, round: round.name, total: score.total, departments: plan.map((t) => `${t.department}:${t.kind}`) } });
      return applicationView(ctx, tx, row, counter ? 'staff' : 'applicant');
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const replay = await repo.findApplicationByTransaction(ctx.db, userId, input.transactionId);
      if (replay) return applicationView(ctx, ctx.db, replay, counter ? 'staff' : 'applicant');
      throw new AppError('POINTS_APPLICATION_OPEN', { number: '' });
    }
    throw error;
  }
}

/** One task per department owning facts to check; deduction facts in their own deferred task when the pack defers them. */
function reviewPlan(pack: PackFile, facts: Record<string, StoredFact>): { department: Department; kind: 'review' | 'deduction'; deferred: boolean; facts: string[] }[] {
  const plan = new Map<string, { department: Department; kind: 'review' | 'deduction'; deferred: boolean; facts: string[] }>();
  const deferAll = pack.round.deductionReview === 'deferred';
  for (const fact of pack.facts) {
    if (!needsReview(fact, facts[fact.id])) continue;
    const kind = fact.deferrable && deferAll ? 'deduction' : 'review';
    const key = `${fact.department}:${kind}`;
    const entry = plan.get(key) ?? { department: fact.department!, kind, deferred: kind === 'deduction', facts: [] };
    entry.facts.push(fact.id);
    plan.set(key, entry);
  }
  return [...plan.values()];
}

async function daysLeft(ctx: Ctx, db: Executor, due: string): Promise<number> {
  const calendar = await getCalendar(ctx.db, db);
  const on = today(ctx);
  return due >= on ? calendar.workdaysBetween(on, due) : -calendar.workdaysBetween(due, on);
}

function taskView(task: repo.TaskRow, reviewer: string | null, left: number, on: string): TaskView {
  return {
    id: task.id, department: task.department as Department, kind: task.kind, status: task.status, facts: task.facts, results: task.results,
    dueOn: task.dueOn, daysLeft: left, overdue: task.status === 'open' && task.dueOn < on, reviewer, doneOn: task.doneOn,
  };
}

async function summaryOf(ctx: Ctx, db: Executor, row: repo.PointsApplicationRow, counts: { total: number; done: number }, roundName: string, side: 'staff' | 'applicant'): Promise<PointsApplicationSummary> {
  const pii = side === 'applicant' || canSeePii(ctx);
  const on = today(ctx);
  return {
    id: row.id, number: row.number, roundId: row.roundId, roundName, name: row.name, idNumber: pii ? row.idNumber : maskIdNumber(row.idNumber), divisionCode: row.divisionCode,
    status: row.status, total: row.total, rankingScore: row.rankingScore, eligible: row.eligible, submittedOn: row.submittedOn, dueOn: row.dueOn,
    daysLeft: await daysLeft(ctx, db, row.dueOn), overdue: row.status === 'in_review' && row.dueOn < on, reviewedOn: row.reviewedOn, tasks: counts,
  };
}

export async function applicationView(ctx: Ctx, db: Executor, row: repo.PointsApplicationRow, side: 'staff' | 'applicant'): Promise<PointsApplicationView> {
  const round = (await repo.findRound(db, row.roundId))!;
  const { row: packRow, pack } = await roundPack(db, round);
  const taskRows = await repo.tasksOf(db, row.id);
  const on = today(ctx);
  const counted = taskRows.filter((t) => t.task.status !== 'deferred');
  const summary = await summaryOf(ctx, db, row, { total: counted.length, done: counted.filter((t) => t.task.status === 'done').length }, round.name, side);
  const score = scorePack(pack, effective(row.facts), contextOf(round, row.submittedOn));
  const history = await repo.applicationHistory(db, row.id);
  const labels = new Map(pack.facts.map((f) => [f.id, f.label]));
  const returned = taskRows.filter((t) => t.task.status === 'returned').flatMap((t) => Object.entries(t.task.results)
    .filter(([, r]) => r.outcome === 'returned').map(([fact, r]) => ({ fact, label: labels.get(fact) ?? { zh: fact, en: fact }, reason: r.reason ?? '', department: t.task.department })));
  const actions = side === 'applicant'
    ? pointsApplicationWorkflow.available(row.status, ['portal.use']).filter((a) => a === 'withdraw' || a === 'resubmit')
    : pointsApplicationWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a === 'verify' || a === 'abandon' || a === 'cancel');
  const ranking = await repo.rankingOf(db, row.roundId, row.id);
  const pii = side === 'applicant' || canSeePii(ctx);
  return {
    ...summary,
    phone: row.phone ? (pii ? row.phone : maskPhone(row.phone)) : null,
    facts: row.facts,
    body: packRow.body,
    score: { pack: packSummary(packRow, null), ...score, interpretations: Object.entries(pack.interpretations).flatMap(([key, v]) => (v ? [{ key, value: v.value, confidence: v.confidence, note: v.note }] : [])) },
    tasks: await Promise.all(taskRows.map(async (t) => taskView(t.task, t.reviewer ?? null, await daysLeft(ctx, db, t.task.dueOn), on))),
    history: history.map((h) => ({ action: h.action, from: h.from, to: h.to, at: h.at.toISOString(), actor: h.actor ?? null, details: h.details })),
    returned,
    ranking: ranking ? { position: ranking.position, rank: ranking.rank, tieSize: ranking.tieSize, admitted: ranking.admitted } : null,
    verifyDue: row.verifyDue, cardNumber: row.cardNumber, cancelReason: row.cancelReason,
    actions,
  };
}

export async function listApplications(ctx: Ctx, query: PointsApplicationListQuery) {
  const { rows, total } = await repo.listApplications(ctx.db, ctx.scope, { ...query, overdueOn: query.overdue === 'true' ? today(ctx) : undefined });
  const counts = await repo.taskCounts(ctx.db, rows.map((r) => r.id));
  const names = new Map((await repo.listRounds(ctx.db)).map((r) => [r.id, r.name]));
  return { items: await Promise.all(rows.map((r) => summaryOf(ctx, ctx.db, r, counts.get(r.id) ?? { total: 0, done: 0 }, names.get(r.roundId) ?? '', 'staff'))), total, page: query.page, pageSize: query.pageSize };
}

/** One application with facts, proof, every department's result, the score explained and history. The read is audited. @throws NOT_FOUND. */
export async function getApplication(ctx: Ctx, id: string): Promise<PointsApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findApplication(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    await audit.record(tx, ctx, { action: 'points.application.read', entityType: 'points_application', entityId: id, divisionCode: row.divisionCode });
    return applicationView(ctx, tx, row, 'staff');
  });
}

/** A proof file of an application in the caller's jurisdiction. @throws NOT_FOUND. */
export async function getEvidenceFile(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const row = await repo.findApplication(ctx.db, id, { scope: ctx.scope });
  if (!row || !Object.values(row.facts).some((fact) => fact.evidence.includes(fileId))) throw new AppError('NOT_FOUND');
  return fileId;
}

export async function myApplications(ctx: Ctx): Promise<{ items: PointsApplicationView[] }> {
  const rows = await repo.applicationsOfUser(ctx.db, ctx.actor.userId!);
  return { items: await Promise.all(rows.map((r) => applicationView(ctx, ctx.db, r, 'applicant'))) };
}

export async function personApplications(ctx: Ctx, personId: string): Promise<{ items: PointsApplicationSummary[] }> {
  const rows = await repo.applicationsOfPerson(ctx.db, personId, ctx.scope);
  const counts = await repo.taskCounts(ctx.db, rows.map((r) => r.id));
  const names = new Map((await repo.listRounds(ctx.db)).map((r) => [r.id, r.name]));
  return { items: await Promise.all(rows.map((r) => summaryOf(ctx, ctx.db, r, counts.get(r.id) ?? { total: 0, done: 0 }, names.get(r.roundId) ?? '', 'staff'))) };
}

export async function rescore(tx: Tx, row: repo.PointsApplicationRow, facts: Record<string, StoredFact>) {
  const round = (await repo.findRound(tx, row.roundId))!;
  const { pack } = await roundPack(tx, round);
  const score = scorePack(pack, effective(facts), contextOf(round, row.submittedOn));
  return { total: score.total, rankingScore: score.rankingScore, tieBreakValues: score.tieBreakValues, eligible: score.eligible };
}

/**
 * The applicant withdraws, or resubmits a returned application with the facts the departments asked about; the
 * returned tasks open again.
 *
 * @throws NOT_FOUND for someone else's application; WORKFLOW_ACTION_NOT_OPEN; POINTS_APPLICATION_INVALID.
 * @idempotent on (application, transactionId).
 */
export async function actOnMyApplication(ctx: Ctx, id: string, input: PointsApplicationActionInput): Promise<PointsApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockApplication(tx, id, { userId: ctx.actor.userId ?? '' });
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findApplicationAction(tx, id, input.transactionId)) return applicationView(ctx, tx, row, 'applicant');
    const to = pointsApplicationWorkflow.next(row.status, input.action, ctx.actor.permissions) as repo.PointsApplicationRow['status'];
    const changes: Partial<repo.PointsApplicationRow> = { status: to, updatedAt: ctx.now() };
    let details: string | null = null;
    if (input.action === 'resubmit') {
      const taskRows = (await repo.tasksOf(tx, id)).map((t) => t.task).filter((t) => t.status === 'returned');
      const asked = new Set(taskRows.flatMap((t) => Object.entries(t.results).filter(([, r]) => r.outcome === 'returned').map(([fact]) => fact)));
      const round = (await repo.findRound(tx, row.roundId))!;
      const { pack } = await roundPack(tx, round);
      const answers = input.facts ?? {};
      const fresh = await declared(tx, pack, answers, {}, ctx.actor.userId!, false, asked);
      const facts = { ...row.facts };
      for (const fact of asked) facts[fact] = fresh[fact] ?? { value: null, source: 'declared', verified: false, evidence: answers[fact]?.evidence ?? [] };
      Object.assign(changes, { facts }, await rescore(tx, row, facts));
      for (const task of taskRows) {
        taskWorkflow.next(task.status, 'reopen', ['portal.use']);
        await repo.updateTask(tx, task.id, { status: 'open', results: {}, updatedAt: ctx.now() });
        await repo.insertTaskAction(tx, { taskId: task.id, action: 'reopen', fromStatus: 'returned', toStatus: 'open', transactionId: input.transactionId, actorId: ctx.actor.userId, details: null, at: ctx.now() });
      }
      details = [...asked].join(',');
    }
    await repo.updateApplication(tx, id, changes);
    await repo.insertApplicationAction(tx, { applicationId: id, action: input.action, fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details, at: ctx.now() });
    await audit.record(tx, ctx, { action: `points.application.${input.action}`, entityType: 'points_application', entityId: id, divisionCode: row.divisionCode, details: { from: row.status, to, ...(details ? { facts: details } : {}) } });
    // A ranked application leaving: the round's ranking (when there is one) is computed again and the next moves up.
    if (input.action === 'withdraw' && ['reviewed', 'shortlisted', 'verified'].includes(row.status)) await rerankAfterChange(ctx, tx, row.roundId, input.transactionId);
    return applicationView(ctx, tx, (await repo.findApplication(tx, id, { userId: ctx.actor.userId! }))!, 'applicant');
  });
}

// ── department review ────────────────────────────────────────────────────────

/** A reviewer's queue: their department's tasks in the jurisdiction, nearest deadline first; supervisors choose the department. */
export async function listTasks(ctx: Ctx, query: TaskListQuery) {
  const supervisor = ctx.actor.permissions.includes('points.manage');
  const department = supervisor ? query.department : (ctx.actor.department ?? '\u0000');
  const on = today(ctx);
  const { rows, total, overdue } = await repo.listTasks(ctx.db, ctx.scope, { department, status: query.status, overdueOn: query.overdue === 'true' ? on : undefined, number: query.q, today: on, page: query.page, pageSize: query.pageSize });
  return {
    items: await Promise.all(rows.map(async (r) => ({
      ...taskView(r.task, r.reviewer ?? null, await daysLeft(ctx, ctx.db, r.task.dueOn), on),
      applicationId: r.task.applicationId, applicationNumber: r.number, name: r.name, divisionCode: r.task.divisionCode,
    }))),
    total, page: query.page, pageSize: query.pageSize, overdue,
  };
}

/**
 * A department reviewer completes their task: every fact confirmed, corrected (value and reason) or returned (what is
 * missing). Any return sends the application back to the applicant with every reason at once; when every
 * department is done the application is reviewed and its points are final. A supervisor starts a deferred check.
 *
 * @throws NOT_FOUND outside the jurisdiction or for another department's task; WORKFLOW_ACTION_NOT_OPEN (also when
 *   two reviewers act at once); POINTS_RESULTS_INVALID with one issue per fact.
 * @idempotent on (task, transactionId).
 */
export async function actOnTask(ctx: Ctx, id: string, input: TaskActionInput): Promise<PointsApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const task = await repo.lockTask(tx, id, ctx.scope);
    const supervisor = ctx.actor.permissions.includes('points.manage');
    if (!task || (!supervisor && task.department !== ctx.actor.department)) throw new AppError('NOT_FOUND');
    const row = (await repo.lockApplication(tx, task.applicationId, { scope: ctx.scope }))!;
    if (await repo.findTaskAction(tx, id, input.transactionId)) return applicationView(ctx, tx, row, 'staff');
    const on = today(ctx);
    if (input.action === 'start') {
      const to = taskWorkflow.next(task.status, 'start', ctx.actor.permissions);
      await repo.updateTask(tx, id, { status: to as 'open', dueOn: (await getCalendar(ctx.db, tx)).addWorkdays(on, (await roundPack(tx, (await repo.findRound(tx, row.roundId))!)).pack.round.reviewWorkdays), updatedAt: ctx.now() });
      await repo.insertTaskAction(tx, { taskId: id, action: 'start', fromStatus: task.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: null, at: ctx.now() });
      await audit.record(tx, ctx, { action: 'points.task.start', entityType: 'points_task', entityId: id, divisionCode: task.divisionCode, details: { application: row.number, department: task.department } });
      return applicationView(ctx, tx, row, 'staff');
    }
    if (task.department !== ctx.actor.department) throw new AppError('NOT_FOUND');
    const results = input.results ?? {};
    const round = (await repo.findRound(tx, row.roundId))!;
    const { pack } = await roundPack(tx, round);
    const issues: FieldIssue[] = [];
    const labels = new Map(pack.facts.map((f) => [f.id, f]));
    for (const fact of task.facts) {
      const label = labels.get(fact)!.label;
      const result = results[fact];
      if (!result) issues.push({ path: `results.${fact}`, code: 'POINTS_RESULT_MISSING', message: `“${label.zh}”尚未给出审核结果`, messageEn: `"${label.en}" has no result yet` });
      else if (result.outcome !== 'confirmed' && !result.reason) issues.push({ path: `results.${fact}.reason`, code: 'POINTS_RESULT_REASON', message: `“${label.zh}”更正或退回须写明理由`, messageEn: `"${label.en}": a correction or return needs a reason` });
      else if (result.outcome === 'corrected') {
        const parsed = parseFacts(pack, { [fact]: result.value });
        if (!parsed.ok || result.value === undefined) issues.push({ path: `results.${fact}.value`, code: 'POINTS_RESULT_VALUE', message: `“${label.zh}”更正后的值有误`, messageEn: `"${label.en}": the corrected value is not valid` });
      }
    }
    for (const fact of Object.keys(results)) if (!task.facts.includes(fact)) issues.push({ path: `results.${fact}`, code: 'POINTS_RESULT_FOREIGN', message: `“${fact}”不属于本部门审核`, messageEn: `"${fact}" is not this department's to review` });
    if (issues.length) throw new AppError('POINTS_RESULTS_INVALID', { count: issues.length }, issues);
    const returning = task.facts.some((fact) => results[fact]!.outcome === 'returned');
    const taskTo = taskWorkflow.next(task.status, returning ? 'return' : 'complete', ctx.actor.permissions);
    if (row.status !== 'in_review') throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status: row.status, action: returning ? 'return' : 'complete' });
    const stored = Object.fromEntries(task.facts.map((fact) => [fact, { outcome: results[fact]!.outcome, ...(results[fact]!.value !== undefined ? { value: results[fact]!.value } : {}), ...(results[fact]!.reason ? { reason: results[fact]!.reason } : {}) }]));
    await repo.updateTask(tx, id, { status: taskTo as 'done' | 'returned', results: stored, reviewerId: ctx.actor.userId, doneOn: returning ? null : on, updatedAt: ctx.now() });
    await repo.insertTaskAction(tx, { taskId: id, action: returning ? 'return' : 'complete', fromStatus: task.status, toStatus: taskTo, transactionId: input.transactionId, actorId: ctx.actor.userId, details: JSON.stringify(stored), at: ctx.now() });
    await audit.record(tx, ctx, { action: `points.task.${returning ? 'return' : 'complete'}`, entityType: 'points_task', entityId: id, divisionCode: task.divisionCode, details: { application: row.number, department: task.department, results: stored } });

    const changes: Partial<repo.PointsApplicationRow> = { updatedAt: ctx.now() };
    let appAction: 'return' | 'complete' | null = null;
    if (returning) {
      appAction = 'return';
      const items = task.facts.filter((f) => results[f]!.outcome === 'returned').map((f) => `${labels.get(f)!.label.zh}（${results[f]!.reason ?? ''}）`).join('；');
      await tellPerson(ctx.notifier, tx, { phone: row.phone, userId: row.applicantUserId }, 'points.application-returned', { number: row.number, items }, `points.returned:${id}:${input.transactionId}`);
    } else {
      const facts = { ...row.facts };
      for (const fact of task.facts) {
        const result = results[fact]!;
        const before = facts[fact] ?? { value: null, source: 'declared' as const, verified: false, evidence: [] };
        facts[fact] = result.outcome === 'corrected'
          ? { ...before, value: result.value, verified: true, corrected: { from: before.value, reason: result.reason!, by: ctx.actor.displayName } }
          : { ...before, verified: true };
      }
      Object.assign(changes, { facts }, await rescore(tx, row, facts));
      const others = (await repo.tasksOf(tx, row.id)).map((t) => t.task).filter((t) => t.id !== id && t.status !== 'deferred');
      if (others.every((t) => t.status === 'done')) appAction = 'complete';
    }
    if (appAction) {
      const to = pointsApplicationWorkflow.next(row.status, appAction, ctx.actor.permissions) as repo.PointsApplicationRow['status'];
      changes.status = to;
      if (appAction === 'complete') changes.reviewedOn = on;
      await repo.insertApplicationAction(tx, { applicationId: row.id, action: appAction, fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: task.department, at: ctx.now() });
      await audit.record(tx, ctx, { action: `points.application.${appAction}`, entityType: 'points_application', entityId: row.id, divisionCode: row.divisionCode, details: { from: row.status, to } });
    }
    await repo.updateApplication(tx, row.id, changes);
    const after = (await repo.findApplication(tx, row.id, { scope: ctx.scope }))!;
    if (appAction === 'complete') {
      await tellPerson(ctx.notifier, tx, { phone: after.phone, userId: after.applicantUserId }, 'points.application-reviewed', { number: after.number, total: after.total, ranking: after.rankingScore }, `points.reviewed:${after.id}`);
    }
    return applicationView(ctx, tx, after, 'staff');
  });
}
