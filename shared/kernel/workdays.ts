// The default export: chinese-days ships CommonJS for Node, whose named exports Node cannot see.
import chineseDays from 'chinese-days';

const { isWorkday: officialIsWorkday, getDayDetail } = chineseDays;

/** An ISO date, YYYY-MM-DD, in China time. */
export type IsoDate = string;
export type DayKind = 'workday' | 'holiday';
export type DaySource = 'override' | 'official' | 'weekend' | 'weekday';
export type DayInfo = { date: IsoDate; kind: DayKind; source: DaySource; name: string | null; nameEn: string | null };

export type WorkCalendar = {
  isWorkday(date: IsoDate): boolean;
  describe(date: IsoDate): DayInfo;
  /** The `n`th working day after `date` (n ≥ 1), or `date` itself for n = 0. */
  addWorkdays(date: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workdaysBetween(from: IsoDate, to: IsoDate): number;
};

const DAY = 86_400_000;

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The China-time date of an instant. */
export function chinaDate(at: Date): IsoDate {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Working days as the State Council's holiday schedule sets them (from `chinese-days`: holidays and the
 * weekend days worked in lieu), corrected by the city's own overrides (a year not yet published, a
 * local typhoon day off). Runs in the server and the browser alike.
 */
export function workCalendar(overrides: Readonly<Record<IsoDate, { kind: DayKind; note?: string | null }>> = {}): WorkCalendar {
  function describe(date: IsoDate): DayInfo {
    const override = overrides[date];
    if (override) return { date, kind: override.kind, source: 'override', name: override.note ?? null, nameEn: override.note ?? null };
    const detail = getDayDetail(date);
    const official = detail.name && !/^(Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday)$/.test(detail.name);
    const kind: DayKind = officialIsWorkday(date) ? 'workday' : 'holiday';
    if (official) {
      const [en, zh] = detail.name.split(',');
      return { date, kind, source: 'official', name: zh ?? detail.name, nameEn: en ?? detail.name };
    }
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { date, kind, source: weekday === 0 || weekday === 6 ? 'weekend' : 'weekday', name: null, nameEn: null };
  }
  // Deadlines are counted over and over (every row of an import, every item of a queue): each day is looked up once.
  const known = new Map<IsoDate, boolean>();
  const isWorkday = (date: IsoDate) => {
    let workday = known.get(date);
    if (workday === undefined) {
      workday = describe(date).kind === 'workday';
      if (known.size < 100_000) known.set(date, workday);
    }
    return workday;
  };
  return {
    isWorkday,
    describe,
    addWorkdays(date, n) {
      let current = date;
      for (let left = n; left > 0; ) {
        current = addDays(current, 1);
        if (isWorkday(current)) left -= 1;
      }
      return current;
    },
    workdaysBetween(from, to) {
      let count = 0;
      for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) if (isWorkday(current)) count += 1;
      return count;
    },
  };
}
