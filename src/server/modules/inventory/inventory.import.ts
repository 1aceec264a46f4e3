import ExcelJS from 'exceljs';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import { toCsvText } from '../../kernel/csv.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { readSpreadsheet } from '../../kernel/spreadsheet.js';
import { cleanVisibleText, hasVisibleText } from '../../kernel/text.js';
import { accessoryVariantFacts } from '../accessories/index.js';
import { trimsWithSeriesAndBrand } from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import { isValidVin, normalizeVin } from '../listings/index.js';
import { adjustAt } from './inventory.accessories.js';
import type { TInventoryImportResult, TInventoryImportRowError } from './inventory.contract.js';
import type { ImportKind } from './inventory.enums.js';
import { InventoryEvents } from './inventory.events.js';
import { stockFacts } from './inventory.machine.js';
import * as repo from './inventory.repository.js';
import type { StockLocationRow } from './inventory.schema.js';
import { ensureStoreLocation } from './inventory.service.js';

// Bulk import of vehicle units (by VIN) and accessory stock counts, as CSV or XLSX, with the catalog
// import's report: every row is validated first and each problem listed as (row, column, code, message in
// zh and en); any problem means nothing is written, otherwise all rows commit in ONE transaction. Dealer
// staff import only into their own dealer's locations.

type Problem = { zh: string; en: string };
type RowError = Omit<TInventoryImportRowError, 'message'> & { message: Problem };
type Row = Record<string, string>;

/** More rows than this in one file are refused (split the file): one transaction must stay short. */
export const IMPORT_MAX_ROWS = 5000;

interface ColumnDoc {
  readonly zh: string;
  readonly en: string;
  readonly rule: string;
  readonly required?: boolean;
}

export const UNIT_COLUMNS: Record<string, ColumnDoc> = {
  vin: {
    zh: 'VIN 码',
    en: 'VIN',
    rule: '必填，17 位，不含 I/O/Q，第 9 位校验位正确，不可重复 / required, 17 chars, no I/O/Q, valid check digit, unique',
    required: true,
  },
  trim_id: {
    zh: '车型 ID',
    en: 'Trim id',
    rule: '与 series_slug+model_year+trim_name 二选一 / or give series_slug + model_year + trim_name',
  },
  series_slug: {
    zh: '车系标识',
    en: 'Series slug',
    rule: '车型模板导出中的 slug / as in the catalog export',
  },
  model_year: { zh: '年款', en: 'Model year', rule: '整数 / integer' },
  trim_name: { zh: '车型名称', en: 'Trim name', rule: '与车型库一致 / as in the model database' },
  exterior_colour: {
    zh: '外观颜色',
    en: 'Exterior colour',
    rule: '必填，最多 30 字 / required',
    required: true,
  },
  location_id: {
    zh: '库存地点 ID',
    en: 'Stock location id',
    rule: '与 store_id 二选一 / or give store_id',
  },
  store_id: {
    zh: '门店 ID',
    en: 'Store id',
    rule: '门店的库存地点首次使用时创建 / its location is made on first use',
  },
  status: {
    zh: '状态',
    en: 'Status',
    rule: 'available（在库，默认）或 in_transit（在途） / available (default) or in_transit',
  },
  entered_stock_date: {
    zh: '入库日期',
    en: 'Entered stock',
    rule: 'YYYY-MM-DD（北京时间），默认今天 / Asia/Shanghai date, default today',
  },
  cost_yuan: {
    zh: '采购成本(元)',
    en: 'Cost (yuan)',
    rule: '必填，非负，最多两位小数 / required, >= 0, 2 decimals',
    required: true,
  },
  listing_id: { zh: '二手车上架 ID', en: 'Used-car listing id', rule: '可选 / optional' },
};

