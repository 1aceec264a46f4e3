import { z } from 'zod';
import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.js';
import {
  RESULT_CACHE_MAX,
  RESULT_HARD_TTL_MS,
  RESULT_SOFT_TTL_MS,
  type SearchCaches,
  searchCaches,
} from './search.caches.js';
import type { TSearchQuery, TSearchResponse } from './search.contract.js';
import { cachedFacets, facetLabels, relaxationCounts } from './search.facets.js';
import { iso, type Lang, toVehicleCard, withCardExtras } from './search.mappers.js';
import { recordQuery } from './search.popular.js';
import type { FilterName, SearchFilters, SearchRow } from './search.repository.js';
import * as repo from './search.repository.js';
import { labelUnderstood, type ReadQuery, readQuery } from './search.understood.js';

// GET /search: filters, keyset pages and the hot-query cache.

const ZCursor = z.object({
  s: z.enum(['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc']),
  v: z.union([z.number(), z.string()]),
  id: z.string(),
  /** The last row's tier when the query named brands or series. */
  t: z.number().int().min(0).max(2).optional(),
});

/** The earliest first-registration date a car of at most `years` years (Asia/Shanghai today) may have. */
export function registrationCutoff(now: Date, years: number): string {
  const [y = 0, m = 1, d = 1] = shanghaiDay(now).split('-').map(Number);
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/** Turns the read query into repository filters (yuan -> fen, age -> cut-off date, words -> tokens). */
export function toFilters(read: ReadQuery, now: Date): SearchFilters {
  const q = read.query;
  const f: SearchFilters = {};
  if (read.tokens) f.tokens = read.tokens;
  if (read.named) f.named = read.named;
  if (q.kind) f.kind = q.kind;
  if (q.brand) f.brand = q.brand;
  if (q.series) f.series = q.series;
  if (q.body) f.body = q.body;
  if (q.energy) f.energy = q.energy;
  if (q.seats) f.seats = q.seats;
  if (q.segment) f.segment = q.segment;
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

/** GET /search: one page in keyset order, total, disjunctive facet counts, relaxations when empty. */
export async function searchVehicles(
  ctx: AppContext,
  query: TSearchQuery,
  lang: Lang = 'zh-CN',
): Promise<TSearchResponse> {
  const caches = searchCaches(ctx);
  const now = ctx.clock.now();
  // Held for this call: a drop replaces the maps, and an answer computed before it lands in the old one.
  const entries = caches.results;
  // Facet labels follow the language: English answers are kept apart.
  const key = lang === 'en' ? `en|${JSON.stringify(query)}` : JSON.stringify(query);
  const entry = entries.get(key);
  const age = entry ? Date.now() - entry.at : Number.POSITIVE_INFINITY;
  if (entry && age < RESULT_HARD_TTL_MS) {
    if (age >= RESULT_SOFT_TTL_MS && !entry.pending) {
      entry.pending = computeSearch(ctx, caches, query, now, lang).then(
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
    if (query.q && entry.value.total > 0) recordQuery(ctx, query.q, now);
    return entry.value;
  }
  const inflight = caches.resultInflight;
  const running = inflight.get(key);
  if (running) return running;
  const pending = computeSearch(ctx, caches, query, now, lang).finally(() => inflight.delete(key));
  inflight.set(key, pending);
  const value = await pending;
  if (entries.size >= RESULT_CACHE_MAX) entries.clear();
  entries.set(key, { at: Date.now(), value });
  return value;
}

async function computeSearch(
  ctx: AppContext,
  caches: SearchCaches,
  query: TSearchQuery,
  now: Date,
  lang: Lang,
): Promise<TSearchResponse> {
  const db = ctx.database.db;
  const dictionary = await caches.dictionary.get(db);
  const read = readQuery(query, dictionary);
  const sort = read.query.sort;
  const filters = toFilters(read, now);
  const conds = repo.filterConditions(filters);
  const cursor = decodeCursor(query.cursor, ZCursor);
  if (cursor && cursor.s !== sort) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'cursor', message: 'cursor of another sort' }],
    });
  }
  const [rows, facetResult, understood] = await Promise.all([
    caches.backend.page(db, filters, conds, sort, cursor, query.limit),
    cachedFacets(caches, db, filters, conds),
    labelUnderstood(ctx, caches, dictionary, read.understood, lang),
  ]);
  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const relaxations =
    facetResult.total === 0
      ? await relaxationCounts(caches, db, filters, conds)
      : ([] as { filter: FilterName; count: number }[]);
  if (query.q && facetResult.total > 0) recordQuery(ctx, query.q, now);
  return {
    items: await withCardExtras(ctx, pageRows.map(toVehicleCard)),
    nextCursor:
      hasMore && last
        ? encodeCursor({
            s: sort,
            v: sortValue(last, sort),
            id: last.listingId,
            ...(filters.named ? { t: last.tier } : {}),
          })
        : null,
    total: facetResult.total,
    facets: await facetLabels(caches, db, dictionary, facetResult.facets, { lang, ctx }),
    relaxations,
    understood,
  };
}
