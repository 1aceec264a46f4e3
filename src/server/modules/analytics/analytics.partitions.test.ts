import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import {
  createMonthPartition,
  ensureEventPartitions,
  eventMonth,
  listEventPartitions,
} from './analytics.partitions.js';
import { enforceRetention } from './analytics.retention.js';
import {
  analyticsEventTable,
  analyticsSessionTable,
  analyticsVisitorAccountTable,
} from './analytics.tracking.schema.js';

let t: TestApp;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Stores raw events straight into the table (as the collector would), at the given instants. */
async function storeEvents(instants: string[], visitorId = 'vis_partition_01') {
  await t.database.db.insert(analyticsEventTable).values(
    instants.map((occurredAt) => ({
      id: `evt_part_${String(++seq).padStart(6, '0')}`,
      occurredAt: new Date(occurredAt),
      receivedAt: new Date(occurredAt),
      name: 'page_view' as const,
      visitorId,
      sessionId: 'ses_partition_01',
      path: '/',
      channel: 'direct' as const,
      device: 'mobile' as const,
    })),
  );
}

async function countIn(table: string) {
  return (
    (await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n ?? -1
  );
}

describe('monthly partitions of analytics_events', () => {
  it('names Shanghai calendar months: 16:00 UTC on the last day is already next month', () => {
    expect(eventMonth(new Date('2026-11-30T15:59:59Z')).name).toBe('analytics_events_202611');
    expect(eventMonth(new Date('2026-11-30T16:00:00Z')).name).toBe('analytics_events_202612');
    expect(eventMonth(new Date('2026-12-07T00:00:00Z'), 2)).toEqual({
      name: 'analytics_events_202702',
      from: new Date('2027-01-31T16:00:00Z'),
      to: new Date('2027-02-28T16:00:00Z'),
    });
  });

  it('the job creates this month and the next two, and running it again changes nothing', async () => {
    t.clock.set('2026-11-21T02:00:00Z');
    // Rows of February 2027 arrive before its partition exists: they land in the default partition.
    await storeEvents(['2027-02-03T04:00:00Z', '2027-02-27T15:00:00Z', '2027-03-01T01:00:00Z']);
    expect(await countIn('analytics_events_default')).toBe(3);

    // No enqueue: the daily schedule's slot is due at start-up already.
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    expect(await listEventPartitions(t.database.db)).toEqual(
      expect.arrayContaining([
        'analytics_events_202611',
        'analytics_events_202612',
        'analytics_events_202701',
      ]),
    );

    t.clock.set('2026-12-15T02:00:00Z');
    const done = await ensureEventPartitions(t.database.db, t.clock.now());
    // February's rows were moved out of the default partition into their own month.
    expect(done).toEqual({
      analytics_events_202612: 'exists',
      analytics_events_202701: 'exists',
      analytics_events_202702: 'moved',
    });
    expect(await countIn('analytics_events_202702')).toBe(2);
    expect(await countIn('analytics_events_default')).toBe(1);
    // The parent still sees every row, and new rows of the month route to the new partition.
    expect(await countIn('analytics_events')).toBe(3);
    await storeEvents(['2027-02-10T08:00:00Z']);
    expect(await countIn('analytics_events_202702')).toBe(3);
    // And the default partition is attached again: a far-future row still has somewhere to go.
    await storeEvents(['2030-06-01T00:00:00Z']);
    expect(await countIn('analytics_events_default')).toBe(2);
    expect(await createMonthPartition(t.database.db, eventMonth(new Date('2027-02-10T00:00:00Z')))).toBe(
      'exists',
    );
  });
});

describe('retention', () => {
  it('drops month partitions older than the cut-off, old default rows, old sessions and old links', async () => {
    t.clock.set('2026-12-15T02:00:00Z');
    const db = t.database.db;
    await createMonthPartition(db, eventMonth(new Date('2024-10-10T00:00:00Z')));
    await createMonthPartition(db, eventMonth(new Date('2024-12-10T00:00:00Z')));
    await storeEvents(
      ['2024-10-10T00:00:00Z', '2024-12-10T00:00:00Z', '2024-12-20T00:00:00Z'],
      'vis_old_000001',
    );
    // An old row in the default partition (a month whose partition was never made)
    await storeEvents(['2024-11-05T00:00:00Z'], 'vis_old_000002');
    await db.insert(analyticsSessionTable).values([
      {
        id: 'ses_old_000001',
        visitorId: 'vis_old_000001',
        startedAt: new Date('2024-10-10T00:00:00Z'),
        lastEventAt: new Date('2024-10-10T00:20:00Z'),
        channel: 'seo',
        device: 'desktop',
      },
      {
        id: 'ses_new_000001',
        visitorId: 'vis_new_000001',
        startedAt: new Date('2026-12-01T00:00:00Z'),
        lastEventAt: new Date('2026-12-01T00:20:00Z'),
        channel: 'direct',
        device: 'mobile',
      },
    ]);
    await db.insert(analyticsVisitorAccountTable).values([
      { visitorId: 'vis_old_000001', accountId: 'cus_old', linkedAt: new Date('2024-10-10T00:00:00Z') },
      { visitorId: 'vis_new_000001', accountId: 'cus_new', linkedAt: new Date('2026-12-01T00:00:00Z') },
    ]);

    // 730 days before 2026-12-15 is 2024-12-15: October 2024 ends before it, December 2024 does not.
    const report = await enforceRetention(db, t.clock.now(), 730);
    expect(report.droppedPartitions).toEqual(['analytics_events_202410']);
    expect(report.deletedDefaultRows).toBe(1);
    expect(report.deletedSessions).toBe(1);
    expect(report.deletedVisitorLinks).toBe(1);
    const parts = await listEventPartitions(db);
    expect(parts).not.toContain('analytics_events_202410');
    expect(parts).toContain('analytics_events_202412');
    expect(await countIn('analytics_events_202412')).toBe(2);
    const left = await rows<{ id: string }>(sql`select id from analytics_sessions order by id`);
    expect(left.map((r) => r.id)).toContain('ses_new_000001');
    expect(left.map((r) => r.id)).not.toContain('ses_old_000001');
  });

  it('runs as a job with the configured retention', async () => {
    const app = await createTestApp({ config: { analyticsRetentionDays: 30 } });
    try {
      app.clock.set('2026-12-15T02:00:00Z');
      await createMonthPartition(app.database.db, eventMonth(new Date('2026-10-10T00:00:00Z')));
      for (let i = 0; i < 10 && (await app.ctx.jobs.runDueOnce()).ran > 0; i++);
      expect(await listEventPartitions(app.database.db)).not.toContain('analytics_events_202610');
    } finally {
      await app.close();
    }
  });
});
