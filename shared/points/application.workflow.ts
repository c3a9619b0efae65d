import { defineWorkflow } from '../kernel/workflow';

/**
 * A points application (积分申请): submitted in the portal (or at a window), reviewed in parallel by the departments
 * that own its facts, returned when one needs more, resubmitted, and reviewed when every department is done. A
 * ranking within the quota shortlists it for on-site verification (现场核验) at a window, missed verification
 * abandons it; the final list issues its entry card (入户卡). Fraud or a founded objection cancels it; the applicant
 * may withdraw until the card is issued. A cancellation or withdrawal moves the next in rank up.
 */
export const pointsApplicationWorkflow = defineWorkflow(['new', 'in_review', 'returned', 'reviewed', 'shortlisted', 'verified', 'abandoned', 'card_issued', 'cancelled', 'withdrawn'], {
  submit: { from: ['new'], to: 'in_review', permission: 'portal.use' },
  submit_counter: { from: ['new'], to: 'in_review', permission: 'points.intake' },
  return: { from: ['in_review'], to: 'returned', permission: 'points.review' },
  resubmit: { from: ['returned'], to: 'in_review', permission: 'portal.use' },
  complete: { from: ['in_review'], to: 'reviewed', permission: 'points.review' },
  shortlist: { from: ['reviewed'], to: 'shortlisted', permission: 'points.manage' },
  unlist: { from: ['shortlisted', 'verified'], to: 'reviewed', permission: 'points.manage' },
  verify: { from: ['shortlisted'], to: 'verified', permission: 'points.intake' },
  abandon: { from: ['shortlisted'], to: 'abandoned', permission: 'points.intake' },
  issue_card: { from: ['verified'], to: 'card_issued', permission: 'points.manage' },
  cancel: { from: ['reviewed', 'shortlisted', 'verified', 'card_issued'], to: 'cancelled', permission: 'points.manage' },
  withdraw: { from: ['in_review', 'returned', 'reviewed', 'shortlisted', 'verified'], to: 'withdrawn', permission: 'portal.use' },
});
export type PointsApplicationStatus = Exclude<(typeof pointsApplicationWorkflow.statuses)[number], 'new'>;
export const POINTS_APPLICATION_STATUSES = pointsApplicationWorkflow.statuses.filter((s): s is PointsApplicationStatus => s !== 'new');

/**
 * One department's review task (并联审批): open until its reviewer confirms, corrects or returns each fact;
 * a returned task opens again when the applicant resubmits. Deduction checks may be deferred until the points
 * are used (减分指标审核后置) and are started then.
 */
export const taskWorkflow = defineWorkflow(['new', 'open', 'deferred', 'returned', 'done'], {
  open: { from: ['new'], to: 'open', permission: 'portal.use' },
  defer: { from: ['new'], to: 'deferred', permission: 'portal.use' },
  start: { from: ['deferred'], to: 'open', permission: 'points.manage' },
  complete: { from: ['open'], to: 'done', permission: 'points.review' },
  return: { from: ['open'], to: 'returned', permission: 'points.review' },
  reopen: { from: ['returned'], to: 'open', permission: 'portal.use' },
});
export type TaskStatus = Exclude<(typeof taskWorkflow.statuses)[number], 'new'>;

/**
 * A yearly round: open for applications within its window, closed, ranked (again after any change), its admitted
 * shortlisted for on-site verification (现场核验) — a step of its own, so the city checks the cut before 16,000 people
 * are told to come — published for objections (公示) once verification is over, and made final, which issues the
 * entry cards. While verifying, publishing or final, every change ranks the round again and moves the next in rank up.
 */
export const roundWorkflow = defineWorkflow(['new', 'open', 'closed', 'ranked', 'verifying', 'publishing', 'final'], {
  open: { from: ['new'], to: 'open', permission: 'points.manage' },
  close: { from: ['open'], to: 'closed', permission: 'points.manage' },
  rank: { from: ['closed', 'ranked'], to: 'ranked', permission: 'points.manage' },
  shortlist: { from: ['ranked'], to: 'verifying', permission: 'points.manage' },
  publish: { from: ['verifying'], to: 'publishing', permission: 'points.manage' },
  finalize: { from: ['publishing'], to: 'final', permission: 'points.manage' },
});
export type RoundStatus = Exclude<(typeof roundWorkflow.statuses)[number], 'new'>;
export const ROUND_STATUSES = roundWorkflow.statuses.filter((s): s is RoundStatus => s !== 'new');

/** An objection to a published list: upheld (the case is corrected or cancelled) or dismissed, with a written answer. */
export const objectionWorkflow = defineWorkflow(['new', 'open', 'upheld', 'dismissed'], {
  file: { from: ['new'], to: 'open', permission: 'public' },
  uphold: { from: ['open'], to: 'upheld', permission: 'points.manage' },
  dismiss: { from: ['open'], to: 'dismissed', permission: 'points.manage' },
});
