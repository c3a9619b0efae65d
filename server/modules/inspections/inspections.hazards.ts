import { AppError } from '@shared/errors';
import type { ChecklistItem } from '@shared/inspections/checklist';
import type { HazardActionInput, HazardListQuery, HazardSummary, HazardView } from '@shared/inspections/inspection.schema';
import { hazardWorkflow, type HazardStatus } from '@shared/inspections/inspection.workflow';
import { addDays } from '@shared/kernel/workdays';
import { findUserByPhone } from '../../platform/auth/auth.repo';
import * as audit from '../../platform/audit/audit';
import { derivedUuid } from '../../platform/db/derived-id';
import type { Executor, Tx } from '../../platform/db/client';
import { listFiles } from '../../platform/files/files';
import type { Ctx } from '../../platform/http/context';
import { tellPerson } from '../../platform/notify/notify';
import { getSetting } from '../../platform/settings/settings.service';
import * as repo from './inspections.repo';
import { checklist, planOneOff, today } from './inspections.service';

type Labels = Map<string, { zh: string; en: string }>;
type Actor = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now' | 'notifier'>;

const DEPARTMENT_NAMES: Record<string, string> = {
  fire_rescue: '消防救援部门', gas: '燃气管理部门', public_security: '公安机关', housing: '住房和城乡建设部门', market_regulation: '市场监督管理部门',
};
const departmentName = (code: string) => DEPARTMENT_NAMES[code] ?? '主管部门';

export function hazardSummary(ctx: Pick<Ctx, 'now'>, row: repo.HazardRow, labels: Labels): HazardSummary {
  return {
    id: row.id, houseId: row.houseId, address: row.address, divisionCode: row.divisionCode, itemCode: row.itemCode, label: labels.get(row.itemCode) ?? { zh: row.itemCode, en: row.itemCode },
    serious: row.serious, status: row.status, deadlineOn: row.deadlineOn, overdue: row.status !== 'closed' && row.deadlineOn < today(ctx), department: row.department as HazardSummary['department'],
    foundOn: row.foundOn, closedOn: row.closedOn,
  };
}

async function labelsOf(db: Executor): Promise<Labels> {
  return new Map((await checklist(db)).map((i) => [i.code, i.label]));
}

/** The landlord's portal account, for the inbox copy of an SMS (none when they have not signed up). */
async function landlordUser(db: Executor, phone: string | null): Promise<string | null> {
  if (!phone) return null;
  const user = await findUserByPhone(db, phone);
  return user && user.kind !== 'staff' ? user.id : null;
}

async function step(ctx: Actor, tx: Tx, row: repo.HazardRow, action: 'notify' | 'report_fixed' | 'pass' | 'refer' | 'handle', permissions: readonly string[], changes: Partial<repo.HazardRow>, details: string | null, transactionId: string): Promise<HazardStatus> {
  const from = row.status as HazardStatus | 'new';
  const to = hazardWorkflow.next(from, action, permissions) as HazardStatus;
  await repo.updateHazard(tx, row.id, { ...changes, status: to, ...(to === 'closed' ? { closedOn: today(ctx) } : {}), updatedAt: ctx.now() });
  await repo.insertHazardAction(tx, { hazardId: row.id, action, fromStatus: from, toStatus: to, transactionId, actorId: ctx.actor.userId, details, at: ctx.now() });
  await audit.record(tx, ctx, { action: `inspections.hazard.${action}`, entityType: 'insp_hazard', entityId: row.id, divisionCode: row.divisionCode, details: { item: row.itemCode, from, to, ...(details ? { note: details } : {}) } });
  return to;
}

async function referTo(ctx: Actor, tx: Tx, row: repo.HazardRow, permissions: readonly string[], reason: string, transactionId: string, labels: Labels): Promise<void> {
  await step(ctx, tx, row, 'refer', permissions, {}, reason, transactionId);
  const userId = await landlordUser(tx, row.landlordPhone);
  await tellPerson(ctx.notifier, tx, { phone: row.landlordPhone, userId }, 'inspections.hazard-referred', { address: row.address, item: labels.get(row.itemCode)?.zh ?? row.itemCode, reason, department: departmentName(row.department) }, `inspections.referred:${row.id}`);
}

/**
 * What an inspection's results do to the house's hazards: a passed item closes its open hazard; a failed item opens a
 * hazard with a notice to the landlord and a deadline (a serious one goes to its department at once), or, if one was
 * reported fixed and is still there, refers it. In the inspection's transaction.
 */
