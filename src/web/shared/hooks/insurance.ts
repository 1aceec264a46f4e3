import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TChooseRequest,
  TCoverages,
  TCreateQuoteRequest,
  TInsuranceChoice,
  TInsuranceQuote,
  TInsurer,
  TInsurerList,
  TPlan,
  TUpdateInsurerRequest,
  TVehicleFacts,
} from '../../../server/modules/insurance/insurance.contract.js';
import { api } from '../api.js';

// Data hooks for the insurance module: quotes from the partner insurers, the buyer's chosen plan, and the
// console's insurer list.

export type {
  TCoverages,
  TCreateQuoteRequest,
  TInsuranceChoice,
  TInsuranceQuote,
  TInsurer,
  TPlan,
  TVehicleFacts,
};

export const insuranceKeys = {
  all: ['insurance'] as const,
  quote: (req: TCreateQuoteRequest) => [...insuranceKeys.all, 'quote', req] as const,
  choices: () => [...insuranceKeys.all, 'choices'] as const,
  insurers: () => [...insuranceKeys.all, 'insurers'] as const,
};

/**
 * Plans from every active insurer for a listing or any car; a new quote each time the coverages change (the
 * previous answer stays on screen meanwhile). Stored, so the buyer's pick can cite it.
 */
export function useInsuranceQuote(req: TCreateQuoteRequest | null) {
  return useQuery({
    queryKey: insuranceKeys.quote(req ?? { coverages: {} as TCoverages }),
    queryFn: ({ signal }) =>
      api<TInsuranceQuote>('/insurance/quotes', {
        method: 'POST',
        body: req,
        signal,
        idempotencyKey: crypto.randomUUID(),
      }),
    enabled: req !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The signed-in buyer's latest choices. */
export function useInsuranceChoices(signedIn: boolean) {
  return useQuery({
    queryKey: insuranceKeys.choices(),
    queryFn: ({ signal }) => api<{ items: TInsuranceChoice[] }>('/insurance/choices', { signal }),
    enabled: signedIn,
  });
}

/** Picks a plan; picking the same plan again answers the stored choice. */
export function useChoosePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: TChooseRequest) =>
      api<TInsuranceChoice>('/insurance/choices', {
        method: 'POST',
        body: req,
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: insuranceKeys.choices() }),
  });
}

// ---- console ----

export function useInsurers() {
  return useQuery({
    queryKey: insuranceKeys.insurers(),
    queryFn: ({ signal }) => api<TInsurerList>('/insurance/insurers', { signal }),
  });
}

export function useInsurerMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: insuranceKeys.insurers() });
  return {
    update: useMutation({
      mutationFn: ({ code, ...body }: TUpdateInsurerRequest & { code: TInsurer['code'] }) =>
        api<TInsurer>(`/insurance/insurers/${code}`, {
          method: 'PATCH',
          body,
          idempotencyKey: crypto.randomUUID(),
        }),
      onSuccess,
    }),
    setStatus: useMutation({
      mutationFn: ({ code, action }: { code: TInsurer['code']; action: 'activate' | 'deactivate' }) =>
        api<TInsurer>(`/insurance/insurers/${code}/${action}`, {
          method: 'POST',
          idempotencyKey: crypto.randomUUID(),
        }),
      onSuccess,
    }),
  };
}
