import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCheckoutResponse } from '../../../server/flows/checkout.contract.js';
import type {
  TCancellationSettlement,
  TChangeSpecRequest,
  TDepositTerms,
  TOrder,
  TOrderPage,
  TOrderSummary,
  TPlaceOrderRequest,
  TStaffOrder,
  TStaffOrderListQuery,
} from '../../../server/modules/orders/orders.contract.js';
import type { DepositKind, OrderStatus } from '../../../server/modules/orders/orders.enums.js';
import { api, withQuery } from '../api.js';

// Data hooks for the orders module: the buyer's orders (checkout, my orders, cancel, spec change) and the
// staff's (console and dealer portal: list, detail, allocate, cancel as seller, risk review).

export type { TCancellationSettlement, TCheckoutResponse, TDepositTerms, TOrder, TOrderSummary, TStaffOrder };

/** Statuses in which the next step comes from elsewhere (a payment notification, staff allocating the unit,
 * the contract's signatures), so an open order page asks again every few seconds. */
const ADVANCING: readonly OrderStatus[] = ['created', 'deposit_paid', 'vehicle_allocated'];
export const ORDER_POLL_MS = 3_000;
export type StaffOrderFilter = Partial<Omit<TStaffOrderListQuery, 'limit' | 'cursor'>>;

export const orderKeys = {
  all: ['orders'] as const,
  terms: (kind: DepositKind, priceFen: number) => [...orderKeys.all, 'terms', kind, priceFen] as const,
  mine: () => [...orderKeys.all, 'mine'] as const,
  mineOne: (id: string) => [...orderKeys.all, 'mine', id] as const,
  preview: (id: string) => [...orderKeys.all, 'mine', id, 'preview'] as const,
  staff: () => [...orderKeys.all, 'staff'] as const,
  staffList: (f: StaffOrderFilter) => [...orderKeys.staff(), 'list', f] as const,
  staffOne: (id: string) => [...orderKeys.staff(), id] as const,
};

/** The exact deposit terms to show and accept for a kind of deposit at a price. */
export function useDepositTerms(kind: DepositKind, priceFen: number | null) {
  return useQuery({
    queryKey: orderKeys.terms(kind, priceFen ?? 0),
    queryFn: ({ signal }) =>
      api<TDepositTerms>('/orders/deposit-terms', { query: { kind, priceFen: priceFen ?? 0 }, signal }),
    enabled: priceFen !== null && priceFen > 0,
    staleTime: 5 * 60_000,
  });
}

/**
 * Places the order (and opens the deposit's payment intent when a provider is given); one Idempotency-Key per
 * checkout visit, so a double tap or a retry makes one order.
 */
export function usePlaceOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TPlaceOrderRequest; key: string }) =>
      api<TCheckoutResponse>('/orders', { method: 'POST', body, idempotencyKey: key }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.mine() }),
  });
}

export function useMyOrders(enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.mine(),
    queryFn: ({ signal }) => api<TOrderPage>('/orders/mine', { query: { limit: 50 }, signal }),
    enabled,
  });
}

/** One of the buyer's orders; polled while its next step depends on a payment, staff or a signature. */
export function useMyOrder(id: string) {
  return useQuery({
    queryKey: orderKeys.mineOne(id),
    queryFn: ({ signal }) => api<TOrder>(`/orders/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (q.state.data && ADVANCING.includes(q.state.data.status) ? ORDER_POLL_MS : false),
  });
}

/** What cancelling would refund now (asked when the buyer opens the cancel dialog). */
export function useCancellationPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.preview(id),
    queryFn: ({ signal }) =>
      api<TCancellationSettlement>(`/orders/${encodeURIComponent(id)}/cancellation-preview`, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useCancelMyOrder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<{ order: TOrder; settlement: TCancellationSettlement }>(
        `/orders/${encodeURIComponent(id)}/cancel`,
        {
          method: 'POST',
          body: { reason },
          idempotencyKey: crypto.randomUUID(),
        },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.mine() }),
  });
}

export function useChangeSpec(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TChangeSpecRequest) =>
      api<TOrder>(`/orders/${encodeURIComponent(id)}/spec`, {
        method: 'POST',
        body,
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.mine() }),
  });
}

// ---- staff ----

export function useStaffOrders(filter: StaffOrderFilter) {
  return useInfiniteQuery({
    queryKey: orderKeys.staffList(filter),
    queryFn: ({ pageParam, signal }) =>
      api<TOrderPage>('/orders', { query: { ...filter, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The CSV export's URL for the current filters (the browser downloads it with the session cookie). */
export function ordersExportUrl(filter: StaffOrderFilter): string {
  return withQuery('/api/v1/orders/export.csv', { ...filter });
}

export function useStaffOrder(id: string) {
  return useQuery({
    queryKey: orderKeys.staffOne(id),
    queryFn: ({ signal }) => api<TStaffOrder>(`/orders/${encodeURIComponent(id)}/staff`, { signal }),
  });
}

export type StaffOrderAction =
  | { kind: 'allocate'; unitId?: string | undefined }
  | { kind: 'cancel-by-seller'; reason: string }
  | { kind: 'risk-review'; decision: 'cleared' | 'rejected' };

/** Runs a staff action on an order; the detail and the lists refresh. */
export function useStaffOrderAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: StaffOrderAction) => {
      const { kind, ...body } = action;
      return api<TStaffOrder | { order: TStaffOrder }>(`/orders/${encodeURIComponent(id)}/${kind}`, {
        method: 'POST',
        body,
        idempotencyKey: crypto.randomUUID(),
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.staff() }),
  });
}
