import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { accessoriesModule } from '../accessories/index.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import { reserveAccessoryStock } from './inventory.accessories.js';
import type { TInventoryImportRowError } from './inventory.contract.js';
import { accessoryStock, stockLocations, vehicleUnits } from './inventory.schema.js';
import { ensureStoreLocation } from './inventory.service.js';

let t: TestApp;
let supply: TestStaff;
let bydStaff: TestStaff;
let trims: { bydHan: string; teslaModel3: string };
let bydLoc: string;
let teslaLoc: string;
let seq = 0;
const NOW = new Date('2026-11-20T04:00:00Z');
const API = '/api/v1/inventory';

function vin(): string {
  seq += 1;
  return withCheckDigit(`LFV3A23C0R3${String(seq).padStart(6, '0')}`);
}

function upload(who: TestStaff, kind: string, name: string, bytes: Buffer, dryRun = false, lang = 'zh-CN') {
  const boundary = '----autoyard-stock-import';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `${API}/import/${kind}${dryRun ? '?dryRun=true' : ''}`,
    headers: {
      ...who.bearer,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': lang,
    },
    payload,
  });
}

const UNIT_HEADER = [
  'vin',
  'trim_id',
  'exterior_colour',
  'location_id',
  'status',
  'entered_stock_date',
  'cost_yuan',
];
const csv = (header: string[], rows: string[][]) => Buffer.from(stringify([header, ...rows]));
const unitCount = async () =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(vehicleUnits))[0]?.n);
const errorsOf = (body: string) =>
  (JSON.parse(body) as { error: { code: string; details: { errors: TInventoryImportRowError[] } } }).error;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  trims = await insertTestTrims(t.database.db);
  for (const step of accessoriesModule.seed ?? []) await step.run(t.ctx);
  supply = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  bydLoc = (await ensureStoreLocation(t.database.db, 'sto_bj_byd_chaoyang', systemMutation(NOW))).id;
  teslaLoc = (await ensureStoreLocation(t.database.db, 'sto_sh_tesla_jinqiao', systemMutation(NOW))).id;
});
afterAll(async () => {
  await t.close();
});

describe('unit import', () => {
  it('lists every bad row with its column and code and writes nothing', async () => {
    const good = vin();
    const badDigit = vin();
    const wrongCheck = `${badDigit.slice(0, 8)}${badDigit.charAt(8) === '1' ? '2' : '1'}${badDigit.slice(9)}`;
    const file = csv(UNIT_HEADER, [
      [good, trims.bydHan, '雪域白', bydLoc, 'available', '2026-10-01', '198000'],
      [good.toLowerCase(), trims.bydHan, '雪域白', bydLoc, 'available', '', '198000'],
      [wrongCheck, trims.bydHan, '汉宫红', bydLoc, '', '', '198000'],
      ['LFV3A23C0R300001O', 'trm_nope', '', 'loc_nope', 'sold', '2026-13-01', '-5'],
      ['LFV3A23C', trims.bydHan, '雪域白', bydLoc, '', '', '198000.123'],
    ]);
    const before = await unitCount();
    const res = await upload(supply, 'units', 'stock.csv', file);
    expect(res.statusCode).toBe(422);
    const error = errorsOf(res.body);
    expect(error.code).toBe('INVENTORY_IMPORT_ROWS_INVALID');
    const cells = error.details.errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(cells).toEqual([
      '3:vin:VIN_DUPLICATE_IN_FILE',
      '4:vin:VIN_CHECK_DIGIT',
      '5:vin:VIN_CHARACTERS',
      '5:trim_id:TRIM_NOT_FOUND',
      '5:exterior_colour:COLOUR_INVALID',
      '5:location_id:LOCATION_NOT_FOUND',
      '5:status:STATUS_INVALID',
      '5:entered_stock_date:DATE_INVALID',
      '5:cost_yuan:COST_INVALID',
      '6:vin:VIN_LENGTH',
      '6:cost_yuan:COST_INVALID',
    ]);
    expect(error.details.errors[0]?.message).toBe('与第 2 行的 VIN 重复');
    expect(await unitCount()).toBe(before);
    const en = await upload(supply, 'units', 'stock.csv', file, false, 'en');
    expect(errorsOf(en.body).details.errors[1]?.message).toBe('the check digit (position 9) is wrong');
  });

  it('previews without writing, then imports all rows in one go (trim by id or by series, year and name)', async () => {
    const a = vin();
    const b = vin();
    const header = [...UNIT_HEADER, 'series_slug', 'model_year', 'trim_name', 'store_id'];
    const file = csv(header, [
      [a, trims.bydHan, '时空灰', bydLoc, 'available', '2026-09-01', '198,000.50', '', '', '', ''],
      [
        b,
        '',
        '冷光银',
        '',
        'in_transit',
        '',
        '231900',
        'tesla-model-3-t',
        '2024',
        '2024款 后轮驱动版',
        'sto_sh_tesla_jinqiao',
      ],
    ]);
    const dry = await upload(supply, 'units', 'stock.csv', file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      kind: 'units',
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(
      await t.database.db
        .select()
        .from(vehicleUnits)
        .where(inArray(vehicleUnits.vin, [a, b])),
    ).toHaveLength(0);
    const res = await upload(supply, 'units', 'stock.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.database.db
      .select()
      .from(vehicleUnits)
      .where(inArray(vehicleUnits.vin, [a, b]));
    const byVin = new Map(rows.map((r) => [r.vin, r]));
    expect(byVin.get(a)).toMatchObject({
      trimId: trims.bydHan,
      status: 'available',
      costFen: 19_800_050,
      enteredStockAt: new Date('2026-08-31T16:00:00Z'),
      dealerId: 'dlr_demo_bj_byd',
    });
    expect(byVin.get(b)).toMatchObject({
      trimId: trims.teslaModel3,
      status: 'in_transit',
      locationId: teslaLoc,
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'vehicle_unit.import'),
          inArray(
            auditLog.entityId,
            rows.map((r) => r.id),
          ),
        ),
      );
    expect(audits).toHaveLength(2);
    // The same file again: both VINs are now in stock.
    const again = await upload(supply, 'units', 'stock.csv', file);
    expect(errorsOf(again.body).details.errors.map((e) => e.code)).toEqual(['VIN_TAKEN', 'VIN_TAKEN']);
  });

  it('reads XLSX, and refuses a file that is neither CSV nor XLSX and unknown columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('stock');
    ws.addRow(UNIT_HEADER);
    const v = vin();
    ws.addRow([v, trims.bydHan, '汉宫红', bydLoc, 'available', '2026-11-01', 205000]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(supply, 'units', 'stock.xlsx', xlsx);
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.vin, v))).toHaveLength(1);
    const junk = await upload(supply, 'units', 'x.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(junk.json()).toMatchObject({ error: { code: 'INVENTORY_IMPORT_FILE_UNREADABLE' } });
    const cols = await upload(supply, 'units', 'x.csv', csv(['vin', 'colour'], [['x', 'y']]));
    expect(errorsOf(cols.body).details.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '1:colour:COLUMN_UNKNOWN',
      '1:exterior_colour:COLUMN_MISSING',
      '1:cost_yuan:COLUMN_MISSING',
    ]);
  });

  it("keeps dealer staff to their own locations: another dealer's location or store is reported, nothing written", async () => {
    const own = vin();
    const file = csv(
      [...UNIT_HEADER, 'store_id'],
      [
        [own, trims.bydHan, '雪域白', bydLoc, '', '', '199800', ''],
        [vin(), trims.teslaModel3, '冷光银', teslaLoc, '', '', '231900', ''],
        [vin(), trims.teslaModel3, '冷光银', '', '', '', '231900', 'sto_sh_tesla_jinqiao'],
      ],
    );
    const res = await upload(bydStaff, 'units', 'stock.csv', file);
    expect(errorsOf(res.body).details.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '3:location_id:LOCATION_NOT_FOUND',
      '4:store_id:LOCATION_NOT_FOUND',
    ]);
    expect(await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.vin, own))).toHaveLength(0);
  });

  it("serves templates listing the columns and the caller's own locations", async () => {
    const tpl = await t.app.inject({
      method: 'GET',
      url: `${API}/import/units/template.csv`,
      headers: bydStaff.bearer,
    });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('text/csv');
    const rows = parse(tpl.rawPayload, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(expect.arrayContaining(['vin', 'trim_id', 'location_id', 'cost_yuan']));
    const listed = rows.filter((r) => r[0]?.startsWith('# loc_')).map((r) => r[0]?.slice(2));
    // Dealer staff are shown their own locations only.
    expect(listed).toEqual([bydLoc]);
    // The example row imports as it is (its trim is a real one, its VIN valid).
    const res = await upload(bydStaff, 'units', 'tpl.csv', tpl.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `${API}/import/accessories/template.xlsx`,
      headers: supply.bearer,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['stock', 'columns']);
  });
});

