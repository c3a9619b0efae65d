import { describe, expect, it } from 'vitest';
import { scorePack, type Facts, type ScoreContext } from './engine';
import { validatePack, type PackFile } from './pack.schema';
import { rankEntries } from './ranking';
import gzJson from './packs/gz-jfrh-2025.json';

/**
 * Guangzhou 2025 (穗府办规〔2025〕8号 annex, policy.md §1.2–1.4): every indicator, cap, band boundary and
 * deduction of the official table, the eligibility conditions and the tie-break order.
 */

const loaded = validatePack(gzJson);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const gz: PackFile = loaded.pack;

const DAY: ScoreContext = { applicationDate: '2025-10-15' };

/** Someone who meets every condition and scores nothing beyond what the test gives. */
const eligible: Facts = {
  birth_date: '1990-03-01',
  employed: true,
  permit_valid: true,
  criminal_penalty_5y: false,
  pension_months: 48, medical_months: 48, unemployment_months: 48, injury_months: 48, maternity_months: 48,
};

function score(facts: Facts, context = DAY, pack: PackFile = gz) {
  return scorePack(pack, facts, context);
}
function line(facts: Facts, id: string, context = DAY, pack: PackFile = gz) {
  const found = score(facts, context, pack).lines.find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
}
const points = (facts: Facts, id: string, context = DAY) => line(facts, id, context).points;
const withPack = (change: (pack: PackFile) => void): PackFile => {
  const copy = structuredClone(gz);
  change(copy);
  return copy;
};

describe('gz-jfrh-2025 base indicators', () => {
  it('residence permit: 8 per full year, no cap', () => {
    expect(points({ permit_months: 11 }, 'residence_permit_years')).toBe(0);
    expect(points({ permit_months: 12 }, 'residence_permit_years')).toBe(8);
    expect(points({ permit_months: 23 }, 'residence_permit_years')).toBe(8);
    expect(points({ permit_months: 24 }, 'residence_permit_years')).toBe(16);
    expect(points({ permit_months: 240 }, 'residence_permit_years')).toBe(160);
    expect(line({ permit_months: 240 }, 'residence_permit_years').capped).toBe(false);
  });

  it('housing: owned property is a flat 20', () => {
    expect(points({ owns_property: true }, 'housing')).toBe(20);
    expect(points({ owns_property: false }, 'housing')).toBe(0);
  });

  it('housing: renting or a dormitory is 5 per full year, capped at 20', () => {
    expect(points({ rented_months: 11 }, 'housing_rented')).toBe(0);
    expect(points({ rented_months: 12 }, 'housing_rented')).toBe(5);
    expect(points({ rented_months: 47 }, 'housing_rented')).toBe(15);
    expect(points({ rented_months: 48 }, 'housing_rented')).toBe(20);
    const over = line({ rented_months: 72 }, 'housing_rented');
    expect(over).toMatchObject({ raw: 30, points: 20, capped: true, cap: 20 });
  });

  it('housing: with both, one counts — the one chosen, or the higher without a choice', () => {
    const both = { owns_property: true, rented_months: 24 };
    expect(points(both, 'housing')).toBe(20);
    expect(line(both, 'housing_rented').counted).toBe(false);
    expect(points({ ...both, housing_choice: 'housing_rented' }, 'housing')).toBe(10);
    expect(line({ ...both, housing_choice: 'housing_rented' }, 'housing_owned').counted).toBe(false);
    expect(score({ ...both, housing_choice: 'housing_rented' }).byCategory.base).toBe(10);
  });

  it('moving out of Yuexiu, Haizhu, Liwan or Tianhe: 2 per full year, capped at 10', () => {
    expect(points({ moved_out_months: 12 }, 'moved_out_of_core')).toBe(2);
    expect(points({ moved_out_months: 59 }, 'moved_out_of_core')).toBe(8);
    expect(points({ moved_out_months: 60 }, 'moved_out_of_core')).toBe(10);
    expect(line({ moved_out_months: 84 }, 'moved_out_of_core')).toMatchObject({ raw: 14, points: 10, capped: true });
  });

  it('social insurance: 2 per full year of each of the five insurances, no cap', () => {
    expect(points({ pension_months: 12 }, 'social_insurance')).toBe(2);
    expect(points({ pension_months: 60, medical_months: 60, unemployment_months: 60, injury_months: 60, maternity_months: 60 }, 'social_insurance')).toBe(50);
    // Each insurance is counted in full years on its own: 23 + 23 months are two part-years, not a third year.
    expect(points({ pension_months: 23, medical_months: 23 }, 'social_insurance')).toBe(4);
    expect(points({ medical_months: 240 }, 'social_insurance')).toBe(40);
  });

  it('housing fund: 2 per full year, no cap', () => {
    expect(points({ housing_fund_months: 11 }, 'housing_fund')).toBe(0);
    expect(points({ housing_fund_months: 36 }, 'housing_fund')).toBe(6);
    expect(points({ housing_fund_months: 180 }, 'housing_fund')).toBe(30);
  });

  it('age: 30 from 18 to 40; above 40, 2 fewer per year with a part-year counting as a year', () => {
    const on = (birth: string) => points({ birth_date: birth }, 'age');
    expect(on('2007-10-15')).toBe(30); // 18 today
    expect(on('2007-10-16')).toBe(0); // 17 and 364 days: not yet 18
    expect(on('1985-10-15')).toBe(30); // exactly 40
    expect(on('1985-10-14')).toBe(28); // 40 years and a day
    expect(on('1983-06-15')).toBe(24); // 42 years and 4 months
    expect(on('1980-10-15')).toBe(20); // exactly 45
    expect(on('1980-10-14')).toBe(18); // 45 years and a day
    expect(on('1960-01-01')).toBe(0); // floor at 0
  });

  it('age: the part-year and reference-date interpretations are settings', () => {
    const completed = withPack((p) => { p.interpretations.agePartYear.value = 'completed_years'; });
    expect(line({ birth_date: '1985-10-14' }, 'age', DAY, completed).points).toBe(30);
    expect(line({ birth_date: '1983-06-15' }, 'age', DAY, completed).points).toBe(26);
    const cutoff = withPack((p) => { p.interpretations.ageReference.value = 'materials_cutoff'; });
    // 40 on 15 Oct 2025 but still 39 on the cut-off of 30 Sep 2025 … and 40 years and a day on 16 Oct.
    expect(line({ birth_date: '1985-10-01' }, 'age', { applicationDate: '2025-10-15', materialsCutoff: '2025-09-30' }, cutoff).points).toBe(30);
    expect(line({ birth_date: '1985-09-29' }, 'age', { applicationDate: '2025-10-15', materialsCutoff: '2025-09-30' }, cutoff).points).toBe(28);
    expect(score({ birth_date: '1985-10-01' }, { applicationDate: '2025-10-15', materialsCutoff: '2025-09-30' }, cutoff).ageReference).toBe('2025-09-30');
  });
});

