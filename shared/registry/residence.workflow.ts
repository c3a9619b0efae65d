import { defineWorkflow } from '../kernel/workflow';

/** A stay in a house: it begins with an arrival, may be updated while it lasts, and ends with leaving. */
export const residenceWorkflow = defineWorkflow(['new', 'active', 'ended'], {
  arrive: { from: ['new'], to: 'active', permission: 'registry.write' },
  update: { from: ['active'], to: 'active', permission: 'registry.write' },
  leave: { from: ['active'], to: 'ended', permission: 'registry.write' },
});
