import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * A yearly points round (积分入户年度工作): its pack version, quota, application window, material cut-off dates
 * and age cut-off. Applications belong to a round.
 */
export const rounds = pgTable(
  'points_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    packId: uuid('pack_id').notNull().references(() => packs.id),
    status: text('status', { enum: ['open', 'closed', 'ranked', 'verifying', 'publishing', 'final'] }).notNull(),
    quota: integer('quota').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    materialsCutoff: date('materials_cutoff', { mode: 'string' }).notNull(),
    innovationFrom: date('innovation_from', { mode: 'string' }),
    innovationTo: date('innovation_to', { mode: 'string' }),
    taxFrom: date('tax_from', { mode: 'string' }),
    taxTo: date('tax_to', { mode: 'string' }),
    bornOnOrAfter: date('born_on_or_after', { mode: 'string' }),
    tieAtCut: text('tie_at_cut', { enum: ['admit_all', 'admit_none'] }).notNull(),
    rankedAt: timestamp('ranked_at', { withTimezone: true }),
    rankingVersion: integer('ranking_version').notNull().default(0),
    /** The publication (公示) period, once published. */
    publishedFrom: date('published_from', { mode: 'string' }),
    publishedUntil: date('published_until', { mode: 'string' }),
    /**
     * The shortlisting notices: how many applicants were shortlisted to be told, how many have been told, the last one
     * the notice job told (it goes on after it) and when it finished; those who move up later are told at once.
     */
    noticesTotal: integer('notices_total').notNull().default(0),
    noticesSent: integer('notices_sent').notNull().default(0),
    noticesAfter: uuid('notices_after'),
    noticesDoneAt: timestamp('notices_done_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('points_rounds_tx_key').on(t.createdBy, t.transactionId)],
);
export const roundActions = workflowActionsTable('points_round_actions', 'roundId', 'round_id', () => rounds.id);

/** A declared or known fact of an application: its value, where it came from, whether it is verified, its proof. */
export type StoredFact = {
  value: unknown;
  source: 'registry' | 'permits' | 'department' | 'declared';
  verified: boolean;
  evidence: string[];
  /** A reviewer's correction: the value before it, and why. */
  corrected?: { from: unknown; reason: string; by: string };
};

/** Numbers entry cards (入户卡) as `RH` + year + seven digits; a number is never handed out twice. */
export const cardNumbers = pgSequence('points_card_number_seq', { startWith: 1 });

/** Numbers points applications as `JF` + year + six digits. */
export const applicationNumbers = pgSequence('points_application_number_seq', { startWith: 1 });

/**
 * An application for points (一表申请): the person as registered, the facts (known ones pre-filled and verified,
 * the rest declared with proof or under the pledge), the score as declared and as reviewed, the review deadline.
 */
export const applications = pgTable(
  'points_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    roundId: uuid('round_id').notNull().references(() => rounds.id),
    personId: uuid('person_id').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone'),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['in_review', 'returned', 'reviewed', 'shortlisted', 'verified', 'abandoned', 'card_issued', 'cancelled', 'withdrawn'] }).notNull(),
    facts: jsonb('facts').$type<Record<string, StoredFact>>().notNull(),
    pledgedAt: timestamp('pledged_at', { withTimezone: true }).notNull(),
    total: numeric('total', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    rankingScore: numeric('ranking_score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    tieBreakValues: jsonb('tie_break_values').$type<(number | null)[]>().notNull(),
    eligible: boolean('eligible').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    /** On-site verification (现场核验): by when, and when it was done. */
    verifyDue: date('verify_due', { mode: 'string' }),
    verifiedOn: date('verified_on', { mode: 'string' }),
    /** The entry card (入户卡) once the final list is out. */
    cardNumber: text('card_number').unique(),
    cancelReason: text('cancel_reason'),
    applicantUserId: uuid('applicant_user_id').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also serves the applicant's own list (its leading column): shortlisting 16,000 updates every index of theirs.
    uniqueIndex('points_applications_tx_key').on(t.applicantUserId, t.transactionId),
    // One application per person per round, unless withdrawn.
    uniqueIndex('points_applications_person_round_key').on(t.roundId, t.personId).where(sql`status <> 'withdrawn'`),
    index('points_applications_queue_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status, t.dueOn),
    index('points_applications_round_idx').on(t.roundId, t.status),
    index('points_applications_person_idx').on(t.personId),
  ],
);
export const applicationActions = workflowActionsTable('points_application_actions', 'applicationId', 'application_id', () => applications.id);

/** One department's review of the facts it owns in one application (并联审批); deduction checks may wait (后置). */
export const tasks = pgTable(
  'points_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    department: text('department').notNull(),
    /** Copied from the application, so each department's queue reads its own table. */
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['open', 'deferred', 'returned', 'done'] }).notNull(),
    /** `review`: the facts the department owns; `deduction`: its deduction facts when their check is deferred. */
    kind: text('kind', { enum: ['review', 'deduction'] }).notNull(),
    facts: jsonb('facts').$type<string[]>().notNull(),
    /** Per fact: confirmed, corrected (with the value and reason) or returned (with what is missing). */
    results: jsonb('results').$type<Record<string, { outcome: 'confirmed' | 'corrected' | 'returned'; value?: unknown; reason?: string }>>().notNull().default({}),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reviewerId: uuid('reviewer_id'),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_tasks_application_department_key').on(t.applicationId, t.department, t.kind),
    index('points_tasks_queue_idx').on(t.department, t.status, t.dueOn),
    index('points_tasks_application_idx').on(t.applicationId),
  ],
);
export const taskActions = workflowActionsTable('points_task_actions', 'taskId', 'task_id', () => tasks.id);