export async function reviewHazards(ctx: Ctx, tx: Tx, inspection: repo.InspectionRow & { landlordPhone: string | null }, results: { code: string; passed: boolean; note: string | null; photos: string[] }[], items: ChecklistItem[], transactionId: string) {
  const open = new Map((await repo.openHazardsOfHouse(tx, inspection.houseId)).map((h) => [h.itemCode, h]));
  const labels: Labels = new Map(items.map((i) => [i.code, i.label]));
  const on = today(ctx);
  const deadline = addDays(on, await getSetting(tx, 'inspections.rectifyDays'));
  const userId = await landlordUser(tx, inspection.landlordPhone);
  const counts = { opened: 0, closed: 0, referred: 0 };
  for (const result of results) {
    const item = items.find((i) => i.code === result.code)!;
    const existing = open.get(result.code);
    const key = derivedUuid(`${transactionId}:${result.code}`);
    if (result.passed) {
      if (existing && existing.status !== 'referred') {
        await step(ctx, tx, existing, 'pass', ctx.actor.permissions, {}, '复查合格', key);
        await tellPerson(ctx.notifier, tx, { phone: existing.landlordPhone, userId }, 'inspections.hazard-closed', { address: existing.address, item: item.label.zh }, `inspections.closed:${existing.id}`);
        counts.closed += 1;
      }
      continue;
    }
    if (existing) {
      if (existing.status === 'fix_reported') {
        await referTo(ctx, tx, existing, ctx.actor.permissions, '复查仍未整改', key, labels);
        counts.referred += 1;
      }
      continue;
    }
    const hazard = await repo.insertHazard(tx, {
      houseId: inspection.houseId, divisionCode: inspection.divisionCode, address: inspection.address, inspectionId: inspection.id, itemCode: item.code, serious: item.serious,
      status: 'notified', department: item.department, deadlineOn: item.serious ? on : deadline, foundOn: on, note: result.note, photos: result.photos, landlordPhone: inspection.landlordPhone,
    });
    await repo.insertHazardAction(tx, { hazardId: hazard.id, action: 'notify', fromStatus: 'new', toStatus: 'notified', transactionId: key, actorId: ctx.actor.userId, details: `整改期限 ${hazard.deadlineOn}`, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'inspections.hazard.notify', entityType: 'insp_hazard', entityId: hazard.id, divisionCode: hazard.divisionCode, details: { item: item.code, deadline: hazard.deadlineOn, serious: item.serious } });
    await tellPerson(ctx.notifier, tx, { phone: inspection.landlordPhone, userId }, 'inspections.hazard-notice', { address: inspection.address, item: item.label.zh, deadline: hazard.deadlineOn }, `inspections.notice:${hazard.id}`);
    counts.opened += 1;
    if (item.serious) {
      await referTo(ctx, tx, hazard, ctx.actor.permissions, '属严重隐患', derivedUuid(`${transactionId}:${result.code}:refer`), labels);
      counts.referred += 1;
    }
  }
  return counts;
}

async function hazardView(ctx: Ctx, db: Executor, row: repo.HazardRow, permissions: readonly string[]): Promise<HazardView> {
  const history = await repo.hazardHistory(db, row.id);
  return {
    ...hazardSummary(ctx, row, await labelsOf(db)),
    note: row.note, photos: row.photos, fixNote: row.fixNote, fixPhotos: row.fixPhotos, outcome: row.outcome,
    history: history.map((h) => ({ action: h.action.action, from: h.action.fromStatus, to: h.action.toStatus, at: h.action.at.toISOString(), by: h.by, details: h.action.details })),
    actions: hazardWorkflow.available(row.status, permissions).filter((a) => a !== 'notify' && a !== 'pass'),
  };
}

/** Whose hazards a caller reaches: a department's staff the ones referred to their department, a landlord their own, staff their jurisdiction's. */
export function accessOf(ctx: Ctx, side: 'staff' | 'department' | 'landlord'): repo.HazardAccess {
  if (side === 'department') {
    if (!ctx.actor.department) throw new AppError('INSPECTIONS_DEPARTMENT_REQUIRED');
    return { department: ctx.actor.department };
  }
  if (side === 'landlord') {
    if (!ctx.actor.phone) throw new AppError('NOT_FOUND');
    return { landlordPhone: ctx.actor.phone };
  }
  return { scope: ctx.scope };
}

export async function listHazards(ctx: Ctx, side: 'staff' | 'department' | 'landlord', query: HazardListQuery) {
  const { rows, total, counts } = await repo.listHazards(ctx.db, accessOf(ctx, side), { status: query.status, overdueOn: query.overdue === 'true' ? today(ctx) : undefined, houseId: query.houseId, page: query.page, pageSize: query.pageSize });
  const labels = await labelsOf(ctx.db);
  return { items: rows.map((r) => hazardSummary(ctx, r, labels)), total, counts, page: query.page, pageSize: query.pageSize };
}

