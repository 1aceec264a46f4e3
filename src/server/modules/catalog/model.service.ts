import { pinyin } from 'pinyin-pro';
import { recordAudit } from '../../kernel/audit/audit.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { AppError } from '../../kernel/http/errors.js';
import type { MutationMeta } from '../../kernel/http/mutation-meta.js';
import { newId } from '../../kernel/ids.js';
import type {
  BrandRow,
  MediaRow,
  NewTrimRow,
  OptionPackageRow,
  ParameterDefinitionRow,
  SeriesRow,
  TrimColourRow,
  TrimParameterRow,
  TrimRow,
} from './catalog.schema.js';
import {
  PARAMETER_GROUP_NAMES,
  PARAMETER_GROUPS,
  SPIN_FRAMES,
  type TBrand,
  type TBrandDetail,
  type TBrandIndex,
  type TColour,
  type TCreateBrandRequest,
  type TCreateParameterRequest,
  type TCreateSeriesRequest,
  type TCreateTrimRequest,
  type TMedia,
  type TOptionPackage,
  type TParameterDefinition,
  type TParameterGroup,
  type TParameterValue,
  type TPutColoursRequest,
  type TPutPackagesRequest,
  type TSeries,
  type TSeriesDetail,
  type TTrim,
  type TTrimDetail,
  type TUpdateBrandRequest,
  type TUpdateParameterRequest,
  type TUpdateSeriesRequest,
  type TUpdateTrimRequest,
} from './model.contract.js';
import * as repo from './model.repository.js';

type Handle = Db | Tx;

/** Who/when/where of a staff mutation, for the audit row. */
export interface ModelMutation extends MutationMeta {
  actor: StaffActor | null;
}

/** Events the model database publishes (payloads carry ids; the search index re-reads the trim). */
export const ModelEvents = {
  trimChanged: 'catalog.trim_changed',
} as const;

/** Parameter keys whose values are copied onto catalog_trims as key facts (filters, cards). */
export const KEY_FACT_PARAMS = {
  seats: 'body.seats',
  electricRangeKm: 'battery.cltc_range_km',
  displacementL: 'engine.displacement_l',
  powerKw: 'basic.max_power_kw',
} as const;

export const API_BASE = '/api/v1/catalog';

/** URL of a generated demo picture of a trim. */
export function artUrl(trimId: string, angle: string): string {
  return `${API_BASE}/media/art/${trimId}/${angle}.svg`;
}

// ---- mappers ----

