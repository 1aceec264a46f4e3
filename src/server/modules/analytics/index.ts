import { subscription } from '../../kernel/events/define.js';
import { defineErrors, errorDefsOf } from '../../kernel/http/errors.js';
import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { SalesForecastEvents } from '../../kernel/sales-forecast.events.js';
import { collectRoutes } from './analytics.collect.routes.js';
import { analyticsDashboardRoutes } from './analytics.dashboard.routes.js';
import { AnalyticsErrors } from './analytics.errors.js';
import { AnalyticsEvents } from './analytics.events.js';
import { factSubscriptions } from './analytics.facts.js';
import { runSalesForecast } from './analytics.forecast.js';
import { forecastRoutes, SALES_FORECAST_JOB } from './analytics.forecast.routes.js';
import { seedDemoAnalyticsHistory } from './analytics.history.js';
import { AnalyticsMetricsErrors } from './analytics.metrics.errors.js';
import { ensureEventPartitions } from './analytics.partitions.js';
import { AnalyticsPermissions } from './analytics.permissions.js';
import { enforceRetention } from './analytics.retention.js';
import { reviewStatusMachine } from './analytics.reviews.machine.js';
import { analyticsReviewRoutes } from './analytics.reviews.routes.js';
import { seedDemoReviews } from './analytics.reviews.seed.js';
import { emailReviewToSubscribers, generateClosedReviews } from './analytics.reviews.service.js';
import { dashboardSourceFor } from './analytics.reviews.source.js';
import { REFRESH_ROLLUPS_JOB, refreshRollups } from './analytics.rollups.js';

/** Keeps this month's and the next two months' partitions of analytics_events created. */
export const ANALYTICS_PARTITIONS_JOB = 'analytics.partitions';
/** Drops raw tracking data older than ANALYTICS_RETENTION_DAYS. */
export const ANALYTICS_RETENTION_JOB = 'analytics.retention';
/** Generates the platform review reports of the periods that closed (yesterday, last week/month/quarter/year). */
export const ANALYTICS_REVIEWS_JOB = 'analytics.generate_reviews';

// The analytics module's public surface: other modules use these, never its repository or tables.

export const analyticsModule = defineModule({
  name: 'analytics',
  routes: [
    { prefix: 'analytics/reviews', plugin: analyticsReviewRoutes },
    { prefix: 'analytics', plugin: forecastRoutes },
    { prefix: 'analytics', plugin: analyticsDashboardRoutes },
    { prefix: 'analytics/collect', plugin: collectRoutes },
  ],
  errors: defineErrors({ ...errorDefsOf(AnalyticsErrors), ...errorDefsOf(AnalyticsMetricsErrors) }),
  permissions: AnalyticsPermissions,
  events: { ...AnalyticsEvents, ...SalesForecastEvents },
  stateMachines: [reviewStatusMachine],
  subscriptions: [
    ...factSubscriptions,
    subscription(AnalyticsEvents.reviewReady, 'analytics.email_review_subscribers', async (event, j) => {
      await emailReviewToSubscribers(
        j.db,
        event.payload.reviewId,
        event.eventId,
        j.ctx.clock.now(),
        j.ctx.config.publicUrl,
      );
    }),
  ],
  jobs: [
    job(ANALYTICS_PARTITIONS_JOB, async (j) => {
      await ensureEventPartitions(j.db, j.ctx.clock.now());
    }),
    job(ANALYTICS_RETENTION_JOB, async (j) => {
      await enforceRetention(j.db, j.ctx.clock.now(), j.ctx.config.analyticsRetentionDays);
    }),
    job(REFRESH_ROLLUPS_JOB, async (j) => {
      await refreshRollups(j.db, j.ctx.clock.now());
    }),
    job(ANALYTICS_REVIEWS_JOB, async (j) => {
      await generateClosedReviews(j.db, dashboardSourceFor(j.ctx), systemMutation(j.ctx.clock.now()));
    }),
    // The sales forecast: weekly (the first run of an ISO week computes it) or forced from the console.
    job<{ force?: boolean }>(SALES_FORECAST_JOB, async (j) => {
      await runSalesForecast(j.db, j.ctx.clock.now(), j.payload.force === true);
    }),
  ],
  schedules: [
    // A daily slot is enqueued at start-up too when today's has not run, so a new install gets its partitions.
    { name: 'analytics.partitions.daily', spec: { dailyAt: '00:10' }, job: ANALYTICS_PARTITIONS_JOB },
    { name: 'analytics.retention.daily', spec: { dailyAt: '04:20' }, job: ANALYTICS_RETENTION_JOB },
    { name: 'analytics.refresh_rollups.every_minute', spec: { everySeconds: 60 }, job: REFRESH_ROLLUPS_JOB },
    // 01:00 Asia/Shanghai: yesterday has closed (and on Mondays, the 1st of a month, quarter or year, the
    // longer periods too); the job makes whichever reports are missing.
    { name: 'analytics.generate_reviews.daily', spec: { dailyAt: '01:00' }, job: ANALYTICS_REVIEWS_JOB },
    { name: 'analytics.forecast.daily', spec: { dailyAt: '05:10' }, job: SALES_FORECAST_JOB },
  ],
  // Demo only (development; never in production): a year of plausible traffic, orders, leads and test drives.
  seed: [
    { name: 'analytics.demo_history', run: async (ctx) => void (await seedDemoAnalyticsHistory(ctx)) },
    // The rollups of that history, so the dashboard shows it at once (the minute job would get there too).
    {
      name: 'analytics.demo_rollups',
      run: async (ctx) => {
        if (ctx.config.env !== 'production')
          await refreshRollups(ctx.database.db, ctx.clock.now(), { full: true });
      },
    },
    // So the forecast page and replenishment have a forecast on first start, not only after Monday's run.
    {
      name: 'analytics.demo_forecast',
      run: async (ctx) => {
        if (ctx.config.env !== 'production') await runSalesForecast(ctx.database.db, ctx.clock.now());
      },
    },
    // Keep last: the reports are computed from the demo history seeded before them.
    { name: 'analytics.demo_reviews', run: (ctx) => seedDemoReviews(ctx) },
  ],
});

export { computeDashboard, dashboardSource } from './analytics.dashboard.js';
export { AnalyticsEvents } from './analytics.events.js';
export { type FactDims, recordFact } from './analytics.facts.js';
export { markDaysDirty as markAnalyticsDaysDirty } from './analytics.facts.repository.js';
export type { TReview, TReviewDetail } from './analytics.reviews.contract.js';
export { useDashboardSource } from './analytics.reviews.source.js';
export { REFRESH_ROLLUPS_JOB, refreshRollups } from './analytics.rollups.js';
