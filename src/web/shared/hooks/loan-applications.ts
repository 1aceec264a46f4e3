import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateLoanApplicationRequest,
  TLoanApplication,
  TLoanApplicationDetail,
  TLoanApplicationPage,
  TStaffLoanApplicationDetail,
  TStaffLoanApplicationQuery,
} from '../../../server/modules/finance/finance.applications.contract.js';
import { api } from '../api.js';

// Data hooks for loan applications (finance module): the buyer's applications and the console queue.

export type { TLoanApplication, TLoanApplicationDetail, TStaffLoanApplicationDetail };
export type LoanQueueFilter = Partial<Omit<TStaffLoanApplicationQuery, 'limit' | 'cursor'>>;

export const loanApplicationKeys = {
  all: ['loan-applications'] as const,
  mine: () => [...loanApplicationKeys.all, 'mine'] as const,
  mineOne: (id: string) => [...loanApplicationKeys.all, 'mine', id] as const,
  queue: (filter: LoanQueueFilter) => [...loanApplicationKeys.all, 'queue', filter] as const,
  staffOne: (id: string) => [...loanApplicationKeys.all, 'staff', id] as const,
};

/** Submits an application; one Idempotency-Key per form submission, so a double tap makes one. */
export function useApplyForLoan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TCreateLoanApplicationRequest; key: string }) =>
      api<TLoanApplicationDetail>('/finance/loan-applications', {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: loanApplicationKeys.mine() }),
  });
}

export function useMyLoanApplications(enabled: boolean) {
  return useQuery({
    queryKey: loanApplicationKeys.mine(),
    queryFn: () => api<TLoanApplicationPage>('/finance/loan-applications', { query: { limit: 50 } }),
    enabled,
    // The lender answers asynchronously: keep the status fresh while the page is open.
    refetchInterval: 15_000,
  });
}

export function useMyLoanApplication(id: string | undefined) {
  return useQuery({
    queryKey: loanApplicationKeys.mineOne(id ?? ''),
    queryFn: () => api<TLoanApplicationDetail>(`/finance/loan-applications/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    refetchInterval: 15_000,
  });
}

/** The buyer's actions on an application: sign the contract, withdraw. */
export function useLoanApplicationAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: 'sign-contract' | 'withdraw'; body: object }) =>
      api<TLoanApplicationDetail>(`/finance/loan-applications/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        body,
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: loanApplicationKeys.mine() }),
  });
}

export function useLoanQueue(filter: LoanQueueFilter) {
  return useInfiniteQuery({
    queryKey: loanApplicationKeys.queue(filter),
    queryFn: ({ pageParam }) =>
      api<TLoanApplicationPage>('/finance/staff/loan-applications', {
        query: { ...filter, limit: 50, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStaffLoanApplication(id: string | null) {
  return useQuery({
    queryKey: loanApplicationKeys.staffOne(id ?? ''),
    queryFn: () =>
      api<TStaffLoanApplicationDetail>(`/finance/staff/loan-applications/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useSyncLoanApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<TStaffLoanApplicationDetail>(`/finance/staff/loan-applications/${encodeURIComponent(id)}/sync`, {
        method: 'POST',
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: loanApplicationKeys.all }),
  });
}
