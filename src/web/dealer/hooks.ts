import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TPortalDealer,
  TPortalUpdateStoreRequest,
  TStore,
} from '../../server/modules/dealers/dealers.contract.js';
import type { TDealerStaffCreateRequest, TStaff } from '../../server/modules/identity/identity.contract.js';
import { api } from '../shared/api.js';
import type { Page } from '../shared/hooks/identity.js';

// Data hooks of the dealer portal: my dealer and stores (/api/v1/dealers/portal) and my dealer's staff
// (/api/v1/identity/dealer-staff). The server scopes all of them to the signed-in dealer.

export const portalKeys = {
  all: ['dealer-portal'] as const,
  dealer: () => [...portalKeys.all, 'dealer'] as const,
  stores: () => [...portalKeys.all, 'stores'] as const,
  staff: () => [...portalKeys.all, 'staff'] as const,
};

export function usePortalDealer() {
  return useQuery({
    queryKey: portalKeys.dealer(),
    queryFn: () => api<TPortalDealer>('/dealers/portal/dealer'),
  });
}

export function usePortalStores() {
  return useQuery({ queryKey: portalKeys.stores(), queryFn: () => api<TStore[]>('/dealers/portal/stores') });
}

export function useUpdatePortalStore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TPortalUpdateStoreRequest & { id: string }) =>
      api<TStore>(`/dealers/portal/stores/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.stores() }),
  });
}

export function useDealerStaff(enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.staff(),
    queryFn: () => api<Page<TStaff>>('/identity/dealer-staff', { query: { limit: 100 } }),
    enabled,
  });
}

export function useCreateDealerStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TDealerStaffCreateRequest) =>
      api<TStaff>('/identity/dealer-staff', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.staff() }),
  });
}

export function useDealerStaffAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'disable' | 'enable' }) =>
      api<TStaff>(`/identity/dealer-staff/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.staff() }),
  });
}
