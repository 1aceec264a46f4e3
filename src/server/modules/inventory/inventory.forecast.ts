import { gte } from 'drizzle-orm';
import { isoWeekdayOf, shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import type { PayloadOf } from '../../kernel/events/define.js';
import type { SalesForecastEvents } from '../../kernel/sales-forecast.events.js';
import { inventoryDemandForecasts } from './inventory.forecast.schema.js';

// The sales forecast analytics publishes (next 8 weeks of car orders per series), kept for replenishment:
// a cell's (store, trim) forecast daily demand is its series' weekly orders / 7, spread over the cells by
// their share of the series' last-30-days sales (inventory.replenishment.ts).

/** Weeks ahead replenishment averages: a month covers the usual lead times (14 days by default). */
export const FORECAST_WEEKS_USED = 4;
const DAY_MS = 86_400_000;

/** Replaces the stored forecast with the one announced (the subscription's handler). */
export async function storeDemandForecast(
  db: DbHandle,
  payload: PayloadOf<typeof SalesForecastEvents.salesForecastUpdated>,
): Promise<number> {
  const generatedAt = new Date(payload.generatedAt);
  const rows = payload.series.flatMap((s) =>
    s.weeks.map((w) => ({ seriesId: s.seriesId, weekStart: w.weekStart, orders: w.orders, generatedAt })),
  );
  await withTransaction(db, async (tx) => {
    await tx.delete(inventoryDemandForecasts);
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(inventoryDemandForecasts).values(rows.slice(i, i + 1000));
    }
  });
  return rows.length;
}

/**
 * Forecast car orders per day by series: the mean of the next FORECAST_WEEKS_USED weeks from this ISO week
 * (Asia/Shanghai), over 7. Series without a forecast are absent (replenishment then uses the past only).
 */
export async function forecastDailyDemandBySeries(db: DbHandle, now: Date): Promise<Map<string, number>> {
  const today = shanghaiDay(now);
  const monday = new Date(Date.parse(`${today}T00:00:00Z`) - (isoWeekdayOf(today) - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const rows = await db
    .select()
    .from(inventoryDemandForecasts)
    .where(gte(inventoryDemandForecasts.weekStart, monday));
  const weeks = new Map<string, number[]>();
  for (const r of rows.sort((a, b) => a.weekStart.localeCompare(b.weekStart))) {
    const list = weeks.get(r.seriesId) ?? [];
    if (list.length < FORECAST_WEEKS_USED) list.push(r.orders);
    weeks.set(r.seriesId, list);
  }
  const out = new Map<string, number>();
  for (const [seriesId, list] of weeks) out.set(seriesId, list.reduce((a, b) => a + b, 0) / list.length / 7);
  return out;
}
