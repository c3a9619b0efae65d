import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/kernel/workdays';
import type { CheckoutView, OrderView, PaymentCallback } from '@shared/payments/payments.schema';
import * as audit from '../audit/audit';
import type { Db, Executor, Tx } from '../db/client';
import { systemActor, type Ctx } from '../http/context';
import * as repo from './payments.repo';

export type Order = repo.OrderRow;
type AuditCtx = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;

/** What a module does when one of its charges is paid or refunded, in the transaction that records it. */
export type PaymentPurpose = {
  /** Where the payer goes back to after paying. */
  returnTo: string;
  onPaid(tx: Tx, ctx: AuditCtx, order: Order): Promise<void>;
  onRefunded?(tx: Tx, ctx: AuditCtx, order: Order): Promise<void>;
};

const purposes = new Map<string, PaymentPurpose>();

/** Modules name their kinds of charge once, at load. */
export function definePaymentPurpose(name: string, purpose: PaymentPurpose): void {
  purposes.set(name, purpose);
}

/**
 * A payment provider: where its payment page is, how it signs callbacks, how it refunds. The built-in `dev`
 * provider simulates one (a page with a pay button, callbacks signed with a key kept in the database).
 */
export type PaymentProvider = {
  name: string;
  checkoutPath(order: Order): string;
  sign(db: Executor, body: string): Promise<string>;
  refund(order: Order): Promise<{ refundRef: string }>;
};

let devKey: { db: Executor; secret: string } | undefined;

export const devProvider: PaymentProvider = {
  name: 'dev',
  checkoutPath: (order) => `/pay/${order.checkoutToken}`,
  async sign(db, body) {
    if (devKey?.db !== db) devKey = { db, secret: await repo.ensureKey(db, 'dev', randomBytes(32).toString('base64url')) };
    return createHmac('sha256', devKey.secret).update(body).digest('base64url');
  },
  refund: (order) => Promise.resolve({ refundRef: `dev-refund-${order.number}` }),
};

const PROVIDERS: Record<string, PaymentProvider> = { dev: devProvider };

export function presentOrder(row: Order): OrderView {
  return {
    id: row.id, number: row.number, description: row.description, amountFen: row.amountFen, status: row.status, createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null, refundedAt: row.refundedAt?.toISOString() ?? null, refundReason: row.refundReason,
  };
}

/** Opens an order in the caller's transaction: it exists only if that transaction commits. */
export async function createOrder(tx: Tx, ctx: AuditCtx, values: { purpose: string; referenceId: string; divisionCode: string; payerUserId: string | null; description: string; amountFen: number }): Promise<{ order: Order; payPath: string }> {
  if (!purposes.has(values.purpose)) throw new Error(`payment purpose ${values.purpose} is not defined`);
  const provider = devProvider;
  const order = await repo.insertOrder(tx, {
    ...values, number: `ZF${chinaDate(ctx.now()).replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`, provider: provider.name,
    checkoutToken: randomBytes(18).toString('base64url'), createdAt: ctx.now(), updatedAt: ctx.now(),
  });
  await audit.record(tx, ctx, { action: 'payments.order.create', entityType: 'payment_order', entityId: order.id, divisionCode: order.divisionCode, details: { number: order.number, purpose: order.purpose, amountFen: order.amountFen } });
  return { order, payPath: provider.checkoutPath(order) };
}

/** The orders of one module's records, oldest first. */
export function listOrdersFor(db: Executor, purpose: string, referenceIds: string[]): Promise<Order[]> {
  return repo.listOrdersFor(db, purpose, referenceIds);
}

/**
 * A provider tells that an order was paid. The signature must be the provider's; the event is recorded once,
 * so a replayed or duplicated callback changes nothing; an amount that differs from the order's is refused.
 *
 * @throws PAYMENTS_SIGNATURE_INVALID; NOT_FOUND for an unknown provider or order; PAYMENTS_AMOUNT_MISMATCH.
 * @idempotent on (provider, eventId).
 */
