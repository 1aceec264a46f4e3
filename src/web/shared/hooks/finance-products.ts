import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateFinanceProductRequest,
  TFinancePlan,
  TFinancePlansRequest,
  TFinancePlansResponse,
  TFinanceProduct,
  TProductOffer,
  TUpdateFinanceProductRequest,
} from '../../../server/modules/finance/finance.contract.js';
import { api } from '../api.js';

// Data hooks for the finance products of partner lenders: the public plans for a car and the console's
// product list and edits. (Loan applications have their own hooks.)

export type {
  TCreateFinanceProductRequest,
  TFinancePlan,
  TFinancePlansRequest,
  TFinancePlansResponse,
  TFinanceProduct,
  TProductOffer,
  TUpdateFinanceProductRequest,
};

export const financeProductKeys = {
  all: ['financeProducts'] as const,
  list: () => [...financeProductKeys.all, 'list'] as const,
  plans: (req: TFinancePlansRequest) => [...financeProductKeys.all, 'plans', req] as const,
};

/** The applicable products for a car with their plans (a calculation: nothing stored). */
export function useFinancePlans(req: TFinancePlansRequest | null) {
  return useQuery({
    queryKey: financeProductKeys.plans(req ?? { priceFen: 0, energy: 'petrol', used: false }),
    queryFn: ({ signal }) =>
      api<TFinancePlansResponse>('/finance/plans', { method: 'POST', body: req, signal }),
    enabled: req !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function useFinanceProducts() {
  return useQuery({
    queryKey: financeProductKeys.list(),
    queryFn: ({ signal }) => api<{ items: TFinanceProduct[] }>('/finance/products', { signal }),
  });
}

export function useFinanceProductMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: financeProductKeys.all });
  return {
    create: useMutation({
      mutationFn: (req: TCreateFinanceProductRequest) =>
        api<TFinanceProduct>('/finance/products', {
          method: 'POST',
          body: req,
          idempotencyKey: crypto.randomUUID(),
        }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...req }: TUpdateFinanceProductRequest & { id: string }) =>
        api<TFinanceProduct>(`/finance/products/${id}`, {
          method: 'PATCH',
          body: req,
          idempotencyKey: crypto.randomUUID(),
        }),
      onSuccess,
    }),
  };
}
