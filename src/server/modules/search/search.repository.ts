import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { listingSearch, type SearchQueryTermRow, searchQueryTerms } from './search.schema.js';

// The read model's SQL (search, facets, similar vehicles, sitemap) and the operators' search terms; the
// buyer-side tables (favourites, history, views, popular queries) are in search.saved.repository.ts.
// What it holds of listings and the model database arrives through their index.ts (search.index.ts).

// Read paths never need the token arrays (the bulk of each row): leave them in the database.
const { tokens: _tokens, ...cardColumns } = getTableColumns(listingSearch);
export type SearchRow = Omit<typeof listingSearch.$inferSelect, 'tokens'>;

async function rowsOf<T>(db: DbHandle, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ---- dictionary ----

/** Listed vehicles per brand and per series (ranks suggestions). */
export async function listedWeights(
  db: DbHandle,
): Promise<{ brands: Map<string, number>; series: Map<string, number> }> {
  const [brandWeights, seriesWeights] = await Promise.all([
    db
      .select({ id: listingSearch.brandId, n: sql<number>`count(*)::int` })
      .from(listingSearch)
      .where(eq(listingSearch.status, 'listed'))
      .groupBy(listingSearch.brandId),
    db
      .select({ id: listingSearch.seriesId, n: sql<number>`count(*)::int` })
      .from(listingSearch)
      .where(eq(listingSearch.status, 'listed'))
      .groupBy(listingSearch.seriesId),
  ]);
  return {
    brands: new Map(brandWeights.map((r) => [r.id, Number(r.n)])),
    series: new Map(seriesWeights.map((r) => [r.id, Number(r.n)])),
  };
}

// ---- indexing ----

/** A read-model row as the indexer builds it. */
export type NewSearchRow = typeof listingSearch.$inferInsert;

const UPSERT_CHUNK = 500;

/** Inserts or replaces read-model rows (keyed by listing id), in chunks. */
export async function upsertSearchRows(db: DbHandle, rows: readonly NewSearchRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const chunk = rows.slice(i, i + UPSERT_CHUNK);
    await db
      .insert(listingSearch)
      .values([...chunk])
      .onConflictDoUpdate({
        target: listingSearch.listingId,
        set: Object.fromEntries(
          Object.entries(getTableColumns(listingSearch))
            .filter(([key]) => key !== 'listingId')
            .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
        ),
      });
  }
}

/**
 * Deletes the rows of `scope` (these listing ids, or every row) except those of `keep`: listings that
 * are no longer listed or delisted leave the read model.
 */
export async function deleteSearchRowsExcept(
  db: DbHandle,
  scope: readonly string[] | 'all',
  keep: readonly string[],
): Promise<void> {
  if (scope !== 'all' && scope.length === 0) return;
  const kept = JSON.stringify(keep);
  const inScope =
    scope === 'all'
      ? sql`true`
      : sql`s.listing_id in (select jsonb_array_elements_text(${JSON.stringify(scope)}::jsonb))`;
  await db.execute(sql`
    delete from catalog_listing_search s where ${inScope}
      and s.listing_id not in (select jsonb_array_elements_text(${kept}::jsonb))`);
}

// ---- search ----

export interface NamedInQuery {
  readonly series: readonly string[];
  readonly brands: readonly string[];
  readonly tokens: readonly string[];
}

/** Filters normalised by the service (prices in fen, age as a registration cut-off date). */
export interface SearchFilters {
  /** Words of the query that named nothing known: a listing's tokens must hold every one. */
  tokens?: readonly string[];
  /**
   * Brands and series the query named (query understanding). A listing matches when its series is one of
   * `series`, or its brand one of `brands`, or its tokens hold every one of `tokens` (the names as typed);
   * it ranks in that order (tier 0, 1, 2), then by the buyer's sort. Relaxed together with `tokens` as `q`.
   */
  named?: NamedInQuery;
  kind?: 'new' | 'used';
  brand?: readonly string[];
  series?: readonly string[];
  body?: readonly string[];
  energy?: readonly string[];
  seats?: readonly number[];
  /** Vehicle segments (A00 ... D): 家用 asks for A and B. */
  segment?: readonly string[];
  city?: readonly string[];
  grade?: readonly number[];
  priceMinFen?: number;
  priceMaxFen?: number;
  rangeMinKm?: number;
  yearMin?: number;
  yearMax?: number;
  mileageMaxKm?: number;
  /** YYYY-MM-DD: registered on or after (new cars always pass). */
  registeredOnOrAfter?: string;
}

