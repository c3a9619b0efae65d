import { describe, expect, it } from 'vitest';
import { scorePack, type Facts } from './engine';
import { validatePack, type PackFile } from './pack.schema';
import { rankEntries } from './ranking';
import { SHIPPED_PACKS } from './packs';

function pack(code: string): PackFile {
  const raw = SHIPPED_PACKS.find((p) => (p as { code: string }).code === code);
  const result = validatePack(raw);
  if (!result.ok) throw new Error(`${code}: ${JSON.stringify(result.issues)}`);
  return result.pack;
}
const DAY = { applicationDate: '2016-08-01' };
const points = (p: PackFile, facts: Facts, id: string) => scorePack(p, facts, DAY).lines.find((l) => l.id === id)!.points;

describe('shipped packs', () => {
  it('all five load, validate and score', () => {
    expect(SHIPPED_PACKS.map((p) => (p as { code: string }).code)).toEqual(['gz-jfrh-2025', 'gz-jfrh-2014', 'fs-2016', 'bj-2016', 'sh-2015']);
    for (const raw of SHIPPED_PACKS) {
      const result = validatePack(raw);
      expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
      if (!result.ok) continue;
      const score = scorePack(result.pack, { birth_date: '1990-06-01' }, DAY);
      expect(score.lines.length).toBeGreaterThanOrEqual(result.pack.indicators.length);
      expect(score.conditions).toHaveLength(result.pack.eligibility.length);
      expect(Number.isFinite(score.total)).toBe(true);
    }
  });

  it('gz-jfrh-2014: 60 points, education and skill highest only, blood and volunteering at most 2 a year', () => {
    const p = pack('gz-jfrh-2014');
    expect(points(p, { education: 'junior_college', technical_ability: 'senior_worker' }, 'education')).toBe(40);
    expect(points(p, { technical_ability: 'intermediate_title' }, 'technical_ability')).toBe(60);
    expect(points(p, { blood_donations: [3, 1, 0, 2, 0] }, 'blood_donation')).toBe(6);
    expect(points(p, { blood_donations: [3, 1, 1, 2, 5] }, 'blood_donation')).toBe(10);
    expect(points(p, { blood_donations: [3, 0, 0, 0, 0] }, 'blood_donation')).toBe(2);
    expect(points(p, { iit_net_total: 99999 }, 'income_tax')).toBe(0);
    expect(points(p, { iit_net_total: 100000 }, 'income_tax')).toBe(20);
    const s = scorePack(p, { education: 'secondary', technical_ability: 'senior_worker' }, DAY);
    expect(s.total).toBe(60);
    expect(s.conditions.find((c) => c.id === 'points')!.met).toBe(true);
    // Ranked by medical insurance, then unemployment insurance: the ranking score itself is nothing.
    expect(s.rankingScore).toBe(0);
    const age = (birth: string) => scorePack(p, { birth_date: birth }, { applicationDate: '2015-08-01' }).conditions.find((c) => c.id === 'age')!.met;
    expect([age('1970-08-01'), age('1970-07-31'), age('1995-07-31'), age('1995-08-01')]).toEqual([true, false, true, false]);
    expect(scorePack(p, { education: 'below_junior_high' }, DAY).conditions.find((c) => c.id === 'education')!.met).toBe(false);
    const entries = [
      { id: 'x', facts: { medical_months: 60, unemployment_months: 50 } },
      { id: 'y', facts: { medical_months: 60, unemployment_months: 55 } },
      { id: 'z', facts: { medical_months: 70, unemployment_months: 0 } },
    ].map((e) => { const r = scorePack(p, e.facts, DAY); return { id: e.id, rankingScore: r.rankingScore, tieBreakValues: r.tieBreakValues, submittedAt: '' }; });
    expect(rankEntries(p, entries, { quota: null, tieAtCut: 'admit_all' }).ranked.map((r) => r.id)).toEqual(['z', 'y', 'x']);
  });

  it('fs-2016: Guangdong and Foshan insurance capped separately, housing fund 3 + 0.2 a month, patents shared n + 1 with the first-named counting twice', () => {
    const p = pack('fs-2016');
    expect(points(p, { gd_pension_months: 600, gd_medical_months: 120 }, 'insurance_gd')).toBe(50);
    expect(points(p, { fs_pension_months: 36, fs_medical_months: 36 }, 'insurance_fs')).toBe(6);
    expect(points(p, { housing_fund_months: 10 }, 'housing_fund')).toBe(5);
    expect(points(p, { housing_fund_months: 100 }, 'housing_fund')).toBe(12);
    expect(points(p, { housing_fund_months: 0 }, 'housing_fund')).toBe(0);
    expect(points(p, { invention_patents: [{ inventors: 2, firstNamed: true }] }, 'invention_patents')).toBe(20);
    expect(points(p, { invention_patents: [{ inventors: 2 }] }, 'invention_patents')).toBe(10);
    expect(points(p, { birth_date: '1966-08-01' }, 'age')).toBe(5);
    expect(points(p, { birth_date: '1976-08-01' }, 'age')).toBe(15);
    expect(points(p, { birth_date: '1970-08-01' }, 'age')).toBe(9);
    expect(points(p, { iit_total: 2600 }, 'income_tax')).toBe(5);
    // Ties: personal quality, then insurance, then residence points, then the earlier application.
    const mk = (id: string, facts: Facts, at: string) => { const r = scorePack(p, facts, DAY); return { id, rankingScore: r.rankingScore, tieBreakValues: r.tieBreakValues, submittedAt: at }; };
    const ranked = rankEntries(p, [
      mk('late', { education: 'bachelor', owns_property: true }, '2016-09-02T00:00:00Z'),
      mk('early', { education: 'bachelor', owns_property: true }, '2016-09-01T00:00:00Z'),
      mk('insured', { education: 'high_school', gd_pension_months: 360, permit_months: 60 }, '2016-09-03T00:00:00Z'),
    ], { quota: null, tieAtCut: 'admit_none' }).ranked;
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['early', 1], ['late', 2], ['insured', 3]]);
  });

  it('bj-2016: residence years no more than insurance years; location and innovation highest only', () => {
    const p = pack('bj-2016');
    expect(points(p, { insurance_months: 96 }, 'employment')).toBe(24);
    expect(points(p, { insurance_months: 96, owned_months: 120 }, 'residence_owned')).toBe(8);
    expect(points(p, { insurance_months: 96, rented_months: 60 }, 'residence_rented')).toBe(2.5);
    expect(points(p, { residence_out_months: 36, job_and_residence_out_months: 24 }, 'location')).toBe(8);
    expect(points(p, { national_award: true, hitech_key_months: 60 }, 'innovation')).toBe(12);
    expect(points(p, { education: 'junior_college' }, 'education')).toBe(10.5);
    expect(points(p, { birth_date: '1971-08-01' }, 'age')).toBe(20);
    expect(points(p, { birth_date: '1971-07-31' }, 'age')).toBe(20); // 45 and a day: still 45 in completed years
    expect(points(p, { birth_date: '1970-08-01' }, 'age')).toBe(0);
    expect(points(p, { detentions: 1, tax_offences: 1 }, 'detention')).toBe(-30);
    expect(scorePack(p, {}, DAY).qualifies).toBeNull();
  });

  it('sh-2015: age 5 at 56–60 and 2 more per year younger up to 30; education or title; counted after 5 years; floor at 0', () => {
    const p = pack('sh-2015');
    const age = (birth: string) => points(p, { birth_date: birth }, 'age');
    expect([age('1956-08-01'), age('1960-08-01'), age('1961-08-01'), age('1970-08-01'), age('1990-08-01'), age('1950-08-01')]).toEqual([5, 5, 7, 25, 30, 0]);
    expect(points(p, { education: 'bachelor_degree', title: 'level1' }, 'education_or_title')).toBe(140);
    expect(points(p, { education: 'bachelor_degree', title: 'level1', education_or_title: 'education' }, 'education_or_title')).toBe(90);
    expect(points(p, { public_service_months: 59 }, 'public_service')).toBe(0);
    expect(points(p, { public_service_months: 72 }, 'public_service')).toBe(24);
    expect(points(p, { suburb_months: 144 }, 'suburb')).toBe(20);
    expect(points(p, { investment_units: 15 }, 'investment')).toBe(120);
    const s = scorePack(p, { birth_date: '1990-08-01', false_material_count: 1 }, DAY);
    expect(s.byCategory.deduction).toBe(-150);
    expect(s.total).toBe(0);
  });
});

