import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import {
  NEV_ENERGIES,
  type TFinancePlan,
  type TProductFields,
  USED_CAR_MAX_TERM_MONTHS,
  USED_CAR_MIN_DOWN_BP,
} from './finance.contract.js';
import { quoteLoan } from './finance.loan.js';
import type { ProductTerm } from './finance.schema.js';

// The rules that turn a lender's product into a buyer's plans for one car: which products apply, the
// minimum down payment that applies, the terms offered, and per term the plan with its APR and the
// platform's subsidy for 0% offers. Pure: the service reads the products and calls these.

export type Energy = (typeof ENERGY_TYPES)[number];

/** The car a plan is for. */
export interface CarForPlan {
  priceFen: number;
  energy: Energy;
  used: boolean;
  /** Catalog brand slug, when known. */
  brand?: string | undefined;
}

export function isNewEnergy(energy: Energy): boolean {
  return (NEV_ENERGIES as readonly string[]).includes(energy);
}

/**
 * Whether a product is offered for a car: new/used, energy, price range, brand. A brand-limited offer
 * applies when the car's brand is unknown (the calculator for any car shows it with its brand condition)
 * and not when the brand is known and different.
 */
export function productApplies(p: TProductFields, car: CarForPlan): boolean {
  if (car.used ? !p.forUsed : !p.forNew) return false;
  if (p.energies.length > 0 && !p.energies.includes(car.energy)) return false;
  if (car.priceFen < p.minPriceFen) return false;
  if (p.maxPriceFen !== null && car.priceFen > p.maxPriceFen) return false;
  if (p.brands.length > 0 && car.brand !== undefined && !p.brands.includes(car.brand)) return false;
  return termsFor(p, car).length > 0;
}

/** The minimum down payment share for this car: the NEV or ICE share, never under 30% for a used car. */
export function minDownPaymentBp(p: TProductFields, car: CarForPlan): number {
  const own = isNewEnergy(car.energy) ? p.minDownBpNev : p.minDownBpIce;
  return car.used ? Math.max(own, USED_CAR_MIN_DOWN_BP) : own;
}

/** The smallest down payment in fen at a share of the price, rounded up (a minimum is never undercut). */
export function minimumFen(priceFen: number, bp: number): number {
  return Math.ceil((priceFen * bp) / 10_000);
}

/** The terms a product offers this car (a used car: 36 months at most), shortest first. */
export function termsFor(p: TProductFields, car: CarForPlan): ProductTerm[] {
  return p.terms
    .filter((t) => !car.used || t.termMonths <= USED_CAR_MAX_TERM_MONTHS)
    .sort((a, b) => a.termMonths - b.termMonths);
}

/**
 * The plan for one term. For a subsidised 0% offer the buyer pays no interest and the platform pays the
 * lender what the buyer would have paid at the lender's reference rate: that interest is the subsidy.
 */
export function planFor(
  p: TProductFields,
  term: ProductTerm,
  priceFen: number,
  downPaymentFen: number,
): TFinancePlan {
  const principalFen = priceFen - downPaymentFen;
  const rate = p.rateKind === 'flat' ? { flatRateBp: term.rateBp } : { annualRateBp: term.rateBp };
  const quote = quoteLoan({
    principalFen,
    termMonths: term.termMonths,
    method: p.method,
    ...rate,
    feesFen: p.feesFen,
  });
  const subsidyFen =
    p.subsidised && p.referenceRateBp !== null
      ? quoteLoan({
          principalFen,
          termMonths: term.termMonths,
          method: p.method,
          annualRateBp: p.referenceRateBp,
          feesFen: 0,
        }).totalInterestFen
      : 0;
  return {
    termMonths: term.termMonths,
    rateBp: term.rateBp,
    firstPaymentFen: quote.firstPaymentFen,
    lastPaymentFen: quote.lastPaymentFen,
    totalInterestFen: quote.totalInterestFen,
    feesFen: p.feesFen,
    totalPaidFen: quote.totalPaidFen,
    aprBp: quote.aprBp,
    subsidyFen,
    totalCostFen: downPaymentFen + quote.totalPaidFen,
  };
}
