import { z } from 'zod';
import type { FieldIssue } from '../errors';
import type { Facts } from './engine';
import type { FactDef, PackBody } from './pack.schema';

/**
 * Checks a person's facts against a pack's questions: every fact known to the pack, each of its type
 * (durations and amounts non-negative, a choice among its options, one number per year of its window…).
 * Missing facts are allowed — they count as nothing. Issues name the fact, in both languages.
 */

const nonNegative = z.number().finite().min(0);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));

function schemaOf(fact: FactDef): z.ZodTypeAny {
  switch (fact.type) {
    case 'months':
    case 'count': return z.number().int().min(0).max(1200);
    case 'amount':
    case 'number': return nonNegative.max(1e12);
    case 'boolean': return z.boolean();
    case 'choice': return z.enum((fact.options ?? []).map((o) => o.id) as [string, ...string[]]);
    case 'yearly': return z.array(nonNegative.max(8784)).max(fact.years ?? 1);
    case 'shares': return z.array(z.strictObject({ inventors: z.number().int().min(1).max(100), firstNamed: z.boolean().optional() })).max(50);
    case 'date': return IsoDate;
  }
}

const WHAT: Record<FactDef['type'], { zh: string; en: string }> = {
  months: { zh: '应为 0 至 1200 之间的整数（月数）', en: 'should be a whole number of months from 0 to 1200' },
  count: { zh: '应为 0 至 1200 之间的整数', en: 'should be a whole number from 0 to 1200' },
  amount: { zh: '应为不小于 0 的金额', en: 'should be an amount of 0 or more' },
  number: { zh: '应为不小于 0 的数', en: 'should be a number of 0 or more' },
  boolean: { zh: '应为“是”或“否”', en: 'should be yes or no' },
  choice: { zh: '应为所列选项之一', en: 'should be one of the listed options' },
  yearly: { zh: '应为每年一个不小于 0 的数', en: 'should be one number of 0 or more per year' },
  shares: { zh: '每项应写明发明人数（1 至 100）', en: 'each item needs its number of inventors (1 to 100)' },
  date: { zh: '应为有效日期（YYYY-MM-DD）', en: 'should be a valid date (YYYY-MM-DD)' },
};

export function parseFacts(pack: Pick<PackBody, 'facts'>, input: Record<string, unknown>): { ok: true; facts: Facts } | { ok: false; issues: FieldIssue[] } {
  const defs = new Map(pack.facts.map((fact) => [fact.id, fact]));
  const issues: FieldIssue[] = [];
  const facts: Facts = {};
  for (const [id, value] of Object.entries(input)) {
    const fact = defs.get(id);
    if (!fact) {
      issues.push({ path: `facts.${id}`, code: 'POINTS_FACT_UNKNOWN', message: `本政策没有“${id}”这一项`, messageEn: `this policy has no fact "${id}"` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const parsed = schemaOf(fact).safeParse(value);
    if (parsed.success) facts[id] = parsed.data as Facts[string];
    else issues.push({ path: `facts.${id}`, code: 'POINTS_FACT_INVALID', message: `“${fact.label.zh}”${WHAT[fact.type].zh}`, messageEn: `"${fact.label.en}" ${WHAT[fact.type].en}` });
  }
  return issues.length ? { ok: false, issues } : { ok: true, facts };
}
