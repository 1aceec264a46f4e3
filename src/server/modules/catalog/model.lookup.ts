import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type BrandRow,
  brands,
  type MediaRow,
  media,
  type ParameterDefinitionRow,
  parameterDefinitions,
  type SeriesRow,
  series,
  type TrimParameterRow,
  type TrimRow,
  trimColours,
  trimParameters,
  trims,
} from './catalog.schema.js';

// What other modules read from the model database (through index.ts): listings, accessories and search
// never query these tables themselves.

/** The ids among `ids` that are series of the model database. */
export async function existingSeriesIds(db: DbHandle, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: series.id })
    .from(series)
    .where(inArray(series.id, [...ids]));
  return rows.map((r) => r.id);
}

/** Every series' id and name, by id (the demo seeds fit products and pick trims by name). */
export async function listSeriesNames(db: DbHandle): Promise<{ id: string; name: string }[]> {
  return db.select({ id: series.id, name: series.name }).from(series).orderBy(asc(series.id));
}

/** A trim with the series and brand names a listing shows. */
export interface TrimFacts {
  id: string;
  name: string;
  modelYear: number;
  guidePriceFen: number;
  seriesId: string;
  seriesName: string;
  brandName: string;
  brandNameEn: string;
}

function trimFactsSelect(db: DbHandle) {
  return db
    .select({
      id: trims.id,
      name: trims.name,
      modelYear: trims.modelYear,
      guidePriceFen: trims.guidePriceFen,
      seriesId: series.id,
      seriesName: series.name,
      brandName: brands.name,
      brandNameEn: brands.nameEn,
    })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId));
}

export async function findTrimFacts(db: DbHandle, trimId: string): Promise<TrimFacts | undefined> {
  const [row] = await trimFactsSelect(db).where(eq(trims.id, trimId));
  return row;
}

/** The facts of the given trims (or of every trim, by id). */
export async function trimFactsOf(db: DbHandle, trimIds: readonly string[] | 'all'): Promise<TrimFacts[]> {
  if (trimIds === 'all') return trimFactsSelect(db).orderBy(asc(trims.id));
  if (trimIds.length === 0) return [];
  return trimFactsSelect(db).where(inArray(trims.id, [...new Set(trimIds)]));
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Trims whose brand, series or trim name contains `q` (the listing editor's picker), newest first. */
export async function searchTrimOptions(
  db: DbHandle,
  q: string | undefined,
  limit: number,
): Promise<TrimFacts[]> {
  const p = q ? likePattern(q) : undefined;
  const cond = p
    ? or(
        ilike(brands.name, p),
        ilike(brands.nameEn, p),
        ilike(series.name, p),
        ilike(trims.name, p),
        eq(trims.id, q ?? ''),
      )
    : undefined;
  return trimFactsSelect(db)
    .where(cond)
    .orderBy(desc(trims.modelYear), asc(brands.sort), asc(series.name), asc(trims.guidePriceFen))
    .limit(limit);
}

/** The colours offered for the given trims (or every trim), in each trim's own order. */
export async function coloursOfTrims(
  db: DbHandle,
  trimIds: readonly string[] | 'all',
): Promise<{ trimId: string; kind: 'exterior' | 'interior'; name: string }[]> {
  if (trimIds !== 'all' && trimIds.length === 0) return [];
  return db
    .select({ trimId: trimColours.trimId, kind: trimColours.kind, name: trimColours.name })
    .from(trimColours)
    .where(trimIds === 'all' ? undefined : inArray(trimColours.trimId, [...trimIds]))
    .orderBy(asc(trimColours.trimId), asc(trimColours.sort));
}

/** A trim with its series and brand rows (the search read model, compare and recommendations read these). */
export interface TrimWithSeriesAndBrand {
  trim: TrimRow;
  series: SeriesRow;
  brand: BrandRow;
}

function trimsWithNamesSelect(db: DbHandle) {
  return db
    .select({ trim: trims, series: series, brand: brands })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId));
}

/** The given trims (or every trim) with their series and brand. */
export async function trimsWithSeriesAndBrand(
  db: DbHandle,
  trimIds: readonly string[] | 'all',
): Promise<TrimWithSeriesAndBrand[]> {
  if (trimIds === 'all') return trimsWithNamesSelect(db);
  if (trimIds.length === 0) return [];
  return trimsWithNamesSelect(db).where(inArray(trims.id, [...new Set(trimIds)]));
}