export function romanize(name: string): string {
  return pinyin(name, { toneType: 'none', separator: '', nonZh: 'consecutive', v: true })
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function initialOf(pinyinText: string): string {
  const c = pinyinText.charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

function toBrand(row: BrandRow, seriesCount: number): TBrand {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    aliases: row.aliases,
    initial: row.initial,
    country: row.country,
    colours: row.colours,
    sort: row.sort,
    seriesCount,
  };
}

function toSeries(row: SeriesRow, stats: repo.SeriesStats | undefined): TSeries {
  return {
    id: row.id,
    brandId: row.brandId,
    slug: row.slug,
    name: row.name,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    aliases: row.aliases,
    manufacturer: row.manufacturer,
    bodyType: row.bodyType,
    energyType: row.energyType,
    segment: row.segment,
    status: row.status,
    trimCount: stats?.trimCount ?? 0,
    priceRange:
      stats && stats.minFen !== null && stats.maxFen !== null
        ? { minFen: stats.minFen, maxFen: stats.maxFen }
        : null,
    coverUrl: stats?.coverTrimId ? artUrl(stats.coverTrimId, 'front_45') : null,
  };
}

export function toTrim(row: TrimRow): TTrim {
  return {
    id: row.id,
    seriesId: row.seriesId,
    modelYear: row.modelYear,
    name: row.name,
    guidePriceFen: row.guidePriceFen,
    energyType: row.energyType,
    seats: row.seats,
    electricRangeKm: row.electricRangeKm,
    displacementL: row.displacementL === null ? null : Number(row.displacementL),
    powerKw: row.powerKw,
    nevTaxExempt: row.nevTaxExempt,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDefinition(row: ParameterDefinitionRow): TParameterDefinition {
  return {
    key: row.key,
    group: row.group,
    name: row.name,
    nameEn: row.nameEn,
    valueType: row.valueType,
    unit: row.unit,
    filterable: row.filterable,
    sort: row.sort,
  };
}

function toColour(row: TrimColourRow): TColour {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    nameEn: row.nameEn,
    hex: row.hex,
    priceDeltaFen: row.priceDeltaFen,
    sort: row.sort,
  };
}

function toPackage(row: OptionPackageRow): TOptionPackage {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    priceFen: row.priceFen,
    includes: row.includes,
  };
}

export function toMedia(row: MediaRow): TMedia {
  const out: TMedia = {
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    kind: row.kind,
    angle: row.angle,
    url: row.url,
    thumbUrl: row.thumbUrl,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    sort: row.sort,
  };
  if (row.kind === 'spin360' && row.url.includes('spin-00')) {
    out.frames = Array.from({ length: SPIN_FRAMES }, (_, i) =>
      row.url.replace('spin-00', `spin-${String(i).padStart(2, '0')}`),
    );
  }
  return out;
}

/** The typed value stored in a parameter row (null when the row does not match its definition's type). */
export function valueOfRow(row: TrimParameterRow, def: ParameterDefinitionRow): TParameterValue | null {
  switch (def.valueType) {
    case 'number':
      return row.numberValue === null
        ? null
        : { type: 'number', value: Number(row.numberValue), unit: def.unit };
    case 'feature':
      return row.featureValue === null
        ? null
        : { type: 'feature', value: row.featureValue, optionPriceFen: row.optionPriceFen };
    case 'text':
      return row.textValue === null ? null : { type: 'text', value: row.textValue };
    case 'boolean':
      return row.booleanValue === null ? null : { type: 'boolean', value: row.booleanValue };
  }
}

/** Groups a trim's values in the dictionary's group order (and sort order within a group). */
export function buildParameterSheet(
  defs: ParameterDefinitionRow[],
  rows: TrimParameterRow[],
): TParameterGroup[] {
  const byKey = new Map(rows.map((r) => [r.paramKey, r]));
  const groups: TParameterGroup[] = [];
  for (const group of PARAMETER_GROUPS) {
    const items: TParameterGroup['items'] = [];
    for (const def of defs) {
      if (def.group !== group) continue;
      const row = byKey.get(def.key);
      const value = row ? valueOfRow(row, def) : null;
      if (value) items.push({ key: def.key, name: def.name, nameEn: def.nameEn, unit: def.unit, value });
    }
    if (items.length) {
      const names = PARAMETER_GROUP_NAMES[group];
      groups.push({ group, name: names.zh, nameEn: names.en, items });
    }
  }
  return groups;
}

// ---- validation of parameter values against the dictionary ----

export interface ValueProblem {
  key: string;
  message: string;
}

/** Checks one value against its definition; returns a problem message or the row columns to store. */
export function checkValue(
  def: ParameterDefinitionRow,
  value: TParameterValue,
): { ok: true; row: Omit<repo.NewTrimParameterRow, 'trimId'> } | { ok: false; message: string } {
  if (value.type !== def.valueType) {
    return { ok: false, message: `expected a ${def.valueType} value, got ${value.type}` };
  }
  const base = {
    paramKey: def.key,
    numberValue: null,
    textValue: null,
    booleanValue: null,
    featureValue: null,
    optionPriceFen: null,
  };
  switch (value.type) {
    case 'number':
      if (value.unit !== undefined && value.unit !== null && value.unit !== def.unit) {
        return { ok: false, message: `unit must be ${def.unit ?? 'empty'}, got ${value.unit}` };
      }
      if (Math.abs(value.value) >= 1e9) return { ok: false, message: 'number out of range' };
      return { ok: true, row: { ...base, numberValue: String(value.value) } };
    case 'feature':
      if (value.value !== 'optional' && value.optionPriceFen) {
        return { ok: false, message: 'only an optional feature has an option price' };
      }
      return {
        ok: true,
        row: { ...base, featureValue: value.value, optionPriceFen: value.optionPriceFen ?? null },
      };
    case 'text':
      return { ok: true, row: { ...base, textValue: value.value } };
    case 'boolean':
      return { ok: true, row: { ...base, booleanValue: value.value } };
  }
}

/** Validates a whole sheet; every bad key is reported, not just the first. */
export function validateSheet(
  defs: Map<string, ParameterDefinitionRow>,
  values: Record<string, TParameterValue>,
): { rows: Omit<repo.NewTrimParameterRow, 'trimId'>[]; problems: ValueProblem[] } {
  const rows: Omit<repo.NewTrimParameterRow, 'trimId'>[] = [];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) {
      problems.push({ key, message: 'unknown parameter' });
      continue;
    }
    const checked = checkValue(def, value);
    if (checked.ok) rows.push(checked.row);
    else problems.push({ key, message: checked.message });
  }
  return { rows, problems };
}

