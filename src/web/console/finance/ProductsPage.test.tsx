// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { TFinanceProduct } from '../../shared/hooks/finance-products.js';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { ProductsPage, toRequest } from './ProductsPage.js';

setupAppTests();

const ZERO: TFinanceProduct = {
  id: 'fp_demo_byd_nev_zero',
  lenderCode: 'byd_auto_finance',
  nameZh: '比亚迪汽车金融 新能源24期0息（平台贴息）',
  nameEn: 'BYD Auto Finance 0% over 24 months on NEVs (platform-subsidised)',
  forNew: true,
  forUsed: false,
  energies: ['bev', 'phev'],
  brands: ['byd'],
  minPriceFen: 6_000_000,
  maxPriceFen: 50_000_000,
  rateKind: 'annual',
  method: 'equal_instalment',
  terms: [{ termMonths: 24, rateBp: 0 }],
  feesFen: 0,
  minDownBpIce: 3000,
  minDownBpNev: 1500,
  subsidised: true,
  referenceRateBp: 399,
  validFrom: '2026-01-01',
  validTo: '2027-03-31',
  active: true,
  status: 'active',
  version: 1,
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-05T02:00:00.000Z',
};

describe('finance products console', () => {
  it('turns the form (yuan, percent, dates) into the API request (fen, basis points, days)', () => {
    expect(
      toRequest({
        lenderCode: 'pingan_bank',
        nameZh: '平安银行 车主贷',
        nameEn: 'Ping An Bank car loan',
        forNew: true,
        forUsed: true,
        energies: [],
        brands: [],
        minPriceYuan: 30_000,
        maxPriceYuan: null,
        rateKind: 'flat',
        method: 'equal_instalment',
        terms: [{ termMonths: 36, ratePct: 2.99 }],
        feesYuan: 800,
        minDownPctIce: 20,
        minDownPctNev: 15,
        subsidised: false,
        referenceRatePct: 3.5,
        validFrom: dayjs('2026-12-01'),
        validTo: null,
        active: true,
      }),
    ).toEqual({
      lenderCode: 'pingan_bank',
      nameZh: '平安银行 车主贷',
      nameEn: 'Ping An Bank car loan',
      forNew: true,
      forUsed: true,
      energies: [],
      brands: [],
      minPriceFen: 3_000_000,
      maxPriceFen: null,
      rateKind: 'flat',
      method: 'equal_instalment',
      terms: [{ termMonths: 36, rateBp: 299 }],
      feesFen: 80_000,
      minDownBpIce: 2000,
      minDownBpNev: 1500,
      subsidised: false,
      // only a subsidised offer carries a reference rate
      referenceRateBp: null,
      validFrom: '2026-12-01',
      validTo: null,
      active: true,
    });
  });

  it('lists the products; the edit form sends only what changed, with the version read', async () => {
    const calls = mockApi({
      'GET /finance/products': () => ({ body: { items: [ZERO] } }),
      'PATCH /finance/products/fp_demo_byd_nev_zero': () => ({
        body: { ...ZERO, active: false, version: 2 },
      }),
    });
    renderInApp(<ProductsPage canManage />);
    const row = await screen.findByTestId('finance-product-row-fp_demo_byd_nev_zero');
    expect(row.textContent).toContain('比亚迪汽车金融');
    expect(row.textContent).toContain('0% (3.99%)');
    fireEvent.click(screen.getByTestId('fp-edit-fp_demo_byd_nev_zero'));
    const form = await screen.findByTestId('finance-product-form');
    const active = form.querySelectorAll('button[role="switch"]')[2];
    if (!active) throw new Error('no active switch');
    fireEvent.click(active);
    fireEvent.click(screen.getByTestId('fp-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(String(patch?.body))).toEqual({ version: 1, active: false });
  });
});