export type FilterName =
  | 'q'
  | 'kind'
  | 'brand'
  | 'series'
  | 'body'
  | 'energy'
  | 'seats'
  | 'city'
  | 'grade'
  | 'price'
  | 'rangeMinKm'
  | 'year'
  | 'mileageMaxKm'
  | 'ageMaxYears'
  | 'segment';

/** Facets and the filter each one is disjunctive over. */
export const FACET_COLUMNS = {
  brand: { column: 'brand_slug', filter: 'brand' },
  series: { column: 'series_slug', filter: 'series' },
  body: { column: 'body_type', filter: 'body' },
  energy: { column: 'energy_type', filter: 'energy' },
  seats: { column: 'seats', filter: 'seats' },
  kind: { column: 'kind', filter: 'kind' },
  city: { column: 'city_code', filter: 'city' },
  grade: { column: 'condition_grade', filter: 'grade' },
  year: { column: 'model_year', filter: 'year' },
} as const satisfies Record<string, { column: string; filter: FilterName }>;
export type FacetName = keyof typeof FACET_COLUMNS;

const s = listingSearch;

function list<T extends string | number>(values: readonly T[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** One SQL condition per active filter. */
export function filterConditions(f: SearchFilters): Partial<Record<FilterName, SQL>> {
  const c: Partial<Record<FilterName, SQL>> = {};
  const words =
    f.tokens && f.tokens.length > 0 ? sql`${s.tokens} @> array[${list(f.tokens)}]::text[]` : undefined;
  const named = f.named ? namedCondition(f.named) : undefined;
  if (words || named) c.q = and(named, words);
  if (f.kind) c.kind = eq(s.kind, f.kind);
  if (f.brand?.length) c.brand = inArray(s.brandSlug, [...f.brand]);
  if (f.series?.length) c.series = inArray(s.seriesSlug, [...f.series]);
  if (f.body?.length) c.body = inArray(s.bodyType, [...f.body]);
  if (f.energy?.length) c.energy = inArray(s.energyType, [...f.energy]);
  if (f.seats?.length) c.seats = inArray(s.seats, [...f.seats]);
  if (f.segment?.length) c.segment = inArray(s.segment, [...f.segment]);
  if (f.city?.length) c.city = inArray(s.cityCode, [...f.city]);
  if (f.grade?.length) c.grade = inArray(s.conditionGrade, [...f.grade]);
  if (f.priceMinFen !== undefined || f.priceMaxFen !== undefined) {
    c.price = and(
      f.priceMinFen !== undefined ? gte(s.priceFen, f.priceMinFen) : undefined,
      f.priceMaxFen !== undefined ? lte(s.priceFen, f.priceMaxFen) : undefined,
    );
  }
  if (f.rangeMinKm !== undefined) c.rangeMinKm = gte(s.electricRangeKm, f.rangeMinKm);
  if (f.yearMin !== undefined || f.yearMax !== undefined) {
    c.year = and(
      f.yearMin !== undefined ? gte(s.modelYear, f.yearMin) : undefined,
      f.yearMax !== undefined ? lte(s.modelYear, f.yearMax) : undefined,
    );
  }
  if (f.mileageMaxKm !== undefined) c.mileageMaxKm = lte(s.mileageKm, f.mileageMaxKm);
  if (f.registeredOnOrAfter !== undefined) {
    c.ageMaxYears = or(isNull(s.firstRegistrationDate), gte(s.firstRegistrationDate, f.registeredOnOrAfter));
  }
  return c;
}

/** A listing the query's names reach: its series, its brand, or its tokens hold every typed name. */
function namedCondition(n: NamedInQuery): SQL {
  const parts: SQL[] = [];
  if (n.series.length > 0) parts.push(inArray(s.seriesSlug, [...n.series]));
  if (n.brands.length > 0) parts.push(inArray(s.brandSlug, [...n.brands]));
  if (n.tokens.length > 0) parts.push(sql`${s.tokens} @> array[${list(n.tokens)}]::text[]`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** 0 for the named series, 1 for the named brands, 2 for a listing only the typed names' tokens reach. */
export function namedTier(n: NamedInQuery): SQL<number> {
  const series = n.series.length > 0 ? inArray(s.seriesSlug, [...n.series]) : sql`false`;
  const brands = n.brands.length > 0 ? inArray(s.brandSlug, [...n.brands]) : sql`false`;
  return sql<number>`(case when ${series} then 0 when ${brands} then 1 else 2 end)`;
}

const LISTED = eq(s.status, 'listed');

function allOf(conds: readonly (SQL | undefined)[]): SQL {
  const present = conds.filter((x): x is SQL => x !== undefined);
  return present.length === 0
    ? sql`true`
    : sql.join(
        present.map((x) => sql`(${x})`),
        sql` and `,
      );
}

export type SearchSort = 'popular' | 'price_asc' | 'price_desc' | 'newest' | 'mileage_asc';
export interface SortCursor {
  v: number | string;
  id: string;
  /** The last row's tier when the query named brands or series. */
  t?: number;
}

function sortSpec(sort: SearchSort) {
  switch (sort) {
    case 'price_asc':
      return { col: s.priceFen, dir: 'asc' as const };
    case 'price_desc':
      return { col: s.priceFen, dir: 'desc' as const };
    case 'newest':
      return { col: s.listedAt, dir: 'desc' as const };
    case 'mileage_asc':
      return { col: s.mileageKm, dir: 'asc' as const };
    case 'popular':
      return { col: s.popularity, dir: 'desc' as const };
  }
}

/** One page of listed vehicles in keyset order (sort key, then id), limit + 1 rows. */
export async function searchPage(
  db: DbHandle,
  conds: Partial<Record<FilterName, SQL>>,
  sort: SearchSort,
  cursor: SortCursor | undefined,
  limit: number,
  named?: NamedInQuery,
): Promise<(SearchRow & { tier: number })[]> {
  const spec = sortSpec(sort);
  const tier = named ? namedTier(named) : sql<number>`0`;
  let after: SQL | undefined;
  if (cursor) {
    const v = sort === 'newest' ? sql`${String(cursor.v)}::timestamptz` : sql`${Number(cursor.v)}`;
    const within =
      spec.dir === 'asc'
        ? sql`(${spec.col}, ${s.listingId}) > (${v}, ${cursor.id})`
        : sql`(${spec.col}, ${s.listingId}) < (${v}, ${cursor.id})`;
    const t = cursor.t ?? 0;
    after = named ? sql`(${tier} > ${t} or (${tier} = ${t} and ${within}))` : within;
  }
  const order = spec.dir === 'asc' ? [asc(spec.col), asc(s.listingId)] : [desc(spec.col), desc(s.listingId)];
  return db
    .select({ ...cardColumns, tier })
    .from(s)
    .where(allOf([LISTED, ...Object.values(conds), after]))
    .orderBy(...(named ? [asc(tier)] : []), ...order)
    .limit(limit + 1);
}

/**
 * Facet counts with disjunctive semantics (each facet ignores its own filter) and the total, in one
 * statement: the non-facet filters select a base set once; each facet counts its values over the base
 * rows that pass every OTHER facet filter.
 */
export async function facetCounts(
  db: DbHandle,
  conds: Partial<Record<FilterName, SQL>>,
): Promise<{ total: number; facets: Record<FacetName, { value: string; count: number }[]> }> {
  const facetNames = Object.keys(FACET_COLUMNS) as FacetName[];
  const facetFilters = new Set<FilterName>(facetNames.map((f) => FACET_COLUMNS[f].filter));
  const baseConds = (Object.entries(conds) as [FilterName, SQL][])
    .filter(([k]) => !facetFilters.has(k))
    .map(([, v]) => v);
  const activeFacetFilters = facetNames.filter((f) => conds[FACET_COLUMNS[f].filter] !== undefined);
  const flagCols = activeFacetFilters.map(
    (f) => sql`(${conds[FACET_COLUMNS[f].filter]}) as ${sql.identifier(`f_${f}`)}`,
  );
  const passAllExcept = (except: FacetName | null) => {
    const flags = activeFacetFilters.filter((f) => f !== except).map((f) => sql.identifier(`f_${f}`));
    return flags.length === 0 ? sql`true` : sql.join(flags, sql` and `);
  };
  const branches = facetNames.map(
    (f) =>
      sql`select ${f}::text as facet, ${sql.identifier(FACET_COLUMNS[f].column)}::text as value, count(*)::int as n
          from base where ${passAllExcept(f)} and ${sql.identifier(FACET_COLUMNS[f].column)} is not null group by 2`,
  );
  const rows = await rowsOf<{ facet: string; value: string | null; n: number | string }>(
    db,
    sql`with base as materialized (
          select brand_slug, series_slug, body_type, energy_type, seats, kind, city_code, condition_grade,
                 model_year${flagCols.length > 0 ? sql`, ${sql.join(flagCols, sql`, `)}` : sql``}
          from catalog_listing_search where ${allOf([LISTED, ...baseConds])})
        select '_total' as facet, '' as value, count(*)::int as n from base where ${passAllExcept(null)}
        union all ${sql.join(branches, sql` union all `)}`,
  );
  const facets = Object.fromEntries(
    facetNames.map((f) => [f, [] as { value: string; count: number }[]]),
  ) as Record<FacetName, { value: string; count: number }[]>;
  let total = 0;
  for (const r of rows) {
    if (r.facet === '_total') total = Number(r.n);
    else facets[r.facet as FacetName]?.push({ value: String(r.value), count: Number(r.n) });
  }
  for (const f of facetNames) facets[f].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { total, facets };
}

/** For an empty result: how many rows each single filter's removal would give (one scan). */
export async function relaxationCounts(
  db: DbHandle,
  conds: Partial<Record<FilterName, SQL>>,
): Promise<{ filter: FilterName; count: number }[]> {
  const active = Object.keys(conds) as FilterName[];
  if (active.length === 0) return [];
  const cols = active.map((name) => {
    const others = active.filter((n) => n !== name).map((n) => conds[n]);
    return sql`count(*) filter (where ${allOf(others)})::int as ${sql.identifier(name)}`;
  });
  const rows = await rowsOf<Record<string, number | string>>(
    db,
    sql`select ${sql.join(cols, sql`, `)} from catalog_listing_search where status = 'listed'`,
  );
  const row = rows[0] ?? {};
  return active
    .map((filter) => ({ filter, count: Number(row[filter] ?? 0) }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
}

export async function searchRowsByIds(db: DbHandle, ids: readonly string[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(cardColumns)
    .from(s)
    .where(inArray(s.listingId, [...ids]));
}

/**
 * The read-model row of one listing: named and prepared per database handle (every vehicle page not in the
 * detail cache runs it).
 */
function buildRowByIdQuery(db: DbHandle) {
  return db
    .select(cardColumns)
    .from(s)
    .where(eq(s.listingId, sql.placeholder('id')))
    .limit(1)
    .prepare('search_row_by_id');
}
const rowByIdQueries = new WeakMap<DbHandle, ReturnType<typeof buildRowByIdQuery>>();

export async function searchRowById(db: DbHandle, id: string): Promise<SearchRow | undefined> {
  let query = rowByIdQueries.get(db);
  if (!query) {
    query = buildRowByIdQuery(db);
    rowByIdQueries.set(db, query);
  }
  const rows = await query.execute({ id });
  return rows[0];
}

/**
 * One listing's read-model row (`part` 0) and the listed vehicles nearest to it of its body and energy
 * type, up from its price (part 1) and down from it (part 2), in one prepared statement: the row's values
 * come from scalar subqueries (evaluated once, then used as index bounds), so each probe walks the similar
 * index in price order and reads about `limit` rows whatever the market size. `status = 'listed'` is a
 * literal, not a parameter, so even a generic plan can use that partial index; the ±20% bounds are taken
 * in float8 as JavaScript takes them.
 */
function buildRowWithSimilarQuery(db: DbHandle) {
  const p = (name: string) => sql.placeholder(name);
  const of = (expr: string) =>
    sql`(select ${sql.raw(expr)} from catalog_listing_search r where r.listing_id = ${p('id')})`;
  const common = and(
    sql`${s.status} = 'listed'`,
    sql`${s.bodyType} = ${of('r.body_type')}`,
    sql`${s.energyType} = ${of('r.energy_type')}`,
    ne(s.listingId, p('id')),
  );
  const self = db
    .select({ ...cardColumns, part: sql<number>`0`.as('part') })
    .from(s)
    .where(eq(s.listingId, p('id')))
    .limit(1);
  const up = db
    .select({ ...cardColumns, part: sql<number>`1`.as('part') })
    .from(s)
    .where(
      and(
        common,
        sql`${s.priceFen} >= ${of('r.price_fen')}`,
        sql`${s.priceFen} <= ${of('ceil(r.price_fen::float8 * 1.2::float8)::bigint')}`,
      ),
    )
    .orderBy(asc(s.priceFen), asc(s.listingId))
    .limit(p('limit'));
  const down = db
    .select({ ...cardColumns, part: sql<number>`2`.as('part') })
    .from(s)
    .where(
      and(
        common,
        sql`${s.priceFen} >= ${of('floor(r.price_fen::float8 * 0.8::float8)::bigint')}`,
        sql`${s.priceFen} < ${of('r.price_fen')}`,
      ),
    )
    .orderBy(desc(s.priceFen), desc(s.listingId))
    .limit(p('limit'));
  return self.unionAll(up).unionAll(down).prepare('search_row_with_similar');
}
const rowWithSimilarQueries = new WeakMap<DbHandle, ReturnType<typeof buildRowWithSimilarQuery>>();

/** Nearest in price first, ties by id; at most `limit`. */
function nearest(rows: SearchRow[], price: number, limit: number): SearchRow[] {
  return rows
    .sort(
      (a, b) =>
        Math.abs(Number(a.priceFen) - price) - Math.abs(Number(b.priceFen) - price) ||
        a.listingId.localeCompare(b.listingId),
    )
    .slice(0, limit);
}

/**
 * A listing's read-model row (undefined when it is not indexed) with the listed vehicles like it: same
 * energy type, price within ±20%, same body type (then, if fewer than `limit`, same segment), nearest in
 * price first, at most `limit`.
 */
export async function rowWithSimilar(
  db: DbHandle,
  id: string,
  limit: number,
): Promise<{ row: SearchRow; similar: SearchRow[] } | undefined> {
  let query = rowWithSimilarQueries.get(db);
  if (!query) {
    query = buildRowWithSimilarQuery(db);
    rowWithSimilarQueries.set(db, query);
  }
  const rows = await query.execute({ id, limit });
  let row: SearchRow | undefined;
  const found: SearchRow[] = [];
  for (const { part, ...r } of rows) {
    if (Number(part) === 0) row = r;
    else found.push(r);
  }
  if (!row) return undefined;
  return { row, similar: await widenToSegment(db, row, nearest(found, Number(row.priceFen), limit), limit) };
}

/**
 * Fewer than `limit` of the same body type (a small market for it): the nearest of the same segment and
 * energy type with another body type follow them.
 */
async function widenToSegment(
  db: DbHandle,
  row: SearchRow,
  byBody: SearchRow[],
  limit: number,
): Promise<SearchRow[]> {
  if (byBody.length >= limit) return byBody;
  const price = Number(row.priceFen);
  const lo = Math.floor(price * 0.8);
  const hi = Math.ceil(price * 1.2);
  const common = and(
    LISTED,
    eq(s.segment, row.segment),
    sql`${s.bodyType} <> ${row.bodyType}`,
    eq(s.energyType, row.energyType),
    sql`${s.listingId} not in (${list([row.listingId, ...byBody.map((r) => r.listingId)])})`,
  );
  const [up, down] = await Promise.all([
    db
      .select(cardColumns)
      .from(s)
      .where(and(common, gte(s.priceFen, price), lte(s.priceFen, hi)))
      .orderBy(asc(s.priceFen), asc(s.listingId))
      .limit(limit),
    db
      .select(cardColumns)
      .from(s)
      .where(and(common, gte(s.priceFen, lo), sql`${s.priceFen} < ${price}`))
      .orderBy(desc(s.priceFen), desc(s.listingId))
      .limit(limit),
  ]);
  return [...byBody, ...nearest([...up, ...down], price, limit)].slice(0, limit);
}

// ---- recommendations and sitemap ----

/** Per trim: listed count, lowest price, a cheapest listing, image and distinct stores (optionally in one city). */
export async function listedOffersByTrim(db: DbHandle, cityCode: string | undefined) {
  const rows = await rowsOf<{
    trim_id: string;
    n: number | string;
    min_price: number | string;
    listing_id: string;
    image_url: string | null;
    stores: number | string;
  }>(
    db,
    sql`select trim_id, count(*)::int as n, min(price_fen)::float8 as min_price,
          (array_agg(listing_id order by price_fen, listing_id))[1] as listing_id,
          (array_agg(image_url order by price_fen, listing_id) filter (where image_url is not null))[1] as image_url,
          count(distinct store_id)::int as stores
        from catalog_listing_search
        where status = 'listed' ${cityCode ? sql`and city_code = ${cityCode}` : sql``}
        group by trim_id`,
  );
  return rows.map((r) => ({
    trimId: r.trim_id,
    count: Number(r.n),
    minPriceFen: Number(r.min_price),
    listingId: r.listing_id,
    imageUrl: r.image_url,
    stores: Number(r.stores),
  }));
}

export async function sitemapRows(db: DbHandle) {
  const vehicles = await db
    .select({ id: s.listingId, updatedAt: s.updatedAt })
    .from(s)
    .where(LISTED)
    .orderBy(asc(s.listingId))
    .limit(50_000);
  const seriesRows = await db
    .select({
      brandSlug: s.brandSlug,
      seriesSlug: s.seriesSlug,
      updatedAt: sql<string>`max(${s.updatedAt})::text`,
    })
    .from(s)
    .where(LISTED)
    .groupBy(s.brandSlug, s.seriesSlug)
    .orderBy(s.brandSlug, s.seriesSlug);
  return { vehicles, series: seriesRows };
}

// ---- the words search understands ----

export async function listQueryTerms(db: DbHandle): Promise<SearchQueryTermRow[]> {
  return db.select().from(searchQueryTerms).orderBy(asc(searchQueryTerms.term), asc(searchQueryTerms.filter));
}

export async function insertQueryTerm(
  db: DbHandle,
  row: typeof searchQueryTerms.$inferInsert,
): Promise<SearchQueryTermRow | undefined> {
  const rows = await db.insert(searchQueryTerms).values(row).onConflictDoNothing().returning();
  return rows[0];
}

export async function lockQueryTerm(db: DbHandle, id: string): Promise<SearchQueryTermRow | undefined> {
  const rows = await db.select().from(searchQueryTerms).where(eq(searchQueryTerms.id, id)).for('update');
  return rows[0];
}

export async function updateQueryTerm(
  db: DbHandle,
  id: string,
  set: Partial<typeof searchQueryTerms.$inferInsert>,
): Promise<SearchQueryTermRow> {
  const rows = await db.update(searchQueryTerms).set(set).where(eq(searchQueryTerms.id, id)).returning();
  const row = rows[0];
  if (!row) throw new Error(`query term ${id} vanished under its lock`);
  return row;
}

export async function deleteQueryTerm(db: DbHandle, id: string): Promise<void> {
  await db.delete(searchQueryTerms).where(eq(searchQueryTerms.id, id));
}
