import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '@shared/errors';
import { DEFAULT_CHECKLIST, type ChecklistItem } from '@shared/inspections/checklist';
import { gradeOf, nextDueOn, type Risk } from '@shared/inspections/grading';
import type {
  CampaignInput, CampaignListQuery, CampaignPage, ChecklistItemInput, InspectionCancelInput, ChecklistItemView, GradeView, HouseInspectionsView, InspectionListQuery, InspectionSubmitInput, InspectionSummary, InspectionView,
} from '@shared/inspections/inspection.schema';
import { cancelledByHand, inspectionWorkflow } from '@shared/inspections/inspection.workflow';
import { maskIdNumber } from '@shared/kernel/id-number';
import { addDays, chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { isCityWide, scopeContains } from '../../platform/auth/scope';
import type { Db, Executor, Tx } from '../../platform/db/client';
import { namesOf } from '../../platform/divisions/divisions.repo';
import { derivedUuid } from '../../platform/db/derived-id';
import { listFiles } from '../../platform/files/files';
import type { Ctx } from '../../platform/http/context';
import { onDomainEvent } from '../../platform/events';
import { getSetting } from '../../platform/settings/settings.service';
import { findRentalHouse, listOccupants, listRentalHousesAfter, type PlacardGrade } from '../registry';
import { hazardSummary, reviewHazards } from './inspections.hazards';
import * as repo from './inspections.repo';
import { buildingAddress, openTasks } from './inspections.tasks';

export const today = (ctx: Pick<Ctx, 'now'>) => chinaDate(ctx.now());
/** How far ahead a worker's list looks. */
const AHEAD_DAYS = 7;

// ── checklist ────────────────────────────────────────────────────────────────

export function itemOf(row: repo.ChecklistRow): ChecklistItem {
  return { code: row.code, category: row.category, label: { zh: row.labelZh, en: row.labelEn }, weight: row.weight, serious: row.serious, department: row.department as ChecklistItem['department'], active: row.active, sort: row.sort };
}

/** Loads the 八查 defaults once; an item the city has edited keeps its edits. */
export async function ensureChecklist(db: Db): Promise<void> {
  await db.transaction((tx) => repo.seedChecklist(tx, DEFAULT_CHECKLIST.map((i) => ({ code: i.code, category: i.category, labelZh: i.label.zh, labelEn: i.label.en, weight: i.weight, serious: i.serious, department: i.department, active: i.active, sort: i.sort }))));
}

export async function checklist(db: Executor): Promise<ChecklistItem[]> {
  return (await repo.listChecklist(db)).map(itemOf);
}

/**
 * Edits a checklist item (label, weight, seriousness, department, in use or not); later inspections and grades follow.
 * @throws CITY_LEVEL_ONLY; NOT_FOUND.
 */
export async function updateChecklistItem(ctx: Ctx, code: string, input: ChecklistItemInput): Promise<ChecklistItemView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockChecklistItem(tx, code);
    if (!row) throw new AppError('NOT_FOUND');
    const values = {
      ...(input.label ? { labelZh: input.label.zh, labelEn: input.label.en } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
      ...(input.serious !== undefined ? { serious: input.serious } : {}),
      ...(input.department ? { department: input.department } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updatedBy: ctx.actor.userId, updatedAt: ctx.now(),
    };
    await repo.updateChecklistItem(tx, code, values);
    await audit.record(tx, ctx, { action: 'inspections.checklist.update', entityType: 'insp_checklist_item', entityId: null, details: { code, ...input } });
    return itemOf({ ...row, ...values });
  });
}

// ── schedule ─────────────────────────────────────────────────────────────────

export async function cycles(db: Executor): Promise<Record<Risk, number>> {
  return {
    high: await getSetting(db, 'inspections.highRiskCycleDays'),
    medium: await getSetting(db, 'inspections.mediumRiskCycleDays'),
    low: await getSetting(db, 'inspections.lowRiskCycleDays'),
  };
}

/**
 * The daily schedule: every rental house is tracked (a new one is due at once), and each house whose next inspection
 * falls within the week gets it planned for its grid's worker. A re-run plans nothing twice.
 */
