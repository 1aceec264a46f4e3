import { and, desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../kernel/events/define.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { CURRENT_CONSENT } from '../identity/index.js';
import { ListingEvents } from '../listings/index.js';
import { findTestListing, updateTestListing } from '../listings/listings.testing.js';
import { rebuildSearchIndex } from './search.index.js';
import { registrationCutoff } from './search.query.js';
import { browsingHistory, favourites, listingSearch, listingViews } from './search.schema.js';
import { insertSearchFixture, type TestListing } from './search.testing.js';
import { flushListingViews, refreshPopularity } from './search.views.js';

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

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

async function searchAll(
  qs: string,
): Promise<{ ids: string[]; total: number; facets: Record<string, { value: string; count: number }[]> }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let first: { total: number; facets: Record<string, { value: string; count: number }[]> } | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await get(`/api/v1/catalog/search?${qs}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    first ??= body;
    ids.push(...body.items.map((i: { id: string }) => i.id));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return { ids, total: first?.total ?? 0, facets: first?.facets ?? {} };
}

let ipCounter = 0;
async function signedInBuyer(phone: string) {
  ipCounter += 1;
  const ip = `10.30.0.${ipCounter}`;
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sms-codes',
    payload: { phone },
    remoteAddress: ip,
  });
  const inbox = await get(`/api/v1/dev/sms-inbox?phone=${phone}`);
  const code = /(\d{6})/.exec(inbox.json().messages[0].text)?.[1] ?? '';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    payload: { phone, code, consent: CURRENT_CONSENT },
    remoteAddress: ip,
  });
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'ay_session')?.value ?? '';
  const csrf = res.json().csrfToken as string;
  return {
    id: res.json().me.id as string,
    headers: { cookie: `ay_session=${session}; ay_csrf=${csrf}`, 'x-csrf-token': csrf },
  };
}

describe('the search read model', () => {
  it('holds one row per listed or delisted listing and none for drafts', async () => {
    const rows = await t.database.db.select({ id: listingSearch.listingId }).from(listingSearch);
    const expected = data
      .filter((l) => l.status !== 'draft')
      .map((l) => l.id)
      .sort();
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
  });

  it('reindexes a listing when catalog.listing_changed is delivered', async () => {
    const target = listed()[0];
    if (!target) throw new Error('no listing');
    await t.database.db.transaction(async (tx) => {
      await updateTestListing(tx, target.id, { priceFen: 12_345_600, status: 'delisted' });
      await publish(
        tx,
        ListingEvents.listingChanged,
        target.id,
        { listingId: target.id, status: 'delisted' },
        t.clock.now(),
      );
    });
    // Until nothing is left: the modules' schedules fill a run's batch too.
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const [row] = await t.database.db
      .select()
      .from(listingSearch)
      .where(eq(listingSearch.listingId, target.id));
    expect(row?.priceFen).toBe(12_345_600);
    expect(row?.status).toBe('delisted');
    // Put it back for the other tests.
    await updateTestListing(t.database.db, target.id, { priceFen: target.priceFen, status: 'listed' });
    await rebuildSearchIndex(t.ctx);
    const [back] = await t.database.db
      .select()
      .from(listingSearch)
      .where(eq(listingSearch.listingId, target.id));
    expect(back?.status).toBe('listed');
  });
});

describe('GET /search', () => {
  it('answers a brand filter with every listed vehicle of the brand and disjunctive brand counts', async () => {
    const r = await searchAll('brand=byd&sort=price_asc');
    const expected = listed().filter((l) => l.brandSlug === 'byd');
    expect(r.total).toBe(expected.length);
    expect(r.ids.sort()).toEqual(expected.map((l) => l.id).sort());
    const teslaCount = r.facets.brand?.find((f) => f.value === 'tesla')?.count;
    expect(teslaCount).toBe(listed().filter((l) => l.brandSlug === 'tesla').length);
  });

  it.each([
    ['比亚迪', 'byd'],
    ['biyadi', 'byd'],
    ['byd', 'byd'],
    ['迪子', 'byd'],
    ['BYD', 'byd'],
  ])('finds BYD cars by %s', async (q) => {
    const r = await searchAll(`q=${encodeURIComponent(q)}`);
    expect(r.ids.sort()).toEqual(
      listed()
        .filter((l) => l.brandSlug === 'byd')
        .map((l) => l.id)
        .sort(),
    );
  });

  it.each([['汉'], ['han'], ['比亚迪汉'], ['byd 汉'], ['biyadihan']])(
    'finds the BYD Han by %s, first, before the rest of BYD',
    async (q) => {
      const r = await searchAll(`q=${encodeURIComponent(q)}`);
      const expected = listed().filter((l) => l.seriesSlug === 'byd-han');
      expect(expected.length).toBeGreaterThan(0);
      // The named series ranks first; what follows is the rest of its brand (a query naming the series only
      // reaches the brand too: the buyer may be open to a sibling).
      expect(r.ids.slice(0, expected.length).sort()).toEqual(expected.map((l) => l.id).sort());
      const rest = new Set(r.ids.slice(expected.length));
      const byd = listed().filter((l) => l.brandSlug === 'byd' && l.seriesSlug !== 'byd-han');
      for (const l of listed()) if (rest.has(l.id)) expect(byd).toContainEqual(l);
    },
  );

  it('finds a trim by words of its name and a series by its pinyin initials-free name', async () => {
    const r = await searchAll(`q=${encodeURIComponent('凯美瑞 尊贵型')}`);
    const expected = listed().filter((l) => l.seriesSlug === 'toyota-camry' && l.trimId.endsWith('_1'));
    expect(r.ids.sort()).toEqual(expected.map((l) => l.id).sort());
  });

  it('returns relaxations that name the filter whose removal gives results', async () => {
    const res = await get('/api/v1/catalog/search?brand=tesla&energy=petrol');
    const body = res.json();
    expect(body.total).toBe(0);
    expect(body.items).toEqual([]);
    const byFilter = Object.fromEntries(
      body.relaxations.map((r: { filter: string; count: number }) => [r.filter, r.count]),
    );
    expect(byFilter.energy).toBe(listed().filter((l) => l.brandSlug === 'tesla').length);
    expect(byFilter.brand).toBe(listed().filter((l) => l.energy === 'petrol').length);
  });

  it.each([
    ['priceMinYuan=abc'],
    ['sort=cheapest'],
    ['body=spaceship'],
    ['priceMinYuan=300000&priceMaxYuan=100000'],
    ['limit=500'],
    ['cursor=not-a-cursor'],
    ['city=beijing'],
  ])('rejects %s with VALIDATION_FAILED', async (qs) => {
    const res = await get(`/api/v1/catalog/search?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a cursor from another sort order', async () => {
    const first = (await get('/api/v1/catalog/search?sort=price_asc&limit=2')).json();
    const res = await get(`/api/v1/catalog/search?sort=newest&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(400);
  });

  it('matches random filter combinations, pages and facet counts against the same filters in memory', async () => {
    const now = t.clock.now();
    const brandsAll = ['byd', 'tesla', 'li-auto', 'toyota', 'honda'];
    const arb = fc.record(
      {
        brand: fc.subarray(brandsAll, { minLength: 1, maxLength: 2 }),
        body: fc.subarray(['sedan', 'suv', 'mpv'], { minLength: 1, maxLength: 2 }),
        energy: fc.subarray(['bev', 'phev', 'erev', 'hev', 'petrol'], { minLength: 1, maxLength: 3 }),
        seats: fc.subarray([5, 6, 7], { minLength: 1, maxLength: 2 }),
        city: fc.subarray(['110100', '310100', '440100', '440300'], { minLength: 1, maxLength: 2 }),
        kind: fc.constantFrom('new', 'used'),
        grade: fc.subarray([1, 2, 3], { minLength: 1, maxLength: 2 }),
        priceMinYuan: fc.integer({ min: 80_000, max: 250_000 }),
        priceMaxYuan: fc.integer({ min: 150_000, max: 450_000 }),
        yearMin: fc.constantFrom(2024, 2025),
        mileageMaxKm: fc.integer({ min: 0, max: 130_000 }),
        ageMaxYears: fc.integer({ min: 0, max: 9 }),
        rangeMinKm: fc.integer({ min: 0, max: 600 }),
        sort: fc.constantFrom('popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc'),
      },
      { requiredKeys: ['sort'] },
    );
    // Popularity is recomputed from views by a scheduled job that earlier tests' job runs may have fired,
    // so the order to expect comes from the read model, not from the fixture's starting values.
    const popularity = new Map(
      (
        await t.database.db
          .select({ id: listingSearch.listingId, popularity: listingSearch.popularity })
          .from(listingSearch)
      ).map((r) => [r.id, r.popularity]),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (f) => {
        if (f.priceMinYuan !== undefined && f.priceMaxYuan !== undefined && f.priceMinYuan > f.priceMaxYuan) {
          return;
        }
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(f)) {
          if (v !== undefined) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
        }
        const cutoff = f.ageMaxYears !== undefined ? registrationCutoff(now, f.ageMaxYears) : undefined;
        type Pred = (l: TestListing) => boolean;
        const preds: Record<string, Pred> = {
          brand: (l) => !f.brand || f.brand.includes(l.brandSlug),
          body: (l) => !f.body || f.body.includes(l.body),
          energy: (l) => !f.energy || f.energy.includes(l.energy),
          seats: (l) => !f.seats || f.seats.includes(l.seats),
          city: (l) => !f.city || f.city.includes(l.cityCode),
          kind: (l) => !f.kind || l.kind === f.kind,
          grade: (l) => !f.grade || (l.grade !== null && f.grade.includes(l.grade)),
          year: (l) => f.yearMin === undefined || l.modelYear >= f.yearMin,
          price: (l) =>
            (f.priceMinYuan === undefined || l.priceFen >= f.priceMinYuan * 100) &&
            (f.priceMaxYuan === undefined || l.priceFen <= f.priceMaxYuan * 100),
          mileage: (l) => f.mileageMaxKm === undefined || l.mileageKm <= f.mileageMaxKm,
          age: (l) => !cutoff || l.firstRegistrationDate === null || l.firstRegistrationDate >= cutoff,
          range: (l) => f.rangeMinKm === undefined || (l.rangeKm !== null && l.rangeKm >= f.rangeMinKm),
        };
        const passes = (l: TestListing, except?: string) =>
          Object.entries(preds).every(([k, p]) => k === except || p(l));
        const expected = listed().filter((l) => passes(l));
        const got = await searchAll(params.toString());
        expect(got.total).toBe(expected.length);
        expect([...got.ids].sort()).toEqual(expected.map((l) => l.id).sort());
        expect(new Set(got.ids).size).toBe(got.ids.length);
        // Keyset order: the sort key never goes backwards.
        const byId = new Map(data.map((l) => [l.id, l]));
        const key = (l: TestListing): number =>
          f.sort === 'price_asc'
            ? l.priceFen
            : f.sort === 'price_desc'
              ? -l.priceFen
              : f.sort === 'newest'
                ? -l.listedAt.getTime()
                : f.sort === 'mileage_asc'
                  ? l.mileageKm
                  : -(popularity.get(l.id) ?? 0);
        const keys = got.ids.map((id) => key(byId.get(id) as TestListing));
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
        // Disjunctive facets: each facet's counts ignore its own filter.
        const facetField: Record<string, [string, (l: TestListing) => string | null]> = {
          brand: ['brand', (l) => l.brandSlug],
          body: ['body', (l) => l.body],
          energy: ['energy', (l) => l.energy],
          seats: ['seats', (l) => String(l.seats)],
          city: ['city', (l) => l.cityCode],
          kind: ['kind', (l) => l.kind],
          grade: ['grade', (l) => (l.grade === null ? null : String(l.grade))],
          year: ['year', (l) => String(l.modelYear)],
        };
        for (const [facet, [filterName, facetValueOf]] of Object.entries(facetField)) {
          const counts = new Map<string, number>();
          for (const l of listed().filter((x) => passes(x, filterName))) {
            const v = facetValueOf(l);
            if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
          }
          const gotCounts = new Map((got.facets[facet] ?? []).map((v) => [v.value, v.count]));
          expect(gotCounts, facet).toEqual(counts);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('GET /suggest', () => {
  it('suggests 比亚迪 for the typo biyadu', async () => {
    const res = await get('/api/v1/catalog/suggest?q=biyadu');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { text: string; match: string; kind: string }[];
    expect(items[0]).toMatchObject({ kind: 'brand', text: '比亚迪', match: 'typo' });
  });

  it('suggests by pinyin prefix and by Chinese prefix', async () => {
    const byPinyin = (await get('/api/v1/catalog/suggest?q=kaim')).json().items;
    expect(byPinyin[0]).toMatchObject({ kind: 'series', slug: 'toyota-camry', match: 'prefix' });
    const byName = (await get(`/api/v1/catalog/suggest?q=${encodeURIComponent('理想')}`)).json().items;
    expect(byName.map((i: { text: string }) => i.text)).toContain('理想');
  });

  it('suggests popular queries that found vehicles', async () => {
    await get(`/api/v1/catalog/search?q=${encodeURIComponent('凯美瑞 尊贵型')}`);
    const items = (await get(`/api/v1/catalog/suggest?q=${encodeURIComponent('凯美瑞 尊')}`)).json().items;
    expect(items).toContainEqual(expect.objectContaining({ kind: 'query', text: '凯美瑞 尊贵型' }));
  });
});

describe('GET /vehicles/:id', () => {
  it('returns the detail with parameters by group, store, similar vehicles and JSON-LD, and records the view', async () => {
    const v = listed().find((l) => l.kind === 'new' && l.cityCode === '110100');
    if (!v) throw new Error('no vehicle');
    const res = await get(`/api/v1/catalog/vehicles/${v.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.vehicle.id).toBe(v.id);
    expect(d.parameters.map((g: { group: string }) => g.group)).toContain('driver_assistance');
    expect(d.store).toMatchObject({ id: 'sto_bj_byd_chaoyang' });
    expect(typeof d.store.latitude).toBe('number');
    expect(d.similar.length).toBeLessThanOrEqual(6);
    for (const s of d.similar) {
      expect(s.id).not.toBe(v.id);
      expect(s.energyType).toBe(d.vehicle.energyType);
      expect(Math.abs(s.priceFen - v.priceFen)).toBeLessThanOrEqual(v.priceFen * 0.2 + 1);
    }
    expect(d.jsonLd).toMatchObject({
      '@type': 'Car',
      offers: { '@type': 'Offer', priceCurrency: 'CNY', price: (v.priceFen / 100).toFixed(2) },
      mileageFromOdometer: { unitCode: 'KMT' },
    });
    // Views are written in batches: flush the buffer as the popularity job does.
    await flushListingViews(t.ctx);
    const views = await t.database.db.select().from(listingViews).where(eq(listingViews.listingId, v.id));
    expect(views.length).toBeGreaterThanOrEqual(1);
  });

  it('shows the VIN and the findings of a used car', async () => {
    const v = listed().find((l) => l.kind === 'used');
    if (!v) throw new Error('no used vehicle');
    const d = (await get(`/api/v1/catalog/vehicles/${v.id}`)).json();
    expect(d.used.vin).toMatch(/^LGXCE4CB/);
    expect(d.jsonLd.vehicleIdentificationNumber).toBe(d.used.vin);
    expect(d.jsonLd.itemCondition).toBe('https://schema.org/UsedCondition');
  });

  it('answers 404 for a draft listing', async () => {
    const draft = data.find((l) => l.status === 'draft');
    const res = await get(`/api/v1/catalog/vehicles/${draft?.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('VEHICLE_NOT_FOUND');
  });

  it('turns views into popularity through the scheduled job, not per view', async () => {
    const v = listed()[3];
    if (!v) throw new Error('no vehicle');
    for (let i = 0; i < 3; i++) await get(`/api/v1/catalog/vehicles/${v.id}`);
    await refreshPopularity(t.ctx);
    const views = await t.database.db.select().from(listingViews).where(eq(listingViews.listingId, v.id));
    const [row] = await t.database.db.select().from(listingSearch).where(eq(listingSearch.listingId, v.id));
    expect(row?.popularity).toBe(views.length);
    const l = await findTestListing(t.database.db, v.id);
    expect(l?.popularity).toBe(views.length);
  });
});

describe('GET /compare', () => {
  it('flags rows that differ and leaves identical ones unflagged', async () => {
    const han = listed().find((l) => l.seriesSlug === 'byd-han');
    const camry = listed().find((l) => l.seriesSlug === 'toyota-camry');
    const res = await get(`/api/v1/catalog/compare?ids=${han?.id},${camry?.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.columns.map((c: { id: string }) => c.id)).toEqual([han?.id, camry?.id]);
    const rows = body.groups.flatMap((g: { rows: unknown[] }) => g.rows) as {
      key: string;
      values: (string | null)[];
      different: boolean;
    }[];
    expect(rows.find((r) => r.key === 'seats.front_heating')).toMatchObject({
      values: ['是', '是'],
      different: false,
    });
    expect(rows.find((r) => r.key === 'basic.warranty')?.different).toBe(false);
    expect(rows.find((r) => r.key === 'battery.cltc_range_km')).toMatchObject({ different: true });
    expect(rows.find((r) => r.key === 'battery.cltc_range_km')?.values[1]).toBeNull();
  });

  it('compares trims too', async () => {
    const res = await get('/api/v1/catalog/compare?trims=trm_s_0_0,trm_s_0_1,trm_s_2_0');
    expect(res.statusCode).toBe(200);
    const acc = res
      .json()
      .groups.flatMap((g: { rows: unknown[] }) => g.rows)
      .find((r: { key: string }) => r.key === 'driver_assistance.acc');
    expect(acc.values).toEqual(['○', '●', '○']);
    expect(acc.different).toBe(true);
  });

  it.each([
    ['ids=lst_s_001'],
    ['ids=lst_s_001,lst_s_002,lst_s_003,lst_s_004,lst_s_005'],
    ['ids=lst_s_001&trims=trm_s_0_0,trm_s_0_1'],
    [''],
  ])('rejects %s with VALIDATION_FAILED', async (qs) => {
    const res = await get(`/api/v1/catalog/compare?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('favourites and history', () => {
  it('requires a signed-in buyer', async () => {
    expect((await get('/api/v1/catalog/favourites')).statusCode).toBe(401);
  });

  it('merges anonymous favourites idempotently and skips unknown ids', async () => {
    const buyer = await signedInBuyer('13812345678');
    const ids = listed()
      .slice(0, 3)
      .map((l) => l.id);
    const payload = { listingIds: [...ids, 'lst_unknown_1'] };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/favourites/merge',
      payload,
      headers: buyer.headers,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ merged: 3, skipped: 1, total: 3 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/favourites/merge',
      payload,
      headers: buyer.headers,
    });
    expect(again.json()).toEqual({ merged: 0, skipped: 1, total: 3 });
    const rows = await t.database.db.select().from(favourites).where(eq(favourites.buyerId, buyer.id));
    expect(rows.map((r) => r.listingId).sort()).toEqual([...ids].sort());
  });

  it('adds and removes a favourite and shows it on the detail page', async () => {
    const buyer = await signedInBuyer('13912345678');
    const id = listed()[5]?.id ?? '';
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/favourites',
      payload: { listingId: id },
      headers: buyer.headers,
    });
    expect(add.statusCode, add.body).toBe(200);
    expect((await get(`/api/v1/catalog/vehicles/${id}`, buyer.headers)).json().favourite).toBe(true);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/catalog/favourites/${id}`,
      headers: buyer.headers,
    });
    expect(del.json().items).toEqual([]);
    const rows = await t.database.db
      .select()
      .from(favourites)
      .where(and(eq(favourites.buyerId, buyer.id), eq(favourites.listingId, id)));
    expect(rows).toEqual([]);
  });

  it('records history for a signed-in buyer and merges the anonymous history without losing newer views', async () => {
    const buyer = await signedInBuyer('13712345678');
    const [a, b, c] = listed()
      .slice(0, 3)
      .map((l) => l.id);
    await postHistory(a ?? '', buyer.headers);
    t.clock.advance(60_000);
    const merge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/history/merge',
      payload: { listingIds: [b, c, a] },
      headers: buyer.headers,
    });
    expect(merge.json()).toMatchObject({ merged: 3, skipped: 0, total: 3 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/history/merge',
      payload: { listingIds: [b, c, a] },
      headers: buyer.headers,
    });
    expect(again.json().total).toBe(3);
    const history = (await get('/api/v1/catalog/history', buyer.headers))
      .json()
      .items.map((i: { listingId: string }) => i.listingId);
    expect(history).toEqual([b, c, a]);
    const rows = await t.database.db
      .select()
      .from(browsingHistory)
      .where(eq(browsingHistory.buyerId, buyer.id));
    expect(rows).toHaveLength(3);
  });
});

