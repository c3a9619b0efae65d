import { z } from 'zod';
import { Phone } from '../kernel/phone';
import { Name } from '../registry/registry.schema';

export const IdParam = z.strictObject({ id: z.uuid() });
export const PARTY_KINDS = ['sub_landlord', 'agent'] as const;
export const FLAG_KINDS = ['overcrowded', 'group_rental', 'blacklisted_manager'] as const;

/** A sub-landlord (二房东) or letting agent: a person by ID number or an organisation by its unified credit code. */
export const PartyInput = z.strictObject({
  kind: z.enum(PARTY_KINDS),
  name: Name,
  idNumber: z.string().trim().min(15).max(18).optional(),
  creditCode: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'errors:HOUSING_CREDIT_CODE' }).optional(),
  phone: Phone.optional(),
  transactionId: z.uuid(),
});
export type PartyInput = z.infer<typeof PartyInput>;

export const BlacklistEntryView = z.object({
  id: z.string(), status: z.enum(['listed', 'lifted']), reason: z.string(), office: z.string(), listedOn: z.string(), expiresOn: z.string(),
  liftedOn: z.string().nullable(), liftReason: z.string().nullable(), active: z.boolean(),
});
export type BlacklistEntryView = z.infer<typeof BlacklistEntryView>;

export const PartyView = z.object({
  id: z.string(), kind: z.enum(PARTY_KINDS), name: z.string(), idNumber: z.string().nullable(), creditCode: z.string().nullable(), phone: z.string().nullable(),
  blacklisted: z.boolean(), blacklist: z.array(BlacklistEntryView),
  houses: z.array(z.object({ houseId: z.string(), address: z.string(), role: z.enum(PARTY_KINDS), since: z.string() })),
});
export type PartyView = z.infer<typeof PartyView>;
export const PartyListQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  blacklisted: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PartyListQuery = z.infer<typeof PartyListQuery>;
export const PartyPage = z.object({ items: z.array(PartyView.omit({ blacklist: true, houses: true })), total: z.number(), page: z.number(), pageSize: z.number() });

export const BlacklistInput = z.strictObject({
  reason: z.string().trim().min(4).max(500),
  /** The office that decided it (e.g. 天河区来穗人员服务管理局). */
  office: z.string().trim().min(2).max(80),
  expiresOn: z.iso.date(),
  transactionId: z.uuid(),
});
export type BlacklistInput = z.infer<typeof BlacklistInput>;
export const LiftInput = z.strictObject({ reason: z.string().trim().min(4).max(500), transactionId: z.uuid() });
export type LiftInput = z.infer<typeof LiftInput>;

/** Registers who manages a rental house; a blacklisted party is refused with the entry unless the officer acknowledges it. */
export const ManagerInput = z.strictObject({
  partyId: z.uuid(),
  role: z.enum(PARTY_KINDS),
  since: z.iso.date(),
  acknowledgeBlacklist: z.boolean().default(false),
  transactionId: z.uuid(),
});
export type ManagerInput = z.infer<typeof ManagerInput>;

export const FlagView = z.object({
  id: z.string(), houseId: z.string(), address: z.string(), divisionCode: z.string(), kind: z.enum(FLAG_KINDS), detail: z.string(), flaggedOn: z.string(), clearedOn: z.string().nullable(),
});
export type FlagView = z.infer<typeof FlagView>;
export const HouseHousingView = z.object({
  houseId: z.string(), address: z.string(), areaM2: z.number().nullable(), occupants: z.number(),
  managers: z.array(z.object({ partyId: z.string(), name: z.string(), role: z.enum(PARTY_KINDS), since: z.string(), warned: z.boolean() })),
  flags: z.array(FlagView),
});
export type HouseHousingView = z.infer<typeof HouseHousingView>;
export const FlagListQuery = z.strictObject({ open: z.enum(['true', 'false']).default('true'), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });
export type FlagListQuery = z.infer<typeof FlagListQuery>;
export const FlagPage = z.object({ items: z.array(FlagView), total: z.number(), page: z.number(), pageSize: z.number() });

// ── door systems (门禁) ───────────────────────────────────────────────────────

export const DoorInput = z.strictObject({ buildingId: z.uuid(), name: z.string().trim().min(2).max(60) });
export type DoorInput = z.infer<typeof DoorInput>;
export const DoorView = z.object({ id: z.string(), buildingId: z.string(), address: z.string(), divisionCode: z.string(), name: z.string(), keyPrefix: z.string(), status: z.enum(['active', 'revoked']), createdAt: z.string(), lastEventAt: z.string().nullable() });
export type DoorView = z.infer<typeof DoorView>;
/** A new door system and its key: the key is shown this once and kept only as a hash. */
export const DoorCreated = z.object({ device: DoorView, key: z.string() });
export const DoorList = z.object({ items: z.array(DoorView) });

