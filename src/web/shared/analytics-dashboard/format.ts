import dayjs from 'dayjs';
import {
  DASHBOARD_METRICS,
  type DashboardMetric,
  type METRIC_UNITS,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';

// Pure helpers of the dashboard: how a figure reads (unit, 万/亿), its change on the previous period, the
// groups of cards, and the date presets. Days are Asia/Shanghai calendar days like the API's.

export type MetricUnit = (typeof METRIC_UNITS)[number];
type Lang = 'zh-CN' | 'en';

/** The card groups, in the order docs/metrics.md lists them. */
export const METRIC_GROUPS: { key: string; metrics: readonly DashboardMetric[] }[] = [
  { key: 'traffic', metrics: ['uv', 'pv', 'visit_depth', 'bounce_rate', 'avg_session_seconds'] },
  {
    key: 'conversion',
    metrics: ['registration_rate', 'consultation_rate', 'order_rate', 'payment_rate'],
  },
  {
    key: 'trade',
    metrics: [
      'orders',
      'gmv',
      'average_order_value',
      'gross_margin',
      'gross_margin_rate',
      'refunds',
      'deposit_forfeits',
    ],
  },
  { key: 'users', metrics: ['new_users', 'dau', 'wau', 'mau', 'repurchase_rate', 'satisfaction'] },
  { key: 'marketing', metrics: ['marketing_spend', 'cac', 'roi'] },
  { key: 'supply', metrics: ['inventory_turnover', 'aged_stock', 'shipping_48h_rate'] },
  {
    key: 'service',
    metrics: ['lead_first_response_seconds', 'sla_compliance', 'bot_deflection', 'testdrive_show_rate'],
  },
];

/** Every metric belongs to exactly one group (a new metric in the contract without a group shows up in tests). */
export const UNGROUPED_METRICS = DASHBOARD_METRICS.filter(
  (m) => !METRIC_GROUPS.some((g) => g.metrics.includes(m)),
);

/** Figures where a fall is the good news: their arrows turn green going down. */
export const LOWER_IS_BETTER: ReadonlySet<DashboardMetric> = new Set<DashboardMetric>([
  'bounce_rate',
  'refunds',
  'deposit_forfeits',
  'cac',
  'aged_stock',
  'lead_first_response_seconds',
]);

const trim = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

/** A large number the Chinese way (1.23万, 4.5亿) or the English way (12.3K, 4.5M, 1.2B). */
export function compactNumber(n: number, lang: Lang): string {
  const abs = Math.abs(n);
  if (lang === 'zh-CN') {
    if (abs >= 1e8) return `${trim(n / 1e8, 2)}亿`;
    if (abs >= 1e4) return `${trim(n / 1e4, 2)}万`;
    return Math.round(n).toLocaleString('zh-CN');
  }
  if (abs >= 1e9) return `${trim(n / 1e9, 2)}B`;
  if (abs >= 1e6) return `${trim(n / 1e6, 2)}M`;
  if (abs >= 1e5) return `${trim(n / 1e3, 1)}K`;
  return Math.round(n).toLocaleString('en-US');
}

/** Seconds as 1小时5分 / 3分20秒 / 45秒 (or 1 h 5 min …). */
export function formatDuration(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (lang === 'zh-CN') {
    if (h > 0) return `${h}小时${m}分`;
    if (m > 0) return `${m}分${rest}秒`;
    return `${rest}秒`;
  }
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${rest} s`;
  return `${rest} s`;
}

/** A figure as people read it: fen as ¥ (万/亿 when large), basis points as %, seconds as 时分, ratio x100. */
export function formatMetricValue(unit: MetricUnit, value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'count':
      return compactNumber(value, lang);
    case 'fen': {
      const yuan = value / 100;
      if (Math.abs(yuan) >= 1e4) return `¥${compactNumber(yuan, lang)}`;
      return `¥${yuan.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 })}`;
    }
    case 'bp':
      return `${(value / 100).toFixed(2)}%`;
    case 'seconds':
      return formatDuration(value, lang);
    case 'ratio100':
      return (value / 100).toFixed(2);
  }
}

export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/**
 * The change against the previous period: relative % for counts, money, seconds and ratios; percentage
 * points for shares (bp), where a relative change of a rate misleads. `good` says whether the move is good
 * news (null when flat or unknown).
 */
export function metricChange(
  metric: DashboardMetric,
  unit: MetricUnit,
  value: number | null,
  previous: number | null,
): { direction: ChangeDirection; text: string; points: boolean; good: boolean | null } {
  if (value === null || previous === null) return { direction: 'none', text: '', points: false, good: null };
  if (value === previous) return { direction: 'flat', text: '', points: unit === 'bp', good: null };
  const direction = value > previous ? 'up' : 'down';
  const good = (direction === 'up') !== LOWER_IS_BETTER.has(metric);
  if (unit === 'bp')
    return { direction, text: trim(Math.abs(value - previous) / 100, 2), points: true, good };
  if (previous === 0) return { direction, text: '', points: false, good };
  const pct = (Math.abs(value - previous) / Math.abs(previous)) * 100;
  return { direction, text: `${trim(pct, 1)}%`, points: false, good };
}

// ---- dates (Asia/Shanghai calendar days) ----

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Today's Asia/Shanghai calendar day, YYYY-MM-DD (the browser may sit in any time zone). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export const RANGE_PRESETS = ['last7', 'last30', 'thisMonth', 'lastMonth', 'last90', 'thisYear'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The from..to days (both included) of a preset, counted from `today`. */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  const t = dayjs(today);
  switch (preset) {
    case 'last7':
      return { from: fmt(t.subtract(6, 'day')), to: today };
    case 'last30':
      return { from: fmt(t.subtract(29, 'day')), to: today };
    case 'thisMonth':
      return { from: fmt(t.startOf('month')), to: today };
    case 'lastMonth': {
      const last = t.startOf('month').subtract(1, 'month');
      return { from: fmt(last), to: fmt(last.endOf('month')) };
    }
    case 'last90':
      return { from: fmt(t.subtract(89, 'day')), to: today };
    case 'thisYear':
      return { from: fmt(t.startOf('year')), to: today };
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range in the URL when it is valid, else the default (the last 30 days). */
export function rangeFromUrl(
  from: string | undefined,
  to: string | undefined,
  today: string,
): { from: string; to: string } {
  if (
    from &&
    to &&
    DAY.test(from) &&
    DAY.test(to) &&
    from <= to &&
    dayjs(from).isValid() &&
    dayjs(to).isValid()
  )
    return { from, to };
  return presetRange('last30', today);
}
