import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import type { AnalyticsFactKind } from './analytics.enums.js';
import { analyticsDirtyDayTable } from './analytics.metrics.schema.js';
import {
  type AnalyticsFactRow,
  analyticsFactTable,
  analyticsSessionTable,
  analyticsVisitorAccountTable,
  type NewAnalyticsFactRow,
} from './analytics.tracking.schema.js';

// The only SQL on analytics_facts and analytics_dirty_days (plus the session lookups facts need).

/**
 * Inserts a fact unless one of its kind came from the same event already (at-least-once delivery), and marks
 * its day for the rollup refresh in the same statement batch. Returns whether it was new.
 */
export async function insertFact(db: DbHandle, row: NewAnalyticsFactRow, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(analyticsFactTable)
    .values(row)
    .onConflictDoNothing({ target: [analyticsFactTable.sourceEventId, analyticsFactTable.kind] })
    .returning({ id: analyticsFactTable.id });
  if (inserted.length === 0) return false;
  await markDaysDirty(db, [shanghaiDay(row.occurredAt)], now);
  return true;
}

/** Marks Shanghai days for the next rollup refresh (facts written by seeds and benches call it too). */
export async function markDaysDirty(db: DbHandle, days: readonly string[], now: Date): Promise<void> {
  if (days.length === 0) return;
  await db
    .insert(analyticsDirtyDayTable)
    .values([...new Set(days)].map((day) => ({ day, markedAt: now })))
    .onConflictDoUpdate({ target: analyticsDirtyDayTable.day, set: { markedAt: now } });
}

/** The earliest fact of a kind about a subject (an order's placement, a test drive's booking). */
export async function firstFactOf(
  db: DbHandle,
  kind: AnalyticsFactKind,
  subjectId: string,
): Promise<AnalyticsFactRow | undefined> {
  const [row] = await db
    .select()
    .from(analyticsFactTable)
    .where(and(eq(analyticsFactTable.subjectId, subjectId), eq(analyticsFactTable.kind, kind)))
    .orderBy(asc(analyticsFactTable.occurredAt))
    .limit(1);
  return row;
}

/**
 * The channel of an account's first tracked visit: its own signed-in sessions, or sessions of visitors later
 * linked to it. Null when the account never came through the tracked web client.
 */
export async function firstChannelOfAccount(db: DbHandle, accountId: string): Promise<TrafficChannel | null> {
  const [own] = await db
    .select({ channel: analyticsSessionTable.channel, startedAt: analyticsSessionTable.startedAt })
    .from(analyticsSessionTable)
    .where(and(eq(analyticsSessionTable.accountId, accountId), isNotNull(analyticsSessionTable.channel)))
    .orderBy(asc(analyticsSessionTable.startedAt))
    .limit(1);
  const [linked] = await db
    .select({ channel: analyticsSessionTable.channel, startedAt: analyticsSessionTable.startedAt })
    .from(analyticsSessionTable)
    .innerJoin(
      analyticsVisitorAccountTable,
      eq(analyticsVisitorAccountTable.visitorId, analyticsSessionTable.visitorId),
    )
    .where(eq(analyticsVisitorAccountTable.accountId, accountId))
    .orderBy(asc(analyticsSessionTable.startedAt))
    .limit(1);
  const first = !own ? linked : !linked ? own : own.startedAt <= linked.startedAt ? own : linked;
  return first?.channel ?? null;
}

/** Facts behind a drill-down list, newest first, keyset-paged by (occurred_at, id). */
export async function listFacts(
  db: DbHandle,
  q: {
    kinds: readonly AnalyticsFactKind[];
    from: Date;
    to: Date;
    cityCode?: string | undefined;
    brandId?: string | undefined;
    dealerId?: string | null | undefined;
    channel?: string | undefined;
    after?: { at: string; id: string } | undefined;
    limit: number;
  },
): Promise<AnalyticsFactRow[]> {
  const f = analyticsFactTable;
  const kinds = sql.join(
    q.kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return db
    .select()
    .from(f)
    .where(
      and(
        sql`${f.kind} in (${kinds})`,
        sql`${f.occurredAt} >= ${q.from.toISOString()}::timestamptz`,
        sql`${f.occurredAt} < ${q.to.toISOString()}::timestamptz`,
        q.cityCode ? eq(f.cityCode, q.cityCode) : undefined,
        q.brandId ? eq(f.brandId, q.brandId) : undefined,
        q.dealerId ? eq(f.dealerId, q.dealerId) : undefined,
        q.channel ? eq(f.channel, q.channel as TrafficChannel) : undefined,
        q.after ? sql`(${f.occurredAt}, ${f.id}) < (${q.after.at}::timestamptz, ${q.after.id})` : undefined,
      ),
    )
    .orderBy(sql`${f.occurredAt} desc, ${f.id} desc`)
    .limit(q.limit + 1);
}
