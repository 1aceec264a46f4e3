import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/server/context.js';
import { rebuildSearchIndex } from '../../src/server/modules/catalog/index.js';
import { insertSearchFixture } from '../../src/server/modules/catalog/search.testing.js';
import { seedSteps } from '../../src/server/seed/index.js';
import '../../src/server/seed/steps.js';
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
    const dealers = seedSteps.find((s) => s.name === 'dealers');
    if (dealers) await dealers.run(ctx);
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
    await rebuildSearchIndex(db, ctx.clock.now());
    await db.execute(sql`analyze`);
    process.stderr.write(
      `bench: ${BENCH_LISTINGS} listings seeded and indexed in ${Date.now() - started} ms\n`,
    );
  })();
  return prepared;
}

/** Text + 3 facets + sort over the bench listings (PostgreSQL for meaningful figures). */
export const search: Scenario = {
  name: 'search',
  description: 'GET /api/v1/catalog/search: q=比亚迪, body, energy and city facets, sort by price',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    const q = encodeURIComponent('比亚迪');
    return {
      method: 'GET',
      path: `/api/v1/catalog/search?q=${q}&body=suv,sedan&energy=bev,phev&city=110100,310100,440100&sort=price_asc&limit=20`,
    };
  },
};
