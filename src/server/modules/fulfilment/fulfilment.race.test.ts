import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import type { Buyer, OrdersWorld } from '../orders/orders.testing.js';
import { setupOrdersWorld } from '../orders/orders.testing.js';
import { deliveries, deliverySlots } from './fulfilment.schema.js';
import { book, bookableSlots, openCalendar, readyOrder } from './fulfilment.testing.js';

// Slot capacity races on real PostgreSQL (PGlite has one connection, so nothing there can race).

const onPostgres = inject('testDb').backend === 'postgres';
let w: OrdersWorld;
const RANGE = { from: '2026-12-09', to: '2026-12-10' };

describe.runIf(onPostgres)('booking delivery slots under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    const t = await createTestApp();
    t.clock.set('2026-12-08T01:00:00Z');
    w = await setupOrdersWorld(t);
    await openCalendar(w, RANGE, { morning: 4, afternoon: 1 });
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('gives a slot of capacity 4 to exactly 4 of 30 buyers booking it at once; the rest get DELIVERY_SLOT_FULL', async () => {
    const ready: { orderId: string; buyer: Buyer }[] = [];
    for (let i = 0; i < 30; i++) {
      const { order, buyer } = await readyOrder(w);
      ready.push({ orderId: order.id, buyer });
    }
    const first = ready[0] as { orderId: string; buyer: Buyer };
    const slot = (await bookableSlots(w, first.buyer, first.orderId, RANGE)).find((s) => s.capacity === 4);
    if (!slot) throw new Error('no slot');
    const results = await Promise.all(
      ready.map((r) => book(w, r.buyer, r.orderId, { mode: 'pickup', slotId: slot.id })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(26);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(
      new Set(['DELIVERY_SLOT_FULL']),
    );
    const [row] = await w.t.database.db.select().from(deliverySlots).where(eq(deliverySlots.id, slot.id));
    expect(row?.booked).toBe(4);
    const booked = await w.t.database.db.select().from(deliveries).where(eq(deliveries.slotId, slot.id));
    expect(booked).toHaveLength(4);
  });

  it('keeps one delivery and one taken place when the same buyer books two slots at once', async () => {
    const { order, buyer } = await readyOrder(w);
    const slots = (await bookableSlots(w, buyer, order.id, RANGE)).filter((s) => s.available > 0).slice(0, 2);
    const results = await Promise.all(
      slots.map((s) => book(w, buyer, order.id, { mode: 'pickup', slotId: s.id })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const mine = await w.t.database.db.select().from(deliveries).where(eq(deliveries.orderId, order.id));
    expect(mine).toHaveLength(1);
    const rows = await w.t.database.db
      .select()
      .from(deliverySlots)
      .where(
        inArray(
          deliverySlots.id,
          slots.map((s) => s.id),
        ),
      );
    const before = new Map(slots.map((s) => [s.id, s.booked]));
    const taken = rows.reduce((n, r) => n + r.booked - (before.get(r.id) ?? 0), 0);
    expect(taken).toBe(1);
    expect(rows.find((r) => r.id === mine[0]?.slotId)?.booked).toBe(
      (before.get(mine[0]?.slotId ?? '') ?? 0) + 1,
    );
  });
});
