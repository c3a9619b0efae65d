import { z } from 'zod';
import { DivisionCode } from '../kernel/division-code';
import { PageQuery, pageOf } from '../kernel/paging';
import { Phone } from '../kernel/phone';

/** The error code naming what is wrong with an ID number (see parseIdNumber), for forms and the server alike. */
export const ID_NUMBER_PROBLEM_CODES = {
  format: 'REGISTRY_ID_FORMAT',
  check: 'REGISTRY_ID_CHECK',
  date: 'REGISTRY_ID_DATE',
  future: 'REGISTRY_ID_FUTURE',
  area: 'REGISTRY_ID_AREA',
} as const;

export const IsoDate = z.iso.date({ message: 'errors:validation.invalid_format' });
export const Name = z.string().trim().min(1).max(50);

export const EDUCATION_LEVELS = ['none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master', 'doctor'] as const;
export const HOUSE_USES = ['self_occupied', 'rental', 'dormitory', 'commercial'] as const;
export const RELATIONS = ['tenant', 'dormitory', 'relative', 'owner', 'employer_provided'] as const;
export const CHANNELS = ['console', 'door_to_door', 'self_declared', 'import'] as const;

// ── addresses ────────────────────────────────────────────────────────────────
export const BuildingInput = z.strictObject({
  divisionCode: DivisionCode,
  address: z.string().trim().min(4).max(200),
});
export type BuildingInput = z.infer<typeof BuildingInput>;

export const BuildingView = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionPath: z.array(z.string()),
  address: z.string(),
  status: z.enum(['active', 'retired', 'merged']),
  mergedInto: z.string().nullable(),
  houseCount: z.number().int(),
  occupantCount: z.number().int(),
  lastVisitAt: z.string().nullable(),
});
export type BuildingView = z.infer<typeof BuildingView>;
export const BuildingListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  divisionCode: DivisionCode.optional(),
  status: z.enum(['active', 'retired', 'merged']).optional(),
  /** `visit`: the buildings visited longest ago (or never) first, for door-to-door collection. */
  order: z.enum(['address', 'visit']).default('address'),
});
export type BuildingListQuery = z.infer<typeof BuildingListQuery>;
export const BuildingPage = pageOf(BuildingView);
export type BuildingPage = z.infer<typeof BuildingPage>;

export const BuildingMergeInput = z.strictObject({ intoId: z.uuid() });
export const BuildingVisitInput = z.strictObject({ note: z.string().trim().max(200).optional() });
export type BuildingVisitInput = z.infer<typeof BuildingVisitInput>;
export type BuildingMergeInput = z.infer<typeof BuildingMergeInput>;

// ── houses ───────────────────────────────────────────────────────────────────
export const HouseInput = z.strictObject({
  buildingId: z.uuid(),
  unit: z.string().trim().min(1).max(30),
  use: z.enum(HOUSE_USES),
  areaM2: z.number().positive().max(100_000).optional(),
  rooms: z.number().int().min(0).max(500).optional(),
  ownerPersonId: z.uuid().optional(),
  ownerOrganisation: z.string().trim().min(1).max(100).optional(),
  landlordPersonId: z.uuid().optional(),
  agentName: z.string().trim().min(1).max(100).optional(),
  managementCompany: z.string().trim().min(1).max(100).optional(),
});
export type HouseInput = z.infer<typeof HouseInput>;

export const PersonRef = z.object({ id: z.string(), name: z.string(), idNumber: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const HouseView = z.object({
  id: z.string(),
  buildingId: z.string(),
  address: z.string(),
  unit: z.string(),
  divisionCode: z.string(),
  divisionPath: z.array(z.string()),
  use: z.enum(HOUSE_USES),
  areaM2: z.number().nullable(),
  rooms: z.number().int().nullable(),
  owner: PersonRef.nullable(),
  ownerOrganisation: z.string().nullable(),
  landlord: PersonRef.nullable(),
  agentName: z.string().nullable(),
  managementCompany: z.string().nullable(),
  occupantCount: z.number().int(),
  status: z.enum(['active', 'retired']),
});
export type HouseView = z.infer<typeof HouseView>;
export const HouseListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  buildingId: z.uuid().optional(),
  divisionCode: DivisionCode.optional(),
  use: z.enum(HOUSE_USES).optional(),
});
export type HouseListQuery = z.infer<typeof HouseListQuery>;
export const HousePage = pageOf(HouseView);
export type HousePage = z.infer<typeof HousePage>;

