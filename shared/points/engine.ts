import type { Condition, FactDef, Indicator, PackBody, Rule, Text } from './pack.schema';

/**
 * The one scoring engine (积分计算): a pack and a person's facts in, the total, the ranking score, eligibility
 * with a reason per failed condition, and a line-by-line explanation out. Pure and deterministic: no clock,
 * no database; dates come in the context.
 */

export type ShareItem = { inventors: number; firstNamed?: boolean };
export type FactValue = number | boolean | string | number[] | ShareItem[] | null | undefined;
export type Facts = Record<string, FactValue>;

export type ScoreContext = {
  /** The day the application is made (or the calculator is used). */
  applicationDate: string;
  /** The round's materials cut-off, when there is a round. */
  materialsCutoff?: string;
  /** The round's age cut-off: born on or after this date (replaces the one computed from the pack). */
  bornOnOrAfter?: string;
  /** The round's lower age cut-off: born before this date. */
  bornBefore?: string;
};

export type ScoreLine = {
  id: string;
  label: Text;
  category: 'base' | 'bonus' | 'deduction';
  /** The group this line belongs to, if any. */
  parent: string | null;
  depth: number;
  /** The facts the line was computed from. */
  facts: string[];
  /** The value as entered, in words (e.g. "62 个月"). */
  value: Text;
  units: number | null;
  /** Points before the cap. */
  raw: number;
  points: number;
  cap: number | null;
  capped: boolean;
  /** False when a "highest only" or "choose one" group left this line out. */
  counted: boolean;
  formula: Text;
};

export type ConditionResult = { id: string; label: Text; met: boolean; reason: Text | null };

export type Improvement = { indicator: string; label: Text; points: number; hint: Text };

export type Score = {
  total: number;
  rankingScore: number;
  byCategory: { base: number; bonus: number; deduction: number };
  qualifyingTotal: number | null;
  /** Whether the total reaches the qualifying total (null when the pack sets none). */
  qualifies: boolean | null;
  eligible: boolean;
  conditions: ConditionResult[];
  lines: ScoreLine[];
  /** The values the pack's tie-breaks compare, in order (null for the application time, which the round holds). */
  tieBreakValues: (number | null)[];
  improvements: Improvement[];
  /** The date age was measured on, and the age cut-off used. */
  ageReference: string;
  bornOnOrAfter: string | null;
};

export const round2 = (n: number) => Math.round(n * 100) / 100;

function fmt(n: number): string {
  return String(round2(n));
}

function num(value: FactValue): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

// ---- dates and ages ----------------------------------------------------------------------------------------------

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** Completed years from `birth` to `on`, and whether days beyond the last birthday remain. */
export function ageOn(birth: string, on: string): { years: number; rest: boolean } {
  const [by, bm, bd] = parts(birth);
  const [ry, rm, rd] = parts(on);
  const before = rm < bm || (rm === bm && rd < bd);
  return { years: ry - by - (before ? 1 : 0), rest: !(rm === bm && rd === bd) };
}

function shiftYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---- words -------------------------------------------------------------------------------------------------------

/** A fact's value in words, in both languages. */
export function valueText(fact: FactDef | undefined, value: FactValue): Text {
  if (!fact) return { zh: '—', en: '—' };
  switch (fact.type) {
    case 'months': return { zh: `${fmt(num(value))} 个月`, en: `${fmt(num(value))} months` };
    case 'amount': return { zh: `${fmt(num(value))} 元`, en: `¥${fmt(num(value))}` };
    case 'count':
    case 'number': return { zh: fmt(num(value)), en: fmt(num(value)) };
    case 'boolean': return value === true ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
    case 'choice': {
      const option = fact.options?.find((o) => o.id === value);
      return option ? option.label : { zh: '未选择', en: 'not chosen' };
    }
    case 'yearly': {
      const list = Array.isArray(value) ? (value as number[]).map((v) => fmt(num(v))) : [];
      return { zh: list.length ? list.join(' / ') : '0', en: list.length ? list.join(' / ') : '0' };
    }
    case 'shares': {
      const list = Array.isArray(value) ? (value as ShareItem[]) : [];
      return { zh: `${list.length} 项`, en: `${list.length} item(s)` };
    }
    case 'date': return typeof value === 'string' ? { zh: value, en: value } : { zh: '未填写', en: 'not given' };
  }
}

