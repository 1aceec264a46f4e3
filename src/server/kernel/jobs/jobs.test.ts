import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { ManualClock } from '../clock.js';
import type { AppContext } from '../context.js';
import { createContext } from '../create-context.js';
import type { Database } from '../db/client.js';
import { outboxEvents } from '../events/outbox.schema.js';
import { createTestDatabase } from '../testing/database.js';
import { claimDueJobs, enqueueJob } from './jobs.js';
import { jobs } from './jobs.schema.js';
import { purgeFinished } from './maintenance.js';
import { currentSlot, registerJobHandler, registerSchedule } from './registry.js';
import { JOB_DEAD_LETTERED, JobRunner, PermanentJobError } from './runner.js';

let database: Database;
let clock: ManualClock;
let ctx: AppContext;
let runner: JobRunner;
const calls: Record<string, number> = {};

function count(name: string): void {
  calls[name] = (calls[name] ?? 0) + 1;
}

registerJobHandler(
  'test.always_fails',
  async () => {
    count('test.always_fails');
    throw new Error('gateway timeout');
  },
  { maxAttempts: 3, backoff: { baseMs: 1_000, maxMs: 10_000 } },
);
registerJobHandler('test.permanent', async () => {
  throw new PermanentJobError('the phone number does not exist');
});
registerJobHandler('test.counts', async (job) => {
  count(`test.counts:${String(job.payload.tag)}`);
});
registerJobHandler('test.scheduled', async () => {
  count('test.scheduled');
});
registerSchedule('test.every_minute', { everySeconds: 60 }, 'test.scheduled');

async function jobRow(id: string) {
  const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error(`job ${id} not found`);
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock('2026-11-21T02:00:30Z');
  ctx = createContext(testConfig(), database, clock);
  runner = new JobRunner(() => ctx, { workerId: 'worker-a', random: () => 1 });
});
afterAll(async () => {
  await database.close();
});

describe('job runner', () => {
  it('retries a failing job with exponential backoff and moves it to the dead letters after its last attempt', async () => {
    const id = await enqueueJob(database.db, { name: 'test.always_fails', payload: {} }, clock.now());
    if (!id) throw new Error('not enqueued');
    const start = clock.now().getTime();

    await runner.runDueOnce();
    let row = await jobRow(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('gateway timeout');
    expect(row.runAt.getTime()).toBe(start + 1_000);

    await runner.runDueOnce();
    expect(calls['test.always_fails']).toBe(1);

    clock.advance(1_000);
    await runner.runDueOnce();
    row = await jobRow(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(2);
    expect(row.runAt.getTime()).toBe(start + 1_000 + 2_000);

    clock.advance(2_000);
    await runner.runDueOnce();
    row = await jobRow(id);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(3);
    expect(row.finishedAt).not.toBeNull();
    expect(calls['test.always_fails']).toBe(3);

    const events = await database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, JOB_DEAD_LETTERED), eq(outboxEvents.aggregateId, id)))
      .orderBy(outboxEvents.id);
    expect(events).toHaveLength(1);
  });

  it('keeps the jitter of each retry delay between half and all of the exponential delay', async () => {
    const jittery = new JobRunner(() => ctx, { workerId: 'worker-j', random: () => 0 });
    const id = await enqueueJob(database.db, { name: 'test.always_fails', payload: {} }, clock.now());
    if (!id) throw new Error('not enqueued');
    const before = clock.now().getTime();
    await jittery.runDueOnce();
    const row = await jobRow(id);
    expect(row.runAt.getTime()).toBe(before + 500);
  });

  it('sends a job that fails permanently to the dead letters at once', async () => {
    const id = await enqueueJob(database.db, { name: 'test.permanent', payload: {} }, clock.now());
    if (!id) throw new Error('not enqueued');
    await runner.runDueOnce();
    const row = await jobRow(id);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(1);
  });

  it('does not run a job before its run_at', async () => {
    const id = await enqueueJob(
      database.db,
      { name: 'test.counts', payload: { tag: 'later' }, runAt: new Date(clock.now().getTime() + 60_000) },
      clock.now(),
    );
    if (!id) throw new Error('not enqueued');
    await runner.runDueOnce();
    expect((await jobRow(id)).status).toBe('queued');
    clock.advance(60_000);
    await runner.runDueOnce();
    expect((await jobRow(id)).status).toBe('succeeded');
    expect(calls['test.counts:later']).toBe(1);
  });

  it('recovers a job whose worker crashed once its lock expires and runs it again', async () => {
    const id = await enqueueJob(database.db, { name: 'test.counts', payload: { tag: 'crash' } }, clock.now());
    if (!id) throw new Error('not enqueued');
    const claimed = await claimDueJobs(database.db, 'crashed-worker', clock.now(), 60_000, 100);
    expect(claimed.map((j) => j.id)).toContain(id);

    await runner.runDueOnce();
    expect((await jobRow(id)).status).toBe('running');
    expect(calls['test.counts:crash']).toBeUndefined();

    clock.advance(60_001);
    await runner.runDueOnce();
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
    expect(calls['test.counts:crash']).toBe(1);
  });

  it('lets two workers racing for the same due jobs run each job once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await enqueueJob(
        database.db,
        { name: 'test.counts', payload: { tag: `race${i}` } },
        clock.now(),
      );
      if (id) ids.push(id);
    }
    const other = new JobRunner(() => ctx, { workerId: 'worker-b', batchSize: 5 });
    const mine = new JobRunner(() => ctx, { workerId: 'worker-c', batchSize: 5 });
    for (let round = 0; round < 3; round++) await Promise.all([mine.runDueOnce(), other.runDueOnce()]);
    for (let i = 0; i < 12; i++) expect(calls[`test.counts:race${i}`]).toBe(1);
  });

  it('ignores a second enqueue with the same unique key', async () => {
    const first = await enqueueJob(
      database.db,
      { name: 'test.counts', payload: { tag: 'dedup' }, uniqueKey: 'dedup:1' },
      clock.now(),
    );
    const second = await enqueueJob(
      database.db,
      { name: 'test.counts', payload: { tag: 'dedup' }, uniqueKey: 'dedup:1' },
      clock.now(),
    );
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });
});