/** Key facts of a trim as the sheet states them; keys absent from the sheet are left out. */
export function factsFromSheet(rows: Omit<repo.NewTrimParameterRow, 'trimId'>[]): Partial<NewTrimRow> {
  const num = (key: string): number | null | undefined => {
    const r = rows.find((x) => x.paramKey === key);
    if (!r) return undefined;
    return r.numberValue === null || r.numberValue === undefined ? null : Number(r.numberValue);
  };
  const facts: Partial<NewTrimRow> = {};
  const seats = num(KEY_FACT_PARAMS.seats);
  if (seats !== undefined && seats !== null) facts.seats = Math.round(seats);
  const range = num(KEY_FACT_PARAMS.electricRangeKm);
  facts.electricRangeKm = range === undefined || range === null ? null : Math.round(range);
  const disp = num(KEY_FACT_PARAMS.displacementL);
  facts.displacementL = disp === undefined || disp === null ? null : disp.toFixed(1);
  const power = num(KEY_FACT_PARAMS.powerKw);
  facts.powerKw = power === undefined || power === null ? null : Math.round(power);
  return facts;
}

// ---- helpers ----

async function audit(
  tx: Tx,
  m: ModelMutation,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor: m.actor,
    action,
    entityType,
    entityId,
    before,
    after,
    requestId: m.requestId ?? null,
    ip: m.ip ?? null,
    at: m.at,
  });
}

/** Publishes `catalog.trim_changed` for one trim (the search index re-reads it). */
export async function publishTrimChanged(tx: Handle, trimId: string, at: Date): Promise<void> {
  await publishEvent(
    tx,
    { type: ModelEvents.trimChanged, aggregateType: 'trim', aggregateId: trimId, payload: { trimId } },
    at,
  );
}

async function uniqueOr<T>(
  work: () => Promise<T>,
  code: string,
  details?: Record<string, unknown>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (repo.isUniqueViolation(e)) throw new AppError(code, details);
    throw e;
  }
}

async function loadBrand(db: Handle, id: string): Promise<BrandRow> {
  const row = await repo.findBrand(db, id);
  if (!row) throw new AppError('BRAND_NOT_FOUND');
  return row;
}

async function loadSeries(db: Handle, id: string): Promise<SeriesRow> {
  const row = await repo.findSeries(db, id);
  if (!row) throw new AppError('SERIES_NOT_FOUND');
  return row;
}

async function loadTrim(db: Handle, id: string): Promise<TrimRow> {
  const row = await repo.findTrim(db, id);
  if (!row) throw new AppError('TRIM_NOT_FOUND');
  return row;
}

async function seriesDto(db: Handle, row: SeriesRow): Promise<TSeries> {
  const stats = await repo.seriesStats(db, [row.id]);
  return toSeries(row, stats.get(row.id));
}

