import type { Scenario } from '../scenarios.js';
import { BENCH_LISTINGS, prepareBenchListings } from './search.js';

/** A used vehicle's detail page: listing, parameters, inspection, store, similar vehicles, view record. */
export const detail: Scenario = {
  name: 'detail',
  description: 'GET /api/v1/catalog/vehicles/:id over 1,000 different bench listings (new and used)',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    // 1,000 different vehicles in turn (every third one used, 40% with a store): no single hot row.
    const paths = Array.from(
      { length: 1_000 },
      (_, n) => `/api/v1/catalog/vehicles/lst_b_${String(1 + ((n * 97) % 95_000)).padStart(6, '0')}`,
    );
    return { method: 'GET', path: paths[0]!, paths };
  },
};

/**
 * Every request a vehicle not asked for before, so the 60 s detail cache never helps: the cost of building a
 * vehicle page from the database (listing, inspection, sheet, store, similar vehicles).
 */
export const detailCold: Scenario = {
  name: 'detail-cold',
  description: 'GET /api/v1/catalog/vehicles/:id, every request a different one of the bench listings',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    // n -> 1 + (n * 7919) mod N visits every listing once (7919 is prime, shares no factor with 10^k), in
    // an order that mixes new, used, stores and trims; the warm-up and measurement walk on along it.
    const paths = Array.from(
      { length: BENCH_LISTINGS },
      (_, n) =>
        `/api/v1/catalog/vehicles/lst_b_${String(1 + ((n * 7919) % BENCH_LISTINGS)).padStart(6, '0')}`,
    );
    return { method: 'GET', path: paths[0]!, paths };
  },
};
