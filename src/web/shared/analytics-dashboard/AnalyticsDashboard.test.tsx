// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TDashboard } from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import { type ApiCall, mockApi, renderInApp, setupAppTests } from '../testing.js';
import { AnalyticsDashboard, listLinkFor } from './AnalyticsDashboard.js';
import { dashboardFixture, emptyDashboardFixture } from './dashboard.testing.js';

// The dashboard renders what the API answers (hand-built here): cards by unit, arrows coloured by whether the
// move is good news, an empty state that says what to do, and filters that go into the API's query string.

setupAppTests();

const CITIES = [
  {
    code: '330100',
    name: '杭州',
    nameEn: 'Hangzhou',
    pinyin: 'hangzhou',
    province: { code: '330000', name: '浙江', nameEn: 'Zhejiang' },
    tier: 'new_tier1',
    hot: true,
    latitude: 30.27,
    longitude: 120.15,
  },
  {
    code: '110100',
    name: '北京',
    nameEn: 'Beijing',
    pinyin: 'beijing',
    province: { code: '110000', name: '北京', nameEn: 'Beijing' },
    tier: 'tier1',
    hot: true,
    latitude: 39.9,
    longitude: 116.4,
  },
];

function routes(answer: (call: ApiCall) => TDashboard) {
  return mockApi({
    'GET /analytics/dashboard': (call) => ({ body: answer(call) }),
    'GET /dealers/cities': () => ({ body: CITIES }),
    'GET /catalog/brands': () => ({
      body: {
        initials: [{ initial: 'B', brands: [{ id: 'brd_byd', name: '比亚迪', nameEn: 'BYD' }] }],
        total: 1,
      },
    }),
    'GET /dealers/dealers': () => ({
      body: {
        items: [
          {
            id: 'dlr_bj_byd',
            name: '北京汇通比亚迪',
            city: { code: '110100', name: '北京', nameEn: 'Beijing' },
          },
        ],
        nextCursor: null,
      },
    }),
    'GET /analytics/drill': () => ({
      body: {
        items: [
          {
            factId: 'fct_1',
            kind: 'order_placed',
            occurredAt: '2026-11-21T02:00:00Z',
            subjectId: 'ord_1',
            orderNumber: 'AY20261121-000123',
            cityCode: '330100',
            brandId: 'brd_byd',
            seriesId: 'ser_byd_han',
            vehicle: '比亚迪 汉',
            dealerId: 'dlr_bj_byd',
            channel: 'sem',
            amountFen: 29_980_000,
            costFen: 27_500_000,
            props: {},
          },
          {
            factId: 'fct_2',
            kind: 'refund',
            occurredAt: '2026-11-22T02:00:00Z',
            subjectId: 'ord_2',
            orderNumber: null,
            cityCode: '110100',
            brandId: null,
            seriesId: null,
            vehicle: null,
            dealerId: null,
            channel: null,
            amountFen: 500_000,
            costFen: null,
            props: {},
          },
        ],
        nextCursor: null,
      },
    }),
  });
}

const dashboardCalls = (calls: ApiCall[]) => calls.filter((c) => c.path === '/analytics/dashboard');
const OPERATOR = ['analytics.read', 'reference.read', 'orders.read'];

