import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { financeProductTable } from './finance.schema.js';
import { seedFinanceProducts } from './finance.seed.js';

let t: TestApp;
let finance: TestStaff;
let operator: TestStaff;
let marketing: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  await seedFinanceProducts(t.database.db);
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});

const product = {
  lenderCode: 'saic_gmac',
  nameZh: '上汽通用汽车金融 别克新车贷',
  nameEn: 'SAIC-GMAC Buick new-car loan',
  forNew: true,
  forUsed: false,
  energies: ['petrol', 'phev'],
  brands: ['buick'],
  minPriceFen: 10_000_000,
  maxPriceFen: 40_000_000,
  rateKind: 'annual',
  method: 'equal_instalment',
  terms: [
    { termMonths: 36, rateBp: 299 },
    { termMonths: 60, rateBp: 399 },
  ],
  feesFen: 0,
  minDownBpIce: 2000,
  minDownBpNev: 1500,
  subsidised: false,
  referenceRateBp: null,
  validFrom: '2026-11-01',
  validTo: '2027-06-30',
  active: true,
};

function plans(payload: Record<string, unknown>, lang = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/finance/plans',
    headers: { 'accept-language': lang },
    payload,
  });
}

describe('POST /api/v1/finance/plans (public)', () => {
  it('answers the products for a car with a plan per term, APR and subsidy', async () => {
    const res = await plans({ priceFen: 20_000_000, energy: 'bev', brand: 'byd' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const zero = body.products.find((p: { productId: string }) => p.productId === 'fp_demo_byd_nev_zero');
    expect(zero).toMatchObject({
      lenderCode: 'byd_auto_finance',
      subsidised: true,
      referenceRateBp: 399,
      minDownPaymentBp: 1500,
      minDownPaymentFen: 3_000_000,
      principalFen: 17_000_000,
    });
    expect(zero.plans[1]).toMatchObject({ termMonths: 24, aprBp: 0, subsidyFen: 715_549 });
    const flat = body.products.find((p: { productId: string }) => p.productId === 'fp_demo_pingan_flat');
    // 20% down on a NEV at Ping An; 2.99% flat over 36 months with CNY 800 fees is a 6.00% loan
    expect(flat.plans.find((p: { termMonths: number }) => p.termMonths === 36)).toMatchObject({
      rateBp: 299,
      aprBp: 600,
    });
  });

  it.each([
    [{ energy: 'steam' }, 'energy'],
    [{ priceFen: -1 }, 'priceFen'],
    [{ priceFen: 1.5 }, 'priceFen'],
    [{ termMonths: 72 }, 'termMonths'],
    [{ termMonths: 48, used: true }, 'termMonths'],
    [{ downPaymentFen: 20_000_000 }, 'downPaymentFen'],
    [{ downPaymentFen: -5 }, 'downPaymentFen'],
    [{ brand: 'BYD!' }, 'brand'],
    [{ productId: 'nope' }, 'productId'],
    [{ date: '2026-02-30' }, 'date'],
  ])('refuses %j with a 400 naming %s', async (change, field) => {
    const res = await plans({ priceFen: 20_000_000, energy: 'bev', ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(`body.${field}`);
  });

  it('answers a down payment below the minimum with its code, the minimum and the field, in both languages', async () => {
    const zh = await plans({ priceFen: 10_000_000, energy: 'petrol', used: true, downPaymentFen: 2_000_000 });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'FINANCE_DOWN_PAYMENT_BELOW_MINIMUM',
      message: '首付低于最低要求（至少 30000.00 元）',
      details: {
        minimumFen: 3_000_000,
        fields: [{ path: 'body.downPaymentFen', message: '首付至少 30000.00 元' }],
      },
    });
    const en = await plans(
      { priceFen: 20_000_000, energy: 'petrol', downPaymentFen: 100_000, productId: 'fp_demo_cmb_new_car' },
      'en',
    );
    expect(en.json().error).toMatchObject({
      code: 'FINANCE_DOWN_PAYMENT_BELOW_MINIMUM',
      message: 'The down payment is below the minimum (at least CNY 40000.00)',
    });
  });
});

describe('console: /api/v1/finance/products', () => {
  it('finance staff add a product: stored, audited, announced; it is offered to the cars it is for', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/products',
      headers: finance.bearer,
      payload: product,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ ...product, version: 1, status: 'active' });
    const [row] = await t.database.db
      .select()
      .from(financeProductTable)
      .where(eq(financeProductTable.id, created.id));
    expect(row).toMatchObject({ lenderCode: 'saic_gmac', terms: product.terms, brands: ['buick'] });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audits.map((a) => a.action)).toEqual(['finance.product.create']);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, created.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['finance.product_created']);

    const offered = (await plans({ priceFen: 20_000_000, energy: 'petrol', brand: 'buick' })).json();
    expect(offered.products.map((p: { productId: string }) => p.productId)).toContain(created.id);
    const notForBev = (await plans({ priceFen: 20_000_000, energy: 'bev', brand: 'buick' })).json();
    expect(notForBev.products.map((p: { productId: string }) => p.productId)).not.toContain(created.id);
  });

  it('changes a product: the version moves on, a stale copy is refused with 409, bad wholes with field errors', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/products',
      headers: finance.bearer,
    });
    expect(list.statusCode).toBe(200);
    const cmb = list.json().items.find((p: { id: string }) => p.id === 'fp_demo_cmb_new_car');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/finance/products/${cmb.id}`,
      headers: finance.bearer,
      payload: { version: cmb.version, terms: [{ termMonths: 36, rateBp: 350 }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, terms: [{ termMonths: 36, rateBp: 350 }] });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, cmb.id));
    expect(audits.map((a) => a.action)).toEqual(['finance.product.update']);
    expect(audits[0]?.before).toMatchObject({ version: 1 });
    expect(audits[0]?.after).toMatchObject({ version: 2 });
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, cmb.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['finance.product_updated']);

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/finance/products/${cmb.id}`,
      headers: finance.bearer,
      payload: { version: 1, feesFen: 100 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('FINANCE_PRODUCT_VERSION_CONFLICT');

    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/finance/products/${cmb.id}`,
      headers: finance.bearer,
      payload: { version: 2, forNew: false, forUsed: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FINANCE_PRODUCT_INVALID');
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.minDownBpIce',
      'body.minDownBpNev',
    ]);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/products/fp_nope',
      headers: finance.bearer,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an inconsistent new product with a 400 per field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/products',
      headers: finance.bearer,
      payload: {
        ...product,
        forNew: false,
        forUsed: true,
        minDownBpIce: 2000,
        terms: [{ termMonths: 48, rateBp: 600 }],
        maxPriceFen: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.maxPriceFen', 'body.minDownBpIce', 'body.terms.0.termMonths']),
    );
  });

  it('lets operators read but not change products; others may not read them', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/products',
      headers: operator.bearer,
    });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/products',
      headers: operator.bearer,
      payload: product,
    });
    expect(write.statusCode).toBe(403);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/products',
      headers: marketing.bearer,
    });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/finance/products' });
    expect(anonymous.statusCode).toBe(401);
  });
});