export async function planDaily(ctx: Pick<Ctx, 'db' | 'now'>): Promise<{ tracked: number; planned: number }> {
  const on = today(ctx);
  let tracked = 0;
  let after: string | null = null;
  for (;;) {
    const page = await listRentalHousesAfter(ctx.db, after, 1000);
    if (page.length === 0) break;
    tracked += await repo.trackHouses(ctx.db, page.map((h) => ({ houseId: h.id, divisionCode: h.divisionCode, address: h.address, nextDueOn: on })));
    after = page[page.length - 1]!.id;
  }
  const planned = await ctx.db.transaction((tx) => repo.planDueRoutines(tx, addDays(on, AHEAD_DAYS), randomUUID(), ctx.now()));
  return { tracked, planned };
}

/**
 * A special campaign (专项整治): one inspection of every rental house under a division of the caller's jurisdiction,
 * due by a date. @throws NOT_FOUND outside the jurisdiction; INSPECTIONS_DUE_PAST. @idempotent on (author, transactionId).
 */
export async function createCampaign(ctx: Ctx, input: CampaignInput) {
  if (!scopeContains(ctx.scope, input.divisionCode)) throw new AppError('NOT_FOUND');
  if (input.dueOn < today(ctx)) throw new AppError('INSPECTIONS_DUE_PAST');
  const userId = ctx.actor.userId!;
  const replay = await repo.findCampaignByTransaction(ctx.db, userId, input.transactionId);
  if (replay) return { id: replay.id, name: replay.name, divisionCode: replay.divisionCode, dueOn: replay.dueOn, planned: await repo.countCampaignInspections(ctx.db, replay.id) };
  return ctx.db.transaction(async (tx) => {
    const campaign = await repo.insertCampaign(tx, { name: input.name, divisionCode: input.divisionCode, dueOn: input.dueOn, createdBy: userId, transactionId: input.transactionId });
    let planned = 0;
    let after: string | null = null;
    for (;;) {
      const page = await listRentalHousesAfter(tx, after, 1000, input.divisionCode);
      if (page.length === 0) break;
      await repo.trackHouses(tx, page.map((h) => ({ houseId: h.id, divisionCode: h.divisionCode, address: h.address, nextDueOn: today(ctx) })));
      planned += await repo.planCampaign(tx, campaign.id, input.dueOn, page, input.transactionId, userId, ctx.now());
      after = page[page.length - 1]!.id;
    }
    await audit.record(tx, ctx, { action: 'inspections.campaign.create', entityType: 'insp_campaign', entityId: campaign.id, divisionCode: input.divisionCode, details: { name: input.name, dueOn: input.dueOn, planned } });
    return { id: campaign.id, name: campaign.name, divisionCode: campaign.divisionCode, dueOn: campaign.dueOn, planned };
  });
}

/** Campaigns over (part of) the jurisdiction with the progress of their inspections in it. */
export async function listCampaigns(ctx: Ctx, query: CampaignListQuery): Promise<CampaignPage> {
  const { rows, total } = await repo.listCampaigns(ctx.db, ctx.scope, { today: today(ctx), page: query.page, pageSize: query.pageSize });
  const names = await namesOf(ctx.db, [...new Set(rows.map((r) => r.campaign.divisionCode))]);
  return {
    items: rows.map(({ campaign, ...counts }) => ({
      id: campaign.id, name: campaign.name, division: { code: campaign.divisionCode, name: names.get(campaign.divisionCode) ?? campaign.divisionCode },
      dueOn: campaign.dueOn, createdAt: campaign.createdAt.toISOString(), ...counts,
    })),
    total, page: query.page, pageSize: query.pageSize,
  };
}

/** Plans a one-off inspection of a house (flagged by a rule, or to re-inspect a reported fix), once. */
export async function planOneOff(ctx: Pick<Ctx, 'actor' | 'now'>, tx: Tx, house: { id: string; divisionCode: string; address: string }, kind: 'flagged' | 'reinspection', dueOn: string, transactionId: string): Promise<void> {
  const row = await repo.planInspection(tx, { houseId: house.id, divisionCode: house.divisionCode, address: house.address, kind, status: 'planned', dueOn });
  if (row) await repo.insertInspectionAction(tx, { inspectionId: row.id, action: 'plan', fromStatus: 'new', toStatus: 'planned', transactionId, actorId: ctx.actor.userId, details: kind, at: ctx.now() });
}

// ── inspections ──────────────────────────────────────────────────────────────

