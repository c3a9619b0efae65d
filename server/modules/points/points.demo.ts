import { randomUUID } from 'node:crypto';
import { addDays } from '@shared/kernel/workdays';
import { addMonths } from '@shared/permits/permit-dates';
import { scorePack } from '@shared/points/engine';
import type { PackFile } from '@shared/points/pack.schema';
import type { Db, Tx } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { findResident, listLongResidents } from '../registry';
import * as repo from './points.repo';
import type { StoredFact } from './points.tables';
import { effective } from './points.applications';
import { bodyOf } from './points.service';

const EDUCATION = ['high_school', 'junior_college', 'bachelor', 'junior_college', 'below_high_school'];
const PLAN_2026 = ['in_review', 'in_review', 'in_review', 'returned', 'reviewed', 'reviewed', 'withdrawn'] as const;
const REVIEWERS = ['hrss', 'education', 'public_security'] as const;

/** Facts a demo applicant might have: insurance, housing fund and permit years from their arrival, a job and a diploma. */
function demoFacts(pack: PackFile, i: number, person: { birthDate: string; arrivedOn: string }, on: string): Record<string, StoredFact> {
  const months = Math.max(12, Math.min(180, Math.round((Date.parse(on) - Date.parse(person.arrivedOn)) / 2_629_800_000)));
  const known = (value: unknown, source: StoredFact['source']): StoredFact => ({ value, source, verified: true, evidence: [] });
  const declared = (value: unknown, verified: boolean): StoredFact => ({ value, source: 'declared', verified, evidence: [] });
  const facts: Record<string, StoredFact> = {
    birth_date: known(person.birthDate, 'registry'),
    permit_valid: known(true, 'permits'),
    permit_months: known(months - (i % 13), 'permits'),
    permit_continuous_months: known(Math.max(6, months - 12 - (i % 17)), 'permits'),
    rented_months: known(months, 'registry'),
    employed: declared(true, false),
    education: declared(EDUCATION[i % EDUCATION.length], false),
    criminal_penalty_5y: declared(false, false),
  };
  for (const [k, extra] of [['pension', 0], ['medical', 6], ['unemployment', 0], ['injury', 0], ['maternity', 0]] as const) facts[`${k}_months`] = known(Math.min(240, months + extra + (i % 7) * 3), 'department');
  facts.housing_fund_months = known((i * 11) % 96, 'department');
  if (i % 5 === 0) facts.volunteer_hours = declared([60, 50, 10, 0, 0], false);
  return Object.fromEntries(Object.entries(facts).filter(([id]) => pack.facts.some((f) => f.id === id)));
}

/**
 * The demo's points work: last year's round carried through to the final list (shortlisted, verified, abandoned,
 * entry cards issued, two objections answered, one upheld and the place cancelled, the freed places gone to the next
 * in rank, shortlisted) and this year's round open with applications in department
 * review (some overdue), returned, reviewed and withdrawn. Re-running adds nothing.
 */
