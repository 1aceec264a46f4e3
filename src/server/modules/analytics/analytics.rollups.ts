import { sql } from 'drizzle-orm';
import { shanghaiDayStart } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';

// The rollup refresh: folds raw events and facts into analytics_daily_metrics and analytics_person_days, one
// whole Shanghai day at a time (delete + insert in one transaction), for every day touched since the last run.
// Recomputing a day wholesale is what lets a late event correct its day; docs/metrics.md defines the figures.

/** The refresh job (every minute and at start). */
export const REFRESH_ROLLUPS_JOB = 'analytics.refresh_rollups';

const STATE = 'rollups';
/**
 * Events are stamped received_at before their transaction commits, so a slow insert can become visible after
 * the watermark passed it: each run looks this far back again (those days are recomputed, which is harmless).
 */
const OVERLAP_MS = 2 * 60_000;
const DAY_MS = 24 * 3600_000;

interface Rows<T> {
  rows: T[];
}

async function rows<T>(db: DbHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/** Funnel stages as numbers (FUNNEL_STAGES order): a person's day keeps the furthest one reached. */
export const STAGE = {
  visit: 1,
  vehicle_view: 2,
  consultation_or_test_drive: 3,
  order: 4,
  deposit_paid: 5,
  delivered: 6,
} as const;

/** Recomputes every rollup row of one Shanghai day from the raw events and facts of that day. */
export async function rebuildDay(db: DbHandle, day: string): Promise<void> {
  const start = shanghaiDayStart(day);
  const s = start.toISOString();
  const e = new Date(start.getTime() + DAY_MS).toISOString();
  await withTransaction(db, async (tx) => {
    // Two overlapping runs (a long first refresh and the next minute's) rebuild a day one after the other.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics_rollup_day:${day}`}))`);
    await tx.execute(sql`delete from analytics_daily_metrics where day = ${day}::date`);
    await tx.execute(sql`delete from analytics_person_days where day = ${day}::date`);

    // Page and vehicle views by every dimension the event names.
    await tx.execute(sql`
      insert into analytics_daily_metrics (day, metric, city_code, brand_id, series_id, dealer_id, channel, value)
      select ${day}::date, m.metric, coalesce(e.city_code, ''), coalesce(e.brand_id, ''), coalesce(e.series_id, ''),
        coalesce(e.dealer_id, ''), e.channel, count(*)
      from analytics_events e
        cross join lateral (values ('pv', e.name = 'page_view'), ('vehicle_views', e.name = 'view_vehicle')) m(metric, hit)
      where e.occurred_at >= ${s}::timestamptz and e.occurred_at < ${e}::timestamptz and m.hit
      group by 2, 3, 4, 5, 6, 7`);

    // Visits: a session's events within the day; its city and channel are those of its first event that day.
    await tx.execute(sql`
      with s as (
        select e.session_id,
          (array_agg(e.channel order by e.occurred_at))[1] as channel,
          (array_agg(coalesce(e.city_code, '') order by e.occurred_at))[1] as city,
          count(*) filter (where e.name = 'page_view') as pv,
          count(*) as n,
          floor(extract(epoch from max(e.occurred_at) - min(e.occurred_at)))::bigint as secs
        from analytics_events e
        where e.occurred_at >= ${s}::timestamptz and e.occurred_at < ${e}::timestamptz
        group by e.session_id)
      insert into analytics_daily_metrics (day, metric, city_code, brand_id, series_id, dealer_id, channel, value)
      select ${day}::date, m.metric, s.city, '', '', '', s.channel, sum(m.v)
      from s cross join lateral (values
        ('sessions', 1::bigint), ('bounces', case when s.n = 1 then 1 else 0 end::bigint),
        ('session_seconds', s.secs), ('session_pv', s.pv::bigint)) m(metric, v)
      group by 2, 3, 7`);

    // Business facts: counts and sums per dimension.
    await tx.execute(sql`
      insert into analytics_daily_metrics (day, metric, city_code, brand_id, series_id, dealer_id, channel, value)
      select ${day}::date, m.metric, coalesce(f.city_code, ''), coalesce(f.brand_id, ''), coalesce(f.series_id, ''),
        coalesce(f.dealer_id, ''), coalesce(f.channel, ''), sum(m.v)
      from analytics_facts f cross join lateral (values
        ('orders', case when f.kind = 'order_placed' then 1 end::bigint),
        ('gmv', case when f.kind = 'order_placed' then f.amount_fen end),
        ('deposits_paid', case when f.kind = 'deposit_paid' then 1 end::bigint),
        ('orders_paid', case when f.kind = 'order_paid' then 1 end::bigint),
        ('delivered', case when f.kind = 'order_delivered' then 1 end::bigint),
        ('margin_revenue', case when f.kind = 'order_delivered' and f.cost_fen is not null then f.amount_fen end),
        ('margin_cost', case when f.kind = 'order_delivered' and f.cost_fen is not null then f.cost_fen end),
        ('cancelled', case when f.kind = 'order_cancelled' then 1 end::bigint),
        ('refunds', case when f.kind = 'refund' then f.amount_fen end),
        ('refund_count', case when f.kind = 'refund' then 1 end::bigint),
        ('deposit_forfeits', case when f.kind = 'deposit_forfeit' then f.amount_fen end),
        ('new_users', case when f.kind = 'customer_registered' then 1 end::bigint),
        ('leads', case when f.kind = 'lead_created' then 1 end::bigint),
        ('lead_responses', case when f.kind = 'lead_first_response' then 1 end::bigint),
        ('lead_response_seconds', case when f.kind = 'lead_first_response' then (f.props->>'responseSeconds')::bigint end),
        ('lead_sla_met', case when f.kind = 'lead_first_response' and (f.props->>'withinSla')::boolean then 1 end::bigint),
        ('testdrives_booked', case when f.kind = 'testdrive_booked' then 1 end::bigint),
        ('testdrives_completed', case when f.kind = 'testdrive_outcome' and f.props->>'outcome' = 'completed' then 1 end::bigint),
        ('testdrives_no_show', case when f.kind = 'testdrive_outcome' and f.props->>'outcome' = 'no_show' then 1 end::bigint),
        ('shop_orders_paid', case when f.kind = 'shop_order_paid' then 1 end::bigint),
        ('shop_orders_shipped', case when f.kind = 'shop_order_shipped' and f.props->>'shippedWithin48h' in ('true', 'false') then 1 end::bigint),
        ('shop_shipped_48h', case when f.kind = 'shop_order_shipped' and f.props->>'shippedWithin48h' = 'true' then 1 end::bigint),
        ('surveys', case when f.kind = 'survey_answered' then 1 end::bigint),
        ('survey_rating', case when f.kind = 'survey_answered' then (f.props->>'rating')::bigint end)
      ) m(metric, v)
      where f.occurred_at >= ${s}::timestamptz and f.occurred_at < ${e}::timestamptz and m.v is not null
      group by 2, 3, 4, 5, 6, 7`);

    // People: the account when known (signed in, or the visitor was linked to one), else the visitor.
    await tx.execute(sql`
      with ev as (
        select e.visitor_id, e.account_id, coalesce(e.city_code, '') as city, coalesce(e.brand_id, '') as brand,
          coalesce(e.dealer_id, '') as dealer, e.channel, (e.name = 'page_view')::int as pv,
          case e.name when 'view_vehicle' then 2 when 'start_consultation' then 3 when 'book_test_drive' then 3 else 1 end as stage
        from analytics_events e
        where e.occurred_at >= ${s}::timestamptz and e.occurred_at < ${e}::timestamptz),
      linked as (
        select va.visitor_id, min(va.account_id) as account_id
        from analytics_visitor_accounts va
        where va.visitor_id in (select distinct visitor_id from ev)
        group by va.visitor_id),
      people as (
        select coalesce(ev.account_id, l.account_id, 'v:' || ev.visitor_id) as person_key,
          coalesce(ev.account_id, l.account_id) as account_id, ev.city, ev.brand, ev.dealer, ev.channel::text as channel,
          true as visited, ev.pv, ev.stage, 0 as orders, 0 as paid, false as registered
        from ev left join linked l on l.visitor_id = ev.visitor_id
        union all
        select coalesce(f.account_id, 's:' || f.subject_id), f.account_id, coalesce(f.city_code, ''),
          coalesce(f.brand_id, ''), coalesce(f.dealer_id, ''), coalesce(f.channel, ''), false, 0,
          case f.kind when 'testdrive_booked' then 3 when 'consultation_started' then 3 when 'order_placed' then 4
            when 'deposit_paid' then 5 when 'order_paid' then 5 when 'order_delivered' then 6 else 0 end,
          (f.kind = 'order_placed')::int, (f.kind = 'order_paid')::int, f.kind = 'customer_registered'
        from analytics_facts f
        where f.occurred_at >= ${s}::timestamptz and f.occurred_at < ${e}::timestamptz
          and f.kind in ('testdrive_booked', 'consultation_started', 'order_placed', 'deposit_paid', 'order_paid',
            'order_delivered', 'customer_registered'))
      insert into analytics_person_days (day, person_key, account_id, city_code, brand_id, dealer_id, channel,
        visited, page_views, max_stage, orders, paid_orders, registered)
      select ${day}::date, person_key, max(account_id), city, brand, dealer, channel, bool_or(visited), sum(pv),
        max(stage), sum(orders), sum(paid), bool_or(registered)
      from people
      group by person_key, city, brand, dealer, channel`);
  });
}

/** Days (Shanghai) with raw events received after `since`, or every day with events when since is null. */
async function daysWithNewEvents(db: DbHandle, since: Date | null): Promise<string[]> {
  const found = await rows<{ day: string }>(
    db,
    since
      ? sql`select distinct to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
          from analytics_events where received_at > ${since.toISOString()}::timestamptz`
      : sql`select distinct to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
          from analytics_events`,
  );
  return found.map((r) => r.day);
}

async function allFactDays(db: DbHandle): Promise<string[]> {
  const found = await rows<{ day: string }>(
    db,
    sql`select distinct to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day from analytics_facts`,
  );
  return found.map((r) => r.day);
}

/**
 * Brings the rollups up to date: every day with raw events received since the watermark (late ones too) or
 * with facts recorded since (the dirty-day marks), or every day at all when `full`. Yields between days so a
 * long first refresh does not starve the event loop. Returns the days rebuilt.
 */
export async function refreshRollups(
  db: DbHandle,
  now: Date,
  options: { full?: boolean } = {},
): Promise<string[]> {
  const [state] = await rows<{ watermark: string }>(
    db,
    sql`select watermark from analytics_rollup_state where name = ${STATE}`,
  );
  const since = options.full || !state ? null : new Date(new Date(state.watermark).getTime() - OVERLAP_MS);
  const dirty = await rows<{ day: string; marked_at: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, marked_at from analytics_dirty_days`,
  );
  const days = new Set([...(await daysWithNewEvents(db, since)), ...dirty.map((d) => d.day)]);
  if (since === null) for (const d of await allFactDays(db)) days.add(d);
  const ordered = [...days].sort();
  for (const day of ordered) {
    await rebuildDay(db, day);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A day marked again while it was rebuilt keeps its (newer) mark for the next run.
  for (const d of dirty) {
    await db.execute(
      sql`delete from analytics_dirty_days where day = ${d.day}::date and marked_at <= ${new Date(d.marked_at).toISOString()}::timestamptz`,
    );
  }
  // refreshed_at moves only when figures changed: dashboards computed before stay valid (their cache stamp).
  await db.execute(sql`
    insert into analytics_rollup_state (name, watermark, refreshed_at)
    values (${STATE}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (name) do update set watermark = excluded.watermark,
      refreshed_at = case when ${ordered.length > 0} then excluded.refreshed_at
        else analytics_rollup_state.refreshed_at end`);
  return ordered;
}

/** When the rollups were last brought up to date (null before the first refresh). */
export async function rollupsRefreshedAt(db: DbHandle): Promise<Date | null> {
  const [state] = await rows<{ refreshed_at: string }>(
    db,
    sql`select refreshed_at from analytics_rollup_state where name = ${STATE}`,
  );
  return state ? new Date(state.refreshed_at) : null;
}