describe('gz-jfrh-2025 bonus indicators', () => {
  it('education: highest level only', () => {
    expect(points({ education: 'below_high_school' }, 'education')).toBe(0);
    expect(points({ education: 'high_school' }, 'education')).toBe(10);
    expect(points({ education: 'junior_college' }, 'education')).toBe(20);
    expect(points({ education: 'bachelor' }, 'education')).toBe(30);
    expect(points({}, 'education')).toBe(0);
  });

  it('invention patents: 20 shared among the inventors, capped at 40', () => {
    expect(points({ patents: [{ inventors: 1 }] }, 'invention_patent')).toBe(20);
    expect(points({ patents: [{ inventors: 4 }] }, 'invention_patent')).toBe(5);
    expect(points({ patents: [{ inventors: 3 }] }, 'invention_patent')).toBe(6.67);
    expect(points({ patents: [{ inventors: 1 }, { inventors: 2 }] }, 'invention_patent')).toBe(30);
    expect(line({ patents: [{ inventors: 1 }, { inventors: 1 }, { inventors: 2 }] }, 'invention_patent')).toMatchObject({ raw: 50, points: 40, capped: true });
  });

  it('high-tech R&D work: 2 per full year, capped at 10, on top of patents', () => {
    expect(points({ hitech_months: 24 }, 'hitech_work')).toBe(4);
    expect(points({ hitech_months: 60 }, 'hitech_work')).toBe(10);
    expect(line({ hitech_months: 96 }, 'hitech_work')).toMatchObject({ raw: 16, points: 10, capped: true });
    expect(score({ hitech_months: 60, patents: [{ inventors: 1 }] }).byCategory.bonus).toBe(30);
  });

  it('shortage-list occupation: 10', () => {
    expect(points({ urgent_occupation: true }, 'urgent_occupation')).toBe(10);
    expect(points({ urgent_occupation: false }, 'urgent_occupation')).toBe(0);
  });

  it('special-hardship front line: 10 now, plus 5 per full year capped at 20, the years only while still there', () => {
    expect(points({ frontline: true }, 'special_hardship_frontline')).toBe(10);
    expect(points({ frontline: true, frontline_months: 36 }, 'special_hardship_frontline')).toBe(25);
    expect(points({ frontline: true, frontline_months: 48 }, 'special_hardship_frontline')).toBe(30);
    expect(line({ frontline: true, frontline_months: 72 }, 'frontline_years')).toMatchObject({ raw: 30, points: 20, capped: true });
    expect(points({ frontline: false, frontline_months: 72 }, 'special_hardship_frontline')).toBe(0);
  });

  it('blood donation: 2 per donation, capped at 10', () => {
    expect(points({ blood_donations: 1 }, 'blood_donation')).toBe(2);
    expect(points({ blood_donations: 5 }, 'blood_donation')).toBe(10);
    expect(line({ blood_donations: 7 }, 'blood_donation')).toMatchObject({ raw: 14, points: 10, capped: true });
  });

  it('volunteering: 2 per full 50 hours, at most 2 a year, capped at 10; hours pooled per year by default', () => {
    expect(points({ volunteer_hours: [49, 0, 0, 0, 0] }, 'volunteering')).toBe(0);
    expect(points({ volunteer_hours: [50, 0, 0, 0, 0] }, 'volunteering')).toBe(2);
    expect(points({ volunteer_hours: [300, 0, 0, 0, 0] }, 'volunteering')).toBe(2);
    expect(points({ volunteer_hours: [50, 50, 50, 50, 50] }, 'volunteering')).toBe(10);
    expect(points({ volunteer_hours: [30, 30, 30, 30, 30] }, 'volunteering')).toBe(0);
    const across = withPack((p) => { p.interpretations.volunteerPooling!.value = 'across_years'; });
    expect(line({ volunteer_hours: [30, 30, 30, 30, 30] }, 'volunteering', DAY, across).points).toBe(6);
  });

  it('income tax over 3 tax years: 4 from ¥10,000, 8 from ¥30,000, 12 from ¥60,000', () => {
    const on = (yuan: number) => points({ iit_total: yuan }, 'iit_amount');
    expect(on(9999.99)).toBe(0);
    expect(on(10000)).toBe(4);
    expect(on(29999)).toBe(4);
    expect(on(30000)).toBe(8);
    expect(on(59999)).toBe(8);
    expect(on(60000)).toBe(12);
    expect(on(1_000_000)).toBe(12);
  });

  it('income tax filed each of the 3 years: 4; annual reconciliation: 2', () => {
    expect(points({ iit_each_year: true }, 'iit_each_year')).toBe(4);
    expect(points({ iit_reconciled: true }, 'iit_annual_reconciliation')).toBe(2);
  });

  it('enterprise tax over 3 tax years: 4 from ¥50,000, 8 from ¥100,000, 12 from ¥200,000, added to the income-tax items', () => {
    const on = (yuan: number) => points({ enterprise_tax_total: yuan }, 'enterprise_tax');
    expect(on(49999)).toBe(0);
    expect(on(50000)).toBe(4);
    expect(on(99999)).toBe(4);
    expect(on(100000)).toBe(8);
    expect(on(199999)).toBe(8);
    expect(on(200000)).toBe(12);
    expect(score({ enterprise_tax_total: 200000, iit_total: 60000, iit_each_year: true, iit_reconciled: true }).byCategory.bonus).toBe(30);
  });

  it('honours: levels add up; merits count the first and each further one', () => {
    expect(points({ honour_central: 1 }, 'honours')).toBe(30);
    expect(points({ honour_provincial: 1 }, 'honours')).toBe(20);
    expect(points({ honour_city: 1 }, 'honours')).toBe(10);
    expect(points({ honour_district: 1 }, 'honours')).toBe(5);
    expect(points({ honour_military_title: 1 }, 'honours')).toBe(30);
    expect(points({ honour_city: 1, honour_district: 2 }, 'honours')).toBe(20);
    expect(points({ merit_first_class: 1 }, 'merit_first_class')).toBe(20);
    expect(points({ merit_first_class: 3 }, 'merit_first_class')).toBe(30);
    expect(points({ merit_second_class: 1 }, 'merit_second_class')).toBe(10);
    expect(points({ merit_second_class: 2 }, 'merit_second_class')).toBe(12);
    expect(points({ merit_third_class: 1 }, 'merit_third_class')).toBe(5);
    expect(points({ merit_third_class: 4 }, 'merit_third_class')).toBe(8);
  });
});

