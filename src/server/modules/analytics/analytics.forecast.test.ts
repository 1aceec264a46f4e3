import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { TSalesForecast } from './analytics.forecast.contract.js';
import { runSalesForecast, weeklyOrdersBySeries, weekStartOf } from './analytics.forecast.js';
import { analyticsSalesForecastTable } from './analytics.forecast.schema.js';
import { generateAnalyticsHistory, type HistoryListing } from './analytics.history.js';

// The forecast job over a generated year of orders: stores 8 weeks per series, publishes the event, runs once
// a week unless forced; the route shows it (dealer staff: the series their dealer sold).

const MARKET: HistoryListing[] = [
  {
    listingId: 'lst_f1',
    trimId: 'trm_han',
    seriesId: 'ser_han',
    brandId: 'brd_byd',
    dealerId: 'dlr_bj_byd',
    cityCode: '110100',
    priceFen: 21_980_000,
  },
  {
    listingId: 'lst_f2',
    trimId: 'trm_seal',
    seriesId: 'ser_seal',
    brandId: 'brd_byd',
    dealerId: 'dlr_bj_byd',
    cityCode: '110100',
    priceFen: 17_980_000,
  },
  {
    listingId: 'lst_f3',
    trimId: 'trm_m3',
    seriesId: 'ser_model3',
    brandId: 'brd_tesla',
    dealerId: 'dlr_sh_tesla',
    cityCode: '310100',
    priceFen: 23_190_000,
  },
];
const NOW = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai; ISO week of Monday 2026-11-30

let t: TestApp;
let operator: TestStaff;
let teslaAdmin: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  await generateAnalyticsHistory(t.database.db, {
    seed: 7,
    days: 300,
    endDay: '2026-12-01',
    sessionsPerDay: 5,
    ordersPerDay: 6,
    market: MARKET,
  });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  teslaAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_sh_tesla' });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('sales forecast', () => {
  it('counts complete ISO weeks (Monday, Asia/Shanghai) of orders per series, zero-filled', async () => {
    expect(weekStartOf(NOW)).toBe('2026-11-30');
    // Sunday 23:30 in Shanghai is still the previous week.
    expect(weekStartOf(new Date('2026-11-29T15:30:00Z'))).toBe('2026-11-23');
    const weeks = await weeklyOrdersBySeries(t.database.db, '2026-11-30');
    expect([...weeks.keys()]).toEqual(['ser_han', 'ser_model3', 'ser_seal']);
    const han = weeks.get('ser_han') ?? [];
    expect(han.at(-1)?.weekStart).toBe('2026-11-23');
    expect(han.length).toBeGreaterThanOrEqual(42);
    expect(
      han.every(
        (w, i) =>
          i === 0 || Date.parse(w.weekStart) - Date.parse(han[i - 1]?.weekStart ?? '') === 7 * 86_400_000,
      ),
    ).toBe(true);
  });

  it('stores 8 weeks per series with a band and the held-out errors, and publishes the forecast', async () => {
    expect(await runSalesForecast(t.database.db, NOW)).toEqual({ ran: true, series: 3 });
    const rows = await t.database.db.select().from(analyticsSalesForecastTable);
    expect(rows).toHaveLength(24);
    const han = rows
      .filter((r) => r.seriesId === 'ser_han')
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart));
    expect(han[0]?.weekStart).toBe('2026-11-30');
    expect(han[7]?.weekStart).toBe('2027-01-18');
    for (const r of rows) {
      expect(r.lowerOrders).toBeLessThanOrEqual(r.predictedOrders);
      expect(r.upperOrders).toBeGreaterThanOrEqual(r.predictedOrders);
      expect(r.heldOutWape).not.toBeNull();
      expect(r.baselineWape).not.toBeNull();
    }
    // The top series sells a few cars a week: the forecast is of that order, not zero or runaway.
    expect(han[0]?.predictedOrders).toBeGreaterThan(1);
    expect(han[0]?.predictedOrders).toBeLessThan(40);
    const [event] = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'analytics.sales_forecast_updated')));
    const payload = event?.payload as {
      generatedAt: string;
      series: { seriesId: string; weeks: { weekStart: string; orders: number }[] }[];
    };
    expect(payload.generatedAt).toBe(NOW.toISOString());
    expect(payload.series.map((s) => s.seriesId).sort()).toEqual(['ser_han', 'ser_model3', 'ser_seal']);
    expect(payload.series.find((s) => s.seriesId === 'ser_han')?.weeks[0]).toEqual({
      weekStart: '2026-11-30',
      orders: han[0]?.predictedOrders,
    });
  });

  it('runs once per ISO week unless forced', async () => {
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(await runSalesForecast(t.database.db, later)).toEqual({ ran: false, series: 0 });
    expect(await runSalesForecast(t.database.db, later, true)).toEqual({ ran: true, series: 3 });
  });

  it('shows every series to platform staff and only its own dealer’s series to a dealer', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/forecast',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as TSalesForecast;
    expect(body.series.map((s) => s.seriesId)).toEqual(['ser_han', 'ser_model3', 'ser_seal']);
    const han = body.series[0];
    expect(han?.forecast).toHaveLength(8);
    expect(han?.history.at(-1)?.weekStart).toBe('2026-11-23');
    expect(han?.history.length).toBe(26);
    const dealer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/forecast',
      headers: teslaAdmin.bearer,
    });
    expect((dealer.json() as TSalesForecast).series.map((s) => s.seriesId)).toEqual(['ser_model3']);
  });

  it('recomputes on demand (analytics.manage) through the job', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/forecast/run',
      headers: teslaAdmin.bearer,
    });
    expect(denied.statusCode).toBe(403);
    // The last stored run is the forced one a day later; the on-demand run is now.
    const at = NOW;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/forecast/run',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(202);
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const [row] = await t.database.db.select().from(analyticsSalesForecastTable).limit(1);
    expect(row?.generatedAt.toISOString()).toBe(at.toISOString());
  });
});
