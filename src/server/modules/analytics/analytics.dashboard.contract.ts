import { z } from 'zod';
import { TRAFFIC_CHANNELS } from '../../kernel/attribution.contract.js';

// The dashboard's request and response (GET /api/v1/analytics/dashboard and the drill-down list): the server
// computes them from the rollup tables, the console home and the dealer portal's home render them, the review
// reports keep a copy. Browser-safe (zod only). Every metric's definition is in docs/metrics.md.

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Days are Asia/Shanghai calendar days, both ends included. Filters narrow every figure on the screen. */
export const ZDashboardQuery = z
  .object({
    from: ZDay,
    to: ZDay,
    cityCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    brandId: z.string().min(1).max(64).optional(),
    /** Ignored for dealer staff: they always see their own dealer. */
    dealerId: z.string().min(1).max(64).optional(),
    channel: z.enum(TRAFFIC_CHANNELS).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

/** How a figure is shown: counts, money in fen, shares in basis points (1 = 0.01%), seconds, or a ratio x100. */
export const METRIC_UNITS = ['count', 'fen', 'bp', 'seconds', 'ratio100'] as const;

/** The KPI cards, grouped as docs/metrics.md groups them. */
export const DASHBOARD_METRICS = [
  // traffic
  'uv',
  'pv',
  'visit_depth',
  'bounce_rate',
  'avg_session_seconds',
  // conversion
  'registration_rate',
  'consultation_rate',
  'order_rate',
  'payment_rate',
  // trade
  'orders',
  'gmv',
  'average_order_value',
  'gross_margin',
  'gross_margin_rate',
  'refunds',
  'deposit_forfeits',
  // users
  'new_users',
  'dau',
  'wau',
  'mau',
  'repurchase_rate',
  'satisfaction',
  // marketing
  'marketing_spend',
  'cac',
  'roi',
  // supply chain
  'inventory_turnover',
  'aged_stock',
  'shipping_48h_rate',
  // service
  'lead_first_response_seconds',
  'sla_compliance',
  'bot_deflection',
  'testdrive_show_rate',
] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];

export const ZMetricCard = z.object({
  metric: z.enum(DASHBOARD_METRICS),
  unit: z.enum(METRIC_UNITS),
  /** null when the period has no data for it (e.g. no spend entered: no CAC). */
  value: z.number().nullable(),
  /** The same figure over the previous period of equal length. */
  previous: z.number().nullable(),
  /** Where the list behind the card is (drill-down), when there is one. */
  drill: z.string().nullable(),
});
export type TMetricCard = z.infer<typeof ZMetricCard>;

export const FUNNEL_STAGES = [
  'visit',
  'vehicle_view',
  'consultation_or_test_drive',
  'order',
  'deposit_paid',
  'delivered',
] as const;

export const ZDashboard = z.object({
  range: z.object({ from: ZDay, to: ZDay }),
  previousRange: z.object({ from: ZDay, to: ZDay }),
  /** The dealer the figures are scoped to (always set for dealer staff). */
  dealerId: z.string().nullable(),
  /** When the rollups were last refreshed (figures lag raw events by at most one refresh). */
  refreshedAt: z.string().nullable(),
  cards: z.array(ZMetricCard),
  /** One point per day of the range. */
  trend: z.object({
    days: z.array(ZDay),
    series: z.array(z.object({ metric: z.enum(DASHBOARD_METRICS), values: z.array(z.number()) })),
  }),
  funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int() })),
  /** Weekly cohorts of new users (ISO weeks starting Monday) and how many came back in each following week. */
  retention: z.array(
    z.object({ cohortWeek: ZDay, size: z.number().int(), retained: z.array(z.number().int()) }),
  ),
  cities: z.array(
    z.object({
      cityCode: z.string(),
      visitors: z.number().int(),
      orders: z.number().int(),
      gmvFen: z.number().int(),
    }),
  ),
  topVehicles: z.array(
    z.object({
      seriesId: z.string(),
      /** Brand and series name in the request's language (e.g. 比亚迪 汉). */
      name: z.string(),
      views: z.number().int(),
      orders: z.number().int(),
      gmvFen: z.number().int(),
    }),
  ),
  channels: z.array(
    z.object({
      channel: z.enum(TRAFFIC_CHANNELS),
      visitors: z.number().int(),
      orders: z.number().int(),
      gmvFen: z.number().int(),
      spendFen: z.number().int(),
    }),
  ),
});
export type TDashboard = z.infer<typeof ZDashboard>;

/**
 * Computes the dashboard for a query, scoped to one dealer when dealerId is set (dealer staff), names in the
 * given language. The review reports take their figures from it.
 */
export type DashboardSource = (
  query: TDashboardQuery,
  scope: { dealerId: string | null; lang: 'zh-CN' | 'en' },
) => Promise<TDashboard>;

/**
 * The list behind a card (GET /api/v1/analytics/drill): the facts that make the figure, newest first, paged.
 * Same range and filters as the dashboard; only metrics whose card has a `drill` link are accepted.
 */
export const ZDrillQuery = z
  .object({
    metric: z.enum(DASHBOARD_METRICS),
    from: ZDay,
    to: ZDay,
    cityCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    brandId: z.string().min(1).max(64).optional(),
    /** Ignored for dealer staff's own dealer; another dealer's id is refused. */
    dealerId: z.string().min(1).max(64).optional(),
    channel: z.enum(TRAFFIC_CHANNELS).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type TDrillQuery = z.infer<typeof ZDrillQuery>;

export const ZDrillItem = z.object({
  factId: z.string(),
  /** The fact kind (order_placed, refund, order_delivered, …); docs/metrics.md says which event made it. */
  kind: z.string(),
  occurredAt: z.string(),
  /** The order, lead, test drive or shop order the fact is about. */
  subjectId: z.string(),
  /** The order number buyers and staff see, for order facts. */
  orderNumber: z.string().nullable(),
  cityCode: z.string().nullable(),
  brandId: z.string().nullable(),
  seriesId: z.string().nullable(),
  /** Brand and series name in the request's language. */
  vehicle: z.string().nullable(),
  dealerId: z.string().nullable(),
  channel: z.enum(TRAFFIC_CHANNELS).nullable(),
  amountFen: z.number().int().nullable(),
  costFen: z.number().int().nullable(),
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type TDrillItem = z.infer<typeof ZDrillItem>;

export const ZDrillPage = z.object({ items: z.array(ZDrillItem), nextCursor: z.string().nullable() });
export type TDrillPage = z.infer<typeof ZDrillPage>;
