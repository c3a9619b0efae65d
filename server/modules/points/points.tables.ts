import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowActionsTable } from '../../platform/db/workflow-actions';

/**
 * Points policy pack versions (积分政策包). The body is the whole pack as validated by `validatePack`; code,
 * city and dates are copied out of it for lookups. A published row never changes (a trigger refuses it).
 */
export const packs = pgTable(
  'points_packs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'discarded'] }).notNull(),
    /** The city (GB/T 2260, six digits) whose rules these are. */
    city: text('city').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveUntil: date('effective_until', { mode: 'string' }),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    copiedFromId: uuid('copied_from_id'),
    createdBy: uuid('created_by'),
    transactionId: uuid('transaction_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_packs_code_version_key').on(t.code, t.version),
    uniqueIndex('points_packs_tx_key').on(t.createdBy, t.transactionId),
    index('points_packs_city_idx').on(t.city, t.status, t.effectiveFrom),
  ],
);

export const packActions = workflowActionsTable('points_pack_actions', 'packId', 'pack_id', () => packs.id);
