import type { Scenario } from '../scenarios.js';
import { prepareBenchListings } from './search.js';

/**
 * A landed-price quote for a listing in a city, stored with its rule versions: listing and trim facts,
 * the cached rule versions, the calculation and one insert (plus its outbox event) per request.
 */
export const landedPrice: Scenario = {
  name: 'landed-price',
  description: 'POST /api/v1/pricing/quotes for a bench listing registered in Shanghai (stored quote)',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    return {
      method: 'POST',
      path: '/api/v1/pricing/quotes',
      body: JSON.stringify({ listingId: 'lst_b_000002', cityCode: '310100' }),
    };
  },
};