describe('gz-jfrh-2025 deductions', () => {
  it('bad credit, tax evasion and public-security penalties: 10 each, per record', () => {
    expect(points({ bad_credit_records: 1 }, 'bad_credit')).toBe(-10);
    expect(points({ bad_credit_records: 3 }, 'bad_credit')).toBe(-30);
    expect(points({ tax_evasion_count: 2 }, 'tax_evasion')).toBe(-20);
    expect(points({ public_security_penalties: 1 }, 'public_security_penalty')).toBe(-10);
  });

  it('count in the total but not in the ranking score', () => {
    const s = score({ birth_date: '1990-03-01', permit_months: 60, public_security_penalties: 2, education: 'bachelor' });
    expect(s.byCategory).toEqual({ base: 70, bonus: 30, deduction: -20 });
    expect(s.total).toBe(80);
    expect(s.rankingScore).toBe(70);
  });
});

describe('gz-jfrh-2025 eligibility', () => {
  const rich: Facts = { ...eligible, permit_months: 60, rented_months: 48, housing_fund_months: 60, education: 'bachelor' };

  it('is met by someone with 150 points, 4 insurance years, a permit, a job and no criminal penalty', () => {
    const s = score(rich);
    expect(s.total).toBe(40 + 20 + 40 + 10 + 30 + 30);
    expect(s.eligible).toBe(true);
    expect(s.qualifies).toBe(true);
    expect(s.conditions.every((c) => c.met && c.reason === null)).toBe(true);
  });

  it('needs 150 points exactly, naming the total when short', () => {
    const at150 = score({ ...rich, education: 'junior_college', housing_fund_months: 0 });
    expect(at150.total).toBe(150);
    expect(at150.eligible).toBe(true);
    const s = score({ ...rich, education: 'high_school', housing_fund_months: 36, iit_reconciled: true });
    expect(s.total).toBe(148);
    expect(s.eligible).toBe(false);
    expect(s.qualifies).toBe(false);
    expect(s.conditions.find((c) => c.id === 'points')).toMatchObject({ met: false, reason: { zh: '总积分 148，需满 150 分', en: 'total 148, needs 150' } });
  });

  it('age: born on or after 1 January of the year 46 years before the application year', () => {
    expect(score({ ...rich, birth_date: '1979-01-01' }).conditions.find((c) => c.id === 'age')!.met).toBe(true);
    const old = score({ ...rich, birth_date: '1978-12-31' });
    expect(old.conditions.find((c) => c.id === 'age')).toMatchObject({ met: false, reason: { en: 'must be born on or after 1979-01-01 (born 1978-12-31)' } });
    expect(old.bornOnOrAfter).toBe('1979-01-01');
    // A round's own cut-off replaces the computed one.
    const round = { applicationDate: '2025-10-15', bornOnOrAfter: '1980-01-01' };
    expect(score({ ...rich, birth_date: '1979-06-01' }, round).conditions.find((c) => c.id === 'age')!.met).toBe(false);
  });

  it('social insurance: each of the five insurances 4 years by default; one is enough under the other reading', () => {
    const short = { ...rich, maternity_months: 47 };
    const result = score(short).conditions.find((c) => c.id === 'social_insurance')!;
    expect(result.met).toBe(false);
    expect(result.reason!.zh).toContain('生育保险缴费时间 47 个月');
    const any = withPack((p) => { p.interpretations.insuranceCondition!.value = 'any'; });
    expect(score(short, DAY, any).conditions.find((c) => c.id === 'social_insurance')!.met).toBe(true);
    expect(score({ ...rich, pension_months: 47, medical_months: 0, unemployment_months: 0, injury_months: 0, maternity_months: 0 }, DAY, any)
      .conditions.find((c) => c.id === 'social_insurance')!.met).toBe(false);
  });

  it('needs a valid Guangzhou permit, a job, and no criminal penalty declared', () => {
    const failed = (facts: Facts) => score(facts).conditions.filter((c) => !c.met).map((c) => c.id);
    expect(failed({ ...rich, permit_valid: false })).toEqual(['residence_permit']);
    expect(failed({ ...rich, employed: false })).toEqual(['employment']);
    expect(failed({ ...rich, criminal_penalty_5y: true })).toEqual(['no_criminal_penalty']);
    expect(failed({ ...rich, criminal_penalty_5y: undefined })).toEqual(['no_criminal_penalty']);
  });
});

