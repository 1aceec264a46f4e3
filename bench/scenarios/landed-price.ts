import type { Scenario } from '../scenarios.js';
import { prepareBenchListings } from './search.js';

/**
 * A listing's landed-price quote in a city, as the vehicle page asks for it on every choice: the listing and
 * trim facts, the cached rule versions and the calculation; nothing stored (a buyer saves a quote, or an order
 * takes one, with POST /api/v1/pricing/quotes).
 */
export const landedPrice: Scenario = {
  name: 'landed-price',
  description:
    'POST /api/v1/pricing/quotes/preview for a bench listing registered in Shanghai (loan, 36 months)',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    return {
      method: 'POST',
      path: '/api/v1/pricing/quotes/preview',
      body: JSON.stringify({
        listingId: 'lst_b_000002',
        cityCode: '310100',
        loan: { downPaymentBp: 3000, termMonths: 36, annualRateBp: 350 },
      }),
    };
  },
};