/** Facts departments hold about a person (social insurance, housing fund, tax…), loaded by partners; one value per fact. */
export const departmentRecords = pgTable(
  'points_department_records',
  {
    department: text('department').notNull(),
    idNumber: text('id_number').notNull(),
    fact: text('fact').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    batchId: uuid('batch_id').notNull(),
    loadedBy: uuid('loaded_by'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.idNumber, t.fact, t.department] })],
);

/**
 * A round's ranking (排名): one row per round, the ranked applications' ids in position order with each one's rank and
 * the size of its tie group, rewritten whole whenever the round is ranked again (after a withdrawal, a cancellation or
 * an objection). Joint ranks share a rank; the admitted are always the first `admitted` positions (ranks only grow along
 * the order, and the cut is a rank). Arrays instead of a row per application: a ranking of 200,000 writes a few
 * megabytes once instead of 200,000 indexed rows (docs/performance.md).
 */
export const rankings = pgTable('points_rankings', {
  // No foreign keys on the ids: they are derived, rewritten whole from the round's own applications by one statement.
  roundId: uuid('round_id').primaryKey().references(() => rounds.id),
  /** The round's ranking version this is (rounds.ranking_version). */
  version: integer('version').notNull(),
  /** Application ids, position 1 first (PostgreSQL arrays start at 1, so an id's index is its position). */
  applicationIds: uuid('application_ids').array().notNull(),
  /** The rank at each position (rank() over the ranking keys: joint ranks repeat). */
  ranks: integer('ranks').array().notNull(),
  /** How many share the rank at each position. */
  tieSizes: integer('tie_sizes').array().notNull(),
  ranked: integer('ranked').notNull(),
  /** How many are admitted: positions 1 to `admitted`. */
  admitted: integer('admitted').notNull(),
  rankedAt: timestamp('ranked_at', { withTimezone: true }).notNull(),
});

/** An objection (异议) to a published list, filed by anyone during publication and answered in writing. */
export const objections = pgTable(
  'points_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => rounds.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    divisionCode: text('division_code').notNull(),
    status: text('status', { enum: ['open', 'upheld', 'dismissed'] }).notNull(),
    text: text('text').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredOn: date('answered_on', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    transactionId: uuid('transaction_id').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('points_objections_round_idx').on(t.roundId, t.status)],
);
export const objectionActions = workflowActionsTable('points_objection_actions', 'objectionId', 'objection_id', () => objections.id);

/**
 * Applications of each round by jurisdiction and status, kept by statement-level triggers on the applications
 * table (every writer, bulk steps included, in its own transaction), so statistics never count the rows.
 */
export const tallies = pgTable(
  'points_tallies',
  {
    roundId: uuid('round_id').notNull(),
    divisionCode: text('division_code').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.divisionCode, t.status] })],
);

/**
 * Department review tasks by jurisdiction, department and state, kept by triggers like `tallies`; a finished
 * task counts as `done_on_time` (finished on or before its due date) or `done_late`.
 */
export const taskTallies = pgTable(
  'points_task_tallies',
  {
    divisionCode: text('division_code').notNull(),
    department: text('department').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.department, t.state] })],
);

/**
 * Volunteer hours per person and year as the integration-services module records them (志愿服务时数); applications
 * take a `fed: volunteer_hours` fact from here, verified, instead of asking for it.
 */
export const volunteerHours = pgTable(
  'points_volunteer_hours',
  {
    idNumber: text('id_number').notNull(),
    year: integer('year').notNull(),
    hours: numeric('hours', { precision: 7, scale: 1, mode: 'number' }).notNull(),
    /** Who recorded them: the module and its record. */
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.idNumber, t.year] })],
);
