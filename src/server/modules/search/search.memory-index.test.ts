import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { updateTestListing } from '../listings/listings.testing.js';
import { MemorySearchBackend } from './search.backend.js';
import { searchCaches } from './search.caches.js';
import { rebuildSearchIndex, reindexListings } from './search.index.js';
import type { SearchFilters, SearchSort, SortCursor } from './search.repository.js';
import * as repo from './search.repository.js';
import { listingSearch } from './search.schema.js';
import { insertSearchFixture, TEST_BRANDS, TEST_SERIES, type TestListing } from './search.testing.js';

// The in-process index must count exactly what the SQL counts: the same random filter sets (query
// understanding's `named` included) through both, on PGlite and, with TEST_DB=postgres, on PostgreSQL.

let t: TestApp;
let data: TestListing[];
let tokenPool: string[];

beforeAll(async () => {
  t = await createTestApp();
  for (const step of dealersModule.seed) await step.run(t.ctx);
  data = await insertSearchFixture(t.database.db, 90);
  await rebuildSearchIndex(t.ctx);
  const rows = (await t.database.db.execute(
    sql`select distinct unnest(tokens) as token from catalog_listing_search order by 1`,
  )) as unknown as { rows: { token: string }[] };
  // Every tenth token of the read model (names, pinyin, title words) and one no listing has.
  tokenPool = [...rows.rows.filter((_, i) => i % 10 === 0).map((r) => r.token), 'zzzz'];
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const brands = [...TEST_BRANDS.map((b) => b.slug), 'no-such-brand'];
const series = [...TEST_SERIES.map((s) => s.slug), 'no-such-series'];

function arbFilters(): fc.Arbitrary<SearchFilters> {
  return fc.record(
    {
      tokens: fc.subarray(tokenPool, { minLength: 1, maxLength: 2 }),
      named: fc.record({
        series: fc.subarray(series, { maxLength: 2 }),
        brands: fc.subarray(brands, { maxLength: 2 }),
        tokens: fc.subarray(tokenPool, { maxLength: 2 }),
      }),
      kind: fc.constantFrom('new' as const, 'used' as const),
      brand: fc.subarray(brands, { maxLength: 2 }),
      series: fc.subarray(series, { maxLength: 2 }),
      body: fc.subarray(['sedan', 'suv', 'mpv', 'coupe'], { maxLength: 2 }),
      energy: fc.subarray(['bev', 'phev', 'erev', 'hev', 'petrol'], { maxLength: 3 }),
      seats: fc.subarray([5, 6, 7, 9], { maxLength: 2 }),
      segment: fc.subarray(['A', 'B', 'C', 'D', 'A00'], { maxLength: 2 }),
      city: fc.subarray(['110100', '310100', '440100', '440300', '510100'], { maxLength: 2 }),
      grade: fc.subarray([1, 2, 3], { maxLength: 2 }),
      priceMinFen: fc.integer({ min: 8_000_000, max: 30_000_000 }),
      priceMaxFen: fc.integer({ min: 15_000_000, max: 45_000_000 }),
      rangeMinKm: fc.integer({ min: 0, max: 700 }),
      yearMin: fc.constantFrom(2023, 2024, 2025),
      yearMax: fc.constantFrom(2024, 2025, 2026),
      mileageMaxKm: fc.integer({ min: 0, max: 130_000 }),
      registeredOnOrAfter: fc.constantFrom('2018-06-01', '2020-01-15', '2022-03-01', '2025-01-01'),
    },
    { requiredKeys: [] },
  );
}

async function expectSameAsSql(backend: MemorySearchBackend, f: SearchFilters): Promise<void> {
  const db = t.database.db;
  const conds = repo.filterConditions(f);
  const [memory, sqlCounts, memoryRelaxed, sqlRelaxed] = await Promise.all([
    backend.facetCounts(db, f, conds),
    repo.facetCounts(db, conds),
    backend.relaxationCounts(db, f, conds),
    repo.relaxationCounts(db, conds),
  ]);
  expect(memory, JSON.stringify(f)).toEqual(sqlCounts);
  expect(memoryRelaxed, JSON.stringify(f)).toEqual(sqlRelaxed);
}

const SORTS = ['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc'] as const;

/** Walks up to five pages through both and expects the same rows, tiers and order. */
async function expectSamePages(
  backend: MemorySearchBackend,
  f: SearchFilters,
  sort: SearchSort,
  limit: number,
): Promise<void> {
  const db = t.database.db;
  const conds = repo.filterConditions(f);
  let cursor: SortCursor | undefined;
  for (let n = 0; n < 5; n++) {
    const [memory, sqlPage] = await Promise.all([
      backend.page(db, f, conds, sort, cursor, limit),
      repo.searchPage(db, conds, sort, cursor, limit, f.named),
    ]);
    const ids = (rows: { listingId: string; tier: number }[]) => rows.map((r) => `${r.listingId}/${r.tier}`);
    expect(ids(memory), `${sort} ${JSON.stringify(f)} ${JSON.stringify(cursor)}`).toEqual(ids(sqlPage));
    if (sqlPage.length <= limit) return;
    const last = sqlPage[limit - 1];
    if (!last) return;
    const v =
      sort === 'newest'
        ? last.listedAt.toISOString()
        : sort === 'popular'
          ? last.popularity
          : sort === 'mileage_asc'
            ? last.mileageKm
            : Number(last.priceFen);
    cursor = { v, id: last.listingId, t: last.tier };
  }
}

describe('in-process search index', () => {
  it('counts totals, disjunctive facets and relaxations exactly as SQL for random filter sets', async () => {
    const backend = new MemorySearchBackend();
    await backend.warm(t.database.db);
    expect(backend.lastBuild?.rows).toBe(data.filter((l) => l.status === 'listed').length);
    await fc.assert(
      fc.asyncProperty(arbFilters(), (f) => expectSameAsSql(backend, f)),
      { numRuns: Number(process.env.MEMORY_INDEX_RUNS ?? 150) },
    );
  }, 120_000);

  it('pages in the keyset order of SQL (tier, sort, id) for random filter sets, sorts and page sizes', async () => {
    const backend = new MemorySearchBackend();
    await backend.warm(t.database.db);
    await fc.assert(
      fc.asyncProperty(
        arbFilters(),
        fc.constantFrom(...SORTS),
        fc.integer({ min: 1, max: 8 }),
        (f, sort, limit) => expectSamePages(backend, f, sort, limit),
      ),
      { numRuns: Number(process.env.MEMORY_INDEX_RUNS ?? 150) },
    );
  }, 120_000);

  it('follows reindexed listings (price, delisting, relisting) through the drops, without a rebuild', async () => {
    const backend = searchCaches(t.ctx).backend;
    if (!(backend instanceof MemorySearchBackend)) throw new Error('tests run the memory backend');
    await backend.warm(t.database.db);
    const built = backend.lastBuild;
    const [cheap, gone] = data.filter((l) => l.status === 'listed');
    if (!cheap || !gone) throw new Error('fixture too small');
    await updateTestListing(t.database.db, cheap.id, { priceFen: 100 });
    await updateTestListing(t.database.db, gone.id, { status: 'delisted' });
    await reindexListings(t.ctx, [cheap.id, gone.id]);
    const f: SearchFilters = { priceMaxFen: 1_000, brand: [cheap.brandSlug] };
    await expectSameAsSql(backend, f);
    expect((await backend.facetCounts(t.database.db, f, repo.filterConditions(f))).total).toBe(1);
    const all = await backend.facetCounts(t.database.db, {}, {});
    const listedRows = await t.database.db
      .select({ id: listingSearch.listingId })
      .from(listingSearch)
      .where(eq(listingSearch.status, 'listed'));
    expect(all.total).toBe(listedRows.length);
    await updateTestListing(t.database.db, gone.id, { status: 'listed' });
    await reindexListings(t.ctx, [gone.id]);
    await fc.assert(
      fc.asyncProperty(arbFilters(), fc.constantFrom(...SORTS), async (x, sort) => {
        await expectSameAsSql(backend, x);
        await expectSamePages(backend, x, sort, 5);
      }),
      { numRuns: 30 },
    );
    // Patched in place: the build that answered before is the one answering now.
    expect(backend.lastBuild).toBe(built);
  }, 120_000);
});
