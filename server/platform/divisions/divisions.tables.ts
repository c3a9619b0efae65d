import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** City → district → street/town → community/village → grid; the code is the jurisdiction key (a prefix is a subtree). */
export const divisions = pgTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode), index('divisions_code_pattern_idx').using('btree', t.code.op('text_pattern_ops'))],
);
