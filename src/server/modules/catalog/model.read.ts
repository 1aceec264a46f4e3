import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { brands, series, trims } from './catalog.schema.js';
import type {
  TBrandDetail,
  TBrandIndex,
  TParameterDefinition,
  TSeriesDetail,
  TTrim,
  TTrimDetail,
} from './model.contract.js';
import {
  buildParameterSheet,
  toBrand,
  toColour,
  toDefinition,
  toMedia,
  toPackage,
  toSeries,
  toTrim,
} from './model.mappers.js';
import * as repo from './model.repository.js';
import { loadBrand, loadSeries, loadTrim } from './model.shared.js';

// What the storefront and the console read of the model database.

/** Every brand A-Z by pinyin initial, with its number of series. */
export async function getBrandIndex(db: DbHandle): Promise<TBrandIndex> {
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

export async function getBrandDetail(db: DbHandle, id: string): Promise<TBrandDetail> {
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

export async function getSeriesDetail(db: DbHandle, id: string): Promise<TSeriesDetail> {
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
export async function getTrimDetail(db: DbHandle, id: string): Promise<TTrimDetail> {
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

export async function listParameterDefinitions(db: DbHandle): Promise<TParameterDefinition[]> {
  return (await repo.listDefinitions(db)).map(toDefinition);
}

/** What a landed-price quote needs of a trim (pricing module): one row, no sheet. */
export interface TrimPricingFacts {
  energyType: TTrim['energyType'];
  seats: number;
  displacementMl: number;
  electricRangeKm: number | null;
  /** On the NEV purchase-tax exemption catalogue. */
  nevTaxExempt: boolean;
  guidePriceFen: number;
  seriesId: string;
  brandSlug: string;
}

export async function trimPricingFacts(db: DbHandle, id: string): Promise<TrimPricingFacts> {
  // One round trip: quotes are priced on every vehicle page view.
  const [row] = await db
    .select({
      energyType: trims.energyType,
      seats: trims.seats,
      displacementL: trims.displacementL,
      electricRangeKm: trims.electricRangeKm,
      nevTaxExempt: trims.nevTaxExempt,
      guidePriceFen: trims.guidePriceFen,
      seriesId: series.id,
      brandSlug: brands.slug,
    })
    .from(trims)
    .innerJoin(series, eq(series.id, trims.seriesId))
    .innerJoin(brands, eq(brands.id, series.brandId))
    .where(eq(trims.id, id))
    .limit(1);
  if (!row) throw new AppError('TRIM_NOT_FOUND');
  return {
    energyType: row.energyType,
    seats: row.seats,
    displacementMl: row.displacementL === null ? 0 : Math.round(Number(row.displacementL) * 1000),
    electricRangeKm: row.electricRangeKm,
    nevTaxExempt: row.nevTaxExempt,
    guidePriceFen: Number(row.guidePriceFen),
    seriesId: row.seriesId,
    brandSlug: row.brandSlug,
  };
}
