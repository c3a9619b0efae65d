import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** What someone is asked to pay for (a fee a module charges), and where the payment stands. */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    /** The module's kind of charge, e.g. `permits.replacement`, and the record it is for. */
    purpose: text('purpose').notNull(),
    referenceId: uuid('reference_id').notNull(),
    divisionCode: text('division_code').notNull(),
    payerUserId: uuid('payer_user_id'),
    description: text('description').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'refunded'] }).notNull().default('pending'),
    provider: text('provider').notNull(),
    /** The random part of the payment page's address. */
    checkoutToken: text('checkout_token').notNull().unique(),
    providerRef: text('provider_ref'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    refundReason: text('refund_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payment_orders_reference_idx').on(t.purpose, t.referenceId)],
);

/** Every event a provider reported or the platform caused, append-only; a replayed callback finds its event and changes nothing. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid('order_id').notNull().references(() => paymentOrders.id),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    kind: text('kind', { enum: ['paid', 'refunded'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** Whether the event changed the order (false: it came after the order had moved on). */
    applied: integer('applied').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payment_events_provider_event_key').on(t.provider, t.eventId)],
);

/** The secrets providers sign their callbacks with; created on first use. */
export const paymentKeys = pgTable('payment_keys', {
  provider: text('provider').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
