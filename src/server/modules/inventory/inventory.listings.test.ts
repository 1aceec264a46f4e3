import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { findTestListing, updateTestListing, withCheckDigit } from '../listings/listings.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { holdUnit, releaseHold } from './index.js';
import { syncListingsWithStock } from './inventory.listings.js';
import * as repo from './inventory.repository.js';

// Listings follow stock: the last available unit taken puts the car off sale, a unit back puts it on sale.

let t: TestApp;
let market: TestListing[];
const T0 = new Date('2026-11-20T02:00:00Z');
const STORE = 'sto_follow';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  market = await insertSearchFixture(t.database.db, 12);
  await repo.insertLocation(t.database.db, {
    id: 'loc_follow',
    kind: 'store',
    dealerId: 'dlr_follow',
    storeId: STORE,
    cityCode: '310100',
    name: '上海徐汇门店',
    createdAt: T0,
    updatedAt: T0,
  });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
async function stockedListing(): Promise<{ listing: TestListing; unitId: string }> {
  const listing = market.filter((l) => l.kind === 'new' && l.status === 'listed')[seq];
  if (!listing) throw new Error('fixture too small');
  seq += 1;
  await updateTestListing(t.database.db, listing.id, { storeId: STORE });
  const unitId = `veh_follow_${seq}`;
  await repo.insertUnit(t.database.db, {
    id: unitId,
    vin: withCheckDigit(`LSVAU2180N0${String(seq).padStart(6, '0')}`),
    trimId: listing.trimId,
    exteriorColour: '珍珠白',
    locationId: 'loc_follow',
    storeId: STORE,
    dealerId: 'dlr_follow',
    status: 'available',
    enteredStockAt: T0,
    costFen: 15_000_000,
    createdAt: T0,
    updatedAt: T0,
  });
  return { listing, unitId };
}

const now = () => systemMutation(t.clock.now());

describe('listings follow stock', () => {
  it('takes a car off sale when its last unit is held, and puts it back when the hold is released', async () => {
    const { listing, unitId } = await stockedListing();
    const change = { trimId: listing.trimId, storeId: STORE, listingId: null };
    const { hold } = await holdUnit(t.database.db, { unitId }, 'buyer_1', {}, now());
    expect(await syncListingsWithStock(t.database.db, change, now())).toEqual({
      soldOut: [listing.id],
      restocked: [],
    });
    expect(await findTestListing(t.database.db, listing.id)).toMatchObject({
      status: 'delisted',
      soldOut: true,
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, listing.id), eq(auditLog.action, 'catalog.listing.sell_out')));
    expect(audits).toHaveLength(1);
    // a redelivered event changes nothing
    expect(await syncListingsWithStock(t.database.db, change, now())).toEqual({ soldOut: [], restocked: [] });

    await releaseHold(t.database.db, hold.id, null, now());
    expect(await syncListingsWithStock(t.database.db, change, now())).toEqual({
      soldOut: [],
      restocked: [listing.id],
    });
    expect(await findTestListing(t.database.db, listing.id)).toMatchObject({
      status: 'listed',
      soldOut: false,
    });
  });

  it('never puts back on sale a car a person took off sale', async () => {
    const { listing, unitId } = await stockedListing();
    const change = { trimId: listing.trimId, storeId: STORE, listingId: null };
    await updateTestListing(t.database.db, listing.id, { status: 'delisted', soldOut: false });
    expect(await syncListingsWithStock(t.database.db, change, now())).toEqual({ soldOut: [], restocked: [] });
    expect((await findTestListing(t.database.db, listing.id))?.status).toBe('delisted');
    expect(unitId).toBeTruthy();
  });

  it('reacts to the stock event itself, through the job queue', async () => {
    const { listing, unitId } = await stockedListing();
    await holdUnit(t.database.db, { unitId }, 'buyer_2', {}, now());
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    expect(await findTestListing(t.database.db, listing.id)).toMatchObject({
      status: 'delisted',
      soldOut: true,
    });
  });
});
