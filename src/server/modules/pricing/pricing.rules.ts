import { z } from 'zod';
import { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import type { RULE_CODES } from './pricing.enums.js';

/**
 * The tax and fee rules a landed price is made of. Each rule is dated data: a version takes effect from its
 * date in its scope (the whole country, a province or a city; the most specific scope wins) and is never
 * edited once saved, so a stored quote can always be explained by the versions it names.
 */

export type RuleCode = (typeof RULE_CODES)[number];

const ZFen = z.number().int().min(0).max(100_000_000_00);
const ZBp = z.number().int().min(0).max(10_000);
const ZEnergy = z.enum(ENERGY_TYPES);

export const NEW_ENERGY: readonly (typeof ENERGY_TYPES)[number][] = ['bev', 'phev', 'erev', 'fcev'];

/** Param schemas per rule code: the console edits them, the calculator reads them. */
export const RULE_PARAMS = {
  purchase_tax: z.object({
    /** 10% of the invoice price without VAT. */
    rateBp: ZBp,
    vatBp: ZBp,
    /** NEV relief for cars on the exemption catalogue: a share of the tax, up to a cap; null = none. */
    nevRelief: z
      .object({
        shareBp: ZBp,
        capFen: ZFen.nullable(),
        /** PHEV/EREV qualify only from this pure-electric range (km); 0 = no minimum. */
        minPhevRangeKm: z.number().int().min(0).max(1000).default(0),
      })
      .nullable(),
  }),
  super_luxury_tax: z.object({
    /** Retail price without VAT from which the whole amount is taxed. */
    thresholdExVatFen: ZFen,
    rateBp: ZBp,
    vatBp: ZBp,
  }),
  compulsory_insurance: z.object({
    /** First-year premium of a private car under 6 seats and with 6 seats or more. */
    underSixSeatsFen: ZFen,
    sixSeatsOrMoreFen: ZFen,
  }),
  vessel_tax: z.object({
    /** Yearly tax per displacement band: <=1.0, 1.0-1.6, 1.6-2.0, 2.0-2.5, 2.5-3.0, 3.0-4.0, >4.0 L. */
    bandsFen: z.array(ZFen).length(7),
    /** Energies outside the tax (battery-electric and fuel-cell passenger cars). */
    exemptEnergies: z.array(ZEnergy),
  }),
  registration_fee: z.object({ amountFen: ZFen }),
  plate_quota: z.object({
    /** The cost of a plate quota where plates are auctioned (optional line, the buyer may have one). */
    amountFen: ZFen,
    /** Energies that get a free plate (green plate) in this city. */
    exemptEnergies: z.array(ZEnergy),
  }),
  commercial_insurance: z.object({
    damageBaseFen: ZFen,
    damageRateBp: ZBp,
    /** NEVs cost more to repair: their vehicle-damage rate. */
    nevDamageRateBp: ZBp,
    /** Third-party liability premium by insured amount in yuan (under 6 seats; 6+ seats add sixSeatsExtraBp). */
    thirdPartyFen: z.record(z.string().regex(/^\d+$/), ZFen),
    sixSeatsExtraBp: ZBp,
    /** Seat cover premium as a share of the insured amount per seat. */
    driverSeatRateBp: ZBp,
    passengerSeatRateBp: ZBp,
  }),
  optional_services: z.object({
    plateServiceFen: ZFen,
    /** Extended warranty price as a share of the car price, with a floor. */
    extendedWarrantyRateBp: ZBp,
    extendedWarrantyMinFen: ZFen,
    platformFeeFen: ZFen,
  }),
  trade_in_subsidy: z.object({
    /** One per buyer; a share of the new car's price with a cap, by how the old car goes and what is bought. */
    options: z.array(
      z.object({
        mode: z.enum(['scrap', 'replace']),
        newCar: z.enum(['nev', 'petrol_up_to_2l']),
        rateBp: ZBp,
        capFen: ZFen,
      }),
    ),
    /** The last day a car may be bought under this scheme. */
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  price_move_review: z.object({
    /** A listing price that moves more than this share within 24 hours goes to the review queue. */
    shareBp: z.number().int().min(100).max(10_000),
  }),
} satisfies Record<RuleCode, z.ZodType>;

export type RuleParams<C extends RuleCode> = z.infer<(typeof RULE_PARAMS)[C]>;

export interface RuleVersion<C extends RuleCode = RuleCode> {
  id: string;
  code: C;
  /** 'CN' for the whole country, or a GB/T 2260 province or city code. */
  scope: string;
  version: number;
  effectiveFrom: string;
  params: RuleParams<C>;
  description: { zh: string; en: string };
}

/** The scopes that apply to a city, most specific first: the city, its province, the country. */
export function scopesOf(cityCode: string): string[] {
  const province = `${cityCode.slice(0, 2)}0000`;
  return province === cityCode ? [cityCode, 'CN'] : [cityCode, province, 'CN'];
}

/** The public rule id: the code, plus the scope when it is not national (vessel_tax:310000). */
export function ruleId(code: RuleCode, scope: string): string {
  return scope === 'CN' ? code : `${code}:${scope}`;
}

/**
 * The lookup a quote uses: for each code, the version in effect on `date` in the most specific scope of the
 * city that has one. `versions` is every saved version (a small table, cached per process).
 */
export function ruleLookup(
  versions: readonly RuleVersion[],
  cityCode: string,
  date: string,
): <C extends RuleCode>(code: C) => RuleVersion<C> | undefined {
  const scopes = scopesOf(cityCode);
  return <C extends RuleCode>(code: C) => {
    for (const scope of scopes) {
      let best: RuleVersion | undefined;
      for (const v of versions) {
        if (v.code !== code || v.scope !== scope || v.effectiveFrom > date) continue;
        if (
          !best ||
          v.effectiveFrom > best.effectiveFrom ||
          (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
        )
          best = v;
      }
      if (best) return best as RuleVersion<C>;
    }
    return undefined;
  };
}
