import { date, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The sales forecast as inventory received it (event analytics.sales_forecast_updated): car orders per series
 * and ISO week. Replenishment reads it to look ahead instead of only back (docs/inventory.md).
 */
export const inventoryDemandForecasts = pgTable(
  'inventory_demand_forecasts',
  {
    seriesId: text('series_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    orders: real('orders').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.weekStart] })],
);
export type InventoryDemandForecastRow = typeof inventoryDemandForecasts.$inferSelect;