// ---- public reads ----

/** Every brand A-Z by pinyin initial, with its number of series. */
export async function getBrandIndex(db: Handle): Promise<TBrandIndex> {
  const rows = await repo.listBrandsWithCounts(db);
  const initials: TBrandIndex['initials'] = [];
  for (const { brand, seriesCount } of rows) {
    let bucket = initials[initials.length - 1];
    if (!bucket || bucket.initial !== brand.initial) {
      bucket = { initial: brand.initial, brands: [] };
      initials.push(bucket);
    }
    bucket.brands.push(toBrand(brand, seriesCount));
  }
  return { initials, total: rows.length };
}

export async function getBrandDetail(db: Handle, id: string): Promise<TBrandDetail> {
  const brand = await loadBrand(db, id);
  const seriesRows = await repo.listSeries(db, id);
  const stats = await repo.seriesStats(
    db,
    seriesRows.map((s) => s.id),
  );
  return {
    ...toBrand(brand, seriesRows.length),
    series: seriesRows.map((s) => toSeries(s, stats.get(s.id))),
  };
}

export async function getSeriesDetail(db: Handle, id: string): Promise<TSeriesDetail> {
  const row = await loadSeries(db, id);
  const brand = await loadBrand(db, row.brandId);
  const trimRows = await repo.listTrims(db, { seriesId: id });
  const stats = await repo.seriesStats(db, [id]);
  const years: TSeriesDetail['years'] = [];
  for (const t of trimRows) {
    let y = years.find((x) => x.modelYear === t.modelYear);
    if (!y) {
      y = { modelYear: t.modelYear, trims: [] };
      years.push(y);
    }
    y.trims.push(toTrim(t));
  }
  years.sort((a, b) => b.modelYear - a.modelYear);
  const { seriesCount: _n, ...brandDto } = toBrand(brand, 0);
  return { ...toSeries(row, stats.get(id)), brand: brandDto, years };
}

/** A trim with everything a detail page or the spec editor shows. */
export async function getTrimDetail(db: Handle, id: string): Promise<TTrimDetail> {
  const trim = await loadTrim(db, id);
  const s = await loadSeries(db, trim.seriesId);
  const brand = await loadBrand(db, s.brandId);
  const defs = await repo.listDefinitions(db);
  const values = await repo.listTrimParameters(db, [id]);
  const colours = await repo.listColours(db, id);
  const packages = await repo.listPackages(db, id);
  const mediaRows = await repo.listMedia(db, 'trim', id);
  return {
    ...toTrim(trim),
    brand: { id: brand.id, slug: brand.slug, name: brand.name, nameEn: brand.nameEn, colours: brand.colours },
    series: {
      id: s.id,
      slug: s.slug,
      name: s.name,
      nameEn: s.nameEn,
      bodyType: s.bodyType,
      energyType: s.energyType,
      segment: s.segment,
      manufacturer: s.manufacturer,
    },
    parameters: buildParameterSheet(defs, values),
    colours: colours.map(toColour),
    packages: packages.map(toPackage),
    media: mediaRows.map(toMedia),
  };
}

export async function listParameterDefinitions(db: Handle): Promise<TParameterDefinition[]> {
  return (await repo.listDefinitions(db)).map(toDefinition);
}

// ---- brands ----

export async function createBrand(db: Db, input: TCreateBrandRequest, m: ModelMutation): Promise<TBrand> {
  const py = input.pinyin ?? romanize(input.name);
  return withTransaction(db, async (tx) => {
    const row = await uniqueOr(
      () =>
        repo.insertBrand(tx, {
          id: `brd_${input.slug.replace(/-/g, '_')}`,
          slug: input.slug,
          name: input.name,
          nameEn: input.nameEn,
          pinyin: py,
          aliases: input.aliases,
          initial: initialOf(py),
          country: input.country,
          colours: input.colours,
          sort: input.sort,
          createdAt: m.at,
          updatedAt: m.at,
        }),
      'SLUG_TAKEN',
      { slug: input.slug },
    );
    await audit(tx, m, 'catalog.brand.create', 'brand', row.id, null, row);
    return toBrand(row, 0);
  });
}

