import {
  DASHBOARD_METRICS,
  type DashboardMetric,
  type TDashboard,
  type TMetricCard,
  ZDashboard,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';

// A hand-built dashboard for the web tests (test-only: nothing in the app imports this file). November
// 2026 in Hangzhou and Beijing, figures chosen so each formatting rule shows.

const UNITS: Record<DashboardMetric, TMetricCard['unit']> = {
  uv: 'count',
  pv: 'count',
  visit_depth: 'ratio100',
  bounce_rate: 'bp',
  avg_session_seconds: 'seconds',
  registration_rate: 'bp',
  consultation_rate: 'bp',
  order_rate: 'bp',
  payment_rate: 'bp',
  orders: 'count',
  gmv: 'fen',
  average_order_value: 'fen',
  gross_margin: 'fen',
  gross_margin_rate: 'bp',
  refunds: 'fen',
  deposit_forfeits: 'fen',
  new_users: 'count',
  dau: 'count',
  wau: 'count',
  mau: 'count',
  repurchase_rate: 'bp',
  satisfaction: 'ratio100',
  marketing_spend: 'fen',
  cac: 'fen',
  roi: 'bp',
  inventory_turnover: 'ratio100',
  aged_stock: 'count',
  shipping_48h_rate: 'bp',
  lead_first_response_seconds: 'seconds',
  sla_compliance: 'bp',
  bot_deflection: 'bp',
  testdrive_show_rate: 'bp',
};

const FIGURES: Partial<Record<DashboardMetric, [number | null, number | null]>> = {
  uv: [12_400, 11_273], // 1.24万, +10%
  pv: [58_000, 60_000],
  bounce_rate: [3_250, 3_500], // 32.50%, down 2.5 points: good news
  avg_session_seconds: [200, 180], // 3分20秒
  orders: [42, 40],
  gmv: [1_234_567_800, 1_100_000_000], // ¥1234.57万
  average_order_value: [29_394_471, 27_500_000],
  lead_first_response_seconds: [400, 300], // slower: bad news
  marketing_spend: [null, null],
  cac: [null, null],
  roi: [null, null],
};

export function card(metric: DashboardMetric, value: number | null, previous: number | null): TMetricCard {
  return {
    metric,
    unit: UNITS[metric],
    value,
    previous,
    drill: metric === 'orders' ? '/api/v1/analytics/drill?metric=orders' : null,
  };
}

const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

export function dashboardFixture(over: Partial<TDashboard> = {}): TDashboard {
  const d: TDashboard = {
    range: { from: '2026-11-01', to: '2026-11-30' },
    previousRange: { from: '2026-10-02', to: '2026-10-31' },
    dealerId: null,
    refreshedAt: '2026-11-30T15:59:00Z',
    cards: DASHBOARD_METRICS.map((m) => {
      const [v, p] = FIGURES[m] ?? [100, 100];
      return card(m, v, p);
    }),
    trend: {
      days: DAYS,
      series: [
        { metric: 'uv', values: DAYS.map((_, i) => 380 + (i % 7) * 20) },
        { metric: 'orders', values: DAYS.map((_, i) => 1 + (i % 3)) },
        { metric: 'gmv', values: DAYS.map((_, i) => 30_000_000 + i * 100_000) },
      ],
    },
    funnel: [
      { stage: 'visit', count: 12_400 },
      { stage: 'vehicle_view', count: 6_200 },
      { stage: 'consultation_or_test_drive', count: 620 },
      { stage: 'order', count: 62 },
      { stage: 'deposit_paid', count: 42 },
      { stage: 'delivered', count: 30 },
    ],
    retention: [
      { cohortWeek: '2026-11-02', size: 200, retained: [200, 60, 40] },
      { cohortWeek: '2026-11-09', size: 180, retained: [180, 50] },
    ],
    cities: [
      { cityCode: '330100', visitors: 5_000, orders: 20, gmvFen: 600_000_000 },
      { cityCode: '110100', visitors: 7_400, orders: 22, gmvFen: 634_567_800 },
    ],
    topVehicles: [
      { seriesId: 'ser_byd_han', name: '比亚迪 汉', views: 3_100, orders: 12, gmvFen: 300_000_000 },
      { seriesId: 'ser_li_l9', name: '理想 L9', views: 2_400, orders: 8, gmvFen: 320_000_000 },
    ],
    channels: [
      { channel: 'seo', visitors: 6_000, orders: 20, gmvFen: 600_000_000, spendFen: 0 },
      { channel: 'sem', visitors: 4_000, orders: 15, gmvFen: 450_000_000, spendFen: 0 },
    ],
    ...over,
  };
  return ZDashboard.parse(d);
}

/** The same period with nothing in it. */
export function emptyDashboardFixture(): TDashboard {
  return dashboardFixture({
    cards: DASHBOARD_METRICS.map((m) => card(m, m === 'uv' || m === 'orders' ? 0 : null, null)),
    trend: { days: DAYS, series: [{ metric: 'uv', values: DAYS.map(() => 0) }] },
    funnel: dashboardFixture().funnel.map((s) => ({ ...s, count: 0 })),
    retention: [],
    cities: [],
    topVehicles: [],
    channels: [],
  });
}
