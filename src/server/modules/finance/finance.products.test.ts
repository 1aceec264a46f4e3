import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import type { TFinancePlansRequest, TProductFields } from './finance.contract.js';
import { minDownPaymentBp, minimumFen, planFor, productApplies, termsFor } from './finance.products.plans.js';
import * as service from './finance.products.service.js';
import { financeProductTable } from './finance.schema.js';
import { seedFinanceProducts } from './finance.seed.js';
import { SEED_PRODUCTS } from './finance.seed-data.js';

// Every number below was worked out by hand (or with exact decimal arithmetic) and written in.

function seeded(id: string): TProductFields {
  const p = SEED_PRODUCTS.find((x) => x.id === id);
  if (!p) throw new Error(`no seed product ${id}`);
  return p;
}
const cmb = seeded('fp_demo_cmb_new_car');
const pingan = seeded('fp_demo_pingan_flat');
const bydZero = seeded('fp_demo_byd_nev_zero');
const saicUsed = seeded('fp_demo_saic_used');

describe('plan rules (pure)', () => {
  it('asks less down for a new-energy car: CMB at CNY 200,000 is 40,000 for petrol and 30,000 for a BEV', () => {
    const petrol = { priceFen: 20_000_000, energy: 'petrol' as const, used: false };
    const bev = { ...petrol, energy: 'bev' as const };
    expect(minDownPaymentBp(cmb, petrol)).toBe(2000);
    expect(minimumFen(20_000_000, minDownPaymentBp(cmb, petrol))).toBe(4_000_000);
    expect(minDownPaymentBp(cmb, bev)).toBe(1500);
    expect(minimumFen(20_000_000, minDownPaymentBp(cmb, bev))).toBe(3_000_000);
    // PHEV and EREV count as new energy too; a hybrid (HEV) does not
    expect(minDownPaymentBp(cmb, { ...petrol, energy: 'erev' })).toBe(1500);
    expect(minDownPaymentBp(cmb, { ...petrol, energy: 'hev' })).toBe(2000);
  });

  it('rounds a minimum down payment up to the fen: 15% of CNY 99,999.99 is 15,000.00 (14,999.9985 up)', () => {
    expect(minimumFen(9_999_999, 1500)).toBe(1_500_000);
  });

  it('holds a used car to 30% down and 36 months whatever the product says', () => {
    const used = { priceFen: 10_000_000, energy: 'bev' as const, used: true };
    // Ping An asks 20% for new cars; for a used car the 30% floor applies: 30,000 of 100,000
    expect(minDownPaymentBp(pingan, used)).toBe(3000);
    expect(minimumFen(used.priceFen, minDownPaymentBp(pingan, used))).toBe(3_000_000);
    const longer = { ...pingan, terms: [...pingan.terms, { termMonths: 48, rateBp: 320 }] };
    expect(termsFor(longer, used).map((t) => t.termMonths)).toEqual([12, 24, 36]);
    expect(termsFor(longer, { ...used, used: false }).map((t) => t.termMonths)).toEqual([12, 24, 36, 48]);
  });

  it('states the APR of a flat-rate product: Ping An 2.99% flat over 36 months with CNY 800 fees is 6.00%', () => {
    // CNY 200,000, 20% down: 160,000 borrowed. Interest 160,000 x 2.99% x 3 = 14,352.00, repaid with the
    // principal in 36 equal parts of 4,843.11 (the last 4,843.15). The buyer receives 160,000 - 800 and
    // repays 174,352: the monthly IRR x 12 is 5.9991% -> 600 bp (5.66% without the fees).
    const plan = planFor(pingan, { termMonths: 36, rateBp: 299 }, 20_000_000, 4_000_000);
    expect(plan).toMatchObject({
      termMonths: 36,
      rateBp: 299,
      firstPaymentFen: 484_311,
      lastPaymentFen: 484_315,
      totalInterestFen: 1_435_200,
      feesFen: 80_000,
      totalPaidFen: 16_000_000 + 1_435_200 + 80_000,
      aprBp: 600,
      subsidyFen: 0,
      totalCostFen: 4_000_000 + 16_000_000 + 1_435_200 + 80_000,
    });
    const noFees = planFor({ ...pingan, feesFen: 0 }, { termMonths: 36, rateBp: 299 }, 20_000_000, 4_000_000);
    expect(noFees.aprBp).toBe(566);
  });

  it("prices the platform's subsidy of a 0% offer at the lender's reference rate", () => {
    // BYD at CNY 200,000, 15% down: 170,000 over 24 months at 0%, so 7,083.33 a month and no interest.
    // At BYD's reference 3.99%/yr: i = 0.3325%/month, M = P i (1+i)^24 / ((1+i)^24 - 1) = 7,381.48; with
    // each month's interest rounded to the fen the buyer would have paid 7,155.49 (7,155.52 unrounded):
    // that is what the platform carries.
    const plan = planFor(bydZero, { termMonths: 24, rateBp: 0 }, 20_000_000, 3_000_000);
    expect(plan).toMatchObject({
      firstPaymentFen: 708_333,
      totalInterestFen: 0,
      aprBp: 0,
      subsidyFen: 715_549,
      totalPaidFen: 17_000_000,
      totalCostFen: 20_000_000,
    });
  });

  it('offers a product only to the cars it is for', () => {
    const byd = { priceFen: 20_000_000, energy: 'bev' as const, used: false, brand: 'byd' };
    expect(productApplies(bydZero, byd)).toBe(true);
    expect(productApplies(bydZero, { ...byd, brand: undefined })).toBe(true);
    expect(productApplies(bydZero, { ...byd, brand: 'tesla' })).toBe(false);
    expect(productApplies(bydZero, { ...byd, energy: 'petrol' })).toBe(false);
    expect(productApplies(bydZero, { ...byd, priceFen: 60_000_000 })).toBe(false);
    expect(productApplies(bydZero, { ...byd, used: true })).toBe(false);
    expect(productApplies(saicUsed, { ...byd, used: true })).toBe(true);
    expect(productApplies(saicUsed, byd)).toBe(false);
  });
});

