import { defineWorkflow } from '../kernel/workflow';

/** An inspection: planned (by the daily schedule, a campaign, a flag or a reported fix), then done on a phone, or cancelled. */
export const inspectionWorkflow = defineWorkflow(['new', 'planned', 'done', 'cancelled'], {
  plan: { from: ['new'], to: 'planned', permission: 'inspections.inspect' },
  submit: { from: ['planned'], to: 'done', permission: 'inspections.inspect' },
  cancel: { from: ['planned'], to: 'cancelled', permission: 'inspections.manage' },
});
export const INSPECTION_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const INSPECTION_KINDS = ['routine', 'campaign', 'flagged', 'reinspection'] as const;
/** Routine inspections follow the grade and re-inspections a reported fix: only the one-offs are cancelled by hand. */
export const cancelledByHand = (kind: (typeof INSPECTION_KINDS)[number]): boolean => kind === 'campaign' || kind === 'flagged';

/**
 * The hazard loop (巡查、发现、告知、查处、反馈): a failed item is found and the landlord notified with a deadline; the landlord
 * reports it fixed and a re-inspection closes it; not fixed by the deadline, not fixed at re-inspection, or serious,
 * it is referred to the competent department, whose staff act and record the outcome, which closes it with feedback.
 */
export const hazardWorkflow = defineWorkflow(['new', 'notified', 'fix_reported', 'referred', 'closed'], {
  notify: { from: ['new'], to: 'notified', permission: 'inspections.inspect' },
  report_fixed: { from: ['notified'], to: 'fix_reported', permission: 'portal.use' },
  pass: { from: ['notified', 'fix_reported'], to: 'closed', permission: 'inspections.inspect' },
  refer: { from: ['new', 'notified', 'fix_reported'], to: 'referred', permission: 'inspections.inspect' },
  handle: { from: ['referred'], to: 'closed', permission: 'inspections.handle' },
});
export const HAZARD_STATUSES = ['notified', 'fix_reported', 'referred', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/**
 * A registration task (someone found living in a house, or seen at a building's door, without a registration): done
 * when the person is registered there (by itself, when the registry records it, or confirmed by staff), or dismissed
 * with the reason (moved out, a visitor, not found).
 */
export const registrationTaskWorkflow = defineWorkflow(['new', 'open', 'done', 'dismissed'], {
  open: { from: ['new'], to: 'open', permission: 'inspections.inspect' },
  done: { from: ['open'], to: 'done', permission: 'inspections.inspect' },
  dismiss: { from: ['open'], to: 'dismissed', permission: 'inspections.inspect' },
});
export const REGISTRATION_TASK_STATUSES = ['open', 'done', 'dismissed'] as const;
export type RegistrationTaskStatus = (typeof REGISTRATION_TASK_STATUSES)[number];