export async function handleCallback(db: Db, providerName: string, signature: string | undefined, body: PaymentCallback, now: () => Date): Promise<{ status: Order['status']; applied: boolean }> {
  const provider = PROVIDERS[providerName];
  if (!provider) throw new AppError('NOT_FOUND');
  const expected = Buffer.from(await provider.sign(db, canonicalCallback(body)));
  const given = Buffer.from(signature ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError('PAYMENTS_SIGNATURE_INVALID');
  const ctx: AuditCtx = { actor: systemActor(`payments:${provider.name}`), ip: null, requestId: randomUUID(), now };
  return db.transaction(async (tx) => {
    const order = await repo.lockOrderByNumber(tx, body.orderNumber);
    if (!order || order.provider !== provider.name) throw new AppError('NOT_FOUND');
    if (body.amountFen !== order.amountFen) throw new AppError('PAYMENTS_AMOUNT_MISMATCH', { expected: order.amountFen, given: body.amountFen });
    const applies = order.status === 'pending';
    const fresh = await repo.insertEvent(tx, { orderId: order.id, provider: provider.name, eventId: body.eventId, kind: body.kind, amountFen: body.amountFen, applied: applies ? 1 : 0, at: now() });
    if (!fresh || !applies) return { status: order.status, applied: false };
    const paid = { ...order, status: 'paid' as const, paidAt: now(), providerRef: body.eventId, updatedAt: now() };
    await repo.updateOrder(tx, order.id, { status: 'paid', paidAt: paid.paidAt, providerRef: body.eventId, updatedAt: now() });
    await audit.record(tx, ctx, { action: 'payments.order.paid', entityType: 'payment_order', entityId: order.id, divisionCode: order.divisionCode, details: { number: order.number, eventId: body.eventId } });
    await purposes.get(order.purpose)!.onPaid(tx, ctx, paid);
    return { status: 'paid', applied: true };
  });
}

/** The body a callback's signature covers. */
export function canonicalCallback(body: PaymentCallback): string {
  return `${body.eventId}|${body.orderNumber}|${body.kind}|${body.amountFen}`;
}

/**
 * Refunds a paid order through its provider, in the caller's transaction; an order not paid is left as it is.
 * Returns whether anything was refunded.
 */
export async function refundOrder(tx: Tx, ctx: AuditCtx, orderId: string, reason: string): Promise<boolean> {
  const order = await repo.lockOrder(tx, orderId);
  if (!order || order.status !== 'paid') return false;
  const { refundRef } = await PROVIDERS[order.provider]!.refund(order);
  const refunded = { ...order, status: 'refunded' as const, refundedAt: ctx.now(), refundReason: reason };
  await repo.updateOrder(tx, order.id, { status: 'refunded', refundedAt: refunded.refundedAt, refundReason: reason, updatedAt: ctx.now() });
  await repo.insertEvent(tx, { orderId: order.id, provider: order.provider, eventId: refundRef, kind: 'refunded', amountFen: order.amountFen, applied: 1, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'payments.order.refund', entityType: 'payment_order', entityId: order.id, divisionCode: order.divisionCode, details: { number: order.number, reason } });
  await purposes.get(order.purpose)?.onRefunded?.(tx, ctx, refunded);
  return true;
}

/**
 * What the payment page shows for its token.
 *
 * @throws NOT_FOUND for an unknown token.
 */
export async function checkout(db: Executor, token: string): Promise<CheckoutView> {
  const order = await repo.findOrderByToken(db, token);
  if (!order) throw new AppError('NOT_FOUND');
  return { number: order.number, description: order.description, amountFen: order.amountFen, status: order.status, returnTo: purposes.get(order.purpose)?.returnTo ?? '/portal' };
}

/**
 * The dev provider's pay button: it sends the provider's signed callback to the same handler a real
 * provider's would reach.
 *
 * @throws NOT_FOUND for an unknown token or an order of another provider.
 */
export async function payWithDevProvider(db: Db, token: string, now: () => Date): Promise<CheckoutView> {
  const order = await repo.findOrderByToken(db, token);
  if (!order || order.provider !== 'dev') throw new AppError('NOT_FOUND');
  const body: PaymentCallback = { eventId: `dev-${randomUUID()}`, orderNumber: order.number, kind: 'paid', amountFen: order.amountFen };
  await handleCallback(db, 'dev', await devProvider.sign(db, canonicalCallback(body)), body, now);
  return checkout(db, token);
}