export const ACCESSORY_COLUMNS: Record<string, ColumnDoc> = {
  location_id: { zh: '库存地点 ID', en: 'Stock location id', rule: '与 store_id 二选一 / or give store_id' },
  store_id: {
    zh: '门店 ID',
    en: 'Store id',
    rule: '门店的库存地点首次使用时创建 / its location is made on first use',
  },
  sku: {
    zh: '配件 SKU',
    en: 'Accessory SKU',
    rule: '必填，已存在的 SKU / required, an existing SKU',
    required: true,
  },
  on_hand: {
    zh: '盘点数量',
    en: 'Counted on hand',
    rule: '必填，非负整数，不少于已预留数 / required integer >= reserved',
    required: true,
  },
  reason: { zh: '原因', en: 'Reason', rule: '可选，默认“批量导入” / optional' },
};

const COLUMNS: Record<ImportKind, Record<string, ColumnDoc>> = {
  units: UNIT_COLUMNS,
  accessories: ACCESSORY_COLUMNS,
};

// ---- templates ----

function toCsv(columns: string[], rows: Row[], trailer: string[][]): Buffer {
  // Through the kernel writer: a cell such as =HYPERLINK(...) must not run in a spreadsheet.
  const body = toCsvText([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]);
  // A BOM so Excel opens the UTF-8 Chinese text correctly; `#` lines are skipped on import.
  return Buffer.from(`\uFEFF${body}\n${toCsvText(trailer.map((l) => [`# ${l[0]}`, ...l.slice(1)]))}`, 'utf8');
}

async function toXlsx(columns: string[], rows: Row[], docs: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Autoyard';
  const ws = wb.addWorksheet('stock');
  ws.addRow(columns);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => r[c] ?? ''));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const d = wb.addWorksheet('columns');
  for (const line of docs) d.addRow(line);
  d.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The import template: header, one example row and the column documentation (CSV: `#` lines; XLSX: a second
 * sheet), followed by the caller's stock locations so staff can copy their ids.
 */
export async function importTemplate(
  db: DbHandle,
  actor: StaffActor,
  kind: ImportKind,
  format: 'csv' | 'xlsx',
  now: Date,
): Promise<Buffer> {
  const columns = Object.keys(COLUMNS[kind]);
  const locations = await repo.listLocations(db, actor.dealerId);
  const first = locations[0];
  // The example names a trim the model database really has, so the template imports once its VIN is real.
  const [trim] = kind === 'units' ? await trimsWithSeriesAndBrand(db, 'all') : [];
  const example: Row =
    kind === 'units'
      ? {
          vin: 'LGXCE4CB5R2000017',
          series_slug: trim?.series.slug ?? '',
          model_year: trim ? String(trim.trim.modelYear) : '',
          trim_name: trim?.trim.name ?? '',
          exterior_colour: '雪域白',
          location_id: first?.id ?? '',
          status: 'available',
          entered_stock_date: shanghaiDay(now),
          cost_yuan: '215800',
        }
      : { location_id: first?.id ?? '', sku: 'MAT-HAN-BLK', on_hand: '20', reason: '月度盘点' };
  const docs: string[][] = [
    ['column', '名称', 'name', 'rule / 说明'],
    ...Object.entries(COLUMNS[kind]).map(([c, d]) => [c, d.zh, d.en, d.rule]),
    ['', '', '', ''],
    ['location_id', '库存地点', 'stock location', 'store_id'],
    ...locations.map((l) => [l.id, l.name, l.kind, l.storeId ?? '']),
  ];
  return format === 'csv' ? toCsv(columns, [example], docs) : toXlsx(columns, [example], docs);
}

// ---- reading ----

/** Reads an uploaded CSV or XLSX file (kernel/spreadsheet.ts) into a header and rows of strings. */
export async function readSheet(bytes: Buffer): Promise<{ header: string[]; rows: string[][] }> {
  const table = await readSpreadsheet(bytes);
  const [header, ...rows] = table ?? [];
  if (!header || header.every((h) => h.trim() === '')) throw new AppError('INVENTORY_IMPORT_FILE_UNREADABLE');
  return { header: header.map((h) => h.trim()), rows };
}

