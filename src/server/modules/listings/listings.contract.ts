import { z } from 'zod';
import { labelFields } from '../../kernel/http/validation.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import { INSPECTION_SECTIONS as INSPECTION_SECTION_KEYS, ITEM_RESULTS } from './listings.enums.js';

// Request/response schemas of the listings sub-area (/listings, /review, /used, /ad-law-terms).
// Imported by the web app: no server-only imports here.

export const LISTING_STATUS_VALUES = ['draft', 'in_review', 'listed', 'rejected', 'delisted'] as const;
export type TListingStatus = (typeof LISTING_STATUS_VALUES)[number];
export const LISTING_KINDS = ['new', 'used'] as const;
export type TListingKind = (typeof LISTING_KINDS)[number];

/** The listing editor's fields by their labels (server messages and the editor use the same words). */
export const LISTING_FIELD_LABELS = {
  kind: { zh: '类型', en: 'Type' },
  trimId: { zh: '车型配置', en: 'Trim' },
  dealerId: { zh: '经销商', en: 'Dealer' },
  storeId: { zh: '门店', en: 'Store' },
  cityCode: { zh: '城市', en: 'City' },
  title: { zh: '标题', en: 'Title' },
  description: { zh: '描述', en: 'Description' },
  priceFen: { zh: '售价', en: 'Price' },
  exteriorColour: { zh: '外观颜色', en: 'Exterior colour' },
  interiorColour: { zh: '内饰颜色', en: 'Interior colour' },
  used: { zh: '车辆信息', en: 'Vehicle facts' },
  'used.vin': { zh: 'VIN 码', en: 'VIN', formatZh: '17 位字母和数字', formatEn: '17 letters and digits' },
  'used.firstRegistrationDate': {
    zh: '首次上牌日期',
    en: 'First registration date',
    formatZh: 'YYYY-MM-DD',
    formatEn: 'YYYY-MM-DD',
  },
  'used.mileageKm': { zh: '表显里程', en: 'Odometer mileage' },
  'used.ownersCount': { zh: '车主数', en: 'Number of owners' },
  'used.transferCount': { zh: '过户次数', en: 'Number of transfers' },
  'used.accidentHistory': { zh: '事故历史', en: 'Accident history' },
  'used.floodHistory': { zh: '泡水历史', en: 'Flood history' },
  'used.fireHistory': { zh: '火烧历史', en: 'Fire history' },
  'used.disclosureNote': { zh: '披露说明', en: 'Disclosure note' },
  'used.plateCity': { zh: '车牌所在地', en: 'Plate city' },
  inspection: { zh: '检测报告', en: 'Inspection report' },
  photos: { zh: '车辆照片', en: 'Photos' },
  inspectedAt: { zh: '检测时间', en: 'Inspection time' },
  inspector: { zh: '检测师', en: 'Inspector' },
  inspectionOrg: { zh: '检测机构', en: 'Inspection body' },
  summary: { zh: '总结', en: 'Summary' },
  items: { zh: '检测项', en: 'Check items' },
  'items.*.section': { zh: '检测项分区', en: 'Check item section' },
  'items.*.code': { zh: '检测项编号', en: 'Check item code' },
  'items.*.name': { zh: '检测项名称', en: 'Check item name' },
  'items.*.result': { zh: '检测结果', en: 'Check result' },
  'items.*.deduction': { zh: '扣分', en: 'Deduction' },
  'items.*.note': { zh: '检测项说明', en: 'Check item note' },
  'items.*.photoUrls': { zh: '检测项照片', en: 'Check item photos' },
  'items.*.photoUrls.*': { zh: '检测项照片', en: 'Check item photo' },
  reason: { zh: '原因', en: 'Reason' },
  term: { zh: '用语', en: 'Term' },
  severity: { zh: '级别', en: 'Severity' },
} as const;
export type ListingField = keyof typeof LISTING_FIELD_LABELS;

/**
 * What a listing needs before it goes to review, per kind: the one list the server checks at submit and
 * the editor marks as required. `minLength` is counted on the trimmed text.
 */
export const REVIEW_REQUIREMENTS: Record<
  TListingKind,
  readonly { field: ListingField; minLength?: number }[]
> = {
  new: [
    { field: 'title', minLength: 6 },
    { field: 'description', minLength: 10 },
    { field: 'storeId' },
    { field: 'exteriorColour' },
  ],
  used: [
    { field: 'title', minLength: 6 },
    { field: 'description', minLength: 10 },
    { field: 'cityCode' },
    { field: 'used' },
  ],
};

