import ExcelJS from 'exceljs';
import { toCsvText } from '../../kernel/csv.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { readSpreadsheet } from '../../kernel/spreadsheet.js';
import { cleanVisibleText, hasVisibleText } from '../../kernel/text.js';
import {
  ENERGY_TYPES,
  type ParameterDefinitionRow,
  type TrimParameterRow,
  type TrimRow,
} from './catalog.schema.js';
import type { TImportResult, TImportRowError, TParameterValue } from './model.contract.js';
import { toTrim, valueOfRow } from './model.mappers.js';
import * as repo from './model.repository.js';
import { publishTrimChanged } from './model.shared.js';
import { checkValue, factsFromSheet, KEY_FACT_PARAMS } from './model.sheet.js';

// Bulk import and export of trims with their parameter sheets, as CSV or XLSX. An import validates every
// row first; any bad row means nothing is written. Rows match trims by (series slug, model year, name).

type ParamColumns = Omit<repo.NewTrimParameterRow, 'trimId'>;

export const FIXED_COLUMNS = [
  'brand',
  'series_slug',
  'series',
  'model_year',
  'trim_name',
  'guide_price_yuan',
  'energy_type',
  'seats',
] as const;

const FIXED_DOCS: Record<(typeof FIXED_COLUMNS)[number], { zh: string; en: string; rule: string }> = {
  brand: {
    zh: '品牌',
    en: 'Brand',
    rule: '可选；填写时须与车系所属品牌一致 / optional; must match the series brand',
  },
  series_slug: {
    zh: '车系标识',
    en: 'Series slug',
    rule: '必填，已存在的车系 slug / required, an existing series slug',
  },
  series: {
    zh: '车系名称',
    en: 'Series name',
    rule: '仅供阅读，导入时忽略 / for reading only, ignored on import',
  },
  model_year: { zh: '年款', en: 'Model year', rule: '必填，1990-2100 的整数 / required integer' },
  trim_name: {
    zh: '车型名称',
    en: 'Trim name',
    rule: '必填，同车系同年款唯一 / required, unique per series and year',
  },
  guide_price_yuan: {
    zh: '厂商指导价(元)',
    en: 'Guide price (yuan)',
    rule: '必填，正数，最多两位小数 / required, > 0',
  },
  energy_type: { zh: '能源类型', en: 'Energy type', rule: ENERGY_TYPES.join(' / ') },
  seats: { zh: '座位数', en: 'Seats', rule: '必填，1-12 的整数 / required integer 1-12' },
};

export type TransferFormat = 'csv' | 'xlsx';

/** One trim as a flat row: fixed columns then one cell per parameter key (empty = no value). */
type Row = Record<string, string>;

function cellOf(value: TParameterValue): string {
  switch (value.type) {
    case 'number':
      return String(value.value);
    case 'text':
      return value.value;
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'feature':
      if (value.value === 'standard') return '●';
      if (value.value === 'none') return '-';
      return value.optionPriceFen ? `○ ${value.optionPriceFen / 100}` : '○';
  }
}

/** Parses a cell for a definition: a typed value, null for an empty cell, or an error message. */
/** A cell problem in both languages (the error handler sends the request's one). */
export type CellProblem = { zh: string; en: string };

