// Bulk listings for the search bench: `seedBenchListings(db, 100_000)` after the demo seed (it needs the
// model database and the dealers' stores). Same generator as the demo seed, ids `lst_bench<index>`, VIN
// plant code 'B' (so VINs never collide with the demo's), batches of 1,000 multi-row INSERTs. Used cars
// get their report row (grade, scores) without the itemized checks, which search never reads.
import type { Db } from '../src/server/kernel/db/client.js';
import { listCities } from '../src/server/modules/dealers/index.js';
import {
  type GeneratedListing,
  generateListing,
  insertGenerated,
  loadSeedStores,
  loadSeedTrims,
  storesByBrand,
} from '../src/server/modules/listings/listings.seed.js';

const BATCH = 1000;

/** Inserts `count` generated listings (re-runnable: existing ids are skipped); returns how long it took in ms. */
export async function seedBenchListings(db: Db, count: number): Promise<number> {
  const t0 = performance.now();
  const trims = await loadSeedTrims(db);
  const stores = await loadSeedStores(db);
  if (trims.length === 0 || stores.length === 0) {
    throw new Error('seedBenchListings: run the demo seed first (trims and stores are needed)');
  }
  const cities = (await listCities(db)).map((c) => c.code);
  const byBrand = storesByBrand(stores, trims);
  const options = { prefix: 'bench', plant: 'B', withItems: false, now: new Date('2026-11-01T02:00:00Z') };
  for (let start = 1; start <= count; start += BATCH) {
    const batch: GeneratedListing[] = [];
    for (let i = start; i < Math.min(start + BATCH, count + 1); i++) {
      batch.push(generateListing(i, trims, stores, byBrand, cities, options));
    }
    await insertGenerated(db, batch);
  }
  return performance.now() - t0;
}
