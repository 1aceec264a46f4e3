import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { fitsCar, type TAccessory, type TAccessoryCategory } from './accessories.contract.js';
import { accessoryVariants } from './accessories.schema.js';

let t: TestApp;
let operator: TestStaff;
let root: TAccessoryCategory;
let mats: TAccessoryCategory;

const BASE = '/api/v1/catalog';

async function post(url: string, payload: Record<string, unknown>, method: 'POST' | 'PUT' = 'POST') {
  return t.app.inject({ method, url: `${BASE}${url}`, headers: operator.bearer, payload });
}

const floorMat = (status = 'listed') => ({
  categoryId: mats.id,
  name: '比亚迪汉 全包围TPE脚垫',
  nameEn: 'Han all-weather TPE floor mats',
  description: '原厂数据开模，防水易清洗',
  brand: '3W',
  status,
  variants: [
    { sku: 'MAT-HAN-BLK', attributes: { 颜色: '黑色' }, priceFen: 69_900 },
    { sku: 'MAT-HAN-BEI', attributes: { 颜色: '米色' }, priceFen: 72_900 },
  ],
  seriesIds: ['ser_t_han'],
});

beforeAll(async () => {
  t = await createTestApp();
  await insertTestTrims(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  root = (await post('/accessories/categories', { name: '汽车精品', nameEn: 'Accessories' })).json();
  mats = (
    await post('/accessories/categories', { parentId: root.id, name: '脚垫', nameEn: 'Floor mats' })
  ).json();
});
afterAll(async () => {
  await t.close();
});

describe('accessories', () => {
  it('creates a product with variants and fitment, audited', async () => {
    const res = await post('/accessories', floorMat());
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as TAccessory;
    expect(a).toMatchObject({ priceFromFen: 69_900, seriesIds: ['ser_t_han'], status: 'listed' });
    const variants = await t.database.db
      .select()
      .from(accessoryVariants)
      .where(eq(accessoryVariants.productId, a.id));
    expect(variants.map((v) => v.sku).sort()).toEqual(['MAT-HAN-BEI', 'MAT-HAN-BLK']);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, a.id));
    expect(audit?.action).toBe('catalog.accessory.create');
  });

  it('filters the public list by a parent category (subcategories included) and by series (universal included)', async () => {
    const wax = await post('/accessories', {
      categoryId: root.id,
      name: '龟牌 镀晶车蜡',
      status: 'listed',
      variants: [{ sku: 'WAX-TURTLE-500', priceFen: 12_800 }],
    });
    expect(wax.statusCode).toBe(201);
    const byCat = (await t.app.inject({ url: `${BASE}/accessories?categoryId=${root.id}` })).json();
    expect(byCat.items.length).toBe(2);
    const bySeries = (await t.app.inject({ url: `${BASE}/accessories?seriesId=ser_t_m3` })).json();
    expect(bySeries.items.map((i: TAccessory) => i.name)).toEqual(['龟牌 镀晶车蜡']);
  });

  it('filters by series and model year: both range ends included, open ends, universal products always', async () => {
    const cat = (
      await post('/accessories/categories', { parentId: root.id, name: '门槛条', nameEn: 'Sill plates' })
    ).json();
    const sill = (name: string, sku: string, fitments: Record<string, unknown>[]) =>
      post('/accessories', {
        categoryId: cat.id,
        name,
        status: 'listed',
        variants: [{ sku, priceFen: 29_900 }],
        fitments,
      });
    const ranged = await sill('汉 2022-2024款 迎宾踏板', 'SILL-HAN-2224', [
      { seriesId: 'ser_t_han', yearFrom: 2022, yearTo: 2024 },
    ]);
    expect(ranged.statusCode, ranged.body).toBe(201);
    expect(ranged.json().fitments).toEqual([{ seriesId: 'ser_t_han', yearFrom: 2022, yearTo: 2024 }]);
    expect(ranged.json().seriesIds).toEqual(['ser_t_han']);
    expect(
      (await sill('汉 2025款起 迎宾踏板', 'SILL-HAN-25', [{ seriesId: 'ser_t_han', yearFrom: 2025 }]))
        .statusCode,
    ).toBe(201);
    expect(
      (await sill('Model 3 2023款前 迎宾踏板', 'SILL-M3-23', [{ seriesId: 'ser_t_m3', yearTo: 2023 }]))
        .statusCode,
    ).toBe(201);
    expect((await sill('通用 不锈钢门槛条', 'SILL-UNIVERSAL', [])).statusCode).toBe(201);

    const names = async (query: string) =>
      (
        (await t.app.inject({ url: `${BASE}/accessories?categoryId=${cat.id}&${query}` })).json()
          .items as TAccessory[]
      )
        .map((i) => i.name)
        .sort();
    expect(await names('seriesId=ser_t_han&year=2021')).toEqual(['通用 不锈钢门槛条']);
    expect(await names('seriesId=ser_t_han&year=2022')).toEqual([
      '汉 2022-2024款 迎宾踏板',
      '通用 不锈钢门槛条',
    ]);
    expect(await names('seriesId=ser_t_han&year=2024')).toEqual([
      '汉 2022-2024款 迎宾踏板',
      '通用 不锈钢门槛条',
    ]);
    expect(await names('seriesId=ser_t_han&year=2025')).toEqual([
      '汉 2025款起 迎宾踏板',
      '通用 不锈钢门槛条',
    ]);
    expect(await names('seriesId=ser_t_han&year=2030')).toEqual([
      '汉 2025款起 迎宾踏板',
      '通用 不锈钢门槛条',
    ]);
    expect(await names('seriesId=ser_t_m3&year=2023')).toEqual([
      'Model 3 2023款前 迎宾踏板',
      '通用 不锈钢门槛条',
    ]);
    expect(await names('seriesId=ser_t_m3&year=2024')).toEqual(['通用 不锈钢门槛条']);
    // A series without a year: every year of that series.
    expect(await names('seriesId=ser_t_han')).toHaveLength(3);

    // The product page's check agrees with the filter.
    const fits = ranged.json().fitments as TAccessory['fitments'];
    expect(fitsCar(fits, { seriesId: 'ser_t_han', year: 2024 })).toBe(true);
    expect(fitsCar(fits, { seriesId: 'ser_t_han', year: 2025 })).toBe(false);
    expect(fitsCar(fits, { seriesId: 'ser_t_m3', year: 2023 })).toBe(false);
    expect(fitsCar([], { seriesId: 'ser_t_m3', year: 2023 })).toBe(true);

    const backwards = await sill('年款颠倒', 'SILL-BAD', [
      { seriesId: 'ser_t_han', yearFrom: 2025, yearTo: 2022 },
    ]);
    expect(backwards.statusCode).toBe(400);
  });

  it('hides draft products from the public but shows them to the console', async () => {
    const draft = (
      await post('/accessories', { ...floorMat('draft'), variants: [{ sku: 'MAT-DRAFT-1', priceFen: 100 }] })
    ).json();
    expect((await t.app.inject({ url: `${BASE}/accessories/${draft.id}` })).statusCode).toBe(404);
    const console = await t.app.inject({
      url: `${BASE}/accessories/manage/${draft.id}`,
      headers: operator.bearer,
    });
    expect(console.statusCode).toBe(200);
  });

  it('refuses a SKU another product uses and writes nothing', async () => {
    const [before] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(accessoryVariants);
    const res = await post('/accessories', { ...floorMat(), name: '重复SKU脚垫' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SKU_TAKEN');
    const [after] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(accessoryVariants);
    expect(after).toEqual(before);
  });

  it('keeps a kept SKU’s variant id when the product is replaced', async () => {
    const a = (
      await post('/accessories', { ...floorMat(), variants: [{ sku: 'MAT-KEEP-1', priceFen: 500 }] })
    ).json();
    const keptId = a.variants[0].id;
    const res = await post(
      `/accessories/${a.id}`,
      {
        ...floorMat(),
        variants: [
          { sku: 'MAT-KEEP-1', priceFen: 600 },
          { sku: 'MAT-KEEP-2', priceFen: 700 },
        ],
      },
      'PUT',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().variants.find((v: { sku: string }) => v.sku === 'MAT-KEEP-1')).toMatchObject({
      id: keptId,
      priceFen: 600,
    });
  });

  it('refuses to move a category under its own subcategory', async () => {
    const res = await post(
      `/accessories/categories/${root.id}`,
      { parentId: mats.id, name: '汽车精品', nameEn: 'Accessories' },
      'PUT',
    );
    expect(res.json().error.code).toBe('ACCESSORY_CATEGORY_CYCLE');
  });
});
