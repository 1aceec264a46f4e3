// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import '../i18n.js';
import { ValuationsPage } from './ValuationsPage.js';

// 二手车估值: the board lists flagged used listings with filters in the URL; the drawer explains each factor
// and sends an override with its reason.

setupAppTests();

const ITEM = {
  listingId: 'lst_u_001',
  status: 'listed',
  title: '2021款 比亚迪 汉EV 创世版 准新车',
  dealerId: 'dlr_demo_bj_byd',
  cityCode: '110100',
  brandSlug: 'byd',
  seriesId: 'ser_byd_han',
  priceFen: 18_800_000,
  computedFen: 15_000_000,
  valueFen: 15_000_000,
  overridden: false,
  differenceFen: 3_800_000,
  differenceBp: 2533,
  flag: 'over',
  computedAt: '2026-11-26T19:20:00Z',
};

const STEPS = [
  { factor: 'new_price', effectFen: 27_980_000, ratio: 1, explanation: '新车指导价 ¥279,800.00' },
  { factor: 'age', effectFen: -9_000_000, ratio: 0.68, explanation: '车龄5.0年，综合成新率67.8%' },
  { factor: 'mileage', effectFen: -980_000, ratio: 0.64, explanation: '实际行驶12万公里' },
  { factor: 'brand', effectFen: -500_000, ratio: 0.97, explanation: '品牌保值系数0.97' },
  { factor: 'condition', effectFen: -2_500_000, ratio: -0.1, explanation: '车况及检测瑕疵' },
  { factor: 'history', effectFen: 0, ratio: 0, explanation: '无事故、泡水、火烧记录' },
  { factor: 'market', effectFen: 0, ratio: 0, explanation: '本城市供需' },
];

const DETAIL = {
  ...ITEM,
  lowFen: 14_100_000,
  highFen: 15_900_000,
  steps: STEPS,
  activeOverride: null,
  overrides: [],
};

describe('ValuationsPage', () => {
  it('lists the flagged listings with the flag filter from the URL, and overrides one with a reason', async () => {
    seedStaffMe({ permissions: ['pricing.valuations.read', 'pricing.valuations.manage'] });
    let sent: Record<string, unknown> | null = null;
    const calls = mockApi({
      'GET /pricing/valuations': () => ({ body: { items: [ITEM], nextCursor: null } }),
      'GET /pricing/valuations/lst_u_001': () => ({ body: DETAIL }),
      'PUT /pricing/valuations/lst_u_001/override': (call) => {
        sent = JSON.parse(String(call.body)) as Record<string, unknown>;
        const override = {
          id: 'vov_1',
          valueFen: 18_000_000,
          computedFen: 15_000_000,
          reason: String(sent.reason),
          setBy: 'stf_1',
          setByName: '运营',
          setAt: '2026-11-27T02:00:00Z',
          clearedAt: null,
          clearedBy: null,
          clearedByName: null,
          clearReason: null,
        };
        return {
          body: {
            ...DETAIL,
            valueFen: 18_000_000,
            overridden: true,
            flag: 'fair',
            activeOverride: override,
            overrides: [override],
          },
        };
      },
      'GET /dealers/cities': () => ({ body: [] }),
      'GET /catalog/brands': () => ({ body: { initials: [] } }),
    });
    renderInApp(<ValuationsPage canManage />, { route: '/console/pricing/valuations?flag=over' });
    const row = await screen.findByTestId('valuation-row-lst_u_001');
    expect(within(row).getAllByText('偏高').length).toBeGreaterThan(0);
    expect(row.textContent).toContain('+25.3%');
    const list = calls.find((c) => c.path === '/pricing/valuations');
    expect(list?.query.get('flag')).toBe('over');

    fireEvent.click(within(row).getAllByTestId('valuation-open')[0] as HTMLElement);
    const factors = await screen.findByTestId('valuation-factors');
    expect(factors.textContent).toContain('车龄');
    expect(factors.textContent).toContain('无事故、泡水、火烧记录');

    fireEvent.change(screen.getByTestId('valuation-override-value'), { target: { value: '180000' } });
    fireEvent.change(screen.getByTestId('valuation-override-reason'), {
      target: { value: '复检发现电池包已更换，参考同城成交价' },
    });
    fireEvent.click(screen.getByTestId('valuation-override-save'));
    await waitFor(() =>
      expect(sent).toEqual({ valueFen: 18_000_000, reason: '复检发现电池包已更换，参考同城成交价' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('valuation-history').textContent).toContain('电池包已更换'),
    );
  });

  it('shows a read-only note to staff without the manage permission', async () => {
    seedStaffMe({ permissions: ['pricing.valuations.read'] });
    mockApi({
      'GET /pricing/valuations': () => ({ body: { items: [ITEM], nextCursor: null } }),
      'GET /pricing/valuations/lst_u_001': () => ({ body: DETAIL }),
      'GET /dealers/cities': () => ({ body: [] }),
      'GET /catalog/brands': () => ({ body: { initials: [] } }),
    });
    renderInApp(<ValuationsPage canManage={false} />, {
      route: '/console/pricing/valuations?listing=lst_u_001',
    });
    await screen.findByTestId('valuation-factors');
    expect(screen.queryByTestId('valuation-override-form')).toBeNull();
    expect(screen.getByTestId('valuation-drawer').textContent).toContain('调整估值需要');
  });
});
