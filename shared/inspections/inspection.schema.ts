import { z } from 'zod';
import { Phone } from '../kernel/phone';
import { DEPARTMENTS } from '../permissions';
import { Name } from '../registry/registry.schema';
import { ITEM_CATEGORIES } from './checklist';
import { RISKS } from './grading';
import { HAZARD_STATUSES, INSPECTION_KINDS, INSPECTION_STATUSES, REGISTRATION_TASK_STATUSES } from './inspection.workflow';

export const IdParam = z.strictObject({ id: z.uuid() });
export const FileParams = z.strictObject({ id: z.uuid(), fileId: z.uuid() });
const Text = z.object({ zh: z.string(), en: z.string() });
export const HistoryEntry = z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), by: z.string().nullable(), details: z.string().nullable() });

export const ChecklistItemView = z.object({
  code: z.string(), category: z.enum(ITEM_CATEGORIES), label: Text, weight: z.number(), serious: z.boolean(), department: z.enum(DEPARTMENTS), active: z.boolean(), sort: z.number(),
});
export type ChecklistItemView = z.infer<typeof ChecklistItemView>;
export const ChecklistView = z.object({ items: z.array(ChecklistItemView) });
export const ChecklistItemInput = z.strictObject({
  label: z.strictObject({ zh: z.string().trim().min(2).max(80), en: z.string().trim().min(2).max(120) }).optional(),
  weight: z.number().int().min(0).max(100).optional(),
  serious: z.boolean().optional(),
  department: z.enum(DEPARTMENTS).optional(),
  active: z.boolean().optional(),
});
export type ChecklistItemInput = z.infer<typeof ChecklistItemInput>;
export const CodeParam = z.strictObject({ code: z.string().regex(/^[a-z_]{2,40}$/) });

export const GradeView = z.object({
  score: z.number(), stars: z.number(), risk: z.enum(RISKS), gradedOn: z.string(),
  lost: z.record(z.enum(ITEM_CATEGORIES), z.number()),
  improve: z.array(z.object({ code: z.string(), label: Text, points: z.number() })),
});
export type GradeView = z.infer<typeof GradeView>;

export const ItemResultView = z.object({ code: z.string(), label: Text, passed: z.boolean(), note: z.string().nullable(), photos: z.array(z.string()) });
export const OccupantView = z.object({ personId: z.string().nullable(), name: z.string(), idNumber: z.string().nullable(), registered: z.boolean() });

export const InspectionSummary = z.object({
  id: z.string(), houseId: z.string(), address: z.string(), divisionCode: z.string(), kind: z.enum(INSPECTION_KINDS), status: z.enum(INSPECTION_STATUSES),
  dueOn: z.string(), overdue: z.boolean(), doneOn: z.string().nullable(), inspector: z.string().nullable(), failed: z.number(),
  /** Hazards open at the house, for a re-inspection to look at. */
  openHazards: z.number(),
});
export type InspectionSummary = z.infer<typeof InspectionSummary>;

export const InspectionView = InspectionSummary.extend({
  results: z.array(ItemResultView),
  occupants: z.array(OccupantView),
  notes: z.string().nullable(),
  /** The checklist to answer (a planned inspection) — every active item, in order. */
  checklist: z.array(ChecklistItemView),
  /** Who lives there by the registry, to confirm (a planned inspection). */
  registered: z.array(z.object({ personId: z.string(), name: z.string(), idNumber: z.string() })),
  hazards: z.array(z.lazy(() => HazardSummary)),
  history: z.array(HistoryEntry),
  actions: z.array(z.string()),
});
export type InspectionView = z.infer<typeof InspectionView>;

