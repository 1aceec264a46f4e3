import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAccessory,
  TAccessoryCategory,
  TAccessoryInput,
} from '../../../server/modules/catalog/accessories.contract.js';
import type {
  TAdLawTermOut,
  TCreateListingRequest,
  TInspectionReport,
  TListing,
  TPutInspectionRequest,
  TTrimOption,
  TUpdateListingRequest,
} from '../../../server/modules/catalog/listings.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the listings sub-area of the catalog (/api/v1/catalog/listings, /review, /used,
// /ad-law-terms, /accessories).

export type { TAccessory, TAccessoryCategory, TAdLawTermOut, TInspectionReport, TListing, TTrimOption };

export interface ListingFilter {
  status?: string;
  kind?: string;
  dealerId?: string;
  q?: string;
}

export const listingKeys = {
  all: ['listings'] as const,
  list: (f: ListingFilter) => [...listingKeys.all, 'list', f] as const,
  detail: (id: string) => [...listingKeys.all, 'detail', id] as const,
  inspection: (id: string) => [...listingKeys.all, 'inspection', id] as const,
  queue: () => [...listingKeys.all, 'queue'] as const,
  trims: (q: string) => [...listingKeys.all, 'trims', q] as const,
  terms: () => [...listingKeys.all, 'ad-law-terms'] as const,
  accessories: (status?: string) => [...listingKeys.all, 'accessories', status ?? ''] as const,
  categories: () => [...listingKeys.all, 'accessory-categories'] as const,
};

export function useListings(filter: ListingFilter) {
  return useInfiniteQuery({
    queryKey: listingKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api<Page<TListing>>('/catalog/listings', { query: { ...filter, limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useListing(id: string | undefined) {
  return useQuery({
    queryKey: listingKeys.detail(id ?? ''),
    queryFn: () => api<TListing>(`/catalog/listings/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useListingInspection(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: listingKeys.inspection(id ?? ''),
    queryFn: () => api<TInspectionReport>(`/catalog/listings/${encodeURIComponent(id ?? '')}/inspection`),
    enabled: Boolean(id) && enabled,
    retry: false,
  });
}

export function useReviewQueue() {
  return useInfiniteQuery({
    queryKey: listingKeys.queue(),
    queryFn: ({ pageParam }) =>
      api<Page<TListing>>('/catalog/review/queue', { query: { limit: 20, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTrimOptions(q: string) {
  return useQuery({
    queryKey: listingKeys.trims(q),
    queryFn: () => api<TTrimOption[]>('/catalog/listings/trim-options', { query: { q, limit: 30 } }),
    staleTime: 60_000,
  });
}

function useInvalidateListings() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: listingKeys.all });
}

export function useCreateListing() {
  const done = useInvalidateListings();
  return useMutation({
    mutationFn: (body: TCreateListingRequest) => api<TListing>('/catalog/listings', { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useUpdateListing(id: string) {
  const done = useInvalidateListings();
  return useMutation({
    mutationFn: (body: TUpdateListingRequest) =>
      api<TListing>(`/catalog/listings/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: done,
  });
}

export type ListingActionName = 'submit' | 'relist' | 'delist' | 'approve' | 'reject';

export function useListingAction() {
  const done = useInvalidateListings();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: ListingActionName; body?: unknown }) =>
      api<TListing>(`/catalog/listings/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        body: body ?? {},
      }),
    onSuccess: done,
  });
}

export function usePutInspection(id: string) {
  const done = useInvalidateListings();
  return useMutation({
    mutationFn: (body: TPutInspectionRequest) =>
      api<TInspectionReport>(`/catalog/used/${encodeURIComponent(id)}/inspection`, { method: 'PUT', body }),
    onSuccess: done,
  });
}

export function useAdLawTerms() {
  return useQuery({
    queryKey: listingKeys.terms(),
    queryFn: () => api<TAdLawTermOut[]>('/catalog/ad-law-terms'),
  });
}

export function useAdLawTermMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: listingKeys.terms() });
  return {
    add: useMutation({
      mutationFn: (body: { term: string; severity: 'block' | 'warn'; note?: string | null }) =>
        api<TAdLawTermOut>('/catalog/ad-law-terms', { method: 'POST', body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ term, ...body }: { term: string; severity?: 'block' | 'warn'; note?: string | null }) =>
        api<TAdLawTermOut>(`/catalog/ad-law-terms/${encodeURIComponent(term)}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (term: string) =>
        api<void>(`/catalog/ad-law-terms/${encodeURIComponent(term)}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}

export function useAccessoryCategories() {
  return useQuery({
    queryKey: listingKeys.categories(),
    queryFn: () => api<TAccessoryCategory[]>('/catalog/accessories/categories'),
  });
}

export function useManagedAccessories(status?: string) {
  return useQuery({
    queryKey: listingKeys.accessories(status),
    queryFn: () => api<Page<TAccessory>>('/catalog/accessories/manage', { query: { status, limit: 100 } }),
  });
}

export function useSaveAccessory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TAccessoryInput }) =>
      id
        ? api<TAccessory>(`/catalog/accessories/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : api<TAccessory>('/catalog/accessories', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...listingKeys.all, 'accessories'] }),
  });
}

export function useCreateAccessoryCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId?: string | null; name: string; nameEn: string; sort?: number }) =>
      api<TAccessoryCategory>('/catalog/accessories/categories', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listingKeys.categories() }),
  });
}

/** Fen to "¥123,456" (whole yuan). */
export function yuan(fen: number): string {
  return `¥${Math.round(fen / 100).toLocaleString('zh-CN')}`;
}