function summaryOf(ctx: Ctx, row: repo.InspectionRow, inspector: string | null, openHazards: Map<string, number>): InspectionSummary {
  return {
    id: row.id, houseId: row.houseId, address: row.address, divisionCode: row.divisionCode, kind: row.kind, status: row.status, dueOn: row.dueOn,
    overdue: row.status === 'planned' && row.dueOn < today(ctx), doneOn: row.doneOn, inspector, failed: row.results.filter((r) => !r.passed).length,
    openHazards: row.status === 'planned' ? (openHazards.get(row.houseId) ?? 0) : 0,
  };
}

/** Open hazards per house of these inspections (the planned ones' houses), in one query. */
async function openHazardCounts(db: Executor, rows: repo.InspectionRow[]): Promise<Map<string, number>> {
  return repo.openHazardCounts(db, [...new Set(rows.filter((r) => r.status === 'planned').map((r) => r.houseId))]);
}

export async function listInspections(ctx: Ctx, query: InspectionListQuery) {
  const on = today(ctx);
  const dueBy = query.status === 'planned' ? addDays(on, query.withinDays ?? AHEAD_DAYS) : undefined;
  const { rows, total, overdue } = await repo.listInspections(ctx.db, ctx.scope, { status: query.status, dueBy: query.on ? undefined : dueBy, houseId: query.houseId, on: query.on, today: on, page: query.page, pageSize: query.pageSize });
  const counts = await openHazardCounts(ctx.db, rows.map((r) => r.inspection));
  return { items: rows.map((r) => summaryOf(ctx, r.inspection, r.inspector, counts)), total, overdue, page: query.page, pageSize: query.pageSize };
}

async function inspectionView(ctx: Ctx, db: Executor, row: repo.InspectionRow): Promise<InspectionView> {
  const items = await checklist(db);
  const labels = new Map(items.map((i) => [i.code, i.label]));
  const history = await repo.inspectionHistory(db, row.id);
  const planned = row.status === 'planned';
  const open = await repo.hazardsOfHouses(db, [row.houseId], planned);
  const pii = ctx.actor.permissions.includes('registry.pii');
  return {
    ...summaryOf(ctx, row, history.find((h) => h.action.action === 'submit')?.by ?? null, await openHazardCounts(db, [row])),
    results: row.results.map((r) => ({ ...r, label: labels.get(r.code) ?? { zh: r.code, en: r.code } })),
    occupants: row.occupants.map((o) => ({ ...o, idNumber: o.idNumber && !pii ? maskIdNumber(o.idNumber) : o.idNumber })),
    notes: row.notes,
    checklist: planned ? items.filter((i) => i.active) : [],
    registered: planned ? (await listOccupants(db, row.houseId)).map((o) => ({ ...o, idNumber: pii ? o.idNumber : maskIdNumber(o.idNumber) })) : [],
    hazards: (planned ? open : open.filter((h) => h.inspectionId === row.id)).map((h) => hazardSummary(ctx, h, labels)),
    history: history.map((h) => ({ action: h.action.action, from: h.action.fromStatus, to: h.action.toStatus, at: h.action.at.toISOString(), by: h.by, details: h.action.details })),
    actions: inspectionWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a !== 'cancel' || cancelledByHand(row.kind)),
  };
}

/** One inspection with the checklist and the registered occupants to confirm. @throws NOT_FOUND outside the jurisdiction. */
export async function getInspection(ctx: Ctx, id: string): Promise<InspectionView> {
  const row = await repo.findInspection(ctx.db, id, ctx.scope);
  if (!row) throw new AppError('NOT_FOUND');
  return inspectionView(ctx, ctx.db, row);
}

/**
 * Records an inspection done on a phone: every active item answered once, photos of one's own, the occupants confirmed
 * against the registry (someone unregistered becomes a registration task). The house is graded again and its next
 * inspection planned by the new grade; each failed item opens a hazard (or keeps the open one), each passed item closes
 * the hazard it had. All in one transaction.
 *
 * @throws NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN when already done; INSPECTIONS_RESULTS_INVALID naming each item at fault;
 * INSPECTIONS_FILE_UNKNOWN. @idempotent on (inspection, transactionId): a retried send is recorded once.
 */