export const InspectionListQuery = z.strictObject({
  status: z.enum(INSPECTION_STATUSES).optional(),
  /** Planned ones due on or before this many days from today (a worker's list); default 7. */
  withinDays: z.coerce.number().int().min(0).max(366).optional(),
  houseId: z.uuid().optional(),
  /** A day of the calendar: those planned for it (or done on it, with status=done). */
  on: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;
export const InspectionPage = z.object({ items: z.array(InspectionSummary), total: z.number(), overdue: z.number(), page: z.number(), pageSize: z.number() });

/** What a grid worker sends from the phone: every active item answered; occupants confirmed; retried sends are recorded once. */
export const InspectionSubmitInput = z.strictObject({
  results: z.array(z.strictObject({ code: z.string().min(1).max(40), passed: z.boolean(), note: z.string().trim().max(500).optional(), photos: z.array(z.uuid()).max(9).default([]) })).min(1).max(60),
  occupants: z.strictObject({
    confirmed: z.array(z.uuid()).max(200).default([]),
    unregistered: z.array(z.strictObject({ name: Name, idNumber: z.string().trim().max(18).optional(), phone: Phone.optional() })).max(100).default([]),
  }).default({ confirmed: [], unregistered: [] }),
  notes: z.string().trim().max(1000).optional(),
  transactionId: z.uuid(),
});
export type InspectionSubmitInput = z.infer<typeof InspectionSubmitInput>;

/** Cancelling a one-off inspection (a campaign's or a flag's) that is no longer needed, with the reason. */
export const InspectionCancelInput = z.strictObject({ reason: z.string().trim().min(2).max(500), transactionId: z.uuid() });
export type InspectionCancelInput = z.infer<typeof InspectionCancelInput>;

export const CampaignInput = z.strictObject({
  name: z.string().trim().min(2).max(60),
  /** The area: every rental house under this division (in the caller's jurisdiction). */
  divisionCode: z.string().regex(/^\d{4,15}$/),
  dueOn: z.iso.date(),
  transactionId: z.uuid(),
});
export type CampaignInput = z.infer<typeof CampaignInput>;
export const CampaignView = z.object({ id: z.string(), name: z.string(), divisionCode: z.string(), dueOn: z.string(), planned: z.number() });
export const CampaignListQuery = z.strictObject({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) });
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
/** A campaign over (part of) the caller's jurisdiction, with the progress of its inspections there. */
export const CampaignSummary = z.object({
  id: z.string(), name: z.string(), division: z.object({ code: z.string(), name: z.string() }), dueOn: z.string(), createdAt: z.string(),
  inspections: z.number(), done: z.number(), cancelled: z.number(), open: z.number(), overdue: z.number(), failedItems: z.number(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;
export const CampaignPage = z.object({ items: z.array(CampaignSummary), total: z.number(), page: z.number(), pageSize: z.number() });
export type CampaignPage = z.infer<typeof CampaignPage>;

export const HazardSummary = z.object({
  id: z.string(), houseId: z.string(), address: z.string(), divisionCode: z.string(), itemCode: z.string(), label: Text, serious: z.boolean(),
  status: z.enum(HAZARD_STATUSES), deadlineOn: z.string(), overdue: z.boolean(), department: z.enum(DEPARTMENTS), foundOn: z.string(), closedOn: z.string().nullable(),
});
export type HazardSummary = z.infer<typeof HazardSummary>;
export const HazardView = HazardSummary.extend({
  note: z.string().nullable(), photos: z.array(z.string()), fixNote: z.string().nullable(), fixPhotos: z.array(z.string()), outcome: z.string().nullable(),
  history: z.array(HistoryEntry), actions: z.array(z.string()),
});
export type HazardView = z.infer<typeof HazardView>;
export const HazardListQuery = z.strictObject({
  status: z.enum(HAZARD_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  houseId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type HazardListQuery = z.infer<typeof HazardListQuery>;
export const HazardPage = z.object({ items: z.array(HazardSummary), total: z.number(), counts: z.record(z.string(), z.number()), page: z.number(), pageSize: z.number() });

export const HazardActionInput = z.strictObject({
  action: z.enum(['report_fixed', 'refer', 'handle']),
  note: z.string().trim().min(2).max(1000).optional(),
  photos: z.array(z.uuid()).max(9).default([]),
  transactionId: z.uuid(),
});
export type HazardActionInput = z.infer<typeof HazardActionInput>;

export const HouseInspectionsView = z.object({
  houseId: z.string(), address: z.string(), grade: GradeView.nullable(), nextDueOn: z.string().nullable(),
  grades: z.array(z.object({ score: z.number(), stars: z.number(), risk: z.enum(RISKS), gradedOn: z.string() })),
  inspections: z.array(InspectionSummary), hazards: z.array(HazardSummary),
});
export type HouseInspectionsView = z.infer<typeof HouseInspectionsView>;

/** A landlord's houses in the portal: grade, what would raise it, and the hazards with their deadlines. */
export const MyHousesView = z.object({
  items: z.array(z.object({ houseId: z.string(), address: z.string(), grade: GradeView.nullable(), hazards: z.array(HazardSummary) })),
});
export type MyHousesView = z.infer<typeof MyHousesView>;
export type InspectionPage = z.infer<typeof InspectionPage>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' });

/** The inspection calendar: per day of a month, inspections planned (and of those, overdue), done and cancelled. */
export const CalendarQuery = z.strictObject({ month: Month });
export const CalendarView = z.object({
  month: z.string(),
  days: z.array(z.object({ date: z.string(), planned: z.number(), overdue: z.number(), done: z.number(), cancelled: z.number() })),
});
export type CalendarView = z.infer<typeof CalendarView>;

const Counts = z.object({
  houses: z.number(), covered: z.number(), overdue: z.number(), high: z.number(), medium: z.number(), low: z.number(), ungraded: z.number(),
  found: z.number(), closed: z.number(), avgCloseDays: z.number().nullable(), open: z.number(), referred: z.number(),
});
/** Statistics per jurisdiction: each child division of the caller's (or the one asked for), and the whole. */
export const InspectionStatsQuery = z.strictObject({ division: z.string().regex(/^\d{4,15}$/).optional(), from: Month.optional(), to: Month.optional() });
export type InspectionStatsQuery = z.infer<typeof InspectionStatsQuery>;
export const InspectionStatsView = z.object({
  asOf: z.string().nullable(), from: z.string(), to: z.string(), division: z.object({ code: z.string(), name: z.string() }),
  rows: z.array(Counts.extend({ code: z.string(), name: z.string() })),
  total: Counts,
  months: z.array(z.object({ month: z.string(), found: z.number(), closed: z.number() })),
});
export type InspectionStatsView = z.infer<typeof InspectionStatsView>;

/** Grids (网格) in the jurisdiction with their community, buildings, rental houses, coverage, hazards and workers. */
export const GridsQuery = z.strictObject({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(100) });
export const GridsView = z.object({
  asOf: z.string().nullable(), total: z.number(), page: z.number(), pageSize: z.number(),
  items: z.array(z.object({
    code: z.string(), name: z.string(), community: z.object({ code: z.string(), name: z.string() }),
    buildings: z.number(), houses: z.number(), covered: z.number(), overdue: z.number(), high: z.number(), openHazards: z.number(),
    workers: z.array(z.object({ id: z.string(), name: z.string() })),
  })),
});
export type GridsView = z.infer<typeof GridsView>;

export const RegistrationTaskQuery = z.strictObject({
  status: z.enum(REGISTRATION_TASK_STATUSES).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type RegistrationTaskQuery = z.infer<typeof RegistrationTaskQuery>;
export const RegistrationTaskView = z.object({
  id: z.string(), name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable(), address: z.string(), divisionCode: z.string(),
  houseId: z.string().nullable(), buildingId: z.string().nullable(), source: z.enum(['inspection', 'access']), status: z.enum(REGISTRATION_TASK_STATUSES),
  outcome: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable(), actions: z.array(z.string()),
});
export type RegistrationTaskView = z.infer<typeof RegistrationTaskView>;
export const RegistrationTaskPage = z.object({ items: z.array(RegistrationTaskView), total: z.number(), counts: z.record(z.string(), z.number()), page: z.number(), pageSize: z.number() });
export type RegistrationTaskPage = z.infer<typeof RegistrationTaskPage>;
export const RegistrationTaskActionInput = z.strictObject({
  action: z.enum(['done', 'dismiss']),
  reason: z.string().trim().min(2).max(500).optional(),
  transactionId: z.uuid(),
});
export type RegistrationTaskActionInput = z.infer<typeof RegistrationTaskActionInput>;
