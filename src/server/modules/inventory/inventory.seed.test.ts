import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { ManualClock } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { createContext } from '../../kernel/create-context.js';
import type { Database } from '../../kernel/db/client.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { accessoriesModule } from '../accessories/index.js';
import { seedModelDatabase } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { isValidVin, listingsForSearchIndex, listingsModule } from '../listings/index.js';
import { accessoryStock, vehicleUnits } from './inventory.schema.js';
import { seedDemoHistory, seedDemoStock } from './inventory.seed.js';

let database: Database;
let ctx: AppContext;
const NOW = new Date('2026-11-20T04:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = createContext(testConfig(), database, new ManualClock(NOW));
  for (const step of dealersModule.seed) await step.run(ctx);
  await seedModelDatabase(database.db);
  for (const step of listingsModule.seed) await step.run(ctx);
  await seedDemoStock(ctx);
}, 240_000);
afterAll(async () => {
  await database.close();
});

describe('demo stock', () => {
  it('stocks every public new-car listing with units of its trim at its store, and each used car with its own unit', async () => {
    const units = await database.db.select().from(vehicleUnits);
    const pairs = new Set(units.map((u) => `${u.trimId}|${u.storeId}`));
    const byListing = new Set(units.map((u) => u.listingId));
    for (const l of await listingsForSearchIndex(database.db, 'all')) {
      if (!l.storeId) continue;
      if (l.kind === 'new') expect(pairs.has(`${l.trimId}|${l.storeId}`)).toBe(true);
      else if (l.vin) expect(byListing.has(l.id)).toBe(true);
    }
  });

  it('gives valid, unique VINs and entered-stock dates spread over 0-120 days', async () => {
    const units = await database.db.select().from(vehicleUnits);
    expect(units.every((u) => isValidVin(u.vin))).toBe(true);
    expect(new Set(units.map((u) => u.vin)).size).toBe(units.length);
    const days = units.map((u) => Math.round((NOW.getTime() - u.enteredStockAt.getTime()) / 86_400_000));
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThanOrEqual(120);
    expect(days.filter((d) => d > 90).length).toBeGreaterThan(0);
  });

  it('runs again without adding or changing a row', async () => {
    const count = async () =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(vehicleUnits))[0]?.n ?? 0;
    const before = await count();
    await seedDemoStock(ctx);
    expect(await count()).toBe(before);
  });

  it('never stocks demo cars in production', async () => {
    const empty = await createTestDatabase();
    try {
      await seedDemoStock({
        config: testConfig({ env: 'production' }),
        database: empty,
        clock: new ManualClock(NOW),
      });
      expect(await empty.db.select().from(vehicleUnits)).toHaveLength(0);
    } finally {
      await empty.close();
    }
  });
});

describe('demo history', () => {
  it('adds cars sold in the last 30 days with valid VINs, and accessory stock at the demo stores, once', async () => {
    for (const step of accessoriesModule.seed ?? []) await step.run(ctx);
    await seedDemoHistory(ctx);
    const all = await database.db.select().from(vehicleUnits);
    const sold = all.filter((u) => u.status === 'delivered');
    expect(sold.length).toBeGreaterThan(0);
    for (const u of sold) {
      expect(u.soldAt).not.toBeNull();
      const days = (NOW.getTime() - (u.soldAt ?? NOW).getTime()) / 86_400_000;
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThan(30);
      expect(u.enteredStockAt.getTime()).toBeLessThan(u.soldAt?.getTime() ?? 0);
    }
    expect(all.every((u) => isValidVin(u.vin))).toBe(true);
    const acc = await database.db.select().from(accessoryStock);
    expect(acc.length).toBeGreaterThan(0);
    const before = [all.length, acc.length];
    await seedDemoHistory(ctx);
    expect([
      (await database.db.select().from(vehicleUnits)).length,
      (await database.db.select().from(accessoryStock)).length,
    ]).toEqual(before);
  });
});
