import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAcceptHandoverRequest,
  TAssignDeliveryRequest,
  TBookDeliveryRequest,
  TDelivery,
  TDeliveryQuote,
  TDeliveryRates,
  TRecordInvoiceRequest,
  TSlot,
  TSlotTemplate,
} from '../../../server/modules/fulfilment/fulfilment.contract.js';
import type {
  ChecklistKind,
  DeliveryMode,
  DeliveryStatus,
} from '../../../server/modules/fulfilment/fulfilment.enums.js';
import { ApiError, api } from '../api.js';
import { orderKeys } from './orders.js';

// Data hooks for the fulfilment module: the buyer's delivery (quote, slots, booking, tracking, handover) and
// the staff's (deliveries board, checklists, calendars, rates) for the console and the dealer portal.

export type { TDelivery, TDeliveryQuote, TDeliveryRates, TSlot, TSlotTemplate };

/** While the car is on its way the tracking page asks again every 15 seconds. */
export const TRACKING_POLL_MS = 15_000;

export const fulfilmentKeys = {
  all: ['fulfilment'] as const,
  mine: (orderId: string) => [...fulfilmentKeys.all, 'mine', orderId] as const,
  quote: (orderId: string, mode: DeliveryMode, cityCode: string | undefined) =>
    [...fulfilmentKeys.all, 'mine', orderId, 'quote', mode, cityCode ?? ''] as const,
  slots: (orderId: string, from: string, to: string) =>
    [...fulfilmentKeys.all, 'mine', orderId, 'slots', from, to] as const,
  board: (f: BoardFilter) => [...fulfilmentKeys.all, 'board', f] as const,
  one: (id: string) => [...fulfilmentKeys.all, 'one', id] as const,
  calendar: (storeId: string) => [...fulfilmentKeys.all, 'calendar', storeId] as const,
  storeSlots: (storeId: string, from: string, to: string) =>
    [...fulfilmentKeys.all, 'calendar', storeId, 'slots', from, to] as const,
  rates: (from: string, to: string) => [...fulfilmentKeys.all, 'rates', from, to] as const,
};

export interface BoardFilter {
  status?: DeliveryStatus | undefined;
  delayed?: 'true' | undefined;
}

export function useMyDelivery(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: fulfilmentKeys.mine(orderId),
    queryFn: async () => {
      try {
        return await api<TDelivery>(`/fulfilment/orders/${encodeURIComponent(orderId)}/delivery`);
      } catch (err) {
        // No booking yet is an answer, not an error.
        if (err instanceof ApiError && err.code === 'DELIVERY_NOT_FOUND') return null;
        throw err;
      }
    },
    enabled,
    refetchInterval: (q) => (q.state.data?.status === 'in_transit' ? TRACKING_POLL_MS : false),
  });
}

export function useDeliveryQuote(orderId: string, mode: DeliveryMode, cityCode: string | undefined) {
  return useQuery({
    queryKey: fulfilmentKeys.quote(orderId, mode, cityCode),
    queryFn: () =>
      api<TDeliveryQuote>(`/fulfilment/orders/${encodeURIComponent(orderId)}/quote`, {
        query: { mode, cityCode },
      }),
    enabled: mode === 'pickup' || Boolean(cityCode),
    retry: false,
  });
}

export function useBookableSlots(orderId: string, from: string, to: string) {
  return useQuery({
    queryKey: fulfilmentKeys.slots(orderId, from, to),
    queryFn: () =>
      api<TSlot[]>(`/fulfilment/orders/${encodeURIComponent(orderId)}/slots`, { query: { from, to } }),
  });
}

export function useBookDelivery(orderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TBookDeliveryRequest; key: string }) =>
      api<TDelivery>(`/fulfilment/orders/${encodeURIComponent(orderId)}/booking`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: fulfilmentKeys.all });
      await qc.invalidateQueries({ queryKey: orderKeys.mineOne(orderId) });
    },
  });
}

