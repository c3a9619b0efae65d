import type { TFunction } from 'i18next';
import type { FactDef, Indicator, PackBody } from '@shared/points/pack.schema';

/** A rule in a sentence, in the page's language, for the console's pack page. */
export function ruleWords(indicator: Indicator, pack: PackBody, t: TFunction, lang: 'zh' | 'en'): string {
  const facts = new Map<string, FactDef>(pack.facts.map((f) => [f.id, f]));
  const label = (id: string) => facts.get(id)?.label[lang] ?? id;
  const rule = indicator.rule;
  const when = indicator.when ? t('points:rule.when', { fact: label(indicator.when) }) : '';
  const cap = 'cap' in rule && rule.cap !== undefined ? t('points:rule.cap', { cap: rule.cap }) : '';
  switch (rule.type) {
    case 'per_unit': {
      const first = facts.get(rule.facts[0]!);
      const unit = first?.type === 'months'
        ? rule.unit === 12 ? t('points:rule.unitYear') : rule.unit === 1 ? t('points:rule.unitMonth') : `${rule.unit}${t('points:rule.unitMonth')}`
        : rule.unit === 1 ? t('points:rule.unitItem') : String(rule.unit);
      return (rule.basePoints !== undefined ? t('points:rule.base', { points: rule.basePoints }) : '')
        + t('points:rule.per_unit', { unit, points: rule.points })
        + (rule.minUnits ? t('points:rule.minUnits', { n: rule.minUnits }) : '')
        + (rule.unitsCapFact ? t('points:rule.capFact', { fact: label(rule.unitsCapFact) }) : '') + cap + when;
    }
    case 'flat':
      return t('points:rule.flat', { points: rule.points }) + when;
    case 'level': {
      const options = facts.get(rule.fact)?.options ?? [];
      return t('points:rule.level', { levels: options.map((o) => `${o.label[lang]} ${rule.points[o.id] ?? 0}`).join(lang === 'zh' ? '，' : ', ') }) + cap + when;
    }
    case 'bands':
      return t('points:rule.bands', { bands: rule.bands.map((b) => `[${b.min}, ${b.below ?? '∞'}) ${b.points}`).join(lang === 'zh' ? '，' : ', ') }) + when;
    case 'yearly':
      return t('points:rule.yearly', { unit: rule.unit, points: rule.points }) + (rule.capPerYear ? t('points:rule.capPerYear', { cap: rule.capPerYear }) : '') + cap + when;
    case 'shares':
      return t(rule.split === 'equal' ? 'points:rule.shares' : 'points:rule.sharesFirst', { points: rule.points }) + cap + when;
    case 'first_additional':
      return t('points:rule.first_additional', { first: rule.first, additional: rule.additional }) + cap + when;
    case 'age':
      return t('points:rule.age', {
        segments: rule.segments.map((s) => {
          const range = [s.atLeast !== undefined ? `≥${s.atLeast}` : '', s.over !== undefined ? `>${s.over}` : '', s.upTo !== undefined ? `≤${s.upTo}` : '', s.under !== undefined ? `<${s.under}` : ''].filter(Boolean).join(' ');
          return `${range}: ${s.points}${s.perYear !== undefined ? ` ${s.perYear > 0 ? '+' : '−'}${Math.abs(s.perYear)}/${lang === 'zh' ? '岁' : 'yr'}` : ''}`;
        }).join(lang === 'zh' ? '；' : '; '),
      }) + cap;
    case 'group':
      return t(`points:rule.group.${rule.mode}`) + cap + when;
  }
}
