import { stringify } from 'csv-stringify/sync';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { brands, series, trims } from './catalog.schema.js';

// Names made only of invisible characters (zero-width spaces, bidi overrides) are refused at the API and
// in the CSV import; bidi controls around a real name are removed before it is stored.

let t: TestApp;
let operator: TestStaff;
const API = '/api/v1/catalog';
const INVISIBLE = '\u200B\u200C\u200D\u2060\uFEFF\u202E\u2066';

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `${API}${url}`, headers: operator.bearer, payload });
const brandCount = async () =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(brands))[0]?.n);

describe('visible names', () => {
  it('refuses a brand whose name is only zero-width and bidi characters with 400 and stores nothing', async () => {
    const before = await brandCount();
    const res = await post('/brands', {
      slug: 'ghost',
      name: INVISIBLE,
      nameEn: 'Ghost',
      country: 'CN',
      colours: ['#000000'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.name');
    expect(await brandCount()).toBe(before);
    expect(await t.database.db.select().from(brands).where(eq(brands.slug, 'ghost'))).toEqual([]);
  });

  it('stores a bidi-wrapped, zero-width-padded brand name cleaned and composed (NFC)', async () => {
    const res = await post('/brands', {
      slug: 'citroen',
      name: '\u202E\u200B雪铁龙\u202C',
      nameEn: ' Citroe\u0308n\u200B ',
      aliases: ['\u2066DS\u2069'],
      country: 'FR',
      colours: ['#b0121b'],
    });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(brands).where(eq(brands.slug, 'citroen'));
    expect(row).toMatchObject({ name: '雪铁龙', nameEn: 'Citro\u00EBn', aliases: ['DS'] });
  });

  it('refuses a CSV import row whose trim name is invisible and creates no trim', async () => {
    const brand = await post('/brands', {
      slug: 'hongqi',
      name: '红旗',
      nameEn: 'Hongqi',
      country: 'CN',
      colours: ['#b0121b'],
    });
    const created = await post('/series', {
      brandId: brand.json().id,
      slug: 'hongqi-h5',
      name: 'H5',
      nameEn: 'H5',
      manufacturer: '中国第一汽车集团',
      bodyType: 'sedan',
      energyType: 'petrol',
      segment: 'B',
    });
    expect(created.statusCode).toBe(201);
    const boundary = '----autoyard-visible';
    const csv = stringify([
      ['series_slug', 'model_year', 'trim_name', 'guide_price_yuan', 'energy_type', 'seats'],
      ['hongqi-h5', '2026', INVISIBLE, '155800', 'petrol', '5'],
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/import/trims`,
      headers: { ...operator.bearer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toEqual([
      { row: 2, column: 'trim_name', message: expect.any(String) },
    ]);
    const [s] = await t.database.db.select().from(series).where(eq(series.slug, 'hongqi-h5'));
    expect(
      await t.database.db
        .select()
        .from(trims)
        .where(eq(trims.seriesId, s?.id ?? '')),
    ).toEqual([]);
  });
});
