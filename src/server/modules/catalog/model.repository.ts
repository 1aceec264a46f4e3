import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type BrandRow,
  brands,
  type MediaRow,
  media,
  mediaBlobs,
  type NewBrandRow,
  type NewMediaRow,
  type NewParameterDefinitionRow,
  type NewSeriesRow,
  type NewTrimRow,
  type OptionPackageRow,
  optionPackages,
  type ParameterDefinitionRow,
  parameterDefinitions,
  type SeriesRow,
  series,
  type TrimColourRow,
  type TrimParameterRow,
  type TrimRow,
  trimColours,
  trimParameters,
  trims,
} from './catalog.schema.js';

/** A series with its trim count, price range and newest trim (for its cover picture). */
export interface SeriesStats {
  trimCount: number;
  minFen: number | null;
  maxFen: number | null;
  coverTrimId: string | null;
}

// ---- brands ----

export async function listBrandsWithCounts(
  db: DbHandle,
): Promise<{ brand: BrandRow; seriesCount: number }[]> {
  const counts = db
    .select({ brandId: series.brandId, n: sql<number>`count(*)::int`.as('n') })
    .from(series)
    .groupBy(series.brandId)
    .as('c');
  const rows = await db
    .select({ brand: brands, n: counts.n })
    .from(brands)
    .leftJoin(counts, eq(counts.brandId, brands.id))
    .orderBy(asc(brands.initial), asc(brands.sort), asc(brands.pinyin));
  return rows.map((r) => ({ brand: r.brand, seriesCount: Number(r.n ?? 0) }));
}

export async function findBrand(db: DbHandle, id: string): Promise<BrandRow | undefined> {
  return (await db.select().from(brands).where(eq(brands.id, id)))[0];
}

export async function findBrandBySlug(db: DbHandle, slug: string): Promise<BrandRow | undefined> {
  return (await db.select().from(brands).where(eq(brands.slug, slug)))[0];
}

export async function insertBrand(db: DbHandle, row: NewBrandRow): Promise<BrandRow> {
  const [created] = await db.insert(brands).values(row).returning();
  if (!created) throw new Error('brand insert returned nothing');
  return created;
}

export async function updateBrand(db: DbHandle, id: string, set: Partial<NewBrandRow>): Promise<BrandRow> {
  const [row] = await db.update(brands).set(set).where(eq(brands.id, id)).returning();
  if (!row) throw new Error('brand update returned nothing');
  return row;
}

export async function deleteBrand(db: DbHandle, id: string): Promise<void> {
  await db.delete(brands).where(eq(brands.id, id));
}

/** Locks a brand row for the rest of the transaction. */
export async function lockBrand(db: DbHandle, id: string): Promise<BrandRow | undefined> {
  return (await db.select().from(brands).where(eq(brands.id, id)).for('update'))[0];
}

// ---- series ----

export async function listSeries(db: DbHandle, brandId?: string): Promise<SeriesRow[]> {
  return db
    .select()
    .from(series)
    .where(brandId ? eq(series.brandId, brandId) : undefined)
    .orderBy(asc(series.segment), asc(series.pinyin));
}

export async function seriesStats(db: DbHandle, seriesIds: string[]): Promise<Map<string, SeriesStats>> {
  const out = new Map<string, SeriesStats>();
  if (seriesIds.length === 0) return out;
  // Price range of on-sale trims when the series has any, else of all its trims.
  const rows = await db
    .select({
      seriesId: trims.seriesId,
      n: sql<number>`count(*)::int`,
      minAll: sql<string | null>`min(${trims.guidePriceFen})`,
      maxAll: sql<string | null>`max(${trims.guidePriceFen})`,
      minOn: sql<string | null>`min(${trims.guidePriceFen}) filter (where ${trims.status} = 'on_sale')`,
      maxOn: sql<string | null>`max(${trims.guidePriceFen}) filter (where ${trims.status} = 'on_sale')`,
      cover: sql<
        string | null
      >`(array_agg(${trims.id} order by ${trims.modelYear} desc, ${trims.guidePriceFen} asc))[1]`,
    })
    .from(trims)
    .where(inArray(trims.seriesId, seriesIds))
    .groupBy(trims.seriesId);
  for (const r of rows) {
    const min = r.minOn ?? r.minAll;
    const max = r.maxOn ?? r.maxAll;
    out.set(r.seriesId, {
      trimCount: Number(r.n),
      minFen: min === null ? null : Number(min),
      maxFen: max === null ? null : Number(max),
      coverTrimId: r.cover,
    });
  }
  return out;
}

