import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { INSPECTION_SECTIONS as INSPECTION_SECTION_KEYS, ITEM_RESULTS } from './listings.enums.js';

// Request/response schemas of the listings sub-area (/listings, /review, /used, /ad-law-terms).
// Imported by the web app: no server-only imports here.

export const LISTING_STATUS_VALUES = ['draft', 'in_review', 'listed', 'rejected', 'delisted'] as const;
export type TListingStatus = (typeof LISTING_STATUS_VALUES)[number];
export const LISTING_KINDS = ['new', 'used'] as const;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZFen = z.number().int().positive().max(100_000_000_00);

/** Checked (length, characters, check digit) by the service, which answers VIN_INVALID with the problem. */
export const ZVin = z.string().trim().min(1).max(40);

export const ZUsedFactsInput = z.object({
  vin: ZVin,
  firstRegistrationDate: ZDate,
  mileageKm: z.number().int().min(0).max(2_000_000),
  ownersCount: z.number().int().min(1).max(20),
  transferCount: z.number().int().min(0).max(19),
  /** Mandatory disclosures: the seller must answer each explicitly. */
  accidentHistory: z.boolean(),
  floodHistory: z.boolean(),
  fireHistory: z.boolean(),
  disclosureNote: z.string().max(1000).nullish(),
  plateCity: z.string().max(20).nullish(),
});
export type TUsedFactsInput = z.infer<typeof ZUsedFactsInput>;

export const ZCreateListingRequest = z.object({
  kind: z.enum(LISTING_KINDS),
  trimId: z.string().min(1).max(60),
  /** Platform staff name the dealer; dealer staff may omit it (their own dealer is used). */
  dealerId: z.string().min(1).max(60).optional(),
  storeId: z.string().min(1).max(60).nullish(),
  /** Required when no store is given (the store's city is used otherwise). */
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  title: ZVisibleText({ min: 4, max: 120 }),
  description: z.string().max(5000).default(''),
  priceFen: ZFen,
  exteriorColour: ZVisibleText({ min: 0, max: 40 }).nullish(),
  interiorColour: ZVisibleText({ min: 0, max: 40 }).nullish(),
  used: ZUsedFactsInput.optional(),
});
export type TCreateListingRequest = z.infer<typeof ZCreateListingRequest>;

