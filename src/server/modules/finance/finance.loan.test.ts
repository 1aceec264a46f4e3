import { describe, expect, it } from 'vitest';
import { type LoanMethod, quoteLoan } from './finance.loan.js';

// Reference values computed independently (python, exact formulas) and written in.

describe('loan schedules', () => {
  it('equal instalment: 100,000 at 4% over 36 months is 2,952.40 a month', () => {
    const plan = quoteLoan({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      feesFen: 0,
    });
    expect(plan.firstPaymentFen).toBe(295_240);
    expect(plan.schedule[0]).toEqual({
      n: 1,
      paymentFen: 295_240,
      principalFen: 261_907,
      interestFen: 33_333,
      balanceFen: 9_738_093,
    });
    expect(plan.schedule.slice(0, -1).every((r) => r.paymentFen === 295_240)).toBe(true);
    expect(Math.abs(plan.lastPaymentFen - 295_240)).toBeLessThanOrEqual(10);
    expect(plan.aprBp).toBe(400);
    expect(plan.totalPaidFen).toBe(plan.schedule.reduce((s, r) => s + r.paymentFen, 0));
  });

  it('equal principal: payments fall by the interest on one principal part; interest is P x i x (n+1)/2', () => {
    const plan = quoteLoan({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_principal',
      annualRateBp: 400,
      feesFen: 0,
    });
    // 100,000/36 = 2,777.78 + 100,000 x 0.04/12 = 333.33
    expect(plan.firstPaymentFen).toBe(311_111);
    // 616,666.67 fen by the formula; per-period rounding stays within a few fen
    expect(Math.abs(plan.totalInterestFen - 616_667)).toBeLessThanOrEqual(36);
    expect(plan.aprBp).toBe(400);
  });

  it('states the APR of a flat-rate quote: 3% flat over 3 years is a 5.68% loan', () => {
    const plan = quoteLoan({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      flatRateBp: 300,
      feesFen: 0,
    });
    expect(plan.totalInterestFen).toBe(900_000);
    expect(plan.firstPaymentFen).toBe(302_778);
    expect(plan.lastPaymentFen).toBe(302_770);
    expect(plan.aprBp).toBe(568);
  });

  it('counts fees in the APR', () => {
    const plan = quoteLoan({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      feesFen: 200_000,
    });
    expect(plan.aprBp).toBe(535);
    expect(plan.totalPaidFen).toBe(plan.schedule.reduce((s, r) => s + r.paymentFen, 0) + 200_000);
  });

  it('a 0% loan has equal principal payments and a 0 APR', () => {
    const plan = quoteLoan({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 0,
      feesFen: 0,
    });
    expect(plan.totalInterestFen).toBe(0);
    expect(plan.firstPaymentFen).toBe(277_778);
    expect(plan.lastPaymentFen).toBe(10_000_000 - 35 * 277_778);
    expect(plan.aprBp).toBe(0);
  });

  it('properties over many loans: principal parts sum to the loan, the last balance is zero, equal payments but the last', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let t = 0; t < 400; t++) {
      const principalFen = 100_000 + rand(100_000_000);
      const termMonths = 12 + rand(49);
      const method: LoanMethod = rand(2) === 0 ? 'equal_instalment' : 'equal_principal';
      const flat = rand(3) === 0;
      const plan = quoteLoan({
        principalFen,
        termMonths,
        method,
        ...(flat ? { flatRateBp: rand(800) } : { annualRateBp: rand(1500) }),
        feesFen: rand(3) === 0 ? rand(principalFen / 20) : 0,
      });
      expect(plan.schedule).toHaveLength(termMonths);
      expect(plan.schedule.reduce((s, r) => s + r.principalFen, 0)).toBe(principalFen);
      expect(plan.schedule.at(-1)?.balanceFen).toBe(0);
      for (const r of plan.schedule) {
        expect(r.paymentFen).toBe(r.principalFen + r.interestFen);
        expect(Number.isInteger(r.paymentFen) && Number.isInteger(r.interestFen)).toBe(true);
      }
      if (method === 'equal_instalment' || flat) {
        const first = plan.schedule[0]?.paymentFen;
        expect(plan.schedule.slice(0, -1).every((r) => r.paymentFen === first)).toBe(true);
      }
    }
  });
});
