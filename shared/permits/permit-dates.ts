import { addDays, type IsoDate } from '../kernel/workdays';

/**
 * `date` moved by `months` calendar months, as the Civil Code counts periods in months (民法典 第二百零二条):
 * the same day of the month, or the month's last day when that month has no such day (31 August + 6 months is
 * 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type Stay = { arrivedOn: IsoDate; leftOn: IsoDate | null };

/**
 * Where the current unbroken registration in the city began: walking back from the stay that is still open, an
 * earlier stay counts as continuous when it ended at most `gapDays` days before the next one began (a move
 * inside the city). Null when no stay is open now.
 */
export function registeredSince(stays: readonly Stay[], gapDays: number): IsoDate | null {
  const ordered = [...stays].sort((a, b) => (a.arrivedOn < b.arrivedOn ? -1 : a.arrivedOn > b.arrivedOn ? 1 : 0));
  const current = ordered.findLast((stay) => stay.leftOn === null);
  if (!current) return null;
  let since = current.arrivedOn;
  for (let i = ordered.indexOf(current) - 1; i >= 0; i -= 1) {
    const earlier = ordered[i]!;
    if (earlier.leftOn === null || daysBetween(earlier.leftOn, since) > gapDays) break;
    if (earlier.arrivedOn < since) since = earlier.arrivedOn;
  }
  return since;
}

/** The first day a person registered since `since` has lived `months` months in the city and may apply. */
export function eligibleFrom(since: IsoDate, months: number): IsoDate {
  return addMonths(since, months);
}

/**
 * The current year of a permit: it runs from `anchorOn` (the issue date, or the day a lapsed permit was endorsed
 * late) for `years` endorsed years plus the current one, and each year ends on the corresponding day (民法典
 * 第二百零二条). The endorsement window is the month before that last day, the last day included; from the day
 * after, the permit is suspended.
 */
export function permitYear(anchorOn: IsoDate, endorsedYears: number, validityMonths: number, windowMonths: number) {
  const validUntil = addMonths(anchorOn, validityMonths * (endorsedYears + 1));
  return { validUntil, windowOpensOn: addMonths(validUntil, -windowMonths), suspendsOn: addDays(validUntil, 1) };
}

export type EndorsementTiming = 'early' | 'on_time' | 'late';

/** Whether endorsing on `today` is before the window, within it, or after the deadline. */
export function endorsementTiming(today: IsoDate, year: { windowOpensOn: IsoDate; validUntil: IsoDate }): EndorsementTiming {
  if (today < year.windowOpensOn) return 'early';
  return today <= year.validUntil ? 'on_time' : 'late';
}
