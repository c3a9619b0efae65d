import { z } from 'zod';
import { DEPARTMENTS } from '../permissions';
import { IsoDate, Name } from '../registry/registry.schema';
import { POINTS_APPLICATION_STATUSES, ROUND_STATUSES } from './application.workflow';
import { PackSummary, ScoreView } from './points.schema';

const Text = z.object({ zh: z.string(), en: z.string() });
const IdNumber = z.string().trim().min(15).max(18);

// ── rounds ───────────────────────────────────────────────────────────────────

export const RoundInput = z.strictObject({
  name: z.string().trim().min(2).max(60),
  year: z.number().int().min(2000).max(2100),
  /** A published pack version. */
  packId: z.uuid(),
  quota: z.number().int().min(1).max(1_000_000),
  opensOn: IsoDate,
  closesOn: IsoDate,
  materialsCutoff: IsoDate,
  innovationFrom: IsoDate.optional(),
  innovationTo: IsoDate.optional(),
  taxFrom: IsoDate.optional(),
  taxTo: IsoDate.optional(),
  /** Born on or after this date (the age cut-off); computed from the pack when absent. */
  bornOnOrAfter: IsoDate.optional(),
  tieAtCut: z.enum(['admit_all', 'admit_none']).optional(),
  transactionId: z.uuid(),
});
export type RoundInput = z.infer<typeof RoundInput>;

export const RoundView = z.object({
  id: z.string(), name: z.string(), year: z.number(), status: z.enum(ROUND_STATUSES), pack: PackSummary, quota: z.number(),
  opensOn: z.string(), closesOn: z.string(), materialsCutoff: z.string(), innovationFrom: z.string().nullable(), innovationTo: z.string().nullable(),
  taxFrom: z.string().nullable(), taxTo: z.string().nullable(), bornOnOrAfter: z.string().nullable(), tieAtCut: z.enum(['admit_all', 'admit_none']),
  rankedAt: z.string().nullable(), publishedFrom: z.string().nullable(), publishedUntil: z.string().nullable(),
  /** The shortlisting notices (null before there were any to send): applicants to tell, told, and whether the notice job has finished. */
  notices: z.object({ total: z.number(), sent: z.number(), done: z.boolean() }).nullable(),
  /** Whether applications are accepted today. */
  accepting: z.boolean(),
  counts: z.record(z.string(), z.number()),
  actions: z.array(z.string()),
});
export type RoundView = z.infer<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) });
export const RoundActionInput = z.strictObject({ action: z.enum(['close', 'rank', 'shortlist', 'publish', 'finalize']), transactionId: z.uuid() });
export type RoundActionInput = z.infer<typeof RoundActionInput>;

/** One line of a round's ranking, as staff see it. */
export const RankingLine = z.object({
  position: z.number(), rank: z.number(), tieSize: z.number(), admitted: z.boolean(),
  applicationId: z.string(), number: z.string(), name: z.string(), idNumber: z.string(), status: z.enum(POINTS_APPLICATION_STATUSES),
  rankingScore: z.number(), total: z.number(), tieBreakValues: z.array(z.number().nullable()), verifyDue: z.string().nullable(), cardNumber: z.string().nullable(),
});
export const RankingQuery = z.strictObject({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50), admitted: z.enum(['true', 'false']).optional() });
export type RankingQuery = z.infer<typeof RankingQuery>;
export const RankingPage = z.object({ round: RoundView, items: z.array(RankingLine), total: z.number(), page: z.number(), pageSize: z.number(), ranked: z.number(), admitted: z.number(), cutRank: z.number().nullable(), straddling: z.number() });

/** What the public publication page (公示) shows: masked names, ranks and scores, and the period. */
export const PublicList = z.object({
  round: z.object({ id: z.string(), name: z.string(), year: z.number(), quota: z.number(), publishedFrom: z.string().nullable(), publishedUntil: z.string().nullable(), status: z.enum(ROUND_STATUSES), objectionsOpen: z.boolean() }),
  items: z.array(z.object({ number: z.string(), name: z.string(), rank: z.number(), rankingScore: z.number(), total: z.number(), status: z.enum(['listed', 'final', 'card_issued']) })),
  total: z.number(), page: z.number(), pageSize: z.number(),
});
/** An application number as printed on the receipt and the list: JF, the year and a 6-digit sequence. */
export const APPLICATION_NUMBER = /^JF\d{10}$/;
const ApplicationNumber = z.string().trim().toUpperCase().regex(APPLICATION_NUMBER, { message: 'errors:POINTS_NUMBER_INVALID' });
export const PublicListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Only this application's line (an applicant finding themselves on a long list). */
  number: ApplicationNumber.optional(),
});
export type PublicListQuery = z.infer<typeof PublicListQuery>;

