import type { Scenario } from '../scenarios.js';
import { prepareBenchListings } from './search.js';

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
