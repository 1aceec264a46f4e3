import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../kernel/events/define.js';
import { systemMutation } from '../../kernel/mutation.js';
import { SalesForecastEvents } from '../../kernel/sales-forecast.events.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import { forecastDailyDemandBySeries } from './inventory.forecast.js';
import { inventoryDemandForecasts } from './inventory.forecast.schema.js';
import { computeSuggestions } from './inventory.replenishment.js';
import * as repo from './inventory.repository.js';
import { replenishmentSuggestions } from './inventory.schema.js';
import { ensureStoreLocation } from './inventory.service.js';

// Replenishment looks ahead: the sales forecast (analytics.sales_forecast_updated) raises a suggestion when it
// expects more than the last 30 days sold, and leaves it alone when it expects less.

let t: TestApp;
let hanTrim: string;
const NOW = new Date('2026-11-20T04:00:00Z'); // a Friday; its ISO week starts Monday 2026-11-16
const DAY = 86_400_000;

async function announce(ordersPerWeek: number) {
  const weeks = Array.from({ length: 8 }, (_, i) => ({
    weekStart: new Date(Date.parse('2026-11-16T00:00:00Z') + i * 7 * DAY).toISOString().slice(0, 10),
    orders: ordersPerWeek,
  }));
  await publish(
    t.database.db,
    SalesForecastEvents.salesForecastUpdated,
    null,
    { generatedAt: NOW.toISOString(), series: [{ seriesId: 'ser_t_han', weeks }] },
    NOW,
  );
  for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
}

async function hanSuggestion() {
  const [s] = await t.database.db
    .select()
    .from(replenishmentSuggestions)
    .where(eq(replenishmentSuggestions.storeId, 'sto_bj_byd_chaoyang'));
  return s;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  hanTrim = (await insertTestTrims(t.database.db)).bydHan;
  const loc = (await ensureStoreLocation(t.database.db, 'sto_bj_byd_chaoyang', systemMutation(NOW))).id;
  // 汉 at 朝阳: 6 sold in the last 30 days, 1 available, 1 in transit -> without a forecast 5 - 2 = 3.
  const statuses = [
    'delivered',
    'delivered',
    'delivered',
    'delivered',
    'delivered',
    'delivered',
    'available',
    'in_transit',
  ] as const;
  for (const [i, status] of statuses.entries()) {
    await repo.insertUnit(t.database.db, {
      id: `veh_fc_${i}`,
      vin: withCheckDigit(`LRWYGCEK0RC${String(900 + i).padStart(6, '0')}`),
      trimId: hanTrim,
      exteriorColour: '冰川蓝',
      locationId: loc,
      storeId: 'sto_bj_byd_chaoyang',
      dealerId: 'dlr_demo_bj_byd',
      status,
      enteredStockAt: new Date(NOW.getTime() - 40 * DAY),
      soldAt: status === 'delivered' ? new Date(NOW.getTime() - 3 * DAY) : null,
      costFen: 19_000_000,
      createdAt: NOW,
      updatedAt: NOW,
    });
  }
});
afterAll(async () => {
  await t.close();
});

describe('replenishment with the sales forecast', () => {
  it('keeps the past-sales suggestion when the forecast expects less (0.7 a week < 6 in 30 days)', async () => {
    await announce(0.7);
    expect(await t.database.db.select().from(inventoryDemandForecasts)).toHaveLength(8);
    await computeSuggestions(t.database.db, systemMutation(NOW));
    expect(await hanSuggestion()).toMatchObject({ sold30d: 6, safetyStock: 5, suggestedQuantity: 3 });
  });

  it('raises it when the forecast expects more: 14 a week = 2 a day -> ceil(2 x 14) + 2 = 30, minus 2 in stock', async () => {
    await announce(14);
    expect((await forecastDailyDemandBySeries(t.database.db, NOW)).get('ser_t_han')).toBeCloseTo(2, 6);
    expect(await computeSuggestions(t.database.db, systemMutation(NOW))).toEqual({ opened: 0, refreshed: 1 });
    const s = await hanSuggestion();
    expect(s).toMatchObject({
      sold30d: 6,
      safetyStock: 30,
      available: 1,
      inTransit: 1,
      suggestedQuantity: 28,
    });
    expect(Number(s?.avgDailySales)).toBeCloseTo(2, 4);
    // A newer forecast replaces the old one as a whole.
    expect(await t.database.db.select().from(inventoryDemandForecasts)).toHaveLength(8);
  });
});
