import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAccessory,
  TAccessoryCategory,
  TAccessoryInput,
} from '../../../server/modules/accessories/accessories.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the accessories module (/api/v1/catalog/accessories): categories and the console's
// accessory and care-product management.

export type { TAccessory, TAccessoryCategory };

export const accessoryKeys = {
  all: ['accessories'] as const,
  categories: () => [...accessoryKeys.all, 'categories'] as const,
  managedLists: () => [...accessoryKeys.all, 'managed'] as const,
  managed: (status?: string) => [...accessoryKeys.managedLists(), status ?? ''] as const,
};

export function useAccessoryCategories() {
  return useQuery({
    queryKey: accessoryKeys.categories(),
    queryFn: () => api<TAccessoryCategory[]>('/catalog/accessories/categories'),
  });
}

export function useManagedAccessories(status?: string) {
  return useQuery({
    queryKey: accessoryKeys.managed(status),
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
    onSuccess: () => qc.invalidateQueries({ queryKey: accessoryKeys.managedLists() }),
  });
}

export function useCreateAccessoryCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId?: string | null; name: string; nameEn: string; sort?: number }) =>
      api<TAccessoryCategory>('/catalog/accessories/categories', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessoryKeys.categories() }),
  });
}
