import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
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
} from '../../../server/modules/search/search.contract.js';
import { api } from '../api.js';
import { currentLang } from '../i18n.js';

// Data hooks for the search module, the buyer side of /api/v1/catalog: search, suggestions, vehicle
// detail, comparison, favourites, history and recommendations.

export type {
  TCompareResponse,
  TFacetValue,
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

export const searchKeys = {
  all: ['search'] as const,
  // Answers carry labels in the asked language (Accept-Language): the language is part of their keys.
  results: (p: SearchParams, lang = currentLang()) => [...searchKeys.all, 'results', p, lang] as const,
  suggestions: (q: string) => [...searchKeys.all, 'suggest', q] as const,
  /** Every cached page of one vehicle (any language or city): a prefix of `vehicleIn`. */
  vehicle: (id: string) => [...searchKeys.all, 'vehicle', id] as const,
  vehicleIn: (id: string, lang: string, city: string | undefined) =>
    [...searchKeys.vehicle(id), lang, city ?? ''] as const,
  compare: (ids: string[], lang = currentLang()) =>
    [...searchKeys.all, 'compare', ids.join(','), lang] as const,
  favourites: () => [...searchKeys.all, 'favourites'] as const,
  history: () => [...searchKeys.all, 'history'] as const,
  recommendations: (r: TRecommendationRequest | null, lang = currentLang()) =>
    [...searchKeys.all, 'recommendations', r, lang] as const,
};

/** Search with cursor pages ("load more"); the facets and total come with every page. */
export function useVehicleSearch(params: SearchParams, limit = 20) {
  return useInfiniteQuery({
    queryKey: searchKeys.results(params),
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
    queryKey: searchKeys.suggestions(text),
    queryFn: ({ signal }) =>
      api<TSuggestResponse>('/catalog/suggest', { query: { q: text, limit: 8 }, signal }),
    enabled: text.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

function vehicleQuery(id: string, city?: string) {
  return {
    queryKey: searchKeys.vehicleIn(id, currentLang(), city),
    queryFn: () =>
      api<TVehicleDetail>(`/catalog/vehicles/${encodeURIComponent(id)}`, {
        query: city ? { city } : undefined,
      }),
  };
}

/** A vehicle page; with the buyer's city, similar vehicles of that city come first. */
export function useVehicle(id: string | undefined, city?: string) {
  return useQuery({
    ...vehicleQuery(id ?? '', city),
    enabled: Boolean(id),
    // A language or city switch keeps the page on screen while it reloads; another vehicle does not.
    placeholderData: (prev: TVehicleDetail | undefined) => (prev?.vehicle.id === id ? prev : undefined),
  });
}

/** Several vehicles at once (one detail request each, shared with useVehicle's cache); no retries. */
export function useVehicles(ids: string[]) {
  return useQueries({ queries: ids.map((id) => ({ ...vehicleQuery(id), retry: false })) });
}

export function useCompare(ids: string[]) {
  return useQuery({
    queryKey: searchKeys.compare(ids),
    queryFn: () => api<TCompareResponse>('/catalog/compare', { query: { ids: ids.join(',') } }),
    enabled: ids.length >= 2,
  });
}

export function useFavourites(enabled: boolean) {
  return useQuery({
    queryKey: searchKeys.favourites(),
    queryFn: () => api<TSavedList>('/catalog/favourites'),
    enabled,
  });
}

export function useHistory(enabled: boolean) {
  return useQuery({
    queryKey: searchKeys.history(),
    queryFn: () => api<TSavedList>('/catalog/history'),
    enabled,
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
      qc.setQueryData(searchKeys.favourites(), list);
      qc.setQueriesData<TVehicleDetail>({ queryKey: searchKeys.vehicle(listingId) }, (d) =>
        d ? { ...d, favourite: on } : d,
      );
    },
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
    onSuccess: () => void qc.invalidateQueries({ queryKey: searchKeys.history() }),
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
    queryKey: searchKeys.recommendations(request),
    queryFn: () =>
      api<TRecommendationResponse>('/catalog/recommendations', { method: 'POST', body: request }),
    enabled: request !== null,
  });
}