export const ZUpdateListingRequest = z.object({
  /** Optimistic concurrency: the version the editor loaded. */
  version: z.number().int().min(1),
  storeId: z.string().min(1).max(60).nullish(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  title: ZVisibleText({ min: 4, max: 120 }).optional(),
  description: z.string().max(5000).optional(),
  priceFen: ZFen.optional(),
  exteriorColour: ZVisibleText({ min: 0, max: 40 }).nullish(),
  interiorColour: ZVisibleText({ min: 0, max: 40 }).nullish(),
  used: ZUsedFactsInput.optional(),
});
export type TUpdateListingRequest = z.infer<typeof ZUpdateListingRequest>;

export const ZListingIdParams = z.object({ id: z.string().min(1).max(60) });
export const ZUsedListingParams = z.object({ listingId: z.string().min(1).max(60) });

export const ZListingListQuery = z.object({
  status: z.enum(LISTING_STATUS_VALUES).optional(),
  kind: z.enum(LISTING_KINDS).optional(),
  dealerId: z.string().max(60).optional(),
  q: z.string().trim().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TListingListQuery = z.infer<typeof ZListingListQuery>;

export const ZReviewQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuery>;

export const ZRejectRequest = z.object({ reason: z.string().trim().min(2).max(500) });
export const ZDelistRequest = z.object({ reason: z.string().trim().max(500).optional() });
export const ZApproveRequest = z.object({ note: z.string().trim().max(500).optional() });

export const ZAdLawHit = z.object({
  term: z.string(),
  severity: z.enum(['block', 'warn']),
  field: z.enum(['title', 'description']),
  position: z.number().int(),
  length: z.number().int(),
});
export type TAdLawHit = z.infer<typeof ZAdLawHit>;

export const ZUsedFacts = z.object({
  vin: z.string(),
  firstRegistrationDate: z.string(),
  mileageKm: z.number().int(),
  ownersCount: z.number().int(),
  transferCount: z.number().int(),
  conditionGrade: z.number().int().nullable(),
  accidentHistory: z.boolean(),
  floodHistory: z.boolean(),
  fireHistory: z.boolean(),
  disclosureNote: z.string().nullable(),
  plateCity: z.string().nullable(),
});
export type TUsedFacts = z.infer<typeof ZUsedFacts>;

export const ZListing = z.object({
  id: z.string(),
  kind: z.enum(LISTING_KINDS),
  status: z.enum(LISTING_STATUS_VALUES),
  trim: z.object({
    id: z.string(),
    name: z.string(),
    modelYear: z.number().int(),
    guidePriceFen: z.number().int(),
    seriesId: z.string(),
    seriesName: z.string(),
    brandName: z.string(),
  }),
  dealerId: z.string(),
  storeId: z.string().nullable(),
  cityCode: z.string(),
  title: z.string(),
  description: z.string(),
  priceFen: z.number().int(),
  /** Guide price minus asking price (new cars; may be negative for a mark-up). */
  discountFen: z.number().int(),
  exteriorColour: z.string().nullable(),
  interiorColour: z.string().nullable(),
  reviewFlags: z.array(ZAdLawHit),
  reviewNote: z.string().nullable(),
  inventoryRef: z.string().nullable(),
  listedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  used: ZUsedFacts.nullable(),
  inspection: z
    .object({ id: z.string(), grade: z.number().int(), totalScore: z.number(), inspectedAt: z.string() })
    .nullable(),
});
export type TListing = z.infer<typeof ZListing>;
export const ZListingPage = z.object({ items: z.array(ZListing), nextCursor: z.string().nullable() });

// ---- inspection ----

export const ZInspectionItemInput = z.object({
  section: z.enum(INSPECTION_SECTION_KEYS),
  code: z.string().trim().min(1).max(20),
  name: ZVisibleText({ max: 80 }),
  result: z.enum(ITEM_RESULTS),
  deduction: z.number().min(0).max(20).default(0),
  note: z.string().max(500).nullish(),
  photoUrls: z
    .array(
      z
        .string()
        .max(500)
        .regex(/^(https?:\/\/|\/)/, 'an http(s) URL or a site path'),
    )
    .max(12)
    .default([]),
});
export type TInspectionItemInput = z.infer<typeof ZInspectionItemInput>;

export const ZPutInspectionRequest = z.object({
  inspectedAt: z.iso.datetime({ offset: true }),
  inspector: ZVisibleText({ min: 2, max: 60 }),
  inspectionOrg: ZVisibleText({ min: 2, max: 120 }),
  summary: z.string().max(2000).default(''),
  items: z.array(ZInspectionItemInput).min(7).max(300),
});
export type TPutInspectionRequest = z.infer<typeof ZPutInspectionRequest>;

export const ZInspectionItem = z.object({
  id: z.string(),
  section: z.enum(INSPECTION_SECTION_KEYS),
  code: z.string(),
  name: z.string(),
  result: z.enum(ITEM_RESULTS),
  deduction: z.number(),
  note: z.string().nullable(),
  photoUrls: z.array(z.string()),
});
export type TInspectionItem = z.infer<typeof ZInspectionItem>;

export const ZSectionScore = z.object({
  section: z.enum(INSPECTION_SECTION_KEYS),
  max: z.number(),
  score: z.number(),
});

/** The full report as staff edit it (items in section order). */
export const ZInspectionReport = z.object({
  id: z.string(),
  listingId: z.string(),
  inspectedAt: z.string(),
  inspector: z.string(),
  inspectionOrg: z.string(),
  summary: z.string(),
  sections: z.array(ZSectionScore),
  totalScore: z.number(),
  grade: z.number().int(),
  items: z.array(ZInspectionItem),
  disclosures: z.object({ accident: z.boolean(), flood: z.boolean(), fire: z.boolean() }),
});
export type TInspectionReport = z.infer<typeof ZInspectionReport>;

/** The report as a buyer reads it: findings first (worst first), then the OK checks per section. */
export const ZPublicInspectionReport = ZInspectionReport.omit({ items: true }).extend({
  findings: z.array(ZInspectionItem),
  okBySection: z.array(
    z.object({
      section: z.enum(INSPECTION_SECTION_KEYS),
      count: z.number().int(),
      names: z.array(z.string()),
    }),
  ),
});
export type TPublicInspectionReport = z.infer<typeof ZPublicInspectionReport>;

// ---- ad-law terms ----

export const ZAdLawTermInput = z.object({
  term: ZVisibleText({ max: 30 }),
  severity: z.enum(['block', 'warn']).default('block'),
  note: z.string().max(200).nullish(),
});
export const ZAdLawTermPatch = z.object({
  severity: z.enum(['block', 'warn']).optional(),
  note: z.string().max(200).nullish(),
});
export const ZAdLawTermParams = z.object({ term: z.string().min(1).max(30) });
export const ZAdLawTermOut = z.object({
  term: z.string(),
  severity: z.enum(['block', 'warn']),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TAdLawTermOut = z.infer<typeof ZAdLawTermOut>;
export const ZAdLawTermList = z.array(ZAdLawTermOut);

// ---- editor helpers ----

export const ZTrimOptionsQuery = z.object({
  q: z.string().trim().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});
export const ZTrimOption = z.object({
  id: z.string(),
  label: z.string(),
  modelYear: z.number().int(),
  guidePriceFen: z.number().int(),
  brandName: z.string(),
  brandNameEn: z.string(),
  seriesName: z.string(),
  exteriorColours: z.array(z.string()),
  interiorColours: z.array(z.string()),
});
export type TTrimOption = z.infer<typeof ZTrimOption>;
export const ZTrimOptionList = z.array(ZTrimOption);
