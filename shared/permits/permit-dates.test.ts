import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, eligibleFrom, endorsementTiming, permitYear, registeredSince } from './permit-dates';

describe('months as the Civil Code counts them', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 1)).toBe('2026-12-30');
  });

  it('counts calendar days either way', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });
});

describe('half a year of registered residence', () => {
  it('is reached six months to the day after registration', () => {
    expect(eligibleFrom('2026-01-15', 6)).toBe('2026-07-15');
    expect(eligibleFrom('2026-08-31', 6)).toBe('2027-02-28');
    expect(eligibleFrom('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('runs on across moves inside the city with gaps of up to three days, and starts again after a longer gap', () => {
    const moves = [
      { arrivedOn: '2024-03-01', leftOn: '2025-01-10' },
      { arrivedOn: '2025-02-20', leftOn: '2025-09-30' },
      { arrivedOn: '2025-10-03', leftOn: '2026-01-31' },
      { arrivedOn: '2026-01-31', leftOn: null },
    ];
    expect(registeredSince(moves, 3)).toBe('2025-02-20');
    expect(registeredSince(moves, 2)).toBe('2025-10-03');
    expect(registeredSince(moves, 60)).toBe('2024-03-01');
    expect(registeredSince(moves.slice(0, 3), 3)).toBeNull();
  });
});

describe('the permit year and its endorsement window', () => {
  it('runs a year from issue; the window is the month before its last day; suspension is the day after', () => {
    const year = permitYear('2026-03-15', 0, 12, 1);
    expect(year).toEqual({ validUntil: '2027-03-15', windowOpensOn: '2027-02-15', suspendsOn: '2027-03-16' });
    expect(endorsementTiming('2027-02-14', year)).toBe('early');
    expect(endorsementTiming('2027-02-15', year)).toBe('on_time');
    expect(endorsementTiming('2027-03-15', year)).toBe('on_time');
    expect(endorsementTiming('2027-03-16', year)).toBe('late');
  });

  it('counts endorsed years from the start of the run, so a leap day does not drift', () => {
    expect(permitYear('2028-02-29', 0, 12, 1).validUntil).toBe('2029-02-28');
    expect(permitYear('2028-02-29', 3, 12, 1).validUntil).toBe('2032-02-29');
    expect(permitYear('2026-03-31', 0, 12, 1).windowOpensOn).toBe('2027-02-28');
  });
});
