import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { createTestApp } from '../../testing/app.js';
import { paidOrder } from '../fulfilment/fulfilment.aftersales.testing.js';
import { BYD_DEALER, drainJobs, type OrdersWorld, setupOrdersWorld } from '../orders/orders.testing.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import { TestdrivesEvents } from '../testdrives/index.js';
import { recordFact } from './analytics.facts.js';
import { analyticsDirtyDayTable } from './analytics.metrics.schema.js';
import { analyticsFactTable } from './analytics.tracking.schema.js';

// Facts come from the modules' typed events: a real order driven through the orders API, and test-drive
// events published as the testdrives module publishes them.

let w: OrdersWorld;

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(new Date('2026-12-08T02:00:00Z'));
  w = await setupOrdersWorld(t);
  useSandboxGatewaysInProcess(t);
});
afterAll(async () => {
  await w.t.close();
});

const factsOf = (subjectId: string) =>
  w.t.database.db
    .select()
    .from(analyticsFactTable)
    .where(eq(analyticsFactTable.subjectId, subjectId))
    .orderBy(asc(analyticsFactTable.occurredAt), asc(analyticsFactTable.kind));

describe('facts from events', () => {
  it('records a paid order as placed, deposit paid and paid, with its dealer, brand, series and total', async () => {
    const { order, buyer } = await paidOrder(w, 'new');
    await drainJobs(w);
    const facts = await factsOf(order.id);
    expect(facts.map((f) => f.kind).sort()).toEqual(['deposit_paid', 'order_paid', 'order_placed']);
    const placed = facts.find((f) => f.kind === 'order_placed');
    expect(placed).toMatchObject({
      accountId: buyer.id,
      amountFen: order.totalDueFen,
      dealerId: BYD_DEALER,
      trimId: w.trims.bydHan,
      cityCode: '110100',
    });
    expect(placed?.brandId).toBeTruthy();
    expect(placed?.seriesId).toBeTruthy();
    expect(placed?.props).toMatchObject({ orderNumber: order.orderNumber });
    // Later facts of the order carry the same dimensions.
    const paid = facts.find((f) => f.kind === 'order_paid');
    expect(paid).toMatchObject({
      seriesId: placed?.seriesId,
      cityCode: '110100',
      amountFen: order.totalDueFen,
    });
    // The day is marked for the rollup refresh.
    const dirty = await w.t.database.db.select().from(analyticsDirtyDayTable);
    expect(dirty.map((d) => d.day)).toContain('2026-12-08');
  });

  it('records test-drive bookings, outcomes and survey answers with the booking’s dimensions', async () => {
    const db = w.t.database.db;
    const now = w.t.clock.now();
    await withTransaction(db, async (tx) => {
      await publish(
        tx,
        TestdrivesEvents.testdriveBooked,
        'tdr_analytics_1',
        {
          testdriveId: 'tdr_analytics_1',
          buyerId: 'cus_liuyang',
          name: '刘洋',
          phone: '13900139000',
          brandId: 'brd_byd',
          seriesId: 'ser_byd_han',
          trimId: null,
          listingId: null,
          colour: null,
          dealerId: BYD_DEALER,
          storeId: 'sto_bj_byd_chaoyang',
          cityCode: '110100',
          startsAt: '2026-12-09T02:00:00.000Z',
          advisorAccountId: null,
          source: { channel: 'kol', utmSource: 'douyin', utmMedium: null, utmCampaign: null, referrer: null },
          consentToContact: true,
        },
        now,
      );
    });
    await drainJobs(w);
    await withTransaction(db, async (tx) => {
      await publish(
        tx,
        TestdrivesEvents.testdriveBookingStatusChanged,
        'tdr_analytics_1',
        {
          testdriveId: 'tdr_analytics_1',
          buyerId: 'cus_liuyang',
          phone: '13900139000',
          status: 'completed',
          startsAt: '2026-12-09T02:00:00.000Z',
        },
        new Date(now.getTime() + 60_000),
      );
      await publish(
        tx,
        TestdrivesEvents.testdriveFeedbackLeft,
        'tdr_analytics_1',
        { testdriveId: 'tdr_analytics_1', buyerId: 'cus_liuyang', rating: 4, wouldBuy: true },
        new Date(now.getTime() + 120_000),
      );
    });
    await drainJobs(w);
    const facts = await factsOf('tdr_analytics_1');
    expect(facts.map((f) => f.kind).sort()).toEqual([
      'survey_answered',
      'testdrive_booked',
      'testdrive_outcome',
    ]);
    for (const f of facts)
      expect(f).toMatchObject({ dealerId: BYD_DEALER, seriesId: 'ser_byd_han', channel: 'kol' });
    expect(facts.find((f) => f.kind === 'testdrive_outcome')?.props).toEqual({ outcome: 'completed' });
    expect(facts.find((f) => f.kind === 'survey_answered')?.props).toMatchObject({ rating: 4 });
  });

  it('records an event delivered twice once', async () => {
    const db = w.t.database.db;
    const event = { eventId: 'evt_twice', occurredAt: '2026-12-08T03:00:00.000Z' };
    const fact = {
      kind: 'shop_order_paid' as const,
      subjectId: 'sho_twice',
      accountId: null,
      dims: { cityCode: null, brandId: null, seriesId: null, trimId: null, dealerId: null, channel: null },
    };
    expect(await recordFact(db, event, fact, w.t.clock.now())).toBe(true);
    expect(await recordFact(db, event, fact, w.t.clock.now())).toBe(false);
    expect(await factsOf('sho_twice')).toHaveLength(1);
  });
});
