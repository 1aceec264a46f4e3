import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { addDays, isoWeekdayOf, shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { SalesForecastEvents } from '../../kernel/sales-forecast.events.js';
import { listSeriesNames } from '../catalog/index.js';
import type { TSalesForecast } from './analytics.forecast.contract.js';
import { FORECAST_HORIZON_WEEKS, forecastSeries } from './analytics.forecast.method.js';
import { type AnalyticsSalesForecastRow, analyticsSalesForecastTable } from './analytics.forecast.schema.js';
import { analyticsFactTable } from './analytics.tracking.schema.js';

// The weekly sales forecast: car orders (order_placed facts) per series and ISO week, Holt-Winters per series
// (analytics.forecast.method.ts), stored and announced to inventory's replenishment.

/** At most two years of weeks feed the model. */
const MAX_HISTORY_WEEKS = 104;
/** The console's chart shows this many weeks of history before the forecast. */
const CHART_HISTORY_WEEKS = 26;

/** Monday (YYYY-MM-DD) of the Asia/Shanghai ISO week an instant falls in. */
export function weekStartOf(at: Date): string {
  const day = shanghaiDay(at);
  return addDays(day, 1 - isoWeekdayOf(day));
}

/**
 * Complete weeks of orders per series, oldest first, zero-filled, up to (not including) the week `beforeWeek`
 * and from each series' first order (at most MAX_HISTORY_WEEKS back).
 */
export async function weeklyOrdersBySeries(
  db: DbHandle,
  beforeWeek: string,
  maxWeeks = MAX_HISTORY_WEEKS,
): Promise<Map<string, { weekStart: string; orders: number }[]>> {
  const from = addDays(beforeWeek, -7 * maxWeeks);
  const result = (await db.execute(sql`
    select ${analyticsFactTable.seriesId} as series_id,
           to_char(date_trunc('week', ${analyticsFactTable.occurredAt} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as week_start,
           count(*)::int as orders
    from ${analyticsFactTable}
    where ${analyticsFactTable.kind} = 'order_placed' and ${analyticsFactTable.seriesId} is not null
      and ${analyticsFactTable.occurredAt} >= ${shanghaiDayStart(from).toISOString()}::timestamptz
      and ${analyticsFactTable.occurredAt} < ${shanghaiDayStart(beforeWeek).toISOString()}::timestamptz
    group by 1, 2
  `)) as unknown as { rows: { series_id: string; week_start: string; orders: number }[] };
  const bySeries = new Map<string, Map<string, number>>();
  for (const r of result.rows) {
    const weeks = bySeries.get(r.series_id) ?? new Map<string, number>();
    weeks.set(r.week_start, r.orders);
    bySeries.set(r.series_id, weeks);
  }
  const out = new Map<string, { weekStart: string; orders: number }[]>();
  for (const [seriesId, weeks] of [...bySeries.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const first = [...weeks.keys()].sort()[0] as string;
    const series: { weekStart: string; orders: number }[] = [];
    for (let w = first; w < beforeWeek; w = addDays(w, 7))
      series.push({ weekStart: w, orders: weeks.get(w) ?? 0 });
    out.set(seriesId, series);
  }
  return out;
}

export interface ForecastRunResult {
  readonly ran: boolean;
  readonly series: number;
}

/**
 * The `analytics.forecast` job: recomputes every series with at least 16 complete weeks, replaces the stored
 * forecast and publishes analytics.sales_forecast_updated, in one transaction. Without `force` it runs once per
 * ISO week (the daily schedule fires early Monday; a restart later in the week catches up once).
 */
export async function runSalesForecast(db: DbHandle, now: Date, force = false): Promise<ForecastRunResult> {
  const thisWeek = weekStartOf(now);
  if (!force) {
    const [last] = await db
      .select({ at: sql<Date | string>`max(${analyticsSalesForecastTable.generatedAt})` })
      .from(analyticsSalesForecastTable);
    if (last?.at && weekStartOf(new Date(last.at)) === thisWeek) return { ran: false, series: 0 };
  }
  const history = await weeklyOrdersBySeries(db, thisWeek);
  const rows: (typeof analyticsSalesForecastTable.$inferInsert)[] = [];
  const announced: { seriesId: string; weeks: { weekStart: string; orders: number }[] }[] = [];
  for (const [seriesId, weeks] of history) {
    const f = forecastSeries(weeks.map((w) => w.orders));
    if (!f) continue;
    const upcoming = f.orders.map((orders, i) => ({ weekStart: addDays(thisWeek, 7 * i), orders }));
    announced.push({ seriesId, weeks: upcoming.map((w) => ({ ...w, orders: round2(w.orders) })) });
    upcoming.forEach((w, i) => {
      rows.push({
        seriesId,
        weekStart: w.weekStart,
        predictedOrders: round2(w.orders),
        lowerOrders: round2(f.lower[i] ?? 0),
        upperOrders: round2(f.upper[i] ?? 0),
        generatedAt: now,
        method: f.method,
        params: { ...f.params },
        historyWeeks: weeks.length,
        heldOutMape: f.heldOut.mape,
        heldOutWape: f.heldOut.wape,
        baselineMape: f.baseline.mape,
        baselineWape: f.baseline.wape,
      });
    });
  }
  await withTransaction(db, async (tx) => {
    await tx.delete(analyticsSalesForecastTable);
    for (let i = 0; i < rows.length; i += 1000)
      await tx.insert(analyticsSalesForecastTable).values(rows.slice(i, i + 1000));
    await publish(
      tx,
      SalesForecastEvents.salesForecastUpdated,
      null,
      { generatedAt: now.toISOString(), series: announced },
      now,
    );
  });
  return { ran: true, series: announced.length };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The stored forecast with the recent weekly history, for the console. Dealer staff see the series their
 * dealer sold in the history window (the orders shown are the platform's: demand for the model, not the
 * dealer's own sales); platform staff see every series.
 */
export async function getSalesForecast(db: DbHandle, actor: StaffActor): Promise<TSalesForecast> {
  const rows = await db
    .select()
    .from(analyticsSalesForecastTable)
    .orderBy(asc(analyticsSalesForecastTable.seriesId), asc(analyticsSalesForecastTable.weekStart));
  if (rows.length === 0) return { generatedAt: null, series: [] };
  const generatedAt = (rows[0] as AnalyticsSalesForecastRow).generatedAt;
  let seriesIds = [...new Set(rows.map((r) => r.seriesId))];
  if (actor.dealerId !== null) {
    const sold = await db
      .selectDistinct({ seriesId: analyticsFactTable.seriesId })
      .from(analyticsFactTable)
      .where(
        and(
          eq(analyticsFactTable.kind, 'order_placed'),
          eq(analyticsFactTable.dealerId, actor.dealerId),
          inArray(analyticsFactTable.seriesId, seriesIds),
        ),
      );
    const own = new Set(sold.map((s) => s.seriesId));
    seriesIds = seriesIds.filter((id) => own.has(id));
  }
  // The chart's history ends where the forecast begins (the week it was generated in).
  const firstForecastWeek = rows.map((r) => r.weekStart).sort()[0] as string;
  const history = await weeklyOrdersBySeries(db, firstForecastWeek, CHART_HISTORY_WEEKS);
  const names = new Map((await listSeriesNames(db)).map((s) => [s.id, s.name]));
  return {
    generatedAt: generatedAt.toISOString(),
    series: seriesIds.map((seriesId) => {
      const own = rows.filter((r) => r.seriesId === seriesId);
      const head = own[0] as AnalyticsSalesForecastRow;
      return {
        seriesId,
        seriesName: names.get(seriesId) ?? seriesId,
        method: head.method,
        historyWeeks: head.historyWeeks,
        history: history.get(seriesId) ?? [],
        forecast: own.map((r) => ({
          weekStart: r.weekStart,
          orders: r.predictedOrders,
          lower: r.lowerOrders,
          upper: r.upperOrders,
        })),
        heldOut: { mape: head.heldOutMape, wape: head.heldOutWape },
        baseline: { mape: head.baselineMape, wape: head.baselineWape },
      };
    }),
  };
}

export { addDays, FORECAST_HORIZON_WEEKS };
