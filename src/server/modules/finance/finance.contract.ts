import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import { LENDER_CODES, LOAN_METHODS } from './finance.enums.js';

// Request and response schemas of /api/v1/finance: they validate, type and document each route, and the web
// app imports them.

/** The public loan calculator partners call (exact contract). */
export const ZLoanQuoteRequest = z
  .object({
    principalFen: z.number().int().min(1).max(100_000_000_00),
    termMonths: z.number().int().min(12).max(60),
    method: z.enum(LOAN_METHODS),
    /** Nominal yearly rate in basis points (480 = 4.80%/yr). */
    annualRateBp: z.number().int().min(0).max(10_000).optional(),
    /** Flat rate per year in basis points: total interest = principal x rate x years, paid in equal parts. */
    flatRateBp: z.number().int().min(0).max(10_000).optional(),
    feesFen: z.number().int().min(0).default(0),
  })
  .superRefine((v, ctx) => {
    const both = v.annualRateBp !== undefined && v.flatRateBp !== undefined;
    const neither = v.annualRateBp === undefined && v.flatRateBp === undefined;
    if (both || neither) {
      const message = both ? 'give annualRateBp or flatRateBp, not both' : 'give annualRateBp or flatRateBp';
      ctx.addIssue({ code: 'custom', path: ['annualRateBp'], message });
      ctx.addIssue({ code: 'custom', path: ['flatRateBp'], message });
    }
    if (v.feesFen >= v.principalFen) {
      ctx.addIssue({ code: 'custom', path: ['feesFen'], message: 'fees must be less than the principal' });
    }
  });
export type TLoanQuoteRequest = z.infer<typeof ZLoanQuoteRequest>;

export const ZInstalment = z.object({
  n: z.number().int(),
  paymentFen: z.number().int(),
  principalFen: z.number().int(),
  interestFen: z.number().int(),
  balanceFen: z.number().int(),
});

export const ZLoanQuoteResponse = z.object({
  firstPaymentFen: z.number().int(),
  lastPaymentFen: z.number().int(),
  totalInterestFen: z.number().int(),
  /** Every payment plus the fees. */
  totalPaidFen: z.number().int(),
  /** Monthly IRR x 12 over the actual cash flows (fees included), in basis points, rounded half-up. */
  aprBp: z.number().int(),
  schedule: z.array(ZInstalment),
});
export type TLoanQuoteResponse = z.infer<typeof ZLoanQuoteResponse>;

// ---- finance products of partner lenders ----

export const RATE_KINDS = ['annual', 'flat'] as const;
/** New-energy vehicles: the lower minimum down payment of a product applies to them. */
export const NEV_ENERGIES = ['bev', 'phev', 'erev', 'fcev'] as const;
/** DOMAIN "Rules and numbers": a used-car loan needs at least 30% down and runs 36 months at most. */
export const USED_CAR_MIN_DOWN_BP = 3000;
export const USED_CAR_MAX_TERM_MONTHS = 36;
export const PRODUCT_STATUSES = ['active', 'scheduled', 'expired', 'inactive'] as const;

const ZBp = z.number().int().min(0).max(3600);
const ZDownBp = z.number().int().min(0).max(9000);
const ZSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a catalog brand slug (byd, li-auto)');

export const ZProductTerm = z.object({
  termMonths: z.number().int().min(12).max(60),
  /** Basis points per year: the nominal annual rate, or the flat rate when the product quotes flat. */
  rateBp: ZBp,
});

