import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  FACET_CACHE_MAX,
  FACET_HARD_TTL_MS,
  FACET_SOFT_TTL_MS,
  type FacetResult,
  type SearchCaches,
} from './search.caches.js';
import type { TFacetValue, TSearchResponse } from './search.contract.js';
import type { SearchDictionary } from './search.dictionary.js';
import {
  bodyLabel,
  energyLabel,
  kindLabel,
  type Lang,
  namesEn,
  seatsLabel,
  yearLabel,
} from './search.mappers.js';
import type * as repo from './search.repository.js';
import type { FacetName, FilterName, SearchFilters } from './search.repository.js';

// Facet counts of a search (cached per filter set) and their labels.

/**
 * Facet counts are the expensive part of a search (they aggregate every match, not one page), so they
 * are cached per filter set: fresh for FACET_SOFT_TTL_MS, then served stale while ONE refresh runs
 * (single flight: concurrent misses share a query), never older than FACET_HARD_TTL_MS. Reindexing
 * (in any process) drops them.
 */
export async function cachedFacets(
  caches: SearchCaches,
  db: DbHandle,
  filters: SearchFilters,
  conds: ReturnType<typeof repo.filterConditions>,
): Promise<FacetResult> {
  const key = JSON.stringify(filters);
  // Held for this call: a drop replaces the map, and a count computed before it lands in the old one.
  const entries = caches.facets;
  const nowMs = Date.now();
  const entry = entries.get(key);
  const refresh = (): Promise<FacetResult> => {
    const pending = caches.backend.facetCounts(db, filters, conds).then(
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

/** For an empty result: per filter, how many vehicles its removal alone would give (from the search backend). */
export function relaxationCounts(
  caches: SearchCaches,
  db: DbHandle,
  filters: SearchFilters,
  conds: ReturnType<typeof repo.filterConditions>,
): Promise<{ filter: FilterName; count: number }[]> {
  return caches.backend.relaxationCounts(db, filters, conds);
}

/** Labels of the facet values in the request's language (English brand, series and city names). */
export async function facetLabels(
  caches: SearchCaches,
  db: DbHandle,
  dictionary: SearchDictionary,
  facets: FacetResult['facets'],
  localize?: { lang: Lang; ctx: AppContext },
): Promise<TSearchResponse['facets']> {
  const lang = localize?.lang ?? 'zh-CN';
  const en = lang === 'en';
  const [cities, english] = await Promise.all([
    caches.cities(db),
    en && localize ? namesEn(localize.ctx) : Promise.resolve(null),
  ]);
  const cityNames = new Map(cities.map((c) => [c.code, en ? c.nameEn : c.name]));
  const label = (facet: FacetName, value: string): string => {
    switch (facet) {
      case 'brand':
        return english?.brands.get(value) ?? dictionary.brandNames.get(value) ?? value;
      case 'series':
        return english?.series.get(value) ?? dictionary.seriesNames.get(value) ?? value;
      case 'body':
        return bodyLabel(value, lang);
      case 'energy':
        return energyLabel(value, lang);
      case 'seats':
        return seatsLabel(value, lang);
      case 'kind':
        return kindLabel(value, lang);
      case 'city':
        return cityNames.get(value) ?? value;
      case 'grade':
        return en ? `Grade ${value}` : `${value}级`;
      case 'year':
        return yearLabel(value, lang);
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