export function useAcceptHandover(orderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TAcceptHandoverRequest; key: string }) =>
      api<TDelivery>(`/fulfilment/orders/${encodeURIComponent(orderId)}/handover`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: fulfilmentKeys.mine(orderId) });
      await qc.invalidateQueries({ queryKey: orderKeys.mineOne(orderId) });
    },
  });
}

// ---- staff ----

export function useDeliveriesBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: fulfilmentKeys.board(filter),
    queryFn: () =>
      api<{ items: TDelivery[] }>('/fulfilment/deliveries', { query: { ...filter, limit: 100 } }),
  });
}

export function useDeliveryRates(from: string, to: string) {
  return useQuery({
    queryKey: fulfilmentKeys.rates(from, to),
    queryFn: () => api<TDeliveryRates>('/fulfilment/reports/rates', { query: { from, to } }),
  });
}

type StaffAction =
  | { kind: 'assign'; body: TAssignDeliveryRequest }
  | { kind: 'dispatch' }
  | { kind: 'sign'; checklist: ChecklistKind; code: string }
  | { kind: 'invoice'; body: TRecordInvoiceRequest }
  | { kind: 'complete' };

/** One staff action on a delivery; the board and the detail refresh after it. */
export function useDeliveryAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: StaffAction) => {
      const base = `/fulfilment/deliveries/${encodeURIComponent(id)}`;
      switch (a.kind) {
        case 'assign':
          return api<TDelivery>(`${base}/assign`, { method: 'POST', body: a.body });
        case 'dispatch':
          return api<TDelivery>(`${base}/dispatch`, { method: 'POST' });
        case 'sign':
          return api<TDelivery>(`${base}/checklist/${a.checklist}/${a.code}`, { method: 'POST', body: {} });
        case 'invoice':
          return api<TDelivery>(`${base}/invoice`, { method: 'POST', body: a.body });
        case 'complete':
          return api<TDelivery>(`${base}/complete`, { method: 'POST' });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: fulfilmentKeys.all }),
  });
}

export interface TCalendar {
  templates: TSlotTemplate[];
  closures: { id: string; date: string; reason: string }[];
}

export function useDeliveryCalendar(storeId: string | undefined) {
  return useQuery({
    queryKey: fulfilmentKeys.calendar(storeId ?? ''),
    queryFn: () => api<TCalendar>(`/fulfilment/stores/${encodeURIComponent(storeId ?? '')}/calendar`),
    enabled: Boolean(storeId),
  });
}

export function useStoreSlots(storeId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: fulfilmentKeys.storeSlots(storeId ?? '', from, to),
    queryFn: () =>
      api<TSlot[]>(`/fulfilment/stores/${encodeURIComponent(storeId ?? '')}/slots`, { query: { from, to } }),
    enabled: Boolean(storeId),
  });
}

type CalendarAction =
  | { kind: 'templates'; templates: TSlotTemplate[] }
  | { kind: 'close'; date: string; reason: string }
  | { kind: 'reopen'; closureId: string }
  | { kind: 'generate'; from: string; to: string };

export function useCalendarAction(storeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: CalendarAction) => {
      const base = `/fulfilment/stores/${encodeURIComponent(storeId)}`;
      switch (a.kind) {
        case 'templates':
          await api(`${base}/templates`, { method: 'PUT', body: { templates: a.templates } });
          return;
        case 'close':
          await api(`${base}/closures`, { method: 'POST', body: { date: a.date, reason: a.reason } });
          return;
        case 'reopen':
          await api(`${base}/closures/${encodeURIComponent(a.closureId)}`, { method: 'DELETE' });
          return;
        case 'generate':
          await api(`${base}/slots/generate`, { method: 'POST', body: { from: a.from, to: a.to } });
          return;
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: fulfilmentKeys.calendar(storeId) }),
  });
}