function postHistory(listingId: string, headers: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/history',
    payload: { listingId },
    headers,
  });
}

async function historyRows(buyerId: string) {
  return t.database.db
    .select({ listingId: browsingHistory.listingId, viewedAt: browsingHistory.viewedAt })
    .from(browsingHistory)
    .where(eq(browsingHistory.buyerId, buyerId))
    .orderBy(desc(browsingHistory.viewedAt));
}

describe('browsing history is written by the page, not by GET', () => {
  it('does not add to the history when the detail is fetched with the buyer’s cookie, but still counts the view', async () => {
    const buyer = await signedInBuyer('13612345678');
    const id = listed()[7]?.id ?? '';
    await flushListingViews(t.ctx);
    const viewsBefore = await t.database.db.select().from(listingViews).where(eq(listingViews.listingId, id));
    // Only the cookie, as a cross-site <img> or link would send it.
    const cookieOnly = { cookie: buyer.headers.cookie };
    const res = await get(`/api/v1/catalog/vehicles/${id}`, cookieOnly);
    expect(res.statusCode).toBe(200);
    expect(await historyRows(buyer.id)).toEqual([]);
    await flushListingViews(t.ctx);
    const viewsAfter = await t.database.db.select().from(listingViews).where(eq(listingViews.listingId, id));
    expect(viewsAfter.length).toBe(viewsBefore.length + 1);
  });

  it('records a posted view once per vehicle and moves a vehicle seen again to the top', async () => {
    const buyer = await signedInBuyer('13512345678');
    const [a, b] = listed()
      .slice(8, 10)
      .map((l) => l.id);
    if (!a || !b) throw new Error('fixture too small');
    expect((await postHistory(a, buyer.headers)).statusCode).toBe(204);
    t.clock.advance(1_000);
    expect((await postHistory(b, buyer.headers)).statusCode).toBe(204);
    expect((await historyRows(buyer.id)).map((r) => r.listingId)).toEqual([b, a]);
    t.clock.advance(1_000);
    expect((await postHistory(a, buyer.headers)).statusCode).toBe(204);
    const rows = await historyRows(buyer.id);
    expect(rows.map((r) => r.listingId)).toEqual([a, b]);
    expect(rows[0]?.viewedAt.toISOString()).toBe(t.clock.now().toISOString());
    const listedOrder = (await get('/api/v1/catalog/history', buyer.headers))
      .json()
      .items.map((i: { listingId: string }) => i.listingId);
    expect(listedOrder).toEqual([a, b]);
  });

  it('refuses a view of a vehicle that is not shown', async () => {
    const buyer = await signedInBuyer('13412345678');
    const draft = data.find((l) => l.status === 'draft')?.id ?? 'lst_missing';
    const res = await postHistory(draft, buyer.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('VEHICLE_NOT_FOUND');
    expect(await historyRows(buyer.id)).toEqual([]);
  });

  it('refuses the history POST from a cookie session without the CSRF header and records nothing', async () => {
    const buyer = await signedInBuyer('13312345678');
    const id = listed()[10]?.id ?? '';
    const res = await postHistory(id, { cookie: buyer.headers.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect(await historyRows(buyer.id)).toEqual([]);
  });

  it('refuses the history POST to a caller who is not signed in as a buyer', async () => {
    const res = await postHistory(listed()[0]?.id ?? '', {});
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /recommendations', () => {
  it('recommends family cars with 6+ seats first and says why', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/recommendations',
      payload: { budgetMaxYuan: 450_000, usage: 'family', seats: 6, cityCode: '440100' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { seats: number; reasons: string[]; seriesSlug: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.seats >= 6)).toBe(true);
    const first = items[0];
    expect(first?.reasons.some((r) => /^在预算内\(预算上限45万, 本车[\d.]+万\)$/.test(r))).toBe(true);
    expect(first?.reasons.some((r) => /座满足家庭出行/.test(r))).toBe(true);
    expect(first?.reasons.some((r) => /^广州有\d+家门店在售$/.test(r))).toBe(true);
  });

  it('gives commuters a long-range electric car with the range as a reason, the same way every time', async () => {
    const payload = { budgetMaxYuan: 250_000, usage: 'commute', energyPreference: 'bev' };
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/recommendations', payload });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/recommendations', payload });
    expect(a.json()).toEqual(b.json());
    const first = a.json().items[0];
    expect(first.energyType).toBe('bev');
    expect(first.reasons).toContain(`纯电续航${first.electricRangeKm}km 适合通勤`);
  });

  it('rejects a questionnaire without a budget', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/recommendations',
      payload: { usage: 'family' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('SEO', () => {
  it('injects title, canonical and Car + Offer JSON-LD into the vehicle page', async () => {
    const v = listed().find((l) => l.kind === 'used');
    const res = await get(`/vehicles/${v?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain(`<link rel="canonical" href="http://127.0.0.1:3000/vehicles/${v?.id}" />`);
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '';
    const ld = JSON.parse(json);
    expect(ld).toMatchObject({
      '@type': 'Car',
      brand: { name: expect.any(String) },
      vehicleIdentificationNumber: expect.stringMatching(/^LGXCE4CB/),
      mileageFromOdometer: { '@type': 'QuantitativeValue', unitCode: 'KMT', value: v?.mileageKm },
      offers: {
        priceCurrency: 'CNY',
        availability: 'https://schema.org/InStock',
        seller: { '@type': 'AutoDealer' },
      },
    });
    expect((res.body.match(/<title>/g) ?? []).length).toBe(1);
  });

  it('keeps a </script> in a title inside the JSON-LD string', async () => {
    const v = listed()[2];
    if (!v) throw new Error('no vehicle');
    await updateTestListing(t.database.db, v.id, {
      title: '凯美瑞</script><script>alert(1)</script> & "特价"',
    });
    await rebuildSearchIndex(t.ctx);
    const res = await get(`/vehicles/${v.id}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('\\u003c/script\\u003e');
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '';
    expect(JSON.parse(json).name).toBe('凯美瑞</script><script>alert(1)</script> & "特价"');
    expect(res.body).toContain(
      '<title>凯美瑞&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;特价&quot;',
    );
  });

  it('lists listed vehicles only in the sitemap, with lastmod, plus brand and series pages', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    for (const l of data) {
      const present = res.body.includes(`/vehicles/${l.id}</loc>`);
      expect(present, l.id).toBe(l.status === 'listed');
    }
    expect(res.body).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(res.body).toContain('/search?brand=byd&amp;series=byd-han</loc>');
  });

  it('serves robots.txt with the disallowed areas and the sitemap', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    for (const line of [
      'Allow: /',
      'Disallow: /console',
      'Disallow: /dealer',
      'Disallow: /api',
      'Disallow: /account',
    ]) {
      expect(res.body).toContain(line);
    }
    expect(res.body).toContain('Sitemap: http://127.0.0.1:3000/sitemap.xml');
  });

  it('gives a search landing page a brand title and a canonical URL without the other filters', async () => {
    const res = await get('/search?brand=byd&sort=price_asc&energy=bev');
    expect(res.body).toContain('<title>比亚迪报价');
    expect(res.body).toContain('<link rel="canonical" href="http://127.0.0.1:3000/search?brand=byd" />');
  });
});
