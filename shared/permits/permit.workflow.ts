import { defineWorkflow } from '../kernel/workflow';

/**
 * An application for a residence permit: made in the portal (by the person or a guardian or relative for them)
 * or at a counter; accepted by public-security staff, returned with one notice listing everything missing
 * (一次性告知), resubmitted, refused, or issued within the issue deadline; withdrawn by its author while open.
 */
export const applicationWorkflow = defineWorkflow(['new', 'submitted', 'accepted', 'returned', 'refused', 'issued', 'withdrawn'], {
  submit: { from: ['new'], to: 'submitted', permission: 'portal.use' },
  submit_counter: { from: ['new'], to: 'accepted', permission: 'permits.counter' },
  resubmit: { from: ['returned'], to: 'submitted', permission: 'portal.use' },
  accept: { from: ['submitted'], to: 'accepted', permission: 'permits.review' },
  return: { from: ['submitted', 'accepted'], to: 'returned', permission: 'permits.review' },
  refuse: { from: ['submitted', 'accepted'], to: 'refused', permission: 'permits.review' },
  issue: { from: ['accepted'], to: 'issued', permission: 'permits.issue' },
  withdraw: { from: ['submitted', 'returned'], to: 'withdrawn', permission: 'portal.use' },
});
export type ApplicationStatus = (typeof applicationWorkflow.statuses)[number];
export type ApplicationAction = keyof typeof applicationWorkflow.actions;

/**
 * A residence permit over its life: valid for a year at a time, endorsed once a year (online, at a counter or a
 * kiosk); suspended the day after a missed deadline and restored by a late endorsement; cancelled when the holder
 * leaves the city or settles here, revoked when it was obtained by fraud.
 */
export const permitWorkflow = defineWorkflow(['new', 'valid', 'suspended', 'cancelled', 'revoked'], {
  issue: { from: ['new'], to: 'valid', permission: 'permits.issue' },
  endorse_online: { from: ['valid', 'suspended'], to: 'valid', permission: 'portal.use' },
  endorse: { from: ['valid', 'suspended'], to: 'valid', permission: 'permits.counter' },
  endorse_kiosk: { from: ['valid', 'suspended'], to: 'valid', permission: 'permits.kiosk' },
  suspend: { from: ['valid'], to: 'suspended', permission: 'permits.manage' },
  cancel: { from: ['valid', 'suspended'], to: 'cancelled', permission: 'permits.manage' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', permission: 'permits.manage' },
});
export type PermitStatus = (typeof permitWorkflow.statuses)[number];
export type PermitAction = keyof typeof permitWorkflow.actions;

/**
 * Replacing a lost or damaged permit card (补领、换领): requested in the portal or at a counter, paid (the card
 * fee, 第二十一条), then made and handed over by staff; cancelled by staff, with a refund when it was paid.
 */
export const replacementWorkflow = defineWorkflow(['new', 'awaiting_payment', 'paid', 'issued', 'cancelled'], {
  request: { from: ['new'], to: 'awaiting_payment', permission: 'portal.use' },
  request_counter: { from: ['new'], to: 'awaiting_payment', permission: 'permits.counter' },
  pay: { from: ['awaiting_payment'], to: 'paid', permission: 'permits.payment' },
  issue: { from: ['paid'], to: 'issued', permission: 'permits.issue' },
  cancel: { from: ['awaiting_payment', 'paid'], to: 'cancelled', permission: 'permits.counter' },
});
export type ReplacementStatus = (typeof replacementWorkflow.statuses)[number];
