import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { HouseTaxView, RentInput, TaxBillQuery, TaxBillView, TaxRateInput } from '@shared/housing/housing.schema';
import { taxBillWorkflow } from '@shared/housing/housing.workflow';
import { lastPeriod, taxFen } from '@shared/housing/tax';
import { addDays, chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { isCityWide, scopeContains } from '../../platform/auth/scope';
import type { Db, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import type { Ctx } from '../../platform/http/context';
import { createOrder, definePaymentPurpose } from '../../platform/payments/payments';
import { findRentalHouse } from '../registry';
import * as repo from './housing.repo';

export const TAX_PURPOSE = 'housing.rental-tax';
type Actor = Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>;
const today = (ctx: Pick<Ctx, 'now'>) => chinaDate(ctx.now());
/** Days after a period ends by which its bill is paid. */
const PAY_WITHIN_DAYS = 15;

/**
 * The city's default rates until it sets its own (per mille of the rent): the comprehensive rate for letting a home
 * and for letting business premises. Confidence U: the city's current rates are not in policy.md; edit them.
 */
const DEFAULT_RATES = { residential: 40, business: 120 } as const;

export async function ensureTaxRates(db: Db, city: string): Promise<void> {
  await db.transaction((tx) => repo.seedTaxRates(tx, Object.entries(DEFAULT_RATES).map(([use, ratePermille]) => ({ divisionCode: city, use: use as keyof typeof DEFAULT_RATES, ratePermille }))));
}

export async function listTaxRates(ctx: Ctx) {
  return { items: (await repo.listTaxRates(ctx.db)).map((r) => ({ divisionCode: r.divisionCode, use: r.use, ratePermille: r.ratePermille, updatedAt: r.updatedAt.toISOString() })) };
}

/** Sets the rate of a district (or the city's default) for a use. @throws CITY_LEVEL_ONLY. */
export async function setTaxRate(ctx: Ctx, input: TaxRateInput) {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  await ctx.db.transaction(async (tx) => {
    await repo.upsertTaxRate(tx, { divisionCode: input.divisionCode, use: input.use, ratePermille: input.ratePermille, updatedBy: ctx.actor.userId, updatedAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'housing.tax-rate.set', entityType: 'housing_tax_rate', entityId: null, divisionCode: input.divisionCode, details: { ...input } });
  });
  return listTaxRates(ctx);
}

/** Records a rental house's declared rent, its use and billing period; the last ended period is billed at once. @throws NOT_FOUND outside the jurisdiction. */
export async function declareRent(ctx: Ctx, houseId: string, input: RentInput): Promise<{ ok: true }> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  await ctx.db.transaction(async (tx) => {
    const rent = { houseId, divisionCode: house.divisionCode, monthlyRentFen: Math.round(input.monthlyRentYuan * 100), use: input.use, period: input.period, since: input.since, declaredBy: ctx.actor.userId, updatedAt: ctx.now() };
    await repo.upsertRent(tx, rent);
    await audit.record(tx, ctx, { action: 'housing.rent.declare', entityType: 'house', entityId: houseId, divisionCode: house.divisionCode, details: { ...input } });
    // A rent declared from before the last period's end is billed for that period at once.
    await billRent(ctx, tx, rent, await repo.listTaxRates(tx));
  });
  return { ok: true };
}

function rateFor(rates: Awaited<ReturnType<typeof repo.listTaxRates>>, divisionCode: string, use: 'residential' | 'business'): number {
  const district = rates.find((r) => r.divisionCode === divisionCode.slice(0, 6) && r.use === use);
  const city = rates.find((r) => r.divisionCode === divisionCode.slice(0, 4) && r.use === use);
  return (district ?? city)?.ratePermille ?? DEFAULT_RATES[use];
}

/** Issues the bill of the last ended period for one declared rent, unless it has one (or the rent began after). */
async function billRent(ctx: Actor, tx: Tx, rent: Awaited<ReturnType<typeof repo.rentsAfter>>[number], rates: Awaited<ReturnType<typeof repo.listTaxRates>>): Promise<boolean> {
  const period = lastPeriod(today(ctx), rent.period);
  if (rent.since > period.end) return false;
  const house = await findRentalHouse(tx, rent.houseId);
  if (!house) return false;
  const rate = rateFor(rates, rent.divisionCode, rent.use);
  const bill = await repo.insertBill(tx, {
    houseId: rent.houseId, divisionCode: rent.divisionCode, address: house.address, periodStart: period.start, periodEnd: period.end, monthlyRentFen: rent.monthlyRentFen,
    months: period.months, ratePermille: rate, amountFen: taxFen(rent.monthlyRentFen, period.months, rate), status: 'due', dueOn: addDays(period.end, PAY_WITHIN_DAYS), landlordPhone: house.landlordPhone,
  });
  if (!bill) return false;
  await repo.insertBillAction(tx, { billId: bill.id, action: 'issue', fromStatus: 'new', toStatus: 'due', transactionId: derivedUuid(`housing.bill:${bill.id}`), actorId: null, details: `${period.start}~${period.end}`, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'housing.tax-bill.issue', entityType: 'housing_tax_bill', entityId: bill.id, divisionCode: bill.divisionCode, details: { period: period.start, amountFen: bill.amountFen } });
  return true;
}

/**
 * Issues the bills of the last ended period for every house with a declared rent since before the period ended
 * (monthly or quarterly, as declared), each once. Runs daily; a re-run issues nothing twice.
 */
export async function issueBills(ctx: Actor & Pick<Ctx, 'db'>): Promise<number> {
  const rates = await repo.listTaxRates(ctx.db);
  let issued = 0;
  let after: string | null = null;
  for (;;) {
    const page = await repo.rentsAfter(ctx.db, after, 500);
    if (page.length === 0) return issued;
    after = page[page.length - 1]!.houseId;
    issued += await ctx.db.transaction(async (tx) => {
      let n = 0;
      for (const rent of page) if (await billRent(ctx, tx, rent, rates)) n += 1;
      return n;
    });
  }
}

function billView(ctx: Pick<Ctx, 'now'>, row: repo.BillRow): TaxBillView {
  return {
    id: row.id, houseId: row.houseId, address: row.address, periodStart: row.periodStart, periodEnd: row.periodEnd, monthlyRentFen: row.monthlyRentFen, months: row.months,
    ratePermille: row.ratePermille, amountFen: row.amountFen, status: row.status, dueOn: row.dueOn, overdue: row.status === 'due' && row.dueOn < today(ctx), paidAt: row.paidAt?.toISOString() ?? null,
  };
}

/** A rental house's declared rent (with the rate that applies) and its last twelve bills. @throws NOT_FOUND outside the jurisdiction. */
export async function houseTax(ctx: Ctx, houseId: string): Promise<HouseTaxView> {
  const house = await findRentalHouse(ctx.db, houseId);
  if (!house || !scopeContains(ctx.scope, house.divisionCode)) throw new AppError('NOT_FOUND');
  const [rent, bills, rates] = await Promise.all([repo.rentOf(ctx.db, houseId), repo.billsOfHouse(ctx.db, houseId, 12), repo.listTaxRates(ctx.db)]);
  return {
    rent: rent ? { monthlyRentYuan: rent.monthlyRentFen / 100, use: rent.use, period: rent.period, since: rent.since, ratePermille: rateFor(rates, rent.divisionCode, rent.use), updatedAt: rent.updatedAt.toISOString() } : null,
    bills: bills.map((b) => billView(ctx, b)),
  };
}

/** Bills in the jurisdiction (staff; `arrears=true` for those unpaid past their due date) or the caller's own (landlords). */
export async function listBills(ctx: Ctx, side: 'staff' | 'landlord', query: TaxBillQuery) {
  if (side === 'landlord' && !ctx.actor.phone) return { items: [], total: 0, arrearsFen: 0, page: query.page, pageSize: query.pageSize };
  const by = side === 'staff' ? { scope: ctx.scope } : { landlordPhone: ctx.actor.phone! };
  const { rows, total } = await repo.listBills(ctx.db, by, { arrearsOn: query.arrears === 'true' ? today(ctx) : undefined, page: query.page, pageSize: query.pageSize });
  const arrears = await repo.listBills(ctx.db, by, { arrearsOn: today(ctx), page: 1, pageSize: 1 });
  return { items: rows.map((r) => billView(ctx, r)), total, arrearsFen: arrears.fen, page: query.page, pageSize: query.pageSize };
}

/**
 * The landlord pays a bill: an order at the payment interface (the same order again while it is open), paid there.
 * @throws NOT_FOUND for a bill that is not theirs; WORKFLOW_ACTION_NOT_OPEN when it is paid.
 */
export async function payBill(ctx: Ctx, id: string): Promise<{ payPath: string }> {
  if (!ctx.actor.phone) throw new AppError('NOT_FOUND');
  const bill = await repo.findBill(ctx.db, id, { landlordPhone: ctx.actor.phone });
  if (!bill) throw new AppError('NOT_FOUND');
  taxBillWorkflow.next(bill.status, 'pay', ctx.actor.permissions);
  return ctx.db.transaction(async (tx) => {
    const { order, payPath } = await createOrder(tx, ctx, { purpose: TAX_PURPOSE, referenceId: bill.id, divisionCode: bill.divisionCode, payerUserId: ctx.actor.userId, description: `出租屋综合税 ${bill.address} ${bill.periodStart}~${bill.periodEnd}`, amountFen: bill.amountFen });
    await repo.updateBill(tx, bill.id, { orderId: order.id });
    return { payPath };
  });
}

async function markPaid(tx: Tx, ctx: Actor, billId: string): Promise<void> {
  const bill = await repo.lockBill(tx, billId);
  if (!bill || bill.status === 'paid') return;
  const to = taxBillWorkflow.next(bill.status, 'pay', ['portal.use']) as repo.BillRow['status'];
  await repo.updateBill(tx, bill.id, { status: to, paidAt: ctx.now() });
  await repo.insertBillAction(tx, { billId: bill.id, action: 'pay', fromStatus: bill.status, toStatus: to, transactionId: randomUUID(), actorId: ctx.actor.userId, details: null, at: ctx.now() });
  await audit.record(tx, ctx, { action: 'housing.tax-bill.pay', entityType: 'housing_tax_bill', entityId: bill.id, divisionCode: bill.divisionCode, details: { amountFen: bill.amountFen } });
}

definePaymentPurpose(TAX_PURPOSE, {
  returnTo: '/portal/rental/letters',
  onPaid: async (tx, ctx, order) => markPaid(tx, ctx, order.referenceId),
});

