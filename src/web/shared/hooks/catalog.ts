import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { TPublicInspectionReport } from '../../../server/modules/catalog/listings.contract.js';
import type { TBrandIndex } from '../../../server/modules/catalog/model.contract.js';
import type {
  TCompareResponse,
  TFacetValue,
  TRecommendationRequest,
  TRecommendationResponse,
  TSavedList,
  TSearchResponse,
  TSuggestResponse,
  TVehicleCard,
  TVehicleDetail,
} from '../../../server/modules/catalog/search.contract.js';
import { api } from '../api.js';

// Data hooks for the buyer side of the catalog module (/api/v1/catalog): brands, search, suggestions,
// vehicle detail, inspection report, comparison, favourites, history and recommendations.

export type {
  TBrandIndex,
  TCompareResponse,
  TFacetValue,
  TPublicInspectionReport,
  TRecommendationRequest,
  TRecommendationResponse,
  TSavedList,
  TSearchResponse,
  TSuggestResponse,
  TVehicleCard,
  TVehicleDetail,
};

/**
 * The search filters as they travel in the page URL and the API query string (lists comma-separated).
 * Keys are the API's query names, so the page can pass them through unchanged.
 */
export type SearchParams = Record<string, string>;

export const catalogKeys = {
  all: ['catalog'] as const,
  brands: () => [...catalogKeys.all, 'brands'] as const,
  search: (p: SearchParams) => [...catalogKeys.all, 'search', p] as const,
  suggest: (q: string) => [...catalogKeys.all, 'suggest', q] as const,
  vehicle: (id: string) => [...catalogKeys.all, 'vehicle', id] as const,
  inspection: (id: string) => [...catalogKeys.all, 'inspection', id] as const,
  compare: (ids: string[]) => [...catalogKeys.all, 'compare', ids.join(',')] as const,
  favourites: () => [...catalogKeys.all, 'favourites'] as const,
  history: () => [...catalogKeys.all, 'history'] as const,
  recommendations: (r: TRecommendationRequest | null) => [...catalogKeys.all, 'recommendations', r] as const,
};

export function useBrandIndex() {
  return useQuery({
    queryKey: catalogKeys.brands(),
    queryFn: () => api<TBrandIndex>('/catalog/brands'),
    staleTime: 10 * 60_000,
  });
}

/** Search with cursor pages ("load more"); the facets and total come with every page. */
export function useVehicleSearch(params: SearchParams, limit = 20) {
  return useInfiniteQuery({
    queryKey: catalogKeys.search(params),
    queryFn: ({ pageParam, signal }) =>
      api<TSearchResponse>('/catalog/search', { query: { ...params, limit, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Typo-tolerant suggestions while typing (the caller debounces `q`). */
export function useSuggestions(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: catalogKeys.suggest(text),
    queryFn: ({ signal }) =>
      api<TSuggestResponse>('/catalog/suggest', { query: { q: text, limit: 8 }, signal }),
    enabled: text.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useVehicle(id: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.vehicle(id ?? ''),
    queryFn: () => api<TVehicleDetail>(`/catalog/vehicles/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** The used car's full inspection report as a buyer reads it (findings first, OK checks per section). */
export function usePublicInspection(listingId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.inspection(listingId ?? ''),
    queryFn: () =>
      api<TPublicInspectionReport>(`/catalog/used/${encodeURIComponent(listingId ?? '')}/inspection`),
    enabled: Boolean(listingId) && enabled,
  });
}

export function useCompare(ids: string[]) {
  return useQuery({
    queryKey: catalogKeys.compare(ids),
    queryFn: () => api<TCompareResponse>('/catalog/compare', { query: { ids: ids.join(',') } }),
    enabled: ids.length >= 2,
  });
}

export function useFavourites(enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.favourites(),
    queryFn: () => api<TSavedList>('/catalog/favourites'),
    enabled,
  });
}

export function useHistory(enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.history(),
    queryFn: () => api<TSavedList>('/catalog/history'),
    enabled,
  });
}

/**
 * Records a signed-in buyer's view of a vehicle in their history. The detail GET no longer does this (a
 * cross-site GET carries the cookie too); this POST carries the CSRF token.
 */
export function useRecordHistory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (listingId: string) => api<void>('/catalog/history', { method: 'POST', body: { listingId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: catalogKeys.history() }),
  });
}

export function useSetFavourite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ listingId, on }: { listingId: string; on: boolean }) =>
      on
        ? api<TSavedList>('/catalog/favourites', { method: 'POST', body: { listingId } })
        : api<TSavedList>(`/catalog/favourites/${encodeURIComponent(listingId)}`, { method: 'DELETE' }),
    onSuccess: (list, { listingId, on }) => {
      qc.setQueryData(catalogKeys.favourites(), list);
      qc.setQueryData<TVehicleDetail>(catalogKeys.vehicle(listingId), (d) =>
        d ? { ...d, favourite: on } : d,
      );
    },
  });
}

/** Merges the browser's anonymous lists into the buyer's account (called once right after sign-in). */
export async function mergeLocalLists(favourites: string[], history: string[]): Promise<void> {
  if (favourites.length > 0)
    await api('/catalog/favourites/merge', {
      method: 'POST',
      body: { listingIds: favourites.slice(0, 200) },
    });
  if (history.length > 0)
    await api('/catalog/history/merge', { method: 'POST', body: { listingIds: history.slice(0, 200) } });
}

export function useRecommendations(request: TRecommendationRequest | null) {
  return useQuery({
    queryKey: catalogKeys.recommendations(request),
    queryFn: () =>
      api<TRecommendationResponse>('/catalog/recommendations', { method: 'POST', body: request }),
    enabled: request !== null,
  });
}
