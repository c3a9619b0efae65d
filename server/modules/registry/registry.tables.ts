import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowActionsTable } from '../../platform/db/workflow-actions';

/** A building (栋) of the standard address library, in a community (and a grid when one is known). */
export const buildings = pgTable(
  'reg_buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    divisionCode: text('division_code').notNull(),
    address: text('address').notNull(),
    status: text('status', { enum: ['active', 'retired', 'merged'] }).notNull().default('active'),
    mergedInto: uuid('merged_into'),
    lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reg_buildings_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
    index('reg_buildings_address_trgm_idx').using('gin', t.address.op('gin_trgm_ops')),
    uniqueIndex('reg_buildings_address_active_key').on(t.address).where(sql`status = 'active'`),
  ],
);

/** A house: one unit (套/间) of a building, with what it is used for, who owns it and who lets it. */
export const houses = pgTable(
  'reg_houses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildingId: uuid('building_id').notNull().references(() => buildings.id),
    unit: text('unit').notNull(),
    divisionCode: text('division_code').notNull(),
    use: text('use', { enum: ['self_occupied', 'rental', 'dormitory', 'commercial'] }).notNull(),
    areaM2: numeric('area_m2', { precision: 8, scale: 2, mode: 'number' }),
    rooms: integer('rooms'),
    ownerPersonId: uuid('owner_person_id'),
    ownerOrganisation: text('owner_organisation'),
    landlordPersonId: uuid('landlord_person_id'),
    agentName: text('agent_name'),
    managementCompany: text('management_company'),
    qrVersion: integer('qr_version').notNull().default(1),
    status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reg_houses_building_unit_key').on(t.buildingId, t.unit),
    index('reg_houses_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
    index('reg_houses_landlord_idx').on(t.landlordPersonId),
  ],
);

/** A person, one row per citizen ID number. `division_code` is where they live now, or where they were registered. */
export const persons = pgTable(
  'reg_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idNumber: text('id_number').notNull().unique(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    originCode: text('origin_code').notNull(),
    phone: text('phone'),
    education: text('education'),
    employer: text('employer'),
    divisionCode: text('division_code').notNull(),
    spouseId: uuid('spouse_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reg_persons_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
    // Byte order ("C"): a name prefix is a range of it, and the list's order (name, id) walks it. The division
    // rides along so that a jurisdiction's matches are told from the index alone, without reading each row.
    index('reg_persons_name_c_division_idx').on(sql`${t.name} collate "C"`, t.id, t.divisionCode),
    index('reg_persons_phone_idx').on(t.phone),
    index('reg_persons_name_birth_idx').on(t.name, t.birthDate),
  ],
);

/** A child of a person (both registered): family links beside the spouse. */
export const personChildren = pgTable(
  'reg_person_children',
  {
    parentId: uuid('parent_id').notNull().references(() => persons.id),
    childId: uuid('child_id').notNull().references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reg_person_children_key').on(t.parentId, t.childId), index('reg_person_children_child_idx').on(t.childId)],
);

/** Residence registration over time: one row per stay, from arrival (人来登记) to leaving (人走注销). */
export const residences = pgTable(
  'reg_residences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => persons.id),
    houseId: uuid('house_id').notNull().references(() => houses.id),
    divisionCode: text('division_code').notNull(),
    relation: text('relation', { enum: ['tenant', 'dormitory', 'relative', 'owner', 'employer_provided'] }).notNull(),
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    status: text('status', { enum: ['active', 'ended'] }).notNull().default('active'),
    channel: text('channel', { enum: ['console', 'door_to_door', 'self_declared', 'import'] }).notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    deadlineOn: date('deadline_on', { mode: 'string' }).notNull(),
    late: integer('late_workdays').notNull().default(0),
    declaredBy: uuid('declared_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reg_residences_one_active_key').on(t.personId).where(sql`status = 'active'`),
    index('reg_residences_person_idx').on(t.personId, t.arrivedOn),
    index('reg_residences_house_idx').on(t.houseId, t.status),
    index('reg_residences_division_idx').using('btree', t.divisionCode.op('text_pattern_ops')),
  ],
);

/** Every status change of a residence (arrive, update, leave), append-only, with the caller's idempotency key. */
export const residenceActions = workflowActionsTable('reg_residence_actions', 'residenceId', 'residence_id', () => residences.id);

/** Keys the registry signs with (house QR codes); created on first use, kept in the database. */
export const registryKeys = pgTable('reg_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A self-declaration (扫码申报) made by a resident or landlord after scanning a house's QR code. It names the
 * person by ID number and name and becomes a residence when staff confirm it (or at once, when the policy allows).
 */
export const declarations = pgTable(
  'reg_declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    houseId: uuid('house_id').notNull().references(() => houses.id),
    divisionCode: text('division_code').notNull(),
    kind: text('kind', { enum: ['arrive', 'leave'] }).notNull(),
    status: text('status', { enum: ['submitted', 'confirmed', 'rejected', 'withdrawn'] }).notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone'),
    relation: text('relation', { enum: ['tenant', 'dormitory', 'relative', 'owner', 'employer_provided'] }),
    date: date('date', { mode: 'string' }).notNull(),
    declarant: text('declarant', { enum: ['self', 'landlord'] }).notNull(),
    declarantUserId: uuid('declarant_user_id').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    reviewNote: text('review_note'),
    rejectReason: text('reject_reason'),
    residenceId: uuid('residence_id').references(() => residences.id),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    transactionId: uuid('transaction_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reg_declarations_tx_key').on(t.declarantUserId, t.transactionId),
    uniqueIndex('reg_declarations_open_key').on(t.houseId, t.idNumber, t.kind).where(sql`status = 'submitted'`),
    index('reg_declarations_division_idx').using('btree', t.divisionCode.op('text_pattern_ops'), t.status),
    index('reg_declarations_user_idx').on(t.declarantUserId, t.createdAt),
  ],
);

/** Every status change of a declaration, append-only, with the caller's idempotency key. */
export const declarationActions = workflowActionsTable('reg_declaration_actions', 'declarationId', 'declaration_id', () => declarations.id);

/** A bulk upload of persons with their registrations (CSV or XLSX), worked through in batches that each commit with their checkpoint. */
export const imports = pgTable(
  'reg_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    path: text('path').notNull(),
    /** Which column of the file holds each field, read from its header row. */
    columns: text('columns').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    totalRows: integer('total_rows'),
    rowsDone: integer('rows_done').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    error: text('error'),
    /** The uploader's jurisdiction: rows may only name houses inside it. */
    scopeRoot: text('scope_root').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('reg_imports_scope_idx').using('btree', t.scopeRoot.op('text_pattern_ops'), t.createdAt), index('reg_imports_sha_idx').on(t.sha256)],
);

/** The rows of an import that were not taken, with the reason: the downloadable rejects file. */
export const importRejects = pgTable(
  'reg_import_rejects',
  {
    importId: uuid('import_id').notNull().references(() => imports.id),
    rowNo: integer('row_no').notNull(),
    cells: text('cells').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('reg_import_rejects_key').on(t.importId, t.rowNo)],
);
