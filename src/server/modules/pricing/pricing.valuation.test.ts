import { describe, expect, it } from 'vitest';
import { conditionRatios, mileageConsumed, type ValuationInput, valueUsedCar } from './pricing.valuation.js';

const base: ValuationInput = {
  newPriceFen: 20_000_000,
  ageYears: 3,
  mileageKm: 60_000,
  grade: 2,
  findings: 0,
  accident: false,
  flood: false,
  fire: false,
  brandRetention: 1,
  market: null,
};

describe('used-car valuation', () => {
  it('applies the 54321 rule over 300,000 km', () => {
    expect(mileageConsumed(0)).toBe(0);
    expect(mileageConsumed(60_000)).toBeCloseTo(5 / 15, 10);
    expect(mileageConsumed(120_000)).toBeCloseTo(9 / 15, 10);
    expect(mileageConsumed(150_000)).toBeCloseTo(9 / 15 + 0.5 * (3 / 15), 10);
    expect(mileageConsumed(300_000)).toBe(1);
    expect(mileageConsumed(500_000)).toBe(1);
    expect(conditionRatios(3, 60_000)).toEqual({ age: 0.8, mileage: expect.closeTo(10 / 15, 10) });
  });

  it('a 3-year-old car at the expected 60,000 km, grade 2: new price x (0.5 x 0.8 + 0.5 x 10/15)', () => {
    const v = valueUsedCar(base);
    // 200,000 x 0.73333 = 146,666.67
    expect(v.valueFen).toBe(14_666_667);
    expect(v.steps.find((s) => s.factor === 'mileage')?.effectFen).toBe(0);
    // the steps explain the value exactly
    expect(v.steps.reduce((s, step) => s + step.effectFen, 0)).toBe(v.valueFen);
    expect(v.lowFen).toBeLessThan(v.valueFen);
    expect(v.highFen).toBeGreaterThan(v.valueFen);
  });

  it('more mileage than expected costs, less pays; in yuan on the mileage step', () => {
    const high = valueUsedCar({ ...base, mileageKm: 120_000 });
    const low = valueUsedCar({ ...base, mileageKm: 20_000 });
    expect(high.valueFen).toBeLessThan(14_666_667);
    expect(low.valueFen).toBeGreaterThan(14_666_667);
    // 120,000 km consumes 9/15 instead of 5/15: 200,000 x 0.5 x 4/15 = 26,666.67 less
    expect(high.steps.find((s) => s.factor === 'mileage')?.effectFen).toBe(-2_666_667);
  });

  it('grade, findings, red-line history, brand and market move the value the documented way', () => {
    const v0 = valueUsedCar(base).valueFen;
    expect(valueUsedCar({ ...base, grade: 1 }).valueFen).toBeGreaterThan(v0);
    expect(valueUsedCar({ ...base, grade: 4 }).valueFen).toBeCloseTo(v0 * 0.75, -1);
    expect(valueUsedCar({ ...base, findings: 4 }).valueFen).toBeCloseTo(v0 * 0.98, -1);
    expect(valueUsedCar({ ...base, accident: true }).valueFen).toBeCloseTo(v0 * 0.7, -1);
    expect(valueUsedCar({ ...base, flood: true, accident: true }).valueFen).toBeCloseTo(v0 * 0.6, -1);
    expect(valueUsedCar({ ...base, brandRetention: 1.1 }).valueFen).toBeGreaterThan(v0);
    expect(valueUsedCar({ ...base, market: { listings: 10, views: 1000 } }).valueFen).toBeCloseTo(
      v0 * 1.05,
      -1,
    );
    expect(valueUsedCar({ ...base, market: { listings: 10, views: 0 } }).valueFen).toBeCloseTo(v0 * 0.95, -1);
  });

  it('never values a car below 5% of its new price', () => {
    const v = valueUsedCar({ ...base, ageYears: 30, mileageKm: 800_000, grade: 5, fire: true });
    expect(v.valueFen).toBe(1_000_000);
    expect(v.steps.reduce((s, step) => s + step.effectFen, 0)).toBe(v.valueFen);
  });
});