export async function seedPoints(db: Db, options: { today: string; applicantUserId: string; count?: number; progress?: (done: number, total: number) => void }): Promise<number> {
  const count = options.count ?? 3000;
  const packRow = await repo.packInForce(db, options.today, { code: 'gz-jfrh-2025' }) ?? (await repo.latestPublished(db, 'gz-jfrh-2025'));
  if (!packRow || (await repo.findRound(db, derivedUuid('demo-points:2025')))) return 0;
  const pack = bodyOf(packRow);
  const candidates = await listLongResidents(db, { root: '4401' }, addMonths(options.today, -30), count);
  const year = Number(options.today.slice(0, 4));
  // A third of the applicants are last year's. Fewer places than eligible applicants (about one in nine is), as in
  // the city: a cancelled place goes to the next in rank.
  const last = await db.transaction((tx) => repo.insertRound(tx, {
    id: derivedUuid('demo-points:2025'), name: `${year - 1} 年度积分制入户`, year: year - 1, packId: packRow.id, status: 'closed', quota: Math.floor(count / 40),
    opensOn: `${year - 1}-10-10`, closesOn: `${year - 1}-11-10`, materialsCutoff: `${year - 1}-09-30`, tieAtCut: 'admit_all', transactionId: randomUUID(),
  }));
  const current = await db.transaction((tx) => repo.insertRound(tx, {
    id: derivedUuid('demo-points:2026'), name: `${year} 年度积分制入户`, year, packId: packRow.id, status: 'open', quota: Math.floor(count / 40),
    opensOn: addDays(options.today, -20), closesOn: addDays(options.today, 30), materialsCutoff: addDays(options.today, -25), tieAtCut: 'admit_all', transactionId: randomUUID(),
  }));
  let done = 0;
  for (let start = 0; start < candidates.length; start += 100) {
    await db.transaction(async (tx) => {
      for (const [offset, candidate] of candidates.slice(start, start + 100).entries()) {
        const i = start + offset;
        const lastYear = i % 3 === 0;
        const round = lastYear ? last : current;
        const submittedOn = lastYear ? `${year - 1}-10-${String(10 + (i % 20)).padStart(2, '0')}` : addDays(options.today, -1 - (i % 45));
        const status = lastYear ? 'reviewed' : PLAN_2026[i % PLAN_2026.length]!;
        await insertDemo(tx, pack, round, { ...candidate, index: i, submittedOn, status, applicantUserId: options.applicantUserId });
        done += 1;
      }
    });
    options.progress?.(done, candidates.length);
  }
  await db.transaction(async (tx) => {
    // Last year's round: ranked, shortlisted, nearly all verified (a few missed it), published, final, cards issued.
    const order = pack.ranking.tieBreaks.map((tie, index) => (tie.type === 'submitted_at' ? { kind: 'submitted' as const } : { kind: 'value' as const, index }));
    await repo.rankRound(tx, last.id, order, last.quota, last.tieAtCut, new Date());
    await repo.applyRanking(tx, last.id, `${year - 1}-12-05`, randomUUID(), null, new Date());
    const shortlisted = (await repo.listApplications(tx, { root: '4401' }, { roundId: last.id, status: 'shortlisted', page: 1, pageSize: 100_000 })).rows;
    for (const [k, row] of shortlisted.entries()) {
      await repo.updateApplication(tx, row.id, k % 25 === 3 ? { status: 'abandoned' } : { status: 'verified', verifiedOn: `${year - 1}-12-01` });
      await repo.insertApplicationAction(tx, { applicationId: row.id, action: k % 25 === 3 ? 'abandon' : 'verify', fromStatus: 'shortlisted', toStatus: k % 25 === 3 ? 'abandoned' : 'verified', transactionId: randomUUID(), actorId: null, details: 'demo', at: new Date() });
    }
    await repo.updateRound(tx, last.id, { status: 'final', rankedAt: new Date(), publishedFrom: `${year - 1}-12-10`, publishedUntil: `${year - 1}-12-14` });
    await repo.issueCards(tx, last.id, year - 1, randomUUID(), null, new Date());
    const [holder, other] = (await repo.listApplications(tx, { root: '4401' }, { roundId: last.id, status: 'card_issued', page: 1, pageSize: 2 })).rows;
    // Two objections from the publication: one dismissed; one upheld, which cancelled the place.
    const objection = async (about: repo.PointsApplicationRow, text: string, answer: string, upheld: boolean) => {
      const row = await repo.insertObjection(tx, {
        roundId: last.id, applicationId: about.id, divisionCode: about.divisionCode, status: upheld ? 'upheld' : 'dismissed', text, contactName: null, contactPhone: null,
        answer, answeredOn: `${year - 1}-12-13`, filedOn: `${year - 1}-12-11`, transactionId: randomUUID(), createdAt: new Date(),
      });
      await repo.insertObjectionAction(tx, { objectionId: row.id, action: 'file', fromStatus: null, toStatus: 'open', transactionId: randomUUID(), actorId: null, details: null, at: new Date() });
      await repo.insertObjectionAction(tx, { objectionId: row.id, action: upheld ? 'uphold' : 'dismiss', fromStatus: 'open', toStatus: upheld ? 'upheld' : 'dismissed', transactionId: randomUUID(), actorId: null, details: answer, at: new Date() });
    };
    if (other) await objection(other, '该申请人的学历证书疑似非本人所有，请核查。', '经向教育部门核实，该学历证书真实有效，属申请人本人，异议不成立。', false);
    if (holder) {
      await objection(holder, '该申请人所报工作单位早已停业，劳动合同不实。', '经核查，申请人提供的劳动合同系虚假材料，异议成立，取消其入户资格。', true);
      await repo.updateApplication(tx, holder.id, { status: 'cancelled', cancelReason: '经核查提供虚假劳动合同，取消入户资格' });
      await repo.insertApplicationAction(tx, { applicationId: holder.id, action: 'cancel', fromStatus: 'card_issued', toStatus: 'cancelled', transactionId: randomUUID(), actorId: null, details: '经核查提供虚假劳动合同，取消入户资格', at: new Date() });
      // The place went to the next in rank, who is still to come for verification.
      await repo.rankRound(tx, last.id, order, last.quota, last.tieAtCut, new Date());
      await repo.applyRanking(tx, last.id, addDays(options.today, 14), randomUUID(), null, new Date());
    }
  });
  return done;
}

