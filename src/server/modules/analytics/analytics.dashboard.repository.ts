import { type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';

// The dashboard's reads: rollup tables only (never raw events or facts), a handful of queries per request,
// each bounded by a day range on the tables' leading `day` key.

/** The dimensions a request narrows by ('' in a rollup row means "none"). */
export interface RollupFilter {
  cityCode?: string | undefined;
  brandId?: string | undefined;
  dealerId?: string | null | undefined;
  channel?: string | undefined;
}

export interface DayRange {
  from: string;
  to: string;
}

async function rows<T>(db: DbHandle, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

function filterSql(f: RollupFilter, alias = ''): SQL {
  const col = (c: string) => sql.raw(alias ? `${alias}.${c}` : c);
  const parts: SQL[] = [];
  if (f.cityCode) parts.push(sql`${col('city_code')} = ${f.cityCode}`);
  if (f.brandId) parts.push(sql`${col('brand_id')} = ${f.brandId}`);
  if (f.dealerId) parts.push(sql`${col('dealer_id')} = ${f.dealerId}`);
  if (f.channel) parts.push(sql`${col('channel')} = ${f.channel}`);
  return parts.length === 0 ? sql`` : sql` and ${sql.join(parts, sql` and `)}`;
}

const num = (v: string | number | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);

/** Additive metrics per day over a range: day -> metric -> value. */
export async function dailyMetrics(
  db: DbHandle,
  range: DayRange,
  f: RollupFilter,
): Promise<Map<string, Map<string, number>>> {
  const found = await rows<{ day: string; metric: string; v: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, metric, sum(value)::bigint as v
      from analytics_daily_metrics
      where day between ${range.from}::date and ${range.to}::date${filterSql(f)}
      group by day, metric`,
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of found) {
    let m = out.get(r.day);
    if (!m) {
      m = new Map();
      out.set(r.day, m);
    }
    m.set(r.metric, num(r.v));
  }
  return out;
}

/** Additive metrics of a range broken down by city, series and channel (one grouping-sets query). */
export async function breakdowns(
  db: DbHandle,
  range: DayRange,
  f: RollupFilter,
): Promise<{ by: 'city' | 'series' | 'channel'; key: string; metric: string; value: number }[]> {
  const found = await rows<{
    city_code: string | null;
    series_id: string | null;
    channel: string | null;
    metric: string;
    v: string;
    g: number;
  }>(
    db,
    sql`select city_code, series_id, channel, metric, sum(value)::bigint as v,
        grouping(city_code, series_id, channel) as g
      from analytics_daily_metrics
      where day between ${range.from}::date and ${range.to}::date
        and metric in ('orders', 'gmv', 'vehicle_views')${filterSql(f)}
      group by grouping sets ((city_code, metric), (series_id, metric), (channel, metric))`,
  );
  // grouping() bits: city 4, series 2, channel 1 (a set bit = that column is rolled up).
  return found.map((r) => {
    const g = Number(r.g);
    const by = g === 3 ? 'city' : g === 5 ? 'series' : 'channel';
    const key = (by === 'city' ? r.city_code : by === 'series' ? r.series_id : r.channel) ?? '';
    return { by, key, metric: r.metric, value: num(r.v) };
  });
}

/** Distinct-people figures of the current and previous range (funnel, UV, WAU/MAU, conversion). */
export interface PeopleFigures {
  uv: number;
  prevUv: number;
  stages: number[];
  prevStages: number[];
  wau: number;
  prevWau: number;
  mau: number;
  prevMau: number;
}

export async function peopleFigures(
  db: DbHandle,
  cur: DayRange,
  prev: DayRange,
  windows: { wau: DayRange; prevWau: DayRange; mau: DayRange; prevMau: DayRange },
  f: RollupFilter,
): Promise<PeopleFigures> {
  const inRange = (r: DayRange) => sql`day between ${r.from}::date and ${r.to}::date`;
  // A person's account id is their person key, so active accounts are persons with an account.
  const active = sql`account_id is not null and (visited or max_stage > 0)`;
  const lowest = [prev.from, windows.prevMau.from, windows.mau.from].sort()[0] ?? prev.from;
  const stageCounts = (col: string, prefix: string) =>
    sql.join(
      [1, 2, 3, 4, 5, 6].map(
        (k) => sql`count(*) filter (where ${sql.raw(col)} >= ${k}) as ${sql.raw(`${prefix}${k}`)}`,
      ),
      sql`, `,
    );
  // One pass grouping rows by person, then plain counts: far cheaper than a dozen COUNT(DISTINCT)s.
  const [r] = await rows<Record<string, string>>(
    db,
    sql`with p as (
        select person_key,
          bool_or(visited) filter (where ${inRange(cur)}) as v_cur,
          bool_or(visited) filter (where ${inRange(prev)}) as v_prev,
          max(max_stage) filter (where ${inRange(cur)}) as st_cur,
          max(max_stage) filter (where ${inRange(prev)}) as st_prev,
          bool_or(${active}) filter (where ${inRange(windows.wau)}) as wau,
          bool_or(${active}) filter (where ${inRange(windows.prevWau)}) as prev_wau,
          bool_or(${active}) filter (where ${inRange(windows.mau)}) as mau,
          bool_or(${active}) filter (where ${inRange(windows.prevMau)}) as prev_mau
        from analytics_person_days
        where day between ${lowest}::date and ${cur.to}::date${filterSql(f)}
        group by person_key)
      select count(*) filter (where v_cur) as uv, count(*) filter (where v_prev) as prev_uv,
        ${stageCounts('st_cur', 's')}, ${stageCounts('st_prev', 'p')},
        count(*) filter (where wau) as wau, count(*) filter (where prev_wau) as prev_wau,
        count(*) filter (where mau) as mau, count(*) filter (where prev_mau) as prev_mau
      from p`,
  );
  const g = (k: string) => num(r?.[k]);
  return {
    uv: g('uv'),
    prevUv: g('prev_uv'),
    stages: [1, 2, 3, 4, 5, 6].map((k) => g(`s${k}`)),
    prevStages: [1, 2, 3, 4, 5, 6].map((k) => g(`p${k}`)),
    wau: g('wau'),
    prevWau: g('prev_wau'),
    mau: g('mau'),
    prevMau: g('prev_mau'),
  };
}

/** Per day: distinct visitors and distinct active accounts (UV trend, DAU). */
export async function dailyPeople(
  db: DbHandle,
  range: DayRange,
  f: RollupFilter,
): Promise<Map<string, { uv: number; active: number }>> {
  const found = await rows<{ day: string; uv: string; active: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, count(*) filter (where v) as uv, count(*) filter (where a) as active
      from (
        select day, person_key, bool_or(visited) as v,
          bool_or(account_id is not null and (visited or max_stage > 0)) as a
        from analytics_person_days
        where day between ${range.from}::date and ${range.to}::date${filterSql(f)}
        group by day, person_key) x
      group by day`,
  );
  return new Map(found.map((r) => [r.day, { uv: num(r.uv), active: num(r.active) }]));
}

/** Distinct visitors of a range by city and by channel. */
export async function visitorsBy(
  db: DbHandle,
  range: DayRange,
  f: RollupFilter,
): Promise<{ cities: Map<string, number>; channels: Map<string, number> }> {
  const found = await rows<{ city_code: string | null; channel: string | null; n: string; g: number }>(
    db,
    sql`select city_code, channel, count(distinct person_key) as n, grouping(city_code, channel) as g
      from analytics_person_days
      where day between ${range.from}::date and ${range.to}::date and visited${filterSql(f)}
      group by grouping sets ((city_code), (channel))`,
  );
  const cities = new Map<string, number>();
  const channels = new Map<string, number>();
  for (const r of found) {
    if (Number(r.g) === 1) cities.set(r.city_code ?? '', num(r.n));
    else channels.set(r.channel ?? '', num(r.n));
  }
  return { cities, channels };
}

/**
 * Buyers of the current and previous range: how many accounts placed an order, how many of them had placed
 * at least two by the end of the range (repurchase), and new paying customers per channel (their first
 * fully paid order falls in the range: CAC's denominator).
 */
export async function buyerFigures(
  db: DbHandle,
  cur: DayRange,
  prev: DayRange,
  f: RollupFilter,
): Promise<{
  buyers: number;
  repeat: number;
  prevBuyers: number;
  prevRepeat: number;
  newPaying: Map<string, { cur: number; prev: number }>;
}> {
  const [b] = await rows<Record<string, string>>(
    db,
    sql`select
        count(*) filter (where cur > 0) as buyers, count(*) filter (where cur > 0 and total >= 2) as repeat,
        count(*) filter (where pcur > 0) as prev_buyers, count(*) filter (where pcur > 0 and ptotal >= 2) as prev_repeat
      from (
        select person_key,
          sum(orders) filter (where day between ${cur.from}::date and ${cur.to}::date) as cur,
          sum(orders) as total,
          sum(orders) filter (where day between ${prev.from}::date and ${prev.to}::date) as pcur,
          sum(orders) filter (where day <= ${prev.to}::date) as ptotal
        from analytics_person_days
        where (orders > 0 or paid_orders > 0) and orders > 0 and account_id is not null
          and day <= ${cur.to}::date${filterSql(f)}
        group by person_key) x`,
  );
  const paying = await rows<{ channel: string; cur: string; prev: string }>(
    db,
    sql`select channel,
        count(*) filter (where first_paid between ${cur.from}::date and ${cur.to}::date) as cur,
        count(*) filter (where first_paid between ${prev.from}::date and ${prev.to}::date) as prev
      from (
        select person_key, min(day) as first_paid, (array_agg(channel order by day))[1] as channel
        from analytics_person_days
        where (orders > 0 or paid_orders > 0) and paid_orders > 0 and account_id is not null
          and day <= ${cur.to}::date${filterSql({ ...f, channel: undefined })}
        group by person_key) x
      group by channel`,
  );
  const g = (k: string) => num(b?.[k]);
  return {
    buyers: g('buyers'),
    repeat: g('repeat'),
    prevBuyers: g('prev_buyers'),
    prevRepeat: g('prev_repeat'),
    newPaying: new Map(paying.map((r) => [r.channel, { cur: num(r.cur), prev: num(r.prev) }])),
  };
}

/**
 * Weekly cohorts (ISO weeks, Monday) of accounts registered in [from, to] and how many of each were active in
 * each later week up to the week of `to`. Returns (cohort, week|null, count) rows: week null is the size.
 */
export async function retentionRows(
  db: DbHandle,
  range: DayRange,
  f: RollupFilter,
): Promise<{ cohort: string; week: string | null; n: number }[]> {
  const found = await rows<{ cohort: string; week: string | null; n: string }>(
    db,
    sql`with c as (
        select person_key, date_trunc('week', min(day))::date as cohort
        from analytics_person_days
        where registered and day between ${range.from}::date and ${range.to}::date${filterSql(f)}
        group by person_key)
      select to_char(cohort, 'YYYY-MM-DD') as cohort, null::text as week, count(*) as n from c group by cohort
      union all
      select to_char(c.cohort, 'YYYY-MM-DD'), to_char(date_trunc('week', p.day)::date, 'YYYY-MM-DD'),
        count(distinct p.person_key)
      from c join analytics_person_days p on p.person_key = c.person_key
      where p.day >= c.cohort + 7 and p.day <= ${range.to}::date and (p.visited or p.max_stage > 0)
      group by 1, 2`,
  );
  return found.map((r) => ({ cohort: r.cohort, week: r.week, n: num(r.n) }));
}

/**
 * What a computed dashboard depends on besides its query: the last rollup refresh and the spend entries.
 * A dashboard computed under the same stamp is still right (stock and bot figures may lag a refresh).
 */
export async function dashboardStamp(db: DbHandle): Promise<string> {
  const [r] = await rows<{ r: string | null; n: string; m: string | null }>(
    db,
    sql`select (select refreshed_at::text from analytics_rollup_state where name = 'rollups') as r,
        count(*) as n, max(created_at)::text as m
      from analytics_marketing_spend`,
  );
  return `${r?.r ?? ''}|${r?.n ?? 0}|${r?.m ?? ''}`;
}
