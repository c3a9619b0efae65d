import { defineWorkflow } from '../kernel/workflow';

/**
 * A points application (积分申请): submitted in the portal (or at a window), reviewed in parallel by the departments
 * that own its facts, returned when one needs more, resubmitted, and reviewed when every department is done.
 * The applicant may withdraw while it is open.
 */
export const pointsApplicationWorkflow = defineWorkflow(['new', 'in_review', 'returned', 'reviewed', 'withdrawn'], {
  submit: { from: ['new'], to: 'in_review', permission: 'portal.use' },
  submit_counter: { from: ['new'], to: 'in_review', permission: 'points.intake' },
  return: { from: ['in_review'], to: 'returned', permission: 'points.review' },
  resubmit: { from: ['returned'], to: 'in_review', permission: 'portal.use' },
  complete: { from: ['in_review'], to: 'reviewed', permission: 'points.review' },
  withdraw: { from: ['in_review', 'returned', 'reviewed'], to: 'withdrawn', permission: 'portal.use' },
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

/** A yearly round: open for applications within its window, then closed. */
export const roundWorkflow = defineWorkflow(['new', 'open', 'closed'], {
  open: { from: ['new'], to: 'open', permission: 'points.manage' },
  close: { from: ['open'], to: 'closed', permission: 'points.manage' },
});
