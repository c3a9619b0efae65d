import { z } from 'zod';
import { DEPARTMENTS } from '../permissions';

/**
 * A points policy pack (积分政策包): one city's points rules as data — the questions (facts), eligibility
 * conditions, indicators with their rules, the qualifying total, what the ranking score is, tie-breaks,
 * interpretations of unclear clauses, and round defaults. Packs are versioned in the database; a published
 * version never changes. The one scoring engine (`engine.ts`) reads nothing but a pack and a person's facts.
 */

export const Text = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Text = z.infer<typeof Text>;

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case id');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Points = z.number().finite();
const Positive = z.number().finite().positive();

/** How confident the text behind a value is (policy.md): C read in the official text, S secondary, I interpretation, U not found. */
export const Confidence = z.enum(['C', 'S', 'I', 'U']);

/**
 * The kinds of fact a person can have. Durations are in months (departments keep months of contributions);
 * `yearly` is one number per year of a window (e.g. volunteer hours per year of the last five);
 * `shares` is a list of items shared among several people (patents and their inventors).
 */
export const FACT_TYPES = ['months', 'count', 'amount', 'number', 'boolean', 'choice', 'yearly', 'shares', 'date'] as const;
export const FactType = z.enum(FACT_TYPES);
export type FactType = z.infer<typeof FactType>;

/** Where a fact comes from: known to the registry or permits (verified automatically), a department's data, or declared. */
/** Facts other modules record and feed to applications (see `FactDef.fed`). */
export const FED_FACTS = ['volunteer_hours'] as const;

export const FactSource = z.enum(['registry', 'permits', 'department', 'declared']);

/** Which round window a fact is counted in (the round sets the dates: materials, innovation & social service, tax). */
export const FactWindow = z.enum(['materials', 'innovation', 'tax']);

/**
 * Facts Anju knows from its own records: birth date, whether one is registered as living in the city now, months
 * in rented housing or dormitories, months since moving out of the pack's core districts (registry); whether a
 * permit of the city is valid, months holding one, and months of the current unbroken run (permits).
 */
export const DERIVED_FACTS = ['birth_date', 'registered', 'rented_months', 'moved_out_months', 'permit_valid', 'permit_months', 'permit_continuous_months'] as const;
export type DerivedFact = (typeof DERIVED_FACTS)[number];

export const FactDef = z.object({
  id: Id,
  type: FactType,
  label: Text,
  help: Text.optional(),
  source: FactSource,
  /** The department that checks this fact in the parallel review (并联审批). */
  department: z.enum(DEPARTMENTS).optional(),
  /** Proof must be uploaded when the fact is declared. */
  evidence: z.boolean().default(false),
  /** Self-declared under the online pledge (网上承诺制), checked after submission. */
  pledge: z.boolean().default(false),
  /** Deduction facts whose check may wait until the points are used (减分指标审核后置). */
  deferrable: z.boolean().default(false),
  window: FactWindow.optional(),
  /** For `choice`: the options, in order from lowest to highest. */
  options: z.array(z.object({ id: Id, label: Text })).optional(),
  /** For `yearly`: how many years the window has. */
  years: z.number().int().min(1).max(10).optional(),
  /** For registry and permits facts: which record-derived value this is (verified automatically). */
  derive: z.enum(DERIVED_FACTS).optional(),
  /**
   * For a declared fact another module may know: taken from its records, verified, when it has any for the person
   * (`volunteer_hours`: the hours the integration-services module records per year); declared otherwise.
   */
  fed: z.enum(FED_FACTS).optional(),
});
export type FactDef = z.infer<typeof FactDef>;

const PerUnitRule = z.object({
  type: z.literal('per_unit'),
  /** One fact, or several summed unit by unit (e.g. each of the five insurances). */
  facts: z.array(Id).min(1),
  /** Size of one unit in the fact's own unit: 12 for "each full year" of a months fact, 50 for "each 50 hours". */
  unit: Positive.default(1),
  points: Points,
  /** Points a non-zero value earns before its units (e.g. housing fund: 3 + 0.2 per month). */
  basePoints: Points.optional(),
  /** Units below this count for nothing (e.g. "counted after 5 years"). */
  minUnits: z.number().int().min(0).optional(),
  /** The units may not exceed this other months fact's full years (Beijing: residence years ≤ insurance years). */
  unitsCapFact: Id.optional(),
  cap: Positive.optional(),
});

const FlatRule = z.object({
  type: z.literal('flat'),
  /** A boolean fact, or a choice fact with `option`. */
  fact: Id,
  option: Id.optional(),
  points: Points,
});

