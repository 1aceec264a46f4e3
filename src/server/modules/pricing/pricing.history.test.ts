import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { jobs } from '../../kernel/jobs/jobs.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { findTestListing, updateTestListing } from '../listings/listings.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { recordListingPrice } from './pricing.history.js';

let t: TestApp;
let market: TestListing[];
beforeAll(async () => {
  t = await createTestApp();
  market = await insertSearchFixture(t.database.db, 12);
});
afterAll(async () => {
  await t.close();
});

const HOUR = 3600_000;

function listed(i: number): TestListing {
  const l = market.filter((x) => x.status === 'listed')[i];
  if (!l) throw new Error('fixture too small');
  return l;
}

async function setPrice(id: string, priceFen: number, hoursLater: number) {
  t.clock.advance(hoursLater * HOUR);
  await updateTestListing(t.database.db, id, { priceFen });
  await recordListingPrice(t.ctx, id, t.clock.now());
}

async function priceDropJobs(buyerId: string) {
  const rows = await t.database.db.select().from(jobs);
  return rows.filter(
    (j) =>
      (j.payload as { templateKey?: string }).templateKey === 'pricing.price_drop' &&
      (j.payload as { recipient?: { id?: string } }).recipient?.id === buyerId,
  );
}

describe('price history and alerts', () => {
  it('keeps every price change once, oldest first, and answers it publicly', async () => {
    const l = listed(0);
    await recordListingPrice(t.ctx, l.id, t.clock.now());
    await recordListingPrice(t.ctx, l.id, t.clock.now()); // a redelivered event changes nothing
    await setPrice(l.id, l.priceFen - 200_000, 48);
    await setPrice(l.id, l.priceFen - 300_000, 48);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/pricing/listings/${l.id}/price-history` });
    expect(res.statusCode).toBe(200);
    expect(res.json().points.map((p: { priceFen: number }) => p.priceFen)).toEqual([
      l.priceFen,
      l.priceFen - 200_000,
      l.priceFen - 300_000,
    ]);
    expect(res.json().currentFen).toBe(l.priceFen - 300_000);
  });

  it('notifies a subscribed buyer by SMS and in-app when the price drops, once per drop', async () => {
    const l = listed(1);
    await recordListingPrice(t.ctx, l.id, t.clock.now());
    const buyer = await createTestBuyer(t.ctx, '13800138123');
    const sub = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/pricing/listings/${l.id}/price-alert`,
      headers: buyer.bearer,
    });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ subscribed: true, referenceFen: l.priceFen });

    await setPrice(l.id, l.priceFen + 100_000, 30); // a rise: nothing
    expect(await priceDropJobs(buyer.id)).toHaveLength(0);
    await setPrice(l.id, l.priceFen - 100_000, 30); // below the subscribed price: notified
    await recordListingPrice(t.ctx, l.id, t.clock.now()); // redelivery: not twice
    const sent = await priceDropJobs(buyer.id);
    expect(sent.map((j) => j.name).sort()).toEqual(['notify.in_app', 'notify.sms']);
    expect((sent[0]?.payload as { recipient?: { phone?: string } } | undefined)?.recipient?.phone).toBe(
      '13800138123',
    );
    // the buyer is told the price they subscribed at, not the new one twice
    const params = (sent[0]?.payload as { params?: { oldPrice: string; newPrice: string } } | undefined)
      ?.params;
    expect(params?.oldPrice).not.toBe(params?.newPrice);

    const off = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/pricing/listings/${l.id}/price-alert`,
      headers: buyer.bearer,
    });
    expect(off.json()).toMatchObject({ subscribed: false });
    await setPrice(l.id, l.priceFen - 200_000, 30);
    expect(await priceDropJobs(buyer.id)).toHaveLength(2);
  });

  it('notifies on the first recorded change of a listing with no history yet', async () => {
    const l = listed(4);
    const buyer = await createTestBuyer(t.ctx, '13800138124');
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/pricing/listings/${l.id}/price-alert`,
      headers: buyer.bearer,
    });
    await setPrice(l.id, l.priceFen - 50_000, 1);
    expect(await priceDropJobs(buyer.id)).toHaveLength(2);
  });

  it('asks a signed-out visitor to sign in before subscribing', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/pricing/listings/${listed(2).id}/price-alert`,
    });
    expect(res.statusCode).toBe(401);
  });

  it('flags a move of more than 20% within 24 hours for review, not a slower one', async () => {
    const l = listed(3);
    await recordListingPrice(t.ctx, l.id, t.clock.now());
    const abnormal = async () =>
      (
        await t.database.db
          .select()
          .from(outboxEvents)
          .where(eq(outboxEvents.aggregateId, l.id))
          .orderBy(outboxEvents.id)
      ).filter((e) => e.type === 'pricing.abnormal_price_move').length;
    await setPrice(l.id, Math.round(l.priceFen * 0.9), 30);
    await setPrice(l.id, Math.round(l.priceFen * 0.8), 30); // 10% a day, twice: fine
    expect(await abnormal()).toBe(0);
    await setPrice(l.id, Math.round(l.priceFen * 0.5), 2); // 37.5% within hours
    expect(await abnormal()).toBe(1);
    // back to the review queue, with the reason
    const row = await findTestListing(t.database.db, l.id);
    expect(row?.status).toBe('in_review');
  });
});
