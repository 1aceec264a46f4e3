import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type { BrandRow, SeriesRow } from './catalog.schema.js';
import type {
  TBrand,
  TCreateBrandRequest,
  TCreateSeriesRequest,
  TSeries,
  TUpdateBrandRequest,
  TUpdateSeriesRequest,
} from './model.contract.js';
import { toBrand, toSeries } from './model.mappers.js';
import * as repo from './model.repository.js';
import { initialOf, loadBrand, loadSeries, publishTrimChanged, romanize, uniqueOr } from './model.shared.js';

// Brands and series of the model database (console).

export async function createBrand(db: DbHandle, input: TCreateBrandRequest, m: Mutation): Promise<TBrand> {
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
    await audit(tx, m, {
      action: 'catalog.brand.create',
      entityType: 'brand',
      entityId: row.id,
      before: null,
      after: row,
    });
    return toBrand(row, 0);
  });
}

export async function updateBrand(
  db: DbHandle,
  id: string,
  input: TUpdateBrandRequest,
  m: Mutation,
): Promise<TBrand> {
  return withTransaction(db, async (tx) => {
    const before = await repo.lockBrand(tx, id);
    if (!before) throw new AppError('BRAND_NOT_FOUND');
    const set: Partial<BrandRow> = { ...input, updatedAt: m.at };
    if (input.pinyin) set.initial = initialOf(input.pinyin);
    const after = await uniqueOr(() => repo.updateBrand(tx, id, set), 'SLUG_TAKEN', { slug: input.slug });
    await audit(tx, m, {
      action: 'catalog.brand.update',
      entityType: 'brand',
      entityId: id,
      before,
      after,
    });
    // Every trim of the brand shows its name (search index, cards): one event per affected trim.
    for (const t of await repo.listTrims(tx, { brandId: id })) await publishTrimChanged(tx, t.id, m.at);
    return toBrand(after, await repo.countSeriesOfBrand(tx, id));
  });
}

export async function deleteBrand(db: DbHandle, id: string, m: Mutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await repo.lockBrand(tx, id);
    if (!before) throw new AppError('BRAND_NOT_FOUND');
    if ((await repo.countSeriesOfBrand(tx, id)) > 0) throw new AppError('BRAND_HAS_SERIES');
    await repo.deleteBrand(tx, id);
    await audit(tx, m, {
      action: 'catalog.brand.delete',
      entityType: 'brand',
      entityId: id,
      before,
      after: null,
    });
  });
}

// ---- series ----

export async function createSeries(db: DbHandle, input: TCreateSeriesRequest, m: Mutation): Promise<TSeries> {
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
    await audit(tx, m, {
      action: 'catalog.series.create',
      entityType: 'series',
      entityId: row.id,
      before: null,
      after: row,
    });
    return toSeries(row, undefined);
  });
}

export async function updateSeries(
  db: DbHandle,
  id: string,
  input: TUpdateSeriesRequest,
  m: Mutation,
): Promise<TSeries> {
  return withTransaction(db, async (tx) => {
    const before = await loadSeries(tx, id);
    const after = await uniqueOr(
      () => repo.updateSeries(tx, id, { ...input, updatedAt: m.at }),
      'SLUG_TAKEN',
      { slug: input.slug },
    );
    await audit(tx, m, {
      action: 'catalog.series.update',
      entityType: 'series',
      entityId: id,
      before,
      after,
    });
    for (const t of await repo.listTrims(tx, { seriesId: id })) await publishTrimChanged(tx, t.id, m.at);
    return seriesDto(tx, after);
  });
}

export async function deleteSeries(db: DbHandle, id: string, m: Mutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await loadSeries(tx, id);
    if ((await repo.countTrimsOfSeries(tx, id)) > 0) throw new AppError('SERIES_HAS_TRIMS');
    await repo.deleteSeries(tx, id);
    await audit(tx, m, {
      action: 'catalog.series.delete',
      entityType: 'series',
      entityId: id,
      before,
      after: null,
    });
  });
}

async function seriesDto(db: DbHandle, row: SeriesRow): Promise<TSeries> {
  const stats = await repo.seriesStats(db, [row.id]);
  return toSeries(row, stats.get(row.id));
}