describe('gz-jfrh-2025 ranking', () => {
  const entry = (id: string, facts: Facts, submittedAt = '2025-10-10T01:00:00Z') => {
    const s = score({ ...eligible, ...facts });
    return { id, rankingScore: s.rankingScore, tieBreakValues: s.tieBreakValues, submittedAt };
  };

  it('ranks by base points, then medical-insurance time, then continuous permit time, then jointly', () => {
    const entries = [
      entry('a', { permit_months: 60, permit_continuous_months: 24 }), // base 40 + 50 + 30 = 120 (… insurance 48×5 → 40)
      entry('b', { permit_months: 72 }), // 8 more base points: first
      entry('c', { permit_months: 60, medical_months: 59, permit_continuous_months: 12 }), // same base as a, longer medical insurance
      entry('d', { permit_months: 60, permit_continuous_months: 36 }), // same as a but longer continuous permit
      entry('e', { permit_months: 60, permit_continuous_months: 36 }, '2025-10-09T00:00:00Z'), // ties with d completely
      entry('f', { permit_months: 60, education: 'bachelor' }), // bonus points do not rank
    ];
    const { ranked } = rankEntries(gz, entries, { quota: null, tieAtCut: 'admit_all' });
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['b', 1], ['c', 2], ['d', 3], ['e', 3], ['a', 5], ['f', 6]]);
    expect(ranked.find((r) => r.id === 'd')!.tieSize).toBe(2);
  });

  it('cuts at the quota; a tie group across the cut is admitted in full, or not at all', () => {
    const entries = ['p', 'q', 'r', 's'].map((id, i) => entry(id, { permit_months: i < 1 ? 72 : 60 }));
    const all = rankEntries(gz, entries, { quota: 2, tieAtCut: 'admit_all' });
    expect(all.ranked.filter((r) => r.admitted).map((r) => r.id)).toEqual(['p', 'q', 'r', 's']);
    expect(all).toMatchObject({ admitted: 4, cutRank: 2, straddling: 3 });
    const none = rankEntries(gz, entries, { quota: 2, tieAtCut: 'admit_none' });
    expect(none.ranked.filter((r) => r.admitted).map((r) => r.id)).toEqual(['p']);
    expect(none).toMatchObject({ admitted: 1, cutRank: 1 });
    expect(rankEntries(gz, entries, { quota: 4, tieAtCut: 'admit_none' }).admitted).toBe(4);
  });
});