async function insertDemo(tx: Tx, pack: PackFile, round: repo.RoundRow, spec: { name: string; idNumber: string; index: number; submittedOn: string; status: 'in_review' | 'returned' | 'reviewed' | 'withdrawn'; applicantUserId: string }) {
  const person = await findResident(tx, spec.idNumber, spec.name);
  if (!person?.home) return;
  const facts = demoFacts(pack, spec.index, { birthDate: person.birthDate, arrivedOn: person.stays[0]?.arrivedOn ?? spec.submittedOn }, spec.submittedOn);
  const reviewed = spec.status === 'reviewed' || spec.status === 'withdrawn';
  if (reviewed) for (const fact of Object.values(facts)) fact.verified = true;
  const score = scorePack(pack, effective(facts), { applicationDate: spec.submittedOn, materialsCutoff: round.materialsCutoff });
  const dueOn = addDays(spec.submittedOn, 28);
  const row = await repo.insertApplication(tx, {
    number: await repo.nextApplicationNumber(tx, spec.submittedOn.slice(0, 4)), roundId: round.id, personId: person.id, name: spec.name, idNumber: spec.idNumber, phone: person.phone,
    divisionCode: person.home.divisionCode, status: spec.status, facts, pledgedAt: new Date(), total: score.total, rankingScore: score.rankingScore, tieBreakValues: score.tieBreakValues,
    eligible: score.eligible, submittedAt: new Date(`${spec.submittedOn}T02:00:00Z`), submittedOn: spec.submittedOn, dueOn, reviewedOn: reviewed ? addDays(spec.submittedOn, 15) : null,
    applicantUserId: spec.applicantUserId, transactionId: randomUUID(),
  });
  await repo.insertTasks(tx, REVIEWERS.map((department, k) => {
    const open = spec.status === 'in_review' && (spec.index + k) % 3 !== 0;
    const returned = spec.status === 'returned' && k === 1;
    const fact = department === 'hrss' ? 'employed' : department === 'education' ? 'education' : 'criminal_penalty_5y';
    return {
      applicationId: row.id, department, kind: 'review' as const, divisionCode: row.divisionCode, facts: [fact], dueOn,
      status: open ? 'open' as const : returned ? 'returned' as const : 'done' as const,
      results: open ? {} : returned ? { [fact]: { outcome: 'returned' as const, reason: '毕业证书照片不清晰，请重新上传' } } : { [fact]: { outcome: 'confirmed' as const } },
      doneOn: open || returned ? null : addDays(spec.submittedOn, 10),
    };
  }));
  await repo.insertApplicationAction(tx, { applicationId: row.id, action: 'submit', fromStatus: null, toStatus: 'in_review', transactionId: randomUUID(), actorId: null, details: 'demo', at: new Date(`${spec.submittedOn}T02:00:00Z`) });
  if (spec.status !== 'in_review') {
    const action = spec.status === 'returned' ? 'return' : spec.status === 'withdrawn' ? 'withdraw' : 'complete';
    await repo.insertApplicationAction(tx, { applicationId: row.id, action, fromStatus: 'in_review', toStatus: spec.status, transactionId: randomUUID(), actorId: null, details: 'demo', at: new Date() });
  }
}
