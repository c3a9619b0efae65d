import { defineWorkflow } from '../kernel/workflow';

/**
 * A points policy pack version: a draft (copied from another version) is edited, validated and published with
 * its effective date, or discarded. A published version never changes; the shipped packs arrive published.
 */
export const packWorkflow = defineWorkflow(['new', 'draft', 'published', 'discarded'], {
  copy: { from: ['new'], to: 'draft', permission: 'points.manage' },
  publish: { from: ['draft'], to: 'published', permission: 'points.manage' },
  discard: { from: ['draft'], to: 'discarded', permission: 'points.manage' },
});
export type PackStatus = Exclude<(typeof packWorkflow.statuses)[number], 'new'>;
export const PACK_STATUSES = packWorkflow.statuses.filter((s): s is PackStatus => s !== 'new');
