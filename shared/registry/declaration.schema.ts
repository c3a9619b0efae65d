import { z } from 'zod';
import { DivisionCode } from '../kernel/division-code';
import { PageQuery, pageOf } from '../kernel/paging';
import { Phone } from '../kernel/phone';
import { IsoDate, Name, RELATIONS } from './registry.schema';

export const DECLARATION_KINDS = ['arrive', 'leave'] as const;
export const DECLARATION_STATUSES = ['submitted', 'confirmed', 'rejected', 'withdrawn'] as const;
/** How a declaration compares with the registry: a new person, the registered person, or an ID number registered under another name. */
export const DECLARATION_MATCHES = ['new_person', 'same_person', 'name_differs'] as const;

/** A declaration made after scanning a house's QR code: an arrival or a leaving, of oneself or (by a landlord) of a tenant. */
export const DeclarationInput = z
  .strictObject({
    token: z.string().min(10).max(120),
    kind: z.enum(DECLARATION_KINDS),
    name: Name,
    idNumber: z.string().trim().min(15).max(18),
    /** The person's phone; for one's own arrival it defaults to the phone logged in with. */
    phone: Phone.optional(),
    relation: z.enum(RELATIONS).optional(),
    /** The day of arriving or of leaving. */
    date: IsoDate,
    transactionId: z.uuid(),
  })
  .refine((input) => input.kind === 'leave' || input.relation !== undefined, { message: 'errors:validation.required', path: ['relation'] });
export type DeclarationInput = z.infer<typeof DeclarationInput>;

export const DeclarationView = z.object({
  id: z.string(),
  kind: z.enum(DECLARATION_KINDS),
  status: z.enum(DECLARATION_STATUSES),
  houseId: z.string(),
  address: z.string(),
  unit: z.string(),
  divisionCode: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  relation: z.enum(RELATIONS).nullable(),
  date: z.string(),
  /** Who declared: the person themselves, or a landlord for a tenant. */
  declarant: z.enum(['self', 'landlord']),
  declarantPhone: z.string().nullable(),
  submittedOn: z.string(),
  submittedAt: z.string(),
  /** The declaration deadline under the policy setting, and working days late. */
  deadlineOn: z.string().nullable(),
  lateWorkdays: z.number().int().nullable(),
  match: z.enum(DECLARATION_MATCHES).nullable(),
  /** Why it was not confirmed automatically, when the city confirms automatically. */
  reviewNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  residenceId: z.string().nullable(),
  personId: z.string().nullable(),
  actions: z.array(z.string()),
});
export type DeclarationView = z.infer<typeof DeclarationView>;

export const DeclarationListQuery = PageQuery.extend({
  status: z.enum(DECLARATION_STATUSES).optional(),
  kind: z.enum(DECLARATION_KINDS).optional(),
  divisionCode: DivisionCode.optional(),
});
export type DeclarationListQuery = z.infer<typeof DeclarationListQuery>;
export const DeclarationPage = pageOf(DeclarationView);
export type DeclarationPage = z.infer<typeof DeclarationPage>;

export const MyDeclarationsQuery = PageQuery.extend({});
export type MyDeclarationsQuery = z.infer<typeof MyDeclarationsQuery>;

export const DeclarationDecision = z.strictObject({ transactionId: z.uuid() });
export type DeclarationDecision = z.infer<typeof DeclarationDecision>;
export const DeclarationRejection = z.strictObject({ transactionId: z.uuid(), reason: z.string().trim().min(2).max(200) });
export type DeclarationRejection = z.infer<typeof DeclarationRejection>;