export async function updateBrand(
  db: Db,
  id: string,
  input: TUpdateBrandRequest,
  m: ModelMutation,
): Promise<TBrand> {
  return withTransaction(db, async (tx) => {
    const before = await repo.lockBrand(tx, id);
    if (!before) throw new AppError('BRAND_NOT_FOUND');
    const set: Partial<BrandRow> = { ...input, updatedAt: m.at };
    if (input.pinyin) set.initial = initialOf(input.pinyin);
    const after = await uniqueOr(() => repo.updateBrand(tx, id, set), 'SLUG_TAKEN', { slug: input.slug });
    await audit(tx, m, 'catalog.brand.update', 'brand', id, before, after);
    // Every trim of the brand shows its name (search index, cards): one event per affected trim.
    for (const t of await repo.listTrims(tx, { brandId: id })) await publishTrimChanged(tx, t.id, m.at);
    return toBrand(after, await repo.countSeriesOfBrand(tx, id));
  });
}

export async function deleteBrand(db: Db, id: string, m: ModelMutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await repo.lockBrand(tx, id);
    if (!before) throw new AppError('BRAND_NOT_FOUND');
    if ((await repo.countSeriesOfBrand(tx, id)) > 0) throw new AppError('BRAND_HAS_SERIES');
    await repo.deleteBrand(tx, id);
    await audit(tx, m, 'catalog.brand.delete', 'brand', id, before, null);
  });
}

// ---- series ----

export async function createSeries(db: Db, input: TCreateSeriesRequest, m: ModelMutation): Promise<TSeries> {
  return withTransaction(db, async (tx) => {
    await loadBrand(tx, input.brandId);
    const row = await uniqueOr(
      () =>
        repo.insertSeries(tx, {
          id: `ser_${input.slug.replace(/-/g, '_')}`,
          brandId: input.brandId,
          slug: input.slug,
          name: input.name,
          nameEn: input.nameEn,
          pinyin: input.pinyin ?? romanize(input.name),
          aliases: input.aliases,
          manufacturer: input.manufacturer,
          bodyType: input.bodyType,
          energyType: input.energyType,
          segment: input.segment,
          status: input.status,
          createdAt: m.at,
          updatedAt: m.at,
        }),
      'SLUG_TAKEN',
      { slug: input.slug },
    );
    await audit(tx, m, 'catalog.series.create', 'series', row.id, null, row);
    return toSeries(row, undefined);
  });
}

export async function updateSeries(
  db: Db,
  id: string,
  input: TUpdateSeriesRequest,
  m: ModelMutation,
): Promise<TSeries> {
  return withTransaction(db, async (tx) => {
    const before = await loadSeries(tx, id);
    const after = await uniqueOr(
      () => repo.updateSeries(tx, id, { ...input, updatedAt: m.at }),
      'SLUG_TAKEN',
      { slug: input.slug },
    );
    await audit(tx, m, 'catalog.series.update', 'series', id, before, after);
    for (const t of await repo.listTrims(tx, { seriesId: id })) await publishTrimChanged(tx, t.id, m.at);
    return seriesDto(tx, after);
  });
}

export async function deleteSeries(db: Db, id: string, m: ModelMutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await loadSeries(tx, id);
    if ((await repo.countTrimsOfSeries(tx, id)) > 0) throw new AppError('SERIES_HAS_TRIMS');
    await repo.deleteSeries(tx, id);
    await audit(tx, m, 'catalog.series.delete', 'series', id, before, null);
  });
}

// ---- trims ----

/** Deterministic trim id for (series, model year, name): seed and import reruns find the same row. */
export function trimIdFor(seriesId: string, modelYear: number, name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of `${seriesId}|${modelYear}|${name}`) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return `trm_${h1.toString(36).padStart(7, '0')}${h2.toString(36).padStart(7, '0')}`;
}

