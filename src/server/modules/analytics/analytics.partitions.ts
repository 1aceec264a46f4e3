import { sql } from 'drizzle-orm';
import { SHANGHAI_OFFSET_MS } from '../../kernel/clock.js';
import type { Db, DbHandle } from '../../kernel/db/client.js';

// Monthly partitions of analytics_events (Asia/Shanghai calendar months), kept created ahead by a job.

/** The partition job keeps this month and the next two created. */
export const PARTITION_MONTHS_AHEAD = 2;
const PARTITION_NAME = /^analytics_events_(\d{4})(\d{2})$/;

/** A calendar month in Asia/Shanghai: its partition name and its bounds as instants. */
export interface EventMonth {
  readonly name: string;
  readonly from: Date;
  readonly to: Date;
}

/** The month `offset` months after the Shanghai month `at` falls in. */
export function eventMonth(at: Date, offset = 0): EventMonth {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + offset;
  const start = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 1) - SHANGHAI_OFFSET_MS);
  const from = start(y, m);
  const to = start(y, m + 1);
  const label = new Date(from.getTime() + SHANGHAI_OFFSET_MS);
  const name = `analytics_events_${label.getUTCFullYear()}${String(label.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, from, to };
}

/** The month a partition name stands for, or null for other tables (the default partition). */
export function monthOfPartition(name: string): EventMonth | null {
  const m = PARTITION_NAME.exec(name);
  if (!m) return null;
  return eventMonth(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The month partitions analytics_events has now (the default partition excluded). */
export async function listEventPartitions(db: DbHandle): Promise<string[]> {
  const result = await db.execute(sql`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'analytics_events'
    order by c.relname`);
  return rowsOf<{ name: string }>(result)
    .map((r) => r.name)
    .filter((n) => PARTITION_NAME.test(n));
}

/** Bounds as SQL literals: our own computed ISO instants, never user input. */
function bound(d: Date) {
  return sql.raw(`'${d.toISOString()}'`);
}

/**
 * Creates the month's partition. When the default partition already holds rows of that month (events that
 * arrived before the job ran), PostgreSQL refuses the plain CREATE, so in one transaction: detach the default,
 * create the month, move its rows over, re-attach the default. Concurrent inserts wait for the lock meanwhile.
 */
export async function createMonthPartition(
  db: Db,
  month: EventMonth,
): Promise<'created' | 'moved' | 'exists'> {
  const name = sql.identifier(month.name);
  return db.transaction(async (tx) => {
    const exists = rowsOf<{ r: string | null }>(
      await tx.execute(sql`select to_regclass(${month.name})::text as r`),
    )[0]?.r;
    if (exists) return 'exists';
    const stray = rowsOf<{ n: number }>(
      await tx.execute(sql`
        select count(*)::int as n from (select 1 from analytics_events_default
        where occurred_at >= ${bound(month.from)} and occurred_at < ${bound(month.to)} limit 1) x`),
    )[0]?.n;
    if (!stray) {
      await tx.execute(sql`
        create table if not exists ${name} partition of analytics_events
        for values from (${bound(month.from)}) to (${bound(month.to)})`);
      return 'created';
    }
    await tx.execute(sql`alter table analytics_events detach partition analytics_events_default`);
    await tx.execute(sql`
      create table ${name} partition of analytics_events
      for values from (${bound(month.from)}) to (${bound(month.to)})`);
    await tx.execute(sql`
      insert into ${name} select * from analytics_events_default
      where occurred_at >= ${bound(month.from)} and occurred_at < ${bound(month.to)}`);
    await tx.execute(sql`
      delete from analytics_events_default
      where occurred_at >= ${bound(month.from)} and occurred_at < ${bound(month.to)}`);
    await tx.execute(sql`alter table analytics_events attach partition analytics_events_default default`);
    return 'moved';
  });
}

/** The partitions job: this month and the next two exist afterwards. Returns what it did per month. */
export async function ensureEventPartitions(db: Db, now: Date): Promise<Record<string, string>> {
  const done: Record<string, string> = {};
  for (let i = 0; i <= PARTITION_MONTHS_AHEAD; i++) {
    const month = eventMonth(now, i);
    done[month.name] = await createMonthPartition(db, month);
  }
  return done;
}
