import { describe, expect, it } from 'vitest';
import { judgeOccupancy } from './occupancy';

const rules = { minAreaSingle: 5, minAreaPerPerson: 3, groupRentalOccupants: 30 };
const codes = (area: number | null, n: number) => judgeOccupancy(area, n, rules).map((f) => f.code);

describe('overcrowding and group rental (Foshan 2014 Art. 28)', () => {
  it('one person: 5 m² is enough, under it is not', () => {
    expect(codes(5, 1)).toEqual([]);
    expect(codes(4.9, 1)).toEqual(['single_too_small']);
  });
  it('two or more: 3 m² each is enough, under it is not', () => {
    expect(codes(6, 2)).toEqual([]);
    expect(codes(5.9, 2)).toEqual(['too_little_per_person']);
    expect(codes(30, 10)).toEqual([]);
    expect(codes(29.5, 10)).toEqual(['too_little_per_person']);
    // 4 m² for one is too small, but the same 4 m² per head for two is enough.
    expect(codes(8, 2)).toEqual([]);
  });
  it('thirty people is a group rental whatever the area; twenty-nine is not', () => {
    expect(codes(500, 30)).toEqual(['group_rental']);
    expect(codes(500, 29)).toEqual([]);
    expect(codes(60, 30)).toEqual(['group_rental', 'too_little_per_person']);
  });
  it('an unknown area is judged on the head count alone; an empty house on nothing', () => {
    expect(codes(null, 12)).toEqual([]);
    expect(codes(null, 31)).toEqual(['group_rental']);
    expect(codes(2, 0)).toEqual([]);
  });
  it('says what it found in both languages', () => {
    expect(judgeOccupancy(5.9, 2, rules)[0]).toMatchObject({ message: expect.stringContaining('人均 2.95 平方米'), messageEn: expect.stringContaining('2.95 m² each') });
  });
});