describe('accessory stock import', () => {
  it('sets counted quantities per location and SKU, refusing a count below what is reserved', async () => {
    const header = ['location_id', 'store_id', 'sku', 'on_hand', 'reason'];
    const first = csv(header, [
      [bydLoc, '', 'MAT-HAN-BLK', '12', '月度盘点'],
      ['', 'sto_sh_tesla_jinqiao', 'MAT-M3-SET', '6', ''],
    ]);
    const res = await upload(supply, 'accessories', 'acc.csv', first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    await reserveAccessoryStock(
      t.database.db,
      { locationId: bydLoc, variantId: 'acv_seed_mat_han_blk', quantity: 5 },
      systemMutation(NOW),
    );
    const second = csv(header, [
      [bydLoc, '', 'MAT-HAN-BLK', '4', ''],
      ['', 'sto_sh_tesla_jinqiao', 'MAT-M3-SET', '6', ''],
      [bydLoc, '', 'NOPE-SKU', '1', ''],
      [bydLoc, '', 'MAT-HAN-BEI', '1.5', ''],
      [teslaLoc, '', 'MAT-M3-SET', '7', ''],
    ]);
    const bad = await upload(supply, 'accessories', 'acc.csv', second);
    expect(errorsOf(bad.body).details.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '2:on_hand:BELOW_RESERVED',
      '4:sku:SKU_NOT_FOUND',
      '5:on_hand:QUANTITY_INVALID',
      '6:sku:DUPLICATE_ROW',
    ]);
    const fixed = csv(header, [
      [bydLoc, '', 'MAT-HAN-BLK', '9', '盘亏 3 件'],
      ['', 'sto_sh_tesla_jinqiao', 'MAT-M3-SET', '6', ''],
    ]);
    const ok = await upload(supply, 'accessories', 'acc.csv', fixed);
    expect(ok.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [row] = await t.database.db
      .select()
      .from(accessoryStock)
      .where(
        and(eq(accessoryStock.locationId, bydLoc), eq(accessoryStock.variantId, 'acv_seed_mat_han_blk')),
      );
    expect(row).toMatchObject({ onHand: 9, reserved: 5 });
    const locs = await t.database.db
      .select()
      .from(stockLocations)
      .where(eq(stockLocations.storeId, 'sto_sh_tesla_jinqiao'));
    expect(locs).toHaveLength(1);
  });
});