describe('schedules', () => {
  it('enqueues a schedule slot once even when two runners race, and again in the next slot', async () => {
    const a = new JobRunner(() => ctx, { workerId: 'sched-a' });
    const b = new JobRunner(() => ctx, { workerId: 'sched-b' });
    const slotJobs = () =>
      database.db
        .select()
        .from(jobs)
        .where(
          eq(
            jobs.uniqueKey,
            `schedule:test.every_minute:${currentSlot({ everySeconds: 60 }, clock.now()).label}`,
          ),
        );
    clock.advance(60_000);
    await Promise.all([a.runDueOnce(), b.runDueOnce()]);
    await Promise.all([a.runDueOnce(), b.runDueOnce()]);
    expect(await slotJobs()).toHaveLength(1);

    clock.advance(60_000);
    await Promise.all([a.runDueOnce(), b.runDueOnce()]);
    const rows = await slotJobs();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.runAt).toEqual(currentSlot({ everySeconds: 60 }, clock.now()).start);
  });

  it('places a daily HH:MM slot in Asia/Shanghai time', () => {
    // 2026-11-21T02:00Z is 10:00 in Shanghai: the 03:00 slot of that day has passed, 23:30 has not.
    const now = new Date('2026-11-21T02:00:00Z');
    expect(currentSlot({ dailyAt: '03:00' }, now)).toEqual({
      start: new Date('2026-11-20T19:00:00Z'),
      label: '2026-11-21T03:00+08:00',
    });
    expect(currentSlot({ dailyAt: '23:30' }, now)).toEqual({
      start: new Date('2026-11-20T15:30:00Z'),
      label: '2026-11-20T23:30+08:00',
    });
  });
});

describe('housekeeping', () => {
  it('purges succeeded jobs past the 14-day retention but keeps dead ones', async () => {
    const old = await enqueueJob(database.db, { name: 'test.counts', payload: { tag: 'old' } }, clock.now());
    const dead = await enqueueJob(database.db, { name: 'test.permanent', payload: {} }, clock.now());
    await runner.runDueOnce();
    expect((await jobRow(old ?? '')).status).toBe('succeeded');
    expect((await jobRow(dead ?? '')).status).toBe('dead');
    const purged = await purgeFinished(database.db, new Date(clock.now().getTime() + 14 * 24 * 3600_000 + 1));
    expect(purged.jobs).toBeGreaterThan(0);
    expect(
      await database.db
        .select()
        .from(jobs)
        .where(eq(jobs.id, old ?? '')),
    ).toHaveLength(0);
    expect((await jobRow(dead ?? '')).status).toBe('dead');
  });
});
