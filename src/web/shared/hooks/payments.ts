import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TOrderPayments, TPayOrderRequest } from '../../../server/flows/checkout.contract.js';
import type {
  TPaymentIntent,
  TReconMismatch,
  TReconRun,
  TRefund,
} from '../../../server/modules/payments/payments.contract.js';
import type {
  OnlineProvider,
  PaymentIntentStatus,
  PaymentProvider,
  RefundStatus,
} from '../../../server/modules/payments/payments.enums.js';
import { track } from '../analytics/tracker.js';
import { api } from '../api.js';
import type { Page } from './identity.js';
import { orderKeys } from './orders.js';

// Data hooks for the payments module: intents, bank transfers, refunds with approval, reconciliation.

export type { TPaymentIntent, TReconMismatch, TReconRun, TRefund };
export type TStaffIntent = TPaymentIntent & { merchantOrderNo: string; providerTradeNo: string | null };

export interface IntentFilter {
  status?: PaymentIntentStatus | undefined;
  provider?: PaymentProvider | undefined;
  orderId?: string | undefined;
}

export const paymentsKeys = {
  all: ['payments'] as const,
  intents: () => [...paymentsKeys.all, 'intents'] as const,
  intentList: (f: IntentFilter) => [...paymentsKeys.intents(), f] as const,
  refunds: () => [...paymentsKeys.all, 'refunds'] as const,
  refundList: (status: RefundStatus | undefined) => [...paymentsKeys.refunds(), status ?? 'all'] as const,
  runs: () => [...paymentsKeys.all, 'recon-runs'] as const,
  run: (id: string) => [...paymentsKeys.runs(), id] as const,
  ofOrder: (orderId: string) => [...paymentsKeys.all, 'order', orderId] as const,
};

const PAYMENT_POLL_MS = 3_000;

/** A phone's browser gets the provider's confirm page, anything else a QR code to scan. */
export function payingDevice(): 'desktop' | 'mobile' {
  return /Mobile|Android|iPhone|MicroMessenger/i.test(navigator.userAgent) ? 'mobile' : 'desktop';
}

/** The buyer's payment intents of one order; polled while one of them waits for the provider. */
export function useOrderPayments(orderId: string) {
  return useQuery({
    queryKey: paymentsKeys.ofOrder(orderId),
    queryFn: ({ signal }) =>
      api<TOrderPayments>(`/orders/${encodeURIComponent(orderId)}/payments`, { signal }),
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => i.status === 'pending') ? PAYMENT_POLL_MS : false,
  });
}

/** Opens an intent for what the order asks now (deposit or balance); one key per button press. */
export function usePayOrder(orderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TPayOrderRequest; key: string }) =>
      api<TPaymentIntent>(`/orders/${encodeURIComponent(orderId)}/payments`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: async (_intent, { body }) => {
      track('pay', { provider: body.provider, device: body.device ?? 'desktop' });
      await qc.invalidateQueries({ queryKey: paymentsKeys.ofOrder(orderId) });
      await qc.invalidateQueries({ queryKey: orderKeys.mineOne(orderId) });
    },
  });
}

export function useStaffIntents(filter: IntentFilter) {
  return useInfiniteQuery({
    queryKey: paymentsKeys.intentList(filter),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TStaffIntent>>('/payments/staff/intents', {
        query: { ...filter, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRefunds(status: RefundStatus | undefined) {
  return useInfiniteQuery({
    queryKey: paymentsKeys.refundList(status),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TRefund>>('/payments/staff/refunds', {
        query: { status, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Records a bank transfer with its receipt; one key per dialog, so a retried submit records once. */
export function useRecordTransfer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: {
      intentId: string;
      amountFen: number;
      bankReference: string;
      payerName: string;
      file: File;
      key: string;
    }) => {
      const form = new FormData();
      form.set('amountFen', String(req.amountFen));
      form.set('bankReference', req.bankReference);
      form.set('payerName', req.payerName);
      form.set('file', req.file);
      return api<TPaymentIntent>(
        `/payments/staff/intents/${encodeURIComponent(req.intentId)}/bank-transfer`,
        {
          method: 'POST',
          body: form,
          idempotencyKey: req.key,
        },
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: paymentsKeys.intents() }),
  });
}

export function useRefundDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: string; decision: 'approve' | 'reject'; note?: string }) =>
      api<TRefund>(`/payments/staff/refunds/${encodeURIComponent(req.id)}/${req.decision}`, {
        method: 'POST',
        body: req.note ? { note: req.note } : {},
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: paymentsKeys.all }),
  });
}

/** Finance records the bank transfer that paid a compensation (awaiting_transfer). */
export function useCompensationTransfer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: string; bankReference: string; note?: string }) =>
      api<TRefund>(`/payments/staff/refunds/${encodeURIComponent(req.id)}/transfer`, {
        method: 'POST',
        body: { bankReference: req.bankReference, ...(req.note ? { note: req.note } : {}) },
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: paymentsKeys.all }),
  });
}

export function useReconRuns() {
  return useQuery({
    queryKey: paymentsKeys.runs(),
    queryFn: ({ signal }) => api<{ items: TReconRun[] }>('/payments/staff/reconciliation/runs', { signal }),
  });
}

export function useReconRun(id: string | null) {
  return useQuery({
    queryKey: paymentsKeys.run(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api<{ run: TReconRun; mismatches: TReconMismatch[] }>(
        `/payments/staff/reconciliation/runs/${encodeURIComponent(id ?? '')}`,
        { signal },
      ),
  });
}

export function useRunReconciliation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { day: string; provider?: OnlineProvider | undefined }) =>
      api<{ items: TReconRun[] }>('/payments/staff/reconciliation/runs', {
        method: 'POST',
        body: req,
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: paymentsKeys.runs() }),
  });
}
