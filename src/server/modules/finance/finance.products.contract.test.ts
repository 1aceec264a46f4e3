import { describe, expect, it } from 'vitest';
import {
  productIssues,
  ZCreateFinanceProductRequest,
  ZFinancePlansRequest,
  ZUpdateFinanceProductRequest,
} from './finance.contract.js';
import { SEED_PRODUCTS } from './finance.seed-data.js';

const base = (() => {
  const p = SEED_PRODUCTS[0];
  if (!p) throw new Error('no seed product');
  const { id: _id, ...fields } = p;
  return fields;
})();

describe('finance product contract', () => {
  it('accepts every demo product as a new product', () => {
    for (const { id: _id, ...p } of SEED_PRODUCTS) {
      expect(ZCreateFinanceProductRequest.safeParse(p).error?.issues ?? []).toEqual([]);
    }
  });

  it('names the field of each rule a product breaks', () => {
    const paths = (change: object) => productIssues({ ...base, ...change }).map((i) => i.path);
    expect(paths({ forNew: false, forUsed: false })).toEqual(['forUsed']);
    expect(paths({ maxPriceFen: 100 })).toEqual(['maxPriceFen']);
    expect(paths({ validTo: '2025-01-01' })).toEqual(['validTo']);
    expect(paths({ rateKind: 'flat', method: 'equal_principal' })).toEqual(['method']);
    expect(paths({ referenceRateBp: 400 })).toEqual(['referenceRateBp']);
    expect(paths({ subsidised: true, referenceRateBp: 400 })).toEqual([
      'terms.0.rateBp',
      'terms.1.rateBp',
      'terms.2.rateBp',
      'terms.3.rateBp',
      'terms.4.rateBp',
    ]);
    // used-car-only: 30% down and 36 months at most (DOMAIN "Rules and numbers")
    expect(paths({ forNew: false, forUsed: true })).toEqual([
      'minDownBpIce',
      'minDownBpNev',
      'terms.3.termMonths',
      'terms.4.termMonths',
    ]);
  });

  it('puts the rule issues on their fields in the create schema', () => {
    const res = ZCreateFinanceProductRequest.safeParse({ ...base, subsidised: true, referenceRateBp: null });
    expect(res.error?.issues.map((i) => i.path.join('.'))).toContain('referenceRateBp');
    const dup = ZCreateFinanceProductRequest.safeParse({
      ...base,
      terms: [
        { termMonths: 36, rateBp: 300 },
        { termMonths: 36, rateBp: 320 },
      ],
    });
    expect(dup.error?.issues.map((i) => i.path.join('.'))).toEqual(['terms']);
  });

  it('an update needs the version and at least one field', () => {
    expect(ZUpdateFinanceProductRequest.safeParse({ feesFen: 1 }).success).toBe(false);
    expect(ZUpdateFinanceProductRequest.safeParse({ version: 3 }).success).toBe(false);
    expect(ZUpdateFinanceProductRequest.safeParse({ version: 3, active: false }).success).toBe(true);
  });

  it('a plans request defaults to a new car and refuses used-car terms over 36 months', () => {
    expect(ZFinancePlansRequest.parse({ priceFen: 15_000_000, energy: 'petrol' })).toEqual({
      priceFen: 15_000_000,
      energy: 'petrol',
      used: false,
    });
    const used = ZFinancePlansRequest.safeParse({
      priceFen: 15_000_000,
      energy: 'petrol',
      used: true,
      termMonths: 48,
    });
    expect(used.error?.issues.map((i) => i.path.join('.'))).toEqual(['termMonths']);
  });
});