export async function findSeries(db: DbHandle, id: string): Promise<SeriesRow | undefined> {
  return (await db.select().from(series).where(eq(series.id, id)))[0];
}

export async function findSeriesBySlugs(db: DbHandle, slugs: string[]): Promise<SeriesRow[]> {
  if (slugs.length === 0) return [];
  return db.select().from(series).where(inArray(series.slug, slugs));
}

export async function insertSeries(db: DbHandle, row: NewSeriesRow): Promise<SeriesRow> {
  const [created] = await db.insert(series).values(row).returning();
  if (!created) throw new Error('series insert returned nothing');
  return created;
}

export async function updateSeries(db: DbHandle, id: string, set: Partial<NewSeriesRow>): Promise<SeriesRow> {
  const [row] = await db.update(series).set(set).where(eq(series.id, id)).returning();
  if (!row) throw new Error('series update returned nothing');
  return row;
}

export async function deleteSeries(db: DbHandle, id: string): Promise<void> {
  await db.delete(series).where(eq(series.id, id));
}

export async function countSeriesOfBrand(db: DbHandle, brandId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(series)
    .where(eq(series.brandId, brandId));
  return Number(r?.n ?? 0);
}

// ---- trims ----

export async function findTrim(db: DbHandle, id: string): Promise<TrimRow | undefined> {
  return (await db.select().from(trims).where(eq(trims.id, id)))[0];
}

export async function lockTrim(db: DbHandle, id: string): Promise<TrimRow | undefined> {
  return (await db.select().from(trims).where(eq(trims.id, id)).for('update'))[0];
}

export async function listTrims(
  db: DbHandle,
  filter: { seriesId?: string; seriesIds?: string[]; brandId?: string } = {},
): Promise<TrimRow[]> {
  const conds: SQL[] = [];
  if (filter.seriesId) conds.push(eq(trims.seriesId, filter.seriesId));
  if (filter.seriesIds) conds.push(inArray(trims.seriesId, filter.seriesIds));
  if (filter.brandId) {
    conds.push(
      inArray(
        trims.seriesId,
        db.select({ id: series.id }).from(series).where(eq(series.brandId, filter.brandId)),
      ),
    );
  }
  return db
    .select()
    .from(trims)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(trims.seriesId), desc(trims.modelYear), asc(trims.guidePriceFen), asc(trims.id));
}

export async function countTrimsOfSeries(db: DbHandle, seriesId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trims)
    .where(eq(trims.seriesId, seriesId));
  return Number(r?.n ?? 0);
}

export async function insertTrim(db: DbHandle, row: NewTrimRow): Promise<TrimRow> {
  const [created] = await db.insert(trims).values(row).returning();
  if (!created) throw new Error('trim insert returned nothing');
  return created;
}

export async function updateTrim(db: DbHandle, id: string, set: Partial<NewTrimRow>): Promise<TrimRow> {
  const [row] = await db.update(trims).set(set).where(eq(trims.id, id)).returning();
  if (!row) throw new Error('trim update returned nothing');
  return row;
}

export async function deleteTrim(db: DbHandle, id: string): Promise<void> {
  await db.delete(trims).where(eq(trims.id, id));
}

// ---- parameter dictionary ----

export async function listDefinitions(db: DbHandle): Promise<ParameterDefinitionRow[]> {
  return db
    .select()
    .from(parameterDefinitions)
    .orderBy(asc(parameterDefinitions.sort), asc(parameterDefinitions.key));
}

export async function findDefinition(db: DbHandle, key: string): Promise<ParameterDefinitionRow | undefined> {
  return (await db.select().from(parameterDefinitions).where(eq(parameterDefinitions.key, key)))[0];
}

export async function insertDefinition(
  db: DbHandle,
  row: NewParameterDefinitionRow,
): Promise<ParameterDefinitionRow> {
  const [created] = await db.insert(parameterDefinitions).values(row).returning();
  if (!created) throw new Error('definition insert returned nothing');
  return created;
}

export async function updateDefinition(
  db: DbHandle,
  key: string,
  set: Partial<NewParameterDefinitionRow>,
): Promise<ParameterDefinitionRow> {
  const [row] = await db
    .update(parameterDefinitions)
    .set(set)
    .where(eq(parameterDefinitions.key, key))
    .returning();
  if (!row) throw new Error('definition update returned nothing');
  return row;
}

export async function countValuesOf(db: DbHandle, key: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trimParameters)
    .where(eq(trimParameters.paramKey, key));
  return Number(r?.n ?? 0);
}

