import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowActionsTable } from '../../platform/db/workflow-actions';

/** The register of sub-landlords (二房东) and letting agents, city-wide: a person or an organisation. */
export const parties = pgTable(
  'housing_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['sub_landlord', 'agent'] }).notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    creditCode: text('credit_code'),
    phone: text('phone'),
    /** Where it was registered. */
    divisionCode: text('division_code').notNull(),
    createdBy: uuid('created_by').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('housing_parties_id_number_key').on(t.idNumber).where(sql`id_number is not null`),
    uniqueIndex('housing_parties_credit_code_key').on(t.creditCode).where(sql`credit_code is not null`),
    uniqueIndex('housing_parties_tx_key').on(t.createdBy, t.transactionId),
    index('housing_parties_name_idx').on(t.name),
  ],
);

/** A blacklist entry: reason, issuing office, expiry; lifted early only with a reason. */
export const blacklist = pgTable(
  'housing_blacklist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id').notNull().references(() => parties.id),
    status: text('status', { enum: ['listed', 'lifted'] }).notNull(),
    reason: text('reason').notNull(),
    office: text('office').notNull(),
    divisionCode: text('division_code').notNull(),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    liftedOn: date('lifted_on', { mode: 'string' }),
    liftReason: text('lift_reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('housing_blacklist_party_idx').on(t.partyId, t.status, t.expiresOn)],
);
export const blacklistActions = workflowActionsTable('housing_blacklist_actions', 'entryId', 'entry_id', () => blacklist.id);

/** Who manages a rental house for its owner: a sub-landlord or an agent, and whether the officer was warned of a blacklist. */
export const managers = pgTable(
  'housing_managers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    partyId: uuid('party_id').notNull().references(() => parties.id),
    role: text('role', { enum: ['sub_landlord', 'agent'] }).notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    warnedEntryId: uuid('warned_entry_id').references(() => blacklist.id),
    createdBy: uuid('created_by').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('housing_managers_house_party_key').on(t.houseId, t.partyId, t.role),
    uniqueIndex('housing_managers_tx_key').on(t.createdBy, t.transactionId),
    index('housing_managers_party_idx').on(t.partyId),
  ],
);

/** A house flagged by a rule (overcrowding, group rental, a blacklisted manager), open until the rule no longer holds. */
export const flags = pgTable(
  'housing_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    kind: text('kind', { enum: ['overcrowded', 'group_rental', 'blacklisted_manager'] }).notNull(),
    detail: text('detail').notNull(),
    flaggedOn: date('flagged_on', { mode: 'string' }).notNull(),
    clearedOn: date('cleared_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('housing_flags_open_key').on(t.houseId, t.kind).where(sql`cleared_on is null`),
    index('housing_flags_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.clearedOn),
  ],
);

/** A building's door system (门禁): it pushes entry events with its own key (kept only as a hash). */
export const doorDevices = pgTable(
  'housing_door_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildingId: uuid('building_id').notNull(),
    divisionCode: text('division_code').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
  },
  (t) => [index('housing_door_devices_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'))],
);

/** One entry a door system saw: whose ID card, when; a device's event id is recorded once. */
export const doorEvents = pgTable(
  'housing_door_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: uuid('device_id').notNull().references(() => doorDevices.id),
    buildingId: uuid('building_id').notNull(),
    divisionCode: text('division_code').notNull(),
    idNumber: text('id_number').notNull(),
    /** The name the card reader gave, when it gives one. */
    name: text('name'),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
    deviceEventId: text('device_event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('housing_door_events_device_event_key').on(t.deviceId, t.deviceEventId),
    index('housing_door_events_person_idx').on(t.buildingId, t.idNumber, t.seenAt),
    // The daily deletion of entries past their retention finds them by it.
    index('housing_door_events_seen_idx').on(t.seenAt),
  ],
);

/** The safety responsibility letter (安全管理责任书): each version's text, kept; landlords sign the one in force. */
export const letterVersions = pgTable('housing_letter_versions', {
  version: integer('version').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A landlord's signature of a letter version for one house, once. */
export const letterSignatures = pgTable(
  'housing_letter_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    version: integer('version').notNull().references(() => letterVersions.version),
    signerUserId: uuid('signer_user_id').notNull(),
    signerPhone: text('signer_phone').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('housing_letter_signatures_key').on(t.houseId, t.version), index('housing_letter_signatures_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'))],
);

/** Signatures per jurisdiction and letter version, kept by the repository function that records a signature. */
export const letterTallies = pgTable(
  'housing_letter_tallies',
  {
    divisionCode: text('division_code').notNull(),
    version: integer('version').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.version] })],
);

/** The rental tax rate (综合征收率) per district and use, per mille; a district without its own takes the city's. */
export const taxRates = pgTable(
  'housing_tax_rates',
  {
    divisionCode: text('division_code').notNull(),
    use: text('use', { enum: ['residential', 'business'] }).notNull(),
    ratePermille: integer('rate_permille').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.use] })],
);

/** A rental house's declared rent, its use for the tax and how often it is billed. */
export const rents = pgTable('housing_rents', {
  houseId: uuid('house_id').primaryKey(),
  divisionCode: text('division_code').notNull(),
  monthlyRentFen: integer('monthly_rent_fen').notNull(),
  use: text('use', { enum: ['residential', 'business'] }).notNull(),
  period: text('period', { enum: ['monthly', 'quarterly'] }).notNull(),
  since: date('since', { mode: 'string' }).notNull(),
  declaredBy: uuid('declared_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One period's rental tax bill of a house, paid through the payment interface. */
export const taxBills = pgTable(
  'housing_tax_bills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    monthlyRentFen: integer('monthly_rent_fen').notNull(),
    months: integer('months').notNull(),
    ratePermille: integer('rate_permille').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['due', 'paid'] }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    landlordPhone: text('landlord_phone'),
    orderId: uuid('order_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('housing_tax_bills_period_key').on(t.houseId, t.periodStart),
    index('housing_tax_bills_arrears_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status, t.dueOn),
    index('housing_tax_bills_landlord_idx').on(t.landlordPhone, t.status),
  ],
);
export const taxBillActions = workflowActionsTable('housing_tax_bill_actions', 'billId', 'bill_id', () => taxBills.id);
