import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBookingOptions,
  TBookTestdriveRequest,
  TCalendar,
  TCheckInRequest,
  TCreateTestdriveVehicle,
  TMyTestdriveBooking,
  TSlot,
  TTestdriveBooking,
  TTestdriveSettingsInput,
  TTestdriveStoreSetup,
  TTestdriveTemplate,
  TTestdriveVehicle,
} from '../../../server/modules/testdrives/testdrives.contract.js';
import type { TestdriveVehicleStatus } from '../../../server/modules/testdrives/testdrives.enums.js';
import { track } from '../analytics/tracker.js';
import { api } from '../api.js';
import { landingSource } from './consultations.js';

// Data hooks for test drives: the buyer's booking and "my test drives", and the staff calendar, check-in,
// outcome, cars and store settings (console and dealer portal).

export type {
  TBookingOptions,
  TCalendar,
  TMyTestdriveBooking,
  TSlot,
  TTestdriveBooking,
  TTestdriveStoreSetup,
  TTestdriveTemplate,
  TTestdriveVehicle,
};

export const testdriveKeys = {
  all: ['testdrives'] as const,
  options: (seriesId: string, cityCode: string, lat?: number, lng?: number) =>
    [...testdriveKeys.all, 'options', seriesId, cityCode, lat ?? '', lng ?? ''] as const,
  slots: (storeId: string, seriesId: string, trimId: string, colour: string, from: string, to: string) =>
    [...testdriveKeys.all, 'slots', storeId, seriesId, trimId, colour, from, to] as const,
  mine: () => [...testdriveKeys.all, 'mine'] as const,
  calendar: (storeId: string, from: string, to: string) =>
    [...testdriveKeys.all, 'calendar', storeId, from, to] as const,
  setups: () => [...testdriveKeys.all, 'setups'] as const,
  vehicles: (storeId: string) => [...testdriveKeys.all, 'vehicles', storeId] as const,
};

export function useBookingOptions(
  seriesId: string,
  cityCode: string,
  position?: { latitude: number; longitude: number } | null,
) {
  return useQuery({
    queryKey: testdriveKeys.options(seriesId, cityCode, position?.latitude, position?.longitude),
    queryFn: () =>
      api<TBookingOptions>('/testdrives/options', {
        query: { seriesId, cityCode, latitude: position?.latitude, longitude: position?.longitude },
      }),
    enabled: seriesId !== '',
  });
}

export function useFreeSlots(q: {
  storeId: string;
  seriesId: string;
  trimId: string;
  colour: string;
  from: string;
  to: string;
}) {
  return useQuery({
    queryKey: testdriveKeys.slots(q.storeId, q.seriesId, q.trimId, q.colour, q.from, q.to),
    queryFn: () =>
      api<TSlot[]>('/testdrives/slots', {
        query: {
          storeId: q.storeId,
          seriesId: q.seriesId,
          trimId: q.trimId || undefined,
          colour: q.colour || undefined,
          from: q.from,
          to: q.to,
        },
      }),
    enabled: q.storeId !== '' && q.seriesId !== '',
  });
}

export function useBookTestdrive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBookTestdriveRequest) =>
      api<TTestdriveBooking>('/testdrives/bookings', {
        method: 'POST',
        body: { source: landingSource(), ...body },
      }),
    onSuccess: (_booking, body) => {
      track(
        'book_test_drive',
        {},
        { seriesId: body.seriesId, trimId: body.trimId ?? undefined, listingId: body.listingId ?? undefined },
      );
      return qc.invalidateQueries({ queryKey: testdriveKeys.all });
    },
  });
}

export function useMyTestdrives(enabled: boolean) {
  return useQuery({
    queryKey: testdriveKeys.mine(),
    queryFn: () => api<TMyTestdriveBooking[]>('/testdrives/bookings/mine'),
    enabled,
  });
}

