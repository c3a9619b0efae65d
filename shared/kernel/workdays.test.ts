import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, workCalendar } from './workdays';

describe('working days', () => {
  const calendar = workCalendar();

  it('follows the official schedule: National Day off, the make-up Sunday worked', () => {
    expect(calendar.describe('2026-10-01')).toMatchObject({ kind: 'holiday', source: 'official', name: '国庆节', nameEn: 'National Day' });
    expect(calendar.describe('2026-09-20')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(calendar.describe('2026-11-28')).toMatchObject({ kind: 'holiday', source: 'weekend' });
    expect(calendar.describe('2026-11-25')).toMatchObject({ kind: 'workday', source: 'weekday' });
  });

  it('counts three working days from an arrival before the National Day holiday', () => {
    // Arrive Tuesday 29 September: Wednesday 30 is the 1st working day, the holiday runs 1–7 October, then 8 and 9 October.
    expect(calendar.addWorkdays('2026-09-29', 3)).toBe('2026-10-09');
    expect(calendar.workdaysBetween('2026-09-29', '2026-10-09')).toBe(3);
    expect(calendar.addWorkdays('2026-10-09', 1)).toBe('2026-10-10'); // a make-up Saturday
    expect(calendar.addWorkdays('2026-11-25', 0)).toBe('2026-11-25');
    expect(calendar.workdaysBetween('2026-11-25', '2026-11-25')).toBe(0);
  });

  it('lets the city override a day', () => {
    const typhoon = workCalendar({ '2026-11-26': { kind: 'holiday', note: '台风停工' }, '2026-11-28': { kind: 'workday' } });
    expect(typhoon.describe('2026-11-26')).toMatchObject({ kind: 'holiday', source: 'override', name: '台风停工' });
    expect(typhoon.addWorkdays('2026-11-25', 2)).toBe('2026-11-28');
  });

  it('does date arithmetic across month and year ends in China time', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(chinaDate(new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-26');
  });
});