/** Header problems (unknown or missing columns) and the data rows with their line numbers. */
function prepare(kind: ImportKind, header: string[], rows: string[][]) {
  const docs = COLUMNS[kind];
  const errors: RowError[] = [];
  for (const h of header) {
    if (h !== '' && !(h in docs)) {
      errors.push({
        row: 1,
        column: h,
        code: 'COLUMN_UNKNOWN',
        message: { zh: '未知的列', en: 'unknown column' },
      });
    }
  }
  for (const [c, d] of Object.entries(docs)) {
    if (d.required && !header.includes(c)) {
      errors.push({
        row: 1,
        column: c,
        code: 'COLUMN_MISSING',
        message: { zh: '缺少此列', en: 'missing column' },
      });
    }
  }
  const data = rows
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length > IMPORT_MAX_ROWS) {
    errors.push({
      row: 1,
      column: '',
      code: 'TOO_MANY_ROWS',
      message: {
        zh: `一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`,
        en: `at most ${IMPORT_MAX_ROWS} rows per file; split it`,
      },
    });
  }
  const get = (cells: string[], col: string) =>
    header.includes(col) ? (cells[header.indexOf(col)] ?? '').trim() : '';
  return { errors, data, get };
}

/** Resolves each row's location (by id or store) once per distinct value; dealer staff only their own. */
async function locationResolver(db: DbHandle, actor: StaffActor) {
  const byId = new Map<string, StockLocationRow | null>();
  const byStore = new Map<
    string,
    { storeId: string; dealerId: string; location: StockLocationRow | null } | null
  >();
  const mine = (dealerId: string | null) => actor.dealerId === null || actor.dealerId === dealerId;
  return async (
    locationId: string,
    storeId: string,
  ): Promise<{ location: StockLocationRow | null; storeId: string | null } | Problem> => {
    if ((locationId === '') === (storeId === '')) {
      return { zh: '请填写 location_id 或 store_id 之一', en: 'give either location_id or store_id' };
    }
    if (locationId) {
      if (!byId.has(locationId)) byId.set(locationId, (await repo.findLocation(db, locationId)) ?? null);
      const loc = byId.get(locationId);
      if (!loc || !mine(loc.dealerId))
        return { zh: `库存地点不存在：${locationId}`, en: `no such stock location: ${locationId}` };
      return { location: loc, storeId: loc.storeId };
    }
    if (!byStore.has(storeId)) {
      const store = await getPublicStore(db, storeId).catch(() => null);
      byStore.set(
        storeId,
        store
          ? {
              storeId,
              dealerId: store.dealer.id,
              location: (await repo.findLocationOfStore(db, storeId)) ?? null,
            }
          : null,
      );
    }
    const s = byStore.get(storeId);
    if (!s || !mine(s.dealerId)) return { zh: `门店不存在：${storeId}`, en: `no such store: ${storeId}` };
    return { location: s.location, storeId };
  };
}

function reject(errors: RowError[]): never {
  throw new AppError('INVENTORY_IMPORT_ROWS_INVALID', { count: errors.length, errors });
}

// ---- units ----

interface UnitLine {
  line: number;
  vin: string;
  trimId: string;
  colour: string;
  locationId: string | null;
  storeId: string | null;
  status: 'available' | 'in_transit';
  enteredStockAt: Date;
  costFen: number;
  listingId: string | null;
}

const VIN_CHARS = /^[A-HJ-NPR-Z0-9]{17}$/;