const productFields = {
  lenderCode: z.enum(LENDER_CODES),
  nameZh: ZVisibleText({ min: 2, max: 60 }),
  nameEn: ZVisibleText({ min: 2, max: 100 }),
  forNew: z.boolean(),
  forUsed: z.boolean(),
  /** Empty = every energy type. */
  energies: z
    .array(z.enum(ENERGY_TYPES))
    .max(ENERGY_TYPES.length)
    .refine((e) => new Set(e).size === e.length, 'energies must not repeat'),
  /** Catalog brand slugs the offer is limited to; empty = every brand. */
  brands: z
    .array(ZSlug)
    .max(20)
    .refine((b) => new Set(b).size === b.length, 'brands must not repeat'),
  minPriceFen: z.number().int().min(0).max(100_000_000_00),
  /** Null = no upper limit. */
  maxPriceFen: z.number().int().min(1).max(100_000_000_00).nullable(),
  rateKind: z.enum(RATE_KINDS),
  method: z.enum(LOAN_METHODS),
  terms: z
    .array(ZProductTerm)
    .min(1)
    .max(10)
    .refine((t) => new Set(t.map((x) => x.termMonths)).size === t.length, 'each term once'),
  feesFen: z.number().int().min(0).max(10_000_000),
  minDownBpIce: ZDownBp,
  minDownBpNev: ZDownBp,
  /** A 0%-interest offer whose interest the platform carries. */
  subsidised: z.boolean(),
  /** The lender's annual rate the platform's subsidy is priced at (subsidised offers only). */
  referenceRateBp: z.number().int().min(1).max(3600).nullable(),
  validFrom: z.iso.date(),
  /** Null = open-ended. */
  validTo: z.iso.date().nullable(),
  active: z.boolean(),
};

/** The fields of a product every rule below reads (a create request, or a stored product with a change). */
export type TProductFields = {
  [K in keyof typeof productFields]: z.infer<(typeof productFields)[K]>;
};

/**
 * What makes a product inconsistent as a whole, as `{ path, message }`: the create schema and the update
 * service (which merges a change into the stored product) both ask it, so the rules are said once.
 */
export function productIssues(p: TProductFields): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!p.forNew && !p.forUsed)
    out.push({ path: 'forUsed', message: 'applies to new or used cars (or both)' });
  if (p.maxPriceFen !== null && p.maxPriceFen < p.minPriceFen) {
    out.push({ path: 'maxPriceFen', message: 'the highest price must not be below the lowest' });
  }
  if (p.validTo !== null && p.validTo < p.validFrom) {
    out.push({ path: 'validTo', message: 'validTo must not be before validFrom' });
  }
  if (p.rateKind === 'flat' && p.method !== 'equal_instalment') {
    out.push({ path: 'method', message: 'a flat-rate quote is repaid in equal instalments' });
  }
  if (p.forUsed && !p.forNew) {
    // A used-car-only product that promised less would show buyers terms the rule forbids anyway.
    for (const key of ['minDownBpIce', 'minDownBpNev'] as const) {
      if (p[key] < USED_CAR_MIN_DOWN_BP) out.push({ path: key, message: 'used cars need at least 30% down' });
    }
    p.terms.forEach((t, i) => {
      if (t.termMonths > USED_CAR_MAX_TERM_MONTHS) {
        out.push({ path: `terms.${i}.termMonths`, message: 'a used-car loan runs 36 months at most' });
      }
    });
  }
  if (p.subsidised) {
    if (p.referenceRateBp === null) {
      out.push({
        path: 'referenceRateBp',
        message: 'a subsidised offer names the rate its subsidy is priced at',
      });
    }
    if (p.rateKind !== 'annual')
      out.push({ path: 'rateKind', message: 'a subsidised offer is a 0% annual rate' });
    p.terms.forEach((t, i) => {
      if (t.rateBp !== 0) out.push({ path: `terms.${i}.rateBp`, message: 'a subsidised offer charges 0%' });
    });
  } else if (p.referenceRateBp !== null) {
    out.push({ path: 'referenceRateBp', message: 'only a subsidised offer has a reference rate' });
  }
  return out;
}

function refineProduct(p: TProductFields, ctx: z.RefinementCtx): void {
  for (const issue of productIssues(p)) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
      message: issue.message,
    });
  }
}

export const ZCreateFinanceProductRequest = z.object(productFields).superRefine(refineProduct);
export type TCreateFinanceProductRequest = z.infer<typeof ZCreateFinanceProductRequest>;

/** A change to a product: the fields to change and the version it was read at (a stale copy is refused). */
export const ZUpdateFinanceProductRequest = z
  .object(productFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), 'at least one field to change');
export type TUpdateFinanceProductRequest = z.infer<typeof ZUpdateFinanceProductRequest>;

