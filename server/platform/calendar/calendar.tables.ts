import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The city's corrections to the official working-day schedule (a year not yet published, a typhoon day off). */
export const workdayOverrides = pgTable('workday_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  note: text('note'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
