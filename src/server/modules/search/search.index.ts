import type { AppContext } from '../../kernel/context.js';
import { firstImageUrls, type TrimWithSeriesAndBrand, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { listCities } from '../dealers/index.js';
import { type ListingIndexFacts, listingIdsOfTrims, listingsForSearchIndex } from '../listings/index.js';
import { announceListingsChanged, dropListingCaches } from './search.caches.js';
import { BODY_LABELS, ENERGY_LABELS } from './search.mappers.js';
import * as repo from './search.repository.js';
import { namedThingTokens, nameTokens, textTokens } from './search.tokens.js';

// Builds the read model (catalog_listing_search) from what the listings module publishes of its listings
// and what the catalog module holds of their trims: one denormalised row per listed or delisted listing,
// with its search tokens, so a search reads one table.

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

/** Name tokens of one trim: brand and series names/aliases/pinyin, trim name, energy and body words. */
export function trimTokens({ trim, series, brand }: TrimWithSeriesAndBrand): string[] {
  const out = new Set<string>([
    ...namedThingTokens(brand),
    ...namedThingTokens(series),
    ...textTokens(`${brand.name} ${series.name} ${trim.name} ${trim.modelYear}`),
    ...textTokens(`${ENERGY_LABELS[trim.energyType] ?? ''} ${ENERGY_WORDS[trim.energyType] ?? ''}`),
    ...textTokens(BODY_LABELS[series.bodyType] ?? ''),
  ]);
  return [...out];
}

/** One read-model row: the listing's facts, its trim's names and the first image (the listing's, else the trim's). */
function searchRow(
  l: ListingIndexFacts,
  t: TrimWithSeriesAndBrand,
  tokens: readonly string[],
  imageUrl: string | null,
  now: Date,
): repo.NewSearchRow {
  return {
    listingId: l.id,
    kind: l.kind,
    status: l.status,
    brandId: t.brand.id,
    brandSlug: t.brand.slug,
    brandName: t.brand.name,
    seriesId: t.series.id,
    seriesSlug: t.series.slug,
    seriesName: t.series.name,
    segment: t.series.segment,
    trimId: t.trim.id,
    trimName: t.trim.name,
    modelYear: t.trim.modelYear,
    bodyType: t.series.bodyType,
    energyType: t.trim.energyType,
    seats: t.trim.seats,
    electricRangeKm: t.trim.electricRangeKm,
    priceFen: l.priceFen,
    guidePriceFen: t.trim.guidePriceFen,
    mileageKm: l.mileageKm,
    firstRegistrationDate: l.firstRegistrationDate,
    cityCode: l.cityCode,
    conditionGrade: l.conditionGrade,
    dealerId: l.dealerId,
    storeId: l.storeId,
    vin: l.vin,
    popularity: l.popularity,
    listedAt: l.listedAt,
    title: l.title,
    imageUrl,
    tokens: [...tokens],
    updatedAt: now,
  };
}

/**
 * Brings the search rows of these listings up to date (or all of them with 'all'): listed and delisted
 * listings get a fresh row, others lose theirs. Idempotent; used by the event subscribers and the seed.
 * Every app process drops its cached pages and answers of them once the new rows are committed.
 */
export async function reindexListings(ctx: AppContext, listingIds: readonly string[] | 'all'): Promise<void> {
  if (listingIds !== 'all' && listingIds.length === 0) return;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const facts = await listingsForSearchIndex(db, listingIds);
  const trimIds = [...new Set(facts.map((l) => l.trimId))];
  const [trims, images, cities] = await Promise.all([
    trimsWithSeriesAndBrand(db, trimIds),
    firstImageUrls(db, [
      ...facts.map((l) => ({ type: 'listing' as const, id: l.id })),
      ...trimIds.map((id) => ({ type: 'trim' as const, id })),
    ]),
    listCities(db),
  ]);
  const trimById = new Map(trims.map((t) => [t.trim.id, { names: t, tokens: trimTokens(t) }]));
  const cityTokens = new Map(
    cities.map((c) => [c.code, [...textTokens(c.name), ...nameTokens(c.name, c.pinyin)]]),
  );
  const rows: repo.NewSearchRow[] = [];
  for (const l of facts) {
    const trim = trimById.get(l.trimId);
    if (!trim) continue;
    // Title words (CJK unigrams and bigrams, latin words), the trim's names and the city's names.
    const tokens = new Set([...textTokens(l.title), ...trim.tokens, ...(cityTokens.get(l.cityCode) ?? [])]);
    tokens.delete('');
    const imageUrl = images.get(`listing:${l.id}`) ?? images.get(`trim:${l.trimId}`) ?? null;
    rows.push(searchRow(l, trim.names, [...tokens], imageUrl, now));
  }
  // In key order, so two reindexes of overlapping listings lock rows in the same order (no deadlock).
  rows.sort((a, b) => (a.listingId < b.listingId ? -1 : a.listingId > b.listingId ? 1 : 0));
  await db.transaction(async (tx) => {
    await repo.upsertSearchRows(tx, rows);
    await repo.deleteSearchRowsExcept(
      tx,
      listingIds,
      rows.map((r) => r.listingId),
    );
    // NOTIFY inside the transaction: PostgreSQL delivers it at commit, when the new rows are visible.
    await announceListingsChanged(ctx, listingIds, tx);
  });
  // This process's caches after the commit, so a request in between cannot cache the old rows again.
  dropListingCaches(ctx, listingIds);
}

/** Rebuilds the whole search table (seed, bench, recovery). */
export async function rebuildSearchIndex(ctx: AppContext): Promise<void> {
  await reindexListings(ctx, 'all');
}

/** Reindexes every listing of a changed trim (its series or brand edits arrive as one event per trim). */
export async function reindexTrim(ctx: AppContext, trimId: string): Promise<number> {
  const ids = await listingIdsOfTrims(ctx.database.db, [trimId]);
  if (ids.length > 0) {
    await reindexListings(ctx, ids);
  } else {
    // No listing of it, but its names may be in the dictionary and in cached facet labels.
    await announceListingsChanged(ctx, []);
    dropListingCaches(ctx, []);
  }
  return ids.length;
}