describe('AnalyticsDashboard', () => {
  it('renders the cards of a hand-built dashboard, formatted by unit, with the change arrows', async () => {
    routes(() => dashboardFixture());
    renderInApp(<AnalyticsDashboard area="console" permissions={OPERATOR} dealerScoped={false} />, {
      route: '/console?from=2026-11-01&to=2026-11-30',
    });
    await waitFor(() => expect(screen.getByTestId('kpi-uv-value').textContent).toBe('1.24万'));
    expect(screen.getByTestId('kpi-gmv-value').textContent).toBe('¥1234.57万');
    expect(screen.getByTestId('kpi-bounce_rate-value').textContent).toBe('32.50%');
    expect(screen.getByTestId('kpi-avg_session_seconds-value').textContent).toBe('3分20秒');
    expect(screen.getByTestId('kpi-cac-value').textContent).toBe('—');

    const uv = screen.getByTestId('kpi-uv-change');
    expect(uv.dataset.direction).toBe('up');
    expect(uv.dataset.good).toBe('true');
    expect(uv.textContent).toContain('10%');
    // A falling bounce rate is good news: down, green, in percentage points.
    const bounce = screen.getByTestId('kpi-bounce_rate-change');
    expect(bounce.dataset.direction).toBe('down');
    expect(bounce.dataset.good).toBe('true');
    expect(bounce.textContent).toContain('2.5 个百分点');
    // A slower first response is bad news.
    const response = screen.getByTestId('kpi-lead_first_response_seconds-change');
    expect(response.dataset.direction).toBe('up');
    expect(response.dataset.good).toBe('false');
    expect(screen.getByTestId('kpi-cac-change').dataset.direction).toBe('none');

    // Tables show names and labels, never codes.
    const channels = screen.getByTestId('dashboard-channels');
    expect(channels.textContent).toContain('自然搜索');
    expect(channels.textContent).toContain('搜索广告');
    expect(channels.textContent).not.toMatch(/\bseo\b|\bsem\b/);
    expect(screen.getByTestId('dashboard-top-vehicles').textContent).toContain('比亚迪 汉');
    expect(screen.getByTestId('dashboard-top-vehicles').textContent).not.toContain('ser_byd_han');
    expect(screen.getByTestId('funnel-order').textContent).toContain('上一步转化 10.0%');
    // No spend entered: the marketing group says so.
    expect(screen.getByTestId('dashboard-no-spend').textContent).toContain('尚未录入营销投入');
    expect(screen.getByTestId('dashboard-filter-dealer')).toBeTruthy();
  });

  it('says what to do when the range has no data', async () => {
    routes(() => emptyDashboardFixture());
    renderInApp(<AnalyticsDashboard area="console" permissions={OPERATOR} dealerScoped={false} />, {
      route: '/console?from=2026-11-01&to=2026-11-30&channel=kol',
    });
    const empty = await screen.findByTestId('dashboard-empty');
    expect(empty.textContent).toContain('该时间段暂无数据，试试扩大日期范围或清除筛选');
    expect(screen.queryByTestId('kpi-uv')).toBeNull();
  });

  it('sends the range and filters from the URL, and a filter change asks again with the new query', async () => {
    const calls = routes((call) =>
      call.query.get('channel') === 'sem'
        ? dashboardFixture({
            cards: dashboardFixture().cards.map((c) => (c.metric === 'uv' ? { ...c, value: 4_000 } : c)),
          })
        : dashboardFixture(),
    );
    renderInApp(<AnalyticsDashboard area="console" permissions={OPERATOR} dealerScoped={false} />, {
      route: '/console?from=2026-11-01&to=2026-11-30&cityCode=330100',
    });
    await waitFor(() => expect(screen.getByTestId('kpi-uv-value').textContent).toBe('1.24万'));
    const first = dashboardCalls(calls)[0];
    expect(first?.query.get('from')).toBe('2026-11-01');
    expect(first?.query.get('to')).toBe('2026-11-30');
    expect(first?.query.get('cityCode')).toBe('330100');
    expect(first?.query.get('channel')).toBeNull();

    // Choose 搜索广告 in the channel filter.
    const select = screen.getByTestId('dashboard-filter-channel');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    fireEvent.click(await screen.findByTitle('搜索广告'));
    await waitFor(() => expect(screen.getByTestId('kpi-uv-value').textContent).toBe('4,000'));
    const last = dashboardCalls(calls).at(-1);
    expect(last?.query.get('channel')).toBe('sem');
    expect(last?.query.get('cityCode')).toBe('330100');

    // Clearing the filters asks for the whole business again.
    fireEvent.click(screen.getByTestId('dashboard-clear-filters'));
    await waitFor(() => expect(screen.getByTestId('kpi-uv-value').textContent).toBe('1.24万'));
    const cleared = dashboardCalls(calls).at(-1);
    expect(cleared?.query.get('channel')).toBeNull();
    expect(cleared?.query.get('cityCode')).toBeNull();
  });

  it('hides the dealer filter from dealer staff and never sends a dealerId for them', async () => {
    const calls = routes(() => dashboardFixture({ dealerId: 'dlr_bj_byd' }));
    renderInApp(
      <AnalyticsDashboard area="dealer" permissions={['analytics.read', 'orders.read']} dealerScoped />,
      { route: '/dealer?from=2026-11-01&to=2026-11-30&dealerId=dlr_other' },
    );
    await screen.findByTestId('kpi-uv-value');
    expect(screen.queryByTestId('dashboard-filter-dealer')).toBeNull();
    expect(dashboardCalls(calls).every((c) => c.query.get('dealerId') === null)).toBe(true);
    expect(screen.getByTestId('analytics-dashboard').textContent).toContain('本店经营数据');
    // Spend is platform-wide: a dealer is told why there is no CAC, not asked to enter spend.
    expect(screen.getByTestId('dashboard-spend-not-split')).toBeTruthy();
    expect(screen.queryByTestId('dashboard-no-spend')).toBeNull();
  });

  it('opens the list behind a card in a drawer, with the full list one click away', async () => {
    const calls = routes(() => dashboardFixture());
    renderInApp(<AnalyticsDashboard area="console" permissions={OPERATOR} dealerScoped={false} />, {
      route: '/console?from=2026-11-01&to=2026-11-30',
    });
    fireEvent.click(await screen.findByTestId('kpi-orders'));
    const drawer = await screen.findByTestId('drill-rows');
    await within(drawer).findByText('AY20261121-000123');
    await waitFor(() => expect(drawer.textContent).toContain('北京汇通比亚迪'));
    const [order, refund] = within(drawer)
      .getAllByTestId('drill-row')
      .map((r) => r.textContent ?? '');
    expect(order).toContain('下单');
    expect(order).toContain('比亚迪 汉');
    expect(order).toContain('杭州');
    expect(order).toContain('搜索广告');
    expect(order).toContain('¥299,800');
    // A fact without an order number reads as what happened.
    expect(refund).toContain('退款');
    expect(refund).toContain('¥5,000');
    for (const raw of ['ord_', 'fct_', 'dlr_', 'order_placed', 'sem'])
      expect(drawer.textContent).not.toContain(raw);
    const drill = calls.find((c) => c.path === '/analytics/drill');
    expect(drill?.query.get('metric')).toBe('orders');
    expect(drill?.query.get('from')).toBe('2026-11-01');
    expect(screen.getByTestId('drill-open-list').getAttribute('href')).toBe(
      '/console/orders?from=2026-11-01&to=2026-11-30',
    );
  });
});

describe('where a card drills to', () => {
  const range = { from: '2026-11-01', to: '2026-11-30' };
  it('links only to lists the user may open, in their own area', () => {
    expect(listLinkFor({ metric: 'gmv', drill: null }, 'dealer', ['orders.read'], range)).toBe(
      '/dealer/orders?from=2026-11-01&to=2026-11-30',
    );
    expect(listLinkFor({ metric: 'gmv', drill: null }, 'console', [], range)).toBeNull();
    expect(listLinkFor({ metric: 'aged_stock', drill: null }, 'dealer', ['inventory.read'], range)).toBe(
      '/dealer/stock',
    );
    expect(listLinkFor({ metric: 'cac', drill: null }, 'console', ['analytics.spend'], range)).toBe(
      '/console/analytics/spend',
    );
    expect(listLinkFor({ metric: 'cac', drill: null }, 'dealer', ['analytics.spend'], range)).toBeNull();
    // The server's drill path wins when it points into the same area.
    expect(listLinkFor({ metric: 'uv', drill: '/console/leads?channel=sem' }, 'console', [], range)).toBe(
      '/console/leads?channel=sem',
    );
  });
});
