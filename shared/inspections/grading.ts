import type { ChecklistItem, ItemCategory } from './checklist';

export const RISKS = ['high', 'medium', 'low'] as const;
export type Risk = (typeof RISKS)[number];

export type ItemResult = { code: string; passed: boolean };

export type Grade = {
  /** 100 less the weights of the failed items. */
  score: number;
  /** 挂牌授星: five stars at 90 and above, then one fewer per ten points, at least one. */
  stars: number;
  /** Sets the inspection cycle: two stars or fewer, or any serious failure, is high risk; three medium; four or five low. */
  risk: Risk;
  /** Points lost per category of the form. */
  lost: Record<ItemCategory, number>;
  /** What would raise the grade, the heaviest first: each failed item and the points it would give back. */
  improve: { code: string; points: number }[];
};

/** Grades a house from one inspection's results on the evaluation form. Items not answered or inactive do not count. */
export function gradeOf(results: ItemResult[], items: ChecklistItem[]): Grade {
  const byCode = new Map(items.filter((i) => i.active).map((i) => [i.code, i]));
  const lost: Record<ItemCategory, number> = { hardware: 0, fire: 0, security: 0, hygiene: 0 };
  const improve: Grade['improve'] = [];
  let serious = false;
  for (const result of results) {
    const item = byCode.get(result.code);
    if (!item || result.passed) continue;
    lost[item.category] += item.weight;
    improve.push({ code: item.code, points: item.weight });
    serious ||= item.serious;
  }
  const score = Math.max(0, 100 - Object.values(lost).reduce((a, b) => a + b, 0));
  const stars = Math.max(1, Math.min(5, Math.floor(score / 10) - 4));
  const risk: Risk = serious || stars <= 2 ? 'high' : stars === 3 ? 'medium' : 'low';
  improve.sort((a, b) => b.points - a.points || a.code.localeCompare(b.code));
  return { score, stars, risk, lost, improve };
}

/** The next routine inspection after one on `inspectedOn`, by the cycle of the risk (days). */
export function nextDueOn(inspectedOn: string, risk: Risk | null, cycles: Record<Risk, number>): string {
  if (!risk) return inspectedOn;
  const at = Date.parse(`${inspectedOn}T00:00:00Z`) + cycles[risk] * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}
