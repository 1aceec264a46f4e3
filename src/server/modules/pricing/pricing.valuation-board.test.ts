import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { ListingEvents } from '../listings/index.js';
import { updateTestListing } from '../listings/listings.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { listingValuationTable } from './pricing.schema.js';
import { backfillListingValuations } from './pricing.valuation-board.js';

let t: TestApp;
let operator: TestStaff;
let market: TestListing[];

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  market = await insertSearchFixture(t.database.db, 36);
});
afterAll(async () => {
  await t.close();
});

const publicUsed = () => market.filter((l) => l.kind === 'used' && l.status !== 'draft');

async function board(query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/pricing/valuations${query}`,
    headers: operator.bearer,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: { listingId: string; flag: string; cityCode: string; brandSlug: string; differenceBp: number }[];
    nextCursor: string | null;
  };
}

async function stored(listingId: string) {
  const [row] = await t.database.db
    .select()
    .from(listingValuationTable)
    .where(eq(listingValuationTable.listingId, listingId));
  return row;
}

/** Publishes the listing's change event as the listings module does, then runs the job runner dry. */
async function announceChange(listingId: string) {
  await withTransaction(t.database.db, (tx) =>
    publish(tx, ListingEvents.listingChanged, listingId, { listingId, status: 'listed' }, t.clock.now()),
  );
  for (let i = 0; i < 20 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
}

describe('the valuation board', () => {
  it('backfills an empty read model with every public used listing, once', async () => {
    expect(await board()).toEqual({ items: [], nextCursor: null });
    await backfillListingValuations(t.ctx, t.clock.now());
    const ids = (await board('?limit=100')).items.map((i) => i.listingId).sort();
    expect(ids).toEqual(
      publicUsed()
        .map((l) => l.id)
        .sort(),
    );
    // A second run finds rows and leaves them as they are.
    const before = await stored(ids[0] ?? '');
    t.clock.advance(60_000);
    await backfillListingValuations(t.ctx, t.clock.now());
    expect((await stored(ids[0] ?? ''))?.computedAt).toEqual(before?.computedAt);
  });

  it('lists the furthest from their valuation first and pages with a cursor', async () => {
    const all = (await board('?limit=100')).items;
    const gaps = all.map((i) => Math.abs(i.differenceBp));
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    const first = await board('?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await board(`?limit=3&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i) => i.listingId)).toEqual(
      all.slice(0, 6).map((i) => i.listingId),
    );
  });

  it('filters by flag, city, brand and text', async () => {
    const all = (await board('?limit=100')).items;
    for (const flag of ['under', 'fair', 'over']) {
      const items = (await board(`?flag=${flag}&limit=100`)).items;
      expect(items.map((i) => i.listingId)).toEqual(
        all.filter((i) => i.flag === flag).map((i) => i.listingId),
      );
    }
    const sample = all[0];
    if (!sample) throw new Error('empty board');
    const city = (await board(`?cityCode=${sample.cityCode}&limit=100`)).items;
    expect(city.length).toBeGreaterThan(0);
    expect(city.every((i) => i.cityCode === sample.cityCode)).toBe(true);
    const brand = (await board(`?brand=${sample.brandSlug}&limit=100`)).items;
    expect(brand.every((i) => i.brandSlug === sample.brandSlug)).toBe(true);
    expect((await board(`?q=${sample.listingId}`)).items.map((i) => i.listingId)).toEqual([sample.listingId]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/pricing/valuations?flag=cheap',
      headers: operator.bearer,
    });
    expect(bad.statusCode).toBe(400);
  });

  it("refreshes a listing's row after its price changes, through the listing event", async () => {
    const l = publicUsed().find((x) => x.status === 'listed');
    if (!l) throw new Error('no listed used car');
    const before = await stored(l.id);
    if (!before) throw new Error('not on the board');
    // Far above its valuation: over-priced.
    const priceFen = before.computedFen * 2;
    await updateTestListing(t.database.db, l.id, { priceFen });
    expect((await stored(l.id))?.priceFen).toBe(before.priceFen);
    await announceChange(l.id);
    const after = await stored(l.id);
    expect(after).toMatchObject({ priceFen, flag: 'over' });
    // The valuation itself was recomputed too (the popularity recount moved the city's demand meanwhile).
    const valueFen = after?.valueFen ?? 0;
    expect(after?.diffBp).toBe(Math.round(((priceFen - valueFen) * 10_000) / valueFen));
    expect(after?.computedAt.getTime()).toBeGreaterThanOrEqual(before.computedAt.getTime());
    expect((await board('?flag=over&limit=100')).items.map((i) => i.listingId)).toContain(l.id);

    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pricing/valuations/${l.id}`,
      headers: { ...operator.bearer, 'accept-language': 'en' },
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ priceFen, differenceFen: priceFen - valueFen });
    expect(detail.json().steps[1].explanation).toMatch(/years old/);
  });

  it('drops a listing that goes back to draft from the board', async () => {
    const l = publicUsed().find((x) => x.status === 'listed');
    if (!l) throw new Error('no listed used car');
    await updateTestListing(t.database.db, l.id, { status: 'draft' });
    await announceChange(l.id);
    expect(await stored(l.id)).toBeUndefined();
  });
});
