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
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db, Tx } from '../../kernel/db/client.js';
import { brands, media, parameterDefinitions, series, trimParameters, trims } from './catalog.schema.js';
import { inspectionItems, inspectionReports, listings, usedVehicles } from './listings.schema.js';
import { browsingHistory, favourites, listingSearch, listingViews } from './search.schema.js';

// The only SQL of the search sub-area. It reads the catalog module's own tables (model and listings) to
// build the denormalized `catalog_listing_search` and the detail/compare views; never other modules'.

type Handle = Db | Tx;
// Read paths never need the token arrays (the bulk of each row): leave them in the database.
const { tokens: _tokens, ...cardColumns } = getTableColumns(listingSearch);
export type SearchRow = Omit<typeof listingSearch.$inferSelect, 'tokens'>;

async function rowsOf<T>(db: Handle, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ---- dictionary ----

export interface DictionarySource {
  brands: {
    id: string;
    slug: string;
    name: string;
    nameEn: string;
    pinyin: string;
    aliases: string[];
    weight: number;
  }[];
  series: {
    id: string;
    brandId: string;
    slug: string;
    name: string;
    nameEn: string;
    pinyin: string;
    aliases: string[];
    weight: number;
  }[];
}

export async function loadDictionarySource(db: Handle): Promise<DictionarySource> {
  const [brandRows, seriesRows, brandWeights, seriesWeights] = await Promise.all([
    db
      .select({
        id: brands.id,
        slug: brands.slug,
        name: brands.name,
        nameEn: brands.nameEn,
        pinyin: brands.pinyin,
        aliases: brands.aliases,
      })
      .from(brands),
    db
      .select({
        id: series.id,
        brandId: series.brandId,
        slug: series.slug,
        name: series.name,
        nameEn: series.nameEn,
        pinyin: series.pinyin,
        aliases: series.aliases,
      })
      .from(series),
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
  const bw = new Map(brandWeights.map((r) => [r.id, Number(r.n)]));
  const sw = new Map(seriesWeights.map((r) => [r.id, Number(r.n)]));
  return {
    brands: brandRows.map((b) => ({ ...b, weight: bw.get(b.id) ?? 0 })),
    series: seriesRows.map((s) => ({ ...s, weight: sw.get(s.id) ?? 0 })),
  };
}

// ---- indexing ----

export interface TrimNames {
  trimId: string;
  trimName: string;
  modelYear: number;
  energyType: string;
  bodyType: string;
  brand: { name: string; nameEn: string; pinyin: string; aliases: string[] };
  series: { name: string; nameEn: string; pinyin: string; aliases: string[] };
}

/** Names of the given trims (or all trims) with their series and brand, for token building. */
export async function trimNames(db: Handle, trimIds: readonly string[] | 'all'): Promise<TrimNames[]> {
  if (trimIds !== 'all' && trimIds.length === 0) return [];
  const rows = await db
    .select({
      trimId: trims.id,
      trimName: trims.name,
      modelYear: trims.modelYear,
      energyType: trims.energyType,
      bodyType: series.bodyType,
      bName: brands.name,
      bNameEn: brands.nameEn,
      bPinyin: brands.pinyin,
      bAliases: brands.aliases,
      sName: series.name,
      sNameEn: series.nameEn,
      sPinyin: series.pinyin,
      sAliases: series.aliases,
    })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId))
    .where(trimIds === 'all' ? undefined : inArray(trims.id, [...trimIds]));
  return rows.map((r) => ({
    trimId: r.trimId,
    trimName: r.trimName,
    modelYear: r.modelYear,
    energyType: r.energyType,
    bodyType: r.bodyType,
    brand: { name: r.bName, nameEn: r.bNameEn, pinyin: r.bPinyin, aliases: r.bAliases },
    series: { name: r.sName, nameEn: r.sNameEn, pinyin: r.sPinyin, aliases: r.sAliases },
  }));
}

export async function trimIdsOfListings(db: Handle, listingIds: readonly string[]): Promise<string[]> {
  if (listingIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ trimId: listings.trimId })
    .from(listings)
    .where(inArray(listings.id, [...listingIds]));
  return rows.map((r) => r.trimId);
}

