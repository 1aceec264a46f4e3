import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';

// The measuring core's own tables: rollups the dashboard reads (never raw events or facts on a page load),
// the refresh bookkeeping and the marketing spend staff enter. Days are Asia/Shanghai calendar days; '' stands
// for "none" in a dimension so every key column can be part of the primary key. docs/metrics.md defines them.

/**
 * Additive figures per day and dimension (page views, orders, GMV, refunds, …): any range is a SUM over its
 * days. Rebuilt one whole day at a time by the refresh job, so a late event corrects its day.
 */
export const analyticsDailyMetricTable = pgTable(
  'analytics_daily_metrics',
  {
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    cityCode: text('city_code').notNull().default(''),
    brandId: text('brand_id').notNull().default(''),
    seriesId: text('series_id').notNull().default(''),
    dealerId: text('dealer_id').notNull().default(''),
    channel: text('channel').notNull().default(''),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.metric, t.cityCode, t.brandId, t.seriesId, t.dealerId, t.channel] }),
    index('analytics_daily_metrics_dealer_day_idx').on(t.dealerId, t.day),
  ],
);
export type AnalyticsDailyMetricRow = typeof analyticsDailyMetricTable.$inferSelect;

/**
 * One person's day per dimension: the person is the buyer account when known (signed in, or the visitor was
 * linked to one), else the anonymous visitor id. Distinct counts (UV, active users, funnel stages, cohorts)
 * are COUNT(DISTINCT person_key) over these rows, which is why they cannot be summed like the daily metrics.
 */
export const analyticsPersonDayTable = pgTable(
  'analytics_person_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    personKey: text('person_key').notNull(),
    accountId: text('account_id'),
    cityCode: text('city_code').notNull().default(''),
    brandId: text('brand_id').notNull().default(''),
    dealerId: text('dealer_id').notNull().default(''),
    channel: text('channel').notNull().default(''),
    /** Sent at least one tracked event (a visit) that day. */
    visited: boolean('visited').notNull().default(false),
    pageViews: integer('page_views').notNull().default(0),
    /** The furthest funnel stage reached that day: 1 visit … 6 delivered (FUNNEL_STAGES order), 0 none. */
    maxStage: smallint('max_stage').notNull().default(0),
    /** Orders placed and orders paid in full (balance or loan) that day. */
    orders: integer('orders').notNull().default(0),
    paidOrders: integer('paid_orders').notNull().default(0),
    /** Registered as a customer that day (the retention cohort's start). */
    registered: boolean('registered').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.personKey, t.cityCode, t.brandId, t.dealerId, t.channel] }),
    index('analytics_person_days_person_idx').on(t.personKey, t.day),
    index('analytics_person_days_dealer_day_idx').on(t.dealerId, t.day),
    /** Buyers (repurchase, first paid order for CAC) are a small slice read over all time. */
    index('analytics_person_days_buyers_idx')
      .on(t.personKey, t.day)
      .where(sql`${t.orders} > 0 or ${t.paidOrders} > 0`),
    /** Registrations start the retention cohorts. */
    index('analytics_person_days_registered_idx').on(t.day).where(sql`${t.registered}`),
  ],
);
export type AnalyticsPersonDayRow = typeof analyticsPersonDayTable.$inferSelect;

/** The refresh job's bookkeeping: raw events received after `watermark` are not folded in yet. */
export const analyticsRollupStateTable = pgTable('analytics_rollup_state', {
  name: text('name').primaryKey(),
  watermark: timestamp('watermark', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
});

/** Days whose facts changed since the last refresh (recording a fact marks its day in the same transaction). */
export const analyticsDirtyDayTable = pgTable('analytics_dirty_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
});

/** Marketing spend per channel and period, entered by marketing staff (CAC and ROI divide by it). */
export const analyticsMarketingSpendTable = pgTable(
  'analytics_marketing_spend',
  {
    id: text('id').primaryKey(),
    channel: text('channel').$type<TrafficChannel>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_marketing_spend_period_idx').on(t.periodStart, t.periodEnd)],
);
export type AnalyticsMarketingSpendRow = typeof analyticsMarketingSpendTable.$inferSelect;
