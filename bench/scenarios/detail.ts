import type { Scenario } from '../scenarios.js';
import { prepareBenchListings } from './search.js';

/** A used vehicle's detail page: listing, parameters, inspection, store, similar vehicles, view record. */
export const detail: Scenario = {
  name: 'detail',
  description: 'GET /api/v1/catalog/vehicles/:id (a used car with a store) over the bench listings',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    return { method: 'GET', path: '/api/v1/catalog/vehicles/lst_b_000003' };
  },
};
