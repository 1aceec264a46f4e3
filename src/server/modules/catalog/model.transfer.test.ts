import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { newId } from '../../kernel/ids.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { brands, series, trimParameters, trims } from './catalog.schema.js';
import { seedModelDatabase } from './model.seed.js';

let t: TestApp;
let operator: TestStaff;
const API = '/api/v1/catalog';

beforeAll(async () => {
  t = await createTestApp();
  await seedModelDatabase(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
});
afterAll(async () => {
  await t.close();
});

function importFile(name: string, bytes: Buffer, dryRun = false, lang = 'zh-CN') {
  const boundary = '----autoyard-import';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `${API}/import/trims${dryRun ? '?dryRun=true' : ''}`,
    headers: {
      ...operator.bearer,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': lang,
    },
    payload,
  });
}

const HEADER = [
  'brand',
  'series_slug',
  'model_year',
  'trim_name',
  'guide_price_yuan',
  'energy_type',
  'seats',
  'battery.cltc_range_km',
  'driver_assistance.acc',
];
const csv = (rows: string[][]) => Buffer.from(stringify([HEADER, ...rows]));
const count = async (table: typeof trims | typeof trimParameters) =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n);

describe('seed', () => {
  it('holds at least 20 brands, 60 series and 250 trims with full parameter sheets', async () => {
    const [b] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(brands);
    const [s] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(series);
    expect(Number(b?.n)).toBeGreaterThanOrEqual(20);
    expect(Number(s?.n)).toBeGreaterThanOrEqual(60);
    expect(await count(trims)).toBeGreaterThanOrEqual(250);
    expect((await count(trimParameters)) / (await count(trims))).toBeGreaterThan(80);
  });

  it('creates nothing twice when run again', async () => {
    const before = await count(trims);
    await seedModelDatabase(t.database.db);
    expect(await count(trims)).toBe(before);
  });
});

describe('import', () => {
  it('writes nothing when 2 rows are bad and reports both rows and columns', async () => {
    const before = await count(trims);
    const res = await importFile(
      'trims.csv',
      csv([
        ['比亚迪', 'byd-han', '2026', '2026款 新导入 A', '209800', 'bev', '5', '520', '●'],
        ['比亚迪', 'byd-han', '2026', '2026款 新导入 B', '二十万', 'bev', '5', '520', '●'],
        ['比亚迪', 'no-such-series', '2026', '2026款 新导入 C', '209800', 'bev', '5', '520', 'yes please'],
      ]),
    );
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('IMPORT_ROWS_INVALID');
    expect(body.error.details.errors).toEqual([
      { row: 3, column: 'guide_price_yuan', message: expect.any(String) },
      { row: 4, column: 'series_slug', message: expect.any(String) },
      { row: 4, column: 'driver_assistance.acc', message: expect.any(String) },
    ]);
    expect(await count(trims)).toBe(before);
  });

  it('says row errors in the language of the request', async () => {
    const rows = csv([['比亚迪', 'byd-han', '2026', '2026款 新导入 D', '二十万', 'bev', '5', '-3', '●']]);
    const zh = (await importFile('trims.csv', rows, true, 'zh-CN')).json().error.details.errors;
    expect(zh).toEqual([
      { row: 2, column: 'guide_price_yuan', message: '应为正数金额（元），最多两位小数' },
      { row: 2, column: 'battery.cltc_range_km', message: 'CLTC纯电续航里程不能小于 0 km' },
    ]);
    const en = (await importFile('trims.csv', rows, true, 'en')).json().error.details.errors;
    expect(en.map((e: { message: string }) => e.message)).toEqual([
      'a positive amount in yuan with at most 2 decimals',
      'CLTC electric range must be at least 0 km',
    ]);
  });

  it('reports counts without writing on a dry run', async () => {
    const before = await count(trims);
    const res = await importFile(
      'trims.csv',
      csv([['比亚迪', 'byd-han', '2026', '2026款 试导入', '219800', 'bev', '5', '560', '●']]),
      true,
    );
    expect(res.json()).toEqual({ dryRun: true, rows: 1, created: 1, updated: 0, unchanged: 0 });
    expect(await count(trims)).toBe(before);
  });

  it('creates a new trim and updates an existing one in one go, with audit rows', async () => {
    const [existing] = await t.database.db
      .select()
      .from(trims)
      .where(eq(trims.seriesId, 'ser_byd_han'))
      .orderBy(trims.guidePriceFen)
      .limit(1);
    if (!existing) throw new Error('no seeded Han trim');
    const res = await importFile(
      'trims.csv',
      csv([
        ['比亚迪', 'byd-han', '2026', '2026款 导入测试版', '199800', 'bev', '5', '480', '○ 3000'],
        ['BYD', 'byd-han', String(existing.modelYear), existing.name, '205800', 'bev', '5', '505', '●'],
      ]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: 2, created: 1, updated: 1, unchanged: 0 });
    const [created] = await t.database.db.select().from(trims).where(eq(trims.name, '2026款 导入测试版'));
    expect(created).toMatchObject({ guidePriceFen: 19_980_000, electricRangeKm: 480, seats: 5 });
    const [updated] = await t.database.db.select().from(trims).where(eq(trims.id, existing.id));
    expect(updated?.guidePriceFen).toBe(20_580_000);
    // The import replaces the sheet with the row's columns.
    const params = await t.database.db
      .select()
      .from(trimParameters)
      .where(eq(trimParameters.trimId, existing.id));
    expect(params.map((p) => p.paramKey).sort()).toEqual(['battery.cltc_range_km', 'driver_assistance.acc']);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, existing.id));
    expect(audits.map((a) => a.action)).toContain('catalog.trim.import_update');
  });

  it('downloads a CSV template whose example row imports cleanly as a dry run', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/import/template.csv`,
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.rawPayload, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0]?.slice(0, 3)).toEqual(['brand', 'series_slug', 'series']);
    expect(rows.some((r) => r[0] === '# body.length_mm')).toBe(true);
    const dry = await importFile('template.csv', res.rawPayload, true);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 1 });
  });

  it('downloads an XLSX template with a second sheet documenting each column', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/import/template.xlsx`,
      headers: operator.bearer,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['trims', 'columns']);
    expect(wb.getWorksheet('columns')?.rowCount).toBeGreaterThan(100);
  });
});

