// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/hooks/identity.js';
import type { TInsuranceChoice, TInsuranceQuote } from '../../shared/hooks/insurance.js';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { vehicleFacts } from './InsurancePage.js';
import { DEFAULT_COVERAGES, InsurancePlans, insuranceQuoteRequest } from './InsurancePlans.js';

setupAppTests();

const SIGNED_OUT: MeResponse = { me: null, csrfToken: null };
const BUYER: MeResponse = {
  me: { kind: 'buyer', id: 'cus_1', phoneMasked: '138****8000' },
  csrfToken: 'csrf',
};

const vehicle = {
  priceFen: 15_000_000,
  energy: 'petrol' as const,
  seats: 5,
  cityCode: '110100',
  used: false,
  accidentFreeYears: 0,
};

function plan(code: 'picc' | 'pingan' | 'cpic', zh: string, totalFen: number | null, cheapest = false) {
  return {
    insurerCode: code,
    insurerNameZh: zh,
    insurerNameEn: code.toUpperCase(),
    status: totalFen === null ? ('timeout' as const) : ('quoted' as const),
    lines:
      totalFen === null
        ? []
        : [
            { code: 'compulsory' as const, premiumFen: 95_000, insuredFen: null },
            { code: 'vehicle_damage' as const, premiumFen: totalFen - 95_000, insuredFen: 15_000_000 },
          ],
    totalFen,
    validUntil: '2026-12-04T02:00:00.000Z',
    sandbox: true,
    cheapest,
  };
}

const QUOTE: TInsuranceQuote = {
  id: 'isq_1',
  listingId: null,
  vehicle: {
    valueFen: 15_000_000,
    energy: 'petrol',
    seats: 5,
    cityCode: '110100',
    used: false,
    firstRegistrationYear: null,
    accidentFreeYears: 0,
  },
  coverages: DEFAULT_COVERAGES,
  plans: [
    plan('picc', '中国人保财险', 428_814, true),
    plan('pingan', '平安产险', 430_494),
    plan('cpic', '太平洋产险', null),
  ],
  createdAt: '2026-11-27T02:00:00.000Z',
  validUntil: '2026-12-04T02:00:00.000Z',
};

const CHOICE: TInsuranceChoice = {
  id: 'isc_1',
  buyerId: 'cus_1',
  quoteId: 'isq_1',
  listingId: null,
  insurerCode: 'pingan',
  insurerNameZh: '平安产险',
  insurerNameEn: 'PINGAN',
  coverages: DEFAULT_COVERAGES,
  lines: QUOTE.plans[1]?.lines ?? [],
  totalFen: 430_494,
  sandbox: true,
  chosenAt: '2026-11-27T02:01:00.000Z',
};

describe('insurance plans', () => {
  it('asks for a listing’s plans or a described car’s, with the coverages chosen', () => {
    expect(insuranceQuoteRequest({ listingId: 'lst_1', cityCode: '310100' }, DEFAULT_COVERAGES)).toEqual({
      listingId: 'lst_1',
      cityCode: '310100',
      coverages: DEFAULT_COVERAGES,
    });
    expect(insuranceQuoteRequest({ vehicle }, DEFAULT_COVERAGES)).toEqual({
      vehicle,
      coverages: DEFAULT_COVERAGES,
    });
    expect(
      vehicleFacts({
        priceYuan: 300_000,
        energy: 'bev',
        seats: 7,
        cityCode: '440300',
        used: true,
        firstRegistrationYear: 2022,
        accidentFreeYears: 2,
      }),
    ).toEqual({
      priceFen: 30_000_000,
      energy: 'bev',
      seats: 7,
      cityCode: '440300',
      used: true,
      firstRegistrationYear: 2022,
      accidentFreeYears: 2,
    });
    expect(
      vehicleFacts({
        priceYuan: null,
        energy: 'bev',
        seats: 5,
        cityCode: '110100',
        used: false,
        firstRegistrationYear: null,
        accidentFreeYears: 0,
      }),
    ).toBeNull();
  });

  it('compares the insurers side by side, marks the lowest and the one that timed out, and asks a guest to sign in', async () => {
    mockApi({
      'GET /identity/auth/me': () => ({ body: SIGNED_OUT }),
      'POST /insurance/quotes': () => ({ status: 201, body: QUOTE }),
    });
    renderInApp(<InsurancePlans vehicle={vehicle} />);
    await waitFor(() => expect(screen.getByTestId('plan-total-picc').textContent).toBe('¥4,288.14'));
    expect(screen.getByTestId('plan-picc').getAttribute('data-cheapest')).toBe('true');
    expect(screen.getByTestId('plan-pingan').getAttribute('data-cheapest')).toBe('false');
    expect(screen.getByTestId('plan-cpic').getAttribute('data-status')).toBe('timeout');
    expect(screen.getByTestId('insurance-missing').textContent).toContain('太平洋产险');
    expect(screen.getByTestId('insurance-sandbox')).toBeTruthy();
    expect(screen.getByTestId('plan-sign-in-picc').getAttribute('href')).toContain('/sign-in?redirect=');
    expect(screen.queryByTestId('plan-choose-picc')).toBeNull();
  });

  it('stores a signed-in buyer’s pick and shows it', async () => {
    let chosen = false;
    const calls = mockApi({
      'GET /identity/auth/me': () => ({ body: BUYER }),
      'POST /insurance/quotes': () => ({ status: 201, body: QUOTE }),
      'GET /insurance/choices': () => ({ body: { items: chosen ? [CHOICE] : [] } }),
      'POST /insurance/choices': () => {
        chosen = true;
        return { status: 201, body: CHOICE };
      },
    });
    renderInApp(<InsurancePlans vehicle={vehicle} />);
    fireEvent.click(await screen.findByTestId('plan-choose-pingan'));
    await waitFor(() => expect(screen.getByTestId('insurance-choice').textContent).toContain('平安产险'));
    expect(screen.getByTestId('insurance-choice').textContent).toContain('¥4,304.94');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/insurance/choices');
    expect(JSON.parse(String(post?.body))).toEqual({ quoteId: 'isq_1', insurerCode: 'pingan' });
    await waitFor(() => expect(screen.getByTestId('plan-choose-pingan').textContent).toBe('已选择'));
  });
});