export async function submitInspection(ctx: Ctx, id: string, input: InspectionSubmitInput): Promise<InspectionView> {
  return ctx.db.transaction(async (tx) => {
    const step = await beginAction(ctx, tx, id, 'submit', input.transactionId);
    if ('replay' in step) return step.replay;
    const { row, to } = step;
    const items = (await checklist(tx)).filter((i) => i.active);
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.results.forEach((r, i) => {
      const item = items.find((x) => x.code === r.code);
      if (!item) issues.push({ path: `results.${i}.code`, code: 'INSPECTIONS_ITEM_UNKNOWN', message: `“${r.code}”不是在用的检查项目`, messageEn: `"${r.code}" is not an item in use` });
      else if (seen.has(r.code)) issues.push({ path: `results.${i}.code`, code: 'INSPECTIONS_ITEM_TWICE', message: `“${item.label.zh}”填了两次`, messageEn: `"${item.label.en}" is answered twice` });
      else if (!r.passed && !r.note && r.photos.length === 0) issues.push({ path: `results.${i}.note`, code: 'INSPECTIONS_FAILURE_UNDESCRIBED', message: `“${item.label.zh}”不合格，请说明情况或拍照`, messageEn: `"${item.label.en}" failed: describe it or add a photo` });
      seen.add(r.code);
    });
    for (const item of items) if (!seen.has(item.code)) issues.push({ path: `results.${item.code}`, code: 'INSPECTIONS_ITEM_MISSING', message: `“${item.label.zh}”未填写`, messageEn: `"${item.label.en}" is not answered` });
    const registered = await listOccupants(tx, row.houseId);
    input.occupants.confirmed.forEach((personId, i) => {
      if (!registered.some((o) => o.personId === personId)) issues.push({ path: `occupants.confirmed.${i}`, code: 'INSPECTIONS_OCCUPANT_UNKNOWN', message: '确认的住户不在本屋登记名单中', messageEn: 'a confirmed occupant is not registered in this house' });
    });
    if (issues.length) throw new AppError('INSPECTIONS_RESULTS_INVALID', { count: issues.length }, issues);
    const fileIds = [...new Set(input.results.flatMap((r) => r.photos))];
    const files = await listFiles(tx, fileIds);
    if (files.length !== fileIds.length || files.some((f) => f.ownerUserId !== ctx.actor.userId)) throw new AppError('INSPECTIONS_FILE_UNKNOWN');

    const on = today(ctx);
    const results = input.results.map((r) => ({ code: r.code, passed: r.passed, note: r.note ?? null, photos: r.photos }));
    const occupants = [
      ...registered.map((o) => ({ personId: o.personId, name: o.name, idNumber: o.idNumber, registered: input.occupants.confirmed.includes(o.personId) })),
      ...input.occupants.unregistered.map((o) => ({ personId: null, name: o.name, idNumber: o.idNumber ?? null, registered: false })),
    ];
    await repo.updateInspection(tx, id, { status: to, results, occupants, notes: input.notes ?? null, doneOn: on, inspectorId: ctx.actor.userId, updatedAt: ctx.now() });
    await repo.insertInspectionAction(tx, { inspectionId: id, action: 'submit', fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: `${results.filter((r) => !r.passed).length} failed`, at: ctx.now() });
    const house = await findRentalHouse(tx, row.houseId);
    const taskIds = await repo.insertRegistrationTasks(tx, input.occupants.unregistered.map((o) => ({ houseId: row.houseId, buildingId: house?.buildingId ?? null, divisionCode: row.divisionCode, address: row.address, name: o.name, idNumber: o.idNumber ?? null, phone: o.phone ?? null, source: 'inspection' as const, inspectionId: id })));
    await openTasks(ctx, tx, taskIds, input.transactionId);

    // The grade, and the next inspection by it.
    const grade = gradeOf(results, items);
    await repo.trackHouses(tx, [{ houseId: row.houseId, divisionCode: row.divisionCode, address: row.address, nextDueOn: on }]);
    const next = nextDueOn(on, grade.risk, await cycles(tx));
    await repo.updateGrade(tx, row.houseId, { score: grade.score, stars: grade.stars, risk: grade.risk, lost: grade.lost, improve: grade.improve, gradedOn: on, lastInspectedOn: on, nextDueOn: next, updatedAt: ctx.now() });
    await repo.insertGradeHistory(tx, { houseId: row.houseId, inspectionId: id, score: grade.score, stars: grade.stars, risk: grade.risk, gradedOn: on, at: ctx.now() });
    const moved = await repo.movePlannedRoutine(tx, row.houseId, next, ctx.now());
    if (!moved) {
      const planned = await repo.planInspection(tx, { houseId: row.houseId, divisionCode: row.divisionCode, address: row.address, kind: 'routine', status: 'planned', dueOn: next });
      if (planned) await repo.insertInspectionAction(tx, { inspectionId: planned.id, action: 'plan', fromStatus: 'new', toStatus: 'planned', transactionId: input.transactionId, actorId: ctx.actor.userId, details: 'routine', at: ctx.now() });
    }
    const hazards = await reviewHazards(ctx, tx, { ...row, landlordPhone: house?.landlordPhone ?? null }, results, items, input.transactionId);
    await audit.record(tx, ctx, {
      action: 'inspections.inspection.submit', entityType: 'insp_inspection', entityId: id, divisionCode: row.divisionCode,
      details: { kind: row.kind, failed: results.filter((r) => !r.passed).map((r) => r.code), score: grade.score, stars: grade.stars, risk: grade.risk, nextDueOn: next, ...hazards, unregistered: input.occupants.unregistered.length },
    });
    return inspectionView(ctx, tx, (await repo.findInspection(tx, id, ctx.scope))!);
  });
}

