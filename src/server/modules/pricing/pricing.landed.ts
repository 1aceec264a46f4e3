import { type Fen, roundFen } from '../../kernel/money.js';
import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import type { LINE_CODES } from './pricing.enums.js';
import { NEW_ENERGY, type RuleCode, type RuleVersion, ruleId } from './pricing.rules.js';

// The landed price (落地价) as a pure function of the car, the city's rules in effect and the buyer's choices.
// Every line names the rule version that produced it; rounding is half-up to the fen, once per line.

export type Energy = (typeof ENERGY_TYPES)[number];

export interface InsuranceChoice {
  vehicleDamage: boolean;
  /** Third-party liability amount in yuan (one of the rule's amounts), 0 for none. */
  thirdPartyAmountYuan: number;
  /** Seat cover per seat in yuan, 0 for none. */
  driverSeatYuan: number;
  passengerSeatYuan: number;
}

export const DEFAULT_INSURANCE: InsuranceChoice = {
  vehicleDamage: true,
  thirdPartyAmountYuan: 2_000_000,
  driverSeatYuan: 10_000,
  passengerSeatYuan: 10_000,
};

export interface ServiceChoice {
  plateService: boolean;
  extendedWarranty: boolean;
  /** Buy a plate quota in a quota city (Shanghai auction). */
  plateQuota: boolean;
}

export const NO_SERVICES: ServiceChoice = { plateService: false, extendedWarranty: false, plateQuota: false };

export interface LandedPriceInput {
  priceFen: Fen;
  energy: Energy;
  seats: number;
  displacementMl: number;
  used: boolean;
  /** On the NEV purchase-tax exemption catalogue (PHEV/EREV need >= 100 km electric range from 2026). */
  exemptionCatalogue: boolean;
  /** Pure-electric range when known (a listed trim): PHEV/EREV under the rule's minimum get no relief. */
  electricRangeKm?: number | null;
  insurance: InsuranceChoice;
  services: ServiceChoice;
  tradeIn: 'scrap' | 'replace' | null;
  /** The quote's day (YYYY-MM-DD, Asia/Shanghai): schemes with an end date stop after it. */
  date: string;
}

export type LineCode = (typeof LINE_CODES)[number];

export interface RuleRef {
  id: string;
  version: number;
  description: string;
}

export interface PriceLine {
  code: LineCode;
  amountFen: Fen;
  includedInPrice: boolean;
  rule: RuleRef;
  /** Parts of a line (commercial insurance by coverage). */
  parts?: { code: string; amountFen: Fen }[];
}

export interface LandedPrice {
  totalFen: Fen;
  lines: PriceLine[];
}

/** The rule version in effect for a code at the quote's date and city, or undefined when none is. */
export type RuleLookup = <C extends RuleCode>(code: C) => RuleVersion<C> | undefined;

export class MissingRuleError extends Error {
  constructor(readonly code: RuleCode) {
    super(`no ${code} rule is in effect`);
  }
}

const VEHICLE_PRICE_RULE = {
  id: 'vehicle_price',
  version: 1,
  description: { zh: '成交车价（含13%增值税）', en: 'Vehicle price (including 13% VAT)' },
};

/** Displacement band index for vessel tax: <=1.0, <=1.6, <=2.0, <=2.5, <=3.0, <=4.0, >4.0 L. */
export function displacementBand(ml: number): number {
  const limits = [1000, 1600, 2000, 2500, 3000, 4000];
  const i = limits.findIndex((limit) => ml <= limit);
  return i === -1 ? limits.length : i;
}

/** Price without VAT x rate, rounded once: price x rateBp / (10000 + vatBp). */
function exVatShare(priceFen: Fen, rateBp: number, vatBp: number): Fen {
  return roundFen((priceFen * rateBp) / (10_000 + vatBp));
}

export function isNewEnergy(energy: Energy): boolean {
  return NEW_ENERGY.includes(energy);
}

