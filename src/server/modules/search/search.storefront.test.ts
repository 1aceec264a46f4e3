import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { searchCaches } from './search.caches.js';
import { bestColumns, COMPARE_DIRECTIONS } from './search.compare.js';
import { rankSimilar } from './search.detail.js';
import { rebuildSearchIndex, reindexTrim } from './search.index.js';
import { mileageLabel } from './search.mappers.js';
import { insertSearchFixture, type TestListing } from './search.testing.js';

// The storefront's vehicle page, compare and facets: colours and packages, the buyer's language and city.

let t: TestApp;
let data: TestListing[];
const listed = () => data.filter((l) => l.status === 'listed');

beforeAll(async () => {
  t = await createTestApp();
  for (const step of dealersModule.seed) await step.run(t.ctx);
  data = await insertSearchFixture(t.database.db, 60);
  await rebuildSearchIndex(t.ctx);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function get(url: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  return t.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
}

const HAS_HAN = /\p{Script=Han}/u;

describe('GET /vehicles/:id: colours, packages and language', () => {
  it('shows the colours and option packages operators manage for the trim, localized', async () => {
    const v = listed()[0];
    if (!v) throw new Error('no vehicle');
    // What the console's trim editor stores (catalog tables, written here as SQL: tests use only index.ts).
    await t.database.db.execute(sql`
      insert into catalog_trim_colours (id, trim_id, kind, name, name_en, hex, price_delta_fen, sort) values
        ('col_t_1', ${v.trimId}, 'interior', '黑色', 'Black', '#111111', 0, 1),
        ('col_t_2', ${v.trimId}, 'exterior', '时空灰', 'Space grey', '#5a5e63', 500000, 1)`);
    await t.database.db.execute(sql`
      insert into catalog_option_packages (id, trim_id, name, name_en, description, price_fen, includes)
      values ('opk_t_1', ${v.trimId}, '舒享包', 'Comfort pack', null, 1200000, ${'{seats.front_heating}'})`);
    // A fresh page (colours are read when the page is built, and this one may be cached).
    const other = listed().find((l) => l.trimId === v.trimId && l.id !== v.id) ?? v;
    searchCaches(t.ctx).dropListings('all');
    const zh = (await get(`/api/v1/catalog/vehicles/${other.id}`)).json();
    expect(zh.colours).toEqual([
      { kind: 'exterior', name: '时空灰', hex: '#5a5e63', priceDeltaFen: 500_000 },
      { kind: 'interior', name: '黑色', hex: '#111111', priceDeltaFen: 0 },
    ]);
    expect(zh.packages).toEqual([
      { id: 'opk_t_1', name: '舒享包', description: null, priceFen: 1_200_000, includes: ['前排座椅加热'] },
    ]);
    const en = (await get(`/api/v1/catalog/vehicles/${other.id}`, 'en')).json();
    expect(en.colours.map((c: { name: string }) => c.name)).toEqual(['Space grey', 'Black']);
    expect(en.packages[0]).toMatchObject({ name: 'Comfort pack', includes: ['Front seat heating'] });
  });

  it('answers key facts, parameter names, values and the store city in English when asked', async () => {
    const v = listed().find((l) => l.kind === 'used');
    if (!v) throw new Error('no used vehicle');
    const d = (await get(`/api/v1/catalog/vehicles/${v.id}`, 'en')).json();
    for (const f of d.keyFacts as { label: string; value: string }[]) {
      expect(f.label).not.toMatch(HAS_HAN);
      expect(f.value).not.toMatch(HAS_HAN);
    }
    const rows = d.parameters.flatMap((g: { rows: { name: string; display: string | null }[] }) => g.rows);
    expect(rows.find((r: { key: string }) => r.key === 'seats.front_heating')).toMatchObject({
      name: 'Front seat heating',
      display: 'Yes',
    });
    expect(d.store.cityName).not.toMatch(HAS_HAN);
    expect(d.vehicle.brand.nameEn).toBeTruthy();
    const zh = (await get(`/api/v1/catalog/vehicles/${v.id}`)).json();
    expect(zh.keyFacts.find((f: { key: string }) => f.key === 'mileage').label).toBe('表显里程');
    expect(zh.store.cityName).toMatch(HAS_HAN);
  });

  it('puts similar vehicles of the buyer’s city first', async () => {
    // A car with similar vehicles in several cities.
    let found: { id: string; city: string } | null = null;
    for (const v of listed()) {
      const d = (await get(`/api/v1/catalog/vehicles/${v.id}`)).json();
      const cities = new Set((d.similar as { cityCode: string }[]).map((s) => s.cityCode));
      const last = d.similar[d.similar.length - 1] as { cityCode: string } | undefined;
      if (cities.size > 1 && last && last.cityCode !== d.similar[0].cityCode) {
        found = { id: v.id, city: last.cityCode };
        break;
      }
    }
    if (!found) throw new Error('no vehicle with similar vehicles in two cities');
    const d = (await get(`/api/v1/catalog/vehicles/${found.id}?city=${found.city}`)).json();
    const codes = (d.similar as { cityCode: string }[]).map((s) => s.cityCode);
    expect(codes[0]).toBe(found.city);
    const firstElsewhere = codes.findIndex((c) => c !== found.city);
    if (firstElsewhere >= 0) expect(codes.slice(firstElsewhere)).not.toContain(found.city);
  });

  it('ranks the same city first and keeps price order within each part', () => {
    const card = (id: string, cityCode: string) => ({ id, cityCode }) as never;
    const pool = [card('a', '310100'), card('b', '110100'), card('c', '310100'), card('d', '110100')];
    expect(rankSimilar(pool, '110100', 3).map((c: { id: string }) => c.id)).toEqual(['b', 'd', 'a']);
    expect(rankSimilar(pool, undefined, 2).map((c: { id: string }) => c.id)).toEqual(['a', 'b']);
  });
});

describe('GET /vehicles/:id: parts shared by the pages of one trim', () => {
  it('shows a trim change on the pages of its other listings once the trim is reindexed', async () => {
    searchCaches(t.ctx).dropListings('all');
    const byTrim = new Map<string, TestListing[]>();
    for (const l of listed()) byTrim.set(l.trimId, [...(byTrim.get(l.trimId) ?? []), l]);
    const [a, c] = [...byTrim.values()].find((ls) => ls.length >= 2) ?? [];
    if (!a || !c) throw new Error('no trim with two listed vehicles');
    expect((await get(`/api/v1/catalog/vehicles/${a.id}`)).json().colours).not.toContainEqual(
      expect.objectContaining({ name: '星河银' }),
    );
    // What the console's trim editor stores (behind the app's back here: no event yet).
    await t.database.db.execute(sql`
      insert into catalog_trim_colours (id, trim_id, kind, name, name_en, hex, price_delta_fen, sort)
      values ('col_t_shared', ${a.trimId}, 'exterior', '星河银', 'Galaxy silver', '#c0c0c0', 0, 9)`);
    // What catalog.trim_changed does: the trim's listings are reindexed and every shared part is read again.
    await reindexTrim(t.ctx, a.trimId);
    expect((await get(`/api/v1/catalog/vehicles/${c.id}`)).json().colours).toContainEqual(
      expect.objectContaining({ kind: 'exterior', name: '星河银', hex: '#c0c0c0' }),
    );
  });
});

describe('GET /compare: best values and new cars', () => {
  it('marks the best value of rows with a direction and shows no mileage for a new car', async () => {
    const newCar = listed().find((l) => l.kind === 'new' && l.rangeKm !== null);
    const other = listed().find(
      (l) => l.kind === 'used' && l.rangeKm !== null && newCar && l.rangeKm !== newCar.rangeKm,
    );
    if (!newCar || !other) throw new Error('fixture');
    const body = (await get(`/api/v1/catalog/compare?ids=${newCar.id},${other.id}`)).json();
    const rows = body.groups.flatMap((g: { rows: unknown[] }) => g.rows) as {
      key: string;
      values: (string | null)[];
      direction: string | null;
      best: number[];
    }[];
    const mileage = rows.find((r) => r.key === 'mileage');
    expect(mileage?.values[0]).toBeNull();
    expect(mileage?.best).toEqual([]);
    const range = rows.find((r) => r.key === 'battery.cltc_range_km');
    expect(range?.direction).toBe('higher');
    const best = (newCar.rangeKm ?? 0) > (other.rangeKm ?? 0) ? 0 : 1;
    expect(range?.best).toEqual([best]);
    const price = rows.find((r) => r.key === 'price');
    expect(price?.best).toEqual([newCar.priceFen < other.priceFen ? 0 : 1]);
    expect(rows.find((r) => r.key === 'body.length_mm')?.best).toEqual([]);
  });

  it('answers in English: row names, kind and city', async () => {
    const [a, b] = listed();
    const body = (await get(`/api/v1/catalog/compare?ids=${a?.id},${b?.id}`, 'en')).json();
    const rows = body.groups.flatMap((g: { rows: unknown[] }) => g.rows) as {
      key: string;
      name: string;
      values: (string | null)[];
    }[];
    for (const r of rows) expect(r.name).not.toMatch(HAS_HAN);
    for (const key of ['kind', 'modelYear', 'city'])
      for (const v of rows.find((r) => r.key === key)?.values ?? []) expect(v).not.toMatch(HAS_HAN);
  });

  it('defines the direction of range, power, torque and space as higher, price and 0-100 as lower', () => {
    expect(COMPARE_DIRECTIONS['battery.cltc_range_km']).toBe('higher');
    expect(COMPARE_DIRECTIONS['basic.max_power_kw']).toBe('higher');
    expect(COMPARE_DIRECTIONS['basic.max_torque_nm']).toBe('higher');
    expect(COMPARE_DIRECTIONS['body.trunk_l']).toBe('higher');
    expect(COMPARE_DIRECTIONS.price).toBe('lower');
    expect(COMPARE_DIRECTIONS['basic.acceleration_s']).toBe('lower');
    expect(COMPARE_DIRECTIONS['basic.fuel_consumption_l']).toBe('lower');
    expect(COMPARE_DIRECTIONS['body.length_mm']).toBeUndefined();
    expect(bestColumns([3.9, 5.1, 3.9], 'lower')).toEqual([0, 2]);
    expect(bestColumns([500, null, 600], 'higher')).toEqual([2]);
    expect(bestColumns([500, 500], 'higher')).toEqual([]);
    expect(bestColumns([500, 600], null)).toEqual([]);
  });
});

describe('GET /search facets in English', () => {
  it('labels body, energy, seats, kind and city values in the request language', async () => {
    const res = await get('/api/v1/catalog/search?limit=1', 'en');
    const f = res.json().facets as Record<string, { value: string; label: string }[]>;
    for (const name of ['body', 'energy', 'seats', 'kind', 'city', 'brand', 'year'])
      for (const v of f[name] ?? []) expect(v.label, `${name} ${v.value}`).not.toMatch(HAS_HAN);
    const zh = (await get('/api/v1/catalog/search?limit=1')).json().facets;
    expect(zh.kind.map((k: { label: string }) => k.label)).toContain('二手车');
  });
});

describe('mileage, one rule', () => {
  it('writes 万公里 with one decimal from 10,000 km and plain kilometres below', () => {
    expect(mileageLabel(10_000, 'zh-CN')).toBe('1.0万公里');
    expect(mileageLabel(8_000, 'zh-CN')).toBe('8,000公里');
    expect(mileageLabel(12_345, 'en')).toBe('12,345 km');
  });
});
