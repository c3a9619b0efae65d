import type { DaysQuery, DayView, OverrideInput, OverrideView } from '@shared/calendar/calendar.schema';
import { AppError } from '@shared/errors';
import { addDays, workCalendar, type WorkCalendar } from '@shared/kernel/workdays';
import * as audit from '../audit/audit';
import { isCityWide } from '../auth/scope';
import type { Db, Executor } from '../db/client';
import type { Ctx } from '../http/context';
import * as repo from './calendar.repo';

/** The longest range of days one request may list. */
const MAX_DAYS = 366;

/** Calendars per database, rebuilt after every change (overrides are few; one read per change). */
const cache = new WeakMap<Db, Promise<WorkCalendar>>();

/**
 * The working-day calendar: the official schedule with the city's overrides. Other modules count deadlines with it.
 * Inside a transaction pass it as `via`, so a first load reads through the transaction, not beside it.
 */
export function getCalendar(db: Db, via: Executor = db): Promise<WorkCalendar> {
  let calendar = cache.get(db);
  if (!calendar) {
    calendar = repo.listOverrides(via).then((rows) => workCalendar(Object.fromEntries(rows.map((row) => [row.date, { kind: row.kind, note: row.note }]))));
    calendar.catch(() => cache.delete(db));
    cache.set(db, calendar);
  }
  return calendar;
}

function present(row: { date: string; kind: 'workday' | 'holiday'; note: string | null; updatedAt: Date }): OverrideView {
  return { date: row.date, kind: row.kind, note: row.note, updatedAt: row.updatedAt.toISOString() };
}

/**
 * Every day of a range, with its kind and why.
 *
 * @throws CALENDAR_RANGE_INVALID when `to` is before `from` or the range passes a year.
 */
export async function listDays(ctx: Ctx, query: DaysQuery): Promise<{ items: DayView[] }> {
  const span = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (span < 0 || span >= MAX_DAYS) throw new AppError('CALENDAR_RANGE_INVALID', { max: MAX_DAYS });
  const calendar = await getCalendar(ctx.db);
  const items: DayView[] = [];
  for (let date = query.from; date <= query.to; date = addDays(date, 1)) items.push(calendar.describe(date));
  return { items };
}

/** The overrides of one year. */
export async function listOverrides(ctx: Ctx, year: number): Promise<{ items: OverrideView[] }> {
  return { items: (await repo.listOverridesBetween(ctx.db, `${year}-01-01`, `${year}-12-31`)).map(present) };
}

/**
 * Marks a day as a working day or a day off for the whole city; setting the same again changes nothing.
 *
 * @throws CITY_LEVEL_ONLY when the caller does not work city-wide.
 * @idempotent on (date, kind, note).
 */
export async function setOverride(ctx: Ctx, date: string, input: OverrideInput): Promise<OverrideView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const saved = await ctx.db.transaction(async (tx) => {
    const before = await repo.findOverride(tx, date);
    if (before && before.kind === input.kind && (before.note ?? null) === (input.note ?? null)) return before;
    const row = await repo.upsertOverride(tx, { date, kind: input.kind, note: input.note ?? null, updatedBy: ctx.actor.userId, updatedAt: ctx.now() });
    await audit.record(tx, ctx, {
      action: 'calendar.override.set', entityType: 'workday', entityId: date,
      details: { kind: input.kind, note: input.note ?? null, before: before ? { kind: before.kind, note: before.note } : null },
    });
    return row;
  });
  cache.delete(ctx.db);
  return present(saved);
}

/**
 * Removes a day's override: the official schedule applies again.
 *
 * @throws CITY_LEVEL_ONLY when the caller does not work city-wide.
 * @throws NOT_FOUND when the day has no override.
 */
export async function removeOverride(ctx: Ctx, date: string): Promise<{ ok: true }> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findOverride(tx, date);
    if (!before || !(await repo.deleteOverride(tx, date))) throw new AppError('NOT_FOUND');
    await audit.record(tx, ctx, { action: 'calendar.override.remove', entityType: 'workday', entityId: date, details: { before: { kind: before.kind, note: before.note } } });
  });
  cache.delete(ctx.db);
  return { ok: true };
}