function unitText(fact: FactDef | undefined, unit: number): Text {
  if (fact?.type === 'months') {
    return unit % 12 === 0
      ? { zh: `满${unit / 12}年`, en: unit === 12 ? 'full year' : `full ${unit / 12} years` }
      : { zh: `满${unit}个月`, en: unit === 1 ? 'month' : `full ${unit} months` };
  }
  if (fact?.type === 'amount') return { zh: `${unit}元`, en: `¥${unit}` };
  return unit === 1 ? { zh: '项', en: 'item' } : { zh: `满${unit}`, en: `full ${unit}` };
}

const both = (zh: string, en: string): Text => ({ zh, en });

// ---- rules -------------------------------------------------------------------------------------------------------

type Evaluated = { raw: number; units: number | null; value: Text; formula: Text; facts: string[]; children?: ScoreLine[]; improve?: Omit<Improvement, 'indicator' | 'label'> };

type Env = { pack: PackBody; facts: Facts; factDefs: Map<string, FactDef>; ageReference: string };

function evalRule(rule: Rule, env: Env, indicator: Indicator, category: ScoreLine['category'], depth: number): Evaluated {
  const { facts, factDefs } = env;
  switch (rule.type) {
    case 'per_unit': {
      let units = 0;
      for (const id of rule.facts) units += Math.floor(num(facts[id]) / rule.unit);
      if (rule.unitsCapFact) units = Math.min(units, Math.floor(num(facts[rule.unitsCapFact]) / 12) * rule.facts.length);
      if (rule.minUnits !== undefined && units < rule.minUnits) units = 0;
      const anyValue = rule.facts.some((id) => num(facts[id]) > 0);
      const base = anyValue && rule.basePoints !== undefined ? rule.basePoints : 0;
      const raw = base + units * rule.points;
      const first = factDefs.get(rule.facts[0]!);
      const value = rule.facts.length === 1
        ? valueText(first, facts[rule.facts[0]!])
        : both(rule.facts.map((id) => `${factDefs.get(id)?.label.zh ?? id} ${valueText(factDefs.get(id), facts[id]).zh}`).join('；'),
          rule.facts.map((id) => `${factDefs.get(id)?.label.en ?? id} ${valueText(factDefs.get(id), facts[id]).en}`).join('; '));
      const unit = unitText(first, rule.unit);
      const basePart = base ? both(`${fmt(base)} + `, `${fmt(base)} + `) : both('', '');
      return {
        raw, units, value, facts: rule.facts,
        formula: both(`${basePart.zh}${units} × ${fmt(rule.points)} 分（每${unit.zh}）`, `${basePart.en}${units} × ${fmt(rule.points)} (per ${unit.en})`),
        improve: rule.points <= 0 || (first?.type !== 'months' && rule.cap === undefined) ? undefined
          : first?.type === 'months'
            ? { points: rule.points, hint: both(`每再${unit.zh}加 ${fmt(rule.points)} 分`, `each further ${unit.en} adds ${fmt(rule.points)}`) }
            : { points: rule.points, hint: both(`每增加 ${fmt(rule.unit)} 加 ${fmt(rule.points)} 分`, `each further ${fmt(rule.unit)} adds ${fmt(rule.points)}`) },
      };
    }
    case 'flat': {
      const fact = factDefs.get(rule.fact);
      const value = facts[rule.fact];
      const met = rule.option === undefined ? value === true : value === rule.option;
      return {
        raw: met ? rule.points : 0, units: met ? 1 : 0, value: valueText(fact, value), facts: [rule.fact],
        formula: met ? both(`符合：${fmt(rule.points)} 分`, `met: ${fmt(rule.points)}`) : both('不符合：0 分', 'not met: 0'),
        improve: !met && rule.points > 0 ? { points: rule.points, hint: both(`符合可加 ${fmt(rule.points)} 分`, `meeting it adds ${fmt(rule.points)}`) } : undefined,
      };
    }
    case 'level': {
      const fact = factDefs.get(rule.fact);
      const value = facts[rule.fact];
      const points = typeof value === 'string' ? rule.points[value] ?? 0 : 0;
      const better = (fact?.options ?? []).map((o) => ({ o, p: rule.points[o.id] ?? 0 })).filter((x) => x.p > points).sort((a, b) => a.p - b.p)[0];
      return {
        raw: points, units: null, value: valueText(fact, value), facts: [rule.fact],
        formula: both(`${valueText(fact, value).zh}：${fmt(points)} 分（取最高一项）`, `${valueText(fact, value).en}: ${fmt(points)} (highest only)`),
        improve: better ? { points: better.p - points, hint: both(`达到“${better.o.label.zh}”可得 ${fmt(better.p)} 分`, `reaching "${better.o.label.en}" gives ${fmt(better.p)}`) } : undefined,
      };
    }
    case 'bands': {
      const fact = factDefs.get(rule.fact);
      const value = num(facts[rule.fact]);
      const index = rule.bands.findIndex((b) => value >= b.min && (b.below === undefined || value < b.below));
      const band = index >= 0 ? rule.bands[index] : undefined;
      const next = rule.bands.slice(index + 1).find((b) => b.points > (band?.points ?? 0)) ?? (index < 0 ? rule.bands.find((b) => b.min > value) : undefined);
      const range = (b: typeof band) => (b ? `[${fmt(b.min)}, ${b.below === undefined ? '∞' : fmt(b.below)})` : '—');
      return {
        raw: band?.points ?? 0, units: null, value: valueText(fact, value), facts: [rule.fact],
        formula: band ? both(`在区间 ${range(band)}：${fmt(band.points)} 分`, `in band ${range(band)}: ${fmt(band.points)}`) : both('未达最低档：0 分', 'below the lowest band: 0'),
        improve: next ? { points: next.points - (band?.points ?? 0), hint: both(`达到 ${fmt(next.min)} 可得 ${fmt(next.points)} 分`, `reaching ${fmt(next.min)} gives ${fmt(next.points)}`) } : undefined,
      };
    }
    case 'yearly': {
      const fact = factDefs.get(rule.fact);
      const values = (Array.isArray(facts[rule.fact]) ? (facts[rule.fact] as number[]) : []).map(num);
      const pooled = rule.pooled ? env.pack.interpretations.volunteerPooling?.value ?? 'per_year' : 'per_year';
      let raw: number;
      let units: number;
      if (pooled === 'across_years') {
        units = Math.floor(values.reduce((a, b) => a + b, 0) / rule.unit);
        raw = units * rule.points;
      } else {
        const perYear = values.map((v) => {
          const p = Math.floor(v / rule.unit) * rule.points;
          return rule.capPerYear !== undefined ? Math.min(p, rule.capPerYear) : p;
        });
        units = values.reduce((a, v) => a + Math.floor(v / rule.unit), 0);
        raw = perYear.reduce((a, b) => a + b, 0);
      }
      const perYearNote = pooled === 'per_year' && rule.capPerYear !== undefined ? both(`，每年最多 ${fmt(rule.capPerYear)} 分`, `, at most ${fmt(rule.capPerYear)} a year`) : both('', '');
      return {
        raw, units, value: valueText(fact, values), facts: [rule.fact],
        formula: both(`每满 ${fmt(rule.unit)} 计 ${fmt(rule.points)} 分${perYearNote.zh}${pooled === 'across_years' ? '（跨年合并计算）' : '（按年合并计算）'}`,
          `${fmt(rule.points)} per full ${fmt(rule.unit)}${perYearNote.en}${pooled === 'across_years' ? ' (pooled across years)' : ' (pooled per year)'}`),
        improve: { points: rule.points, hint: both(`每再满 ${fmt(rule.unit)} 加 ${fmt(rule.points)} 分`, `each further ${fmt(rule.unit)} adds ${fmt(rule.points)}`) },
      };
    }
    case 'shares': {
      const fact = factDefs.get(rule.fact);
      const items = Array.isArray(facts[rule.fact]) ? (facts[rule.fact] as ShareItem[]) : [];
      let raw = 0;
      for (const item of items) {
        const n = Math.max(1, Math.floor(num(item?.inventors)));
        raw += rule.split === 'equal' ? rule.points / n : (rule.points * (item?.firstNamed ? 2 : 1)) / (n + 1);
      }
      return {
        raw: round2(raw), units: items.length, value: valueText(fact, items), facts: [rule.fact],
        formula: rule.split === 'equal'
          ? both(`每项 ${fmt(rule.points)} 分 ÷ 发明人数`, `${fmt(rule.points)} per item ÷ number of inventors`)
          : both(`每项 ${fmt(rule.points)} 分 ÷（人数+1），第一发明人计 2 份`, `${fmt(rule.points)} per item ÷ (people + 1), first-named counts twice`),
        improve: undefined,
      };
    }
    case 'first_additional': {
      const fact = factDefs.get(rule.fact);
      const count = Math.max(0, Math.floor(num(facts[rule.fact])));
      const raw = count === 0 ? 0 : rule.first + (count - 1) * rule.additional;
      return {
        raw, units: count, value: valueText(fact, count), facts: [rule.fact],
        formula: both(`首次 ${fmt(rule.first)} 分，此后每次 ${fmt(rule.additional)} 分`, `${fmt(rule.first)} for the first, ${fmt(rule.additional)} for each further`),
        improve: undefined,
      };
    }
    case 'age': {
      const birth = facts[rule.fact];
      if (typeof birth !== 'string') return { raw: 0, units: null, value: both('未填写出生日期', 'no birth date'), facts: [rule.fact], formula: both('0 分', '0') };
      const { years, rest } = ageOn(birth, env.ageReference);
      const counts = env.pack.interpretations.agePartYear.value === 'counts_as_year';
      const x = years + (rest && counts ? 0.5 : 0);
      const segment = rule.segments.find((s) =>
        (s.atLeast === undefined || x >= s.atLeast) && (s.over === undefined || x > s.over) &&
        (s.upTo === undefined || x <= s.upTo) && (s.under === undefined || x < s.under));
      let raw = 0;
      let beyond = 0;
      if (segment) {
        beyond = segment.perYear !== undefined ? (counts ? Math.ceil(x - (segment.from ?? 0)) : Math.floor(x - (segment.from ?? 0))) : 0;
        raw = segment.points + (segment.perYear ?? 0) * beyond;
      }
      if (rule.min !== undefined) raw = Math.max(rule.min, raw);
      if (rule.max !== undefined) raw = Math.min(rule.max, raw);
      const ageWords = both(`满 ${years} 周岁${rest ? '（另有不足 1 年）' : ''}，按 ${env.ageReference} 计`, `${years} completed years${rest ? ' and part of a year' : ''}, on ${env.ageReference}`);
      return {
        raw, units: null, value: ageWords, facts: [rule.fact],
        formula: !segment ? both('不在计分年龄段：0 分', 'outside the scored ages: 0')
          : segment.perYear !== undefined
            ? both(`${fmt(segment.points)} ${segment.perYear < 0 ? '−' : '+'} ${fmt(Math.abs(segment.perYear))} × ${Math.abs(beyond)}${counts ? '（不满 1 岁按 1 岁计）' : ''}`, `${fmt(segment.points)} ${segment.perYear < 0 ? '−' : '+'} ${fmt(Math.abs(segment.perYear))} × ${Math.abs(beyond)}${counts ? ' (a part-year counts as a year)' : ''}`)
            : both(`${fmt(segment.points)} 分`, `${fmt(segment.points)}`),
      };
    }
    case 'group': {
      const children = rule.items.map((item) => evalIndicator(item, env, category, depth + 1, indicator.id));
      const heads = children.map((lines) => lines[0]!);
      let chosen: number[];
      let how: Text;
      if (rule.mode === 'sum') {
        chosen = heads.map((_, i) => i);
        how = both('各项相加', 'items add up');
      } else {
        const choice = rule.mode === 'choice' && rule.chosenBy ? facts[rule.chosenBy] : undefined;
        const byChoice = typeof choice === 'string' ? rule.items.findIndex((item) => item.id === choice) : -1;
        const best = heads.reduce((b, h, i) => (h.points > heads[b]!.points ? i : b), 0);
        chosen = [byChoice >= 0 ? byChoice : best];
        how = byChoice >= 0 ? both('按申请人选择的一项计分', 'the item the applicant chose') : both('取最高一项', 'highest item only');
      }
      const lines: ScoreLine[] = [];
      children.forEach((childLines, i) => {
        const counted = chosen.includes(i);
        for (const line of childLines) lines.push(counted ? line : { ...line, counted: false });
      });
      return {
        raw: chosen.reduce((a, i) => a + heads[i]!.points, 0), units: null, value: both('', ''), facts: [], children: lines, formula: how,
      };
    }
  }
}