/** Checks every row of a unit file; returns the rows to write or throws the report. */
async function checkUnits(db: DbHandle, actor: StaffActor, bytes: Buffer, now: Date): Promise<UnitLine[]> {
  const { header, rows } = await readSheet(bytes);
  const { errors, data, get } = prepare('units', header, rows);
  if (errors.length > 0) reject(errors);
  const trims = await trimsWithSeriesAndBrand(db, 'all');
  const trimIds = new Set(trims.map((t) => t.trim.id));
  const trimByName = new Map(
    trims.map((t) => [`${t.series.slug}|${t.trim.modelYear}|${t.trim.name}`, t.trim.id]),
  );
  const vins = data.map((r) => normalizeVin(get(r.cells, 'vin')));
  const taken = new Set(
    (
      await repo.unitsWithVins(
        db,
        vins.filter((v) => v.length === 17),
      )
    ).map((u) => u.vin),
  );
  const resolve = await locationResolver(db, actor);
  const seen = new Map<string, number>();
  const out: UnitLine[] = [];
  for (const { line, cells } of data) {
    const before = errors.length;
    const bad = (column: string, code: string, message: Problem) =>
      errors.push({ row: line, column, code, message });
    const vin = normalizeVin(get(cells, 'vin'));
    if (vin.length !== 17)
      bad('vin', 'VIN_LENGTH', {
        zh: `VIN 须为 17 位（实际 ${vin.length} 位）`,
        en: `a VIN has 17 characters (got ${vin.length})`,
      });
    else if (!VIN_CHARS.test(vin))
      bad('vin', 'VIN_CHARACTERS', {
        zh: 'VIN 只能含数字和字母，且不含 I、O、Q',
        en: 'letters and digits only, without I, O or Q',
      });
    else if (!isValidVin(vin))
      bad('vin', 'VIN_CHECK_DIGIT', {
        zh: '第 9 位校验位不正确',
        en: 'the check digit (position 9) is wrong',
      });
    else if (seen.has(vin))
      bad('vin', 'VIN_DUPLICATE_IN_FILE', {
        zh: `与第 ${seen.get(vin)} 行的 VIN 重复`,
        en: `same VIN as row ${seen.get(vin)}`,
      });
    else if (taken.has(vin))
      bad('vin', 'VIN_TAKEN', {
        zh: '该 VIN 的车辆已在库存中',
        en: 'a unit with this VIN is already in stock',
      });
    if (vin.length === 17 && !seen.has(vin)) seen.set(vin, line);

    let trimId = get(cells, 'trim_id');
    if (trimId) {
      if (!trimIds.has(trimId))
        bad('trim_id', 'TRIM_NOT_FOUND', { zh: `车型不存在：${trimId}`, en: `no such trim: ${trimId}` });
    } else {
      const key = `${get(cells, 'series_slug')}|${get(cells, 'model_year')}|${cleanVisibleText(get(cells, 'trim_name'))}`;
      trimId = trimByName.get(key) ?? '';
      if (!trimId) {
        bad('trim_name', 'TRIM_NOT_FOUND', {
          zh: '找不到车型：请填写 trim_id，或与车型库一致的 series_slug、model_year、trim_name',
          en: 'no such trim: give trim_id, or series_slug, model_year and trim_name as in the model database',
        });
      }
    }
    const colour = cleanVisibleText(get(cells, 'exterior_colour'));
    if (!hasVisibleText(colour) || colour.length > 30)
      bad('exterior_colour', 'COLOUR_INVALID', {
        zh: '必填，最多 30 个字',
        en: 'required, at most 30 characters',
      });

    const place = await resolve(get(cells, 'location_id'), get(cells, 'store_id'));
    if ('zh' in place)
      bad(
        get(cells, 'store_id') && !get(cells, 'location_id') ? 'store_id' : 'location_id',
        'LOCATION_NOT_FOUND',
        place,
      );

    const statusCell = get(cells, 'status') || 'available';
    if (statusCell !== 'available' && statusCell !== 'in_transit')
      bad('status', 'STATUS_INVALID', { zh: '应为 available 或 in_transit', en: 'available or in_transit' });

    const dateCell = get(cells, 'entered_stock_date');
    let enteredStockAt = now;
    if (dateCell) {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(dateCell) ? shanghaiDayStart(dateCell) : new Date(Number.NaN);
      if (Number.isNaN(d.getTime()) || d > now)
        bad('entered_stock_date', 'DATE_INVALID', {
          zh: '应为不晚于今天的日期 YYYY-MM-DD',
          en: 'a date YYYY-MM-DD not in the future',
        });
      else enteredStockAt = d;
    }
    const costText = get(cells, 'cost_yuan').replace(/,/g, '');
    const cost = Number(costText);
    if (!/^\d+(\.\d{1,2})?$/.test(costText) || cost > 100_000_000)
      bad('cost_yuan', 'COST_INVALID', {
        zh: '应为非负金额（元），最多两位小数',
        en: 'an amount in yuan >= 0 with at most 2 decimals',
      });

    if (errors.length === before && !('zh' in place)) {
      out.push({
        line,
        vin,
        trimId,
        colour,
        locationId: place.location?.id ?? null,
        storeId: place.storeId,
        status: statusCell as UnitLine['status'],
        enteredStockAt,
        costFen: Math.round(cost * 100),
        listingId: get(cells, 'listing_id') || null,
      });
    }
  }
  if (errors.length > 0) reject(errors);
  return out;
}

