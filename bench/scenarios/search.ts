import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/server/kernel/context.js';
import { dealersModule } from '../../src/server/modules/dealers/index.js';
import { rebuildSearchIndex } from '../../src/server/modules/search/index.js';
import { insertSearchFixture } from '../../src/server/modules/search/search.testing.js';
import type { Scenario } from '../scenarios.js';

export const BENCH_LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);

const CITIES = [
  '110100',
  '310100',
  '440100',
  '440300',
  '510100',
  '330100',
  '420100',
  '320100',
  '500100',
  '610100',
];
const STORES = [
  ['dlr_demo_bj_byd', 'sto_bj_byd_chaoyang'],
  ['dlr_demo_sh_tesla', 'sto_sh_tesla_jinqiao'],
  ['dlr_gz_gac_toyota', 'sto_gz_toyota_tianhe'],
  ['dlr_sz_byd', 'sto_sz_byd_nanshan'],
] as const;

let prepared: Promise<void> | undefined;

/**
 * Seeds the dealers, a small model database and BENCH_LISTINGS listings (a third used, 5% delisted)
 * set-based in one statement each, then rebuilds the search index. Shared by the search and detail
 * scenarios; runs once per bench process.
 */
export function prepareBenchListings(ctx: AppContext): Promise<void> {
  prepared ??= (async () => {
    const db = ctx.database.db;
    for (const step of dealersModule.seed) await step.run(ctx);
    await insertSearchFixture(db, 0);
    const cities = sql.raw(`array[${CITIES.map((c) => `'${c}'`).join(',')}]`);
    const dealerIds = sql.raw(`array[${STORES.map((s) => `'${s[0]}'`).join(',')}]`);
    const storeIds = sql.raw(`array[${STORES.map((s) => `'${s[1]}'`).join(',')}]`);
    const started = Date.now();
    await db.execute(sql`
      insert into catalog_listings (id, kind, trim_id, dealer_id, store_id, city_code, title, description,
        price_fen, status, popularity, listed_at, created_at, updated_at)
      select 'lst_b_' || lpad(g::text, 6, '0'),
        case when g % 3 = 0 then 'used' else 'new' end,
        t.id,
        (${dealerIds})[1 + g % 4],
        case when g % 10 < 4 then (${storeIds})[1 + g % 4] end,
        (${cities})[1 + g % 10],
        b.name || ' ' || s.name || ' ' || t.name || case when g % 3 = 0 then ' 准新车 一手车主' else ' 现车' end,
        '',
        (t.guide_price_fen * (case when g % 3 = 0 then 50 + g % 40 else 88 + g % 12 end) / 100)::bigint,
        case when g % 20 = 0 then 'delisted' else 'listed' end,
        (g * 7919) % 1000,
        timestamptz '2026-01-01' + (g % 300000) * interval '1 minute',
        timestamptz '2026-01-01', timestamptz '2026-01-01'
      from generate_series(1, ${BENCH_LISTINGS}) g
      join catalog_trims t on t.id = 'trm_s_' || ((g * 5) % 6) || '_' || (g % 2)
      join catalog_series s on s.id = t.series_id
      join catalog_brands b on b.id = s.brand_id
      on conflict (id) do nothing`);
    await db.execute(sql`
      insert into catalog_used_vehicles (listing_id, vin, first_registration_date, mileage_km, owners_count,
        transfer_count, condition_grade, accident_history, flood_history, fire_history)
      select 'lst_b_' || lpad(g::text, 6, '0'), 'LB' || lpad(g::text, 15, '0'),
        date '2016-01-01' + (g % 3000), (g * 37) % 150000, 1 + g % 2, g % 3, 1 + g % 3, false, false, false
      from generate_series(3, ${BENCH_LISTINGS}, 3) g
      on conflict (listing_id) do nothing`);
    await rebuildSearchIndex(ctx);
    // A real table is kept tidy by autovacuum; right after a bulk load do it by hand so plans see true sizes.
    await db.execute(sql`vacuum analyze catalog_listing_search`);
    process.stderr.write(
      `bench: ${BENCH_LISTINGS} listings seeded and indexed in ${Date.now() - started} ms\n`,
    );
  })();
  return prepared;
}

/** What buyers type, with the body and energy types that query's cars have. */
const QUERIES: readonly [q: string, body: string, energy: string][] = [
  ['比亚迪', 'sedan,suv', 'bev,phev'],
  ['biyadi', 'sedan', 'bev'],
  ['汉', 'sedan', 'bev'],
  ['宋PLUS', 'suv', 'phev'],
  ['特斯拉', 'suv', 'bev'],
  ['tesla', 'suv,sedan', 'bev'],
  ['Model Y', 'suv', 'bev'],
  ['理想', 'suv', 'erev'],
  ['理想L9', 'suv', 'erev,phev'],
  ['丰田', 'sedan', 'hev,petrol'],
  ['凯美瑞', 'sedan', 'hev'],
  ['本田', 'mpv', 'petrol,hev'],
  ['奥德赛', 'mpv', 'hev,petrol'],
];
const CITY_SETS = ['110100,310100,440100', '440300,510100,330100'];
const SORTS = ['price_asc', 'price_desc', 'newest', 'popular'];
const enc = encodeURIComponent;

/** Text + 3 facets + sort, the issue's shape, over 104 distinct buyer queries taken in turn. */
export function popularSearches(): string[] {
  const paths: string[] = [];
  for (const [q, body, energy] of QUERIES) {
    for (const city of CITY_SETS) {
      for (const sort of SORTS) {
        paths.push(
          `/api/v1/catalog/search?q=${enc(q)}&body=${body}&energy=${energy}&city=${city}&sort=${sort}&limit=20`,
        );
      }
    }
  }
  return paths;
}

export const search: Scenario = {
  name: 'search',
  description:
    'GET /api/v1/catalog/search: text + body, energy and city facets + sort, 640 distinct queries in turn',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    const paths = popularSearches();
    return { method: 'GET', path: paths[0]!, paths };
  },
};

/**
 * Every request distinct (a different price window each time), so neither the hot-query cache nor the facet
 * cache helps: the cost of computing a search from the database.
 */
export const searchUncached: Scenario = {
  name: 'search-uncached',
  description: 'GET /api/v1/catalog/search with a unique price window per request (no cache hits)',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    const base = popularSearches();
    const paths = Array.from(
      { length: 20_000 },
      (_, n) => `${base[n % base.length]}&priceMinYuan=${50_000 + (n % 997)}&priceMaxYuan=${400_000 + n}`,
    );
    return { method: 'GET', path: paths[0]!, paths };
  },
};