const LevelRule = z.object({
  type: z.literal('level'),
  /** A choice fact; its one option is the highest held (highest only). */
  fact: Id,
  points: z.record(Id, Points),
  cap: Positive.optional(),
});

const BandsRule = z.object({
  type: z.literal('bands'),
  fact: Id,
  /** `min` inclusive, `below` exclusive; the first band that holds the value gives its points. */
  bands: z.array(z.object({ min: z.number().finite(), below: z.number().finite().optional(), points: Points })).min(1),
});

const YearlyRule = z.object({
  type: z.literal('yearly'),
  fact: Id,
  unit: Positive,
  points: Points,
  capPerYear: Positive.optional(),
  cap: Positive.optional(),
  /** Volunteer hours: pooled as the `volunteerPooling` interpretation says; otherwise always year by year. */
  pooled: z.boolean().default(false),
});

const SharesRule = z.object({
  type: z.literal('shares'),
  fact: Id,
  /** Points of one item, split among its people: equally, or with the first-named counted twice (n + 1 shares). */
  points: Positive,
  split: z.enum(['equal', 'first_double']),
  cap: Positive.optional(),
});

const FirstAdditionalRule = z.object({
  type: z.literal('first_additional'),
  fact: Id,
  first: Points,
  additional: Points,
  cap: Positive.optional(),
});

const AgeSegment = z.object({
  atLeast: z.number().int().optional(),
  over: z.number().int().optional(),
  upTo: z.number().int().optional(),
  under: z.number().int().optional(),
  points: Points,
  /** Points added per year of age beyond `from` (negative: fewer points as age grows). */
  perYear: Points.optional(),
  from: z.number().int().optional(),
});

const AgeRule = z.object({
  type: z.literal('age'),
  /** The date fact holding the birth date. */
  fact: Id,
  segments: z.array(AgeSegment).min(1),
  min: Points.optional(),
  max: Points.optional(),
});

export type Rule =
  | z.infer<typeof PerUnitRule>
  | z.infer<typeof FlatRule>
  | z.infer<typeof LevelRule>
  | z.infer<typeof BandsRule>
  | z.infer<typeof YearlyRule>
  | z.infer<typeof SharesRule>
  | z.infer<typeof FirstAdditionalRule>
  | z.infer<typeof AgeRule>
  | GroupRule;

/** Several indicators counted together: summed, only the highest (择高), or the one the applicant chooses (择一). */
export type GroupRule = {
  type: 'group';
  mode: 'sum' | 'max' | 'choice';
  /** For `choice`: the choice fact whose option names the chosen item; without an answer the highest is taken. */
  chosenBy?: string;
  cap?: number;
  items: Indicator[];
};

export const INDICATOR_CATEGORIES = ['base', 'bonus', 'deduction'] as const;
export const IndicatorCategory = z.enum(INDICATOR_CATEGORIES);

export type Indicator = {
  id: string;
  label: Text;
  category?: z.infer<typeof IndicatorCategory>;
  /** Counts only when this boolean fact is true (e.g. years on the front line only while still there). */
  when?: string;
  rule: Rule;
  note?: Text;
};

export const Indicator: z.ZodType<Indicator> = z.lazy(() =>
  z.object({
    id: Id,
    label: Text,
    category: IndicatorCategory.optional(),
    when: Id.optional(),
    rule: z.discriminatedUnion('type', [
      PerUnitRule, FlatRule, LevelRule, BandsRule, YearlyRule, SharesRule, FirstAdditionalRule, AgeRule,
      z.object({
        type: z.literal('group'),
        mode: z.enum(['sum', 'max', 'choice']),
        chosenBy: Id.optional(),
        cap: Positive.optional(),
        items: z.array(Indicator).min(1),
      }),
    ]),
    note: Text.optional(),
  }),
);

export const Condition = z.object({
  id: Id,
  label: Text,
  rule: z.discriminatedUnion('type', [
    z.object({ type: z.literal('true'), fact: Id }),
    z.object({ type: z.literal('false'), fact: Id }),
    /** Months facts at least `months`: every one of them, or at least one (an interpretation setting may choose). */
    z.object({ type: z.literal('min_months'), facts: z.array(Id).min(1), months: z.number().int().min(0), mode: z.enum(['each', 'any', 'setting']) }),
    /**
     * Age limits by birth date. `year`: anyone of the limit age at any moment of the reference year qualifies
     * (born on or after 1 Jan of year − maxAge − 1); `date`: the limits hold on the reference date.
     * A round's own age cut-off replaces the computed one.
     */
    z.object({ type: z.literal('age'), fact: Id, minAge: z.number().int().optional(), maxAge: z.number().int().optional(), counting: z.enum(['year', 'date']) }),
    z.object({ type: z.literal('min_total'), min: Points }),
    /** A choice fact at this option or a higher one (options run from lowest to highest). */
    z.object({ type: z.literal('at_least_option'), fact: Id, option: Id }),
  ]),
});
export type Condition = z.infer<typeof Condition>;

