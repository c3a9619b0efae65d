import { defineWorkflow } from '../kernel/workflow';

/**
 * A self-declaration made by scanning a house's QR code: the resident submits it, staff confirm or reject it
 * (or it is confirmed at once when the city's policy allows), and its author may withdraw it while it waits.
 */
export const declarationWorkflow = defineWorkflow(['new', 'submitted', 'confirmed', 'rejected', 'withdrawn'], {
  submit: { from: ['new'], to: 'submitted', permission: 'portal.use' },
  confirm: { from: ['submitted'], to: 'confirmed', permission: 'registry.write' },
  reject: { from: ['submitted'], to: 'rejected', permission: 'registry.write' },
  withdraw: { from: ['submitted'], to: 'withdrawn', permission: 'portal.use' },
});
export type DeclarationStatus = (typeof declarationWorkflow.statuses)[number];