/** Imports vehicle units; a dry run validates and counts without writing. */
export async function importUnits(
  db: DbHandle,
  bytes: Buffer,
  dryRun: boolean,
  mutation: Mutation,
): Promise<TInventoryImportResult> {
  const actor = staffOf(mutation);
  const lines = await checkUnits(db, actor, bytes, mutation.at);
  const result = {
    dryRun,
    kind: 'units' as const,
    rows: lines.length,
    created: lines.length,
    updated: 0,
    unchanged: 0,
  };
  if (dryRun) return result;
  await withTransaction(db, async (tx) => {
    const locations = new Map<string, StockLocationRow>();
    const errors: RowError[] = [];
    for (const l of lines) {
      const location = l.locationId
        ? (locations.get(l.locationId) ?? (await repo.findLocation(tx, l.locationId)))
        : await ensureStoreLocation(tx, l.storeId ?? '', mutation);
      if (!location) throw new AppError('STOCK_LOCATION_NOT_FOUND');
      locations.set(location.id, location);
      const row = await repo.insertUnit(tx, {
        id: newId('veh'),
        vin: l.vin,
        trimId: l.trimId,
        exteriorColour: l.colour,
        locationId: location.id,
        storeId: location.storeId,
        dealerId: location.dealerId,
        status: l.status,
        enteredStockAt: l.enteredStockAt,
        costFen: l.costFen,
        listingId: l.listingId,
        version: 1,
        createdAt: mutation.at,
        updatedAt: mutation.at,
      });
      // Someone received the same VIN since the check: the unique index decides; report it like any row.
      if (!row) {
        errors.push({
          row: l.line,
          column: 'vin',
          code: 'VIN_TAKEN',
          message: { zh: '该 VIN 的车辆已在库存中', en: 'a unit with this VIN is already in stock' },
        });
        continue;
      }
      await audit(tx, mutation, {
        action: 'vehicle_unit.import',
        entityType: 'vehicle_unit',
        entityId: row.id,
        after: { ...row, row: l.line },
      });
      await publish(tx, InventoryEvents.unitCreated, row.id, stockFacts(row), mutation.at);
      if (row.status === 'available')
        await publish(tx, InventoryEvents.stockChanged, row.id, stockFacts(row), mutation.at);
    }
    // All or nothing: throwing rolls back every row written above.
    if (errors.length > 0) reject(errors);
  });
  return result;
}

// ---- accessory stock ----

interface AccessoryLine {
  line: number;
  location: StockLocationRow | null;
  storeId: string | null;
  variantId: string;
  onHand: number;
  reason: string;
  /** The row as it stands (undefined: a new row). */
  current: { onHand: number; reserved: number } | undefined;
}

