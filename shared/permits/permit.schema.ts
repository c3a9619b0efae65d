import { z } from 'zod';
import { PageQuery, pageOf } from '../kernel/paging';
import { Phone } from '../kernel/phone';
import { OrderView } from '../payments/payments.schema';
import { IsoDate, Name } from '../registry/registry.schema';
import { applicationWorkflow, permitWorkflow } from './permit.workflow';

/** The condition besides half a year of residence (居住证暂行条例 第二条): one of these three. */
export const BASES = ['employment', 'residence', 'study'] as const;
export type Basis = (typeof BASES)[number];

/** The materials an application may carry (第九条): always a photo and the ID card; the proof of its basis; a proxy's ID and relation. */
export const EVIDENCE_KINDS = ['photo', 'id_card', 'employment_proof', 'residence_proof', 'study_proof', 'proxy_id', 'proxy_relation'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Who may apply for someone else (第九条): guardians of under-16s, close relatives of elderly or disabled people. */
export const PROXY_RELATIONS = ['guardian', 'relative'] as const;
export const PROXY_REASONS = ['under_16', 'elderly', 'disabled'] as const;

/** What each basis needs as proof, and what every application needs. */
export function requiredEvidence(basis: Basis, proxy: boolean): EvidenceKind[] {
  const proof = ({ employment: 'employment_proof', residence: 'residence_proof', study: 'study_proof' } as const)[basis];
  return ['photo', 'id_card', proof, ...(proxy ? (['proxy_id', 'proxy_relation'] as const) : [])];
}

export const APPLICATION_STATUSES = applicationWorkflow.statuses.filter((s): s is Exclude<typeof s, 'new'> => s !== 'new');
export const PERMIT_STATUSES = permitWorkflow.statuses.filter((s): s is Exclude<typeof s, 'new'> => s !== 'new');

export const Evidence = z.strictObject({ kind: z.enum(EVIDENCE_KINDS), fileId: z.uuid() });

export const Proxy = z.strictObject({
  name: Name,
  idNumber: z.string().trim().min(15).max(18),
  relation: z.enum(PROXY_RELATIONS),
  reason: z.enum(PROXY_REASONS),
});

/** An application: whose (ID number and name, as registered), on which basis, with which materials. */
export const ApplicationInput = z.strictObject({
  name: Name,
  idNumber: z.string().trim().min(15).max(18),
  phone: Phone.optional(),
  basis: z.enum(BASES),
  /** The employer, school or kind of tenancy the proof shows. */
  basisDetail: z.string().trim().min(2).max(100),
  evidence: z.array(Evidence).max(20),
  proxy: Proxy.optional(),
  transactionId: z.uuid(),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

/** Who is asking about eligibility: ID number and name as registered. */
export const EligibilityQuery = z.strictObject({ idNumber: z.string().trim().min(15).max(18), name: Name });
export type EligibilityQuery = z.infer<typeof EligibilityQuery>;

export const EligibilityView = z.object({
  /** Whether this ID number and name are registered as living in the city now. */
  registered: z.boolean(),
  address: z.string().nullable(),
  /** The start of the unbroken registration (moves inside the city with short gaps included). */
  registeredSince: z.string().nullable(),
  /** The first day an application may be made. */
  eligibleFrom: z.string().nullable(),
  eligibleNow: z.boolean(),
  /** The months of residence the rule asks for, and the gap a move may leave. */
  minMonths: z.number().int(),
  gapDays: z.number().int(),
  /** Why an application cannot be made now (error codes with their messages), all at once. */
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  /** A permit or an open application the person already has. */
  permitNumber: z.string().nullable(),
  openApplication: z.string().nullable(),
});
export type EligibilityView = z.infer<typeof EligibilityView>;

export const ApplicationActionInput = z.strictObject({
  action: z.enum(['accept', 'return', 'refuse', 'issue', 'withdraw', 'resubmit']),
  transactionId: z.uuid(),
  /** For `return`: everything missing, in one notice (一次性告知). */
  missing: z.array(z.enum(EVIDENCE_KINDS)).max(EVIDENCE_KINDS.length).optional(),
  /** For `return` and `refuse`: the reason in words. */
  note: z.string().trim().min(2).max(500).optional(),
  /** For `resubmit`: the materials again, with what was missing added. */
  evidence: z.array(Evidence).max(20).optional(),
});
export type ApplicationActionInput = z.infer<typeof ApplicationActionInput>;

export const HistoryEntry = z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), by: z.string().nullable(), details: z.string().nullable() });

