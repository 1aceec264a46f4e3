import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/server/kernel/context.js';
import { dealersModule } from '../../src/server/modules/dealers/index.js';
import { rebuildSearchIndex, reindexListings } from '../../src/server/modules/search/index.js';
import { MemorySearchBackend } from '../../src/server/modules/search/search.backend.js';
import { searchCaches } from '../../src/server/modules/search/search.caches.js';
import {
  insertSearchFixture,
  TEST_BRANDS,
  TEST_SERIES,
} from '../../src/server/modules/search/search.testing.js';
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

/** Listings seeded so far in this bench process (a larger count adds to a smaller one). */
let prepared: Promise<void> | undefined;
let preparedCount = 0;

/** Above this many listings the read model is built in slices, so no process holds them all at once. */
const REINDEX_SLICE = 20_000;

/**
 * Seeds the dealers, a small model database and `count` (BENCH_LISTINGS) listings (a third used, 5%
 * delisted) set-based in one statement each, then rebuilds the search index. Shared by the search and detail
 * scenarios; runs once per bench process and count.
 */
export function prepareBenchListings(ctx: AppContext, count = BENCH_LISTINGS): Promise<void> {
  if (prepared && count <= preparedCount) return prepared;
  const before = prepared ?? Promise.resolve();
  preparedCount = Math.max(preparedCount, count);
  prepared = before.then(async () => {
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
      select 'lst_b_' || lpad(g::text, greatest(6, length(g::text)), '0'),
        case when g % 3 = 0 then 'used' else 'new' end,
        t.id,
        (${dealerIds})[1 + g % 4],
        case when g % 10 < 4 then (${storeIds})[1 + g % 4] end,
        (${cities})[1 + g % 10],
        b.name || ' ' || s.name || ' ' || t.name || case when g % 3 = 0 then ' 准新车 一手车主' else ' 现车' end,
        '',
        (t.guide_price_fen * (case when g % 3 = 0 then 50 + g % 40 else 88 + g % 12 end) / 100)::bigint,
        case when g % 20 = 0 then 'delisted' else 'listed' end,
        ((g::bigint * 7919) % 1000)::int,
        timestamptz '2026-01-01' + (g % 300000) * interval '1 minute',
        timestamptz '2026-01-01', timestamptz '2026-01-01'
      from generate_series(1, ${count}) g
      join catalog_trims t on t.id = 'trm_s_' || ((g * 5) % 6) || '_' || (g % 2)
      join catalog_series s on s.id = t.series_id
      join catalog_brands b on b.id = s.brand_id
      on conflict (id) do nothing`);
    await db.execute(sql`
      insert into catalog_used_vehicles (listing_id, vin, first_registration_date, mileage_km, owners_count,
        transfer_count, condition_grade, accident_history, flood_history, fire_history)
      select 'lst_b_' || lpad(g::text, greatest(6, length(g::text)), '0'), 'LB' || lpad(g::text, 15, '0'),
        date '2016-01-01' + (g % 3000), (g * 37) % 150000, 1 + g % 2, g % 3, 1 + g % 3, false, false, false
      from generate_series(3, ${count}, 3) g
      on conflict (listing_id) do nothing`);
    const indexed = (
      (await db.execute(sql`select count(*)::int as n from catalog_listing_search`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n;
    if (Number(indexed ?? 0) >= count) {
      // A database kept from an earlier run (the million takes minutes to index): the read model is there.
    } else if (count <= REINDEX_SLICE * 5) {
      await rebuildSearchIndex(ctx);
    } else {
      // A million listings' facts and tokens do not fit one process's heap at once: slices of ids in order.
      let after = '';
      for (;;) {
        const slice = (
          (await db.execute(
            sql`select id from catalog_listings where id > ${after} order by id limit ${REINDEX_SLICE}`,
          )) as unknown as { rows: { id: string }[] }
        ).rows.map((r) => r.id);
        if (slice.length === 0) break;
        await reindexListings(ctx, slice);
        after = slice[slice.length - 1] ?? '';
      }
    }
    // A real table is kept tidy by autovacuum; right after a bulk load do it by hand so plans see true sizes.
    await db.execute(sql`vacuum analyze catalog_listing_search`);
    process.stderr.write(`bench: ${count} listings seeded and indexed in ${Date.now() - started} ms\n`);
  });
  return prepared;
}

/**
 * Builds the search backend's index before the load (a server builds it at its first search and answers from
 * SQL meanwhile) and reports what it holds.
 */
let listening: Promise<void> | undefined;

async function warmSearchBackend(ctx: AppContext): Promise<void> {
  const backend = searchCaches(ctx).backend;
  // The caches' first LISTEN tells them "you may have missed something", which rebuilds the index: wait for
  // it (a server starts listening at start-up, long before its first search builds the index).
  listening ??= new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 3000);
    const off = ctx.cacheBus.subscribe('search', (d) => {
      if (d.kind !== 'missed') return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
  await listening;
  const heapBefore = process.memoryUsage();
  await backend.warm(ctx.database.db);
  if (backend instanceof MemorySearchBackend && backend.lastBuild) {
    global.gc?.();
    const after = process.memoryUsage();
    const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
    const b = backend.lastBuild;
    process.stderr.write(
      `bench: memory index of ${b.rows} listed rows built in ${b.ms} ms, ${b.tokens} tokens, ~${mb(b.bytes)} by estimate; heap ${mb(heapBefore.heapUsed)} -> ${mb(after.heapUsed)}, array buffers ${mb(heapBefore.arrayBuffers)} -> ${mb(after.arrayBuffers)}, rss ${mb(heapBefore.rss)} -> ${mb(after.rss)}\n`,
    );
  } else {
    process.stderr.write(`bench: search backend ${backend.name}\n`);
  }
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
    await warmSearchBackend(ctx);
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
    await warmSearchBackend(ctx);
    const base = popularSearches();
    const paths = Array.from(
      { length: 20_000 },
      (_, n) => `${base[n % base.length]}&priceMinYuan=${50_000 + (n % 997)}&priceMaxYuan=${400_000 + n}`,
    );
    return { method: 'GET', path: paths[0]!, paths };
  },
};

/** A small deterministic PRNG (mulberry32): the same distinct requests in every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a buyer may type: every brand and series name, alias and pinyin of the bench's model database. */
const DICTIONARY_TEXTS: readonly string[] = [
  ...TEST_BRANDS.flatMap((b) => [b.name, b.pinyin, b.nameEn, ...b.aliases]),
  ...TEST_SERIES.flatMap((s) => [s.name, s.pinyin, s.nameEn, ...s.aliases]),
];
const ALL_CITIES = CITIES;
const BODIES = ['sedan', 'suv', 'mpv'];
const ENERGIES = ['bev', 'phev', 'erev', 'hev', 'petrol'];
const ALL_SORTS = ['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc'];

function pick<T>(rnd: () => number, from: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rnd() * (max - min + 1));
  const pool = [...from];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(...pool.splice(Math.floor(rnd() * pool.length), 1));
  return out;
}

/**
 * `count` distinct searches, no two alike: dictionary text (one in ten without text), a random city (one in
 * four two cities), a random price window, one or two body types, one to three energy types, a sort and a
 * page size. Neither the answer cache nor the facet cache (keyed by the filters) ever hits.
 */
export function coldSearches(count: number, seed = 14): string[] {
  const rnd = random(seed);
  const seen = new Set<string>();
  const paths: string[] = [];
  while (paths.length < count) {
    const params: string[] = [];
    if (rnd() >= 0.1) params.push(`q=${enc(DICTIONARY_TEXTS[Math.floor(rnd() * DICTIONARY_TEXTS.length)]!)}`);
    params.push(`city=${pick(rnd, ALL_CITIES, 1, rnd() < 0.25 ? 2 : 1).join(',')}`);
    const min = 50_000 + Math.floor(rnd() * 200_000);
    params.push(`priceMinYuan=${min}`, `priceMaxYuan=${min + 50_000 + Math.floor(rnd() * 300_000)}`);
    params.push(`body=${pick(rnd, BODIES, 1, 2).join(',')}`, `energy=${pick(rnd, ENERGIES, 1, 3).join(',')}`);
    params.push(
      `sort=${ALL_SORTS[Math.floor(rnd() * ALL_SORTS.length)]}`,
      `limit=${10 + Math.floor(rnd() * 31)}`,
    );
    const path = `/api/v1/catalog/search?${params.join('&')}`;
    if (seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  return paths;
}

/** Enough distinct searches for the warm-up and the measurement at a few thousand req/s. */
const COLD_REQUESTS = 100_000;

/** Issue 14: uncached search over 100,000 listings, every request different. */
export const searchCold: Scenario = {
  name: 'search-cold',
  description:
    'GET /api/v1/catalog/search over 100,000 listings, every request distinct: dictionary text, city, price window, body, energy, sort, page size',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    await warmSearchBackend(ctx);
    const paths = coldSearches(COLD_REQUESTS);
    return { method: 'GET', path: paths[0]!, paths };
  },
};

/** Issue 14: the same over 1,000,000 listings (BENCH_LISTINGS_1M to change it); seeding takes minutes. */
export const searchCold1m: Scenario = {
  name: 'search-cold-1m',
  description: 'like search-cold over 1,000,000 listings (set-based seeder, read model built in slices)',
  connections: 50,
  onlyWhenNamed: true,
  async prepare(ctx) {
    await prepareBenchListings(ctx, Number(process.env.BENCH_LISTINGS_1M ?? 1_000_000));
    await warmSearchBackend(ctx);
    const paths = coldSearches(COLD_REQUESTS, 1_000_014);
    return { method: 'GET', path: paths[0]!, paths };
  },
};
