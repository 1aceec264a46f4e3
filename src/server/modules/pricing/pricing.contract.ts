import { z } from 'zod';
import { labelFields } from '../../kernel/http/validation.contract.js';
import { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import {
  LINE_CODES,
  QUOTE_MODES,
  RULE_CODES,
  THIRD_PARTY_AMOUNTS,
  VALUATION_FLAGS,
} from './pricing.enums.js';

// Request and response schemas of /api/v1/pricing: they validate, type and document each route, and the web
// app imports them.

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'not a calendar date',
    },
  );

/** GB/T 2260 city (or province) code of a mainland province, Hong Kong, Macao or Taiwan. */
export const ZCityCode = z
  .string()
  .regex(/^\d{6}$/, 'GB/T 2260 code: six digits')
  .refine((c) => {
    const p = Number(c.slice(0, 2));
    return (
      (p >= 11 && p <= 15) ||
      (p >= 21 && p <= 23) ||
      (p >= 31 && p <= 37) ||
      (p >= 41 && p <= 46) ||
      (p >= 50 && p <= 54) ||
      (p >= 61 && p <= 65) ||
      p === 71 ||
      p === 81 ||
      p === 82
    );
  }, 'unknown province');

export const ZInsuranceChoice = z.object({
  vehicleDamage: z.boolean(),
  thirdPartyAmountYuan: z
    .number()
    .int()
    .refine((v) => (THIRD_PARTY_AMOUNTS as readonly number[]).includes(v), {
      message: `one of ${THIRD_PARTY_AMOUNTS.join(', ')}`,
    }),
  driverSeatYuan: z.number().int().min(0).max(200_000),
  passengerSeatYuan: z.number().int().min(0).max(200_000),
});
export type TInsuranceChoice = z.infer<typeof ZInsuranceChoice>;

export const ZServiceChoice = z.object({
  plateService: z.boolean().default(false),
  extendedWarranty: z.boolean().default(false),
  plateQuota: z.boolean().default(false),
});

const ZTradeIn = z.enum(['scrap', 'replace']).nullable().default(null);

const FUEL_ENGINES = new Set(['petrol', 'diesel', 'hev', 'phev', 'erev']);

/** The public calculator (Autohome's 购车计算器): any car, listed or not. */
export const ZLandedPriceRequest = z
  .object({
    priceFen: z.number().int().min(100_00).max(100_000_000_00),
    energy: z.enum(ENERGY_TYPES),
    seats: z.number().int().min(2).max(9),
    /** 0 for battery-electric and fuel-cell cars. */
    displacementMl: z.number().int().min(0).max(10_000),
    cityCode: ZCityCode,
    /** Default today in Asia/Shanghai. */
    date: ZDay.optional(),
    used: z.boolean().default(false),
    /** Default true for NEVs (on the purchase-tax exemption catalogue). */
    exemptionCatalogue: z.boolean().optional(),
    insurance: ZInsuranceChoice.optional(),
    services: ZServiceChoice.optional(),
    tradeIn: ZTradeIn,
  })
  .superRefine((v, ctx) => {
    if (FUEL_ENGINES.has(v.energy) && v.displacementMl === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['displacementMl'],
        message: 'a car with an engine has a displacement',
      });
    }
  });
export type TLandedPriceRequest = z.infer<typeof ZLandedPriceRequest>;

export const ZRuleRef = z.object({ id: z.string(), version: z.number().int(), description: z.string() });

export const ZPriceLine = z.object({
  code: z.enum(LINE_CODES),
  amountFen: z.number().int(),
  includedInPrice: z.boolean(),
  rule: ZRuleRef,
  parts: z.array(z.object({ code: z.string(), amountFen: z.number().int() })).optional(),
});
export type TPriceLine = z.infer<typeof ZPriceLine>;

export const ZLandedPriceResponse = z.object({
  totalFen: z.number().int(),
  lines: z.array(ZPriceLine),
  date: z.string(),
  cityCode: z.string(),
});
export type TLandedPriceResponse = z.infer<typeof ZLandedPriceResponse>;

// ---- quotes for a listing ----

export const ZLoanChoice = z
  .object({
    /** Down payment as a share of the car price (basis points), or as an amount. */
    downPaymentBp: z.number().int().min(0).max(10_000).optional(),
    downPaymentFen: z.number().int().min(0).optional(),
    termMonths: z.number().int().min(12).max(60),
    method: z.enum(['equal_instalment', 'equal_principal']).default('equal_instalment'),
    annualRateBp: z.number().int().min(0).max(3600).optional(),
    flatRateBp: z.number().int().min(0).max(3600).optional(),
    feesFen: z.number().int().min(0).default(0),
  })
  .superRefine((v, ctx) => {
    if ((v.downPaymentBp === undefined) === (v.downPaymentFen === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['downPaymentBp'],
        message: 'give downPaymentBp or downPaymentFen',
      });
    }
    if ((v.annualRateBp === undefined) === (v.flatRateBp === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['annualRateBp'], message: 'give annualRateBp or flatRateBp' });
    }
  });
