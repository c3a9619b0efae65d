import { z } from 'zod';
import { FieldIssue } from '../errors';
import { IsoDate } from '../registry/registry.schema';
import { PACK_STATUSES } from './pack.workflow';

export const IdParam = z.strictObject({ id: z.uuid() });
export const FileParams = z.strictObject({ id: z.uuid(), fileId: z.uuid() });

/** Words in both languages, as answered (may be empty, e.g. a group's own value). */
const Text = z.object({ zh: z.string(), en: z.string() });

/** A pack version as listed: which rules, from when, in which state. */
export const PackSummary = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  status: z.enum(PACK_STATUSES),
  name: Text,
  city: z.string(),
  purpose: z.enum(['household', 'services']),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
  /** The version this one was copied from, as "code v1". */
  copiedFrom: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Whether this is the version the city's rules follow today. */
  inForce: z.boolean(),
});
export type PackSummary = z.infer<typeof PackSummary>;

export const PackList = z.object({ items: z.array(PackSummary) });
export type PackList = z.infer<typeof PackList>;

export const PackHistoryItem = z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), actor: z.string().nullable(), details: z.string().nullable() });

/** One version with its whole body (validated by `validatePack`), history and what the caller may do with it. */
export const PackView = PackSummary.extend({
  pack: z.record(z.string(), z.unknown()),
  history: z.array(PackHistoryItem),
  actions: z.array(z.string()),
});
export type PackView = z.infer<typeof PackView>;

export const PackCopyInput = z.strictObject({
  /** A new code for a new line of versions (e.g. next year's table); the same code when absent. */
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{2,40}$/).optional(),
  transactionId: z.uuid(),
});
export type PackCopyInput = z.infer<typeof PackCopyInput>;

/** A draft's new body; checked field by field, refused with every issue at once. */
export const PackUpdateInput = z.strictObject({ pack: z.record(z.string(), z.unknown()) });
export type PackUpdateInput = z.infer<typeof PackUpdateInput>;

export const PackActionInput = z.strictObject({
  action: z.enum(['publish', 'discard']),
  /** For publish: the day the version takes effect (today or later). */
  effectiveFrom: IsoDate.optional(),
  transactionId: z.uuid(),
});
export type PackActionInput = z.infer<typeof PackActionInput>;

export const PackValidateInput = z.strictObject({ pack: z.unknown() });
export const PackValidation = z.object({ ok: z.boolean(), issues: z.array(FieldIssue) });
export type PackValidation = z.infer<typeof PackValidation>;

/** The questions of a pack for the self-assessment calculator, and the packs one may compare with. */
export const CalculatorQuery = z.strictObject({ pack: z.string().max(60).optional(), version: z.coerce.number().int().min(1).optional() });
export type CalculatorQuery = z.infer<typeof CalculatorQuery>;
export const CalculatorView = z.object({ pack: PackSummary, body: z.record(z.string(), z.unknown()), packs: z.array(PackSummary) });
export type CalculatorView = z.infer<typeof CalculatorView>;

export const CalculateInput = z.strictObject({
  /** A pack code (the city's pack in force when absent) and optionally one of its published versions. */
  pack: z.string().max(60).optional(),
  version: z.number().int().min(1).optional(),
  facts: z.record(z.string(), z.unknown()),
  /** The day to score on (today when absent): age and the computed age cut-off follow it. */
  applicationDate: IsoDate.optional(),
  materialsCutoff: IsoDate.optional(),
});
export type CalculateInput = z.infer<typeof CalculateInput>;

export const ScoreLineView = z.object({
  id: z.string(), label: Text, category: z.enum(['base', 'bonus', 'deduction']), parent: z.string().nullable(), depth: z.number().int(),
  facts: z.array(z.string()), value: Text, units: z.number().nullable(), raw: z.number(), points: z.number(),
  cap: z.number().nullable(), capped: z.boolean(), counted: z.boolean(), formula: Text,
});
export const ScoreView = z.object({
  pack: PackSummary,
  total: z.number(),
  rankingScore: z.number(),
  byCategory: z.object({ base: z.number(), bonus: z.number(), deduction: z.number() }),
  qualifyingTotal: z.number().nullable(),
  qualifies: z.boolean().nullable(),
  eligible: z.boolean(),
  conditions: z.array(z.object({ id: z.string(), label: Text, met: z.boolean(), reason: Text.nullable() })),
  lines: z.array(ScoreLineView),
  tieBreakValues: z.array(z.number().nullable()),
  improvements: z.array(z.object({ indicator: z.string(), label: Text, points: z.number(), hint: Text })),
  ageReference: z.string(),
  bornOnOrAfter: z.string().nullable(),
  interpretations: z.array(z.object({ key: z.string(), value: z.string(), confidence: z.string(), note: Text })),
});
export type ScoreView = z.infer<typeof ScoreView>;