export const EvidenceView = z.object({ kind: z.enum(EVIDENCE_KINDS), fileId: z.string(), name: z.string(), mime: z.string(), sizeBytes: z.number().int() });

export const ApplicationView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  channel: z.enum(['portal', 'counter']),
  personId: z.string().nullable(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  divisionPath: z.array(z.string()),
  basis: z.enum(BASES),
  basisDetail: z.string(),
  proxy: z.object({ name: z.string(), idNumber: z.string(), relation: z.enum(PROXY_RELATIONS), reason: z.enum(PROXY_REASONS) }).nullable(),
  registeredSince: z.string(),
  eligibleFrom: z.string(),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  /** The last day to issue (acceptance + the issue deadline), days left (negative when overdue). */
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  missing: z.array(z.enum(EVIDENCE_KINDS)),
  note: z.string().nullable(),
  evidence: z.array(EvidenceView),
  permitId: z.string().nullable(),
  permitNumber: z.string().nullable(),
  history: z.array(HistoryEntry),
  actions: z.array(z.string()),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ApplicationListItem = ApplicationView.omit({ evidence: true, history: true, proxy: true });
export type ApplicationListItem = z.infer<typeof ApplicationListItem>;

export const ApplicationListQuery = PageQuery.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;
export const ApplicationPage = pageOf(ApplicationListItem);
export type ApplicationPage = z.infer<typeof ApplicationPage>;

// ── replacement of a lost or damaged card ─────────────────────────────────────

export const ReplacementInput = z.strictObject({ reason: z.enum(['lost', 'damaged']), transactionId: z.uuid() });
export type ReplacementInput = z.infer<typeof ReplacementInput>;
export const ReplacementView = z.object({
  id: z.string(), reason: z.enum(['lost', 'damaged']), status: z.enum(['awaiting_payment', 'paid', 'issued', 'cancelled']), channel: z.enum(['portal', 'counter']),
  feeFen: z.number().int(), createdAt: z.string(), payPath: z.string().nullable(), order: OrderView.nullable(), actions: z.array(z.string()),
});
export type ReplacementView = z.infer<typeof ReplacementView>;
export const ReplacementActionInput = z.strictObject({ action: z.enum(['issue', 'cancel']), transactionId: z.uuid() });
export type ReplacementActionInput = z.infer<typeof ReplacementActionInput>;

export const PermitView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(PERMIT_STATUSES),
  personId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  issuedOn: z.string(),
  /** The start of the current unbroken run of valid years, and how many years of it were endorsed. */
  runSince: z.string(),
  endorsedYears: z.number().int(),
  /** Since when residence years count for this permit (a suspension breaks them unless the city's setting says otherwise). */
  residenceSince: z.string(),
  validUntil: z.string(),
  windowOpensOn: z.string(),
  /** When the permit can be endorsed now: on time (within the window) or late (suspended). */
  endorsable: z.enum(['early', 'on_time', 'late']).nullable(),
  suspendedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The public verification link (a QR code of it is shown on the electronic permit). */
  verifyUrl: z.string().nullable(),
  qrPng: z.string().nullable(),
  history: z.array(HistoryEntry),
  replacements: z.array(ReplacementView),
  actions: z.array(z.string()),
});
export type PermitView = z.infer<typeof PermitView>;
export const PermitListItem = PermitView.omit({ history: true, qrPng: true, verifyUrl: true, replacements: true });
export const PermitListQuery = PageQuery.extend({ status: z.enum(PERMIT_STATUSES).optional(), q: z.string().trim().max(50).optional() });
export type PermitListQuery = z.infer<typeof PermitListQuery>;
export const PermitPage = pageOf(PermitListItem);
export type PermitPage = z.infer<typeof PermitPage>;