describe('explanation', () => {
  it('gives every indicator a line with its facts, value, formula and cap', () => {
    const s = score({ ...eligible, rented_months: 72, permit_months: 62 });
    const permit = s.lines.find((l) => l.id === 'residence_permit_years')!;
    expect(permit).toMatchObject({ facts: ['permit_months'], units: 5, points: 40, value: { zh: '62 个月', en: '62 months' } });
    expect(permit.formula.zh).toBe('5 × 8 分（每满1年） = 40');
    expect(s.lines.find((l) => l.id === 'housing_rented')!.formula.en).toBe('6 × 5 (per full year) = 30, capped at 20');
    expect(s.lines.filter((l) => l.depth === 0).map((l) => l.id)).toEqual(gz.indicators.map((i) => i.id));
  });

  it('suggests what would raise the points, largest first, never a deduction', () => {
    const s = score({ ...eligible, education: 'junior_college', rented_months: 24 });
    expect(s.improvements[0]).toMatchObject({ indicator: 'education', points: 10 });
    expect(s.improvements.find((i) => i.indicator === 'housing_rented')).toMatchObject({ points: 5 });
    expect(s.improvements.some((i) => ['bad_credit', 'tax_evasion', 'public_security_penalty'].includes(i.indicator))).toBe(false);
    expect(score({ ...eligible, rented_months: 48 }).improvements.some((i) => i.indicator === 'housing_rented')).toBe(false);
  });

  it('is deterministic', () => {
    const facts = { ...eligible, patents: [{ inventors: 3 }], volunteer_hours: [120, 40, 60, 0, 55] };
    expect(JSON.stringify(score(facts))).toBe(JSON.stringify(score(structuredClone(facts))));
  });
});
