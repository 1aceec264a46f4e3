import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import type { TStockSummary, TTurnoverReport } from './inventory.contract.js';
import type { UnitStatus } from './inventory.enums.js';
import { confirmHold, holdUnit } from './inventory.holds.js';
import * as repo from './inventory.repository.js';
import { ensureStoreLocation } from './inventory.service.js';
import { turnoverLine } from './inventory.turnover.js';

// Turnover on hand-built stock with the answer worked out by hand (docs/inventory.md "Turnover").

let t: TestApp;
let supply: TestStaff;
let bydStaff: TestStaff;
let bydLoc: string;
let teslaLoc: string;
let seq = 0;
const NOW = new Date('2026-11-20T04:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function unit(
  locationId: string,
  trimId: string,
  storeId: string,
  dealerId: string,
  status: UnitStatus,
  enteredDaysAgo: number,
  soldDaysAgo: number | null,
): Promise<void> {
  seq += 1;
  await repo.insertUnit(t.database.db, {
    id: `veh_turn_${seq}`,
    vin: withCheckDigit(`LGXCE4CB0R2${String(500 + seq).padStart(6, '0')}`),
    trimId,
    exteriorColour: '雪域白',
    locationId,
    storeId,
    dealerId,
    status,
    enteredStockAt: ago(enteredDaysAgo),
    soldAt: soldDaysAgo === null ? null : ago(soldDaysAgo),
    costFen: 20_000_000,
    createdAt: NOW,
    updatedAt: NOW,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  const trims = await insertTestTrims(t.database.db);
  supply = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  bydLoc = (await ensureStoreLocation(t.database.db, 'sto_bj_byd_chaoyang', systemMutation(NOW))).id;
  teslaLoc = (await ensureStoreLocation(t.database.db, 'sto_sh_tesla_jinqiao', systemMutation(NOW))).id;
  const byd = [bydLoc, trims.bydHan, 'sto_bj_byd_chaoyang', 'dlr_demo_bj_byd'] as const;
  const tesla = [teslaLoc, trims.teslaModel3, 'sto_sh_tesla_jinqiao', 'dlr_demo_sh_tesla'] as const;
  // BYD 朝阳: 60 + 45 + 5 = 110 unit-days in the 90-day window, 2 sold in it.
  await unit(...byd, 'delivered', 100, 30); // on hand 90..30 days ago: 60 days, sold in the window
  await unit(...byd, 'available', 45, null); // 45 days
  await unit(...byd, 'sold', 10, 5); // 5 days, sold in the window
  await unit(...byd, 'in_transit', 20, null); // not on hand yet
  await unit(...byd, 'delivered', 200, 95); // sold before the window
  // Tesla 金桥: one car on hand for the whole window, nothing sold: 90 unit-days.
  await unit(...tesla, 'available', 120, null);
  // Aged and low for the board: a Tesla car over 60 days.
  await unit(...tesla, 'available', 70, null);
});
afterAll(async () => {
  await t.close();
});

describe('turnover', () => {
  it('computes average on hand, turnover and days of stock from unit-days and sales', () => {
    expect(turnoverLine('x', 'x', 2, 110, 90)).toEqual({
      id: 'x',
      name: 'x',
      sold: 2,
      averageOnHand: 1.22,
      turnover: 1.64,
      daysOfStock: 55,
    });
    expect(turnoverLine('y', 'y', 0, 0, 90)).toMatchObject({
      averageOnHand: 0,
      turnover: null,
      daysOfStock: null,
    });
  });

  it('reports the last 90 days per location and brand with the hand-worked figures', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/turnover?to=${encodeURIComponent(NOW.toISOString())}`,
      headers: supply.bearer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as TTurnoverReport;
    expect(report.days).toBe(90);
    expect(report.from).toBe(ago(90).toISOString());
    const byd = report.byLocation.find((l) => l.id === bydLoc);
    // The Tesla location also holds a car entered 70 days ago: 90 + 70 unit-days.
    const tesla = report.byLocation.find((l) => l.id === teslaLoc);
    expect(byd).toMatchObject({ sold: 2, averageOnHand: 1.22, turnover: 1.64, daysOfStock: 55 });
    expect(tesla).toMatchObject({ sold: 0, averageOnHand: 1.78, turnover: 0, daysOfStock: null });
    expect(report.byBrand.map((b) => [b.name, b.sold, b.turnover])).toEqual([
      ['比亚迪', 2, 1.64],
      ['特斯拉', 0, 0],
    ]);
    // 2 sold over (110 + 160) / 90 = 3 on average.
    expect(report.total).toMatchObject({ sold: 2, averageOnHand: 3, turnover: 0.67, daysOfStock: 135 });
  });

  it("shows dealer staff their own dealer's turnover only", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/turnover',
      headers: bydStaff.bearer,
    });
    const report = res.json() as TTurnoverReport;
    expect(report.byLocation.map((l) => l.id)).toEqual([bydLoc]);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/turnover?from=${encodeURIComponent(NOW.toISOString())}&to=${encodeURIComponent(ago(1).toISOString())}`,
      headers: supply.bearer,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('sold_at', () => {
  it('is stamped by the sell transition (a confirmed hold), which is what turnover counts', async () => {
    await unit(bydLoc, 'trm_t_han', 'sto_bj_byd_chaoyang', 'dlr_demo_bj_byd', 'available', 3, null);
    const held = await holdUnit(
      t.database.db,
      { unitId: `veh_turn_${seq}` },
      'ord_test',
      {},
      systemMutation(NOW),
    );
    await confirmHold(t.database.db, held.hold.id, systemMutation(NOW));
    const row = await repo.findUnit(t.database.db, held.unit.id);
    expect(row).toMatchObject({ status: 'sold', soldAt: NOW });
  });
});

describe('stock summary', () => {
  it('counts per store and trim with aged units and low stock, and totals the alerts', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/summary',
      headers: supply.bearer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as TStockSummary;
    const tesla = summary.cells.find((c) => c.location.id === teslaLoc);
    expect(tesla).toMatchObject({ available: 2, aged60: 2, aged90: 1, maxDaysInStock: 120, low: false });
    const byd = summary.cells.find((c) => c.location.id === bydLoc);
    expect(byd).toMatchObject({ available: 1, inTransit: 1, aged60: 0, low: true });
    expect(summary.alerts).toMatchObject({ aged60: 2, aged90: 1, lowStock: 1, lowStockThreshold: 2 });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/summary',
      headers: bydStaff.bearer,
    });
    expect((mine.json() as TStockSummary).cells.map((c) => c.location.id)).toEqual([bydLoc]);
  });
});