const Interpretation = <T extends z.ZodTypeAny>(value: T) =>
  z.object({ value, confidence: Confidence, note: Text });

/**
 * Clauses the official text leaves open (policy.md tags I or U): each an explicit setting with its default,
 * shown in the console and the calculator as an interpretation.
 */
export const Interpretations = z.object({
  /** A part-year over an age limit counts as a whole year (40 years and 1 day → 41) or only completed years count. */
  agePartYear: Interpretation(z.enum(['counts_as_year', 'completed_years'])),
  /** The date age is measured on: the application date or the round's materials cut-off. */
  ageReference: Interpretation(z.enum(['application_date', 'materials_cutoff'])),
  /** Volunteer hours: pooled within each year before dividing by the unit, or pooled across the whole window. */
  volunteerPooling: Interpretation(z.enum(['per_year', 'across_years'])).optional(),
  /** Insurance-years conditions with mode `setting`: every insurance type must reach the years, or one is enough. */
  insuranceCondition: Interpretation(z.enum(['each', 'any'])).optional(),
  /** A tie group straddling the quota cut: all admitted or none. */
  tieAtCut: Interpretation(z.enum(['admit_all', 'admit_none'])),
});
export type Interpretations = z.infer<typeof Interpretations>;

export const TieBreak = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fact'), fact: Id, label: Text }),
  z.object({ type: z.literal('points'), indicators: z.array(Id).min(1), label: Text }),
  z.object({ type: z.literal('submitted_at'), label: Text }),
]);
export type TieBreak = z.infer<typeof TieBreak>;

export const PackBody = z.object({
  name: Text,
  /** The city (GB/T 2260) whose rules these are. */
  city: z.string().regex(/^\d{6}$/),
  purpose: z.enum(['household', 'services']),
  source: z.object({ document: z.string().min(1), url: z.string().url().optional(), confidence: Confidence }),
  facts: z.array(FactDef).min(1),
  eligibility: z.array(Condition),
  indicators: z.array(Indicator).min(1),
  /** The total that qualifies for applying (资格分); null when the city sets the line each year. */
  qualifyingTotal: Points.nullable(),
  /** The lowest a total can go after deductions (e.g. 0); none when absent. */
  totalFloor: Points.optional(),
  /** Districts (GB/T 2260) counted as the core for "moved out of the core" facts. */
  coreDistricts: z.array(z.string().regex(/^\d{6}$/)).optional(),
  ranking: z.object({
    /** Categories summed into the ranking score (排名分); empty when ranking is by tie-breaks alone. */
    categories: z.array(IndicatorCategory),
    tieBreaks: z.array(TieBreak),
    note: Text.optional(),
  }),
  interpretations: Interpretations,
  round: z.object({
    quota: z.number().int().positive().optional(),
    reviewWorkdays: z.number().int().min(1).max(120),
    verificationWorkdays: z.number().int().min(1).max(60),
    publicationDays: z.number().int().min(1).max(60),
    deductionReview: z.enum(['at_submission', 'deferred']),
  }),
});
export type PackBody = z.infer<typeof PackBody>;

/** A pack as shipped or stored: its code and dates around the body. */
export const PackFile = PackBody.extend({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  effectiveFrom: IsoDate,
  effectiveUntil: IsoDate.nullable(),
});
export type PackFile = z.infer<typeof PackFile>;

/** A problem with one field of a pack: `message` in English, `messageZh` in Chinese. */
export type PackIssue = { path: string; message: string; messageZh: string };

function walk(indicators: Indicator[], path: string, visit: (indicator: Indicator, path: string) => void) {
  indicators.forEach((indicator, index) => {
    const at = `${path}.${index}`;
    visit(indicator, at);
    if (indicator.rule.type === 'group') walk(indicator.rule.items, `${at}.rule.items`, visit);
  });
}

/** Every indicator of a pack, groups and their items alike, depth first. */
export function allIndicators(indicators: Indicator[]): Indicator[] {
  const out: Indicator[] = [];
  walk(indicators, '', (indicator) => out.push(indicator));
  return out;
}

