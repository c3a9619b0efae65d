import { describe, expect, it } from 'vitest';
import { lastPeriod, taxFen } from './tax';

describe('rental tax periods and amounts', () => {
  it('bills the month or the calendar quarter that ended last', () => {
    expect(lastPeriod('2026-03-02', 'monthly')).toEqual({ start: '2026-02-01', end: '2026-02-28', months: 1 });
    expect(lastPeriod('2026-01-15', 'monthly')).toEqual({ start: '2025-12-01', end: '2025-12-31', months: 1 });
    expect(lastPeriod('2026-03-31', 'quarterly')).toEqual({ start: '2025-10-01', end: '2025-12-31', months: 3 });
    expect(lastPeriod('2026-04-01', 'quarterly')).toEqual({ start: '2026-01-01', end: '2026-03-31', months: 3 });
  });
  it('is rent × months × rate, to the fen', () => {
    expect(taxFen(250_000, 1, 40)).toBe(10_000);
    expect(taxFen(333_333, 3, 40)).toBe(40_000);
    expect(taxFen(100_001, 1, 25)).toBe(2_500);
  });
});