function evalIndicator(indicator: Indicator, env: Env, category: ScoreLine['category'], depth: number, parent: string | null): ScoreLine[] {
  const cat = indicator.category ?? category;
  const applies = indicator.when === undefined || env.facts[indicator.when] === true;
  const evaluated: Evaluated = applies
    ? evalRule(indicator.rule, env, indicator, cat, depth)
    : { raw: 0, units: null, value: valueText(env.factDefs.get(indicator.when!), env.facts[indicator.when!]), facts: [indicator.when!], formula: both('前提条件不满足：0 分', 'precondition not met: 0') };
  const cap = 'cap' in indicator.rule && indicator.rule.cap !== undefined ? indicator.rule.cap : null;
  const raw = round2(evaluated.raw);
  const points = cap !== null ? (raw >= 0 ? Math.min(raw, cap) : Math.max(raw, -cap)) : raw;
  const capped = cap !== null && points !== raw;
  const formula = both(`${evaluated.formula.zh} = ${fmt(raw)}${capped ? `，封顶 ${fmt(cap)} 分` : ''}`, `${evaluated.formula.en} = ${fmt(raw)}${capped ? `, capped at ${fmt(cap)}` : ''}`);
  const line: ScoreLine = {
    id: indicator.id, label: indicator.label, category: cat, parent, depth, facts: evaluated.facts, value: evaluated.value,
    units: evaluated.units, raw, points: round2(points), cap, capped, counted: true, formula,
  };
  improvements.set(line, evaluated.improve && applies && (cap === null || points < cap)
    ? { ...evaluated.improve, points: cap === null ? evaluated.improve.points : Math.min(evaluated.improve.points, round2(cap - points)) }
    : undefined);
  return [line, ...(evaluated.children ?? [])];
}

