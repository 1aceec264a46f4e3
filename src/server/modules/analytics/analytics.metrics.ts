import type { DashboardMetric, METRIC_UNITS } from './analytics.dashboard.contract.js';
import type { AnalyticsFactKind } from './analytics.enums.js';

// One definition per metric: its unit, the list behind its card and its formula over the rollup sums of a
// period. docs/metrics.md is the written form of this file; change them together.

type Unit = (typeof METRIC_UNITS)[number];

/** Everything one period contributes to the cards (sums of additive rollups plus distinct-people counts). */
export interface PeriodFigures {
  /** Additive daily metrics summed over the period (analytics_daily_metrics.metric -> value). */
  sums: ReadonlyMap<string, number>;
  uv: number;
  /** Distinct people reaching each funnel stage (index 0 = visit … 5 = delivered). */
  stages: readonly number[];
  dau: number | null;
  wau: number;
  mau: number;
  buyers: number;
  repeatBuyers: number;
  newPayingCustomers: number;
  /** null when spend does not apply (a city, brand or dealer filter). */
  spendFen: number | null;
  /** Supply-chain figures read from inventory (current period only), null when they do not apply. */
  onHand: number | null;
  agedStock: number | null;
  /** FAQ bot conversations and the deflected ones (leads' definition), null when it does not apply. */
  bot: { conversations: number; deflected: number } | null;
}

/** A share in basis points (1 = 0.01%), half-up; null without a denominator. */
export function bp(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 10_000) / whole) : null;
}

/** A ratio times 100 (2.35 -> 235), half-up; null without a denominator. */
export function ratio100(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

function avg(part: number, whole: number): number | null {
  return whole > 0 ? Math.round(part / whole) : null;
}

interface MetricDef {
  unit: Unit;
  /** The fact kinds listed behind the card (the drill-down), when there is such a list. */
  drill: readonly AnalyticsFactKind[] | null;
  value(p: PeriodFigures): number | null;
}

const s = (p: PeriodFigures, metric: string) => p.sums.get(metric) ?? 0;
const margin = (p: PeriodFigures) => s(p, 'margin_revenue') - s(p, 'margin_cost');

export const METRIC_DEFS: Record<DashboardMetric, MetricDef> = {
  uv: { unit: 'count', drill: null, value: (p) => p.uv },
  pv: { unit: 'count', drill: null, value: (p) => s(p, 'pv') },
  visit_depth: {
    unit: 'ratio100',
    drill: null,
    value: (p) => ratio100(s(p, 'session_pv'), s(p, 'sessions')),
  },
  bounce_rate: { unit: 'bp', drill: null, value: (p) => bp(s(p, 'bounces'), s(p, 'sessions')) },
  avg_session_seconds: {
    unit: 'seconds',
    drill: null,
    value: (p) => avg(s(p, 'session_seconds'), s(p, 'sessions')),
  },

  registration_rate: {
    unit: 'bp',
    drill: ['customer_registered'],
    value: (p) => bp(s(p, 'new_users'), p.uv),
  },
  consultation_rate: { unit: 'bp', drill: null, value: (p) => bp(p.stages[2] ?? 0, p.stages[0] ?? 0) },
  order_rate: { unit: 'bp', drill: ['order_placed'], value: (p) => bp(p.stages[3] ?? 0, p.stages[0] ?? 0) },
  payment_rate: {
    unit: 'bp',
    drill: ['deposit_paid', 'order_paid'],
    value: (p) => bp(p.stages[4] ?? 0, p.stages[3] ?? 0),
  },

  orders: { unit: 'count', drill: ['order_placed'], value: (p) => s(p, 'orders') },
  gmv: { unit: 'fen', drill: ['order_placed'], value: (p) => s(p, 'gmv') },
  average_order_value: {
    unit: 'fen',
    drill: ['order_placed'],
    value: (p) => avg(s(p, 'gmv'), s(p, 'orders')),
  },
  gross_margin: {
    unit: 'fen',
    drill: ['order_delivered'],
    value: (p) => (s(p, 'margin_revenue') > 0 ? margin(p) : null),
  },
  gross_margin_rate: {
    unit: 'bp',
    drill: ['order_delivered'],
    value: (p) => bp(margin(p), s(p, 'margin_revenue')),
  },
  refunds: { unit: 'fen', drill: ['refund'], value: (p) => s(p, 'refunds') },
  deposit_forfeits: { unit: 'fen', drill: ['deposit_forfeit'], value: (p) => s(p, 'deposit_forfeits') },

  new_users: { unit: 'count', drill: ['customer_registered'], value: (p) => s(p, 'new_users') },
  dau: { unit: 'count', drill: null, value: (p) => p.dau },
  wau: { unit: 'count', drill: null, value: (p) => p.wau },
  mau: { unit: 'count', drill: null, value: (p) => p.mau },
  repurchase_rate: { unit: 'bp', drill: null, value: (p) => bp(p.repeatBuyers, p.buyers) },
  satisfaction: {
    unit: 'ratio100',
    drill: ['survey_answered'],
    value: (p) => ratio100(s(p, 'survey_rating'), s(p, 'surveys')),
  },

  marketing_spend: { unit: 'fen', drill: null, value: (p) => p.spendFen },
  cac: {
    unit: 'fen',
    drill: null,
    value: (p) => (p.spendFen !== null && p.spendFen > 0 ? avg(p.spendFen, p.newPayingCustomers) : null),
  },
  roi: {
    unit: 'bp',
    drill: null,
    value: (p) => (p.spendFen !== null && p.spendFen > 0 ? bp(margin(p) - p.spendFen, p.spendFen) : null),
  },

  inventory_turnover: {
    unit: 'ratio100',
    drill: ['order_delivered'],
    value: (p) => (p.onHand === null ? null : ratio100(s(p, 'delivered'), p.onHand)),
  },
  aged_stock: { unit: 'count', drill: null, value: (p) => p.agedStock },
  shipping_48h_rate: {
    unit: 'bp',
    drill: ['shop_order_shipped'],
    value: (p) => bp(s(p, 'shop_shipped_48h'), s(p, 'shop_orders_shipped')),
  },

  lead_first_response_seconds: {
    unit: 'seconds',
    drill: ['lead_first_response'],
    value: (p) => avg(s(p, 'lead_response_seconds'), s(p, 'lead_responses')),
  },
  sla_compliance: {
    unit: 'bp',
    drill: ['lead_first_response'],
    value: (p) => bp(s(p, 'lead_sla_met'), s(p, 'lead_responses')),
  },
  bot_deflection: {
    unit: 'bp',
    drill: null,
    value: (p) => (p.bot === null ? null : bp(p.bot.deflected, p.bot.conversations)),
  },
  testdrive_show_rate: {
    unit: 'bp',
    drill: ['testdrive_outcome'],
    value: (p) => bp(s(p, 'testdrives_completed'), s(p, 'testdrives_completed') + s(p, 'testdrives_no_show')),
  },
};

/** The metrics the daily trend carries (one value per day). */
export const TREND_METRICS = [
  'uv',
  'pv',
  'orders',
  'gmv',
  'new_users',
  'dau',
] as const satisfies readonly DashboardMetric[];
