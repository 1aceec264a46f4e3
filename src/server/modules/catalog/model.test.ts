import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { brands, trimParameters, trims } from './catalog.schema.js';
import type { TBrand, TBrandIndex, TSeries, TSeriesDetail, TTrim, TTrimDetail } from './model.contract.js';
import { seedParameterDictionary } from './model.seed.js';

let t: TestApp;
let operator: TestStaff;
let marketing: TestStaff;
const API = '/api/v1/catalog';

beforeAll(async () => {
  t = await createTestApp();
  await seedParameterDictionary(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});

function api(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  who = operator,
) {
  return t.app.inject({
    method,
    url: `${API}${url}`,
    headers: who.bearer,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function auditRows(entityId: string) {
  return t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId));
}

async function trimEvents(trimId: string) {
  return t.database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.type, 'catalog.trim_changed'), eq(outboxEvents.aggregateId, trimId)))
    .orderBy(outboxEvents.id);
}

let brand: TBrand;
let series: TSeries;
let trim: TTrim;

describe('brands, series and trims', () => {
  it('creates a brand with pinyin and initial derived from the Chinese name, and audits it', async () => {
    const res = await api('POST', '/brands', {
      slug: 'hongqi',
      name: '红旗',
      nameEn: 'Hongqi',
      aliases: ['一汽红旗', 'HQ'],
      country: 'CN',
      colours: ['#b0121b', '#1a1a1a'],
    });
    expect(res.statusCode).toBe(201);
    brand = res.json();
    expect(brand).toMatchObject({ id: 'brd_hongqi', pinyin: 'hongqi', initial: 'H', seriesCount: 0 });
    const [row] = await t.database.db.select().from(brands).where(eq(brands.id, brand.id));
    expect(row?.aliases).toEqual(['一汽红旗', 'HQ']);
    const audits = await auditRows(brand.id);
    expect(audits.map((a) => a.action)).toEqual(['catalog.brand.create']);
    expect(audits[0]?.actorId).toBe(operator.accountId);
  });

  it('refuses a second brand with the same slug with SLUG_TAKEN', async () => {
    const res = await api('POST', '/brands', {
      slug: 'hongqi',
      name: '红旗汽车',
      nameEn: 'Hongqi',
      country: 'CN',
      colours: ['#b0121b'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SLUG_TAKEN');
  });

  it('creates a series under the brand', async () => {
    const res = await api('POST', '/series', {
      brandId: brand.id,
      slug: 'hongqi-h5',
      name: 'H5',
      nameEn: 'H5',
      manufacturer: '中国第一汽车集团',
      bodyType: 'sedan',
      energyType: 'petrol',
      segment: 'B',
    });
    expect(res.statusCode).toBe(201);
    series = res.json();
    expect(series).toMatchObject({ id: 'ser_hongqi_h5', trimCount: 0, priceRange: null });
    expect(await auditRows(series.id)).toHaveLength(1);
  });

  it('creates a trim, writes the seats parameter to its sheet and publishes catalog.trim_changed', async () => {
    const res = await api('POST', '/trims', {
      seriesId: series.id,
      modelYear: 2026,
      name: '2026款 1.5T 智联旗畅版',
      guidePriceFen: 15_580_000,
      energyType: 'petrol',
      seats: 5,
    });
    expect(res.statusCode).toBe(201);
    trim = res.json();
    expect(trim.id).toMatch(/^trm_/);
    const seatRows = await t.database.db
      .select()
      .from(trimParameters)
      .where(and(eq(trimParameters.trimId, trim.id), eq(trimParameters.paramKey, 'body.seats')));
    expect(Number(seatRows[0]?.numberValue)).toBe(5);
    expect(await trimEvents(trim.id)).toHaveLength(1);
    expect((await auditRows(trim.id)).map((a) => a.action)).toEqual(['catalog.trim.create']);
  });

  it('refuses a second trim with the same name in the same series and year', async () => {
    const res = await api('POST', '/trims', {
      seriesId: series.id,
      modelYear: 2026,
      name: '2026款 1.5T 智联旗畅版',
      guidePriceFen: 16_000_000,
      energyType: 'petrol',
      seats: 5,
    });
    expect(res.json().error.code).toBe('TRIM_NAME_TAKEN');
  });

  it('updates a trim price, audits before/after and publishes an event', async () => {
    const res = await api('PATCH', `/trims/${trim.id}`, { guidePriceFen: 14_980_000 });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(trims).where(eq(trims.id, trim.id));
    expect(row?.guidePriceFen).toBe(14_980_000);
    const update = (await auditRows(trim.id)).find((a) => a.action === 'catalog.trim.update');
    expect(update?.before).toMatchObject({ guidePriceFen: 15_580_000 });
    expect(update?.after).toMatchObject({ guidePriceFen: 14_980_000 });
    expect(await trimEvents(trim.id)).toHaveLength(2);
  });

  it('renaming a series publishes catalog.trim_changed for each of its trims', async () => {
    const before = (await trimEvents(trim.id)).length;
    const res = await api('PATCH', `/series/${series.id}`, { name: 'H5 经典' });
    expect(res.statusCode).toBe(200);
    expect((await trimEvents(trim.id)).length).toBe(before + 1);
  });

  it('lists brands A-Z with initials and series counts for anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/brands` });
    expect(res.statusCode).toBe(200);
    const index: TBrandIndex = res.json();
    const h = index.initials.find((i) => i.initial === 'H');
    expect(h?.brands.find((b) => b.id === brand.id)?.seriesCount).toBe(1);
  });

  it('shows a series with trims grouped by model year and its price range', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/series/${series.id}` });
    const detail: TSeriesDetail = res.json();
    expect(detail.years).toEqual([{ modelYear: 2026, trims: [expect.objectContaining({ id: trim.id })] }]);
    expect(detail.priceRange).toEqual({ minFen: 14_980_000, maxFen: 14_980_000 });
    expect(detail.brand.name).toBe('红旗');
  });

  it('refuses to delete a brand that still has series', async () => {
    const res = await api('DELETE', `/brands/${brand.id}`);
    expect(res.json().error.code).toBe('BRAND_HAS_SERIES');
  });

  it('forbids writes to staff without catalog.manage', async () => {
    const res = await api('PATCH', `/trims/${trim.id}`, { guidePriceFen: 1 }, marketing);
    expect(res.statusCode).toBe(403);
  });

  it('answers an empty body with a 400 validation error, not a 500', async () => {
    const res = await api('POST', '/trims', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('spec editor', () => {
  it('saves a typed sheet and copies the key facts onto the trim', async () => {
    const res = await api('PUT', `/trims/${trim.id}/parameters`, {
      values: {
        'body.length_mm': { type: 'number', value: 4988, unit: 'mm' },
        'body.seats': { type: 'number', value: 5 },
        'basic.max_power_kw': { type: 'number', value: 165, unit: 'kW' },
        'engine.displacement_l': { type: 'number', value: 2.0, unit: 'L' },
        'driver_assistance.acc': { type: 'feature', value: 'standard' },
        'seats.front_massage': { type: 'feature', value: 'optional', optionPriceFen: 400_000 },
        'climate.fridge': { type: 'feature', value: 'none' },
        'chassis.drive': { type: 'text', value: '前置前驱' },
      },
    });
    expect(res.statusCode).toBe(200);
    const detail: TTrimDetail = res.json();
    expect(detail.parameters.map((g) => g.group)).toEqual([
      'basic',
      'body',
      'engine',
      'chassis',
      'driver_assistance',
      'seats',
      'climate',
    ]);
    const seatsGroup = detail.parameters.find((g) => g.group === 'seats');
    expect(seatsGroup?.items[0]?.value).toEqual({
      type: 'feature',
      value: 'optional',
      optionPriceFen: 400_000,
    });
    const [row] = await t.database.db.select().from(trims).where(eq(trims.id, trim.id));
    expect(row).toMatchObject({ powerKw: 165, displacementL: '2.0', seats: 5, electricRangeKm: null });
    const stored = await t.database.db
      .select()
      .from(trimParameters)
      .where(eq(trimParameters.trimId, trim.id));
    expect(stored).toHaveLength(8);
  });

  it('refuses values of the wrong type or unit, lists every bad key and writes nothing', async () => {
    const res = await api('PUT', `/trims/${trim.id}/parameters`, {
      values: {
        'body.length_mm': { type: 'text', value: '很长' },
        'basic.max_power_kw': { type: 'number', value: 200, unit: 'Ps' },
        'driver_assistance.acc': { type: 'boolean', value: true },
        'body.width_mm': { type: 'number', value: 1875 },
        'body.no_such_key': { type: 'number', value: 1 },
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual([
      'body.values.basic.max_power_kw',
      'body.values.body.length_mm',
      'body.values.body.no_such_key',
      'body.values.driver_assistance.acc',
    ]);
    const stored = await t.database.db
      .select()
      .from(trimParameters)
      .where(eq(trimParameters.trimId, trim.id));
    expect(stored).toHaveLength(8);
    const [row] = await t.database.db.select().from(trims).where(eq(trims.id, trim.id));
    expect(row?.powerKw).toBe(165);
  });

  it('refuses a malformed value (a number as a string) at the edge', async () => {
    const res = await api('PUT', `/trims/${trim.id}/parameters`, {
      values: { 'body.length_mm': { type: 'number', value: '4988' } },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('body.length_mm');
  });

  it('refuses values outside the dictionary rule (a top speed of −5 km/h), said in the request language', async () => {
    const put = (lang: string) =>
      t.app.inject({
        method: 'PUT',
        url: `${API}/trims/${trim.id}/parameters`,
        headers: { ...operator.bearer, 'accept-language': lang },
        payload: {
          values: {
            'basic.top_speed_kmh': { type: 'number', value: -5, unit: 'km/h' },
            'body.seats': { type: 'number', value: 4.5 },
          },
        },
      });
    const zh = await put('zh-CN');
    expect(zh.statusCode).toBe(400);
    const zhFields = Object.fromEntries(
      zh.json().error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    expect(zhFields['body.values.basic.top_speed_kmh']).toBe('最高车速不能小于 0 km/h');
    expect(zhFields['body.values.body.seats']).toBe('座位数须为 1 个 的整数倍');
    const en = await put('en');
    const enFields = Object.fromEntries(
      en.json().error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    expect(enFields['body.values.basic.top_speed_kmh']).toBe('Top speed must be at least 0 km/h');
    const stored = await t.database.db
      .select()
      .from(trimParameters)
      .where(and(eq(trimParameters.trimId, trim.id), eq(trimParameters.paramKey, 'basic.top_speed_kmh')));
    expect(stored).toHaveLength(0);
  });

  it('gives the dictionary rule with each parameter definition', async () => {
    const defs: { key: string; rule: unknown }[] = (await api('GET', '/parameters')).json();
    expect(defs.find((d) => d.key === 'basic.top_speed_kmh')?.rule).toEqual({ min: 0, max: 500, step: null });
    expect(defs.find((d) => d.key === 'body.seats')?.rule).toEqual({ min: 1, max: 12, step: 1 });
  });

  it('explains a malformed parameter key in words, not as a regex', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/parameters`,
      headers: { ...operator.bearer, 'accept-language': 'zh-CN' },
      payload: { key: 'Bad Key', group: 'body', name: '测试', nameEn: 'Test', valueType: 'number' },
    });
    expect(res.statusCode).toBe(400);
    const [field] = res.json().error.details.fields;
    expect(field.path).toBe('body.key');
    expect(field.message).toBe(
      '参数键格式不正确（应为 分组.名称，小写字母、数字和下划线，如 body.length_mm）',
    );
    expect(field.message).not.toContain('^');
  });

  it('replaces colours and packages and shows them on the trim', async () => {
    const colours = await api('PUT', `/trims/${trim.id}/colours`, {
      colours: [
        { kind: 'exterior', name: '旗韵红', hex: '#9e1b22', priceDeltaFen: 300_000 },
        { kind: 'interior', name: '乌木黑', hex: '#1d1d1f' },
      ],
    });
    expect(colours.statusCode).toBe(200);
    const packages = await api('PUT', `/trims/${trim.id}/packages`, {
      packages: [{ name: '舒享包', priceFen: 800_000, includes: ['seats.front_massage'] }],
    });
    expect(packages.statusCode).toBe(200);
    const detail: TTrimDetail = (
      await t.app.inject({ method: 'GET', url: `${API}/trims/${trim.id}` })
    ).json();
    expect(detail.colours.map((c) => [c.kind, c.name, c.priceDeltaFen])).toEqual([
      ['exterior', '旗韵红', 300_000],
      ['interior', '乌木黑', 0],
    ]);
    expect(detail.packages[0]).toMatchObject({ name: '舒享包', includes: ['seats.front_massage'] });
    const actions = (await auditRows(trim.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['catalog.trim.colours', 'catalog.trim.packages']));
  });

  it('refuses a package naming an unknown parameter', async () => {
    const res = await api('PUT', `/trims/${trim.id}/packages`, {
      packages: [{ name: '未知包', priceFen: 100, includes: ['seats.teleport'] }],
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('parameter dictionary', () => {
  it('adds a parameter that the spec editor can then use', async () => {
    const res = await api('POST', '/parameters', {
      key: 'body.ground_clearance_mm',
      group: 'body',
      name: '最小离地间隙',
      nameEn: 'Ground clearance',
      valueType: 'number',
      unit: 'mm',
    });
    expect(res.statusCode).toBe(201);
    const list = (await t.app.inject({ method: 'GET', url: `${API}/parameters` })).json();
    expect(list.some((p: { key: string }) => p.key === 'body.ground_clearance_mm')).toBe(true);
    expect((await auditRows('body.ground_clearance_mm')).map((a) => a.action)).toEqual([
      'catalog.parameter.create',
    ]);
  });

  it('refuses to change the type of a parameter that trims already use', async () => {
    const res = await api('PATCH', '/parameters/body.length_mm', { valueType: 'text' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PARAMETER_TYPE_LOCKED');
  });

  it('renames a parameter', async () => {
    const res = await api('PATCH', '/parameters/body.length_mm', { name: '车长' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('车长');
  });
});

describe('deleting', () => {
  it('deletes a trim, audits it and publishes the change', async () => {
    const res = await api('DELETE', `/trims/${trim.id}`);
    expect(res.statusCode).toBe(200);
    expect(await t.database.db.select().from(trims).where(eq(trims.id, trim.id))).toHaveLength(0);
    expect((await auditRows(trim.id)).some((a) => a.action === 'catalog.trim.delete')).toBe(true);
  });
});
