import { date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TDashboard } from './analytics.dashboard.contract.js';
import type { ReviewKind, ReviewStatus } from './analytics.enums.js';

/**
 * The review reports (复盘): one per kind, period and scope. Regenerating a period replaces its figures in
 * place (late events), so (kind, period_start, scope) is unique.
 */
export const reviewTable = pgTable(
  'analytics_reviews',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<ReviewKind>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** null: platform-wide. */
    dealerId: text('dealer_id'),
    /** `platform` or the dealer id: the unique key cannot use a nullable column. */
    scope: text('scope').notNull(),
    status: text('status').$type<ReviewStatus>().notNull(),
    /** The dashboard snapshot of the period (cards carry the previous period's values). */
    figures: jsonb('figures').$type<TDashboard>(),
    summaryZh: text('summary_zh'),
    summaryEn: text('summary_en'),
    failure: text('failure'),
    generatedAt: timestamp('generated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('analytics_reviews_period_uq').on(t.kind, t.periodStart, t.scope),
    index('analytics_reviews_scope_start_idx').on(t.scope, t.periodStart, t.id),
  ],
);

export type ReviewRow = typeof reviewTable.$inferSelect;
export type NewReviewRow = typeof reviewTable.$inferInsert;

/** Staff who receive a kind of report by email, in their language. */
export const reviewSubscriptionTable = pgTable(
  'analytics_review_subscriptions',
  {
    staffAccountId: text('staff_account_id').notNull(),
    kind: text('kind').$type<ReviewKind>().notNull(),
    lang: text('lang').$type<'zh-CN' | 'en'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.staffAccountId, t.kind] }),
    index('analytics_review_subscriptions_kind_idx').on(t.kind),
  ],
);

export type ReviewSubscriptionRow = typeof reviewSubscriptionTable.$inferSelect;
