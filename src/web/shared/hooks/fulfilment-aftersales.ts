import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TPlateService,
  TReinspection,
  TTitleTransfer,
} from '../../../server/modules/fulfilment/fulfilment.aftersales.contract.js';
import type {
  TFileClaimRequest,
  TWarrantyClaim,
} from '../../../server/modules/fulfilment/fulfilment.warranty.contract.js';
import { ApiError, api } from '../api.js';
import { orderKeys } from './orders.js';

// Data hooks for the fulfilment module's after-sales: 三包 claims, title transfer (过户), the handover
// re-inspection of used cars and the plate service, for the buyer's order page and the staff boards.

export type { TPlateService, TReinspection, TTitleTransfer, TWarrantyClaim };

export const aftersalesKeys = {
  all: ['fulfilment-aftersales'] as const,
  claims: (orderId: string) => [...aftersalesKeys.all, 'claims', orderId] as const,
  claimQueue: (status: string) => [...aftersalesKeys.all, 'claim-queue', status] as const,
  title: (orderId: string) => [...aftersalesKeys.all, 'title', orderId] as const,
  titleBoard: (status: string) => [...aftersalesKeys.all, 'title-board', status] as const,
  reinspection: (orderId: string) => [...aftersalesKeys.all, 'reinspection', orderId] as const,
  plate: (orderId: string) => [...aftersalesKeys.all, 'plate', orderId] as const,
  plateBoard: (status: string) => [...aftersalesKeys.all, 'plate-board', status] as const,
};

const enc = encodeURIComponent;
const A = '/fulfilment/aftersales';

/** A 404 (nothing started yet) reads as null, so the page shows "not started" instead of an error. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function useInvalidate(orderId?: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: aftersalesKeys.all });
    if (orderId) void qc.invalidateQueries({ queryKey: orderKeys.all });
  };
}

// ---- buyer ----

export function useMyClaims(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: aftersalesKeys.claims(orderId),
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: TWarrantyClaim[] }>(`/fulfilment/warranty/orders/${enc(orderId)}/claims`, { signal }),
  });
}

export function useFileClaim(orderId: string) {
  const done = useInvalidate(orderId);
  return useMutation({
    mutationFn: ({ body, key }: { body: TFileClaimRequest; key: string }) =>
      api<TWarrantyClaim>(`/fulfilment/warranty/orders/${enc(orderId)}/claims`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: done,
  });
}

export function useMyTitleTransfer(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: aftersalesKeys.title(orderId),
    enabled,
    queryFn: ({ signal }) =>
      orNull(api<TTitleTransfer>(`${A}/orders/${enc(orderId)}/title-transfer`, { signal })),
  });
}

export function useMyReinspection(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: aftersalesKeys.reinspection(orderId),
    enabled,
    queryFn: ({ signal }) =>
      orNull(api<TReinspection>(`${A}/orders/${enc(orderId)}/reinspection`, { signal })),
  });
}

export function useAnswerReinspection(orderId: string) {
  const done = useInvalidate(orderId);
  return useMutation({
    mutationFn: (answer: { action: 'accept' } | { action: 'dispute'; reason: string }) =>
      api<TReinspection>(`${A}/orders/${enc(orderId)}/reinspection/${answer.action}`, {
        method: 'POST',
        ...(answer.action === 'dispute' ? { body: { reason: answer.reason } } : {}),
      }),
    onSuccess: done,
  });
}

export function useMyPlateService(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: aftersalesKeys.plate(orderId),
    enabled,
    queryFn: ({ signal }) =>
      orNull(api<TPlateService>(`${A}/orders/${enc(orderId)}/plate-service`, { signal })),
    // While the fee is being paid the gateway's notice moves it on.
    refetchInterval: (q) => (q.state.data?.status === 'awaiting_payment' ? 5_000 : false),
  });
}

export function useOrderPlateService(orderId: string) {
  const done = useInvalidate(orderId);
  return useMutation({
    mutationFn: ({ provider, key }: { provider: 'alipay' | 'wechat_pay' | 'unionpay'; key: string }) =>
      api<TPlateService>(`${A}/orders/${enc(orderId)}/plate-service`, {
        method: 'POST',
        body: { provider },
        idempotencyKey: key,
      }),
    onSuccess: done,
  });
}

export function useRecordQuota(orderId: string) {
  const done = useInvalidate(orderId);
  return useMutation({
    mutationFn: (certificateNumber: string) =>
      api<TPlateService>(`${A}/orders/${enc(orderId)}/plate-service/quota`, {
        method: 'POST',
        body: { certificateNumber },
      }),
    onSuccess: done,
  });
}

// ---- staff (console and dealer portal; the server scopes dealer staff) ----

export function useClaimQueue(status: string) {
  return useQuery({
    queryKey: aftersalesKeys.claimQueue(status),
    queryFn: ({ signal }) =>
      api<{ items: TWarrantyClaim[]; nextCursor: string | null }>('/fulfilment/warranty/claims', {
        query: { limit: 100, ...(status ? { status } : {}) },
        signal,
      }),
  });
}

export function useDecideClaim() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: string; reason: string }) =>
      api<TWarrantyClaim>(`/fulfilment/warranty/claims/${enc(id)}/decision`, {
        method: 'POST',
        body: { decision, reason },
      }),
    onSuccess: done,
  });
}

/** Staff retry a 三包 replacement that waited for stock (the claim stays pending while none is in stock). */
export function useRetryReplacement() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      api<TWarrantyClaim>(`/fulfilment/warranty/claims/${enc(id)}/replacement/retry`, { method: 'POST' }),
    onSuccess: done,
  });
}

export function useTitleTransferBoard(status: string) {
  return useQuery({
    queryKey: aftersalesKeys.titleBoard(status),
    queryFn: ({ signal }) =>
      api<{ items: TTitleTransfer[] }>(`${A}/title-transfers`, { query: status ? { status } : {}, signal }),
  });
}

export function useUpdateTitleTransfer() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ orderId, body }: { orderId: string; body: Record<string, unknown> }) =>
      api<TTitleTransfer>(`${A}/title-transfers/${enc(orderId)}`, { method: 'PUT', body }),
    onSuccess: done,
  });
}

export function useCompleteTitleTransfer() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (orderId: string) =>
      api<TTitleTransfer>(`${A}/title-transfers/${enc(orderId)}/complete`, { method: 'POST' }),
    onSuccess: done,
  });
}

export function usePlateServiceBoard(status: string) {
  return useQuery({
    queryKey: aftersalesKeys.plateBoard(status),
    queryFn: ({ signal }) =>
      api<{ items: TPlateService[] }>(`${A}/plate-services`, { query: status ? { status } : {}, signal }),
  });
}

export function useAdvancePlateService() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ orderId, step, plateNumber }: { orderId: string; step: string; plateNumber?: string }) =>
      api<TPlateService>(`${A}/plate-services/${enc(orderId)}/advance`, {
        method: 'POST',
        body: plateNumber ? { step, plateNumber } : { step },
      }),
    onSuccess: done,
  });
}