describe('an invalid pack', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test breaks packs in arbitrary places
  type Loose = Record<string, any>;
  const base = () => structuredClone(SHIPPED_PACKS[0]) as Loose;
  const issues = (mutate: (p: Loose) => void) => {
    const p = base();
    mutate(p);
    const result = validatePack(p);
    if (result.ok) throw new Error('accepted');
    return result.issues;
  };

  it('is refused with the exact field at fault', () => {
    expect(issues((p) => { p.qualifyingTotal = 'many'; })).toEqual([expect.objectContaining({ path: 'qualifyingTotal' })]);
    expect(issues((p) => { p.indicators[0].rule.points = 'eight'; })).toEqual([expect.objectContaining({ path: 'indicators.0.rule.points' })]);
    expect(issues((p) => { p.indicators[1].rule.items[1].rule.facts[0] = 'rent_months'; }))
      .toEqual([expect.objectContaining({ path: 'indicators.1.rule.items.1.rule.facts.0', message: 'unknown fact "rent_months"' })]);
    expect(issues((p) => { p.indicators[6].rule.points.phd = 40; }))
      .toEqual([expect.objectContaining({ path: 'indicators.6.rule.points.phd', message: '"phd" is not an option of fact "education"' })]);
    expect(issues((p) => { p.indicators[13].rule.bands[1].min = 20000; })).toEqual([expect.objectContaining({ path: 'indicators.13.rule.bands.1.min', message: 'bands overlap' })]);
    expect(issues((p) => { p.indicators[5].rule.fact = 'permit_months'; }))
      .toEqual([expect.objectContaining({ path: 'indicators.5.rule.fact', message: 'fact "permit_months" is months; expected date' })]);
    expect(issues((p) => { p.ranking.tieBreaks[0].fact = 'nothing'; })).toEqual([expect.objectContaining({ path: 'ranking.tieBreaks.0.fact', message: 'unknown fact "nothing"' })]);
    expect(issues((p) => { p.facts[1].id = 'birth_date'; })).toContainEqual(expect.objectContaining({ path: 'facts.1.id', message: 'duplicate fact id "birth_date"' }));
    expect(issues((p) => { p.effectiveUntil = '2020-01-01'; })).toEqual([expect.objectContaining({ path: 'effectiveUntil', message: 'effectiveUntil is before effectiveFrom' })]);
    expect(issues((p) => { delete p.interpretations.agePartYear; })).toEqual([expect.objectContaining({ path: 'interpretations.agePartYear' })]);
    expect(issues((p) => { p.eligibility[0].rule = { type: 'sometimes' }; })).toEqual([expect.objectContaining({ path: 'eligibility.0.rule.type' })]);
  });
});

describe('facts from the records', () => {
  it('counts whole months the Civil Code way and reads registry and permits facts', async () => {
    const { deriveFacts, fullMonths } = await import('./derive');
    expect([fullMonths('2025-01-31', '2025-02-28'), fullMonths('2025-01-31', '2025-02-27'), fullMonths('2020-03-01', '2026-03-01'), fullMonths('2026-03-01', '2020-01-01')]).toEqual([1, 0, 72, 0]);
    const gz = pack('gz-jfrh-2025');
    const facts = deriveFacts(gz, {
      birthDate: '1990-01-01',
      stays: [
        { arrivedOn: '2018-01-10', leftOn: '2020-01-10', divisionCode: '440106006002', houseUse: 'rental' },
        { arrivedOn: '2020-01-12', leftOn: null, divisionCode: '440111001001', houseUse: 'dormitory' },
      ],
      permits: [{ status: 'valid', issuedOn: '2019-03-01', runSince: '2023-03-01', endedOn: null }],
    }, '2025-09-30');
    expect(facts).toEqual({
      birth_date: '1990-01-01', permit_valid: true, permit_months: 78, permit_continuous_months: 30, rented_months: 24 + 68, moved_out_months: 68,
    });
  });
});