export function parseCell(def: ParameterDefinitionRow, raw: string): TParameterValue | null | CellProblem {
  const cell = raw.trim();
  if (cell === '') return null;
  switch (def.valueType) {
    case 'number': {
      const n = Number(cell.replace(/,/g, ''));
      return Number.isFinite(n)
        ? { type: 'number', value: n }
        : { zh: `不是数字：${cell}`, en: `not a number: ${cell}` };
    }
    case 'text':
      return cell.length > 500
        ? { zh: '文字超过 500 个字', en: 'text longer than 500 characters' }
        : { type: 'text', value: cell };
    case 'boolean': {
      const v = cell.toLowerCase();
      if (['true', 'yes', '1', '是', 'y'].includes(v)) return { type: 'boolean', value: true };
      if (['false', 'no', '0', '否', 'n'].includes(v)) return { type: 'boolean', value: false };
      return { zh: `应为 是/否，实际为 ${cell}`, en: `expected true/false (是/否), got ${cell}` };
    }
    case 'feature': {
      if (cell === '●' || cell.toLowerCase() === 'standard') return { type: 'feature', value: 'standard' };
      if (cell === '-' || cell === '—' || cell.toLowerCase() === 'none')
        return { type: 'feature', value: 'none' };
      const m = /^(?:○|optional)\s*(\d+(?:\.\d{1,2})?)?$/i.exec(cell);
      if (m) {
        return {
          type: 'feature',
          value: 'optional',
          optionPriceFen: m[1] ? Math.round(Number(m[1]) * 100) : null,
        };
      }
      return {
        zh: `应为 ●（标配）、○ [选装价，元]（选配）或 -（无），实际为 ${cell}`,
        en: `expected ● (standard), ○ [price in yuan] (optional) or - (none), got ${cell}`,
      };
    }
  }
}

async function dictionary(db: DbHandle): Promise<ParameterDefinitionRow[]> {
  return repo.listDefinitions(db);
}

/** Every trim as export rows (brand, series, year, name, price, energy, seats, then each parameter). */
export async function exportRows(db: DbHandle): Promise<{ columns: string[]; rows: Row[] }> {
  const defs = await dictionary(db);
  const brandRows = await repo.listBrandsWithCounts(db);
  const brandById = new Map(brandRows.map((b) => [b.brand.id, b.brand]));
  const seriesRows = await repo.listSeries(db);
  const seriesById = new Map(seriesRows.map((s) => [s.id, s]));
  const trimRows = await repo.listTrims(db);
  const values = await repo.listTrimParameters(
    db,
    trimRows.map((t) => t.id),
  );
  const byTrim = new Map<string, TrimParameterRow[]>();
  for (const v of values) {
    const list = byTrim.get(v.trimId) ?? [];
    list.push(v);
    byTrim.set(v.trimId, list);
  }
  const columns = [...FIXED_COLUMNS, ...defs.map((d) => d.key)];
  const rows = trimRows.map((t) => {
    const s = seriesById.get(t.seriesId);
    const b = s ? brandById.get(s.brandId) : undefined;
    const row: Row = {
      brand: b?.name ?? '',
      series_slug: s?.slug ?? '',
      series: s?.name ?? '',
      model_year: String(t.modelYear),
      trim_name: t.name,
      guide_price_yuan: String(t.guidePriceFen / 100),
      energy_type: t.energyType,
      seats: String(t.seats),
    };
    const mine = new Map((byTrim.get(t.id) ?? []).map((v) => [v.paramKey, v]));
    for (const d of defs) {
      const v = mine.get(d.key);
      const typed = v ? valueOfRow(v, d) : null;
      row[d.key] = typed ? cellOf(typed) : '';
    }
    return row;
  });
  return { columns, rows };
}

function toCsv(columns: string[], rows: Row[], trailer: string[][] = []): Buffer {
  // Through the kernel writer: a trim or brand name such as =HYPERLINK(...) must not run in a spreadsheet.
  const body = toCsvText([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]);
  const docs = trailer.length ? `\n${toCsvText(trailer)}` : '';
  // A BOM so Excel opens the UTF-8 Chinese text correctly.
  return Buffer.from(`\uFEFF${body}${docs}`, 'utf8');
}

