import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The city's values of policy settings; a setting without a row has its official default. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<number | boolean>().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