/** Listing ids under a trim, series or brand (for reindexing after a model change). */
export async function listingIdsUnder(
  db: Handle,
  scope: { trimId?: string; seriesId?: string; brandId?: string },
): Promise<string[]> {
  const cond = scope.trimId
    ? eq(trims.id, scope.trimId)
    : scope.seriesId
      ? eq(series.id, scope.seriesId)
      : scope.brandId
        ? eq(series.brandId, scope.brandId)
        : sql`false`;
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .innerJoin(trims, eq(trims.id, listings.trimId))
    .innerJoin(series, eq(series.id, trims.seriesId))
    .where(cond);
  return rows.map((r) => r.id);
}

const CJK_CLASS = '[\u3400-\u9fff\uf900-\ufaff]';
const CJK_PAIR = '^[\u3400-\u9fff\uf900-\ufaff]{2}$';

/**
 * Upserts the search rows of the given listings (or all), set-based: one INSERT ... SELECT over the
 * catalog tables. Title tokens are computed in SQL (CJK unigrams + bigrams, latin words: the same rules as
 * `textTokens`); name tokens (pinyin, aliases) come precomputed per trim and per city. Listings that are
 * no longer listed or delisted lose their row.
 */
export async function upsertSearchRows(
  db: Handle,
  listingIds: readonly string[] | 'all',
  trimTokens: readonly { trimId: string; tokens: readonly string[] }[],
  cityTokens: readonly { cityCode: string; tokens: readonly string[] }[],
  now: Date,
): Promise<void> {
  if (listingIds !== 'all' && listingIds.length === 0) return;
  const trimJson = JSON.stringify(trimTokens.map((t) => ({ trim_id: t.trimId, tokens: t.tokens.join(' ') })));
  const cityJson = JSON.stringify(
    cityTokens.map((c) => ({ city_code: c.cityCode, tokens: c.tokens.join(' ') })),
  );
  const scope =
    listingIds === 'all'
      ? sql`true`
      : sql`l.id in (${sql.join(
          [...listingIds].map((id) => sql`${id}`),
          sql`, `,
        )})`;
  await db.execute(sql`
    insert into catalog_listing_search (
      listing_id, kind, status, brand_id, brand_slug, brand_name, series_id, series_slug, series_name, segment,
      trim_id, trim_name, model_year, body_type, energy_type, seats, electric_range_km, price_fen, guide_price_fen,
      mileage_km, first_registration_date, city_code, condition_grade, dealer_id, store_id, vin, popularity,
      listed_at, title, image_url, tokens, updated_at)
    select l.id, l.kind, l.status, b.id, b.slug, b.name, s.id, s.slug, s.name, s.segment,
      t.id, t.name, t.model_year, s.body_type, t.energy_type, t.seats, t.electric_range_km, l.price_fen,
      t.guide_price_fen, coalesce(u.mileage_km, 0), u.first_registration_date, l.city_code,
      u.condition_grade, l.dealer_id, l.store_id, u.vin, l.popularity, coalesce(l.listed_at, l.updated_at),
      l.title,
      coalesce(
        (select m.url from catalog_media m where m.owner_type = 'listing' and m.owner_id = l.id
           and m.kind = 'image' order by m.sort, m.id limit 1),
        (select m.url from catalog_media m where m.owner_type = 'trim' and m.owner_id = t.id
           and m.kind = 'image' order by m.sort, m.id limit 1)),
      array(
        select distinct tok from unnest(
          array(
            select substr(x.v, g, 1) from generate_series(1, length(x.v)) g
              where substr(x.v, g, 1) ~ ${CJK_CLASS}
            union
            select substr(x.v, g, 2) from generate_series(1, length(x.v) - 1) g
              where substr(x.v, g, 2) ~ ${CJK_PAIR}
            union
            select mm[1] from regexp_matches(x.v, '([a-z0-9]+)', 'g') mm
          )
          || coalesce(string_to_array(tt.tokens, ' '), '{}'::text[])
          || coalesce(string_to_array(ct.tokens, ' '), '{}'::text[])
        ) tok where tok <> ''
      ),
      ${now.toISOString()}::timestamptz
    from catalog_listings l
    join catalog_trims t on t.id = l.trim_id
    join catalog_series s on s.id = t.series_id
    join catalog_brands b on b.id = s.brand_id
    left join catalog_used_vehicles u on u.listing_id = l.id
    cross join lateral (select lower(normalize(l.title, NFKC)) as v) x
    left join jsonb_to_recordset(${trimJson}::jsonb) as tt(trim_id text, tokens text) on tt.trim_id = t.id
    left join jsonb_to_recordset(${cityJson}::jsonb) as ct(city_code text, tokens text) on ct.city_code = l.city_code
    where l.status in ('listed', 'delisted') and ${scope}
    on conflict (listing_id) do update set
      kind = excluded.kind, status = excluded.status, brand_id = excluded.brand_id,
      brand_slug = excluded.brand_slug, brand_name = excluded.brand_name, series_id = excluded.series_id,
      series_slug = excluded.series_slug, series_name = excluded.series_name, segment = excluded.segment,
      trim_id = excluded.trim_id, trim_name = excluded.trim_name, model_year = excluded.model_year,
      body_type = excluded.body_type, energy_type = excluded.energy_type, seats = excluded.seats,
      electric_range_km = excluded.electric_range_km, price_fen = excluded.price_fen,
      guide_price_fen = excluded.guide_price_fen, mileage_km = excluded.mileage_km,
      first_registration_date = excluded.first_registration_date, city_code = excluded.city_code,
      condition_grade = excluded.condition_grade, dealer_id = excluded.dealer_id,
      store_id = excluded.store_id, vin = excluded.vin, popularity = excluded.popularity,
      listed_at = excluded.listed_at, title = excluded.title,
      image_url = excluded.image_url, tokens = excluded.tokens, updated_at = excluded.updated_at`);
  const gone =
    listingIds === 'all'
      ? sql`true`
      : sql`s.listing_id in (${sql.join(
          [...listingIds].map((id) => sql`${id}`),
          sql`, `,
        )})`;
  await db.execute(sql`
    delete from catalog_listing_search s where ${gone} and not exists (
      select 1 from catalog_listings l where l.id = s.listing_id and l.status in ('listed', 'delisted'))`);
}

