import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { dayFactor } from './analytics.history.calendar.js';
import { generateAnalyticsHistory, type HistoryCounts, type HistoryListing } from './analytics.history.js';

// A small synthetic market (three brands, five series, two cities) so the test needs no catalogue seed.
const MARKET: HistoryListing[] = [
  ['lst_h1', 'trm_han_ev', 'ser_han', 'brd_byd', 'dlr_bj_byd', '110100', 21_980_000],
  ['lst_h2', 'trm_han_dmi', 'ser_han', 'brd_byd', 'dlr_bj_byd', '110100', 18_980_000],
  ['lst_h3', 'trm_seal', 'ser_seal', 'brd_byd', 'dlr_bj_byd', '110100', 17_980_000],
  ['lst_h4', 'trm_m3', 'ser_model3', 'brd_tesla', 'dlr_sh_tesla', '310100', 23_190_000],
  ['lst_h5', 'trm_my', 'ser_modely', 'brd_tesla', 'dlr_sh_tesla', '310100', 24_990_000],
  ['lst_h6', 'trm_song', 'ser_songplus', 'brd_byd', 'dlr_sh_byd', '310100', 15_980_000],
].map(([listingId, trimId, seriesId, brandId, dealerId, cityCode, priceFen]) => ({
  listingId: listingId as string,
  trimId: trimId as string,
  seriesId: seriesId as string,
  brandId: brandId as string,
  dealerId: dealerId as string,
  cityCode: cityCode as string,
  priceFen: priceFen as number,
}));

const OPTIONS = {
  seed: 13,
  days: 120,
  endDay: '2026-11-30',
  sessionsPerDay: 40,
  ordersPerDay: 3,
  market: MARKET,
};

let a: Database;
let b: Database;
let countsA: HistoryCounts;
let countsB: HistoryCounts;

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  const result = (await db.db.execute(query)) as unknown as { rows: T[] };
  return result.rows[0] as T;
}

beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
  countsA = await generateAnalyticsHistory(a.db, OPTIONS);
  countsB = await generateAnalyticsHistory(b.db, OPTIONS);
}, 120_000);
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('analytics history generator', () => {
  it('writes the same history for the same seed, and counts what it wrote', async () => {
    expect(countsB).toEqual(countsA);
    const stored = await one<{ events: number; sessions: number; facts: number; digest: string }>(
      a,
      sql`select (select count(*)::int from analytics_events) as events,
                 (select count(*)::int from analytics_sessions) as sessions,
                 (select count(*)::int from analytics_facts) as facts,
                 (select md5(string_agg(id || kind || coalesce(amount_fen, 0)::text, ',' order by id)) from analytics_facts) as digest`,
    );
    expect(stored.events).toBe(countsA.events);
    expect(stored.sessions).toBe(countsA.sessions);
    expect(stored.facts).toBe(countsA.facts);
    const other = await one<{ digest: string }>(
      b,
      sql`select md5(string_agg(id || kind || coalesce(amount_fen, 0)::text, ',' order by id)) as digest from analytics_facts`,
    );
    expect(other.digest).toBe(stored.digest);
    // Every session's events are stored, and its counters agree with them.
    const mismatched = await one<{ n: number }>(
      a,
      sql`select count(*)::int as n from analytics_sessions s
          where s.events <> (select count(*) from analytics_events e where e.session_id = s.id)
             or s.last_event_at <> (select max(occurred_at) from analytics_events e where e.session_id = s.id)`,
    );
    expect(mismatched.n).toBe(0);
  });

  it('has more traffic on weekends than on weekdays', async () => {
    const r = await one<{ weekend: number; weekday: number }>(
      a,
      sql`select avg(n) filter (where dow in (0, 6))::float as weekend, avg(n) filter (where dow between 1 and 5)::float as weekday
          from (select extract(dow from (started_at at time zone 'Asia/Shanghai')) as dow,
                       (started_at at time zone 'Asia/Shanghai')::date as d, count(*) as n
                from analytics_sessions group by 1, 2) x`,
    );
    expect(r.weekend / r.weekday).toBeGreaterThan(1.15);
    expect(r.weekend / r.weekday).toBeLessThan(1.7);
    // 双11 week is busier than an ordinary week in September.
    expect(dayFactor('2026-11-11')).toBeGreaterThan(1.8);
    expect(dayFactor('2026-02-17')).toBeLessThan(0.6);
  });

  it('narrows like a funnel: visits > vehicle views > consultations or test drives > orders > deposits > deliveries', async () => {
    const f = await one<{
      visits: number;
      viewed: number;
      engaged: number;
      orders: number;
      deposits: number;
      delivered: number;
    }>(
      a,
      sql`select (select count(*)::int from analytics_sessions) as visits,
        (select count(distinct session_id)::int from analytics_events where name = 'view_vehicle') as viewed,
        (select count(distinct session_id)::int from analytics_events where name in ('start_consultation', 'book_test_drive')) as engaged,
        (select count(*)::int from analytics_facts where kind = 'order_placed') as orders,
        (select count(*)::int from analytics_facts where kind = 'deposit_paid') as deposits,
        (select count(*)::int from analytics_facts where kind = 'order_delivered') as delivered`,
    );
    expect(f.visits).toBeGreaterThan(f.viewed);
    expect(f.viewed).toBeGreaterThan(f.engaged);
    expect(f.engaged).toBeGreaterThan(f.orders);
    expect(f.orders).toBeGreaterThan(f.deposits);
    expect(f.deposits).toBeGreaterThan(f.delivered);
    expect(f.delivered).toBeGreaterThan(0);
  });

  it('sells cars near their price with a unit cost 5-12 % below, and every fact has its documented props', async () => {
    const r = await one<{ bad_cost: number; far: number; orders: number }>(
      a,
      sql`select count(*) filter (where cost_fen >= amount_fen or cost_fen < amount_fen * 0.87)::int as bad_cost,
                 count(*) filter (where amount_fen < 15000000 or amount_fen > 26000000)::int as far,
                 count(*)::int as orders
          from analytics_facts where kind = 'order_placed'`,
    );
    expect(r.orders).toBeGreaterThan(100);
    expect(r.bad_cost).toBe(0);
    expect(r.far).toBe(0);
    const props = await one<{ bad: number }>(
      a,
      sql`select count(*)::int as bad from analytics_facts where
           (kind = 'lead_first_response' and (jsonb_typeof(props->'responseSeconds') <> 'number' or jsonb_typeof(props->'withinSla') <> 'boolean'))
        or (kind = 'testdrive_outcome' and props->>'outcome' not in ('completed', 'no_show'))
        or (kind = 'shop_order_shipped' and jsonb_typeof(props->'shippedWithin48h') <> 'boolean')
        or (kind = 'survey_answered' and (props->>'rating')::int not between 1 and 5)
        or (kind = 'order_cancelled' and props->>'by' not in ('buyer', 'seller', 'system'))
        or source_event_id not like 'seed:%'`,
    );
    expect(props.bad).toBe(0);
    for (const kind of [
      'customer_registered',
      'lead_created',
      'testdrive_outcome',
      'deposit_forfeit',
      'refund',
    ]) {
      expect(countsA.factsByKind[kind as keyof HistoryCounts['factsByKind']] ?? 0).toBeGreaterThan(0);
    }
    // Nothing happens after the end of the history.
    const late = await one<{ n: number }>(
      a,
      sql`select count(*)::int as n from analytics_facts where occurred_at >= '2026-11-30T16:00:00Z'`,
    );
    expect(late.n).toBe(0);
  });
});
