// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TFinancePlan, TProductOffer } from '../../shared/hooks/finance-products.js';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { defaultChoices, downPaymentFor, PlanComparison } from './PlanComparison.js';

setupAppTests();

function plan(termMonths: number, patch: Partial<TFinancePlan> = {}): TFinancePlan {
  return {
    termMonths,
    rateBp: 0,
    firstPaymentFen: 708_333,
    lastPaymentFen: 708_341,
    totalInterestFen: 0,
    feesFen: 0,
    totalPaidFen: 17_000_000,
    aprBp: 0,
    subsidyFen: 715_549,
    totalCostFen: 20_000_000,
    ...patch,
  };
}

// What the API answers for a BYD BEV at CNY 200,000 (numbers from the server tests).
const zero: TProductOffer = {
  productId: 'fp_demo_byd_nev_zero',
  lenderCode: 'byd_auto_finance',
  name: { zh: '比亚迪汽车金融 新能源24期0息（平台贴息）', en: 'BYD Auto Finance 0% over 24 months' },
  rateKind: 'annual',
  method: 'equal_instalment',
  subsidised: true,
  referenceRateBp: 399,
  brands: ['byd'],
  validTo: '2027-03-31',
  minDownPaymentBp: 1500,
  minDownPaymentFen: 3_000_000,
  downPaymentFen: 3_000_000,
  principalFen: 17_000_000,
  meetsMinimum: true,
  plans: [plan(24)],
};
const flat: TProductOffer = {
  ...zero,
  productId: 'fp_demo_pingan_flat',
  lenderCode: 'pingan_bank',
  name: { zh: '平安银行 车主贷（费率方案）', en: 'Ping An Bank car loan (flat rate)' },
  rateKind: 'flat',
  subsidised: false,
  referenceRateBp: null,
  brands: [],
  validTo: null,
  minDownPaymentBp: 2000,
  minDownPaymentFen: 4_000_000,
  downPaymentFen: 4_000_000,
  principalFen: 16_000_000,
  plans: [
    plan(36, {
      rateBp: 299,
      firstPaymentFen: 484_311,
      totalInterestFen: 1_435_200,
      feesFen: 80_000,
      totalPaidFen: 17_515_200,
      aprBp: 600,
      subsidyFen: 0,
      totalCostFen: 21_515_200,
    }),
  ],
};

describe('plan comparison', () => {
  it('starts from the cheapest plan and the cheapest of another product', () => {
    expect(defaultChoices([flat, zero])).toEqual([
      { productId: 'fp_demo_byd_nev_zero', termMonths: 24, downPct: 15 },
      { productId: 'fp_demo_pingan_flat', termMonths: 36, downPct: 20 },
    ]);
    expect(defaultChoices([])).toEqual([null, null]);
  });

  it('never asks for less than the minimum down payment', () => {
    expect(downPaymentFor(20_000_000, flat, 10)).toBe(4_000_000);
    expect(downPaymentFor(20_000_000, flat, 35)).toBe(7_000_000);
  });

  it('lists the products and puts two plans beside full payment, marking the cheapest totals', async () => {
    const calls = mockApi({
      'POST /finance/plans': (call) => {
        const body = JSON.parse(String(call.body)) as { productId?: string };
        const one = [zero, flat].find((o) => o.productId === body.productId);
        return { body: { priceFen: 20_000_000, date: '2026-11-21', products: one ? [one] : [zero, flat] } };
      },
    });
    renderInApp(<PlanComparison priceFen={20_000_000} energy="bev" used={false} />);
    await screen.findByTestId('finance-product-fp_demo_pingan_flat');
    expect(screen.getByTestId('finance-product-fp_demo_byd_nev_zero').textContent).toContain('平台贴息');
    expect(screen.getByTestId('finance-product-fp_demo_pingan_flat').textContent).toContain('年费率 2.99%');
    await waitFor(() =>
      expect(screen.getByTestId('plan-row-apr').textContent).toBe('年化利率（IRR）0.00%6.00%—'),
    );
    expect(screen.getByTestId('plan-row-subsidy').textContent).toContain('¥7,155.49');
    expect(screen.getByTestId('plan-row-total').textContent).toBe('总花费¥200,000.00¥215,152.00¥200,000.00');
    // the 0% offer without fees costs what full payment costs: both are marked
    expect(screen.getAllByTestId('plan-head-a')[0]?.textContent).toContain('最省');
    expect(screen.getAllByTestId('plan-head-b')[0]?.textContent).not.toContain('最省');
    expect(screen.getAllByTestId('plan-head-full')[0]?.textContent).toContain('最省');
    const chosen = calls
      .filter((c) => c.path === '/finance/plans')
      .map((c) => JSON.parse(String(c.body)) as Record<string, unknown>)
      .filter((b) => b.productId);
    expect(chosen).toContainEqual({
      priceFen: 20_000_000,
      energy: 'bev',
      used: false,
      productId: 'fp_demo_pingan_flat',
      termMonths: 36,
      downPaymentFen: 4_000_000,
    });
  });
});
