import { date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The latest sales forecast: per series the next 8 ISO weeks (Monday, Asia/Shanghai) of car orders with an 80 %
 * band, the method and its error on the held-out last 8 weeks beside the seasonal-naive baseline's. Replaced
 * as a whole by each run of the `analytics.forecast` job (docs/forecast.md).
 */
export const analyticsSalesForecastTable = pgTable(
  'analytics_sales_forecasts',
  {
    seriesId: text('series_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    predictedOrders: real('predicted_orders').notNull(),
    lowerOrders: real('lower_orders').notNull(),
    upperOrders: real('upper_orders').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    /** alpha, beta, gamma, phi, period as fitted. */
    params: jsonb('params').$type<Record<string, number>>().notNull(),
    /** Weeks of history the model saw. */
    historyWeeks: integer('history_weeks').notNull(),
    heldOutMape: real('held_out_mape'),
    heldOutWape: real('held_out_wape'),
    baselineMape: real('baseline_mape'),
    baselineWape: real('baseline_wape'),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.weekStart] }),
    index('analytics_sales_forecasts_generated_idx').on(t.generatedAt),
  ],
);
export type AnalyticsSalesForecastRow = typeof analyticsSalesForecastTable.$inferSelect;