describe('export', () => {
  it('neutralises formula-like trim names in the CSV export and imports that export back unchanged', async () => {
    const probes = ['=HYPERLINK("http://evil.example/x","点我")', "@SUM(1+1)*cmd|' /C calc'!A0"];
    const [han] = await t.database.db.select().from(trims).where(eq(trims.seriesId, 'ser_byd_han')).limit(1);
    if (!han) throw new Error('no seeded Han trim');
    for (const name of probes) {
      await t.database.db.insert(trims).values({
        ...han,
        id: newId('trm'),
        name,
        // No parameter sheet, so no key facts derived from one: the import then finds nothing to change.
        electricRangeKm: null,
        displacementL: null,
        powerKw: null,
      });
    }
    const total = await count(trims);
    const exported = await t.app.inject({
      method: 'GET',
      url: `${API}/export/trims.csv`,
      headers: operator.bearer,
    });
    const rows = parse(exported.rawPayload, { bom: true }) as string[][];
    const names = rows.map((r) => r[4] ?? '');
    for (const name of probes) expect(names).toContain(`'${name}`);
    // No cell of the file starts with a formula trigger (a lone "-" or a plain number cannot run).
    const risky = rows
      .flat()
      .filter((c) => /^[=+@\t\r]/.test(c) || (/^-/.test(c) && !/^-(\d+(\.\d+)?)?$/.test(c)));
    expect(risky).toEqual([]);

    const res = await importFile('trims.csv', exported.rawPayload);
    expect(res.json()).toEqual({ dryRun: false, rows: total, created: 0, updated: 0, unchanged: total });
    const stored = await t.database.db
      .select({ name: trims.name })
      .from(trims)
      .where(eq(trims.seriesId, han.seriesId));
    for (const name of probes) expect(stored.map((r) => r.name)).toContain(name);
    expect(await count(trims)).toBe(total);
  });

  it('round-trips: an exported XLSX imports back with nothing created and nothing changed', async () => {
    const total = await count(trims);
    const exported = await t.app.inject({
      method: 'GET',
      url: `${API}/export/trims.xlsx`,
      headers: operator.bearer,
    });
    expect(exported.statusCode).toBe(200);
    const res = await importFile('trims.xlsx', exported.rawPayload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: total, created: 0, updated: 0, unchanged: total });
  });

  it('exports one CSV row per trim with brand, series, year, name, price and one column per parameter', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/export/trims.csv`,
      headers: operator.bearer,
    });
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(0, 8)).toEqual([
      'brand',
      'series_slug',
      'series',
      'model_year',
      'trim_name',
      'guide_price_yuan',
      'energy_type',
      'seats',
    ]);
    expect(header).toContain('body.length_mm');
    expect(rows.length - 1).toBe(await count(trims));
    const tesla = rows.find((r) => r[1] === 'tesla-model-3');
    expect(tesla?.[0]).toBe('特斯拉');
  });
});
