import { z } from 'zod';

/**
 * Division codes are the statistical codes, kept at their own length so that a prefix is a subtree:
 * province 2 digits, city 4, district 6, street/town 9, community/village 12, grid 15 (community + 3).
 */
export const DIVISION_LEVELS = ['province', 'city', 'district', 'street', 'community', 'grid'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];
const LENGTHS: Record<DivisionLevel, number> = { province: 2, city: 4, district: 6, street: 9, community: 12, grid: 15 };

export const DivisionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3}(\d{3})?)?)?)?)?$/, {
  message: 'errors:DIVISION_NOT_FOUND',
});

/** The level of a division code, read from its length. */
export function divisionLevel(code: string): DivisionLevel {
  const level = DIVISION_LEVELS.find((name) => LENGTHS[name] === code.length);
  if (!level) throw new Error(`not a division code: ${code}`);
  return level;
}

export function divisionCodeLength(level: DivisionLevel): number {
  return LENGTHS[level];
}

/**
 * The code length of a division's children: the whole country (empty) and a province → cities (4), city → districts
 * (6), district → streets (9), street → communities (12), community → grids (15); a grid has none (its own length).
 */
export function childCodeLength(code: string): number {
  return ({ 0: 4, 2: 4, 4: 6, 6: 9, 9: 12, 12: 15 } as Record<number, number>)[code.length] ?? code.length;
}

/** Whether `code` lies inside (or is) the subtree rooted at `root`. */
export function isWithin(code: string, root: string): boolean {
  return code.startsWith(root);
}

/** Accepts a city given as 4 digits (4406) or as its 6-digit statistical form (440600). */
export function normaliseCityCode(input: string): string | undefined {
  if (/^\d{4}$/.test(input)) return input;
  if (/^\d{4}00$/.test(input)) return input.slice(0, 4);
  return undefined;
}
