import { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { getPublicStore, listCities } from '../dealers/index.js';
import type {
  TCompareQuery,
  TCompareResponse,
  TFacetValue,
  TParameterGroup,
  TRecommendationRequest,
  TRecommendationResponse,
  TSavedList,
  TSearchQuery,
  TSearchResponse,
  TVehicleCard,
  TVehicleDetail,
} from './search.contract.js';
import {
  getDictionary,
  invalidateDictionary,
  recordQuery,
  type SearchDictionary,
} from './search.dictionary.js';
import type { FacetName, FilterName, SearchFilters, SearchRow } from './search.repository.js';
import * as repo from './search.repository.js';
import { namedThingTokens, nameTokens, queryTokens, textTokens } from './search.tokens.js';
import { buildVehicleJsonLd, vehicleUrl } from './seo.service.js';

type Handle = Db | Tx;

export const BODY_LABELS: Record<string, string> = {
  sedan: '轿车',
  hatchback: '两厢车',
  suv: 'SUV',
  mpv: 'MPV',
  coupe: '跑车',
  wagon: '旅行车',
  pickup: '皮卡',
  convertible: '敞篷车',
};
export const ENERGY_LABELS: Record<string, string> = {
  petrol: '汽油',
  diesel: '柴油',
  hev: '油电混动',
  phev: '插电混动',
  erev: '增程式',
  bev: '纯电动',
  fcev: '氢燃料电池',
};
/** Words buyers type for an energy type, indexed with it. */
const ENERGY_WORDS: Record<string, string> = {
  petrol: '燃油 油车',
  diesel: '燃油',
  hev: '混动',
  phev: '插混 插电 新能源 phev',
  erev: '增程 新能源 erev',
  bev: '纯电 电动 电车 新能源 ev',
  fcev: '氢能 新能源',
};

// ---- mapping ----

function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/** Search row (snake/DB) -> vehicle card (API). */
export function toVehicleCard(r: SearchRow): TVehicleCard {
  return {
    id: r.listingId,
    kind: r.kind,
    status: r.status,
    title: r.title,
    brand: { slug: r.brandSlug, name: r.brandName },
    series: { id: r.seriesId, slug: r.seriesSlug, name: r.seriesName },
    trimId: r.trimId,
    trimName: r.trimName,
    modelYear: r.modelYear,
    bodyType: r.bodyType,
    energyType: r.energyType,
    seats: r.seats,
    electricRangeKm: r.electricRangeKm,
    priceFen: Number(r.priceFen),
    guidePriceFen: Number(r.guidePriceFen),
    mileageKm: r.mileageKm,
    firstRegistrationDate: r.firstRegistrationDate,
    cityCode: r.cityCode,
    conditionGrade: r.conditionGrade,
    dealerId: r.dealerId,
    storeId: r.storeId,
    imageUrl: r.imageUrl,
    popularity: r.popularity,
    listedAt: iso(r.listedAt),
  };
}

// ---- indexing ----

/** Name tokens of one trim: brand and series names/aliases/pinyin, trim name, energy and body words. */
export function trimTokens(t: repo.TrimNames): string[] {
  const out = new Set<string>([
    ...namedThingTokens(t.brand),
    ...namedThingTokens(t.series),
    ...textTokens(`${t.brand.name} ${t.series.name} ${t.trimName} ${t.modelYear}`),
    ...textTokens(`${ENERGY_LABELS[t.energyType] ?? ''} ${ENERGY_WORDS[t.energyType] ?? ''}`),
    ...textTokens(BODY_LABELS[t.bodyType] ?? ''),
  ]);
  return [...out];
}

const facetCache = new WeakMap<
  object,
  Map<string, { at: number; value: FacetResult | undefined; pending?: Promise<FacetResult> | undefined }>
>();
const FACET_SOFT_TTL_MS = 30_000;
const FACET_HARD_TTL_MS = 120_000;
const FACET_CACHE_MAX = 500;
type FacetResult = Awaited<ReturnType<typeof repo.facetCounts>>;

/**
 * Hot-query cache: the same search (filters, sort, cursor, limit) within a few seconds is answered from
 * memory. Buyers repeat the popular combinations (a brand in their city, by price); reindexing in this
 * process clears it; other processes see changes after RESULT_SOFT_TTL_MS (served stale while one refresh
 * runs) and never later than RESULT_HARD_TTL_MS. Concurrent misses of one query compute it once.
 */
const resultCache = new WeakMap<
  object,
  Map<string, { at: number; value: TSearchResponse; pending?: Promise<TSearchResponse> | undefined }>
>();
/** Fresh for this long; then served stale while one refresh runs, never older than the hard TTL. */
const RESULT_SOFT_TTL_MS = 15_000;
const RESULT_HARD_TTL_MS = 60_000;
const RESULT_CACHE_MAX = 1_000;
const resultInflight = new WeakMap<object, Map<string, Promise<TSearchResponse>>>();

function invalidateCaches(db: Handle): void {
  invalidateDictionary(db);
  facetCache.delete(db);
  resultCache.delete(db);
  resultInflight.delete(db);
  detailCache.delete(db);
}

/**
 * Brings the search rows of these listings up to date (or all of them with 'all'): listed and delisted
 * listings get a fresh row, others lose theirs. Idempotent; used by the event subscribers and the seed.
 */
export async function reindexListings(
  db: Handle,
  listingIds: readonly string[] | 'all',
  now: Date,
  cacheOwner: Handle = db,
): Promise<void> {
  const trimIds = listingIds === 'all' ? 'all' : await repo.trimIdsOfListings(db, listingIds);
  const names = await repo.trimNames(db, trimIds);
  const cities = await listCities(db);
  await repo.upsertSearchRows(
    db,
    listingIds,
    names.map((n) => ({ trimId: n.trimId, tokens: trimTokens(n) })),
    cities.map((c) => ({
      cityCode: c.code,
      tokens: [...textTokens(c.name), ...nameTokens(c.name, c.pinyin)],
    })),
    now,
  );
  invalidateCaches(cacheOwner);
}

/** Rebuilds the whole search table set-based (seed, bench, recovery). */
export async function rebuildSearchIndex(db: Handle, now: Date): Promise<void> {
  await reindexListings(db, 'all', now);
}

/** Reindexes every listing under a changed trim, series or brand. */
export async function reindexUnder(
  db: Handle,
  scope: { trimId?: string; seriesId?: string; brandId?: string },
  now: Date,
  cacheOwner: Handle = db,
): Promise<number> {
  const ids = await repo.listingIdsUnder(db, scope);
  if (ids.length > 0) await reindexListings(db, ids, now, cacheOwner);
  else invalidateCaches(cacheOwner);
  return ids.length;
}

// ---- search ----

const ZCursor = z.object({
  s: z.enum(['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc']),
  v: z.union([z.number(), z.string()]),
  id: z.string(),
});

function shanghaiDate(now: Date): { y: number; m: number; d: number } {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The earliest first-registration date a car of at most `years` years (Asia/Shanghai today) may have. */
export function registrationCutoff(now: Date, years: number): string {
  const { y, m, d } = shanghaiDate(now);
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/** Turns the validated query into repository filters (yuan -> fen, age -> cut-off date, q -> tokens). */
export function toFilters(q: TSearchQuery, dictionary: SearchDictionary, now: Date): SearchFilters {
  const f: SearchFilters = {};
  if (q.q) {
    const tokens = queryTokens(q.q, dictionary.nameTokens);
    if (tokens.length > 0) f.tokens = tokens;
  }
  if (q.kind) f.kind = q.kind;
  if (q.brand) f.brand = q.brand;
  if (q.series) f.series = q.series;
  if (q.body) f.body = q.body;
  if (q.energy) f.energy = q.energy;
  if (q.seats) f.seats = q.seats;
  if (q.city) f.city = q.city;
  if (q.grade) f.grade = q.grade;
  if (q.priceMinYuan !== undefined) f.priceMinFen = q.priceMinYuan * 100;
  if (q.priceMaxYuan !== undefined) f.priceMaxFen = q.priceMaxYuan * 100;
  if (q.rangeMinKm !== undefined) f.rangeMinKm = q.rangeMinKm;
  if (q.yearMin !== undefined) f.yearMin = q.yearMin;
  if (q.yearMax !== undefined) f.yearMax = q.yearMax;
  if (q.mileageMaxKm !== undefined) f.mileageMaxKm = q.mileageMaxKm;
  if (q.ageMaxYears !== undefined) f.registeredOnOrAfter = registrationCutoff(now, q.ageMaxYears);
  return f;
}

function sortValue(row: SearchRow, sort: TSearchQuery['sort']): number | string {
  switch (sort) {
    case 'price_asc':
    case 'price_desc':
      return Number(row.priceFen);
    case 'newest':
      return iso(row.listedAt);
    case 'mileage_asc':
      return row.mileageKm;
    case 'popular':
      return row.popularity;
  }
}

/**
 * Facet counts are the expensive part of a search (they aggregate every match, not one page), so they
 * are cached per filter set: fresh for FACET_SOFT_TTL_MS, then served stale while ONE refresh runs
 * (single flight: concurrent misses share a query), never older than FACET_HARD_TTL_MS. Reindexing
 * drops the cache of that database handle.
 */
async function cachedFacets(
  db: Handle,
  filters: SearchFilters,
  conds: ReturnType<typeof repo.filterConditions>,
): Promise<FacetResult> {
  const key = JSON.stringify(filters);
  let cache = facetCache.get(db);
  if (!cache) {
    cache = new Map();
    facetCache.set(db, cache);
  }
  const entries = cache;
  const nowMs = Date.now();
  const entry = entries.get(key);
  const refresh = (): Promise<FacetResult> => {
    const pending = repo.facetCounts(db, conds).then(
      (value) => {
        entries.set(key, { at: Date.now(), value });
        return value;
      },
      (err: unknown) => {
        const e = entries.get(key);
        if (e) e.pending = undefined;
        throw err;
      },
    );
    if (entries.size >= FACET_CACHE_MAX && !entries.has(key)) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { at: entry?.at ?? 0, value: entry?.value, pending });
    return pending;
  };
  if (entry?.value && nowMs - entry.at < FACET_SOFT_TTL_MS) return entry.value;
  if (entry?.value && nowMs - entry.at < FACET_HARD_TTL_MS) {
    if (!entry.pending) refresh().catch(() => undefined);
    return entry.value;
  }
  return entry?.pending ?? refresh();
}

async function facetLabels(
  db: Handle,
  dictionary: SearchDictionary,
  facets: FacetResult['facets'],
): Promise<TSearchResponse['facets']> {
  const cityNames = new Map((await cachedCities(db)).map((c) => [c.code, c.name]));
  const label = (facet: FacetName, value: string): string => {
    switch (facet) {
      case 'brand':
        return dictionary.brandNames.get(value) ?? value;
      case 'series':
        return dictionary.seriesNames.get(value) ?? value;
      case 'body':
        return BODY_LABELS[value] ?? value;
      case 'energy':
        return ENERGY_LABELS[value] ?? value;
      case 'seats':
        return `${value}座`;
      case 'kind':
        return value === 'new' ? '新车' : '二手车';
      case 'city':
        return cityNames.get(value) ?? value;
      case 'grade':
        return `${value}级`;
      case 'year':
        return `${value}款`;
    }
  };
  const out = {} as TSearchResponse['facets'];
  for (const name of Object.keys(facets) as FacetName[]) {
    out[name] = facets[name].map(
      (v): TFacetValue => ({ value: v.value, label: label(name, v.value), count: v.count }),
    );
  }
  return out;
}

const cityCache = new WeakMap<object, { at: number; cities: Awaited<ReturnType<typeof listCities>> }>();
async function cachedCities(db: Handle) {
  const hit = cityCache.get(db);
  if (hit && Date.now() - hit.at < 5 * 60_000) return hit.cities;
  const cities = await listCities(db);
  cityCache.set(db, { at: Date.now(), cities });
  return cities;
}

/** GET /search: one page in keyset order, total, disjunctive facet counts, relaxations when empty. */
export async function searchVehicles(db: Handle, query: TSearchQuery, now: Date): Promise<TSearchResponse> {
  let cache = resultCache.get(db);
  if (!cache) {
    cache = new Map();
    resultCache.set(db, cache);
  }
  const entries = cache;
  const key = JSON.stringify(query);
  const entry = entries.get(key);
  const age = entry ? Date.now() - entry.at : Number.POSITIVE_INFINITY;
  if (entry && age < RESULT_HARD_TTL_MS) {
    if (age >= RESULT_SOFT_TTL_MS && !entry.pending) {
      entry.pending = computeSearch(db, query, now).then(
        (value) => {
          entries.set(key, { at: Date.now(), value });
          return value;
        },
        () => {
          entry.pending = undefined;
          return entry.value;
        },
      );
    }
    if (query.q && entry.value.total > 0) recordQuery(db, query.q);
    return entry.value;
  }
  let inflight = resultInflight.get(db);
  if (!inflight) {
    inflight = new Map();
    resultInflight.set(db, inflight);
  }
  const running = inflight.get(key);
  if (running) return running;
  const pending = computeSearch(db, query, now).finally(() => inflight.delete(key));
  inflight.set(key, pending);
  const value = await pending;
  if (entries.size >= RESULT_CACHE_MAX) entries.clear();
  entries.set(key, { at: Date.now(), value });
  return value;
}

async function computeSearch(db: Handle, query: TSearchQuery, now: Date): Promise<TSearchResponse> {
  const dictionary = await getDictionary(db);
  const filters = toFilters(query, dictionary, now);
  const conds = repo.filterConditions(filters);
  const cursor = decodeCursor(query.cursor, ZCursor);
  if (cursor && cursor.s !== query.sort) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'cursor', message: 'cursor of another sort' }],
    });
  }
  const [rows, facetResult] = await Promise.all([
    repo.searchPage(db, conds, query.sort, cursor, query.limit),
    cachedFacets(db, filters, conds),
  ]);
  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const relaxations =
    facetResult.total === 0
      ? await repo.relaxationCounts(db, conds)
      : ([] as { filter: FilterName; count: number }[]);
  if (query.q && facetResult.total > 0) recordQuery(db, query.q);
  return {
    items: pageRows.map(toVehicleCard),
    nextCursor:
      hasMore && last
        ? encodeCursor({ s: query.sort, v: sortValue(last, query.sort), id: last.listingId })
        : null,
    total: facetResult.total,
    facets: await facetLabels(db, dictionary, facetResult.facets),
    relaxations,
  };
}