const improvements = new WeakMap<ScoreLine, Omit<Improvement, 'indicator' | 'label'> | undefined>();

// ---- conditions --------------------------------------------------------------------------------------------------

function ageCutoffs(rule: Extract<Condition['rule'], { type: 'age' }>, reference: string, context: ScoreContext) {
  const year = Number(reference.slice(0, 4));
  const onOrAfter = context.bornOnOrAfter ?? (rule.maxAge === undefined ? null
    : rule.counting === 'year' ? `${year - rule.maxAge - 1}-01-01` : shiftYears(reference, -rule.maxAge));
  const before = context.bornBefore ?? (rule.minAge === undefined ? null
    : rule.counting === 'year' ? `${year - rule.minAge + 1}-01-01` : shiftYears(reference, -rule.minAge));
  return { onOrAfter, before };
}

function evalCondition(condition: Condition, env: Env, total: number, context: ScoreContext): ConditionResult {
  const { facts, factDefs } = env;
  const label = (id: string) => factDefs.get(id)?.label ?? both(id, id);
  const rule = condition.rule;
  const result = (met: boolean, reason: Text | null): ConditionResult => ({ id: condition.id, label: condition.label, met, reason: met ? null : reason });
  switch (rule.type) {
    case 'true':
      return result(facts[rule.fact] === true, both(`不满足：${label(rule.fact).zh}`, `not met: ${label(rule.fact).en}`));
    case 'false':
      return result(facts[rule.fact] === false, facts[rule.fact] === true
        ? both(`存在：${label(rule.fact).zh}`, `present: ${label(rule.fact).en}`)
        : both(`未声明：${label(rule.fact).zh}`, `not declared: ${label(rule.fact).en}`));
    case 'min_months': {
      const mode = rule.mode === 'setting' ? env.pack.interpretations.insuranceCondition?.value ?? 'each' : rule.mode;
      const short = rule.facts.filter((id) => num(facts[id]) < rule.months);
      const met = mode === 'each' ? short.length === 0 : short.length < rule.facts.length;
      const years = fmt(rule.months / 12);
      const list = (lang: 'zh' | 'en') => short.map((id) => `${label(id)[lang]} ${fmt(num(facts[id]))}${lang === 'zh' ? ' 个月' : ' months'}`).join(lang === 'zh' ? '、' : ', ');
      return result(met, mode === 'each'
        ? both(`每项需满 ${years} 年（${rule.months} 个月）：${list('zh')}`, `each needs ${years} years (${rule.months} months): ${list('en')}`)
        : both(`至少一项需满 ${years} 年（${rule.months} 个月）`, `at least one needs ${years} years (${rule.months} months)`));
    }
    case 'age': {
      const birth = facts[rule.fact];
      if (typeof birth !== 'string') return result(false, both('未填写出生日期', 'no birth date given'));
      const { onOrAfter, before } = ageCutoffs(rule, env.ageReference, context);
      if (onOrAfter && birth < onOrAfter) return result(false, both(`需 ${onOrAfter} 及以后出生（出生日期 ${birth}）`, `must be born on or after ${onOrAfter} (born ${birth})`));
      if (before && birth >= before) return result(false, both(`需 ${before} 以前出生（出生日期 ${birth}）`, `must be born before ${before} (born ${birth})`));
      return result(true, null);
    }
    case 'min_total':
      return result(total >= rule.min, both(`总积分 ${fmt(total)}，需满 ${fmt(rule.min)} 分`, `total ${fmt(total)}, needs ${fmt(rule.min)}`));
    case 'at_least_option': {
      const options = factDefs.get(rule.fact)?.options ?? [];
      const at = options.findIndex((o) => o.id === facts[rule.fact]);
      const need = options.findIndex((o) => o.id === rule.option);
      const needed = options[need]?.label ?? both(rule.option, rule.option);
      return result(at >= 0 && at >= need, both(`需达到“${needed.zh}”及以上`, `needs "${needed.en}" or higher`));
    }
  }
}