/** Inserts dictionary entries, updating names/units/sort of existing keys (seed). */
export async function upsertDefinitions(db: DbHandle, rows: NewParameterDefinitionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(parameterDefinitions)
    .values(rows)
    .onConflictDoUpdate({
      target: parameterDefinitions.key,
      set: {
        group: sql`excluded.group`,
        name: sql`excluded.name`,
        nameEn: sql`excluded.name_en`,
        valueType: sql`excluded.value_type`,
        unit: sql`excluded.unit`,
        filterable: sql`excluded.filterable`,
        sort: sql`excluded.sort`,
      },
    });
}

// ---- parameter values ----

export async function listTrimParameters(db: DbHandle, trimIds: string[]): Promise<TrimParameterRow[]> {
  if (trimIds.length === 0) return [];
  return db.select().from(trimParameters).where(inArray(trimParameters.trimId, trimIds));
}

export type NewTrimParameterRow = typeof trimParameters.$inferInsert;

/** Replaces the whole sheet of one trim. */
export async function replaceTrimParameters(
  db: DbHandle,
  trimId: string,
  rows: NewTrimParameterRow[],
): Promise<void> {
  await db.delete(trimParameters).where(eq(trimParameters.trimId, trimId));
  for (let i = 0; i < rows.length; i += 500) await db.insert(trimParameters).values(rows.slice(i, i + 500));
}

// ---- colours and packages ----

export async function listColours(db: DbHandle, trimId: string): Promise<TrimColourRow[]> {
  return db
    .select()
    .from(trimColours)
    .where(eq(trimColours.trimId, trimId))
    .orderBy(asc(trimColours.kind), asc(trimColours.sort));
}

export async function replaceColours(
  db: DbHandle,
  trimId: string,
  rows: (typeof trimColours.$inferInsert)[],
): Promise<void> {
  await db.delete(trimColours).where(eq(trimColours.trimId, trimId));
  if (rows.length) await db.insert(trimColours).values(rows);
}

export async function listPackages(db: DbHandle, trimId: string): Promise<OptionPackageRow[]> {
  return db
    .select()
    .from(optionPackages)
    .where(eq(optionPackages.trimId, trimId))
    .orderBy(asc(optionPackages.priceFen), asc(optionPackages.id));
}

export async function replacePackages(
  db: DbHandle,
  trimId: string,
  rows: (typeof optionPackages.$inferInsert)[],
): Promise<void> {
  await db.delete(optionPackages).where(eq(optionPackages.trimId, trimId));
  if (rows.length) await db.insert(optionPackages).values(rows);
}

// ---- media ----

export async function listMedia(
  db: DbHandle,
  ownerType: MediaRow['ownerType'],
  ownerId: string,
): Promise<MediaRow[]> {
  return db
    .select()
    .from(media)
    .where(and(eq(media.ownerType, ownerType), eq(media.ownerId, ownerId)))
    .orderBy(asc(media.sort), asc(media.id));
}

export async function maxMediaSort(
  db: DbHandle,
  ownerType: MediaRow['ownerType'],
  ownerId: string,
): Promise<number> {
  const [r] = await db
    .select({ n: sql<number | null>`max(${media.sort})` })
    .from(media)
    .where(and(eq(media.ownerType, ownerType), eq(media.ownerId, ownerId)));
  return r?.n === null || r?.n === undefined ? -1 : Number(r.n);
}

export async function findMedia(db: DbHandle, id: string): Promise<MediaRow | undefined> {
  return (await db.select().from(media).where(eq(media.id, id)))[0];
}

export async function insertMedia(db: DbHandle, rows: NewMediaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(media)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
}

export async function setMediaSort(db: DbHandle, id: string, sort: number): Promise<void> {
  await db.update(media).set({ sort }).where(eq(media.id, id));
}

export async function deleteMedia(db: DbHandle, id: string): Promise<void> {
  await db.delete(media).where(eq(media.id, id));
}

export async function insertBlob(
  db: DbHandle,
  row: { id: string; contentType: string; bytes: Buffer; createdAt: Date },
): Promise<void> {
  await db.insert(mediaBlobs).values({
    id: row.id,
    contentType: row.contentType,
    bytes: row.bytes.toString('base64'),
    sizeBytes: row.bytes.length,
    createdAt: row.createdAt,
  });
}

export async function findBlob(
  db: DbHandle,
  id: string,
): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  const [r] = await db
    .select({ contentType: mediaBlobs.contentType, bytes: mediaBlobs.bytes })
    .from(mediaBlobs)
    .where(eq(mediaBlobs.id, id));
  return r ? { contentType: r.contentType, bytes: Buffer.from(r.bytes, 'base64') } : undefined;
}

export async function deleteBlobs(db: DbHandle, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(mediaBlobs).where(inArray(mediaBlobs.id, ids));
}
