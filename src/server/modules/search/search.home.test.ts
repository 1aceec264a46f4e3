import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { dropListingCaches, searchCaches } from './search.caches.js';
import type { THomeFeed } from './search.home.contract.js';
import { rebuildSearchIndex } from './search.index.js';
import { favourites } from './search.schema.js';
import { insertSearchFixture, type TestListing } from './search.testing.js';

// GET /api/v1/catalog/home: popular, newest and price-drop rows of the buyer's city, per new/used tab.

let t: TestApp;
let data: TestListing[];
/** Shanghai: its new cars in the fixture are offered below the guide price (Beijing's are not). */
const CITY = '310100';

beforeAll(async () => {
  t = await createTestApp();
  for (const step of dealersModule.seed) await step.run(t.ctx);
  data = await insertSearchFixture(t.database.db, 60);
  await rebuildSearchIndex(t.ctx);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function feed(qs: string): Promise<THomeFeed> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/home?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const listedIn = (city: string) => data.filter((l) => l.status === 'listed' && l.cityCode === city);
const byId = (id: string) => {
  const l = data.find((x) => x.id === id);
  if (!l) throw new Error(`no listing ${id}`);
  return l;
};

describe('home rows', () => {
  it("holds the city's listed vehicles: most popular, newest first, largest discount off the guide price", async () => {
    const body = await feed(`city=${CITY}`);
    expect(body.scope).toBe('city');
    const ids = new Set(listedIn(CITY).map((l) => l.id));
    for (const row of [body.popular, body.newest, body.priceDrops]) {
      expect(row.length).toBeGreaterThan(0);
      expect(row.length).toBeLessThanOrEqual(8);
      for (const v of row) expect(ids.has(v.id), v.id).toBe(true);
    }
    const pop = body.popular.map((v) => v.popularity);
    expect(pop).toEqual([...pop].sort((a, b) => b - a));
    const expectedPopular = Math.max(...listedIn(CITY).map((l) => l.popularity));
    expect(pop[0]).toBe(expectedPopular);

    const times = body.newest.map((v) => v.listedAt);
    expect(times).toEqual([...times].sort().reverse());
    const newestExpected = listedIn(CITY)
      .map((l) => l.listedAt.toISOString())
      .sort()
      .reverse()[0];
    expect(times[0]).toBe(newestExpected);

    const discounts = body.priceDrops.map((v) => v.guidePriceFen - v.priceFen);
    expect(body.priceDrops.every((v) => v.kind === 'new')).toBe(true);
    expect(discounts.every((d) => d > 0)).toBe(true);
    expect(discounts).toEqual([...discounts].sort((a, b) => b - a));

    // Beijing's new cars all sell at the guide price: no price-drop row there.
    expect((await feed('city=110100')).priceDrops).toEqual([]);
  });

  it('keeps to the tab: only used cars on the used tab, and no price-drop row there', async () => {
    const used = await feed(`city=${CITY}&kind=used`);
    expect([...used.popular, ...used.newest].every((v) => v.kind === 'used')).toBe(true);
    expect(used.popular.length).toBeGreaterThan(0);
    expect(used.priceDrops).toEqual([]);
    const fresh = await feed(`city=${CITY}&kind=new`);
    expect([...fresh.popular, ...fresh.newest, ...fresh.priceDrops].every((v) => v.kind === 'new')).toBe(
      true,
    );
  });

  it('counts favourites in the popular row', async () => {
    const before = await feed(`city=${CITY}`);
    const last = listedIn(CITY)
      .filter((l) => !before.popular.some((v) => v.id === l.id))
      .sort((a, b) => a.popularity - b.popularity)[0];
    if (!last) throw new Error('every Beijing listing is already in the popular row');
    const top = before.popular[0]?.popularity ?? 0;
    const fans = Math.ceil((top + 1 - byId(last.id).popularity) / 3) + 1;
    await t.database.db.insert(favourites).values(
      Array.from({ length: fans }, (_, i) => ({
        buyerId: `cus_home_${i}`,
        listingId: last.id,
        createdAt: t.clock.now(),
      })),
    );
    // Favourites do not drop the cache (a minute's TTL); a popularity recount does.
    searchCaches(t.ctx).dropAnswers();
    const after = await feed(`city=${CITY}`);
    expect(after.popular[0]?.id).toBe(last.id);
  });

  it('falls back to every city when the buyer’s city has no listed vehicle', async () => {
    const body = await feed('city=120100');
    expect(body.scope).toBe('all');
    expect(body.newest.length).toBeGreaterThan(0);
    expect(new Set(body.newest.map((v) => v.cityCode)).size).toBeGreaterThan(1);
  });

  it('answers from the cache until listings change', async () => {
    const first = await feed('city=440300');
    const second = await feed('city=440300');
    expect(second).toEqual(first);
    const results = searchCaches(t.ctx).results;
    dropListingCaches(t.ctx, 'all');
    expect(searchCaches(t.ctx).results).not.toBe(results);
    expect(await feed('city=440300')).toEqual(first);
  });

  it('refuses a city that is not a 6-digit code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/home?city=beijing' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