// ── persons ──────────────────────────────────────────────────────────────────
export const PersonInput = z.strictObject({
  name: Name,
  idNumber: z.string().trim().min(15).max(18),
  phone: Phone.optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  employer: z.string().trim().min(1).max(100).optional(),
  /** Where the person is registered when they have no residence yet (a community or grid). */
  divisionCode: DivisionCode,
});
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonUpdate = z.strictObject({
  name: Name.optional(),
  phone: Phone.nullable().optional(),
  education: z.enum(EDUCATION_LEVELS).nullable().optional(),
  employer: z.string().trim().min(1).max(100).nullable().optional(),
  /** The spouse, named by ID number and the matching name (they may be registered anywhere in the city); null unlinks. */
  spouse: z.strictObject({ idNumber: z.string().trim().min(15).max(18), name: Name }).nullable().optional(),
  /** A child to link, named the same way. */
  addChild: z.strictObject({ idNumber: z.string().trim().min(15).max(18), name: Name }).optional(),
  /** A linked child to unlink, by the record id the person's view lists. */
  removeChildId: z.uuid().optional(),
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;
export const PersonMergeInput = z.strictObject({ intoId: z.uuid() });

export const PersonListItem = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  origin: z.string().nullable(),
  phone: z.string().nullable(),
  divisionCode: z.string(),
  address: z.string().nullable(),
  residing: z.boolean(),
});
export type PersonListItem = z.infer<typeof PersonListItem>;
export const PersonListQuery = PageQuery.extend({
  idNumber: z.string().trim().max(18).optional(),
  name: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(11).optional(),
  address: z.string().trim().max(100).optional(),
  divisionCode: DivisionCode.optional(),
  status: z.enum(['residing', 'left']).optional(),
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;
/** A page of persons; `more` when the search matches more than `total` (counting stops at 1,000). */
export const PersonPage = pageOf(PersonListItem).extend({ more: z.boolean() });
export type PersonPage = z.infer<typeof PersonPage>;
export const PersonList = z.object({ items: z.array(PersonListItem) });

export const ResidenceView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  personIdNumber: z.string(),
  houseId: z.string(),
  address: z.string(),
  divisionCode: z.string(),
  relation: z.enum(RELATIONS),
  arrivedOn: z.string(),
  leftOn: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  channel: z.enum(CHANNELS),
  declaredOn: z.string(),
  deadlineOn: z.string(),
  lateWorkdays: z.number().int(),
  actions: z.array(z.string()),
});
export type ResidenceView = z.infer<typeof ResidenceView>;

export const PersonView = PersonListItem.extend({
  education: z.enum(EDUCATION_LEVELS).nullable(),
  employer: z.string().nullable(),
  originCode: z.string(),
  divisionPath: z.array(z.string()),
  spouse: PersonRef.nullable(),
  children: z.array(PersonRef),
  parents: z.array(PersonRef),
  residences: z.array(ResidenceView),
  piiVisible: z.boolean(),
  createdAt: z.string(),
});
export type PersonView = z.infer<typeof PersonView>;

// ── residence registration ───────────────────────────────────────────────────
export const ArriveInput = z.strictObject({
  /** The person, by record id; or, for someone registered outside the caller's jurisdiction, by ID number and name. */
  personId: z.uuid().optional(),
  idNumber: z.string().trim().min(15).max(18).optional(),
  name: Name.optional(),
  houseId: z.uuid(),
  relation: z.enum(RELATIONS),
  arrivedOn: IsoDate,
  channel: z.enum(CHANNELS).default('console'),
  /** When the ID number is not registered yet, register the person (in the house's community) in the same step. */
  registerIfNew: z.boolean().optional(),
  /** The phone of a person registered by this arrival. */
  phone: Phone.optional(),
  /** The caller's key for this request: retrying with the same key returns the first result. */
  transactionId: z.uuid(),
}).refine((input) => Boolean(input.personId) !== Boolean(input.idNumber && input.name), {
  message: 'errors:REGISTRY_PERSON_REQUIRED',
  path: ['personId'],
});
export type ArriveInput = z.infer<typeof ArriveInput>;

export const LeaveInput = z.strictObject({ leftOn: IsoDate, transactionId: z.uuid() });
export type LeaveInput = z.infer<typeof LeaveInput>;

export const ResidenceUpdate = z.strictObject({ relation: z.enum(RELATIONS), transactionId: z.uuid() });
export type ResidenceUpdate = z.infer<typeof ResidenceUpdate>;

export const HouseDetail = HouseView.extend({
  occupants: z.array(ResidenceView),
  former: z.array(ResidenceView),
});
export type HouseDetail = z.infer<typeof HouseDetail>;

// ── house QR codes ───────────────────────────────────────────────────────────
export const HouseQrView = z.object({ url: z.string(), version: z.number().int(), png: z.string() });
export type HouseQrView = z.infer<typeof HouseQrView>;
export const QrHouseView = z.object({ address: z.string(), unit: z.string(), use: z.enum(HOUSE_USES) });
export type QrHouseView = z.infer<typeof QrHouseView>;
export const QrTokenParam = z.strictObject({ token: z.string().min(10).max(120) });
