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
import { BODY_LABELS, ENERGY_LABELS } from './search.mappers.js';
import type { FacetName, SearchFilters } from './search.repository.js';
import * as repo from './search.repository.js';

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

export async function facetLabels(
  caches: SearchCaches,
  db: DbHandle,
  dictionary: SearchDictionary,
  facets: FacetResult['facets'],
): Promise<TSearchResponse['facets']> {
  const cityNames = new Map((await caches.cities(db)).map((c) => [c.code, c.name]));
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
