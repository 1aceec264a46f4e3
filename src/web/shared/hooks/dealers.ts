import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCity,
  TDealer,
  TDealerDetail,
  TPortalDealer,
  TPortalUpdateStoreRequest,
  TStore,
} from '../../../server/modules/dealers/dealers.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the dealers module (/api/v1/dealers): cities, stores, dealers, and the dealer portal's
// own dealer and stores (/api/v1/dealers/portal, scoped by the server to the signed-in dealer).

export type { TCity, TDealer, TDealerDetail, TStore };

export interface DealerFilter {
  q?: string;
  cityCode?: string;
  brand?: string;
  status?: string;
  /** Dealers with a qualification expiring within this many days (expired ones included). */
  expiringWithinDays?: number;
}

export const dealerKeys = {
  all: ['dealers'] as const,
  cities: () => [...dealerKeys.all, 'cities'] as const,
  stores: () => [...dealerKeys.all, 'stores'] as const,
  storesInCity: (cityCode: string | undefined, brand?: string) =>
    [...dealerKeys.stores(), 'city', cityCode ?? '', brand ?? ''] as const,
  storesOfDealer: (dealerId: string) => [...dealerKeys.stores(), 'dealer', dealerId] as const,
  dealerList: (f: DealerFilter) => [...dealerKeys.all, 'dealers', 'list', f] as const,
  dealer: (id: string) => [...dealerKeys.all, 'dealers', 'detail', id] as const,
  portal: () => [...dealerKeys.all, 'portal'] as const,
  portalDealer: () => [...dealerKeys.portal(), 'dealer'] as const,
  portalStores: () => [...dealerKeys.portal(), 'stores'] as const,
};

export function useCities() {
  return useQuery({
    queryKey: dealerKeys.cities(),
    queryFn: () => api<TCity[]>('/dealers/cities'),
    staleTime: 60 * 60_000,
  });
}

export function useStores(cityCode: string | undefined, brand?: string) {
  return useQuery({
    queryKey: dealerKeys.storesInCity(cityCode, brand),
    queryFn: () => api<Page<TStore>>('/dealers/stores', { query: { cityCode, brand, limit: 100 } }),
    enabled: Boolean(cityCode),
  });
}

export function useDealerList(filter: DealerFilter) {
  return useInfiniteQuery({
    queryKey: dealerKeys.dealerList(filter),
    queryFn: ({ pageParam }) =>
      api<Page<TDealer>>('/dealers/dealers', { query: { ...filter, limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDealer(id: string | undefined) {
  return useQuery({
    queryKey: dealerKeys.dealer(id ?? ''),
    queryFn: () => api<TDealerDetail>(`/dealers/dealers/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** A dealer's stores (the listing editor's store picker). */
export function useStoresOfDealer(dealerId: string | undefined) {
  return useQuery({
    queryKey: dealerKeys.storesOfDealer(dealerId ?? ''),
    queryFn: () => api<Page<TStore>>('/dealers/stores', { query: { dealerId, limit: 100 } }),
    enabled: Boolean(dealerId),
  });
}

export function usePortalDealer() {
  return useQuery({
    queryKey: dealerKeys.portalDealer(),
    queryFn: () => api<TPortalDealer>('/dealers/portal/dealer'),
  });
}

export function usePortalStores() {
  return useQuery({
    queryKey: dealerKeys.portalStores(),
    queryFn: () => api<TStore[]>('/dealers/portal/stores'),
  });
}

export function useUpdatePortalStore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TPortalUpdateStoreRequest & { id: string }) =>
      api<TStore>(`/dealers/portal/stores/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    // The portal's list and every store list that may show the same store.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: dealerKeys.portalStores() }),
        qc.invalidateQueries({ queryKey: dealerKeys.stores() }),
      ]),
  });
}