// ---- score -------------------------------------------------------------------------------------------------------

export function scorePack(pack: PackBody, facts: Facts, context: ScoreContext): Score {
  const factDefs = new Map(pack.facts.map((fact) => [fact.id, fact]));
  const ageReference = pack.interpretations.ageReference.value === 'materials_cutoff' && context.materialsCutoff ? context.materialsCutoff : context.applicationDate;
  const env: Env = { pack, facts, factDefs, ageReference };
  const lines: ScoreLine[] = [];
  const byCategory = { base: 0, bonus: 0, deduction: 0 };
  for (const indicator of pack.indicators) {
    const indicatorLines = evalIndicator(indicator, env, indicator.category ?? 'bonus', 0, null);
    const head = indicatorLines[0]!;
    byCategory[head.category] = round2(byCategory[head.category] + head.points);
    lines.push(...indicatorLines);
  }
  let total = round2(byCategory.base + byCategory.bonus + byCategory.deduction);
  if (pack.totalFloor !== undefined) total = Math.max(pack.totalFloor, total);
  const rankingScore = round2(pack.ranking.categories.reduce((sum, category) => sum + byCategory[category], 0));
  const conditions = pack.eligibility.map((condition) => evalCondition(condition, env, total, context));
  const ageCondition = pack.eligibility.find((c) => c.rule.type === 'age')?.rule as Extract<Condition['rule'], { type: 'age' }> | undefined;
  const tieBreakValues = pack.ranking.tieBreaks.map((tie) => {
    if (tie.type === 'fact') return num(facts[tie.fact]);
    if (tie.type === 'points') return round2(lines.filter((l) => tie.indicators.includes(l.id) && l.counted).reduce((a, l) => a + l.points, 0));
    return null;
  });
  const improvementList: Improvement[] = lines
    .filter((line) => line.counted && line.category !== 'deduction')
    .flatMap((line) => {
      const improve = improvements.get(line);
      return improve && improve.points > 0 ? [{ indicator: line.id, label: line.label, ...improve }] : [];
    })
    .sort((a, b) => b.points - a.points);
  return {
    total,
    rankingScore,
    byCategory,
    qualifyingTotal: pack.qualifyingTotal,
    qualifies: pack.qualifyingTotal === null ? null : total >= pack.qualifyingTotal,
    eligible: conditions.every((c) => c.met),
    conditions,
    lines,
    tieBreakValues,
    improvements: improvementList,
    ageReference,
    bornOnOrAfter: ageCondition ? ageCutoffs(ageCondition, ageReference, context).onOrAfter : null,
  };
}
