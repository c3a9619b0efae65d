import { AppError } from '@shared/errors';
import { childCodeLength } from '@shared/kernel/division-code';
import type { CalendarView, GridsView, InspectionStatsView } from '@shared/inspections/inspection.schema';
import { listUsersWithRoleIn } from '../../platform/auth/auth.repo';
import { scopeContains, type Scope } from '../../platform/auth/scope';
import type { Executor, Tx } from '../../platform/db/client';
import { findDivision, listChildren, listCodesAtLevel, namesOf } from '../../platform/divisions/divisions.repo';
import type { Ctx } from '../../platform/http/context';
import { countBuildingsIn } from '../registry';
import * as repo from './inspections.repo';
import { today } from './inspections.service';


const monthDays = (month: string): string[] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

/** The month's days with inspections planned (overdue among them), done and cancelled, in the caller's jurisdiction. */
export async function calendar(ctx: Ctx, month: string): Promise<CalendarView> {
  const days = monthDays(month);
  const { planned, done } = await repo.calendar(ctx.db, ctx.scope, days[0]!, days.at(-1)!, today(ctx));
  const byPlanned = new Map(planned.map((p) => [p.date, p]));
  const byDone = new Map(done.map((d) => [d.date, d.done]));
  return {
    month,
    days: days.map((date) => ({ date, planned: byPlanned.get(date)?.planned ?? 0, overdue: byPlanned.get(date)?.overdue ?? 0, cancelled: byPlanned.get(date)?.cancelled ?? 0, done: byDone.get(date) ?? 0 })),
  };
}

/** When the coverage was last counted. */
const latest = (cover: { asOf: string | null }[]) => cover.reduce<string | null>((a, c) => (c.asOf && (!a || c.asOf > a) ? c.asOf : a), null);

/** Rental houses per child jurisdiction of `root` (codes cut to `length`) as the daily count found them, and its date. */
export async function rentalHousesBy(db: Executor, root: string, length: number): Promise<{ asOf: string | null; rows: { code: string; houses: number }[] }> {
  const cover = await repo.coverageBy(db, root, length);
  return { asOf: latest(cover), rows: cover.map((c) => ({ code: c.code, houses: c.houses })) };
}

const ZERO = { houses: 0, covered: 0, overdue: 0, high: 0, medium: 0, low: 0, ungraded: 0, found: 0, closed: 0, closeDays: 0, open: 0, referred: 0 };
type Sums = typeof ZERO;
const finish = ({ closeDays, ...s }: Sums) => ({ ...s, avgCloseDays: s.closed ? Math.round((closeDays / s.closed) * 10) / 10 : null });

const MAX_MONTHS = 60;

/** The months from `from` to `to` (YYYY-MM), both included; empty when `to` is before `from`. */
function monthsBetween(from: string, to: string): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = index(from); i <= index(to) && out.length <= MAX_MONTHS; i += 1) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/**
 * Statistics per jurisdiction, from the summary tables: for each child division of the caller's (or of `division`
 * inside it) the rental houses by coverage and grade (as of the daily count), hazards found and closed in the months
 * asked (with the average days to close) and open now; and the whole.
 *
 * @throws NOT_FOUND for a division outside the jurisdiction; INSPECTIONS_MONTHS_INVALID when `to` is before `from`
 *   or the range passes five years.
 */
export async function stats(ctx: Ctx, query: { division?: string; from?: string; to?: string }): Promise<InspectionStatsView> {
  const root = query.division ?? ctx.scope.root ?? '';
  if (query.division && !scopeContains(ctx.scope, query.division)) throw new AppError('NOT_FOUND');
  const division = await findDivision(ctx.db, root);
  if (!division) throw new AppError('NOT_FOUND');
  const now = today(ctx).slice(0, 7);
  const to = query.to ?? now;
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`;
  const months = monthsBetween(from, to);
  if (months.length === 0 || months.length > MAX_MONTHS) throw new AppError('INSPECTIONS_MONTHS_INVALID', { max: MAX_MONTHS });
  const length = childCodeLength(root);
  const [cover, hazards, open, children] = await Promise.all([
    repo.coverageBy(ctx.db, root, length), repo.hazardMonthsBy(ctx.db, root, length, from, to), repo.openHazardsBy(ctx.db, root, length), listChildren(ctx.db, ctx.scope, root),
  ]);
  const rows = new Map<string, Sums>();
  const row = (code: string) => rows.get(code) ?? rows.set(code, { ...ZERO }).get(code)!;
  for (const c of cover) Object.assign(row(c.code), { houses: c.houses, covered: c.covered, overdue: c.overdue, high: c.high, medium: c.medium, low: c.low, ungraded: c.ungraded });
  for (const h of hazards.byCode) Object.assign(row(h.code), { found: h.found, closed: h.closed, closeDays: h.closeDays });
  for (const o of open) Object.assign(row(o.code), { open: o.open, referred: o.referred });
  const names = new Map(children.map((c) => [c.code, c.name]));
  for (const c of children) row(c.code);
  const total = { ...ZERO };
  for (const sums of rows.values()) for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += sums[key];
  return {
    asOf: latest(cover), from, to,
    division: { code: division.code, name: division.name },
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, sums]) => ({ code, name: names.get(code) ?? (code === root ? `${division.name}（直属）` : code), ...finish(sums) })),
    total: finish(total),
    // Every month of the range, those without hazards as zero, so a chart shows the gaps.
    months: months.map((month) => hazards.byMonth.find((m) => m.month === month) ?? { month, found: 0, closed: 0 }),
  };
}

/** The grids of the jurisdiction with their community, buildings, rental houses and coverage, open hazards and workers. */
export async function grids(ctx: Ctx, query: { page: number; pageSize: number }): Promise<GridsView> {
  const scope: Scope = ctx.scope;
  const all = await listCodesAtLevel(ctx.db, scope.root ?? '\u0000', 'grid');
  const list = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const codes = list.map((g) => g.code);
  const [cover, open, buildings, workers] = await Promise.all([
    repo.coverageBy(ctx.db, scope.root ?? '\u0000', 15), repo.openHazardsBy(ctx.db, scope.root ?? '\u0000', 15), countBuildingsIn(ctx.db, codes), listUsersWithRoleIn(ctx.db, 'grid_worker', codes),
  ]);
  const communities = await namesOf(ctx.db, [...new Set(codes.map((c) => c.slice(0, 12)))]);
  const coverOf = new Map(cover.map((c) => [c.code, c]));
  const openOf = new Map(open.map((o) => [o.code, o.open]));
  return {
    asOf: latest(cover), total: all.length, page: query.page, pageSize: query.pageSize,
    items: list.map((g) => ({
      code: g.code, name: g.name, community: { code: g.code.slice(0, 12), name: communities.get(g.code.slice(0, 12)) ?? g.code.slice(0, 12) },
      buildings: buildings.get(g.code) ?? 0, houses: coverOf.get(g.code)?.houses ?? 0, covered: coverOf.get(g.code)?.covered ?? 0, overdue: coverOf.get(g.code)?.overdue ?? 0,
      high: coverOf.get(g.code)?.high ?? 0, openHazards: openOf.get(g.code) ?? 0,
      workers: workers.filter((w) => w.divisionCode === g.code).map((w) => ({ id: w.id, name: w.name })),
    })),
  };
}

/** Counts coverage as of today (the daily job; also after seeding the demo). */
export async function countCoverage(ctx: Pick<Ctx, 'now'>, tx: Tx): Promise<void> {
  await repo.refreshCoverage(tx, today(ctx));
}
