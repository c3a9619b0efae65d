import { defineWorkflow } from '../kernel/workflow';

/** A blacklist entry of a sub-landlord or agent: listed with reason, issuing office and expiry; lifted early with a reason. */
export const blacklistWorkflow = defineWorkflow(['new', 'listed', 'lifted'], {
  list: { from: ['new'], to: 'listed', permission: 'housing.manage' },
  lift: { from: ['listed'], to: 'lifted', permission: 'housing.manage' },
});

/** A rental tax bill: issued due, then paid through the payment interface. */
export const taxBillWorkflow = defineWorkflow(['new', 'due', 'paid'], {
  issue: { from: ['new'], to: 'due', permission: 'housing.manage' },
  pay: { from: ['due'], to: 'paid', permission: 'portal.use' },
});