/**
 * Locks an inspection for an action: NOT_FOUND outside the jurisdiction; the inspection as it is when this
 * transaction id was recorded already (a retried send); else the status the action leads to (or the workflow error).
 */
async function beginAction(ctx: Ctx, tx: Tx, id: string, action: 'submit' | 'cancel', transactionId: string): Promise<{ replay: InspectionView } | { row: repo.InspectionRow; to: repo.InspectionRow['status'] }> {
  const row = await repo.lockInspection(tx, id, ctx.scope);
  if (!row) throw new AppError('NOT_FOUND');
  if (await repo.findInspectionAction(tx, id, transactionId)) return { replay: await inspectionView(ctx, tx, row) };
  return { row, to: inspectionWorkflow.next(row.status, action, ctx.actor.permissions) as repo.InspectionRow['status'] };
}

/**
 * Cancels a planned one-off inspection (a campaign's or a flag's) with the reason. Routine inspections follow the
 * grade and re-inspections a reported fix, so they are not cancelled by hand; a house leaving the registry cancels
 * all of its own.
 *
 * @throws NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN unless planned; INSPECTIONS_CANCEL_KIND for a routine or re-inspection.
 * @idempotent on (inspection, transactionId).
 */
export async function cancelInspection(ctx: Ctx, id: string, input: InspectionCancelInput): Promise<InspectionView> {
  return ctx.db.transaction(async (tx) => {
    const step = await beginAction(ctx, tx, id, 'cancel', input.transactionId);
    if ('replay' in step) return step.replay;
    const { row, to } = step;
    if (!cancelledByHand(row.kind)) throw new AppError('INSPECTIONS_CANCEL_KIND');
    await cancel(ctx, tx, row, to, input.reason, input.transactionId);
    return inspectionView(ctx, tx, (await repo.findInspection(tx, id, ctx.scope))!);
  });
}

async function cancel(ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, tx: Tx, row: repo.InspectionRow, to: repo.InspectionRow['status'], reason: string, transactionId: string): Promise<void> {
  await repo.updateInspection(tx, row.id, { status: to, notes: reason, updatedAt: ctx.now() });
  await repo.insertInspectionAction(tx, { inspectionId: row.id, action: 'cancel', fromStatus: row.status, toStatus: to, transactionId, actorId: ctx.actor.userId, details: reason, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'inspections.inspection.cancel', entityType: 'insp_inspection', entityId: row.id, divisionCode: row.divisionCode, details: { kind: row.kind, reason } });
}

// Houses that left the registry are no longer inspected: their planned inspections are cancelled, tracking stops.
onDomainEvent('registry.houses.retired', async (tx, ctx, { houseIds }) => {
  if (houseIds.length === 0) return;
  for (const row of await repo.lockPlannedOf(tx, houseIds)) await cancel(ctx, tx, row, 'cancelled', '房屋已注销', derivedUuid(`retired:${row.id}`));
  await repo.untrackHouses(tx, houseIds);
});

onDomainEvent('registry.building.merged', async (tx, _ctx, move) => {
  await repo.readdress(tx, move);
});

// ── houses ───────────────────────────────────────────────────────────────────

