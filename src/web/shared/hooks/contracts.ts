import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TContractTemplate,
  TPublishContractTemplateRequest,
  TPurchaseContract,
} from '../../../server/modules/contracts/contracts.contract.js';
import { api } from '../api.js';

// Data hooks for the contracts module: a purchase contract (buyer and staff), its signature, and the
// console's template versions.

export type { TContractTemplate, TPurchaseContract };

export const contractKeys = {
  all: ['contracts'] as const,
  one: (id: string) => [...contractKeys.all, 'one', id] as const,
  ofOrder: (orderId: string) => [...contractKeys.all, 'order', orderId] as const,
  templates: () => [...contractKeys.all, 'templates'] as const,
};

/** The API path of a contract's PDF: `inline` for an embedded preview, `attachment` to download. */
export function contractPdfPath(id: string, disposition: 'inline' | 'attachment'): string {
  return `/api/v1/contracts/${encodeURIComponent(id)}/pdf?disposition=${disposition}`;
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.one(id),
    queryFn: ({ signal }) => api<TPurchaseContract>(`/contracts/${encodeURIComponent(id)}`, { signal }),
  });
}

/**
 * The order's live (not voided) purchase contract, or null before one is issued. The order's own contractId
 * is set only once both parties have signed, so the order page looks the contract up by order; `waiting`
 * polls while the contract is due (a car allocated: a background job issues it).
 */
export function useOrderContract(orderId: string, waiting: boolean) {
  return useQuery({
    queryKey: contractKeys.ofOrder(orderId),
    queryFn: ({ signal }) =>
      api<{ items: TPurchaseContract[] }>('/contracts', { query: { orderId }, signal }),
    select: (data) => data.items.find((c) => c.status !== 'voided') ?? null,
    refetchInterval: (q) =>
      waiting && !q.state.data?.items.some((c) => c.status !== 'voided') ? 3_000 : false,
  });
}

/** Signs with the hash the page showed; one Idempotency-Key per opened panel, so a double tap signs once. */
export function useSignContract(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ documentSha256, key }: { documentSha256: string; key: string }) =>
      api<TPurchaseContract>(`/contracts/${encodeURIComponent(id)}/sign`, {
        method: 'POST',
        body: { documentSha256, consent: true },
        idempotencyKey: key,
      }),
    onSuccess: (contract) => qc.setQueryData(contractKeys.one(id), contract),
  });
}

export function useContractTemplates() {
  return useQuery({
    queryKey: contractKeys.templates(),
    queryFn: ({ signal }) => api<{ items: TContractTemplate[] }>('/contracts/templates', { signal }),
  });
}

export function usePublishContractTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TPublishContractTemplateRequest; key: string }) =>
      api<TContractTemplate>('/contracts/templates', { method: 'POST', body, idempotencyKey: key }),
    onSuccess: () => qc.invalidateQueries({ queryKey: contractKeys.templates() }),
  });
}