/** Every trim on sale with its series and brand (what recommendations choose from). */
export async function onSaleTrimsWithSeriesAndBrand(db: DbHandle): Promise<TrimWithSeriesAndBrand[]> {
  return trimsWithNamesSelect(db).where(eq(trims.status, 'on_sale'));
}

/** The names buyers search by: every brand and series with its English name, pinyin and aliases. */
export async function searchableNames(db: DbHandle): Promise<{
  brands: { id: string; slug: string; name: string; nameEn: string; pinyin: string; aliases: string[] }[];
  series: {
    id: string;
    brandId: string;
    slug: string;
    name: string;
    nameEn: string;
    pinyin: string;
    aliases: string[];
  }[];
}> {
  const [brandRows, seriesRows] = await Promise.all([
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
  ]);
  return { brands: brandRows, series: seriesRows };
}

/** One owner's media in display order: named and prepared per database handle (every cold vehicle page). */
function buildOwnerMediaQuery(db: DbHandle) {
  return db
    .select()
    .from(media)
    .where(and(eq(media.ownerType, sql.placeholder('type')), eq(media.ownerId, sql.placeholder('id'))))
    .orderBy(asc(media.sort), asc(media.id))
    .prepare('catalog_owner_media');
}
const ownerMediaQueries = new WeakMap<DbHandle, ReturnType<typeof buildOwnerMediaQuery>>();

/** The media of these owners (trims, listings), in display order. */
export async function mediaOf(
  db: DbHandle,
  owners: readonly { type: 'trim' | 'listing'; id: string }[],
): Promise<MediaRow[]> {
  if (owners.length === 0) return [];
  const [only] = owners;
  if (owners.length === 1 && only) {
    let query = ownerMediaQueries.get(db);
    if (!query) {
      query = buildOwnerMediaQuery(db);
      ownerMediaQueries.set(db, query);
    }
    return query.execute({ type: only.type, id: only.id });
  }
  return db
    .select()
    .from(media)
    .where(or(...owners.map((o) => and(eq(media.ownerType, o.type), eq(media.ownerId, o.id)))))
    .orderBy(asc(media.sort), asc(media.id));
}

/** The first image (by display order) of each owner that has one, keyed `<type>:<id>`. */
export async function firstImageUrls(
  db: DbHandle,
  owners: readonly { type: 'trim' | 'listing'; id: string }[],
): Promise<Map<string, string>> {
  if (owners.length === 0) return new Map();
  const json = JSON.stringify(owners.map((o) => ({ t: o.type, id: o.id })));
  const result = (await db.execute(sql`
    select distinct on (m.owner_type, m.owner_id) m.owner_type, m.owner_id, m.url
    from catalog_media m
      join jsonb_to_recordset(${json}::jsonb) as o(t text, id text) on o.t = m.owner_type and o.id = m.owner_id
    where m.kind = 'image'
    order by m.owner_type, m.owner_id, m.sort, m.id`)) as unknown as {
    rows: { owner_type: string; owner_id: string; url: string }[];
  };
  return new Map(result.rows.map((r) => [`${r.owner_type}:${r.owner_id}`, r.url]));
}

/** The parameter dictionary in display order (group, sort, key). */
export async function parameterDefinitionsAll(db: DbHandle): Promise<ParameterDefinitionRow[]> {
  return db
    .select()
    .from(parameterDefinitions)
    .orderBy(asc(parameterDefinitions.group), asc(parameterDefinitions.sort), asc(parameterDefinitions.key));
}

/** The parameter values of these trims. */
export async function parametersOfTrims(
  db: DbHandle,
  trimIds: readonly string[],
): Promise<TrimParameterRow[]> {
  if (trimIds.length === 0) return [];
  return db
    .select()
    .from(trimParameters)
    .where(inArray(trimParameters.trimId, [...trimIds]));
}

/** Series with their brand's names (analytics' top vehicles name them "比亚迪 汉" / "BYD Han"). */
export async function seriesWithBrandNames(
  db: DbHandle,
  ids: readonly string[],
): Promise<{ id: string; name: string; nameEn: string; brandName: string; brandNameEn: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: series.id,
      name: series.name,
      nameEn: series.nameEn,
      brandName: brands.name,
      brandNameEn: brands.nameEn,
    })
    .from(series)
    .innerJoin(brands, eq(brands.id, series.brandId))
    .where(inArray(series.id, [...new Set(ids)]));
}