export const ObjectionInput = z.strictObject({
  number: ApplicationNumber,
  text: z.string().trim().min(10).max(2000),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().regex(/^1\d{10}$/).optional(),
  transactionId: z.uuid(),
});
export type ObjectionInput = z.infer<typeof ObjectionInput>;
export const ObjectionReceipt = z.object({ id: z.string(), filedOn: z.string(), number: z.string() });
export const ObjectionView = z.object({
  id: z.string(), roundId: z.string(), applicationId: z.string(), applicationNumber: z.string(), applicantName: z.string(), status: z.enum(['open', 'upheld', 'dismissed']),
  text: z.string(), contactName: z.string().nullable(), contactPhone: z.string().nullable(), answer: z.string().nullable(), answeredOn: z.string().nullable(), filedOn: z.string(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;
export const ObjectionList = z.object({ items: z.array(ObjectionView) });
export const ObjectionActionInput = z.strictObject({
  action: z.enum(['uphold', 'dismiss']),
  answer: z.string().trim().min(5).max(2000),
  /** When upheld: cancel the application (false material), or correct facts of it. */
  cancel: z.boolean().optional(),
  corrections: z.record(z.string(), z.unknown()).optional(),
  transactionId: z.uuid(),
});
export type ObjectionActionInput = z.infer<typeof ObjectionActionInput>;
export const ApplicationStaffActionInput = z.strictObject({ action: z.enum(['verify', 'abandon', 'cancel']), reason: z.string().trim().min(2).max(300).optional(), transactionId: z.uuid() });
export type ApplicationStaffActionInput = z.infer<typeof ApplicationStaffActionInput>;

// ── department data ──────────────────────────────────────────────────────────

export const DepartmentRow = z.strictObject({ idNumber: IdNumber, fact: z.string().trim().min(1).max(60), value: z.union([z.number(), z.boolean(), z.string()]), asOf: IsoDate });
/** Rows a department loads: as JSON rows, or as CSV text with the header `id_number,fact,value,as_of`. */
export const DepartmentDataInput = z.strictObject({ rows: z.array(DepartmentRow).max(50_000).optional(), csv: z.string().max(20_000_000).optional() });
export type DepartmentDataInput = z.infer<typeof DepartmentDataInput>;
export const DepartmentDataResult = z.object({ department: z.string(), loaded: z.number(), batchId: z.string() });

// ── applications ─────────────────────────────────────────────────────────────

export const FactAnswer = z.strictObject({ value: z.unknown().optional(), evidence: z.array(z.uuid()).max(10).optional() });

/** The one form (一表申请): who (as registered), the round, every declared fact with its proof, and the pledge. */
export const PointsApplicationInput = z.strictObject({
  roundId: z.uuid(),
  name: Name,
  idNumber: IdNumber,
  facts: z.record(z.string(), FactAnswer),
  /** The online pledge (网上承诺制): what is declared is true; false statements cancel the application. */
  pledge: z.literal(true),
  transactionId: z.uuid(),
});
export type PointsApplicationInput = z.infer<typeof PointsApplicationInput>;

export const PrefillQuery = z.strictObject({ roundId: z.uuid(), name: Name, idNumber: IdNumber });
export type PrefillQuery = z.infer<typeof PrefillQuery>;

export const KnownFact = z.object({ value: z.unknown(), source: z.enum(['registry', 'permits', 'department', 'declared']), verified: z.boolean() });
export const PrefillView = z.object({ round: RoundView, body: z.record(z.string(), z.unknown()), known: z.record(z.string(), KnownFact) });
export type PrefillView = z.infer<typeof PrefillView>;

export const StoredFactView = z.object({
  value: z.unknown(), source: z.enum(['registry', 'permits', 'department', 'declared']), verified: z.boolean(), evidence: z.array(z.string()),
  corrected: z.object({ from: z.unknown(), reason: z.string(), by: z.string() }).optional(),
});

export const TaskView = z.object({
  id: z.string(), department: z.enum(DEPARTMENTS), kind: z.enum(['review', 'deduction']), status: z.enum(['open', 'deferred', 'returned', 'done']),
  facts: z.array(z.string()),
  results: z.record(z.string(), z.object({ outcome: z.enum(['confirmed', 'corrected', 'returned']), value: z.unknown().optional(), reason: z.string().optional() })),
  dueOn: z.string(), daysLeft: z.number(), overdue: z.boolean(), reviewer: z.string().nullable(), doneOn: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

export const PointsApplicationSummary = z.object({
  id: z.string(), number: z.string(), roundId: z.string(), roundName: z.string(), name: z.string(), idNumber: z.string(), divisionCode: z.string(),
  status: z.enum(POINTS_APPLICATION_STATUSES), total: z.number(), rankingScore: z.number(), eligible: z.boolean(),
  submittedOn: z.string(), dueOn: z.string(), daysLeft: z.number(), overdue: z.boolean(), reviewedOn: z.string().nullable(),
  tasks: z.object({ total: z.number(), done: z.number() }),
});
export type PointsApplicationSummary = z.infer<typeof PointsApplicationSummary>;

export const PointsApplicationView = PointsApplicationSummary.extend({
  phone: z.string().nullable(),
  facts: z.record(z.string(), StoredFactView),
  body: z.record(z.string(), z.unknown()),
  score: ScoreView,
  tasks: z.array(TaskView),
  history: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), actor: z.string().nullable(), details: z.string().nullable() })),
  /** What a returned application must fix: each fact and why. */
  returned: z.array(z.object({ fact: z.string(), label: Text, reason: z.string(), department: z.string() })),
  ranking: z.object({ position: z.number(), rank: z.number(), tieSize: z.number(), admitted: z.boolean() }).nullable(),
  verifyDue: z.string().nullable(),
  cardNumber: z.string().nullable(),
  cancelReason: z.string().nullable(),
  actions: z.array(z.string()),
});
export type PointsApplicationView = z.infer<typeof PointsApplicationView>;

export const PointsApplicationListQuery = z.strictObject({
  roundId: z.uuid().optional(),
  status: z.enum(POINTS_APPLICATION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PointsApplicationListQuery = z.infer<typeof PointsApplicationListQuery>;
export const PointsApplicationPage = z.object({ items: z.array(PointsApplicationSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const PointsApplicationActionInput = z.strictObject({
  action: z.enum(['withdraw', 'resubmit']),
  /** For resubmit: the corrected answers of the returned facts. */
  facts: z.record(z.string(), FactAnswer).optional(),
  transactionId: z.uuid(),
});
export type PointsApplicationActionInput = z.infer<typeof PointsApplicationActionInput>;

export const TaskListQuery = z.strictObject({
  status: z.enum(['open', 'deferred', 'returned', 'done']).optional(),
  /** Supervisors see every department; reviewers their own. */
  department: z.enum(DEPARTMENTS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** An application number. */
  q: z.string().trim().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export const TaskQueueItem = TaskView.extend({ applicationId: z.string(), applicationNumber: z.string(), name: z.string(), divisionCode: z.string() });
export const TaskPage = z.object({ items: z.array(TaskQueueItem), total: z.number(), page: z.number(), pageSize: z.number(), overdue: z.number() });

export const TaskResult = z.strictObject({ outcome: z.enum(['confirmed', 'corrected', 'returned']), value: z.unknown().optional(), reason: z.string().trim().min(2).max(300).optional() });
export const TaskActionInput = z.strictObject({
  action: z.enum(['complete', 'start']),
  /** For complete: one result per fact of the task. */
  results: z.record(z.string(), TaskResult).optional(),
  transactionId: z.uuid(),
});
export type TaskActionInput = z.infer<typeof TaskActionInput>;

/**
 * Statistics for the caller's jurisdiction, from the maintained tallies: applications per round by status, the
 * quota used, and each department's review work against its 20-working-day deadline (SLA).
 */
export const PointsStats = z.object({
  rounds: z.array(z.object({
    id: z.string(), name: z.string(), year: z.number(), status: z.enum(ROUND_STATUSES), quota: z.number(),
    counts: z.record(z.string(), z.number()),
    total: z.number(),
    /** In review past the due date, now. */
    overdue: z.number(),
    /** Places taken in the jurisdiction: shortlisted, verified and entry cards issued (the quota is city-wide). */
    placesTaken: z.number(),
    cardsIssued: z.number(),
  })),
  departments: z.array(z.object({
    department: z.string(),
    open: z.number(), deferred: z.number(), returned: z.number(), doneOnTime: z.number(), doneLate: z.number(),
    /** Open past the due date, now. */
    overdue: z.number(),
    /** Share of finished tasks finished by their due date (null before any is finished). */
    onTimeRate: z.number().nullable(),
  })),
});
export type PointsStats = z.infer<typeof PointsStats>;
