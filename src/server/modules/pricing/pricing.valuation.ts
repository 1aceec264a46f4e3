import { type Fen, roundFen } from '../../kernel/money.js';

/**
 * Used-car valuation by the replacement-cost method (DOMAIN.md): the new price x 成新率 (condition ratio)
 * x condition, history, brand and market adjustments. Every step's effect is kept in yuan so a buyer and an
 * operator can read why the car is worth what it is.
 *
 * 成新率 weighs age and mileage equally (综合成新率): age uses a 15-year economic life; mileage uses the
 * "54321" rule over 300,000 km (five stages of 60,000 km consuming 5/15, 4/15, 3/15, 2/15, 1/15 of value).
 * The mileage effect is stated against the 20,000 km a year a car is expected to drive.
 */

export const ECONOMIC_LIFE_YEARS = 15;
export const EXPECTED_KM_PER_YEAR = 20_000;
const STAGE_KM = 60_000;
const STAGE_SHARES = [5, 4, 3, 2, 1] as const;
/** A car is never valued below this share of its new price (scrap and parts value). */
const FLOOR_SHARE = 0.05;

export interface ValuationInput {
  /** The manufacturer guide price of the trim when new. */
  newPriceFen: Fen;
  /** Years since first registration (fractional). */
  ageYears: number;
  mileageKm: number;
  /** GB/T 30323 grade 1-5 (5 = accident car); null when not inspected (self-declared condition instead). */
  grade: number | null;
  /** Findings of the inspection that are not red lines. */
  findings: number;
  accident: boolean;
  flood: boolean;
  fire: boolean;
  /** How well the brand holds value against the market (1 = average; 1.05 holds better). */
  brandRetention: number;
  /** Listings of this series in the city, and their views in the last 30 days (supply and demand). */
  market: { listings: number; views: number } | null;
}

export const VALUATION_FACTORS = [
  'new_price',
  'age',
  'mileage',
  'brand',
  'condition',
  'history',
  'market',
] as const;
export type ValuationFactor = (typeof VALUATION_FACTORS)[number];

export interface ValuationStep {
  factor: ValuationFactor;
  /** Change of the value by this step (the first step is the new price itself). */
  effectFen: Fen;
  /** The step's own figure (a ratio or a share) for the explanation. */
  ratio: number;
}

export interface Valuation {
  valueFen: Fen;
  /** A fair range around the value (±6%, wider without an inspection). */
  lowFen: Fen;
  highFen: Fen;
  steps: ValuationStep[];
}

/** Share of value the mileage has consumed under the 54321 rule (0 to 1). */
export function mileageConsumed(km: number): number {
  let left = Math.max(0, km);
  let consumed = 0;
  for (const share of STAGE_SHARES) {
    const inStage = Math.min(left, STAGE_KM);
    consumed += (inStage / STAGE_KM) * (share / 15);
    left -= inStage;
    if (left <= 0) break;
  }
  return Math.min(1, consumed);
}

/** 成新率 by age alone and by mileage alone. */
export function conditionRatios(ageYears: number, mileageKm: number): { age: number; mileage: number } {
  return {
    age: Math.max(0, 1 - Math.max(0, ageYears) / ECONOMIC_LIFE_YEARS),
    mileage: 1 - mileageConsumed(mileageKm),
  };
}

const GRADE_ADJUSTMENT: Record<number, number> = { 1: 0.03, 2: 0, 3: -0.1, 4: -0.25, 5: -0.35 };

export function valueUsedCar(input: ValuationInput): Valuation {
  const steps: ValuationStep[] = [];
  let value = input.newPriceFen;
  steps.push({ factor: 'new_price', effectFen: value, ratio: 1 });

  // 综合成新率 = half age, half mileage. The age step assumes the expected mileage for the age; the mileage
  // step is the difference the actual mileage makes against it.
  const expectedKm = Math.max(0, input.ageYears) * EXPECTED_KM_PER_YEAR;
  const expected = conditionRatios(input.ageYears, expectedKm);
  const actual = conditionRatios(input.ageYears, input.mileageKm);
  const ageRatio = 0.5 * expected.age + 0.5 * expected.mileage;
  const withAge = value * ageRatio;
  steps.push({ factor: 'age', effectFen: roundFen(withAge - value), ratio: ageRatio });
  const fullRatio = 0.5 * actual.age + 0.5 * actual.mileage;
  const withMileage = input.newPriceFen * fullRatio;
  steps.push({ factor: 'mileage', effectFen: roundFen(withMileage - withAge), ratio: fullRatio });
  value = withMileage;

  // Brand retention scales the depreciation, not the price: a brand at 1.05 loses 5% less.
  const depreciation = input.newPriceFen - value;
  const withBrand = input.newPriceFen - depreciation / Math.max(0.5, input.brandRetention);
  steps.push({ factor: 'brand', effectFen: roundFen(withBrand - value), ratio: input.brandRetention });
  value = withBrand;

  const gradeShare = input.grade === null ? -0.03 : (GRADE_ADJUSTMENT[input.grade] ?? 0);
  const findingsShare = -Math.min(0.1, 0.005 * Math.max(0, input.findings));
  const conditionShare = gradeShare + findingsShare;
  steps.push({ factor: 'condition', effectFen: roundFen(value * conditionShare), ratio: conditionShare });
  value *= 1 + conditionShare;

  // Red-line history: the worst one applies (they overlap in what they destroy).
  const historyShare = input.fire ? -0.5 : input.flood ? -0.4 : input.accident ? -0.3 : 0;
  steps.push({ factor: 'history', effectFen: roundFen(value * historyShare), ratio: historyShare });
  value *= 1 + historyShare;

  // Supply and demand in the city: views per listing against a norm of 50 in 30 days, within ±5%.
  let marketShare = 0;
  if (input.market && input.market.listings > 0) {
    const perListing = input.market.views / input.market.listings;
    marketShare = Math.max(-0.05, Math.min(0.05, ((perListing - 50) / 50) * 0.05));
  }
  steps.push({ factor: 'market', effectFen: roundFen(value * marketShare), ratio: marketShare });
  value *= 1 + marketShare;

  const floor = input.newPriceFen * FLOOR_SHARE;
  const valueFen = roundFen(Math.max(floor, value));
  // Steps add up to the value exactly: the floor and rounding go into the last step.
  const sum = steps.reduce((s, step) => s + step.effectFen, 0);
  const last = steps.at(-1);
  if (last) last.effectFen += valueFen - sum;
  const spread = input.grade === null ? 0.1 : 0.06;
  return {
    valueFen,
    lowFen: roundFen(valueFen * (1 - spread)),
    highFen: roundFen(valueFen * (1 + spread)),
    steps,
  };
}

/** Years between two YYYY-MM-DD days. */
export function yearsBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.max(0, ms / (365.25 * 24 * 3600_000));
}

/** Brand retention (保值率) against the market: data, editable later; brands not listed are average. */
export const BRAND_RETENTION: Readonly<Record<string, number>> = {
  toyota: 1.1,
  lexus: 1.1,
  honda: 1.08,
  porsche: 1.08,
  tesla: 1.0,
  byd: 0.97,
  bmw: 0.95,
  'mercedes-benz': 0.95,
  audi: 0.93,
  volkswagen: 1.0,
  'li-auto': 0.98,
  nio: 0.85,
  xpeng: 0.88,
  zeekr: 0.9,
  aito: 0.95,
  xiaomi: 1.02,
  geely: 0.95,
  changan: 0.92,
  'great-wall': 0.93,
  haval: 0.93,
  chery: 0.9,
};
