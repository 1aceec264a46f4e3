import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testConfig } from '../../config.js';
import { ManualClock } from '../clock.js';
import type { AppContext } from '../context.js';
import { createContext } from '../create-context.js';
import type { Database } from '../db/client.js';
import { jobs } from '../jobs/jobs.schema.js';
import { JobRunner } from '../jobs/runner.js';
import { createTestDatabase } from '../testing/database.js';
import { defineEvents, publish } from './define.js';
import { type DeliveredEvent, dispatchOutboxOnce, subscribe } from './dispatcher.js';
import { outboxEvents } from './outbox.schema.js';

// Events of modules that do not exist yet, declared here the way a module declares them.
const TestEvents = defineEvents({
  orderPaid: {
    name: 'orders.order_paid',
    aggregateType: 'order',
    payload: z.object({
      orderNo: z.string().optional(),
      amountFen: z.number().int().optional(),
      i: z.number().optional(),
    }),
    description: 'a deposit was captured (test)',
  },
  trimUpdated: {
    name: 'catalog.trim_updated',
    aggregateType: 'trim',
    payload: z.object({}),
    description: 'a trim changed (test; nobody subscribes)',
  },
});

let database: Database;
let clock: ManualClock;
let ctx: AppContext;
const delivered: { subscriber: string; event: DeliveredEvent }[] = [];
let pointsFailuresLeft = 0;

subscribe('orders.order_paid', 'test.analytics', async (event) => {
  delivered.push({ subscriber: 'analytics', event });
});
subscribe(
  'orders.order_paid',
  'test.points',
  async (event) => {
    if (pointsFailuresLeft > 0) {
      pointsFailuresLeft--;
      throw new Error('points ledger unavailable');
    }
    delivered.push({ subscriber: 'points', event });
  },
  { maxAttempts: 5, backoff: { baseMs: 1_000, maxMs: 1_000 } },
);

function deliveriesOf(eventId: string, subscriber: string) {
  return delivered.filter((d) => d.event.eventId === eventId && d.subscriber === subscriber);
}

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock();
  ctx = createContext(testConfig(), database, clock);
});
afterAll(async () => {
  await database.close();
});

describe('outbox dispatcher', () => {
  it('delivers a committed event once to each subscriber and marks it dispatched', async () => {
    const eventId = await database.db.transaction((tx) =>
      publish(
        tx,
        TestEvents.orderPaid,
        'ord_1',
        { orderNo: 'AY20261121-000123', amountFen: 1_000_000 },
        clock.now(),
      ),
    );
    const runner = new JobRunner(() => ctx, { workerId: 'w1' });
    await runner.runDueOnce();
    await runner.runDueOnce();

    expect(deliveriesOf(eventId, 'analytics')).toHaveLength(1);
    expect(deliveriesOf(eventId, 'points')).toHaveLength(1);
    expect(deliveriesOf(eventId, 'analytics')[0]?.event.payload).toEqual({
      orderNo: 'AY20261121-000123',
      amountFen: 1_000_000,
    });
    const [row] = await database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.id, eventId))
      .orderBy(outboxEvents.id);
    expect(row?.dispatchedAt).not.toBeNull();
    const deliveryJobs = await database.db
      .select()
      .from(jobs)
      .where(like(jobs.uniqueKey, `event:${eventId}:%`));
    expect(deliveryJobs.map((j) => j.status).sort()).toEqual(['succeeded', 'succeeded']);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    let eventId = '';
    await expect(
      database.db.transaction(async (tx) => {
        eventId = await publish(
          tx,
          TestEvents.orderPaid,
          'ord_2',
          { orderNo: 'AY20261121-000124' },
          clock.now(),
        );
        throw new Error('payment capture failed');
      }),
    ).rejects.toThrow('payment capture failed');
    await new JobRunner(() => ctx, { workerId: 'w2' }).runDueOnce();
    expect(delivered.filter((d) => d.event.eventId === eventId)).toHaveLength(0);
    expect(
      await database.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.id, eventId))
        .orderBy(outboxEvents.id),
    ).toHaveLength(0);
  });

  it('retries one failing subscriber without delivering twice to the others', async () => {
    pointsFailuresLeft = 1;
    const eventId = await publish(
      database.db,
      TestEvents.orderPaid,
      'ord_3',
      { orderNo: 'AY20261121-000125' },
      clock.now(),
    );
    const runner = new JobRunner(() => ctx, { workerId: 'w3' });
    await runner.runDueOnce();
    expect(deliveriesOf(eventId, 'analytics')).toHaveLength(1);
    expect(deliveriesOf(eventId, 'points')).toHaveLength(0);
    clock.advance(1_000);
    await runner.runDueOnce();
    await runner.runDueOnce();
    expect(deliveriesOf(eventId, 'analytics')).toHaveLength(1);
    expect(deliveriesOf(eventId, 'points')).toHaveLength(1);
  });

  it('hands each event to each subscriber once when two dispatchers race', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(await publish(database.db, TestEvents.orderPaid, `ord_r${i}`, { i }, clock.now()));
    }
    const counts = await Promise.all([
      dispatchOutboxOnce(database.db, clock.now(), 10),
      dispatchOutboxOnce(database.db, clock.now(), 10),
      dispatchOutboxOnce(database.db, clock.now(), 10),
      dispatchOutboxOnce(database.db, clock.now(), 10),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const a = new JobRunner(() => ctx, { workerId: 'r1', batchSize: 20 });
    const b = new JobRunner(() => ctx, { workerId: 'r2', batchSize: 20 });
    for (let round = 0; round < 3; round++) await Promise.all([a.runDueOnce(), b.runDueOnce()]);
    for (const id of ids) {
      expect(deliveriesOf(id, 'analytics')).toHaveLength(1);
      expect(deliveriesOf(id, 'points')).toHaveLength(1);
    }
  });

  it('marks an event without subscribers dispatched without creating jobs', async () => {
    const eventId = await publish(database.db, TestEvents.trimUpdated, 'trm_1', {}, clock.now());
    await dispatchOutboxOnce(database.db, clock.now());
    const [row] = await database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.id, eventId))
      .orderBy(outboxEvents.id);
    expect(row?.dispatchedAt).not.toBeNull();
    expect(
      await database.db
        .select()
        .from(jobs)
        .where(like(jobs.uniqueKey, `event:${eventId}:%`)),
    ).toHaveLength(0);
  });
});
