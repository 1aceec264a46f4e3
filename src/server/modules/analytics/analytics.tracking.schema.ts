import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import type { ANALYTICS_DEVICES, ANALYTICS_FACT_KINDS, TRACKED_EVENT_NAMES } from './analytics.enums.js';

/**
 * Raw first-party events from the web client (page views and actions), append-only. On PostgreSQL the table is
 * partitioned by month on occurred_at (the migration says PARTITION BY RANGE; a job keeps next months'
 * partitions created, and retention drops whole partitions). Dashboards never read it on a page load: jobs fold
 * it into the rollup tables. No personal data: ids are pseudonymous, IPs truncated to a /24 (/48 for IPv6).
 */
export const analyticsEventTable = pgTable(
  'analytics_events',
  {
    id: text('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    name: text('name').$type<(typeof TRACKED_EVENT_NAMES)[number]>().notNull(),
    visitorId: text('visitor_id').notNull(),
    sessionId: text('session_id').notNull(),
    /** The signed-in buyer's account id (pseudonymous), when there is one. */
    accountId: text('account_id'),
    path: text('path'),
    channel: text('channel').$type<TrafficChannel>().notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    referrerHost: text('referrer_host'),
    cityCode: text('city_code'),
    brandId: text('brand_id'),
    seriesId: text('series_id'),
    trimId: text('trim_id'),
    listingId: text('listing_id'),
    dealerId: text('dealer_id'),
    device: text('device').$type<(typeof ANALYTICS_DEVICES)[number]>().notNull(),
    ipPrefix: text('ip_prefix'),
    /** Small, non-personal details of the action (search words count, compare size, calculator kind, …). */
    props: jsonb('props')
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.occurredAt, t.id] }),
    index('analytics_events_session_idx').on(t.sessionId, t.occurredAt),
    /** The rollup job folds in what arrived since its watermark (late events included). */
    index('analytics_events_received_idx').on(t.receivedAt),
  ],
);
export type AnalyticsEventRow = typeof analyticsEventTable.$inferSelect;

/** One visit: consecutive events of a visitor with no gap over 30 minutes. Kept up to date by the collector. */
export const analyticsSessionTable = pgTable(
  'analytics_sessions',
  {
    id: text('id').primaryKey(),
    visitorId: text('visitor_id').notNull(),
    accountId: text('account_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    pageViews: integer('page_views').notNull().default(0),
    events: integer('events').notNull().default(0),
    channel: text('channel').$type<TrafficChannel>().notNull(),
    utmSource: text('utm_source'),
    utmCampaign: text('utm_campaign'),
    referrerHost: text('referrer_host'),
    landingPath: text('landing_path'),
    cityCode: text('city_code'),
    device: text('device').$type<(typeof ANALYTICS_DEVICES)[number]>().notNull(),
  },
  (t) => [
    index('analytics_sessions_started_idx').on(t.startedAt),
    index('analytics_sessions_visitor_idx').on(t.visitorId, t.lastEventAt),
  ],
);
export type AnalyticsSessionRow = typeof analyticsSessionTable.$inferSelect;

/** An anonymous visitor id seen signed in as an account (linked at sign-in). */
export const analyticsVisitorAccountTable = pgTable(
  'analytics_visitor_accounts',
  {
    visitorId: text('visitor_id').notNull(),
    accountId: text('account_id').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.visitorId, t.accountId] }),
    index('analytics_visitor_accounts_account_idx').on(t.accountId),
  ],
);

/**
 * Trusted business facts, recorded from the modules' typed events (never from the browser): one row per fact,
 * idempotent by the source event id and kind. Dimensions are resolved once, when the fact is recorded.
 */
export const analyticsFactTable = pgTable(
  'analytics_facts',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<(typeof ANALYTICS_FACT_KINDS)[number]>().notNull(),
    /** The outbox event the fact came from (or a seed/bench marker). */
    sourceEventId: text('source_event_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The order, lead, test drive, shop order, … the fact is about. */
    subjectId: text('subject_id').notNull(),
    /** The buyer's account id, when known. */
    accountId: text('account_id'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** Unit cost of the car sold (gross margin = amount - cost). */
    costFen: bigint('cost_fen', { mode: 'number' }),
    cityCode: text('city_code'),
    brandId: text('brand_id'),
    seriesId: text('series_id'),
    trimId: text('trim_id'),
    dealerId: text('dealer_id'),
    channel: text('channel').$type<TrafficChannel>(),
    props: jsonb('props')
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex('analytics_facts_source_uq').on(t.sourceEventId, t.kind),
    index('analytics_facts_kind_time_idx').on(t.kind, t.occurredAt),
    index('analytics_facts_subject_idx').on(t.subjectId),
  ],
);
export type AnalyticsFactRow = typeof analyticsFactTable.$inferSelect;
export type NewAnalyticsFactRow = typeof analyticsFactTable.$inferInsert;