export function computeLandedPrice(
  input: LandedPriceInput,
  rules: RuleLookup,
  lang: 'zh-CN' | 'en',
): LandedPrice {
  const describe = (r: RuleVersion | typeof VEHICLE_PRICE_RULE, id: string): RuleRef => ({
    id,
    version: r.version,
    description: lang === 'en' ? r.description.en : r.description.zh,
  });
  const need = <C extends RuleCode>(code: C): RuleVersion<C> => {
    const rule = rules(code);
    if (!rule) throw new MissingRuleError(code);
    return rule;
  };
  const ref = (r: RuleVersion) => describe(r, ruleId(r.code, r.scope));
  const lines: PriceLine[] = [];
  const price = input.priceFen;
  const nev = isNewEnergy(input.energy);

  lines.push({
    code: 'vehicle_price',
    amountFen: price,
    includedInPrice: false,
    rule: describe(VEHICLE_PRICE_RULE, VEHICLE_PRICE_RULE.id),
  });

  // Levied on the retailer and carried in the price: shown, not added.
  if (!input.used) {
    const luxury = rules('super_luxury_tax');
    if (luxury) {
      const p = luxury.params;
      const reaches = price * 10_000 >= p.thresholdExVatFen * (10_000 + p.vatBp);
      if (reaches) {
        lines.push({
          code: 'super_luxury_tax',
          amountFen: exVatShare(price, p.rateBp, p.vatBp),
          includedInPrice: true,
          rule: ref(luxury),
        });
      }
    }
  }

  const purchase = need('purchase_tax');
  let purchaseTax = 0;
  if (!input.used) {
    const p = purchase.params;
    // Exact until the end: the line is rounded once (price ÷ 1.13 × 10% × 50% for a 2026 NEV).
    const tax = (price * p.rateBp) / (10_000 + p.vatBp);
    let relief = 0;
    const shortRange =
      (input.energy === 'phev' || input.energy === 'erev') &&
      input.electricRangeKm != null &&
      p.nevRelief !== null &&
      input.electricRangeKm < p.nevRelief.minPhevRangeKm;
    if (nev && input.exemptionCatalogue && p.nevRelief && !shortRange) {
      relief = (tax * p.nevRelief.shareBp) / 10_000;
      if (p.nevRelief.capFen !== null) relief = Math.min(relief, p.nevRelief.capFen);
    }
    purchaseTax = roundFen(tax - relief);
  }
  lines.push({ code: 'purchase_tax', amountFen: purchaseTax, includedInPrice: false, rule: ref(purchase) });

  const compulsory = need('compulsory_insurance');
  lines.push({
    code: 'compulsory_insurance',
    amountFen: input.seats >= 6 ? compulsory.params.sixSeatsOrMoreFen : compulsory.params.underSixSeatsFen,
    includedInPrice: false,
    rule: ref(compulsory),
  });

  const vessel = need('vessel_tax');
  const vesselExempt = vessel.params.exemptEnergies.includes(input.energy);
  lines.push({
    code: 'vessel_tax',
    amountFen: vesselExempt ? 0 : (vessel.params.bandsFen[displacementBand(input.displacementMl)] ?? 0),
    includedInPrice: false,
    rule: ref(vessel),
  });

  const registration = need('registration_fee');
  lines.push({
    code: 'registration_fee',
    amountFen: registration.params.amountFen,
    includedInPrice: false,
    rule: ref(registration),
  });

  const commercial = need('commercial_insurance');
  const parts = commercialInsuranceParts(input, commercial.params, nev);
  lines.push({
    code: 'commercial_insurance_estimate',
    amountFen: parts.reduce((sum, part) => sum + part.amountFen, 0),
    includedInPrice: false,
    rule: ref(commercial),
    parts,
  });

  const quota = rules('plate_quota');
  if (input.services.plateQuota && quota && !quota.params.exemptEnergies.includes(input.energy)) {
    lines.push({
      code: 'plate_quota',
      amountFen: quota.params.amountFen,
      includedInPrice: false,
      rule: ref(quota),
    });
  }

  const services = rules('optional_services');
  if (services) {
    const p = services.params;
    if (input.services.plateService) {
      lines.push({
        code: 'plate_service',
        amountFen: p.plateServiceFen,
        includedInPrice: false,
        rule: ref(services),
      });
    }
    if (input.services.extendedWarranty) {
      lines.push({
        code: 'extended_warranty',
        amountFen: Math.max(p.extendedWarrantyMinFen, roundFen((price * p.extendedWarrantyRateBp) / 10_000)),
        includedInPrice: false,
        rule: ref(services),
      });
    }
    if (p.platformFeeFen > 0) {
      lines.push({
        code: 'platform_fee',
        amountFen: p.platformFeeFen,
        includedInPrice: false,
        rule: ref(services),
      });
    }
  }

  const subsidy = input.tradeIn && !input.used ? tradeInSubsidy(input, rules('trade_in_subsidy')) : null;
  if (subsidy) lines.push({ ...subsidy, rule: ref(subsidy.version) });

  const totalFen = lines.filter((l) => !l.includedInPrice).reduce((sum, l) => sum + l.amountFen, 0);
  return { totalFen, lines };
}

