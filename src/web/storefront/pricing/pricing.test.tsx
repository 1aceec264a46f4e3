// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { LoanCalculatorPage, loanRequest } from './LoanCalculatorPage.js';
import { PriceBreakdown, quoteRequest } from './PriceBreakdown.js';

setupAppTests();

describe('loan calculator', () => {
  it('asks for the principal after the down payment, with the rate as the plan says', () => {
    const plan = {
      downPct: 30,
      termMonths: 36,
      method: 'equal_instalment' as const,
      rateKind: 'flat' as const,
      ratePct: 3,
      feesYuan: 500,
    };
    expect(loanRequest(200_000, plan)).toEqual({
      principalFen: 14_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      feesFen: 50_000,
      flatRateBp: 300,
    });
    expect(loanRequest(200_000, { ...plan, downPct: 100 })).toBeNull();
  });

  it('shows the monthly payment and the APR the API answers, and warns that a flat rate is not the APR', async () => {
    // The API's answers for the two default plans (plan B is a 3% flat quote: APR 5.68%).
    const calls = mockApi({
      'POST /finance/loan-quote': (call) => {
        const flat = 'flatRateBp' in JSON.parse(String(call.body));
        return {
          body: {
            firstPaymentFen: flat ? 484_444 : 410_046,
            lastPaymentFen: flat ? 484_436 : 410_040,
            totalInterestFen: flat ? 1_440_000 : 761_656,
            totalPaidFen: flat ? 17_440_000 : 14_761_656,
            aprBp: flat ? 568 : 350,
            schedule: [],
          },
        };
      },
    });
    renderInApp(<LoanCalculatorPage />);
    await waitFor(() => expect(screen.getAllByTestId('loan-apr')).toHaveLength(2));
    // plan B is a 3% flat quote: its APR is far above 3%
    expect(screen.getByTestId('loan-flat-warning').textContent).toMatch(/3%.*5\.\d\d%/);
    expect(calls.filter((c) => c.path === '/finance/loan-quote').length).toBeGreaterThanOrEqual(2);
  });
});

describe('price breakdown', () => {
  it('builds the quote request from the choices (loan with a down payment share)', () => {
    const req = quoteRequest('lst_1', '310100', {
      mode: 'loan',
      vehicleDamage: true,
      thirdPartyAmountYuan: 2_000_000,
      seatYuan: 10_000,
      plateService: true,
      extendedWarranty: false,
      plateQuota: false,
      tradeIn: 'scrap',
      downPct: 30,
      termMonths: 36,
    });
    expect(req).toMatchObject({
      listingId: 'lst_1',
      cityCode: '310100',
      tradeIn: 'scrap',
      services: { plateService: true },
      loan: { downPaymentBp: 3000, termMonths: 36 },
    });
  });

  it('shows every line with its rule and the total of the previewed quote', async () => {
    mockApi({
      'POST /pricing/quotes/preview': () => ({
        status: 200,
        body: {
          listingId: 'lst_1',
          cityCode: '110100',
          date: '2026-11-27',
          mode: 'full',
          totalFen: 16_861_434,
          loan: null,
          lines: [
            {
              code: 'vehicle_price',
              amountFen: 15_000_000,
              includedInPrice: false,
              rule: { id: 'vehicle_price', version: 1, description: '成交车价' },
            },
            {
              code: 'purchase_tax',
              amountFen: 1_327_434,
              includedInPrice: false,
              rule: { id: 'purchase_tax', version: 3, description: '车价÷1.13×10%' },
            },
          ],
        },
      }),
    });
    renderInApp(<PriceBreakdown listingId="lst_1" cityCode="110100" used={false} />);
    expect((await screen.findByTestId('landed-total')).textContent).toBe('¥168,614.34');
    expect(screen.getByTestId('price-line-purchase_tax').textContent).toContain('第3版');
    expect(screen.getByTestId('price-line-purchase_tax').textContent).toContain('¥13,274.34');
  });
});