export async function createTrim(db: Db, input: TCreateTrimRequest, m: ModelMutation): Promise<TTrim> {
  return withTransaction(db, async (tx) => {
    await loadSeries(tx, input.seriesId);
    const row = await uniqueOr(
      () =>
        repo.insertTrim(tx, {
          id: trimIdFor(input.seriesId, input.modelYear, input.name),
          seriesId: input.seriesId,
          modelYear: input.modelYear,
          name: input.name,
          guidePriceFen: input.guidePriceFen,
          energyType: input.energyType,
          seats: input.seats,
          nevTaxExempt: input.nevTaxExempt,
          status: input.status,
          createdAt: m.at,
          updatedAt: m.at,
        }),
      'TRIM_NAME_TAKEN',
    );
    await syncSeatsParameter(tx, row.id, row.seats);
    await audit(tx, m, 'catalog.trim.create', 'trim', row.id, null, row);
    await publishTrimChanged(tx, row.id, m.at);
    return toTrim(row);
  });
}

/** Keeps the sheet's seat count equal to the key fact when the fact is edited directly. */
async function syncSeatsParameter(tx: Tx, trimId: string, seats: number): Promise<void> {
  const def = await repo.findDefinition(tx, KEY_FACT_PARAMS.seats);
  if (def?.valueType !== 'number') return;
  const rows = await repo.listTrimParameters(tx, [trimId]);
  const others = rows.filter((r) => r.paramKey !== def.key);
  await repo.replaceTrimParameters(tx, trimId, [
    ...others,
    {
      trimId,
      paramKey: def.key,
      numberValue: String(seats),
      textValue: null,
      booleanValue: null,
      featureValue: null,
      optionPriceFen: null,
    },
  ]);
}

export async function updateTrim(
  db: Db,
  id: string,
  input: TUpdateTrimRequest,
  m: ModelMutation,
): Promise<TTrim> {
  return withTransaction(db, async (tx) => {
    const before = await repo.lockTrim(tx, id);
    if (!before) throw new AppError('TRIM_NOT_FOUND');
    const after = await uniqueOr(
      () => repo.updateTrim(tx, id, { ...input, updatedAt: m.at }),
      'TRIM_NAME_TAKEN',
    );
    if (input.seats !== undefined && input.seats !== before.seats)
      await syncSeatsParameter(tx, id, input.seats);
    await audit(tx, m, 'catalog.trim.update', 'trim', id, before, after);
    await publishTrimChanged(tx, id, m.at);
    return toTrim(after);
  });
}

export async function deleteTrim(db: Db, id: string, m: ModelMutation): Promise<void> {
  try {
    await withTransaction(db, async (tx) => {
      const before = await repo.lockTrim(tx, id);
      if (!before) throw new AppError('TRIM_NOT_FOUND');
      await repo.deleteTrim(tx, id);
      await audit(tx, m, 'catalog.trim.delete', 'trim', id, before, null);
      await publishTrimChanged(tx, id, m.at);
    });
  } catch (e) {
    if (repo.isForeignKeyViolation(e)) throw new AppError('TRIM_IN_USE');
    throw e;
  }
}

