import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowActionsTable } from '../../platform/db/workflow-actions';

/** Numbers permits and applications as `<year><sequence>`; a sequence never hands out one twice. */
export const permitNumbers = pgSequence('permit_number_seq', { startWith: 1 });
export const applicationNumbers = pgSequence('permit_application_number_seq', { startWith: 1 });

/** Name, ID number, sex, birth date and home address, copied from the registry when the record is made. */
function identityColumns() {
  return {
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    address: text('address').notNull(),
  };
}

/**
 * An application for a residence permit (居住证申领). It names the registered person by id, and keeps the facts
 * the decision rested on: since when they were registered, from when they could apply, on which basis.
 */
export const applications = pgTable(
  'permit_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    personId: uuid('person_id').notNull(),
    /** The person as registered when the application was made. */
    ...identityColumns(),
    /** Where the person lives (the house's community): whose staff work the application. */
    divisionCode: text('division_code').notNull(),
    channel: text('channel', { enum: ['portal', 'counter'] }).notNull(),
    status: text('status', { enum: ['submitted', 'accepted', 'returned', 'refused', 'issued', 'withdrawn'] }).notNull(),
    basis: text('basis', { enum: ['employment', 'residence', 'study'] }).notNull(),
    basisDetail: text('basis_detail').notNull(),
    phone: text('phone'),
    proxyName: text('proxy_name'),
    proxyIdNumber: text('proxy_id_number'),
    proxyRelation: text('proxy_relation', { enum: ['guardian', 'relative'] }),
    proxyReason: text('proxy_reason', { enum: ['under_16', 'elderly', 'disabled'] }),
    registeredSince: date('registered_since', { mode: 'string' }).notNull(),
    eligibleFrom: date('eligible_from', { mode: 'string' }).notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** What a return listed as missing, all at once (一次性告知). */
    missing: jsonb('missing').$type<string[]>().notNull().default([]),
    note: text('note'),
    permitId: uuid('permit_id'),
    /** The account that applied: a resident in the portal, or the staff member at the counter. */
    applicantUserId: uuid('applicant_user_id').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('permit_applications_tx_key').on(t.applicantUserId, t.transactionId),
    // One open application per person at a time.
    uniqueIndex('permit_applications_open_key').on(t.personId).where(sql`status in ('submitted', 'accepted', 'returned')`),
    index('permit_applications_queue_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status, t.dueOn),
    index('permit_applications_person_idx').on(t.personId),
    index('permit_applications_id_number_idx').on(t.idNumber),
    index('permit_applications_applicant_idx').on(t.applicantUserId, t.createdAt),
  ],
);

/** Every status change of an application, append-only, with the caller's idempotency key. */
export const applicationActions = workflowActionsTable('permit_application_actions', 'applicationId', 'application_id', () => applications.id);

/** The materials of an application: uploaded files, each of one kind. */
export const applicationEvidence = pgTable(
  'permit_application_evidence',
  {
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    kind: text('kind', { enum: ['photo', 'id_card', 'employment_proof', 'residence_proof', 'study_proof', 'proxy_id', 'proxy_relation'] }).notNull(),
    fileId: uuid('file_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('permit_application_evidence_key').on(t.applicationId, t.kind, t.fileId)],
);

/**
 * A residence permit (居住证), electronic with the same effect as the card. Its current year runs from
 * `run_since` for `endorsed_years` endorsed years plus one; `valid_until` is that year's last day, kept for the
 * queues and the daily suspension.
 */
export const permits = pgTable(
  'permits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    personId: uuid('person_id').notNull(),
    /** The person as the permit states them (第四条). */
    ...identityColumns(),
    applicationId: uuid('application_id').references(() => applications.id),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['valid', 'suspended', 'cancelled', 'revoked'] }).notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    runSince: date('run_since', { mode: 'string' }).notNull(),
    endorsedYears: integer('endorsed_years').notNull().default(0),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    suspendedOn: date('suspended_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** What the QR code of the electronic permit carries: random, so a permit cannot be guessed from another. */
    verifyToken: text('verify_token').notNull().unique(),
    /** Which card this is: a replacement makes a new one (and a new QR code; the old one no longer verifies). */
    cardVersion: integer('card_version').notNull().default(1),
    /** The portal account that applied, who sees the electronic permit. */
    holderUserId: uuid('holder_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One permit in force per person.
    uniqueIndex('permits_one_in_force_key').on(t.personId).where(sql`status in ('valid', 'suspended')`),
    index('permits_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status),
    index('permits_deadline_idx').on(t.status, t.validUntil),
    index('permits_holder_idx').on(t.holderUserId),
    index('permits_id_number_idx').on(t.idNumber),
  ],
);

/** Every status change of a permit (issue, endorse, suspend, cancel, revoke), append-only, with its idempotency key. */
export const permitActions = workflowActionsTable('permit_actions', 'permitId', 'permit_id', () => permits.id);

/** A self-service terminal (签注一体机) that endorses permits; it authenticates with a key only its hash of which is kept. */
export const kiosks = pgTable(
  'permit_kiosks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Where the terminal stands: it serves permits of this jurisdiction. */
    divisionCode: text('division_code').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('permit_kiosks_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'))],
);

/**
 * Counts of applications and permits per division and status, kept by every write in the same transaction, so
 * that a jurisdiction's statistics add up a few rows per community instead of counting millions of records.
 */
export const tallies = pgTable(
  'permit_tallies',
  {
    divisionCode: text('division_code').notNull(),
    /** `application` and `permit` count records by status; `event` counts issues and endorsements by `<action>:<year>`. */
    subject: text('subject', { enum: ['application', 'permit', 'event'] }).notNull(),
    status: text('status').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.subject, t.status] })],
);

/** Valid permits per division and last day of their year, kept the same way: how many fall due in a window. */
export const expiryTallies = pgTable(
  'permit_expiry_tallies',
  {
    divisionCode: text('division_code').notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.validUntil] }), index('permit_expiry_tallies_day_idx').on(t.validUntil)],
);

/** A replacement of a lost or damaged card: the fee's order, then the new card. */
export const replacements = pgTable(
  'permit_replacements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    permitId: uuid('permit_id').notNull().references(() => permits.id),
    divisionCode: text('division_code').notNull(),
    reason: text('reason', { enum: ['lost', 'damaged'] }).notNull(),
    status: text('status', { enum: ['awaiting_payment', 'paid', 'issued', 'cancelled'] }).notNull(),
    channel: text('channel', { enum: ['portal', 'counter'] }).notNull(),
    feeFen: integer('fee_fen').notNull(),
    orderId: uuid('order_id'),
    requestedBy: uuid('requested_by').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('permit_replacements_tx_key').on(t.requestedBy, t.transactionId),
    uniqueIndex('permit_replacements_open_key').on(t.permitId).where(sql`status in ('awaiting_payment', 'paid')`),
    index('permit_replacements_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status),
  ],
);

/** Every step of a replacement, append-only, with its idempotency key. */
export const replacementActions = workflowActionsTable('permit_replacement_actions', 'replacementId', 'replacement_id', () => replacements.id);