async function toXlsx(columns: string[], rows: Row[], docs?: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Autoyard';
  const ws = wb.addWorksheet('trims');
  ws.addRow(columns);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => r[c] ?? ''));
  ws.views = [{ state: 'frozen', xSplit: 5, ySplit: 1 }];
  if (docs) {
    const d = wb.addWorksheet('columns');
    for (const line of docs) d.addRow(line);
    d.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportTrims(db: DbHandle, format: TransferFormat): Promise<Buffer> {
  const { columns, rows } = await exportRows(db);
  return format === 'csv' ? toCsv(columns, rows) : toXlsx(columns, rows);
}

/** Header row, one example row, and a documentation section (CSV: `#` comment lines; XLSX: a second sheet). */
export async function importTemplate(db: DbHandle, format: TransferFormat): Promise<Buffer> {
  const defs = await dictionary(db);
  const columns = [...FIXED_COLUMNS, ...defs.map((d) => d.key)];
  const example: Row = {
    brand: '比亚迪',
    series_slug: 'byd-qin-plus',
    series: '秦PLUS',
    model_year: '2026',
    trim_name: '2026款 DM-i 120KM 旗舰型',
    guide_price_yuan: '125800',
    energy_type: 'phev',
    seats: '5',
    'body.length_mm': '4765',
    'body.seats': '5',
    'basic.max_power_kw': '160',
    'battery.cltc_range_km': '120',
    'engine.displacement_l': '1.5',
    'driver_assistance.acc': '●',
    'seats.front_ventilation': '○ 2500',
    'climate.fridge': '-',
  };
  const docHeader = ['column', '名称', 'name', 'type', 'unit', 'rule / 说明'];
  const docs: string[][] = [
    docHeader,
    ...FIXED_COLUMNS.map((c) => [c, FIXED_DOCS[c].zh, FIXED_DOCS[c].en, 'fixed', '', FIXED_DOCS[c].rule]),
    ...defs.map((d) => [
      d.key,
      d.name,
      d.nameEn,
      d.valueType,
      d.unit ?? '',
      d.valueType === 'feature'
        ? '● 标配 / ○ [选装价,元] / - 无'
        : d.valueType === 'boolean'
          ? 'true/false (是/否)'
          : d.valueType === 'number'
            ? `数字${d.unit ? `，单位 ${d.unit}` : ''}`
            : '文本',
    ]),
  ];
  if (format === 'xlsx') return toXlsx(columns, [example], docs);
  return toCsv(
    columns,
    [example],
    docs.map((line) => [`# ${line[0]}`, ...line.slice(1)]),
  );
}

/** Reads an uploaded CSV or XLSX file (kernel/spreadsheet.ts) into a header and rows of strings. */
export async function readSheet(bytes: Buffer): Promise<{ header: string[]; rows: string[][] }> {
  const table = await readSpreadsheet(bytes);
  const [header, ...rows] = table ?? [];
  if (!header || header.length === 0 || !header.includes('series_slug'))
    throw new AppError('IMPORT_FILE_UNREADABLE');
  return { header: header.map((h) => h.trim()), rows };
}

interface ValidRow {
  line: number;
  seriesId: string;
  modelYear: number;
  name: string;
  guidePriceFen: number;
  energyType: TrimRow['energyType'];
  seats: number;
  params: ParamColumns[];
}

function canonical(p: {
  paramKey: string;
  numberValue?: string | null;
  textValue?: string | null;
  booleanValue?: boolean | null;
  featureValue?: string | null;
  optionPriceFen?: number | null;
}): string {
  return [
    p.paramKey,
    p.numberValue === null || p.numberValue === undefined ? '' : Number(p.numberValue),
    p.textValue ?? '',
    p.booleanValue ?? '',
    p.featureValue ?? '',
    p.optionPriceFen ?? '',
  ].join('|');
}

/**
 * Validates every row, then (unless dry-run or any row is bad) creates or updates the trims in ONE
 * transaction. Bad rows: IMPORT_ROWS_INVALID with `{ count, errors: [{ row, column, message }] }`.
 */
export async function importTrims(
  db: DbHandle,
  bytes: Buffer,
  dryRun: boolean,
  m: Mutation,
): Promise<TImportResult> {
  const { header, rows } = await readSheet(bytes);
  const defs = await dictionary(db);
  const defByKey = new Map(defs.map((d) => [d.key, d]));
  const errors: (Omit<TImportRowError, 'message'> & { message: CellProblem })[] = [];
  const fixed = new Set<string>(FIXED_COLUMNS);
  header.forEach((h) => {
    if (h !== '' && !fixed.has(h) && !defByKey.has(h))
      errors.push({ row: 1, column: h, message: { zh: '未知的列', en: 'unknown column' } });
  });
  for (const required of [
    'series_slug',
    'model_year',
    'trim_name',
    'guide_price_yuan',
    'energy_type',
    'seats',
  ]) {
    if (!header.includes(required))
      errors.push({ row: 1, column: required, message: { zh: '缺少此列', en: 'missing column' } });
  }
  const dataRows = rows
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const slugs = [...new Set(dataRows.map((r) => (r.cells[header.indexOf('series_slug')] ?? '').trim()))];
  const seriesBySlug = new Map((await repo.findSeriesBySlugs(db, slugs)).map((s) => [s.slug, s]));
  const brandNames = new Map((await repo.listBrandsWithCounts(db)).map((b) => [b.brand.id, b.brand]));

  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();
  if (errors.length === 0) {
    for (const { line, cells } of dataRows) {
      const get = (col: string) => (cells[header.indexOf(col)] ?? '').trim();
      const bad = (column: string, message: CellProblem) => errors.push({ row: line, column, message });
      const before: number = errors.length;
      const s = seriesBySlug.get(get('series_slug'));
      if (!s) {
        bad('series_slug', {
          zh: `未知车系 ${get('series_slug') || '（空）'}`,
          en: `unknown series ${get('series_slug') || '(empty)'}`,
        });
      }
      const brandCell = header.includes('brand') ? get('brand') : '';
      if (s && brandCell) {
        const b = brandNames.get(s.brandId);
        if (b && ![b.name, b.nameEn, b.slug].includes(brandCell))
          bad('brand', {
            zh: `车系 ${s.slug} 属于 ${b.name}`,
            en: `series ${s.slug} belongs to ${b.nameEn}`,
          });
      }
      const year = Number(get('model_year'));
      if (!Number.isInteger(year) || year < 1990 || year > 2100)
        bad('model_year', { zh: '应为 1990 至 2100 之间的整数年份', en: 'an integer year 1990-2100' });
      // The same cleaning as the API's trim name (ZVisibleText): no invisible-only or bidi-spoofed names.
      const name = cleanVisibleText(get('trim_name'));
      if (!hasVisibleText(name) || name.length > 120)
        bad('trim_name', {
          zh: '必填，须为可见文字，最多 120 个字',
          en: 'required visible text, at most 120 characters',
        });
      const priceText = get('guide_price_yuan').replace(/,/g, '');
      const price = Number(priceText);
      if (!/^\d+(\.\d{1,2})?$/.test(priceText) || price <= 0 || price > 100_000_000) {
        bad('guide_price_yuan', {
          zh: '应为正数金额（元），最多两位小数',
          en: 'a positive amount in yuan with at most 2 decimals',
        });
      }
      const energy = get('energy_type');
      if (!(ENERGY_TYPES as readonly string[]).includes(energy))
        bad('energy_type', {
          zh: `应为以下之一：${ENERGY_TYPES.join(', ')}`,
          en: `one of ${ENERGY_TYPES.join(', ')}`,
        });
      const seats = Number(get('seats'));
      if (!Number.isInteger(seats) || seats < 1 || seats > 12)
        bad('seats', { zh: '应为 1 至 12 之间的整数', en: 'an integer 1-12' });
      const params: ParamColumns[] = [];
      for (const col of header) {
        const def = defByKey.get(col);
        if (!def) continue;
        const parsed = parseCell(def, get(col));
        if (parsed === null) continue;
        if ('zh' in parsed) {
          bad(col, parsed);
          continue;
        }
        const checked = checkValue(def, parsed);
        if (!checked.ok) bad(col, checked.message);
        else params.push(checked.row);
        if (
          col === KEY_FACT_PARAMS.seats &&
          parsed.type === 'number' &&
          Number.isInteger(seats) &&
          parsed.value !== seats
        ) {
          bad(col, { zh: `须与座位数列一致（${seats}）`, en: `must equal the seats column (${seats})` });
        }
      }
      if (s && name && Number.isInteger(year)) {
        const k = `${s.id}|${year}|${name}`;
        const first = seen.get(k);
        if (first !== undefined)
          bad('trim_name', { zh: `与第 ${first} 行重复`, en: `duplicate of row ${first}` });
        else seen.set(k, line);
      }
      if (errors.length === before && s) {
        valid.push({
          line,
          seriesId: s.id,
          modelYear: year,
          name,
          guidePriceFen: Math.round(price * 100),
          energyType: energy as TrimRow['energyType'],
          seats,
          params,
        });
      }
    }
  }
  if (errors.length) throw new AppError('IMPORT_ROWS_INVALID', { count: errors.length, errors });

  const run = async (tx: DbHandle, write: boolean) => {
    const seriesIds = [...new Set(valid.map((v) => v.seriesId))];
    const existing = seriesIds.length ? await repo.listTrims(tx, { seriesIds }) : [];
    const byKey = new Map(existing.map((t) => [`${t.seriesId}|${t.modelYear}|${t.name}`, t]));
    const existingValues = await repo.listTrimParameters(
      tx,
      existing.map((t) => t.id),
    );
    const valuesByTrim = new Map<string, string[]>();
    for (const v of existingValues) {
      const list = valuesByTrim.get(v.trimId) ?? [];
      list.push(canonical(v));
      valuesByTrim.set(v.trimId, list);
    }
    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const v of valid) {
      const facts = factsFromSheet(v.params);
      const current = byKey.get(`${v.seriesId}|${v.modelYear}|${v.name}`);
      const fields = {
        guidePriceFen: v.guidePriceFen,
        energyType: v.energyType,
        seats: v.seats,
        electricRangeKm: facts.electricRangeKm ?? null,
        displacementL: facts.displacementL ?? null,
        powerKw: facts.powerKw ?? null,
      };
      if (!current) {
        result.created++;
        if (!write) continue;
        const row = await repo.insertTrim(tx, {
          id: newId('trm'),
          seriesId: v.seriesId,
          modelYear: v.modelYear,
          name: v.name,
          ...fields,
          nevTaxExempt: false,
          status: 'on_sale',
          createdAt: m.at,
          updatedAt: m.at,
        });
        await repo.replaceTrimParameters(
          tx,
          row.id,
          v.params.map((p) => ({ ...p, trimId: row.id })),
        );
        await audit(tx, m, {
          action: 'catalog.trim.import_create',
          entityType: 'trim',
          entityId: row.id,
          before: null,
          after: { ...toTrim(row), parameters: v.params.length, row: v.line },
        });
        await publishTrimChanged(tx, row.id, m.at);
        continue;
      }
      const sameFacts =
        current.guidePriceFen === fields.guidePriceFen &&
        current.energyType === fields.energyType &&
        current.seats === fields.seats &&
        current.electricRangeKm === fields.electricRangeKm &&
        (current.displacementL === null ? null : Number(current.displacementL)) ===
          (fields.displacementL === null ? null : Number(fields.displacementL)) &&
        current.powerKw === fields.powerKw;
      const oldValues = (valuesByTrim.get(current.id) ?? []).sort().join('\n');
      const newValues = v.params.map(canonical).sort().join('\n');
      if (sameFacts && oldValues === newValues) {
        result.unchanged++;
        continue;
      }
      result.updated++;
      if (!write) continue;
      const after = await repo.updateTrim(tx, current.id, { ...fields, updatedAt: m.at });
      await repo.replaceTrimParameters(
        tx,
        current.id,
        v.params.map((p) => ({ ...p, trimId: current.id })),
      );
      await audit(tx, m, {
        action: 'catalog.trim.import_update',
        entityType: 'trim',
        entityId: current.id,
        before: toTrim(current),
        after: { ...toTrim(after), parameters: v.params.length, row: v.line },
      });
      await publishTrimChanged(tx, current.id, m.at);
    }
    return result;
  };
  const counts = dryRun ? await run(db, false) : await withTransaction(db, (tx) => run(tx, true));
  return { dryRun, rows: valid.length, ...counts };
}
