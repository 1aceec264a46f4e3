import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCreateQueryTerm,
  TQueryTerm,
  TUpdateQueryTerm,
  ZQueryTermList,
  ZUnderstandResponse,
} from '../../../server/modules/search/search.contract.js';
import { api } from '../api.js';

// Data hooks for the words search understands (/api/v1/catalog/search/terms) and the try-it box.

export type TQueryTermList = z.infer<typeof ZQueryTermList>;
export type TUnderstandResponse = z.infer<typeof ZUnderstandResponse>;
export type { TCreateQueryTerm, TQueryTerm, TUpdateQueryTerm };

export const queryTermKeys = {
  all: ['search-terms'] as const,
  list: () => [...queryTermKeys.all, 'list'] as const,
};

/** Built-in and operators' terms (the server sends them all; the page filters them). */
export function useQueryTerms() {
  return useQuery({
    queryKey: queryTermKeys.list(),
    queryFn: ({ signal }) => api<TQueryTermList>('/catalog/search/terms', { signal }),
  });
}

function useTermMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: queryTermKeys.all }),
  });
}

export const useCreateQueryTerm = () =>
  useTermMutation((body: TCreateQueryTerm) =>
    api<TQueryTerm>('/catalog/search/terms', { method: 'POST', body }),
  );
export const useUpdateQueryTerm = () =>
  useTermMutation(({ id, body }: { id: string; body: TUpdateQueryTerm }) =>
    api<TQueryTerm>(`/catalog/search/terms/${id}`, { method: 'PATCH', body }),
  );
export const useDeleteQueryTerm = () =>
  useTermMutation((id: string) =>
    api<{ deleted: true }>(`/catalog/search/terms/${id}`, { method: 'DELETE' }),
  );

/** How a query would be read (labels in the page's language). */
export const useUnderstand = () =>
  useMutation({
    mutationFn: (q: string) =>
      api<TUnderstandResponse>('/catalog/search/understand', { method: 'POST', body: { q } }),
  });