// ---- detail ----

function formatNumber(v: string | number): string {
  return String(Number(v));
}

const FEATURE_SYMBOL = { standard: '●', optional: '○', none: '-' } as const;

/** The display value of one typed parameter. */
export function displayParameter(
  def: repo.ParameterDefinitionRow,
  p: repo.TrimParameterRow | undefined,
): string | null {
  if (!p) return null;
  switch (def.valueType) {
    case 'number':
      return p.numberValue === null ? null : formatNumber(p.numberValue);
    case 'feature':
      return p.featureValue ? FEATURE_SYMBOL[p.featureValue] : null;
    case 'boolean':
      return p.booleanValue === null ? null : p.booleanValue ? '是' : '否';
    case 'text':
      return p.textValue;
  }
}

async function parameterSheet(db: Handle, trimId: string): Promise<TParameterGroup[]> {
  const [defs, params] = await Promise.all([cachedDefinitions(db), repo.parametersOfTrims(db, [trimId])]);
  const byKey = new Map(params.map((p) => [p.paramKey, p]));
  const groups = new Map<string, TParameterGroup>();
  for (const def of defs) {
    const p = byKey.get(def.key);
    if (!p) continue;
    const group = groups.get(def.group) ?? { group: def.group, rows: [] };
    group.rows.push({
      key: def.key,
      name: def.name,
      unit: def.unit,
      valueType: def.valueType,
      display: displayParameter(def, p),
      optionPriceFen: p.optionPriceFen === null ? null : Number(p.optionPriceFen),
    });
    groups.set(def.group, group);
  }
  return [...groups.values()];
}