// ---- search ----

/** Filters normalised by the service (prices in fen, age as a registration cut-off date). */
export interface SearchFilters {
  tokens?: readonly string[];
  kind?: 'new' | 'used';
  brand?: readonly string[];
  series?: readonly string[];
  body?: readonly string[];
  energy?: readonly string[];
  seats?: readonly number[];
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
  | 'ageMaxYears';

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
  if (f.tokens && f.tokens.length > 0) c.q = sql`${s.tokens} @> array[${list(f.tokens)}]::text[]`;
  if (f.kind) c.kind = eq(s.kind, f.kind);
  if (f.brand?.length) c.brand = inArray(s.brandSlug, [...f.brand]);
  if (f.series?.length) c.series = inArray(s.seriesSlug, [...f.series]);
  if (f.body?.length) c.body = inArray(s.bodyType, [...f.body]);
  if (f.energy?.length) c.energy = inArray(s.energyType, [...f.energy]);
  if (f.seats?.length) c.seats = inArray(s.seats, [...f.seats]);
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
  db: Handle,
  conds: Partial<Record<FilterName, SQL>>,
  sort: SearchSort,
  cursor: SortCursor | undefined,
  limit: number,
): Promise<SearchRow[]> {
  const spec = sortSpec(sort);
  let after: SQL | undefined;
  if (cursor) {
    const v = sort === 'newest' ? sql`${String(cursor.v)}::timestamptz` : sql`${Number(cursor.v)}`;
    after =
      spec.dir === 'asc'
        ? sql`(${spec.col}, ${s.listingId}) > (${v}, ${cursor.id})`
        : sql`(${spec.col}, ${s.listingId}) < (${v}, ${cursor.id})`;
  }
  const order = spec.dir === 'asc' ? [asc(spec.col), asc(s.listingId)] : [desc(spec.col), desc(s.listingId)];
  return db
    .select(cardColumns)
    .from(s)
    .where(allOf([LISTED, ...Object.values(conds), after]))
    .orderBy(...order)
    .limit(limit + 1);
}

/**
 * Facet counts with disjunctive semantics (each facet ignores its own filter) and the total, in one
 * statement: the non-facet filters select a base set once; each facet counts its values over the base
 * rows that pass every OTHER facet filter.
 */