/** One hazard with its history and what the caller may do. @throws NOT_FOUND outside what the caller reaches. */
export async function getHazard(ctx: Ctx, side: 'staff' | 'department' | 'landlord', id: string): Promise<HazardView> {
  const row = await repo.findHazard(ctx.db, id, accessOf(ctx, side));
  if (!row) throw new AppError('NOT_FOUND');
  return hazardView(ctx, ctx.db, row, ctx.actor.permissions);
}

const SIDE_ACTIONS = { staff: ['refer'], department: ['handle'], landlord: ['report_fixed'] } as const;

/**
 * A step of the loop by the one whose turn it is: the landlord reports the fix (with photos; a re-inspection is planned),
 * a grid worker or officer refers it to its department, the department's staff record what they did (查处), which closes
 * it and tells the landlord. @throws NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN; INSPECTIONS_NOTE_REQUIRED; INSPECTIONS_FILE_UNKNOWN.
 * @idempotent on (hazard, transactionId).
 */
export async function actOnHazard(ctx: Ctx, side: 'staff' | 'department' | 'landlord', id: string, input: HazardActionInput): Promise<HazardView> {
  if (!(SIDE_ACTIONS[side] as readonly string[]).includes(input.action)) throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status: side, action: input.action });
  return ctx.db.transaction(async (tx) => {
    const access = accessOf(ctx, side);
    const row = await repo.lockHazard(tx, id, access);
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findHazardAction(tx, id, input.transactionId)) return hazardView(ctx, tx, row, ctx.actor.permissions);
    if ((input.action === 'handle' || input.action === 'refer' || input.action === 'report_fixed') && !input.note) throw new AppError('INSPECTIONS_NOTE_REQUIRED');
    const files = await listFiles(tx, input.photos);
    if (files.length !== new Set(input.photos).size || files.some((f) => f.ownerUserId !== ctx.actor.userId)) throw new AppError('INSPECTIONS_FILE_UNKNOWN');
    const labels = await labelsOf(tx);
    if (input.action === 'report_fixed') {
      await step(ctx, tx, row, 'report_fixed', ctx.actor.permissions, { fixNote: input.note ?? null, fixPhotos: input.photos }, input.note ?? null, input.transactionId);
      await planOneOff(ctx, tx, { id: row.houseId, divisionCode: row.divisionCode, address: row.address }, 'reinspection', addDays(today(ctx), await getSetting(tx, 'inspections.reinspectDays')), input.transactionId);
    } else if (input.action === 'refer') {
      await referTo(ctx, tx, row, ctx.actor.permissions, input.note!, input.transactionId, labels);
    } else {
      await step(ctx, tx, row, 'handle', ctx.actor.permissions, { outcome: input.note! }, input.note!, input.transactionId);
      const userId = await landlordUser(tx, row.landlordPhone);
      await tellPerson(ctx.notifier, tx, { phone: row.landlordPhone, userId }, 'inspections.hazard-handled', { address: row.address, item: labels.get(row.itemCode)?.zh ?? row.itemCode, department: departmentName(row.department), outcome: input.note! }, `inspections.handled:${row.id}`);
    }
    return hazardView(ctx, tx, (await repo.findHazard(tx, id, access))!, ctx.actor.permissions);
  });
}

/** Refers every hazard still with the landlord after its deadline (逾期未整改), telling them. Runs daily; a re-run changes nothing. */
export async function escalateOverdue(ctx: Actor & Pick<Ctx, 'db'>): Promise<number> {
  const on = today(ctx);
  const labels = await labelsOf(ctx.db);
  let referred = 0;
  for (;;) {
    const due = await repo.listOverdueNotified(ctx.db, on, 200);
    if (due.length === 0) return referred;
    for (const id of due) {
      await ctx.db.transaction(async (tx) => {
        const row = await repo.lockHazard(tx, id, { scope: { root: '' } });
        if (!row || row.status !== 'notified' || row.deadlineOn >= on) return;
        await referTo(ctx, tx, row, ['inspections.inspect'], `逾期（${row.deadlineOn}）未整改`, derivedUuid(`inspections.escalate:${row.id}:${row.deadlineOn}`), labels);
        referred += 1;
      });
    }
  }
}

/** A photo of a hazard the caller may see. @throws NOT_FOUND. */
export async function hazardFile(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const row = await repo.findHazard(ctx.db, id, { scope: ctx.scope });
  if (!row || ![...row.photos, ...row.fixPhotos].includes(fileId)) throw new AppError('NOT_FOUND');
  return fileId;
}
