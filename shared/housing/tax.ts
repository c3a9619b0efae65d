/** How often a rental house is billed for the rental tax (个人出租屋综合税). */
export type TaxPeriod = 'monthly' | 'quarterly';

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** The last whole billing period that ended before `today` (a month, or a calendar quarter). */
export function lastPeriod(today: string, period: TaxPeriod): { start: string; end: string; months: number } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  if (period === 'monthly') return { start: iso(y, m - 1, 1), end: iso(y, m, 0), months: 1 };
  const q = Math.floor(m / 3);
  return { start: iso(y, q * 3 - 3, 1), end: iso(y, q * 3, 0), months: 3 };
}

/** The tax of a period in fen: monthly rent × months × rate (per mille), rounded to the fen. */
export function taxFen(monthlyRentFen: number, months: number, ratePermille: number): number {
  return Math.round((monthlyRentFen * months * ratePermille) / 1000);
}