const defsCache = new WeakMap<object, { at: number; defs: repo.ParameterDefinitionRow[] }>();
async function cachedDefinitions(db: Handle): Promise<repo.ParameterDefinitionRow[]> {
  const hit = defsCache.get(db);
  if (hit && Date.now() - hit.at < 60_000) return hit.defs;
  const defs = await repo.parameterDefinitionsAll(db);
  defsCache.set(db, { at: Date.now(), defs });
  return defs;
}

function wan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(2))}万`;
}

/**
 * GET /vehicles/:id: everything the detail page shows. Also counts the view for popularity (an anonymous,
 * append-only row). It never writes the buyer's history: a GET can be sent by any site the buyer visits
 * with their cookie, so history is recorded only by the page's CSRF-checked POST /history.
 */
/**
 * Detail pages are read far more often than listings change: the buyer-independent part is kept per
 * listing for DETAIL_TTL_MS, and dropped at once when this process reindexes (listing or trim changed).
 */
const detailCache = new WeakMap<object, Map<string, { at: number; value: TVehicleDetail }>>();
const DETAIL_TTL_MS = 60_000;
const DETAIL_CACHE_MAX = 5_000;

export async function getVehicleDetail(
  db: Handle,
  deps: { publicUrl: string },
  id: string,
  actor: Actor | null,
  now: Date,
  options: { recordView: boolean } = { recordView: true },
): Promise<TVehicleDetail> {
  let cache = detailCache.get(db);
  if (!cache) {
    cache = new Map();
    detailCache.set(db, cache);
  }
  const buyerId = actor?.kind === 'buyer' ? actor.buyerId : null;
  const hit = cache.get(id);
  let detail: TVehicleDetail;
  if (hit && Date.now() - hit.at < DETAIL_TTL_MS) {
    detail = hit.value;
  } else {
    detail = await buildVehicleDetail(db, deps, id, now);
    if (cache.size >= DETAIL_CACHE_MAX) cache.clear();
    cache.set(id, { at: Date.now(), value: detail });
  }
  const favourite = buyerId ? await repo.isFavourite(db, buyerId, id) : false;
  if (options.recordView) await recordView(db, id, now);
  return favourite === detail.favourite ? detail : { ...detail, favourite };
}

async function buildVehicleDetail(
  db: Handle,
  deps: { publicUrl: string },
  id: string,
  now: Date,
): Promise<TVehicleDetail> {
  const found = await repo.listingDetailRows(db, id);
  if (!found || (found.listing.status !== 'listed' && found.listing.status !== 'delisted')) {
    throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  let row = await repo.searchRowById(db, id);
  if (!row) {
    // The index lags the listing (event not yet delivered): index this one now.
    await reindexListings(db, [id], now);
    row = await repo.searchRowById(db, id);
    if (!row) throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  const card = toVehicleCard(row);
  const [mediaRows, parameters, inspection, similar, store] = await Promise.all([
    repo.mediaOf(db, [
      { type: 'listing', id },
      { type: 'trim', id: found.trim.id },
    ]),
    parameterSheet(db, found.trim.id),
    found.listing.kind === 'used' ? repo.inspectionOf(db, id) : Promise.resolve(undefined),
    repo.similarRows(db, row, 6),
    found.listing.storeId
      ? getPublicStore(db, found.listing.storeId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'STORE_NOT_FOUND') return null;
          throw e;
        })
      : Promise.resolve(null),
  ]);
  const gallery = [...mediaRows]
    .sort((a, b) => (a.ownerType === b.ownerType ? 0 : a.ownerType === 'listing' ? -1 : 1))
    .map((m) => ({ id: m.id, kind: m.kind, angle: m.angle, url: m.url, thumbUrl: m.thumbUrl }));
  const u = found.used;
  const keyFacts: TVehicleDetail['keyFacts'] = [
    { key: 'price', label: '售价', value: wan(card.priceFen) },
    { key: 'guidePrice', label: '厂商指导价', value: wan(card.guidePriceFen) },
    { key: 'modelYear', label: '年款', value: `${card.modelYear}款` },
    { key: 'energyType', label: '能源类型', value: ENERGY_LABELS[card.energyType] ?? card.energyType },
    { key: 'bodyType', label: '车身类型', value: BODY_LABELS[card.bodyType] ?? card.bodyType },
    { key: 'seats', label: '座位数', value: `${card.seats}座` },
  ];
  if (card.electricRangeKm !== null) {
    keyFacts.push({ key: 'electricRange', label: '纯电续航', value: `${card.electricRangeKm}km` });
  }
  if (u) {
    keyFacts.push(
      { key: 'mileage', label: '表显里程', value: `${Number((u.mileageKm / 10_000).toFixed(2))}万公里` },
      { key: 'firstRegistration', label: '首次上牌', value: u.firstRegistrationDate.slice(0, 7) },
      { key: 'owners', label: '过户次数', value: `${u.transferCount}次` },
    );
  }
  const storeDto = store
    ? {
        id: store.id,
        name: store.name,
        address: store.address,
        cityCode: store.city.code,
        phone: store.phone,
        latitude: store.latitude,
        longitude: store.longitude,
        openingHours: store.openingHours,
      }
    : null;
  const severity = { redline: 0, severe: 1, moderate: 2, minor: 3, ok: 4 } as const;
  const usedDto = u
    ? {
        vin: u.vin,
        firstRegistrationDate: u.firstRegistrationDate,
        mileageKm: u.mileageKm,
        ownersCount: u.ownersCount,
        transferCount: u.transferCount,
        conditionGrade: u.conditionGrade,
        accidentHistory: u.accidentHistory,
        floodHistory: u.floodHistory,
        fireHistory: u.fireHistory,
        disclosureNote: u.disclosureNote,
        inspection: inspection
          ? {
              id: inspection.report.id,
              inspectedAt: iso(inspection.report.inspectedAt),
              inspectionOrg: inspection.report.inspectionOrg,
              totalScore: inspection.report.totalScore,
              grade: inspection.report.grade,
              summary: inspection.report.summary,
              sectionScores: Object.fromEntries(
                Object.entries((inspection.report.sectionScores ?? {}) as Record<string, unknown>).map(
                  ([k, v]) => [k, Number(v)],
                ),
              ),
              findings: inspection.items
                .filter((i) => i.result !== 'ok')
                .sort((a, b) => severity[a.result] - severity[b.result] || a.sort - b.sort)
                .map((i) => ({
                  section: i.section,
                  code: i.code,
                  name: i.name,
                  result: i.result,
                  note: i.note,
                  photoUrls: i.photoUrls,
                })),
              itemsChecked: inspection.items.length,
            }
          : null,
      }
    : null;
  const detail: TVehicleDetail = {
    vehicle: card,
    description: found.listing.description,
    exteriorColour: found.listing.exteriorColour,
    interiorColour: found.listing.interiorColour,
    segment: found.series.segment,
    manufacturer: found.series.manufacturer,
    gallery,
    keyFacts,
    parameters,
    price: {
      priceFen: card.priceFen,
      guidePriceFen: card.guidePriceFen,
      discountFen: Math.max(0, card.guidePriceFen - card.priceFen),
    },
    store: storeDto,
    used: usedDto,
    similar: similar.map(toVehicleCard),
    favourite: false,
    canonicalUrl: vehicleUrl(deps.publicUrl, id),
    jsonLd: {},
  };
  detail.jsonLd = buildVehicleJsonLd(detail, deps.publicUrl);
  return detail;
}

/**
 * Anonymous views only feed popularity (refreshed every few minutes), so they are buffered and written in
 * batches rather than one INSERT per page view.
 */
const viewBuffers = new WeakMap<object, { id: string; listingId: string; viewedAt: Date }[]>();
const VIEW_BATCH = 200;
const VIEW_FLUSH_MS = 1_000;

async function recordView(db: Handle, listingId: string, now: Date): Promise<void> {
  let buffer = viewBuffers.get(db);
  if (!buffer) {
    buffer = [];
    viewBuffers.set(db, buffer);
  }
  buffer.push({ id: newId('lvw'), listingId, viewedAt: now });
  if (buffer.length >= VIEW_BATCH) await flushListingViews(db);
  else if (buffer.length === 1)
    setTimeout(() => void flushListingViews(db).catch(() => undefined), VIEW_FLUSH_MS).unref();
}

/** Writes the buffered views of this database handle (the popularity job and shutdown call it too). */
export async function flushListingViews(db: Handle): Promise<void> {
  const buffer = viewBuffers.get(db);
  if (!buffer || buffer.length === 0) return;
  const batch = buffer.splice(0, buffer.length);
  await repo.insertViews(db, batch);
}

/** Job: popularity = views in the last 30 days (search rows and listings), old views pruned. */
export async function refreshPopularity(db: Handle, now: Date, cacheOwner: Handle = db): Promise<number> {
  // Views are buffered under the app's handle (the job runs in its own transaction handle).
  await flushListingViews(cacheOwner);
  const changed = await repo.refreshPopularity(db, now);
  if (changed > 0) {
    facetCache.delete(cacheOwner);
    resultCache.delete(cacheOwner);
  }
  return changed;
}

// ---- compare ----

/** GET /compare: 2-4 listings or trims as columns, parameter rows grouped, each flagged when it differs. */
export async function compare(db: Handle, q: TCompareQuery): Promise<TCompareResponse> {
  const listingIds = q.ids ?? [];
  const trimIdsAsked = q.trims ?? [];
  let columns: TCompareResponse['columns'];
  let overview: { key: string; name: string; unit: string | null; values: (string | null)[] }[];
  if (listingIds.length > 0) {
    const rows = await repo.searchRowsByIds(db, listingIds);
    const byId = new Map(rows.map((r) => [r.listingId, r]));
    const missing = listingIds.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('VEHICLE_NOT_FOUND', { id: missing.join(',') });
    const cards = listingIds.map((id) => toVehicleCard(byId.get(id) as SearchRow));
    columns = cards.map((c) => ({
      id: c.id,
      trimId: c.trimId,
      title: c.title,
      brandName: c.brand.name,
      seriesName: c.series.name,
      priceFen: c.priceFen,
      imageUrl: c.imageUrl,
    }));
    overview = [
      { key: 'price', name: '售价', unit: '万', values: cards.map((c) => wan(c.priceFen).replace('万', '')) },
      {
        key: 'guidePrice',
        name: '厂商指导价',
        unit: '万',
        values: cards.map((c) => wan(c.guidePriceFen).replace('万', '')),
      },
      {
        key: 'kind',
        name: '车源',
        unit: null,
        values: cards.map((c) => (c.kind === 'new' ? '新车' : '二手车')),
      },
      { key: 'modelYear', name: '年款', unit: null, values: cards.map((c) => `${c.modelYear}款`) },
      { key: 'mileage', name: '表显里程', unit: 'km', values: cards.map((c) => String(c.mileageKm)) },
      { key: 'city', name: '所在城市', unit: null, values: cards.map((c) => c.cityCode) },
    ];
    const cityNames = new Map((await cachedCities(db)).map((c) => [c.code, c.name]));
    const cityRow = overview[overview.length - 1];
    if (cityRow) cityRow.values = cityRow.values.map((v) => (v ? (cityNames.get(v) ?? v) : v));
  } else {
    const rows = await repo.trimsWithNames(db, trimIdsAsked);
    const byId = new Map(rows.map((r) => [r.trim.id, r]));
    const missing = trimIdsAsked.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('COMPARE_TRIM_NOT_FOUND', { id: missing.join(',') });
    const media = await repo.mediaOf(
      db,
      trimIdsAsked.map((id) => ({ type: 'trim' as const, id })),
    );
    const ordered = trimIdsAsked.map((id) => byId.get(id) as (typeof rows)[number]);
    columns = ordered.map((r) => ({
      id: r.trim.id,
      trimId: r.trim.id,
      title: `${r.brand.name} ${r.series.name} ${r.trim.name}`,
      brandName: r.brand.name,
      seriesName: r.series.name,
      priceFen: Number(r.trim.guidePriceFen),
      imageUrl: media.find((m) => m.ownerId === r.trim.id && m.kind === 'image')?.url ?? null,
    }));
    overview = [
      {
        key: 'guidePrice',
        name: '厂商指导价',
        unit: '万',
        values: ordered.map((r) => wan(Number(r.trim.guidePriceFen)).replace('万', '')),
      },
      { key: 'modelYear', name: '年款', unit: null, values: ordered.map((r) => `${r.trim.modelYear}款`) },
    ];
  }
  const trimIds = columns.map((c) => c.trimId);
  const [defs, params] = await Promise.all([cachedDefinitions(db), repo.parametersOfTrims(db, trimIds)]);
  const byTrimKey = new Map(params.map((p) => [`${p.trimId}|${p.paramKey}`, p]));
  const groups: TCompareResponse['groups'] = [
    {
      group: 'overview',
      rows: overview.map((r) => ({ ...r, different: new Set(r.values).size > 1 })),
    },
  ];
  const groupIndex = new Map<string, TCompareResponse['groups'][number]>();
  for (const def of defs) {
    const values = trimIds.map((t) => displayParameter(def, byTrimKey.get(`${t}|${def.key}`)));
    if (values.every((v) => v === null)) continue;
    let g = groupIndex.get(def.group);
    if (!g) {
      g = { group: def.group, rows: [] };
      groupIndex.set(def.group, g);
      groups.push(g);
    }
    g.rows.push({
      key: def.key,
      name: def.name,
      unit: def.unit,
      values,
      different: new Set(values).size > 1,
    });
  }
  return { columns, groups };
}

// ---- favourites and history ----

async function savedList(db: Handle, entries: { listingId: string; at: Date }[]): Promise<TSavedList> {
  const rows = await repo.searchRowsByIds(
    db,
    entries.map((e) => e.listingId),
  );
  const byId = new Map(rows.map((r) => [r.listingId, r]));
  return {
    items: entries.map((e) => {
      const r = byId.get(e.listingId);
      return { listingId: e.listingId, at: iso(e.at), vehicle: r ? toVehicleCard(r) : null };
    }),
  };
}

const SAVED_LIMIT = 200;

export async function listFavourites(db: Handle, buyerId: string): Promise<TSavedList> {
  return savedList(db, await repo.listFavourites(db, buyerId, SAVED_LIMIT));
}

/** Adds a favourite (idempotent); the listing must be public. */
export async function addFavourite(
  db: Handle,
  buyerId: string,
  listingId: string,
  now: Date,
): Promise<TSavedList> {
  const row = await repo.searchRowById(db, listingId);
  if (!row) throw new AppError('VEHICLE_NOT_FOUND', { id: listingId });
  await repo.addFavourites(db, buyerId, [listingId], now);
  return listFavourites(db, buyerId);
}

export async function removeFavourite(db: Handle, buyerId: string, listingId: string): Promise<TSavedList> {
  await repo.removeFavourite(db, buyerId, listingId);
  return listFavourites(db, buyerId);
}

/** Merges the browser's anonymous favourites into the account: unknown ids are skipped, repeats are harmless. */
export async function mergeFavourites(
  db: Handle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<{ merged: number; skipped: number; total: number }> {
  const unique = [...new Set(listingIds)];
  const known = new Set((await repo.searchRowsByIds(db, unique)).map((r) => r.listingId));
  const merged = await repo.addFavourites(
    db,
    buyerId,
    unique.filter((id) => known.has(id)),
    now,
  );
  return { merged, skipped: unique.length - known.size, total: await repo.countFavourites(db, buyerId) };
}

export async function listHistory(db: Handle, buyerId: string): Promise<TSavedList> {
  return savedList(db, await repo.listHistory(db, buyerId, SAVED_LIMIT));
}

/** Records that the buyer viewed a public vehicle: one row per vehicle, its time moved to now (top of the list). */
export async function recordHistory(
  db: Handle,
  buyerId: string,
  listingId: string,
  now: Date,
): Promise<void> {
  if (!(await repo.searchRowById(db, listingId))) throw new AppError('VEHICLE_NOT_FOUND', { id: listingId });
  await repo.upsertHistory(db, buyerId, [{ listingId, viewedAt: now }]);
}

/**
 * Merges the browser's anonymous history (most recent first): each id gets a view time just before
 * now in that order; an existing newer view is kept, so repeating the merge changes nothing.
 */
export async function mergeHistory(
  db: Handle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<{ merged: number; skipped: number; total: number }> {
  const unique = [...new Set(listingIds)];
  const known = new Set((await repo.searchRowsByIds(db, unique)).map((r) => r.listingId));
  const entries = unique
    .map((id, i) => ({ listingId: id, viewedAt: new Date(now.getTime() - (i + 1) * 1000) }))
    .filter((e) => known.has(e.listingId));
  const merged = await repo.upsertHistory(db, buyerId, entries);
  return { merged, skipped: unique.length - known.size, total: await repo.countHistory(db, buyerId) };
}

// ---- recommendations ----

const NEV = new Set(['bev', 'phev', 'erev', 'fcev']);

/**
 * POST /recommendations: scores every on-sale trim against the questionnaire and returns the best 5 with
 * the reasons that earned their points. Deterministic: ties break on price, then trim id.
 */
export async function recommend(db: Handle, req: TRecommendationRequest): Promise<TRecommendationResponse> {
  const [candidates, offers, cities] = await Promise.all([
    repo.recommendationCandidates(db),
    repo.listedOffersByTrim(db, req.cityCode),
    cachedCities(db),
  ]);
  const offerByTrim = new Map(offers.map((o) => [o.trimId, o]));
  const cityName = req.cityCode ? (cities.find((c) => c.code === req.cityCode)?.name ?? req.cityCode) : null;
  const maxFen = req.budgetMaxYuan * 100;
  const minFen = (req.budgetMinYuan ?? 0) * 100;
  const scored: (TRecommendationResponse['items'][number] & { tiePrice: number })[] = [];
  for (const { trim, series, brand } of candidates) {
    const offer = offerByTrim.get(trim.id);
    // With a city, only trims someone sells there; without, the lowest listed price or the guide price.
    if (req.cityCode && !offer) continue;
    const price = offer ? offer.minPriceFen : Number(trim.guidePriceFen);
    if (price > maxFen * 1.1) continue;
    if (req.seats !== undefined && trim.seats < req.seats) continue;
    const pref = req.energyPreference ?? 'any';
    const energyOk =
      pref === 'any' ||
      (pref === 'nev' && NEV.has(trim.energyType)) ||
      (pref === 'fuel' && !NEV.has(trim.energyType)) ||
      pref === trim.energyType;
    if (!energyOk) continue;
    let score = 0;
    const reasons: string[] = [];
    if (price <= maxFen && price >= minFen) {
      score += 40;
      reasons.push(`在预算内(预算上限${wan(maxFen)}, 本车${wan(price)})`);
    } else if (price > maxFen) {
      score += 10;
      reasons.push(`略超预算(预算上限${wan(maxFen)}, 本车${wan(price)})`);
    } else {
      score += 20;
      reasons.push(`低于预算下限, 更省钱(本车${wan(price)})`);
    }
    // Closer to the top of the budget usually means more car for the money.
    score += Math.max(0, 10 - Math.round((Math.abs(maxFen - price) / maxFen) * 20));
    if (pref !== 'any') {
      score += 15;
      reasons.push(`符合能源偏好: ${ENERGY_LABELS[trim.energyType] ?? trim.energyType}`);
    }
    if (req.seats !== undefined) {
      score += 10;
      reasons.push(`${trim.seats}座满足${req.seats}人乘坐`);
    }
    const range = trim.electricRangeKm;
    switch (req.usage) {
      case 'commute':
        if (range !== null && range >= 50) {
          score += 20;
          reasons.push(`纯电续航${range}km 适合通勤`);
        }
        if (series.segment === 'A0' || series.segment === 'A' || series.segment === 'A00') {
          score += 10;
          reasons.push(`${series.segment}级车 城市停车方便`);
        }
        break;
      case 'family':
        if (trim.seats >= 6) {
          score += 25;
          reasons.push(`${trim.seats}座满足家庭出行`);
        }
        if (series.bodyType === 'suv' || series.bodyType === 'mpv') {
          score += 15;
          reasons.push(`${BODY_LABELS[series.bodyType]}空间宽敞`);
        }
        break;
      case 'long_trips':
        if (trim.energyType === 'phev' || trim.energyType === 'erev' || trim.energyType === 'hev') {
          score += 20;
          reasons.push(`${ENERGY_LABELS[trim.energyType]} 长途无续航焦虑`);
        } else if (trim.energyType === 'bev' && range !== null && range >= 600) {
          score += 15;
          reasons.push(`纯电续航${range}km 可跑长途`);
        } else if (!NEV.has(trim.energyType)) {
          score += 10;
          reasons.push('燃油车 加油方便');
        }
        break;
      case 'business':
        if (series.segment === 'B' || series.segment === 'C' || series.segment === 'D') {
          score += 20;
          reasons.push(`${series.segment}级车 商务接待体面`);
        }
        if (series.bodyType === 'sedan' || series.bodyType === 'mpv') {
          score += 10;
          reasons.push(`${BODY_LABELS[series.bodyType]}适合商务`);
        }
        break;
      case 'off_road':
        if (series.bodyType === 'suv' || series.bodyType === 'pickup') {
          score += 25;
          reasons.push(`${BODY_LABELS[series.bodyType]}通过性好`);
        }
        break;
    }
    if (offer && cityName) {
      score += 10;
      reasons.push(`${cityName}有${offer.stores}家门店在售`);
    } else if (offer) {
      score += 5;
      reasons.push(`${offer.count}辆在售`);
    }
    scored.push({
      trimId: trim.id,
      trimName: trim.name,
      brandName: brand.name,
      seriesName: series.name,
      seriesSlug: series.slug,
      modelYear: trim.modelYear,
      energyType: trim.energyType,
      bodyType: series.bodyType,
      seats: trim.seats,
      electricRangeKm: trim.electricRangeKm,
      guidePriceFen: Number(trim.guidePriceFen),
      fromPriceFen: price,
      listingId: offer?.listingId ?? null,
      imageUrl: offer?.imageUrl ?? null,
      score,
      reasons,
      tiePrice: price,
    });
  }
  scored.sort((a, b) => b.score - a.score || a.tiePrice - b.tiePrice || a.trimId.localeCompare(b.trimId));
  return { items: scored.slice(0, 5).map(({ tiePrice: _t, ...item }) => item) };
}

// ---- suggestions ----

export { getDictionary } from './search.dictionary.js';
