import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  TCity,
  TDealer,
  TDealerDetail,
  TStore,
} from '../../../server/modules/dealers/dealers.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the dealers module (/api/v1/dealers): cities, stores, dealers.

export type { TCity, TDealer, TDealerDetail, TStore };

export interface DealerFilter {
  q?: string;
  cityCode?: string;
  brand?: string;
  status?: string;
}

export const dealerKeys = {
  all: ['dealers'] as const,
  cities: () => [...dealerKeys.all, 'cities'] as const,
  stores: (cityCode: string | undefined, brand?: string) =>
    [...dealerKeys.all, 'stores', cityCode ?? '', brand ?? ''] as const,
  dealerList: (f: DealerFilter) => [...dealerKeys.all, 'dealers', 'list', f] as const,
  dealer: (id: string) => [...dealerKeys.all, 'dealers', 'detail', id] as const,
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
    queryKey: dealerKeys.stores(cityCode, brand),
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
