import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAdLawTermOut,
  TCreateListingRequest,
  TInspectionReport,
  TListing,
  TListingPhoto,
  TPublicInspectionReport,
  TPutInspectionRequest,
  TTrimOption,
  TUpdateListingRequest,
} from '../../../server/modules/listings/listings.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the listings module (/api/v1/catalog/listings, /review, /used, /ad-law-terms): the
// staff's listings, review queue and inspection reports, and the inspection report a buyer reads.

export type {
  TAdLawTermOut,
  TInspectionReport,
  TListing,
  TListingPhoto,
  TPublicInspectionReport,
  TTrimOption,
};

export interface ListingFilter {
  status?: string;
  kind?: string;
  dealerId?: string;
  q?: string;
}

export const listingKeys = {
  all: ['listings'] as const,
  lists: () => [...listingKeys.all, 'list'] as const,
  list: (f: ListingFilter) => [...listingKeys.lists(), f] as const,
  detail: (id: string) => [...listingKeys.all, 'detail', id] as const,
  inspection: (id: string) => [...listingKeys.all, 'inspection', id] as const,
  publicInspection: (id: string) => [...listingKeys.all, 'public-inspection', id] as const,
  queue: () => [...listingKeys.all, 'queue'] as const,
  trimOptions: (q: string) => [...listingKeys.all, 'trim-options', q] as const,
  adLawTerms: () => [...listingKeys.all, 'ad-law-terms'] as const,
  editorTerms: () => [...listingKeys.all, 'editor-ad-law-terms'] as const,
  photos: (id: string) => [...listingKeys.all, 'photos', id] as const,
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

/** The used car's full inspection report as a buyer reads it (findings first, OK checks per section). */
export function usePublicInspection(listingId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: listingKeys.publicInspection(listingId ?? ''),
    queryFn: () =>
      api<TPublicInspectionReport>(`/catalog/used/${encodeURIComponent(listingId ?? '')}/inspection`),
    enabled: Boolean(listingId) && enabled,
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
    queryKey: listingKeys.trimOptions(q),
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

export type ListingActionName = 'submit' | 'relist' | 'delist' | 'approve' | 'reject' | 'price';

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
    queryKey: listingKeys.adLawTerms(),
    queryFn: () => api<TAdLawTermOut[]>('/catalog/ad-law-terms'),
  });
}

export function useAdLawTermMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: listingKeys.adLawTerms() });
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

/** The ad-law terms the editor flags while typing (any listing editor may read them). */
export function useEditorAdLawTerms() {
  return useQuery({
    queryKey: listingKeys.editorTerms(),
    queryFn: () => api<{ term: string; severity: 'block' | 'warn' }[]>('/catalog/listings/ad-law-terms'),
    staleTime: 5 * 60_000,
  });
}

/** A listing's photos, cover first. */
export function useListingPhotos(id: string | undefined) {
  return useQuery({
    queryKey: listingKeys.photos(id ?? ''),
    queryFn: () => api<TListingPhoto[]>(`/catalog/listings/${encodeURIComponent(id ?? '')}/photos`),
    enabled: Boolean(id),
  });
}

/** Uploads an image for a listing (or an inspection item): the media endpoint checks type, size and EXIF. */
export function uploadListingImage(
  ownerType: 'listing' | 'inspection_item',
  ownerId: string,
  file: File,
  angle?: string,
) {
  const body = new FormData();
  body.append('ownerType', ownerType);
  body.append('ownerId', ownerId);
  if (angle) body.append('angle', angle);
  body.append('file', file);
  return api<{ id: string; url: string; thumbUrl: string | null }>('/catalog/media', {
    method: 'POST',
    body,
    idempotencyKey: globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`,
  });
}

/** Upload, remove and reorder a listing's photos (the first is the cover). */
export function useListingPhotoMutations(id: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: listingKeys.photos(id) });
  return {
    upload: useMutation({
      mutationFn: (file: File) => uploadListingImage('listing', id, file),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (mediaId: string) =>
        api<void>(`/catalog/media/${encodeURIComponent(mediaId)}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
    reorder: useMutation({
      mutationFn: (ids: string[]) =>
        api<unknown>('/catalog/media/order', {
          method: 'PUT',
          body: { ownerType: 'listing', ownerId: id, ids },
        }),
      onMutate: (ids: string[]) => {
        qc.setQueryData<TListingPhoto[]>(listingKeys.photos(id), (old) =>
          old ? ids.flatMap((x, sort) => old.filter((p) => p.id === x).map((p) => ({ ...p, sort }))) : old,
        );
      },
      onSettled: done,
    }),
  };
}