describe('plans and products (database)', () => {
  let t: TestApp;
  const plans = (req: Partial<TFinancePlansRequest>) =>
    service.financePlans(
      t.database.db,
      { priceFen: 20_000_000, energy: 'bev', used: false, ...req },
      t.clock.now(),
    );
  const codeOf = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (e) {
      if (e instanceof AppError) return { code: e.code, details: e.details };
      throw e;
    }
    throw new Error('expected an AppError');
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedFinanceProducts(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the products offered for a new BYD BEV with their minimums and every term', async () => {
    const res = await plans({ brand: 'byd' });
    expect(res.date).toBe('2026-11-21');
    expect(res.products.map((p) => p.productId)).toEqual([
      'fp_demo_cmb_new_car',
      'fp_demo_pingan_flat',
      'fp_demo_byd_nev_zero',
      'fp_demo_byd_standard',
    ]);
    const zero = res.products.find((p) => p.productId === 'fp_demo_byd_nev_zero');
    expect(zero).toMatchObject({
      minDownPaymentFen: 3_000_000,
      downPaymentFen: 3_000_000,
      meetsMinimum: true,
    });
    expect(zero?.plans.find((p) => p.termMonths === 24)?.subsidyFen).toBe(715_549);
    const bank = res.products.find((p) => p.productId === 'fp_demo_cmb_new_car');
    expect(bank?.plans.map((p) => p.termMonths)).toEqual([12, 24, 36, 48, 60]);
  });

  it('lists only the used-car products for a used car, at 30% down and up to 36 months', async () => {
    const res = await plans({ priceFen: 10_000_000, energy: 'petrol', used: true });
    expect(res.products.map((p) => p.productId)).toEqual(['fp_demo_pingan_flat', 'fp_demo_saic_used']);
    for (const p of res.products) {
      expect(p.minDownPaymentFen).toBe(3_000_000);
      expect(Math.max(...p.plans.map((x) => x.termMonths))).toBe(36);
    }
  });

  it('refuses a used car with less than 30% down, whatever the product', async () => {
    const err = await codeOf(plans({ priceFen: 10_000_000, used: true, downPaymentFen: 2_500_000 }));
    expect(err).toMatchObject({
      code: 'FINANCE_DOWN_PAYMENT_BELOW_MINIMUM',
      details: { minimumFen: 3_000_000 },
    });
  });

  it('marks products whose minimum the down payment misses; a chosen one refuses it with a code', async () => {
    // 16% of 200,000 for a petrol car: CMB wants 20%, so no plans from CMB in the list ...
    const res = await plans({ energy: 'petrol', downPaymentFen: 3_200_000 });
    const bank = res.products.find((p) => p.productId === 'fp_demo_cmb_new_car');
    expect(bank).toMatchObject({ meetsMinimum: false, minDownPaymentFen: 4_000_000, plans: [] });
    // ... and asked for by id it is an error naming the minimum
    const err = await codeOf(
      plans({ energy: 'petrol', downPaymentFen: 3_200_000, productId: 'fp_demo_cmb_new_car' }),
    );
    expect(err).toMatchObject({
      code: 'FINANCE_DOWN_PAYMENT_BELOW_MINIMUM',
      details: { minimumFen: 4_000_000, minimumYuan: '40000.00' },
    });
    const term = await codeOf(plans({ productId: 'fp_demo_byd_nev_zero', termMonths: 36, brand: 'byd' }));
    expect(term.code).toBe('FINANCE_TERM_NOT_OFFERED');
    const other = await codeOf(plans({ productId: 'fp_demo_byd_nev_zero', brand: 'tesla' }));
    expect(other.code).toBe('FINANCE_PRODUCT_NOT_FOUND');
  });

  it('leaves out products that do not offer the term asked for', async () => {
    const res = await plans({ termMonths: 60 });
    expect(res.products.map((p) => p.productId)).toEqual(['fp_demo_cmb_new_car', 'fp_demo_byd_standard']);
    expect(res.products.every((p) => p.plans.length === 1 && p.plans[0]?.termMonths === 60)).toBe(true);
  });

  it('stops offering a product after its end date, when inactive, and before it starts', async () => {
    expect((await plans({ date: '2027-04-01' })).products.map((p) => p.productId)).not.toContain(
      'fp_demo_byd_nev_zero',
    );
    expect((await plans({ date: '2025-12-31' })).products).toEqual([]);
    const by = systemMutation(t.clock.now());
    const before = await service.getProduct(t.database.db, 'fp_demo_pingan_flat', t.clock.now());
    await service.updateProduct(
      t.database.db,
      'fp_demo_pingan_flat',
      { version: before.version, active: false },
      by,
    );
    expect((await plans({})).products.map((p) => p.productId)).not.toContain('fp_demo_pingan_flat');
    const listed = await service.listProducts(t.database.db, t.clock.now());
    expect(listed.find((p) => p.id === 'fp_demo_pingan_flat')?.status).toBe('inactive');
  });

  it('changes a product with a version check, one audit row and one event', async () => {
    const db = t.database.db;
    const by = systemMutation(t.clock.now());
    const p = await service.getProduct(db, 'fp_demo_cmb_new_car', t.clock.now());
    const changed = await service.updateProduct(db, p.id, { version: p.version, minDownBpNev: 1000 }, by);
    expect(changed).toMatchObject({ version: p.version + 1, minDownBpNev: 1000 });
    const [row] = await db.select().from(financeProductTable).where(eq(financeProductTable.id, p.id));
    expect(row?.minDownBpNev).toBe(1000);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, p.id));
    expect(audits.map((a) => a.action)).toEqual(['finance.product.update']);
    const events = await db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, p.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['finance.product_updated', { productId: p.id, version: p.version + 1, fields: ['minDownBpNev'] }],
    ]);
    // a second change made on the old copy is refused and changes nothing
    const stale = await codeOf(service.updateProduct(db, p.id, { version: p.version, feesFen: 1 }, by));
    expect(stale).toMatchObject({ code: 'FINANCE_PRODUCT_VERSION_CONFLICT', details: { currentVersion: 2 } });
    // a change that breaks the product as a whole is refused field by field
    const bad = await codeOf(service.updateProduct(db, p.id, { version: 2, subsidised: true }, by));
    expect(bad.code).toBe('FINANCE_PRODUCT_INVALID');
    expect(bad.details?.fields).toContainEqual({
      path: 'body.referenceRateBp',
      message: 'a subsidised offer names the rate its subsidy is priced at',
    });
    expect((await db.select().from(auditLog).where(eq(auditLog.entityId, p.id))).length).toBe(1);
  });
});
