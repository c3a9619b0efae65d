import { randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';
import { translate } from '@shared/i18n';
import type { ReplacementActionInput, ReplacementInput, ReplacementView } from '@shared/permits/permit.schema';
import { replacementWorkflow } from '@shared/permits/permit.workflow';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { isUniqueViolation } from '../../platform/db/errors';
import type { Ctx } from '../../platform/http/context';
import { createOrder, definePaymentPurpose, listOrdersFor, presentOrder, refundOrder } from '../../platform/payments/payments';
import { getSetting } from '../../platform/settings/settings.service';
import * as repo from './permits.repo';

export const REPLACEMENT_PURPOSE = 'permits.replacement';

function actionsFor(ctx: Ctx, row: repo.ReplacementRow): string[] {
  if (ctx.actor.kind !== 'staff' || !scopeContains(ctx.scope, row.divisionCode)) return [];
  return replacementWorkflow.available(row.status, ctx.actor.permissions).filter((a) => a === 'issue' || a === 'cancel');
}

/** The replacements of a permit with their orders, for the permit's page and the portal. */
export async function presentReplacements(ctx: Ctx, db: Executor, permitId: string): Promise<ReplacementView[]> {
  const rows = await repo.listReplacementsOf(db, permitId);
  const orders = new Map((await listOrdersFor(db, REPLACEMENT_PURPOSE, rows.map((r) => r.id))).map((o) => [o.referenceId, o]));
  return rows.map((row) => {
    const order = orders.get(row.id);
    return {
      id: row.id, reason: row.reason, status: row.status, channel: row.channel, feeFen: row.feeFen, createdAt: row.createdAt.toISOString(),
      payPath: order && order.status === 'pending' && row.status === 'awaiting_payment' ? `/pay/${order.checkoutToken}` : null,
      order: order ? presentOrder(order) : null, actions: actionsFor(ctx, row),
    };
  });
}

async function step(tx: Tx, ctx: Pick<Ctx, 'actor' | 'now'>, row: repo.ReplacementRow, action: keyof typeof replacementWorkflow.actions, transactionId: string, details?: string): Promise<repo.ReplacementRow['status']> {
  const to = replacementWorkflow.next(row.status, action, ctx.actor.permissions);
  const status = to === 'new' ? row.status : to;
  await repo.updateReplacement(tx, row.id, { status, updatedAt: ctx.now() });
  await repo.insertReplacementAction(tx, { replacementId: row.id, action, fromStatus: row.status, toStatus: status, transactionId, actorId: ctx.actor.userId, details: details ?? null, at: ctx.now() });
  return status;
}

/**
 * Asks for a new card in place of a lost or damaged one: the card fee (a policy setting) becomes an order to pay;
 * with no fee the request is paid at once. In the portal by the holder, at a counter by staff.
 *
 * @throws NOT_FOUND for someone else's permit (portal) or outside the jurisdiction (counter).
 * @throws WORKFLOW_ACTION_NOT_OPEN for a permit no longer in force; PERMITS_REPLACEMENT_OPEN when one is under way.
 * @idempotent on (requester, transactionId).
 */
export async function requestReplacement(ctx: Ctx, permitId: string, input: ReplacementInput, side: 'holder' | 'counter'): Promise<ReplacementView[]> {
  const userId = ctx.actor.userId!;
  const work = ctx.db.transaction(async (tx) => {
    const permit = await repo.lockPermit(tx, permitId, side === 'counter' ? { scope: ctx.scope } : { userId });
    if (!permit) throw new AppError('NOT_FOUND');
    if (await repo.findReplacementByTransaction(tx, userId, input.transactionId)) return;
    if (permit.status !== 'valid' && permit.status !== 'suspended') throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status: permit.status, action: 'replace' });
    const action = side === 'counter' ? 'request_counter' : 'request';
    const to = replacementWorkflow.next('new', action, ctx.actor.permissions);
    const feeFen = (await getSetting(tx, 'permits.replacementFeeYuan')) * 100;
    const row = await repo.insertReplacement(tx, {
      permitId, divisionCode: permit.divisionCode, reason: input.reason, status: to === 'new' ? 'awaiting_payment' : to, channel: side === 'counter' ? 'counter' : 'portal',
      feeFen, requestedBy: userId, transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    await repo.insertReplacementAction(tx, { replacementId: row.id, action, fromStatus: null, toStatus: row.status, transactionId: input.transactionId, actorId: userId, details: input.reason, at: ctx.now() });
    await audit.record(tx, ctx, { action: 'permits.replacement.request', entityType: 'permit_replacement', entityId: row.id, divisionCode: row.divisionCode, details: { permitId, reason: input.reason, feeFen } });
    if (feeFen === 0) {
      await step(tx, { ...ctx, actor: { ...ctx.actor, permissions: ['permits.payment'] } }, row, 'pay', derivedUuid(`${row.id}:free`), 'no fee');
      return;
    }
    const description = translate('zh-CN', 'permits:replacement.description', { reason: translate('zh-CN', `permits:replacement.reason.${input.reason}`), number: permit.number });
    const { order } = await createOrder(tx, ctx, { purpose: REPLACEMENT_PURPOSE, referenceId: row.id, divisionCode: row.divisionCode, payerUserId: side === 'holder' ? userId : null, description, amountFen: feeFen });
    await repo.updateReplacement(tx, row.id, { orderId: order.id });
  });
  await work.catch((error: unknown) => {
    if (isUniqueViolation(error, 'permit_replacements_open_key')) throw new AppError('PERMITS_REPLACEMENT_OPEN');
    if (isUniqueViolation(error, 'permit_replacements_tx_key')) return;
    throw error;
  });
  return presentReplacements(ctx, ctx.db, permitId);
}

/**
 * Staff hand over the new card (the permit gets a new QR code; the old card and code no longer verify), or cancel
 * the replacement, refunding a paid fee.
 *
 * @throws NOT_FOUND outside the jurisdiction; WORKFLOW_ACTION_NOT_OPEN / FORBIDDEN from the workflow.
 * @idempotent on (replacement, transactionId).
 */
export async function actOnReplacement(ctx: Ctx, id: string, input: ReplacementActionInput): Promise<ReplacementView[]> {
  const permitId = await ctx.db.transaction(async (tx) => {
    const row = await repo.lockReplacement(tx, id, ctx.scope);
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findReplacementAction(tx, id, input.transactionId)) return row.permitId;
    if (input.action === 'issue') {
      const permit = (await repo.lockPermit(tx, row.permitId, null))!;
      await step(tx, ctx, row, 'issue', input.transactionId);
      await repo.updatePermit(tx, permit, { cardVersion: permit.cardVersion + 1, verifyToken: randomBytes(18).toString('base64url'), updatedAt: ctx.now() });
      await repo.insertPermitAction(tx, { permitId: permit.id, action: 'replace', fromStatus: permit.status, toStatus: permit.status, transactionId: derivedUuid(`${input.transactionId}:replace`), actorId: ctx.actor.userId, details: `${row.reason} #${permit.cardVersion + 1}`, at: ctx.now() });
      await audit.record(tx, ctx, { action: 'permits.permit.replace', entityType: 'permit', entityId: permit.id, divisionCode: permit.divisionCode, details: { replacementId: id, reason: row.reason, card: permit.cardVersion + 1 } });
    } else {
      await step(tx, ctx, row, 'cancel', input.transactionId);
      if (row.orderId) await refundOrder(tx, ctx, row.orderId, 'replacement cancelled');
      await audit.record(tx, ctx, { action: 'permits.replacement.cancel', entityType: 'permit_replacement', entityId: id, divisionCode: row.divisionCode, details: { refunded: row.status === 'paid' } });
    }
    return row.permitId;
  });
  return presentReplacements(ctx, ctx.db, permitId);
}

definePaymentPurpose(REPLACEMENT_PURPOSE, {
  returnTo: '/portal/permit',
  async onPaid(tx, ctx, order) {
    const row = await repo.lockReplacement(tx, order.referenceId, null);
    if (!row || row.status !== 'awaiting_payment') return;
    await step(tx, { ...ctx, actor: { ...ctx.actor, permissions: ['permits.payment'] } }, row, 'pay', derivedUuid(`${order.id}:paid`), order.number);
  },
});

