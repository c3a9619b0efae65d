import type {
  DeclarationDecision, DeclarationInput, DeclarationListQuery, DeclarationPage, DeclarationRejection, DeclarationView, MyDeclarationsQuery,
} from '@shared/registry/declaration.schema';
import { declarationWorkflow, type DeclarationStatus } from '@shared/registry/declaration.workflow';
import { AppError } from '@shared/errors';
import { translate } from '@shared/i18n';
import { maskIdNumber } from '@shared/kernel/id-number';
import { maskPhone } from '@shared/kernel/phone';
import { chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { isUniqueViolation } from '../../platform/db/errors';
import { systemActor, type Ctx } from '../../platform/http/context';
import { getSetting } from '../../platform/settings/settings.service';
import * as repo from './registry.repo';
import { resolveToken } from './registry.qr';
import { checkIdNumber, deadlineCounter, recordArrival, recordLeaving, type DeadlineCounter } from './registry.service';

/** How many declarations one account may have waiting at once (a scanned code is not a licence to flood the queue). */
export const MAX_OPEN_DECLARATIONS = 10;

const KIND_WORDS = { arrive: '来穗登记', leave: '离开注销' } as const;

/** A status as stored: `new` is only where a declaration comes from, never a row's status. */
function stored(status: DeclarationStatus): repo.DeclarationRow['status'] {
  if (status === 'new') throw new Error('a declaration is never stored as new');
  return status;
}

function isStaffView(ctx: Ctx): boolean {
  return ctx.actor.kind === 'staff';
}

function present(ctx: Ctx, due: DeadlineCounter, row: repo.DeclarationListRow): DeclarationView {
  const d = row.declaration;
  const staff = isStaffView(ctx);
  const pii = staff && ctx.actor.permissions.includes('registry.pii');
  const { deadlineOn, late } = due(d.date, d.submittedOn, d.declarant === 'landlord' ? 'landlord' : 'resident');
  const note = d.reviewNote ? (JSON.parse(d.reviewNote) as { code: string; params?: Record<string, string | number> }) : null;
  const match = row.registeredName === null ? 'new_person' : row.registeredName === d.name ? 'same_person' : 'name_differs';
  const actions = staff
    ? scopeContains(ctx.scope, d.divisionCode) ? declarationWorkflow.available(d.status, ctx.actor.permissions).filter((a) => a !== 'submit' && a !== 'withdraw') : []
    : d.declarantUserId === ctx.actor.userId ? declarationWorkflow.available(d.status, ctx.actor.permissions).filter((a) => a === 'withdraw') : [];
  return {
    id: d.id, kind: d.kind, status: d.status, houseId: d.houseId, address: row.address, unit: row.unit, divisionCode: d.divisionCode,
    name: d.name, idNumber: pii ? d.idNumber : maskIdNumber(d.idNumber), phone: d.phone ? (pii ? d.phone : maskPhone(d.phone)) : null,
    relation: d.relation, date: d.date, declarant: d.declarant, declarantPhone: row.declarantPhone ? (pii ? row.declarantPhone : maskPhone(row.declarantPhone)) : null,
    submittedOn: d.submittedOn, submittedAt: d.createdAt.toISOString(), deadlineOn, lateWorkdays: late,
    match: staff ? match : null,
    reviewNote: staff && note ? translate(ctx.lang, `errors:${note.code}`, note.params) : null,
    rejectReason: d.rejectReason, decidedAt: d.decidedAt?.toISOString() ?? null, decidedBy: staff ? row.decidedByName : null,
    residenceId: staff ? d.residenceId : null, personId: null, actions,
  };
}

async function viewOf(ctx: Ctx, tx: Executor, id: string): Promise<DeclarationView> {
  const row = await repo.findDeclaration(tx, id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(ctx, await deadlineCounter(ctx, tx), row);
}

/**
 * Carries a declaration out in the registry: an arrival (registering the person first when the ID number is new)
 * or the end of the named person's stay in that house.
 *
 * @throws REGISTRY_DECLARATION_NAME_DIFFERS when the ID number is registered under another name.
 * @throws REGISTRY_DECLARATION_NOT_LIVING_THERE when the person leaving does not live in that house.
 * @throws REGISTRY_DECLARATION_HOUSE_GONE when the house has been retired since.
 * @throws the registry's own date and move errors.
 */
async function carryOut(ctx: Ctx, tx: Tx, d: repo.DeclarationRow, transactionId: string): Promise<string> {
  const house = await repo.findHouseAnywhere(tx, d.houseId);
  if (!house || house.house.status !== 'active') throw new AppError('REGISTRY_DECLARATION_HOUSE_GONE');
  const found = await repo.findPersonByIdNumber(tx, d.idNumber);
  if (found && found.name !== d.name) throw new AppError(d.kind === 'arrive' ? 'REGISTRY_DECLARATION_NAME_DIFFERS' : 'REGISTRY_DECLARATION_NOT_LIVING_THERE');
  if (d.kind === 'leave') {
    const stay = found ? await repo.lockActiveResidence(tx, found.id) : undefined;
    if (!stay || stay.houseId !== d.houseId) throw new AppError('REGISTRY_DECLARATION_NOT_LIVING_THERE');
    await recordLeaving(ctx, tx, stay, d.date, transactionId);
    return stay.id;
  }
  let person = found ? await repo.lockPerson(tx, null, found.id) : undefined;
  if (!person) {
    const facts = checkIdNumber(d.idNumber, chinaDate(ctx.now()));
    person = await repo.insertPerson(tx, {
      idNumber: facts.idNumber, name: d.name, sex: facts.sex, birthDate: facts.birthDate, originCode: facts.areaCode, phone: d.phone,
      divisionCode: house.house.divisionCode, createdBy: ctx.actor.userId,
    });
    await audit.record(tx, ctx, { action: 'registry.person.create', entityType: 'person', entityId: person.id, divisionCode: person.divisionCode, details: { name: person.name, declarationId: d.id } });
  }
  return recordArrival(ctx, tx, {
    person, house: house.house, relation: d.relation ?? 'tenant', arrivedOn: d.date, declaredOn: d.submittedOn, channel: 'self_declared',
    rule: d.declarant === 'landlord' ? 'landlord' : 'resident', declaredBy: d.declarantUserId, transactionId,
  });
}

async function tellDeclarant(ctx: Ctx, tx: Tx, d: repo.DeclarationRow, outcome: 'confirmed' | 'rejected', address: string, reason?: string): Promise<void> {
  const phone = await repo.findUserPhone(tx, d.declarantUserId);
  if (!phone) return;
  await ctx.notifier.enqueue(tx, {
    channel: 'sms', recipient: phone, userId: d.declarantUserId, template: outcome === 'confirmed' ? 'registry.declaration-confirmed' : 'registry.declaration-rejected',
    params: { name: d.name, address, kind: KIND_WORDS[d.kind], reason: reason ?? '' }, dedupeKey: `registry.declaration:${d.id}:${outcome}`,
  });
}

/** Confirms a locked, submitted declaration in the caller's transaction: the registry changes, the author is told. */
async function confirmLocked(ctx: Ctx, tx: Tx, d: repo.DeclarationRow, transactionId: string): Promise<void> {
  const to = stored(declarationWorkflow.next(d.status, 'confirm', ctx.actor.permissions));
  const residenceId = await carryOut(ctx, tx, d, derivedUuid(`${transactionId}:residence`));
  await repo.updateDeclaration(tx, d.id, { status: to, residenceId, reviewNote: null, decidedBy: ctx.actor.userId, decidedAt: ctx.now(), updatedAt: ctx.now() });
  await repo.insertDeclarationAction(tx, { declarationId: d.id, action: 'confirm', fromStatus: d.status, toStatus: to, transactionId, actorId: ctx.actor.userId, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'registry.declaration.confirm', entityType: 'declaration', entityId: d.id, divisionCode: d.divisionCode, details: { residenceId, kind: d.kind } });
  const house = await repo.findHouseAnywhere(tx, d.houseId);
  await tellDeclarant(ctx, tx, d, 'confirmed', house ? `${house.address} ${house.house.unit}` : '');
}

/**
 * A resident or landlord declares an arrival or a leaving at the house whose QR code they scanned. The ID number
 * is checked at once; the rest is for staff to confirm, or is confirmed at once when the city's policy setting
 * allows and nothing needs a person's eye (a name that differs, someone not living there).
 *
 * @throws REGISTRY_DECLARATION_PORTAL_ONLY for staff accounts (they register in the console).
 * @throws REGISTRY_QR_INVALID for a forged or revoked code; REGISTRY_ID_* for an invalid ID number.
 * @throws REGISTRY_DATE_FUTURE / REGISTRY_DATE_BEFORE_BIRTH for an impossible date.
 * @throws REGISTRY_DECLARATION_OPEN when the same declaration is already waiting; REGISTRY_DECLARATION_TOO_MANY.
 * @idempotent on (author, transactionId).
 */
export async function submitDeclaration(ctx: Ctx, input: DeclarationInput): Promise<DeclarationView> {
  if (ctx.actor.kind !== 'resident' && ctx.actor.kind !== 'landlord') throw new AppError('REGISTRY_DECLARATION_PORTAL_ONLY');
  const userId = ctx.actor.userId!;
  const today = chinaDate(ctx.now());
  const facts = checkIdNumber(input.idNumber, today);
  if (input.date > today) throw new AppError('REGISTRY_DATE_FUTURE', { date: input.date });
  if (input.date < facts.birthDate) throw new AppError('REGISTRY_DATE_BEFORE_BIRTH', { date: input.date });
  const declarant = ctx.actor.kind === 'landlord' ? 'landlord' : 'self';
  const house = await resolveToken(ctx.db, input.token);
  const submitted = ctx.db.transaction(async (tx) => {
    const replay = await repo.findDeclarationByTransaction(tx, userId, input.transactionId);
    if (replay) return replay.id;
    if ((await repo.countOpenDeclarationsOf(tx, userId)) >= MAX_OPEN_DECLARATIONS) throw new AppError('REGISTRY_DECLARATION_TOO_MANY', { max: MAX_OPEN_DECLARATIONS });
    const to = stored(declarationWorkflow.next('new', 'submit', ctx.actor.permissions));
    const phone = input.phone ?? (declarant === 'self' ? await repo.findUserPhone(tx, userId) : null);
    const row = await repo.insertDeclaration(tx, {
      houseId: house.house.id, divisionCode: house.house.divisionCode, kind: input.kind, status: to, name: input.name, idNumber: facts.idNumber, phone,
      relation: input.kind === 'arrive' ? (input.relation ?? null) : null, date: input.date, declarant, declarantUserId: userId, submittedOn: today,
      transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    await repo.insertDeclarationAction(tx, { declarationId: row.id, action: 'submit', fromStatus: null, toStatus: to, transactionId: input.transactionId, actorId: userId, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'registry.declaration.submit', entityType: 'declaration', entityId: row.id, divisionCode: row.divisionCode, details: { kind: row.kind, houseId: row.houseId, declarant } });
    if (await getSetting(tx, 'registry.selfDeclarationAutoConfirm')) await confirmAutomatically(ctx, tx, row);
    return row.id;
  });
  const id = await submitted.catch(async (error: unknown) => {
    if (isUniqueViolation(error, 'reg_declarations_open_key')) throw new AppError('REGISTRY_DECLARATION_OPEN');
    // The same request twice at once: the first one's declaration is the answer to both.
    if (isUniqueViolation(error, 'reg_declarations_tx_key')) {
      const first = await repo.findDeclarationByTransaction(ctx.db, userId, input.transactionId);
      if (first) return first.id;
    }
    throw error;
  });
  return viewOf(ctx, ctx.db, id);
}

/** Confirms on the city's behalf; when the registry refuses (a name differs…), the declaration waits for staff with the reason noted. */
async function confirmAutomatically(ctx: Ctx, tx: Tx, row: repo.DeclarationRow): Promise<void> {
  const system: Ctx = { ...ctx, actor: { ...systemActor('auto-confirm'), permissions: ['registry.write'] } };
  try {
    await tx.transaction((savepoint) => confirmLocked(system, savepoint, row, derivedUuid(`${row.transactionId}:auto-confirm`)));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await repo.updateDeclaration(tx, row.id, { reviewNote: JSON.stringify({ code: error.code, params: error.params }) });
  }
}

/** The declarations of houses in the caller's jurisdiction: the confirmation queue. */
export async function listDeclarations(ctx: Ctx, query: DeclarationListQuery): Promise<DeclarationPage> {
  const { rows, total } = await repo.listDeclarations(ctx.db, ctx.scope, query);
  const due = await deadlineCounter(ctx, ctx.db);
  const items = rows.map((row) => present(ctx, due, row));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** The caller's own declarations, newest first. */
export async function listMyDeclarations(ctx: Ctx, query: MyDeclarationsQuery): Promise<DeclarationPage> {
  const { rows, total } = await repo.listDeclarationsOf(ctx.db, ctx.actor.userId ?? '', query);
  const due = await deadlineCounter(ctx, ctx.db);
  const items = rows.map((row) => present(ctx, due, row));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Confirms a declaration: the arrival or leaving is registered, the author told by SMS.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN when already decided.
 * @throws REGISTRY_DECLARATION_NAME_DIFFERS, REGISTRY_DECLARATION_NOT_LIVING_THERE, REGISTRY_DECLARATION_HOUSE_GONE and the registry's errors.
 * @idempotent on transactionId.
 */
export async function confirmDeclaration(ctx: Ctx, id: string, input: DeclarationDecision): Promise<DeclarationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockDeclaration(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await repo.findDeclarationAction(tx, id, input.transactionId))) await confirmLocked(ctx, tx, row, input.transactionId);
    return viewOf(ctx, tx, id);
  });
}

/**
 * Rejects a declaration with a reason the author reads by SMS and in the portal.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction; WORKFLOW_ACTION_NOT_OPEN when already decided.
 * @idempotent on transactionId.
 */
export async function rejectDeclaration(ctx: Ctx, id: string, input: DeclarationRejection): Promise<DeclarationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockDeclaration(tx, id, { scope: ctx.scope });
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findDeclarationAction(tx, id, input.transactionId)) return viewOf(ctx, tx, id);
    const to = stored(declarationWorkflow.next(row.status, 'reject', ctx.actor.permissions));
    await repo.updateDeclaration(tx, id, { status: to, rejectReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: ctx.now(), updatedAt: ctx.now() });
    await repo.insertDeclarationAction(tx, { declarationId: id, action: 'reject', fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details: input.reason, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'registry.declaration.reject', entityType: 'declaration', entityId: id, divisionCode: row.divisionCode, details: { reason: input.reason } });
    const house = await repo.findHouseAnywhere(tx, row.houseId);
    await tellDeclarant(ctx, tx, row, 'rejected', house ? `${house.address} ${house.house.unit}` : '', input.reason);
    return viewOf(ctx, tx, id);
  });
}

/**
 * The author withdraws a declaration that is still waiting.
 *
 * @throws NOT_FOUND for someone else's declaration; WORKFLOW_ACTION_NOT_OPEN when already decided.
 * @idempotent on transactionId.
 */
export async function withdrawDeclaration(ctx: Ctx, id: string, input: DeclarationDecision): Promise<DeclarationView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockDeclaration(tx, id, { userId: ctx.actor.userId ?? '' });
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findDeclarationAction(tx, id, input.transactionId)) return viewOf(ctx, tx, id);
    const to = stored(declarationWorkflow.next(row.status, 'withdraw', ctx.actor.permissions));
    await repo.updateDeclaration(tx, id, { status: to, updatedAt: ctx.now() });
    await repo.insertDeclarationAction(tx, { declarationId: id, action: 'withdraw', fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'registry.declaration.withdraw', entityType: 'declaration', entityId: id, divisionCode: row.divisionCode });
    return viewOf(ctx, tx, id);
  });
}