export type TLoanChoice = z.infer<typeof ZLoanChoice>;

export const ZQuoteRequest = z.object({
  listingId: z.string().min(1).max(64),
  cityCode: ZCityCode.optional(),
  insurance: ZInsuranceChoice.optional(),
  services: ZServiceChoice.optional(),
  tradeIn: ZTradeIn,
  loan: ZLoanChoice.optional(),
});
export type TQuoteRequest = z.infer<typeof ZQuoteRequest>;

export const ZLoanSummary = z.object({
  downPaymentFen: z.number().int(),
  principalFen: z.number().int(),
  termMonths: z.number().int(),
  method: z.enum(['equal_instalment', 'equal_principal']),
  firstPaymentFen: z.number().int(),
  lastPaymentFen: z.number().int(),
  totalInterestFen: z.number().int(),
  feesFen: z.number().int(),
  aprBp: z.number().int(),
  /** What the buyer pays before driving away: down payment, taxes, insurance, fees and services. */
  upfrontFen: z.number().int(),
  /** Landed total + interest + loan fees. */
  totalCostFen: z.number().int(),
});

export const ZQuote = z.object({
  id: z.string(),
  listingId: z.string(),
  cityCode: z.string(),
  date: z.string(),
  mode: z.enum(QUOTE_MODES),
  totalFen: z.number().int(),
  lines: z.array(ZPriceLine),
  loan: ZLoanSummary.nullable(),
  createdAt: z.string(),
});
export type TQuote = z.infer<typeof ZQuote>;
/** A quote computed for display and not stored (no id): the vehicle page's live breakdown. */
export const ZQuotePreview = ZQuote.omit({ id: true, createdAt: true });
export type TQuotePreview = z.infer<typeof ZQuotePreview>;
export const ZQuoteIdParams = z.object({ id: z.string().min(1).max(64) });

// ---- rule versions (console) ----

export const ZRuleVersion = z.object({
  id: z.string(),
  ruleId: z.string(),
  code: z.enum(RULE_CODES),
  scope: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  params: z.record(z.string(), z.unknown()),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** In effect today (for its scope). */
  current: z.boolean(),
});
export type TRuleVersion = z.infer<typeof ZRuleVersion>;
export const ZRuleVersionList = z.object({ items: z.array(ZRuleVersion) });

export const ZCreateRuleVersionRequest = z.object({
  code: z.enum(RULE_CODES),
  scope: z.union([z.literal('CN'), ZCityCode]),
  effectiveFrom: ZDay,
  params: z.record(z.string(), z.unknown()),
  descriptionZh: z.string().trim().min(2).max(500),
  descriptionEn: z.string().trim().min(2).max(500),
});
export type TCreateRuleVersionRequest = z.infer<typeof ZCreateRuleVersionRequest>;

// ---- price history and alerts ----

export const ZListingIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZPriceHistory = z.object({
  listingId: z.string(),
  currentFen: z.number().int(),
  /** Oldest first. */
  points: z.array(z.object({ priceFen: z.number().int(), at: z.string() })),
});
export type TPriceHistory = z.infer<typeof ZPriceHistory>;

export const ZPriceAlertState = z.object({
  listingId: z.string(),
  subscribed: z.boolean(),
  /** The price a drop is measured against. */
  referenceFen: z.number().int().nullable(),
});
export type TPriceAlertState = z.infer<typeof ZPriceAlertState>;

// ---- used-car valuation ----

export const ZValuationStep = z.object({
  factor: z.enum(['new_price', 'age', 'mileage', 'brand', 'condition', 'history', 'market']),
  effectFen: z.number().int(),
  ratio: z.number(),
  /** What this step means for this car, in the request's language. */
  explanation: z.string(),
});

export const ZValuation = z.object({
  valueFen: z.number().int(),
  lowFen: z.number().int(),
  highFen: z.number().int(),
  steps: z.array(ZValuationStep),
});
export type TValuation = z.infer<typeof ZValuation>;

/** An operator's override of a listing's valuation as buyers see it (who set it stays in the console). */
export const ZActiveOverride = z.object({
  valueFen: z.number().int(),
  reason: z.string(),
  setAt: z.string(),
});

export const ZListingValuation = ZValuation.extend({
  listingId: z.string(),
  priceFen: z.number().int(),
  /** The value the factor steps add up to; `valueFen` is the override's value while one is active. */
  computedValueFen: z.number().int(),
  override: ZActiveOverride.nullable(),
  /** The asking price against the valuation (the override when active): more than 15% either way is flagged. */
  pricing: z.enum(VALUATION_FLAGS),
});
export type TListingValuation = z.infer<typeof ZListingValuation>;