const RULE_FACT_TYPES: Record<string, readonly FactType[]> = {
  per_unit: ['months', 'count', 'amount', 'number'],
  flat: ['boolean', 'choice'],
  level: ['choice'],
  bands: ['amount', 'number', 'count', 'months'],
  yearly: ['yearly'],
  shares: ['shares'],
  first_additional: ['count'],
  age: ['date'],
};

/**
 * Checks what the shape cannot: every fact a rule, condition or tie-break names exists and has the right type,
 * ids are unique, level points name real options, choice facts have options. Paths name the exact field.
 */
export function checkPackReferences(pack: PackBody): PackIssue[] {
  const issues: PackIssue[] = [];
  const facts = new Map<string, FactDef>();
  pack.facts.forEach((fact, index) => {
    if (facts.has(fact.id)) issues.push({ path: `facts.${index}.id`, message: `duplicate fact id "${fact.id}"`, messageZh: `事实编号“${fact.id}”重复` });
    facts.set(fact.id, fact);
    if (fact.type === 'choice' && !(fact.options && fact.options.length >= 2)) issues.push({ path: `facts.${index}.options`, message: 'a choice fact needs at least two options', messageZh: '选择题至少需要两个选项' });
    if (fact.type === 'yearly' && !fact.years) issues.push({ path: `facts.${index}.years`, message: 'a yearly fact needs its number of years', messageZh: '按年填写的事实须写明年数' });
    if ((fact.source === 'registry' || fact.source === 'permits') && !fact.derive) issues.push({ path: `facts.${index}.derive`, message: 'a registry or permits fact names the record value it is derived from', messageZh: '登记或居住证数据须写明取自哪一项记录' });
    if (fact.fed === 'volunteer_hours' && fact.type !== 'yearly') issues.push({ path: `facts.${index}.fed`, message: 'volunteer hours feed a yearly fact', messageZh: '志愿服务时数只能填入按年填写的事实' });
    if (fact.derive === 'moved_out_months' && !pack.coreDistricts?.length) issues.push({ path: 'coreDistricts', message: 'moved-out facts need the core districts', messageZh: '“迁出核心区”类事实须写明核心区' });
    if (fact.source === 'department' && !fact.department) issues.push({ path: `facts.${index}.department`, message: 'a department fact names its department', messageZh: '部门数据须写明所属部门' });
  });
  const need = (path: string, id: string, types: readonly FactType[]) => {
    const fact = facts.get(id);
    if (!fact) issues.push({ path, message: `unknown fact "${id}"`, messageZh: `没有编号为“${id}”的事实` });
    else if (!types.includes(fact.type)) issues.push({ path, message: `fact "${id}" is ${fact.type}; expected ${types.join(' or ')}`, messageZh: `事实“${id}”的类型是 ${fact.type}，此处需要 ${types.join(' 或 ')}` });
    return fact;
  };
  const ids = new Set<string>();
  walk(pack.indicators, 'indicators', (indicator, at) => {
    if (ids.has(indicator.id)) issues.push({ path: `${at}.id`, message: `duplicate indicator id "${indicator.id}"`, messageZh: `指标编号“${indicator.id}”重复` });
    ids.add(indicator.id);
    if (indicator.when) need(`${at}.when`, indicator.when, ['boolean']);
    const rule = indicator.rule;
    switch (rule.type) {
      case 'per_unit':
        rule.facts.forEach((id, i) => need(`${at}.rule.facts.${i}`, id, RULE_FACT_TYPES.per_unit!));
        if (rule.unitsCapFact) need(`${at}.rule.unitsCapFact`, rule.unitsCapFact, ['months']);
        break;
      case 'flat': {
        const fact = need(`${at}.rule.fact`, rule.fact, RULE_FACT_TYPES.flat!);
        if (fact?.type === 'choice' && !fact.options?.some((o) => o.id === rule.option)) issues.push({ path: `${at}.rule.option`, message: `"${rule.option ?? ''}" is not an option of fact "${fact.id}"`, messageZh: `“${rule.option ?? ''}”不是事实“${fact.id}”的选项` });
        break;
      }
      case 'level': {
        const fact = need(`${at}.rule.fact`, rule.fact, RULE_FACT_TYPES.level!);
        for (const option of Object.keys(rule.points)) {
          if (fact && !fact.options?.some((o) => o.id === option)) issues.push({ path: `${at}.rule.points.${option}`, message: `"${option}" is not an option of fact "${fact.id}"`, messageZh: `“${option}”不是事实“${fact.id}”的选项` });
        }
        break;
      }
      case 'bands':
        need(`${at}.rule.fact`, rule.fact, RULE_FACT_TYPES.bands!);
        rule.bands.forEach((band, i) => {
          if (band.below !== undefined && band.below <= band.min) issues.push({ path: `${at}.rule.bands.${i}.below`, message: 'below must be greater than min', messageZh: '区间上限须大于下限' });
          const next = rule.bands[i + 1];
          if (next && next.min < (band.below ?? Infinity)) issues.push({ path: `${at}.rule.bands.${i + 1}.min`, message: 'bands overlap', messageZh: '分档区间重叠' });
        });
        break;
      case 'yearly':
      case 'shares':
      case 'first_additional':
      case 'age':
        need(`${at}.rule.fact`, rule.fact, RULE_FACT_TYPES[rule.type]!);
        break;
      case 'group':
        if (rule.mode === 'choice') {
          if (!rule.chosenBy) issues.push({ path: `${at}.rule.chosenBy`, message: 'a choice group names the fact that holds the choice', messageZh: '择一指标组须写明记录选择的事实' });
          else {
            const fact = need(`${at}.rule.chosenBy`, rule.chosenBy, ['choice']);
            const itemIds = rule.items.map((item) => item.id);
            if (fact && fact.options?.some((o) => !itemIds.includes(o.id))) issues.push({ path: `${at}.rule.chosenBy`, message: `the options of "${fact.id}" must be the ids of the group's items`, messageZh: `事实“${fact.id}”的选项须与指标组各项编号一致` });
          }
        }
        break;
    }
  });
  pack.eligibility.forEach((condition, index) => {
    const at = `eligibility.${index}.rule`;
    const rule = condition.rule;
    if (rule.type === 'true' || rule.type === 'false') need(`${at}.fact`, rule.fact, ['boolean']);
    if (rule.type === 'min_months') {
      rule.facts.forEach((id, i) => need(`${at}.facts.${i}`, id, ['months']));
      if (rule.mode === 'setting' && !pack.interpretations.insuranceCondition) issues.push({ path: `${at}.mode`, message: 'mode "setting" needs interpretations.insuranceCondition', messageZh: '按设置判断时须有 interpretations.insuranceCondition' });
    }
    if (rule.type === 'age') need(`${at}.fact`, rule.fact, ['date']);
    if (rule.type === 'at_least_option') {
      const fact = need(`${at}.fact`, rule.fact, ['choice']);
      if (fact && !fact.options?.some((o) => o.id === rule.option)) issues.push({ path: `${at}.option`, message: `"${rule.option}" is not an option of fact "${fact.id}"`, messageZh: `“${rule.option}”不是事实“${fact.id}”的选项` });
    }
  });
  pack.ranking.tieBreaks.forEach((tie, index) => {
    if (tie.type === 'fact') need(`ranking.tieBreaks.${index}.fact`, tie.fact, ['months', 'count', 'amount', 'number']);
    if (tie.type === 'points') tie.indicators.forEach((id, i) => {
      if (!ids.has(id)) issues.push({ path: `ranking.tieBreaks.${index}.indicators.${i}`, message: `unknown indicator "${id}"`, messageZh: `没有编号为“${id}”的指标` });
    });
  });
  walk(pack.indicators, 'indicators', (indicator, at) => {
    if (!at.includes('.rule.items.') && !indicator.category) issues.push({ path: `${at}.category`, message: 'a top-level indicator needs a category', messageZh: '一级指标须写明类别（基础、加分、减分）' });
  });
  if (pack.interpretations.volunteerPooling === undefined && allIndicators(pack.indicators).some((i) => i.rule.type === 'yearly' && i.rule.pooled)) {
    issues.push({ path: 'interpretations.volunteerPooling', message: 'a pack with pooled yearly indicators states how hours are pooled', messageZh: '含合并计算的按年指标时须写明时数合并方式' });
  }
  return issues;
}

/** Parses and checks a pack; the issues name the exact field at fault. */
export function validatePack(input: unknown): { ok: true; pack: PackFile } | { ok: false; issues: PackIssue[] } {
  const parsed = PackFile.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, messageZh: `字段格式不对：${issue.message}` })) };
  }
  const issues = checkPackReferences(parsed.data);
  if (parsed.data.effectiveUntil && parsed.data.effectiveUntil < parsed.data.effectiveFrom) {
    issues.push({ path: 'effectiveUntil', message: 'effectiveUntil is before effectiveFrom', messageZh: '失效日期早于生效日期' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, pack: parsed.data };
}