export async function facetCounts(
  db: Handle,
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
  db: Handle,
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

export async function searchRowsByIds(db: Handle, ids: readonly string[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(cardColumns)
    .from(s)
    .where(inArray(s.listingId, [...ids]));
}

export async function searchRowById(db: Handle, id: string): Promise<SearchRow | undefined> {
  const rows = await db.select(cardColumns).from(s).where(eq(s.listingId, id)).limit(1);
  return rows[0];
}

/**
 * Listed vehicles like this one: same energy type, price within ±20%, same body type (then, if fewer
 * than `limit`, same segment), nearest in price first. Each probe walks an index in price order from the
 * car's price upwards and downwards, so it reads about `limit` rows whatever the market size.
 */
export async function similarRows(db: Handle, row: SearchRow, limit: number): Promise<SearchRow[]> {
  const price = Number(row.priceFen);
  const lo = Math.floor(price * 0.8);
  const hi = Math.ceil(price * 1.2);
  const probe = (match: SQL, exclude: readonly string[]) => {
    const common = and(
      LISTED,
      match,
      eq(s.energyType, row.energyType),
      sql`${s.listingId} not in (${list([row.listingId, ...exclude])})`,
    );
    return Promise.all([
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
    ]).then(([up, down]) =>
      [...up, ...down]
        .sort(
          (a, b) =>
            Math.abs(Number(a.priceFen) - price) - Math.abs(Number(b.priceFen) - price) ||
            a.listingId.localeCompare(b.listingId),
        )
        .slice(0, limit),
    );
  };
  const byBody = await probe(eq(s.bodyType, row.bodyType), []);
  if (byBody.length >= limit) return byBody;
  const bySegment = await probe(
    and(eq(s.segment, row.segment), sql`${s.bodyType} <> ${row.bodyType}`) ?? sql`true`,
    byBody.map((r) => r.listingId),
  );
  return [...byBody, ...bySegment].slice(0, limit);
}

// ---- detail and compare ----

export async function listingDetailRows(db: Handle, id: string) {
  const rows = await db
    .select({
      listing: listings,
      trim: trims,
      series: series,
      brand: brands,
      used: usedVehicles,
    })
    .from(listings)
    .innerJoin(trims, eq(trims.id, listings.trimId))
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId))
    .leftJoin(usedVehicles, eq(usedVehicles.listingId, listings.id))
    .where(eq(listings.id, id))
    .limit(1);
  return rows[0];
}

export async function inspectionOf(db: Handle, listingId: string) {
  const reports = await db
    .select()
    .from(inspectionReports)
    .where(eq(inspectionReports.listingId, listingId))
    .limit(1);
  const report = reports[0];
  if (!report) return undefined;
  const items = await db
    .select()
    .from(inspectionItems)
    .where(eq(inspectionItems.reportId, report.id))
    .orderBy(asc(inspectionItems.section), asc(inspectionItems.sort));
  return { report, items };
}

export async function mediaOf(db: Handle, owners: readonly { type: 'trim' | 'listing'; id: string }[]) {
  if (owners.length === 0) return [];
  return db
    .select()
    .from(media)
    .where(or(...owners.map((o) => and(eq(media.ownerType, o.type), eq(media.ownerId, o.id)))))
    .orderBy(asc(media.sort), asc(media.id));
}

export type ParameterDefinitionRow = typeof parameterDefinitions.$inferSelect;
export type TrimParameterRow = typeof trimParameters.$inferSelect;

export async function parameterDefinitionsAll(db: Handle): Promise<ParameterDefinitionRow[]> {
  return db
    .select()
    .from(parameterDefinitions)
    .orderBy(asc(parameterDefinitions.group), asc(parameterDefinitions.sort), asc(parameterDefinitions.key));
}

export async function parametersOfTrims(db: Handle, trimIds: readonly string[]): Promise<TrimParameterRow[]> {
  if (trimIds.length === 0) return [];
  return db
    .select()
    .from(trimParameters)
    .where(inArray(trimParameters.trimId, [...trimIds]));
}

export async function trimsWithNames(db: Handle, trimIds: readonly string[]) {
  if (trimIds.length === 0) return [];
  return db
    .select({ trim: trims, series: series, brand: brands })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId))
    .where(inArray(trims.id, [...trimIds]));
}

// ---- favourites, history, views ----