/** What a door system pushes (Authorization: Door <key>): entries it saw, each with its own id so a resend is recorded once. */
export const DoorEventsInput = z.strictObject({
  events: z.array(z.strictObject({
    eventId: z.string().trim().min(1).max(64),
    idNumber: z.string().trim().min(15).max(18),
    name: z.string().trim().max(50).optional(),
    at: z.iso.datetime({ offset: true }),
  })).min(1).max(500),
});
export type DoorEventsInput = z.infer<typeof DoorEventsInput>;
export const DoorEventsResult = z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.object({ eventId: z.string(), reason: z.string() })), registrationTasks: z.number() });
export type DoorEventsResult = z.infer<typeof DoorEventsResult>;

// ── the safety responsibility letter (安全管理责任书) ───────────────────────────

export const LetterView = z.object({ version: z.number(), title: z.string(), body: z.string(), publishedOn: z.string() });
export type LetterView = z.infer<typeof LetterView>;

/** How many rental houses signed the letter in force, per child jurisdiction of the caller's (or of `division` inside it). */
export const LetterCoverageQuery = z.strictObject({ division: z.string().regex(/^\d{4,15}$/).optional() });
export type LetterCoverageQuery = z.infer<typeof LetterCoverageQuery>;
export const LetterCoverageView = z.object({
  version: z.number(), division: z.object({ code: z.string(), name: z.string() }),
  /** When the rental houses were last counted (each morning). */
  asOf: z.string().nullable(),
  rows: z.array(z.object({ code: z.string(), name: z.string(), houses: z.number(), signed: z.number() })),
  total: z.object({ houses: z.number(), signed: z.number() }),
});
export type LetterCoverageView = z.infer<typeof LetterCoverageView>;
export const LetterInput = z.strictObject({ title: z.string().trim().min(4).max(80), body: z.string().trim().min(50).max(20_000) });
export type LetterInput = z.infer<typeof LetterInput>;
export const SignInput = z.strictObject({ version: z.number().int().min(1), transactionId: z.uuid() });
export type SignInput = z.infer<typeof SignInput>;

/** A landlord's houses: the letter each has signed (and whether the one in force is), and who is registered there. */
export const MyLetterHouses = z.object({
  letter: LetterView,
  items: z.array(z.object({
    houseId: z.string(), address: z.string(), signedVersion: z.number().nullable(), signedAt: z.string().nullable(), current: z.boolean(),
    tenants: z.array(z.object({ name: z.string(), idNumber: z.string() })),
  })),
});
export type MyLetterHouses = z.infer<typeof MyLetterHouses>;

// ── rental tax (个人出租屋综合税) ─────────────────────────────────────────────

export const TAX_USES = ['residential', 'business'] as const;
export const TaxRateView = z.object({ divisionCode: z.string(), use: z.enum(TAX_USES), ratePermille: z.number(), updatedAt: z.string() });
export const TaxRateList = z.object({ items: z.array(TaxRateView) });
export const TaxRateInput = z.strictObject({ divisionCode: z.string().regex(/^\d{4}(\d{2})?$/), use: z.enum(TAX_USES), ratePermille: z.number().int().min(0).max(300) });
export type TaxRateInput = z.infer<typeof TaxRateInput>;
export const RentInput = z.strictObject({ monthlyRentYuan: z.number().positive().max(10_000_000), use: z.enum(TAX_USES), period: z.enum(['monthly', 'quarterly']), since: z.iso.date() });
export type RentInput = z.infer<typeof RentInput>;
export const TaxBillView = z.object({
  id: z.string(), houseId: z.string(), address: z.string(), periodStart: z.string(), periodEnd: z.string(), monthlyRentFen: z.number(), months: z.number(),
  ratePermille: z.number(), amountFen: z.number(), status: z.enum(['due', 'paid']), dueOn: z.string(), overdue: z.boolean(), paidAt: z.string().nullable(),
});
export type TaxBillView = z.infer<typeof TaxBillView>;
export const TaxBillQuery = z.strictObject({ arrears: z.enum(['true', 'false']).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });
export type TaxBillQuery = z.infer<typeof TaxBillQuery>;
export const TaxBillPage = z.object({ items: z.array(TaxBillView), total: z.number(), arrearsFen: z.number(), page: z.number(), pageSize: z.number() });
/** A rental house's declared rent and its latest bills, for the house page. */
export const HouseTaxView = z.object({
  rent: z.object({ monthlyRentYuan: z.number(), use: z.enum(TAX_USES), period: z.enum(['monthly', 'quarterly']), since: z.string(), ratePermille: z.number(), updatedAt: z.string() }).nullable(),
  bills: z.array(TaxBillView),
});
export type HouseTaxView = z.infer<typeof HouseTaxView>;
export const TaxPayResult = z.object({ payPath: z.string() });
