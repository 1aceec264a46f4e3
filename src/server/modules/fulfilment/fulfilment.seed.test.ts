import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { deliveryFeeRules, deliverySlots, deliverySlotTemplates } from './fulfilment.schema.js';
import { generateUpcomingSlots, SLOT_HORIZON_DAYS, seedDemoDeliveries } from './fulfilment.seed.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-08T01:00:00Z');
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
});
afterAll(async () => {
  await t.close();
});

describe('demo delivery calendars', () => {
  it('seeds nothing in production', async () => {
    await seedDemoDeliveries({ ...t.ctx, config: { ...t.ctx.config, env: 'production' } });
    expect(await t.database.db.select().from(deliveryFeeRules)).toHaveLength(0);
  });
  it('gives every demo store a weekly calendar and four weeks of slots, once; the daily job rolls the window on', async () => {
    await seedDemoDeliveries(t.ctx);
    const db = t.database.db;
    const templates = await db.select().from(deliverySlotTemplates);
    const stores = new Set(templates.map((r) => r.storeId));
    expect(stores.size).toBeGreaterThan(10);
    const slots = await db.select().from(deliverySlots);
    expect(slots.length).toBe(stores.size * SLOT_HORIZON_DAYS * 3);
    expect((await db.select().from(deliveryFeeRules)).map((r) => r.kind)).toContain('per_km');

    await seedDemoDeliveries(t.ctx);
    expect(await db.select().from(deliverySlots)).toHaveLength(slots.length);
    t.clock.advance(86_400_000);
    expect(await generateUpcomingSlots(db, t.clock.now())).toBe(stores.size * 3);
  });
});