export function gradeView(row: repo.GradeRow | undefined, items: ChecklistItem[]): GradeView | null {
  if (!row || row.score === null || !row.risk) return null;
  const labels = new Map(items.map((i) => [i.code, i.label]));
  return {
    score: row.score, stars: row.stars ?? 1, risk: row.risk, gradedOn: row.gradedOn ?? '',
    lost: { hardware: 0, fire: 0, security: 0, hygiene: 0, ...(row.lost ?? {}) },
    improve: (row.improve ?? []).map((i) => ({ ...i, label: labels.get(i.code) ?? { zh: i.code, en: i.code } })),
  };
}

/** A house's grade with its history, inspections and hazards. @throws NOT_FOUND outside the jurisdiction. */
export async function houseInspections(ctx: Ctx, houseId: string): Promise<HouseInspectionsView> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  const items = await checklist(ctx.db);
  const labels = new Map(items.map((i) => [i.code, i.label]));
  const grade = await repo.findGrade(ctx.db, houseId);
  const list = await listInspections(ctx, { houseId, page: 1, pageSize: 50 });
  return {
    houseId, address: house.address, grade: gradeView(grade, items), nextDueOn: grade?.nextDueOn ?? null,
    grades: (await repo.gradeHistoryOf(ctx.db, houseId)).map((g) => ({ score: g.score, stars: g.stars, risk: g.risk, gradedOn: g.gradedOn })),
    inspections: list.items,
    hazards: (await repo.hazardsOfHouses(ctx.db, [houseId], false)).map((h) => hazardSummary(ctx, h, labels)),
  };
}

// A new rental house is due for its first inspection at once, planned for its grid's worker.
onDomainEvent('registry.house.created', async (tx, ctx, house) => {
  if (house.use !== 'rental' && house.use !== 'dormitory') return;
  const on = today(ctx);
  await repo.trackHouses(tx, [{ houseId: house.houseId, divisionCode: house.divisionCode, address: house.address, nextDueOn: on }]);
  const planned = await repo.planInspection(tx, { houseId: house.houseId, divisionCode: house.divisionCode, address: house.address, kind: 'routine', status: 'planned', dueOn: on });
  if (planned) await repo.insertInspectionAction(tx, { inspectionId: planned.id, action: 'plan', fromStatus: 'new', toStatus: 'planned', transactionId: randomUUID(), actorId: ctx.actor.userId, details: 'routine', at: ctx.now() });
});

/** Another module's rule flagged a house (overcrowding, a blacklisted manager): an inspection is due today, once. */
export async function planFlaggedInspection(ctx: Pick<Ctx, 'actor' | 'now'>, tx: Tx, house: { id: string; divisionCode: string; address: string }, transactionId: string): Promise<void> {
  await repo.trackHouses(tx, [{ houseId: house.id, divisionCode: house.divisionCode, address: house.address, nextDueOn: today(ctx) }]);
  await planOneOff(ctx, tx, house, 'flagged', today(ctx), transactionId);
}

/** Someone a building's door system keeps seeing who is not registered there: a registration task for the community, once while open. */
export async function addDoorRegistrationTask(ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, tx: Tx, task: { buildingId: string; divisionCode: string; name: string; idNumber: string }): Promise<boolean> {
  const id = await repo.insertDoorTask(tx, { buildingId: task.buildingId, divisionCode: task.divisionCode, address: await buildingAddress(tx, task.buildingId), name: task.name, idNumber: task.idNumber, source: 'access' });
  if (id) await openTasks(ctx, tx, [id], ctx.requestId);
  return id !== null;
}

const RISK_PLACARD = { high: { label: '高风险 · 重点管理', color: '#cf1322' }, medium: { label: '中风险 · 加强管理', color: '#d48806' }, low: { label: '低风险 · 常规管理', color: '#389e0d' } } as const;

/**
 * What the house's graded placard (挂牌授星) shows: its stars and risk colour, with the grading date and the next
 * inspection. @throws NOT_FOUND outside the jurisdiction; INSPECTIONS_NOT_GRADED before a first inspection.
 */
export async function placardGrade(ctx: Ctx, houseId: string): Promise<PlacardGrade> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  const grade = await repo.findGrade(ctx.db, houseId);
  if (!grade?.risk || grade.stars === null) throw new AppError('INSPECTIONS_NOT_GRADED');
  return { stars: grade.stars, ...RISK_PLACARD[grade.risk], note: `评定日期 ${grade.gradedOn} · 下次巡查 ${grade.nextDueOn} · 得分 ${grade.score}` };
}