export const PermitActionInput = z.strictObject({
  action: z.enum(['endorse', 'cancel', 'revoke']),
  transactionId: z.uuid(),
  /** For cancel: left the city, or registered as a local household; for revoke: the finding. */
  reason: z.enum(['left_city', 'local_hukou', 'fraud', 'other']).optional(),
  note: z.string().trim().max(500).optional(),
});
export type PermitActionInput = z.infer<typeof PermitActionInput>;
export const EndorseInput = z.strictObject({ transactionId: z.uuid() });

/** What the public verification page shows: the state and a masked name, nothing more. */
export const VerifyView = z.object({ state: z.enum(['valid', 'suspended', 'expired', 'revoked']), name: z.string() });
export type VerifyView = z.infer<typeof VerifyView>;

/** The person page's permit panel: their permits and applications. */
export const PersonPermits = z.object({ permits: z.array(PermitListItem), applications: z.array(ApplicationListItem) });
export type PersonPermits = z.infer<typeof PersonPermits>;

export const MyPermits = z.object({ permits: z.array(PermitView), applications: z.array(ApplicationView) });
export type MyPermits = z.infer<typeof MyPermits>;

export const PermitStats = z.object({
  applications: z.object({ submitted: z.number().int(), accepted: z.number().int(), returned: z.number().int(), overdue: z.number().int() }),
  permits: z.object({ valid: z.number().int(), suspended: z.number().int(), cancelled: z.number().int(), revoked: z.number().int(), dueForEndorsement: z.number().int() }),
  thisYear: z.object({ issued: z.number().int(), endorsed: z.number().int() }),
});
export type PermitStats = z.infer<typeof PermitStats>;

export const IdParam = z.strictObject({ id: z.uuid() });
export const TokenParam = z.strictObject({ token: z.string().min(16).max(64) });
export const FileParams = z.strictObject({ id: z.uuid(), fileId: z.uuid() });
export { IsoDate };

// ── self-service terminals (签注一体机) ─────────────────────────────────────────

export const KioskInput = z.strictObject({ name: z.string().trim().min(2).max(60), divisionCode: z.string().regex(/^\d{6,15}$/) });
export type KioskInput = z.infer<typeof KioskInput>;
export const KioskView = z.object({
  id: z.string(), name: z.string(), divisionCode: z.string(), divisionPath: z.array(z.string()), keyPrefix: z.string(), status: z.enum(['active', 'revoked']),
  createdAt: z.string(), lastUsedAt: z.string().nullable(),
});
export type KioskView = z.infer<typeof KioskView>;
/** A new terminal and its key: the key is shown this once and kept only as a hash. */
export const KioskCreated = z.object({ kiosk: KioskView, key: z.string() });
export type KioskCreated = z.infer<typeof KioskCreated>;
export const KioskList = z.object({ items: z.array(KioskView) });

/** What the terminal's own card reader or face check found: the person at the terminal holds this ID card. */
export const IdentityCheck = z.strictObject({ method: z.enum(['id_card_reader', 'face_match']), passed: z.boolean(), reference: z.string().trim().min(1).max(64) });
export const KioskLookupInput = z.strictObject({ idNumber: z.string().trim().min(15).max(18), identityCheck: IdentityCheck });
export type KioskLookupInput = z.infer<typeof KioskLookupInput>;
export const KioskEndorseInput = KioskLookupInput.extend({ transactionId: z.uuid() });
export type KioskEndorseInput = z.infer<typeof KioskEndorseInput>;
export const KioskPermitView = z.object({
  number: z.string(), name: z.string(), status: z.enum(PERMIT_STATUSES), validUntil: z.string(), windowOpensOn: z.string(), endorsable: z.enum(['early', 'on_time', 'late']).nullable(),
});
export type KioskPermitView = z.infer<typeof KioskPermitView>;
/** The receipt the terminal prints after endorsing. */
export const KioskReceipt = z.object({ receiptNo: z.string(), permit: KioskPermitView, endorsedAt: z.string(), kiosk: z.string(), lines: z.array(z.string()) });
export type KioskReceipt = z.infer<typeof KioskReceipt>;

