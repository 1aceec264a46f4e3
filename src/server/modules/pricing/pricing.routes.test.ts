import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { shanghaiDay } from '../../kernel/clock.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { quoteTable } from './pricing.schema.js';

let t: TestApp;
let finance: TestStaff;
let marketing: TestStaff;
let market: TestListing[];

beforeAll(async () => {
  t = await createTestApp();
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  market = await insertSearchFixture(t.database.db, 12);
});
afterAll(async () => {
  await t.close();
});

function landed(payload: Record<string, unknown>, lang = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/pricing/landed-price',
    headers: { 'accept-language': lang },
    payload,
  });
}

const petrol = {
  priceFen: 15_000_000,
  energy: 'petrol',
  seats: 5,
  displacementMl: 1500,
  cityCode: '110100',
  date: '2026-11-27',
};

describe('POST /api/v1/pricing/landed-price', () => {
  it('answers the contract: total and lines naming their rules', async () => {
    const res = await landed(petrol);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const codes = body.lines.map((l: { code: string }) => l.code);
    expect(codes).toEqual([
      'vehicle_price',
      'purchase_tax',
      'compulsory_insurance',
      'vessel_tax',
      'registration_fee',
      'commercial_insurance_estimate',
    ]);
    const line = (code: string) => body.lines.find((l: { code: string }) => l.code === code);
    expect(line('purchase_tax')).toMatchObject({
      amountFen: 1_327_434,
      includedInPrice: false,
      rule: { id: 'purchase_tax', version: 3 },
    });
    expect(line('purchase_tax').rule.description).toContain('购置税');
    expect(body.totalFen).toBe(16_861_434);
  });

  it('answers in English when asked', async () => {
    const body = (await landed(petrol, 'en')).json();
    expect(body.lines[1].rule.description).toMatch(/purchase tax/i);
  });

  it('defaults the date to today and NEVs to the exemption catalogue; shows the super-luxury tax as included', async () => {
    const nev = (
      await landed({ ...petrol, energy: 'bev', displacementMl: 0, priceFen: 20_000_000, date: '2026-06-01' })
    ).json();
    expect(nev.lines.find((l: { code: string }) => l.code === 'purchase_tax').amountFen).toBe(884_956);
    const today = (await landed({ ...petrol, date: undefined })).json();
    expect(today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const luxury = (await landed({ ...petrol, priceFen: 113_000_000, displacementMl: 3000 })).json();
    expect(luxury.lines.find((l: { code: string }) => l.code === 'super_luxury_tax')).toMatchObject({
      amountFen: 10_000_000,
      includedInPrice: true,
    });
  });

  it.each([
    [{ energy: 'steam' }, 'energy'],
    [{ priceFen: -1 }, 'priceFen'],
    [{ priceFen: 1.5 }, 'priceFen'],
    [{ cityCode: '99' }, 'cityCode'],
    [{ cityCode: '990100' }, 'cityCode'],
    [{ date: '2026-02-30' }, 'date'],
    [{ seats: 0 }, 'seats'],
    [{ displacementMl: 0 }, 'displacementMl'],
  ])('refuses %j with a 400 naming %s', async (change, field) => {
    const res = await landed({ ...petrol, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(`body.${field}`);
  });

  it('answers a date before any rule with a 422', async () => {
    const res = await landed({ ...petrol, date: '2001-01-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PRICING_RULE_NOT_IN_EFFECT');
  });
});

describe('rule versions', () => {
  it('a new version takes effect from its date and a stored quote keeps the version it used', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/pricing/rules', headers: finance.bearer });
    expect(list.statusCode).toBe(200);
    const compulsory = list
      .json()
      .items.find((v: { code: string; current: boolean }) => v.code === 'compulsory_insurance' && v.current);
    expect(compulsory).toMatchObject({ scope: 'CN', version: 1 });

    const listing = market.find((l) => l.status === 'listed');
    if (!listing) throw new Error('the fixture has no listed vehicle');
    const before = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/quotes',
      payload: { listingId: listing.id },
    });
    expect(before.statusCode).toBe(201);
    const quote = before.json();
    const oldCompulsory = quote.lines.find((l: { code: string }) => l.code === 'compulsory_insurance');
    expect(oldCompulsory.rule.version).toBe(1);

    const today = shanghaiDay(t.clock.now());
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/rules',
      headers: finance.bearer,
      payload: {
        code: 'compulsory_insurance',
        scope: 'CN',
        effectiveFrom: today,
        params: { underSixSeatsFen: 99_000, sixSeatsOrMoreFen: 115_000 },
        descriptionZh: '交强险测试版本',
        descriptionEn: 'Compulsory insurance, test version',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, current: true });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, created.json().id));
    expect(audits.map((a) => a.action)).toEqual(['pricing.rule_version.create']);

    const after = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/pricing/quotes',
        payload: { listingId: listing.id },
      })
    ).json();
    const newCompulsory = after.lines.find((l: { code: string }) => l.code === 'compulsory_insurance');
    expect(newCompulsory.rule.version).toBe(2);
    expect([99_000, 115_000]).toContain(newCompulsory.amountFen);

    // the stored quote still says what it said
    const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/pricing/quotes/${quote.id}` })).json();
    expect(stored).toEqual(quote);
    const [row] = await t.database.db.select().from(quoteTable).where(eq(quoteTable.id, quote.id));
    expect(row?.ruleRefs).toContainEqual({ id: 'compulsory_insurance', version: 1 });
  });

  it('refuses bad params and past dates, and callers without the permission', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/rules',
      headers: finance.bearer,
      payload: {
        code: 'vessel_tax',
        scope: '310000',
        effectiveFrom: '2099-01-01',
        params: { bandsFen: [1, 2, 3], exemptEnergies: ['bev'] },
        descriptionZh: '上海车船税',
        descriptionEn: 'Shanghai vessel tax',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PRICING_RULE_PARAMS_INVALID' });
    expect(bad.json().error.details.fields[0].path).toBe('params.bandsFen');
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/rules',
      headers: finance.bearer,
      payload: {
        code: 'registration_fee',
        scope: 'CN',
        effectiveFrom: '2020-01-01',
        params: { amountFen: 1 },
        descriptionZh: '上牌费',
        descriptionEn: 'Registration fee',
      },
    });
    expect(past.statusCode).toBe(409);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/pricing/rules',
      headers: marketing.bearer,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('quotes a loan for a listing with its APR and upfront amount', async () => {
    const listing = market.find((l) => l.status === 'listed' && l.kind === 'new');
    if (!listing) throw new Error('the fixture has no new listing');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/quotes',
      payload: { listingId: listing.id, loan: { downPaymentBp: 3000, termMonths: 36, annualRateBp: 400 } },
    });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q.mode).toBe('loan');
    const price = listing.priceFen;
    expect(q.loan.downPaymentFen).toBe(Math.round(price * 0.3));
    expect(q.loan.principalFen).toBe(price - q.loan.downPaymentFen);
    expect(q.loan.aprBp).toBe(400);
    expect(q.loan.upfrontFen).toBe(q.loan.downPaymentFen + q.totalFen - price);
  });

  it('previews the same quote without storing anything', async () => {
    const listing = market.find((l) => l.status === 'listed' && l.kind === 'new');
    if (!listing) throw new Error('the fixture has no new listing');
    const payload = {
      listingId: listing.id,
      cityCode: '310100',
      loan: { downPaymentBp: 2000, termMonths: 24, annualRateBp: 350 },
    };
    const countQuotes = async () => (await t.database.db.select().from(quoteTable)).length;
    const before = await countQuotes();
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/pricing/quotes/preview', payload });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(await countQuotes()).toBe(before);
    const stored = await t.app.inject({ method: 'POST', url: '/api/v1/pricing/quotes', payload });
    const { id, createdAt, ...same } = stored.json();
    expect(id).toMatch(/^quo_/);
    expect(createdAt).toBeTruthy();
    expect(preview.json()).toEqual(same);
    expect(await countQuotes()).toBe(before + 1);

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/quotes/preview',
      payload: { listingId: 'lst_nope' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('valuations', () => {
  it("values a used listing, explains every factor in the buyer's language and flags its price", async () => {
    const used = market.find((l) => l.kind === 'used' && l.status === 'listed');
    if (!used) throw new Error('no used listing in the fixture');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/pricing/listings/${used.id}/valuation` });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.steps.map((s: { factor: string }) => s.factor)).toEqual([
      'new_price',
      'age',
      'mileage',
      'brand',
      'condition',
      'history',
      'market',
    ]);
    expect(v.steps.reduce((s: number, step: { effectFen: number }) => s + step.effectFen, 0)).toBe(
      v.valueFen,
    );
    expect(v.steps[1].explanation).toMatch(/车龄/);
    expect(['under', 'fair', 'over']).toContain(v.pricing);
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pricing/listings/${used.id}/valuation`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().steps[1].explanation).toMatch(/years old/);
    const newCar = market.find((l) => l.kind === 'new' && l.status === 'listed');
    const notUsed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pricing/listings/${newCar?.id}/valuation`,
    });
    expect(notUsed.statusCode).toBe(404);
  });

  it("keeps a buyer's trade-in valuation so an order can use it, and refuses a future registration", async () => {
    const trimId = market[0]?.trimId;
    const payload = {
      trimId,
      firstRegistration: '2022-05',
      mileageKm: 45_000,
      cityCode: '440300',
      condition: 'good',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/pricing/trade-in-valuations', payload });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.valueFen).toBeGreaterThan(0);
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pricing/trade-in-valuations/${created.id}`,
    });
    expect(again.json()).toEqual(created);
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/trade-in-valuations',
      payload: { ...payload, firstRegistration: '2099-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('PRICING_REGISTRATION_IN_FUTURE');
  });
});