/** The spec editor saves a whole sheet: each value is checked against its definition, all bad keys listed. */
export async function putTrimParameters(
  db: Db,
  id: string,
  values: Record<string, TParameterValue>,
  m: ModelMutation,
): Promise<TTrimDetail> {
  await withTransaction(db, async (tx) => {
    const before = await repo.lockTrim(tx, id);
    if (!before) throw new AppError('TRIM_NOT_FOUND');
    const defs = new Map((await repo.listDefinitions(tx)).map((d) => [d.key, d]));
    const { rows, problems } = validateSheet(defs, values);
    if (problems.length) {
      throw new AppError('VALIDATION_FAILED', {
        fields: problems.map((p) => ({ path: `body.values.${p.key}`, message: p.message })),
      });
    }
    const beforeValues = await repo.listTrimParameters(tx, [id]);
    await repo.replaceTrimParameters(
      tx,
      id,
      rows.map((r) => ({ ...r, trimId: id })),
    );
    const facts = factsFromSheet(rows);
    const after = await repo.updateTrim(tx, id, { ...facts, updatedAt: m.at });
    await audit(
      tx,
      m,
      'catalog.trim.parameters',
      'trim',
      id,
      { facts: toTrim(before), values: beforeValues.length },
      { facts: toTrim(after), values: rows.length },
    );
    await publishTrimChanged(tx, id, m.at);
  });
  return getTrimDetail(db, id);
}

export async function putColours(
  db: Db,
  id: string,
  input: TPutColoursRequest,
  m: ModelMutation,
): Promise<TColour[]> {
  return withTransaction(db, async (tx) => {
    if (!(await repo.lockTrim(tx, id))) throw new AppError('TRIM_NOT_FOUND');
    const before = await repo.listColours(tx, id);
    await repo.replaceColours(
      tx,
      id,
      input.colours.map((c, i) => ({ id: newId('col'), trimId: id, ...c, sort: i })),
    );
    const after = await repo.listColours(tx, id);
    await audit(tx, m, 'catalog.trim.colours', 'trim', id, before, after);
    await publishTrimChanged(tx, id, m.at);
    return after.map(toColour);
  });
}

export async function putPackages(
  db: Db,
  id: string,
  input: TPutPackagesRequest,
  m: ModelMutation,
): Promise<TOptionPackage[]> {
  return withTransaction(db, async (tx) => {
    if (!(await repo.lockTrim(tx, id))) throw new AppError('TRIM_NOT_FOUND');
    const defs = new Set((await repo.listDefinitions(tx)).map((d) => d.key));
    const unknown = input.packages.flatMap((p, i) =>
      p.includes
        .filter((k) => !defs.has(k))
        .map((k) => ({ path: `body.packages.${i}.includes`, message: `unknown parameter ${k}` })),
    );
    if (unknown.length) throw new AppError('VALIDATION_FAILED', { fields: unknown });
    const before = await repo.listPackages(tx, id);
    await repo.replacePackages(
      tx,
      id,
      input.packages.map((p) => ({ id: newId('opk'), trimId: id, ...p })),
    );
    const after = await repo.listPackages(tx, id);
    await audit(tx, m, 'catalog.trim.packages', 'trim', id, before, after);
    await publishTrimChanged(tx, id, m.at);
    return after.map(toPackage);
  });
}

// ---- dictionary ----

export async function createParameter(
  db: Db,
  input: TCreateParameterRequest,
  m: ModelMutation,
): Promise<TParameterDefinition> {
  return withTransaction(db, async (tx) => {
    const row = await uniqueOr(
      () => repo.insertDefinition(tx, { ...input, createdAt: m.at, updatedAt: m.at }),
      'PARAMETER_KEY_TAKEN',
      { key: input.key },
    );
    await audit(tx, m, 'catalog.parameter.create', 'parameter', row.key, null, row);
    return toDefinition(row);
  });
}

export async function updateParameter(
  db: Db,
  key: string,
  input: TUpdateParameterRequest,
  m: ModelMutation,
): Promise<TParameterDefinition> {
  return withTransaction(db, async (tx) => {
    const before = await repo.findDefinition(tx, key);
    if (!before) throw new AppError('PARAMETER_NOT_FOUND', { key });
    if (input.valueType && input.valueType !== before.valueType && (await repo.countValuesOf(tx, key)) > 0) {
      throw new AppError('PARAMETER_TYPE_LOCKED', { key });
    }
    const after = await repo.updateDefinition(tx, key, { ...input, updatedAt: m.at });
    await audit(tx, m, 'catalog.parameter.update', 'parameter', key, before, after);
    return toDefinition(after);
  });
}
