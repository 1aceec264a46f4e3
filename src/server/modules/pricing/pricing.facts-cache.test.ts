import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { updateTestListing } from '../listings/listings.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { cachedQuoteFacts, dropListingFacts, FACTS_TTL_MS, readQuoteFacts } from './pricing.facts-cache.js';

let t: TestApp;
let listing: TestListing;
beforeAll(async () => {
  t = await createTestApp();
  const market = await insertSearchFixture(t.database.db, 6);
  const first = market.find((l) => l.status === 'listed');
  if (!first) throw new Error('the fixture has no listed vehicle');
  listing = first;
});
afterAll(async () => {
  await t.close();
});

async function previewTotal(): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/pricing/quotes/preview',
    payload: { listingId: listing.id },
  });
  expect(res.statusCode).toBe(200);
  return res.json().lines.find((l: { code: string }) => l.code === 'vehicle_price').amountFen;
}

describe('the facts behind previews', () => {
  it('reuses a listing until its change drops it or the TTL ends, while stored quotes read it fresh', async () => {
    expect(await previewTotal()).toBe(listing.priceFen);
    await updateTestListing(t.database.db, listing.id, { priceFen: listing.priceFen - 500_000 });
    expect(await previewTotal()).toBe(listing.priceFen); // not told yet
    expect((await readQuoteFacts(t.ctx, listing.id))?.listing.priceFen).toBe(listing.priceFen - 500_000);
    const stored = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/quotes',
      payload: { listingId: listing.id },
    });
    expect(stored.json().lines[0]).toMatchObject({
      code: 'vehicle_price',
      amountFen: listing.priceFen - 500_000,
    });

    await dropListingFacts(t.ctx, [listing.id]); // what the listing-changed subscription does
    expect(await previewTotal()).toBe(listing.priceFen - 500_000);

    await updateTestListing(t.database.db, listing.id, { priceFen: listing.priceFen - 600_000 });
    t.clock.advance(FACTS_TTL_MS + 1);
    expect(await previewTotal()).toBe(listing.priceFen - 600_000);
  });

  it('answers nothing for a listing that is not there', async () => {
    expect(await cachedQuoteFacts(t.ctx, 'lst_missing')).toBeUndefined();
  });
});
