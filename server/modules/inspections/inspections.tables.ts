import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowActionsTable } from '../../platform/db/workflow-actions';

/** The checklist and grading form (八查): items, weights, seriousness and the competent department; the city edits them. */
export const checklistItems = pgTable('insp_checklist_items', {
  code: text('code').primaryKey(),
  category: text('category', { enum: ['hardware', 'fire', 'security', 'hygiene'] }).notNull(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  weight: integer('weight').notNull(),
  serious: boolean('serious').notNull(),
  department: text('department').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each rental house's grade and stars (分级分类、挂牌授星) as the last inspection left them, and when the next is due. */
export const houseGrades = pgTable(
  'insp_house_grades',
  {
    houseId: uuid('house_id').primaryKey(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    score: integer('score'),
    stars: integer('stars'),
    risk: text('risk', { enum: ['high', 'medium', 'low'] }),
    lost: jsonb('lost').$type<Record<string, number>>(),
    improve: jsonb('improve').$type<{ code: string; points: number }[]>(),
    gradedOn: date('graded_on', { mode: 'string' }),
    lastInspectedOn: date('last_inspected_on', { mode: 'string' }),
    nextDueOn: date('next_due_on', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('insp_house_grades_due_idx').on(t.nextDueOn),
    index('insp_house_grades_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.risk),
  ],
);

/** Every grade a house has had, append-only. */
export const gradeHistory = pgTable(
  'insp_grade_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    score: integer('score').notNull(),
    stars: integer('stars').notNull(),
    risk: text('risk', { enum: ['high', 'medium', 'low'] }).notNull(),
    gradedOn: date('graded_on', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('insp_grade_history_house_idx').on(t.houseId, t.at)],
);

/** A special campaign (专项整治): one-off inspections of every rental house in an area. */
export const campaigns = pgTable(
  'insp_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    divisionCode: text('division_code').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('insp_campaigns_tx_key').on(t.createdBy, t.transactionId)],
);

export type ItemResult = { code: string; passed: boolean; note: string | null; photos: string[] };
export type Occupant = { personId: string | null; name: string; idNumber: string | null; registered: boolean };

/** An inspection of one house: planned by the schedule, a campaign, a flag or a reported fix; done on a phone. */
export const inspections = pgTable(
  'insp_inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    kind: text('kind', { enum: ['routine', 'campaign', 'flagged', 'reinspection'] }).notNull(),
    status: text('status', { enum: ['planned', 'done', 'cancelled'] }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    inspectorId: uuid('inspector_id'),
    doneOn: date('done_on', { mode: 'string' }),
    results: jsonb('results').$type<ItemResult[]>().notNull().default([]),
    occupants: jsonb('occupants').$type<Occupant[]>().notNull().default([]),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One planned inspection of each kind per house: the schedule moves it instead of adding another.
    uniqueIndex('insp_inspections_planned_key').on(t.houseId, t.kind).where(sql`status = 'planned' and kind <> 'campaign'`),
    uniqueIndex('insp_inspections_campaign_key').on(t.campaignId, t.houseId),
    index('insp_inspections_queue_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status, t.dueOn),
    index('insp_inspections_house_idx').on(t.houseId, t.createdAt),
    // The calendar's days: inspections done on a date.
    index('insp_inspections_done_idx').on(t.doneOn).where(sql`status = 'done'`),
  ],
);
export const inspectionActions = workflowActionsTable('insp_inspection_actions', 'inspectionId', 'inspection_id', () => inspections.id);

/** A hazard (隐患) found at an inspection, through notice, fix, re-inspection or referral, to closure. */
export const hazards = pgTable(
  'insp_hazards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    inspectionId: uuid('inspection_id').notNull().references(() => inspections.id),
    itemCode: text('item_code').notNull(),
    serious: boolean('serious').notNull(),
    status: text('status', { enum: ['notified', 'fix_reported', 'referred', 'closed'] }).notNull(),
    department: text('department').notNull(),
    deadlineOn: date('deadline_on', { mode: 'string' }).notNull(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    note: text('note'),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    fixNote: text('fix_note'),
    fixPhotos: jsonb('fix_photos').$type<string[]>().notNull().default([]),
    outcome: text('outcome'),
    landlordPhone: text('landlord_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open hazard per house and item: a later inspection finding it again keeps the one already open.
    uniqueIndex('insp_hazards_open_key').on(t.houseId, t.itemCode).where(sql`status <> 'closed'`),
    index('insp_hazards_board_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status, t.deadlineOn),
    index('insp_hazards_department_idx').on(t.department, t.status, t.deadlineOn),
    index('insp_hazards_landlord_idx').on(t.landlordPhone, t.status),
  ],
);
export const hazardActions = workflowActionsTable('insp_hazard_actions', 'hazardId', 'hazard_id', () => hazards.id);

/** Someone found living in a house without a registration (at an inspection, or seen by a door system): to register. */
export const registrationTasks = pgTable(
  'insp_registration_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The house, when known (an inspection); a door system knows only the building. */
    houseId: uuid('house_id'),
    buildingId: uuid('building_id'),
    divisionCode: text('division_code').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    /** The house's address, or the building's when only the building is known. */
    address: text('address').notNull().default(''),
    source: text('source', { enum: ['inspection', 'access'] }).notNull(),
    inspectionId: uuid('inspection_id'),
    /** open → done (the person got registered here) or dismissed (not living here; with the reason). */
    status: text('status', { enum: ['open', 'done', 'dismissed'] }).notNull().default('open'),
    outcome: text('outcome'),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('insp_registration_tasks_queue_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status),
    // One open task per person seen at a building's door.
    uniqueIndex('insp_registration_tasks_door_key').on(t.buildingId, t.idNumber).where(sql`status = 'open' and source = 'access'`),
  ],
);
export const registrationTaskActions = workflowActionsTable('insp_registration_task_actions', 'taskId', 'task_id', () => registrationTasks.id);

/**
 * Hazards found and closed per jurisdiction (the house's own division) and month — found in the month of `found_on`,
 * closed in the month of `closed_on` with the days it took — kept by statement triggers on insp_hazards.
 */
export const hazardMonths = pgTable(
  'insp_hazard_months',
  {
    divisionCode: text('division_code').notNull(),
    month: text('month').notNull(),
    found: integer('found').notNull(),
    closed: integer('closed').notNull(),
    closeDays: integer('close_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.month] })],
);

/** Hazards per jurisdiction and status, kept by statement triggers on insp_hazards. */
export const hazardTallies = pgTable(
  'insp_hazard_tallies',
  {
    divisionCode: text('division_code').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.status] })],
);

/**
 * Rental houses per jurisdiction by inspection coverage and grade, counted each morning by the daily job (coverage is
 * a matter of the date: a house falls overdue without any write): covered = inspected and not yet due again.
 */
export const coverage = pgTable('insp_coverage', {
  divisionCode: text('division_code').primaryKey(),
  houses: integer('houses').notNull(),
  covered: integer('covered').notNull(),
  overdue: integer('overdue').notNull(),
  high: integer('high').notNull(),
  medium: integer('medium').notNull(),
  low: integer('low').notNull(),
  ungraded: integer('ungraded').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
});