type BookingAction =
  | { kind: 'reschedule'; id: string; slotId: string }
  | { kind: 'cancel'; id: string; reason?: string }
  | { kind: 'feedback'; id: string; rating: number; wouldBuy: boolean; comment: string }
  | { kind: 'outcome'; id: string; outcome: 'complete' | 'no_show' }
  | { kind: 'advisor'; id: string; advisorAccountId: string }
  | { kind: 'check-in'; storeId: string; body: TCheckInRequest };

/** Every change to a booking (buyer or staff); the lists refresh afterwards. */
export function useBookingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: BookingAction) => {
      const base = '/testdrives/bookings';
      switch (a.kind) {
        case 'reschedule':
          return api<TTestdriveBooking>(`${base}/${a.id}/reschedule`, {
            method: 'POST',
            body: { slotId: a.slotId },
          });
        case 'cancel':
          return api<TTestdriveBooking>(`${base}/${a.id}/cancel`, {
            method: 'POST',
            body: a.reason ? { reason: a.reason } : {},
          });
        case 'feedback':
          return api<TTestdriveBooking>(`${base}/${a.id}/feedback`, {
            method: 'POST',
            body: { rating: a.rating, wouldBuy: a.wouldBuy, comment: a.comment },
          });
        case 'outcome':
          return api<TTestdriveBooking>(`${base}/${a.id}/outcome/${a.outcome}`, { method: 'POST' });
        case 'advisor':
          return api<TTestdriveBooking>(`${base}/${a.id}/advisor`, {
            method: 'PUT',
            body: { advisorAccountId: a.advisorAccountId },
          });
        case 'check-in':
          return api<TTestdriveBooking>(`/testdrives/stores/${a.storeId}/check-in`, {
            method: 'POST',
            body: a.body,
          });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: testdriveKeys.all }),
  });
}

export function useTestdriveCalendar(storeId: string, from: string, to: string) {
  return useQuery({
    queryKey: testdriveKeys.calendar(storeId, from, to),
    queryFn: () => api<TCalendar>('/testdrives/calendar', { query: { storeId, from, to } }),
    enabled: storeId !== '',
  });
}

export function useStoreSetups() {
  return useQuery({
    queryKey: testdriveKeys.setups(),
    queryFn: () => api<TTestdriveStoreSetup[]>('/testdrives/stores'),
  });
}

type SetupAction =
  | { kind: 'settings'; body: TTestdriveSettingsInput }
  | { kind: 'templates'; templates: TTestdriveTemplate[] }
  | { kind: 'close'; date: string; reason: string }
  | { kind: 'reopen'; closureId: string }
  | { kind: 'generate'; from: string; to: string };

export function useSetupAction(storeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: SetupAction) => {
      const base = `/testdrives/stores/${storeId}`;
      switch (a.kind) {
        case 'settings':
          return api<unknown>(`${base}/settings`, { method: 'PUT', body: a.body });
        case 'templates':
          return api<unknown>(`${base}/templates`, { method: 'PUT', body: { templates: a.templates } });
        case 'close':
          return api<unknown>(`${base}/closures`, {
            method: 'POST',
            body: { date: a.date, reason: a.reason },
          });
        case 'reopen':
          return api<unknown>(`${base}/closures/${a.closureId}`, { method: 'DELETE' });
        case 'generate':
          return api<unknown>(`${base}/slots/generate`, { method: 'POST', body: { from: a.from, to: a.to } });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: testdriveKeys.all }),
  });
}

export function useTestdriveVehicles(storeId: string) {
  return useQuery({
    queryKey: testdriveKeys.vehicles(storeId),
    queryFn: () =>
      api<TTestdriveVehicle[]>('/testdrives/vehicles', { query: { storeId: storeId || undefined } }),
  });
}

export function useVehicleAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      a:
        | { kind: 'create'; body: TCreateTestdriveVehicle }
        | { kind: 'status'; id: string; status: TestdriveVehicleStatus },
    ) =>
      a.kind === 'create'
        ? api<TTestdriveVehicle>('/testdrives/vehicles', { method: 'POST', body: a.body })
        : api<TTestdriveVehicle>(`/testdrives/vehicles/${a.id}`, {
            method: 'PATCH',
            body: { status: a.status },
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: testdriveKeys.all }),
  });
}