function commercialInsuranceParts(
  input: LandedPriceInput,
  p: RuleVersion<'commercial_insurance'>['params'],
  nev: boolean,
): { code: string; amountFen: Fen }[] {
  const choice = input.insurance;
  const parts: { code: string; amountFen: Fen }[] = [];
  if (choice.vehicleDamage) {
    const rate = nev ? p.nevDamageRateBp : p.damageRateBp;
    parts.push({
      code: 'vehicle_damage',
      amountFen: p.damageBaseFen + roundFen((input.priceFen * rate) / 10_000),
    });
  }
  if (choice.thirdPartyAmountYuan > 0) {
    const base = p.thirdPartyFen[String(choice.thirdPartyAmountYuan)];
    if (base !== undefined) {
      const extra = input.seats >= 6 ? p.sixSeatsExtraBp : 0;
      parts.push({ code: 'third_party', amountFen: roundFen((base * (10_000 + extra)) / 10_000) });
    }
  }
  if (choice.driverSeatYuan > 0) {
    parts.push({
      code: 'driver_seat',
      amountFen: roundFen((choice.driverSeatYuan * 100 * p.driverSeatRateBp) / 10_000),
    });
  }
  const passengers = Math.max(0, input.seats - 1);
  if (choice.passengerSeatYuan > 0 && passengers > 0) {
    parts.push({
      code: 'passenger_seats',
      amountFen: roundFen((choice.passengerSeatYuan * 100 * passengers * p.passengerSeatRateBp) / 10_000),
    });
  }
  return parts;
}

/** The 以旧换新 subsidy as a negative line, or null when the car or the date does not qualify. */
function tradeInSubsidy(
  input: LandedPriceInput,
  rule: RuleVersion<'trade_in_subsidy'> | undefined,
): (Omit<PriceLine, 'rule'> & { version: RuleVersion }) | null {
  if (!rule || !input.tradeIn || input.date > rule.params.until) return null;
  const category = isNewEnergy(input.energy)
    ? input.exemptionCatalogue
      ? 'nev'
      : null
    : input.displacementMl > 0 && input.displacementMl <= 2000
      ? 'petrol_up_to_2l'
      : null;
  const option = rule.params.options.find((o) => o.mode === input.tradeIn && o.newCar === category);
  if (!option) return null;
  const amount = Math.min(option.capFen, roundFen((input.priceFen * option.rateBp) / 10_000));
  return { code: 'trade_in_subsidy', amountFen: -amount, includedInPrice: false, version: rule };
}
