import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  TLoanQuoteRequest,
  TLoanQuoteResponse,
} from '../../../server/modules/finance/finance.contract.js';
import type {
  TClearValuationOverrideRequest,
  TCreateRuleVersionRequest,
  TLandedPriceRequest,
  TLandedPriceResponse,
  TListingValuation,
  TPriceAlertState,
  TPriceHistory,
  TQuote,
  TQuotePreview,
  TQuoteRequest,
  TRuleVersion,
  TSetValuationOverrideRequest,
  TTradeInRequest,
  TTradeInValuation,
  TValuationBoardDetail,
  TValuationBoardItem,
} from '../../../server/modules/pricing/pricing.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the pricing and finance modules: landed prices, stored quotes, loan plans, price history
// and price-drop alerts.

export type {
  TLandedPriceResponse,
  TListingValuation,
  TLoanQuoteRequest,
  TLoanQuoteResponse,
  TPriceHistory,
  TQuote,
  TQuotePreview,
  TQuoteRequest,
  TTradeInRequest,
  TTradeInValuation,
};

export const pricingKeys = {
  all: ['pricing'] as const,
  quote: (req: TQuoteRequest) => [...pricingKeys.all, 'quote', req] as const,
  landed: (req: TLandedPriceRequest) => [...pricingKeys.all, 'landed', req] as const,
  loan: (req: TLoanQuoteRequest) => [...pricingKeys.all, 'loan', req] as const,
  history: (id: string) => [...pricingKeys.all, 'history', id] as const,
  alert: (id: string) => [...pricingKeys.all, 'alert', id] as const,
};

/**
 * The landed-price quote for a listing as the buyer changes choices: computed, not stored (the previous
 * answer stays on screen meanwhile).
 */
export function useListingQuote(req: TQuoteRequest | null) {
  return useQuery({
    queryKey: pricingKeys.quote(req ?? { listingId: '', tradeIn: null }),
    queryFn: ({ signal }) =>
      api<TQuotePreview>('/pricing/quotes/preview', { method: 'POST', body: req, signal }),
    enabled: req !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

/** Keeps the quote on screen as a stored quote with a number the buyer (or an order) can cite later. */
export function useSaveQuote() {
  return useMutation({
    mutationFn: (req: TQuoteRequest) =>
      api<TQuote>('/pricing/quotes', { method: 'POST', body: req, idempotencyKey: crypto.randomUUID() }),
  });
}

/** The public loan calculator (nothing stored). */
export function useLoanQuote(req: TLoanQuoteRequest | null) {
  return useQuery({
    queryKey: pricingKeys.loan(
      req ?? { principalFen: 0, termMonths: 0, method: 'equal_instalment', feesFen: 0 },
    ),
    queryFn: ({ signal }) =>
      api<TLoanQuoteResponse>('/finance/loan-quote', { method: 'POST', body: req, signal }),
    enabled: req !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function usePriceHistory(listingId: string) {
  return useQuery({
    queryKey: pricingKeys.history(listingId),
    queryFn: ({ signal }) => api<TPriceHistory>(`/pricing/listings/${listingId}/price-history`, { signal }),
  });
}

export function usePriceAlert(listingId: string, signedIn: boolean) {
  return useQuery({
    queryKey: pricingKeys.alert(listingId),
    queryFn: ({ signal }) => api<TPriceAlertState>(`/pricing/listings/${listingId}/price-alert`, { signal }),
    enabled: signedIn,
  });
}

export function useTogglePriceAlert(listingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (subscribe: boolean) =>
      api<TPriceAlertState>(`/pricing/listings/${listingId}/price-alert`, {
        method: subscribe ? 'PUT' : 'DELETE',
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: (state) => qc.setQueryData(pricingKeys.alert(listingId), state),
  });
}

export function useListingValuation(listingId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...pricingKeys.all, 'valuation', listingId] as const,
    queryFn: ({ signal }) => api<TListingValuation>(`/pricing/listings/${listingId}/valuation`, { signal }),
    enabled,
  });
}

/** A trade-in valuation of the buyer's own car (kept: an order can use it as a trade-in credit). */
export function useTradeInValuation() {
  return useMutation({
    mutationFn: (req: TTradeInRequest) =>
      api<TTradeInValuation>('/pricing/trade-in-valuations', {
        method: 'POST',
        body: req,
        idempotencyKey: crypto.randomUUID(),
      }),
  });
}

export type { TCreateRuleVersionRequest, TRuleVersion };

export function useRuleVersions() {
  return useQuery({
    queryKey: [...pricingKeys.all, 'rules'] as const,
    queryFn: ({ signal }) => api<{ items: TRuleVersion[] }>('/pricing/rules', { signal }),
  });
}

export function useCreateRuleVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: TCreateRuleVersionRequest) =>
      api<TRuleVersion>('/pricing/rules', { method: 'POST', body: req, idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...pricingKeys.all, 'rules'] }),
  });
}

// ---- the console's valuation board and overrides ----

export type {
  TClearValuationOverrideRequest,
  TSetValuationOverrideRequest,
  TValuationBoardDetail,
  TValuationBoardItem,
  TValuationOverride,
} from '../../../server/modules/pricing/pricing.contract.js';

export interface ValuationBoardFilter {
  flag?: string;
  cityCode?: string;
  brand?: string;
  q?: string;
  status?: string;
  overridden?: string;
}

export const valuationKeys = {
  all: [...pricingKeys.all, 'valuations'] as const,
  list: (f: ValuationBoardFilter) => [...valuationKeys.all, 'list', f] as const,
  detail: (listingId: string) => [...valuationKeys.all, 'detail', listingId] as const,
};

export function useValuationBoard(filter: ValuationBoardFilter) {
  return useInfiniteQuery({
    queryKey: valuationKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TValuationBoardItem>>('/pricing/valuations', {
        query: { ...filter, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useValuationDetail(listingId: string | null) {
  return useQuery({
    queryKey: valuationKeys.detail(listingId ?? ''),
    queryFn: ({ signal }) =>
      api<TValuationBoardDetail>(`/pricing/valuations/${encodeURIComponent(listingId ?? '')}`, { signal }),
    enabled: listingId !== null,
  });
}

/** Sets (PUT) or clears (DELETE) a listing's valuation override; the board and the buyer's valuation follow. */
export function useValuationOverride(listingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      change:
        | ({ action: 'set' } & TSetValuationOverrideRequest)
        | ({ action: 'clear' } & TClearValuationOverrideRequest),
    ) => {
      const { action, ...body } = change;
      return api<TValuationBoardDetail>(`/pricing/valuations/${encodeURIComponent(listingId)}/override`, {
        method: action === 'set' ? 'PUT' : 'DELETE',
        body,
        idempotencyKey: crypto.randomUUID(),
      });
    },
    onSuccess: (detail) => {
      qc.setQueryData(valuationKeys.detail(listingId), detail);
      void qc.invalidateQueries({ queryKey: [...valuationKeys.all, 'list'] });
      void qc.invalidateQueries({ queryKey: [...pricingKeys.all, 'valuation', listingId] });
    },
  });
}