export const ZTradeInRequest = z.object({
  trimId: z.string().min(1).max(64),
  /** First registration (year and month). */
  firstRegistration: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  mileageKm: z.number().int().min(0).max(2_000_000),
  cityCode: ZCityCode,
  condition: z.enum(['excellent', 'good', 'fair', 'poor']),
  accident: z.boolean().default(false),
  flood: z.boolean().default(false),
  fire: z.boolean().default(false),
});
export type TTradeInRequest = z.infer<typeof ZTradeInRequest>;

export const ZTradeInValuation = ZValuation.extend({
  id: z.string(),
  trimId: z.string(),
  cityCode: z.string(),
  firstRegistration: z.string(),
  mileageKm: z.number().int(),
  condition: z.enum(['excellent', 'good', 'fair', 'poor']),
  createdAt: z.string(),
});
export type TTradeInValuation = z.infer<typeof ZTradeInValuation>;
export const ZTradeInIdParams = z.object({ id: z.string().min(1).max(64) });

// ---- the console's valuation board and overrides ----

const ZYes = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZValuationBoardQuery = z.object({
  flag: z.enum(VALUATION_FLAGS).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Brand slug (the catalog's brand index has it). */
  brand: z.string().trim().min(1).max(60).optional(),
  /** Part of the title, or a listing id. */
  q: z.string().trim().min(1).max(60).optional(),
  status: z.enum(['listed', 'delisted']).optional(),
  overridden: ZYes.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TValuationBoardQuery = z.infer<typeof ZValuationBoardQuery>;

export const ZValuationOverride = z.object({
  id: z.string(),
  valueFen: z.number().int(),
  /** The computed value when it was set. */
  computedFen: z.number().int(),
  reason: z.string(),
  setBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
  clearedAt: z.string().nullable(),
  clearedBy: z.string().nullable(),
  clearedByName: z.string().nullable(),
  clearReason: z.string().nullable(),
});
export type TValuationOverride = z.infer<typeof ZValuationOverride>;

export const ZValuationBoardItem = z.object({
  listingId: z.string(),
  status: z.enum(['listed', 'delisted']),
  title: z.string(),
  dealerId: z.string(),
  cityCode: z.string(),
  brandSlug: z.string(),
  seriesId: z.string(),
  priceFen: z.number().int(),
  computedFen: z.number().int(),
  /** The override while active, else the computed value. */
  valueFen: z.number().int(),
  overridden: z.boolean(),
  /** Price minus value: positive when the asking price is above the valuation. */
  differenceFen: z.number().int(),
  differenceBp: z.number().int(),
  flag: z.enum(VALUATION_FLAGS),
  computedAt: z.string(),
});
export type TValuationBoardItem = z.infer<typeof ZValuationBoardItem>;
export const ZValuationBoardPage = z.object({
  items: z.array(ZValuationBoardItem),
  nextCursor: z.string().nullable(),
});

export const ZValuationBoardDetail = ZValuationBoardItem.extend({
  lowFen: z.number().int(),
  highFen: z.number().int(),
  /** Each factor's effect in fen, explained in the request's language; they add up to `computedFen`. */
  steps: z.array(ZValuationStep),
  activeOverride: ZValuationOverride.nullable(),
  /** Every override ever set, newest first. */
  overrides: z.array(ZValuationOverride),
});
export type TValuationBoardDetail = z.infer<typeof ZValuationBoardDetail>;

export const ZValuationListingParams = z.object({ listingId: z.string().min(1).max(64) });

/** Field labels of the override forms (server messages and the console say the same words). */
export const OVERRIDE_FIELD_LABELS = {
  valueFen: { zh: '估值', en: 'Value' },
  reason: { zh: '原因', en: 'Reason' },
} as const;
export const OVERRIDE_REASON_MIN = 5;

const ZOverrideReason = z.string().trim().min(OVERRIDE_REASON_MIN).max(500);

export const ZSetValuationOverrideRequest = labelFields(
  z.object({
    valueFen: z.number().int().min(100_00).max(100_000_000_00),
    reason: ZOverrideReason,
  }),
  OVERRIDE_FIELD_LABELS,
);
export type TSetValuationOverrideRequest = z.infer<typeof ZSetValuationOverrideRequest>;

export const ZClearValuationOverrideRequest = labelFields(
  z.object({ reason: ZOverrideReason }),
  OVERRIDE_FIELD_LABELS,
);
export type TClearValuationOverrideRequest = z.infer<typeof ZClearValuationOverrideRequest>;