export const ZFinanceProduct = z.object({
  id: z.string(),
  ...productFields,
  nameZh: z.string(),
  nameEn: z.string(),
  /** Whether it is offered today (Asia/Shanghai): active and within its dates. */
  status: z.enum(PRODUCT_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TFinanceProduct = z.infer<typeof ZFinanceProduct>;

export const ZFinanceProductList = z.object({ items: z.array(ZFinanceProduct) });
export const ZFinanceProductIdParams = z.object({
  id: z.string().regex(/^fp_[a-z0-9_]{1,60}$/, 'a finance product id (fp_...)'),
});

// ---- plans for a car (the public side) ----

/** The applicable products for a car and, per product and term, the plan a buyer would get. */
export const ZFinancePlansRequest = z
  .object({
    priceFen: z.number().int().min(100_00).max(100_000_000_00),
    energy: z.enum(ENERGY_TYPES),
    used: z.boolean().default(false),
    /** The car's catalog brand slug: brand-limited offers apply only when it matches. */
    brand: ZSlug.optional(),
    /** Only this term. */
    termMonths: z.number().int().min(12).max(60).optional(),
    /** Default: each product's own minimum. */
    downPaymentFen: z.number().int().min(0).optional(),
    /** Only this product: its minimum down payment and terms are then enforced with an error. */
    productId: ZFinanceProductIdParams.shape.id.optional(),
    /** Default today (Asia/Shanghai). */
    date: z.iso.date().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.downPaymentFen !== undefined && v.downPaymentFen >= v.priceFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['downPaymentFen'],
        message: 'the down payment must be below the price',
      });
    }
    if (v.used && v.termMonths !== undefined && v.termMonths > USED_CAR_MAX_TERM_MONTHS) {
      ctx.addIssue({
        code: 'custom',
        path: ['termMonths'],
        message: 'a used-car loan runs 36 months at most',
      });
    }
  });
export type TFinancePlansRequest = z.infer<typeof ZFinancePlansRequest>;

export const ZFinancePlan = z.object({
  termMonths: z.number().int(),
  /** The product's rate for this term (annual or flat, as `rateKind` says). */
  rateBp: z.number().int(),
  /** The monthly payment (the first one; equal-principal payments fall after it). */
  firstPaymentFen: z.number().int(),
  lastPaymentFen: z.number().int(),
  totalInterestFen: z.number().int(),
  feesFen: z.number().int(),
  /** Every payment plus the fees. */
  totalPaidFen: z.number().int(),
  /** Monthly IRR x 12 over the actual cash flows, fees included (PBOC 2021 No.3). */
  aprBp: z.number().int(),
  /** What the platform pays the lender for a 0% offer: the interest at the lender's reference rate. */
  subsidyFen: z.number().int(),
  /** Down payment + everything repaid: what the car costs the buyer this way. */
  totalCostFen: z.number().int(),
});
export type TFinancePlan = z.infer<typeof ZFinancePlan>;

export const ZProductOffer = z.object({
  productId: z.string(),
  lenderCode: z.enum(LENDER_CODES),
  name: z.object({ zh: z.string(), en: z.string() }),
  rateKind: z.enum(RATE_KINDS),
  method: z.enum(LOAN_METHODS),
  subsidised: z.boolean(),
  referenceRateBp: z.number().int().nullable(),
  brands: z.array(z.string()),
  validTo: z.string().nullable(),
  /** The minimum that applies to this car (NEV or not, used-car floor), as a share and an amount. */
  minDownPaymentBp: z.number().int(),
  minDownPaymentFen: z.number().int(),
  /** The down payment the plans use: the one asked for, else the minimum. */
  downPaymentFen: z.number().int(),
  principalFen: z.number().int(),
  /** False when the down payment asked for is below this product's minimum: then no plans. */
  meetsMinimum: z.boolean(),
  plans: z.array(ZFinancePlan),
});
export type TProductOffer = z.infer<typeof ZProductOffer>;

export const ZFinancePlansResponse = z.object({
  priceFen: z.number().int(),
  date: z.string(),
  products: z.array(ZProductOffer),
});
export type TFinancePlansResponse = z.infer<typeof ZFinancePlansResponse>;