async function checkAccessories(db: DbHandle, actor: StaffActor, bytes: Buffer): Promise<AccessoryLine[]> {
  const { header, rows } = await readSheet(bytes);
  const { errors, data, get } = prepare('accessories', header, rows);
  if (errors.length > 0) reject(errors);
  const variants = new Map(
    (await accessoryVariantFacts(db, { skus: data.map((r) => get(r.cells, 'sku')).filter(Boolean) })).map(
      (v) => [v.sku, v],
    ),
  );
  const resolve = await locationResolver(db, actor);
  const seen = new Map<string, number>();
  const out: AccessoryLine[] = [];
  for (const { line, cells } of data) {
    const before = errors.length;
    const bad = (column: string, code: string, message: Problem) =>
      errors.push({ row: line, column, code, message });
    const sku = get(cells, 'sku');
    const variant = variants.get(sku);
    if (!variant)
      bad('sku', 'SKU_NOT_FOUND', {
        zh: `配件 SKU 不存在：${sku || '（空）'}`,
        en: `no such SKU: ${sku || '(empty)'}`,
      });
    const place = await resolve(get(cells, 'location_id'), get(cells, 'store_id'));
    if ('zh' in place)
      bad(
        get(cells, 'store_id') && !get(cells, 'location_id') ? 'store_id' : 'location_id',
        'LOCATION_NOT_FOUND',
        place,
      );
    const qtyText = get(cells, 'on_hand');
    const onHand = Number(qtyText);
    if (!/^\d+$/.test(qtyText) || onHand > 1_000_000)
      bad('on_hand', 'QUANTITY_INVALID', { zh: '应为非负整数', en: 'a whole number >= 0' });
    const reason = cleanVisibleText(get(cells, 'reason')) || '批量导入';
    if (reason.length > 200)
      bad('reason', 'REASON_TOO_LONG', { zh: '最多 200 个字', en: 'at most 200 characters' });
    let current: AccessoryLine['current'];
    if (variant && !('zh' in place)) {
      const key = `${place.location?.id ?? place.storeId}|${variant.id}`;
      const first = seen.get(key);
      if (first !== undefined)
        bad('sku', 'DUPLICATE_ROW', {
          zh: `与第 ${first} 行是同一地点的同一 SKU`,
          en: `same SKU at the same location as row ${first}`,
        });
      else seen.set(key, line);
      const row = place.location
        ? await repo.findAccessoryStock(db, place.location.id, variant.id)
        : undefined;
      current = row ? { onHand: row.onHand, reserved: row.reserved } : undefined;
      if (row && Number.isInteger(onHand) && onHand < row.reserved) {
        bad('on_hand', 'BELOW_RESERVED', {
          zh: `不能少于已预留的 ${row.reserved} 件`,
          en: `cannot be below the ${row.reserved} reserved`,
        });
      }
    }
    if (errors.length === before && variant && !('zh' in place)) {
      out.push({
        line,
        location: place.location,
        storeId: place.storeId,
        variantId: variant.id,
        onHand,
        reason,
        current,
      });
    }
  }
  if (errors.length > 0) reject(errors);
  return out;
}

/** Imports accessory stock counts (on hand per location and SKU); a dry run validates and counts. */
export async function importAccessoryStock(
  db: DbHandle,
  bytes: Buffer,
  dryRun: boolean,
  mutation: Mutation,
): Promise<TInventoryImportResult> {
  const actor = staffOf(mutation);
  const lines = await checkAccessories(db, actor, bytes);
  const changed = lines.filter((l) => l.current?.onHand !== l.onHand);
  const result = {
    dryRun,
    kind: 'accessories' as const,
    rows: lines.length,
    created: changed.filter((l) => !l.current).length,
    updated: changed.filter((l) => l.current).length,
    unchanged: lines.length - changed.length,
  };
  if (dryRun) return result;
  await withTransaction(db, async (tx) => {
    for (const l of changed) {
      const location = l.location ?? (await ensureStoreLocation(tx, l.storeId ?? '', mutation));
      try {
        await adjustAt(
          tx,
          location,
          { locationId: location.id, variantId: l.variantId, change: { onHand: l.onHand }, reason: l.reason },
          mutation,
        );
      } catch (e) {
        // Reserved since the check: report the row; throwing rolls everything back.
        if (e instanceof AppError && e.code === 'ACCESSORY_STOCK_BELOW_RESERVED') {
          reject([
            {
              row: l.line,
              column: 'on_hand',
              code: 'BELOW_RESERVED',
              message: { zh: '少于已预留数量', en: 'below what is reserved' },
            },
          ]);
        }
        throw e;
      }
    }
  });
  return result;
}

/** Imports a file of the given kind. */
export function importStock(
  db: DbHandle,
  kind: ImportKind,
  bytes: Buffer,
  dryRun: boolean,
  mutation: Mutation,
): Promise<TInventoryImportResult> {
  return kind === 'units'
    ? importUnits(db, bytes, dryRun, mutation)
    : importAccessoryStock(db, bytes, dryRun, mutation);
}