export async function addFavourites(
  db: Handle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<number> {
  if (listingIds.length === 0) return 0;
  const inserted = await db
    .insert(favourites)
    .values(
      listingIds.map((listingId, i) => ({ buyerId, listingId, createdAt: new Date(now.getTime() - i) })),
    )
    .onConflictDoNothing()
    .returning({ listingId: favourites.listingId });
  return inserted.length;
}

export async function removeFavourite(db: Handle, buyerId: string, listingId: string): Promise<boolean> {
  const rows = await db
    .delete(favourites)
    .where(and(eq(favourites.buyerId, buyerId), eq(favourites.listingId, listingId)))
    .returning({ listingId: favourites.listingId });
  return rows.length > 0;
}

export async function listFavourites(db: Handle, buyerId: string, limit: number) {
  return db
    .select({ listingId: favourites.listingId, at: favourites.createdAt })
    .from(favourites)
    .where(eq(favourites.buyerId, buyerId))
    .orderBy(desc(favourites.createdAt), asc(favourites.listingId))
    .limit(limit);
}

export async function isFavourite(db: Handle, buyerId: string, listingId: string): Promise<boolean> {
  const rows = await db
    .select({ listingId: favourites.listingId })
    .from(favourites)
    .where(and(eq(favourites.buyerId, buyerId), eq(favourites.listingId, listingId)))
    .limit(1);
  return rows.length > 0;
}

export async function countFavourites(db: Handle, buyerId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(favourites)
    .where(eq(favourites.buyerId, buyerId));
  return Number(rows[0]?.n ?? 0);
}

/** Records views in history; an older view never overwrites a newer one (merges are idempotent). */
export async function upsertHistory(
  db: Handle,
  buyerId: string,
  entries: readonly { listingId: string; viewedAt: Date }[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insert(browsingHistory)
    .values(entries.map((e) => ({ buyerId, listingId: e.listingId, viewedAt: e.viewedAt })))
    .onConflictDoUpdate({
      target: [browsingHistory.buyerId, browsingHistory.listingId],
      set: { viewedAt: sql`greatest(${browsingHistory.viewedAt}, excluded.viewed_at)` },
    })
    .returning({ listingId: browsingHistory.listingId });
  return rows.length;
}

export async function listHistory(db: Handle, buyerId: string, limit: number) {
  return db
    .select({ listingId: browsingHistory.listingId, at: browsingHistory.viewedAt })
    .from(browsingHistory)
    .where(eq(browsingHistory.buyerId, buyerId))
    .orderBy(desc(browsingHistory.viewedAt), asc(browsingHistory.listingId))
    .limit(limit);
}

export async function countHistory(db: Handle, buyerId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(browsingHistory)
    .where(eq(browsingHistory.buyerId, buyerId));
  return Number(rows[0]?.n ?? 0);
}

export async function insertViews(
  db: Handle,
  rows: readonly { id: string; listingId: string; viewedAt: Date }[],
): Promise<void> {
  if (rows.length > 0) await db.insert(listingViews).values([...rows]);
}

/**
 * popularity = views in the 30 days before `now`, written to the listings and the search rows whose
 * value changed; views older than 30 days are deleted.
 */
export async function refreshPopularity(db: Handle, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  await db.execute(sql`delete from catalog_listing_views where viewed_at < ${since}::timestamptz`);
  const counts = sql`(select listing_id, count(*)::int as n from catalog_listing_views group by listing_id)`;
  const changed = await rowsOf<{ listing_id: string }>(
    db,
    sql`update catalog_listing_search s set popularity = coalesce(v.n, 0)
        from catalog_listing_search s2 left join ${counts} v on v.listing_id = s2.listing_id
        where s.listing_id = s2.listing_id and s.popularity <> coalesce(v.n, 0)
        returning s.listing_id`,
  );
  await db.execute(sql`
    update catalog_listings l set popularity = coalesce(v.n, 0)
    from catalog_listings l2 left join ${counts} v on v.listing_id = l2.id
    where l.id = l2.id and l.popularity <> coalesce(v.n, 0)`);
  return changed.length;
}

// ---- recommendations and sitemap ----

export async function recommendationCandidates(db: Handle) {
  return db
    .select({ trim: trims, series: series, brand: brands })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId))
    .where(eq(trims.status, 'on_sale'));
}

/** Per trim: listed count, lowest price, a cheapest listing, image and distinct stores (optionally in one city). */
export async function listedOffersByTrim(db: Handle, cityCode: string | undefined) {
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

export async function sitemapRows(db: Handle) {
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