/** The review requirements a listing's values do not meet (in the order of `REVIEW_REQUIREMENTS`). */
export function missingForReview(
  kind: TListingKind,
  values: Partial<Record<ListingField, unknown>>,
): ListingField[] {
  return REVIEW_REQUIREMENTS[kind]
    .filter(({ field, minLength }) => {
      const v = values[field];
      if (v === undefined || v === null || v === false) return true;
      if (typeof v === 'string') return v.trim().length < (minLength ?? 1);
      return false;
    })
    .map((r) => r.field);
}

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

export const ZCreateListingRequest = labelFields(
  z.object({
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
  }),
  LISTING_FIELD_LABELS,
);
export type TCreateListingRequest = z.infer<typeof ZCreateListingRequest>;

export const ZUpdateListingRequest = labelFields(
  z.object({
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
  }),
  LISTING_FIELD_LABELS,
);
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

export const ZRejectRequest = labelFields(
  z.object({ reason: z.string().trim().min(2).max(500) }),
  LISTING_FIELD_LABELS,
);
export const ZDelistRequest = z.object({ reason: z.string().trim().max(500).optional() });
/** A new price for a car on sale (调价); it stays on sale, and an abnormal move goes back to review. */
export const ZChangePriceRequest = labelFields(
  z.object({
    priceFen: z.number().int().min(100).max(100_000_000_00),
    version: z.number().int().min(1),
    reason: z.string().trim().max(500).optional(),
  }),
  { priceFen: { zh: '售价', en: 'Price' }, reason: { zh: '原因', en: 'Reason' } },
);
export type TChangePriceRequest = z.infer<typeof ZChangePriceRequest>;
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

export const ZPutInspectionRequest = labelFields(
  z.object({
    inspectedAt: z.iso.datetime({ offset: true }),
    inspector: ZVisibleText({ min: 2, max: 60 }),
    inspectionOrg: ZVisibleText({ min: 2, max: 120 }),
    summary: z.string().max(2000).default(''),
    items: z.array(ZInspectionItemInput).min(7).max(300),
  }),
  LISTING_FIELD_LABELS,
);
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

export const ZAdLawTermInput = labelFields(
  z.object({
    term: ZVisibleText({ max: 30 }),
    severity: z.enum(['block', 'warn']).default('block'),
    note: z.string().max(200).nullish(),
  }),
  LISTING_FIELD_LABELS,
);
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
/** A term as the editor needs it to flag words while typing. */
export const ZAdLawTermBrief = z.object({ term: z.string(), severity: z.enum(['block', 'warn']) });

/** One photo of a listing (the first by `sort` is the cover). */
export const ZListingPhoto = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sort: z.number().int(),
});
export type TListingPhoto = z.infer<typeof ZListingPhoto>;
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

// ---- ad-law scan (server on save, editor while typing) ----

export interface AdLawTerm {
  term: string;
  severity: 'block' | 'warn';
}

export interface AdLawHit {
  term: string;
  severity: 'block' | 'warn';
  field: 'title' | 'description';
  /** Index of the first character of the hit in the field (UTF-16 code units, as JavaScript strings count). */
  position: number;
  length: number;
}

function scanAdLawField(text: string, field: AdLawHit['field'], terms: readonly AdLawTerm[]): AdLawHit[] {
  const hits: AdLawHit[] = [];
  const haystack = text.toLowerCase();
  for (const t of terms) {
    const needle = t.term.toLowerCase();
    if (!needle) continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      hits.push({ term: t.term, severity: t.severity, field, position: at, length: t.term.length });
    }
  }
  return hits;
}

/** All hits in title then description, each field in text order (longer terms first at the same spot). */
export function scanAdLaw(
  content: { title: string; description: string },
  terms: readonly AdLawTerm[],
): AdLawHit[] {
  const order = (a: AdLawHit, b: AdLawHit) => a.position - b.position || b.length - a.length;
  return [
    ...scanAdLawField(content.title, 'title', terms).sort(order),
    ...scanAdLawField(content.description, 'description', terms).sort(order),
  ];
}

export function hasBlockingHit(hits: readonly AdLawHit[]): boolean {
  return hits.some((h) => h.severity === 'block');
}
