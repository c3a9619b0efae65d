import { AppError } from '@shared/errors';
import type { RegistrationTaskActionInput, RegistrationTaskPage, RegistrationTaskView } from '@shared/inspections/inspection.schema';
import { registrationTaskWorkflow } from '@shared/inspections/inspection.workflow';
import { maskIdNumber } from '@shared/kernel/id-number';
import { maskPhone } from '@shared/kernel/phone';
import * as audit from '../../platform/audit/audit';
import { derivedUuid } from '../../platform/db/derived-id';
import type { Tx } from '../../platform/db/client';
import { onDomainEvent } from '../../platform/events';
import type { Ctx } from '../../platform/http/context';
import { findBuildingRef, findRentalHouse, listOccupants, residentOfBuilding } from '../registry';
import * as repo from './inspections.repo';

type Actor = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;
type Status = repo.RegistrationTaskRow['status'];

function taskView(ctx: Pick<Ctx, 'actor'>, row: repo.RegistrationTaskRow): RegistrationTaskView {
  const pii = ctx.actor.permissions.includes('registry.pii');
  return {
    id: row.id, name: row.name, idNumber: row.idNumber && !pii ? maskIdNumber(row.idNumber) : row.idNumber, phone: row.phone && !pii ? maskPhone(row.phone) : row.phone,
    address: row.address, divisionCode: row.divisionCode, houseId: row.houseId, buildingId: row.buildingId, source: row.source, status: row.status,
    outcome: row.outcome, createdAt: row.createdAt.toISOString(), closedAt: row.closedAt?.toISOString() ?? null,
    actions: registrationTaskWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a !== 'open'),
  };
}

async function step(ctx: Actor, tx: Tx, row: repo.RegistrationTaskRow, action: 'open' | 'done' | 'dismiss', permissions: readonly string[], outcome: string | null, transactionId: string): Promise<Status> {
  const from = action === 'open' ? 'new' : row.status;
  const to = registrationTaskWorkflow.next(from, action, permissions) as Status;
  if (action !== 'open') await repo.updateRegistrationTask(tx, row.id, { status: to, outcome, closedBy: ctx.actor.userId, closedAt: ctx.now() });
  await repo.insertRegistrationTaskAction(tx, { taskId: row.id, action, fromStatus: from, toStatus: to, transactionId, actorId: ctx.actor.userId, details: outcome, at: ctx.now() });
  await audit.record(tx, ctx, { action: `inspections.registration-task.${action}`, entityType: 'insp_registration_task', entityId: row.id, divisionCode: row.divisionCode, details: { from, to, source: row.source, ...(outcome ? { outcome } : {}) } });
  return to;
}

/** Records the opening of new tasks (each one's first action), in the caller's transaction. */
export async function openTasks(ctx: Actor, tx: Tx, ids: string[], transactionId: string): Promise<void> {
  for (const id of ids) {
    const row = (await repo.lockRegistrationTask(tx, id, { root: '' }))!;
    await step(ctx, tx, row, 'open', ['inspections.inspect'], null, derivedUuid(`${transactionId}:task:${id}`));
  }
}

/** The registration tasks of the jurisdiction: the queue (open, oldest first) or those closed, with the counts. */
export async function listTasks(ctx: Ctx, query: { status: Status; page: number; pageSize: number }): Promise<RegistrationTaskPage> {
  const { rows, total, counts } = await repo.listRegistrationTasks(ctx.db, ctx.scope, query);
  return { items: rows.map((r) => taskView(ctx, r)), total, counts, page: query.page, pageSize: query.pageSize };
}

/** Whether the task's person is now registered where they were found (the house, or a house of the building). */
async function registeredThere(tx: Tx, row: repo.RegistrationTaskRow): Promise<boolean> {
  if (!row.idNumber) return false;
  if (row.houseId) return (await listOccupants(tx, row.houseId)).some((o) => o.idNumber === row.idNumber);
  if (row.buildingId) return (await residentOfBuilding(tx, row.idNumber, row.buildingId)).livesHere;
  return false;
}

/**
 * Staff close a task: done (the person is registered there now — checked against the registry; without an ID number
 * the officer's word, with a note) or dismissed with the reason.
 *
 * @throws NOT_FOUND outside the jurisdiction; WORKFLOW_ACTION_NOT_OPEN; INSPECTIONS_REASON_REQUIRED;
 *   INSPECTIONS_TASK_NOT_REGISTERED when the registry does not show the person there.
 * @idempotent on (task, transactionId).
 */
export async function actOnTask(ctx: Ctx, id: string, input: RegistrationTaskActionInput): Promise<RegistrationTaskView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockRegistrationTask(tx, id, ctx.scope);
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findRegistrationTaskAction(tx, id, input.transactionId)) return taskView(ctx, row);
    registrationTaskWorkflow.next(row.status, input.action, ctx.actor.permissions);
    if (input.action === 'dismiss' && !input.reason) throw new AppError('INSPECTIONS_REASON_REQUIRED');
    if (input.action === 'done') {
      if (row.idNumber ? !(await registeredThere(tx, row)) : !input.reason) throw new AppError(row.idNumber ? 'INSPECTIONS_TASK_NOT_REGISTERED' : 'INSPECTIONS_REASON_REQUIRED');
    }
    await step(ctx, tx, row, input.action, ctx.actor.permissions, input.reason ?? (input.action === 'done' ? '已登记' : null), input.transactionId);
    return taskView(ctx, (await repo.lockRegistrationTask(tx, id, ctx.scope))!);
  });
}

/** A registration recorded in the registry closes the open tasks for that person at that house or its building. */
onDomainEvent('registry.occupancy.changed', async (tx, ctx, { houseIds }) => {
  for (const houseId of houseIds) {
    const house = await findRentalHouse(tx, houseId);
    if (!house) continue;
    const occupants = await listOccupants(tx, houseId);
    const tasks = await repo.openRegistrationTasksFor(tx, houseId, house.buildingId, occupants.map((o) => o.idNumber));
    for (const task of tasks) await step(ctx, tx, task, 'done', ['inspections.inspect'], '已在登记系统登记', derivedUuid(`registered:${task.id}:${ctx.requestId}`));
  }
});

/** Nobody can be registered at a building that left the registry: its open tasks are dismissed. */
onDomainEvent('registry.houses.retired', async (tx, ctx, { buildingId, houseIds }) => {
  for (const task of await repo.lockOpenTasksAt(tx, houseIds, buildingId)) await step(ctx, tx, task, 'dismiss', ['inspections.inspect'], '房屋已注销', derivedUuid(`retired:${task.id}`));
});

/** The address a door task shows: the building's. */
export async function buildingAddress(tx: Tx, buildingId: string): Promise<string> {
  return (await findBuildingRef(tx, { root: '' }, buildingId))?.address ?? '';
}
