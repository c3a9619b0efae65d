import type { Condition, FactDef, Indicator, PackBody } from '@shared/points/pack.schema';

export type Section = { key: 'conditions' | 'base' | 'bonus' | 'deduction'; facts: FactDef[] };

function ruleFacts(indicator: Indicator): string[] {
  const rule = indicator.rule;
  const own = indicator.when ? [indicator.when] : [];
  if (rule.type === 'per_unit') return [...rule.facts, ...(rule.unitsCapFact ? [rule.unitsCapFact] : []), ...own];
  if (rule.type === 'group') return [...(rule.chosenBy ? [rule.chosenBy] : []), ...rule.items.flatMap(ruleFacts), ...own];
  return [rule.fact, ...own];
}

function conditionFacts(condition: Condition): string[] {
  const rule = condition.rule;
  if (rule.type === 'min_total') return [];
  if (rule.type === 'min_months') return rule.facts;
  return [rule.fact];
}

/** The pack's questions in the order a person answers them: conditions, then base, bonus and deduction items. */
export function factSections(pack: PackBody): Section[] {
  const byId = new Map(pack.facts.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const take = (ids: string[]) => ids.filter((id) => byId.has(id) && !placed.has(id) && placed.add(id)).map((id) => byId.get(id)!);
  const sections: Section[] = [{ key: 'conditions', facts: take(pack.eligibility.flatMap(conditionFacts).filter((id) => byId.get(id)?.type !== 'months')) }];
  for (const key of ['base', 'bonus', 'deduction'] as const) {
    sections.push({ key, facts: take(pack.indicators.filter((i) => (i.category ?? 'bonus') === key).flatMap(ruleFacts)) });
  }
  // Facts only the conditions or tie-breaks use (e.g. insurance months, continuous permit time) go with the base items.
  const rest = take([...pack.eligibility.flatMap(conditionFacts), ...pack.facts.map((f) => f.id)]);
  sections[1]!.facts.push(...rest);
  return sections.filter((s) => s.facts.length > 0);
}
