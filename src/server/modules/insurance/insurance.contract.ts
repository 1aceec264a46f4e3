import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import {
  INSURER_CODES,
  INSURER_STATUSES,
  PLAN_STATUSES,
  PREMIUM_LINE_CODES,
  SEAT_COVER_AMOUNTS,
  THIRD_PARTY_AMOUNTS,
} from './insurance.enums.js';

// Request and response schemas of /api/v1/insurance: they validate, type and document each route, and the web
// app imports them.

const oneOf = (values: readonly number[]) =>
  z
    .number()
    .int()
    .refine((v) => values.includes(v), { message: `one of ${values.join(', ')}` });

export const ZInsurerCode = z.enum(INSURER_CODES);
export const ZInsurerStatus = z.enum(INSURER_STATUSES);

/** What the buyer asks to insure; the compulsory cover (交强险) is always in the plan. */
export const ZCoverages = z.object({
  vehicleDamage: z.boolean().default(true).describe('车损险'),
  thirdPartyAmountYuan: oneOf(THIRD_PARTY_AMOUNTS).default(2_000_000).describe('三者险 amount, 0 for none'),
  driverSeatYuan: oneOf(SEAT_COVER_AMOUNTS).default(10_000).describe('司机座位险 amount'),
  passengerSeatYuan: oneOf(SEAT_COVER_AMOUNTS).default(10_000).describe('乘客座位险 amount per seat'),
  nevCharging: z.boolean().default(true).describe('NEVs only: grid failure and home charger cover'),
});
export type TCoverages = z.infer<typeof ZCoverages>;

/** Any car, described by the buyer (the calculator); a listing's facts come from the listing instead. */
export const ZVehicleFacts = z.object({
  priceFen: z
    .number()
    .int()
    .min(100_000)
    .max(10_000_000_000)
    .describe('new-car price, or a used car’s value'),
  energy: z.enum(ENERGY_TYPES),
  seats: z.number().int().min(2).max(9),
  cityCode: z.string().regex(/^\d{6}$/, 'a GB/T 2260 code'),
  used: z.boolean().default(false),
  firstRegistrationYear: z.number().int().min(1990).max(2100).optional(),
  accidentFreeYears: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe('used cars: years without an at-fault accident'),
});
export type TVehicleFacts = z.infer<typeof ZVehicleFacts>;

export const ZCreateQuoteRequest = z
  .object({
    listingId: z.string().min(1).max(64).optional(),
    /** For a listing: the city to insure in (default the listing's city). */
    cityCode: z
      .string()
      .regex(/^\d{6}$/, 'a GB/T 2260 code')
      .optional(),
    vehicle: ZVehicleFacts.optional(),
    coverages: ZCoverages.default({
      vehicleDamage: true,
      thirdPartyAmountYuan: 2_000_000,
      driverSeatYuan: 10_000,
      passengerSeatYuan: 10_000,
      nevCharging: true,
    }),
  })
  .refine((r) => (r.listingId === undefined) !== (r.vehicle === undefined), {
    message: 'give either listingId or vehicle',
    path: ['vehicle'],
  });
export type TCreateQuoteRequest = z.infer<typeof ZCreateQuoteRequest>;

export const ZPremiumLine = z.object({
  code: z.enum(PREMIUM_LINE_CODES),
  premiumFen: z.number().int(),
  insuredFen: z.number().int().nullable(),
});
export type TPremiumLine = z.infer<typeof ZPremiumLine>;

export const ZPlan = z.object({
  insurerCode: ZInsurerCode,
  insurerNameZh: z.string(),
  insurerNameEn: z.string(),
  status: z.enum(PLAN_STATUSES),
  lines: z.array(ZPremiumLine),
  totalFen: z.number().int().nullable(),
  validUntil: z.string().nullable(),
  /** The sandbox made this plan up (no real insurer stands behind it). */
  sandbox: z.boolean(),
  /** The lowest total among the quoted plans (ties: each of them). */
  cheapest: z.boolean(),
});
export type TPlan = z.infer<typeof ZPlan>;

export const ZInsuranceQuote = z.object({
  id: z.string(),
  listingId: z.string().nullable(),
  vehicle: z.object({
    valueFen: z.number().int(),
    energy: z.enum(ENERGY_TYPES),
    seats: z.number().int(),
    cityCode: z.string(),
    used: z.boolean(),
    firstRegistrationYear: z.number().int().nullable(),
    accidentFreeYears: z.number().int(),
  }),
  coverages: ZCoverages,
  plans: z.array(ZPlan),
  createdAt: z.string(),
  validUntil: z.string(),
});
export type TInsuranceQuote = z.infer<typeof ZInsuranceQuote>;

export const ZQuoteIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZChooseRequest = z.object({ quoteId: z.string().min(1).max(64), insurerCode: ZInsurerCode });
export type TChooseRequest = z.infer<typeof ZChooseRequest>;

export const ZInsuranceChoice = z.object({
  id: z.string(),
  buyerId: z.string(),
  quoteId: z.string(),
  listingId: z.string().nullable(),
  insurerCode: ZInsurerCode,
  insurerNameZh: z.string(),
  insurerNameEn: z.string(),
  coverages: ZCoverages,
  lines: z.array(ZPremiumLine),
  totalFen: z.number().int(),
  sandbox: z.boolean(),
  chosenAt: z.string(),
});
export type TInsuranceChoice = z.infer<typeof ZInsuranceChoice>;
export const ZInsuranceChoiceList = z.object({ items: z.array(ZInsuranceChoice) });
export const ZChoiceIdParams = z.object({ id: z.string().min(1).max(64) });

// ---- console ----

export const ZInsurer = z.object({
  code: ZInsurerCode,
  nameZh: z.string(),
  nameEn: z.string(),
  status: ZInsurerStatus,
  displayOrder: z.number().int(),
  /** Whether an adapter (real or sandbox) answers for it in this deployment. */
  connected: z.boolean(),
  sandbox: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TInsurer = z.infer<typeof ZInsurer>;
export const ZInsurerList = z.object({ items: z.array(ZInsurer) });
export type TInsurerList = z.infer<typeof ZInsurerList>;

export const ZInsurerCodeParams = z.object({ code: ZInsurerCode });
export const ZInsurerActionParams = z.object({
  code: ZInsurerCode,
  action: z.enum(['activate', 'deactivate']),
});

export const ZUpdateInsurerRequest = z
  .object({
    nameZh: ZVisibleText({ max: 40 }).optional(),
    nameEn: ZVisibleText({ max: 80 }).optional(),
    displayOrder: z.number().int().min(0).max(9_999).optional(),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'nothing to change' });
export type TUpdateInsurerRequest = z.infer<typeof ZUpdateInsurerRequest>;
