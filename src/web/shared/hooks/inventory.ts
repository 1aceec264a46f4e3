import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAccessoryStock,
  TAdjustAccessoryStockRequest,
  TInventoryImportResult,
  TReplenishmentSuggestion,
  TStockLocation,
  TStockSummary,
  TTurnoverReport,
  TVehicleUnit,
} from '../../../server/modules/inventory/inventory.contract.js';
import type {
  ImportKind,
  STAFF_UNIT_ACTIONS,
  SuggestionStatus,
  UnitStatus,
} from '../../../server/modules/inventory/inventory.enums.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the inventory module: vehicle units by VIN at stock locations (the console's stock board).

export type {
  TAccessoryStock,
  TInventoryImportResult,
  TReplenishmentSuggestion,
  TStockLocation,
  TStockSummary,
  TTurnoverReport,
  TVehicleUnit,
};

export interface UnitFilter {
  storeId?: string | undefined;
  trimId?: string | undefined;
  status?: UnitStatus | undefined;
}

export const inventoryKeys = {
  all: ['inventory'] as const,
  units: () => [...inventoryKeys.all, 'units'] as const,
  unitList: (f: UnitFilter) => [...inventoryKeys.units(), f] as const,
  locations: () => [...inventoryKeys.all, 'locations'] as const,
  summary: () => [...inventoryKeys.all, 'summary'] as const,
  turnover: (range: TurnoverRange) => [...inventoryKeys.all, 'turnover', range] as const,
  accessories: () => [...inventoryKeys.all, 'accessories'] as const,
  accessoryList: (f: AccessoryFilter) => [...inventoryKeys.accessories(), f] as const,
  suggestions: () => [...inventoryKeys.all, 'suggestions'] as const,
  suggestionList: (status: SuggestionStatus | undefined) => [...inventoryKeys.suggestions(), status] as const,
};

export interface TurnoverRange {
  from?: string | undefined;
  to?: string | undefined;
}

export interface AccessoryFilter {
  locationId?: string | undefined;
  sku?: string | undefined;
}

export function useUnits(filter: UnitFilter) {
  return useInfiniteQuery({
    queryKey: inventoryKeys.unitList(filter),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TVehicleUnit>>('/inventory/units', {
        query: { ...filter, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStockLocations() {
  return useQuery({
    queryKey: inventoryKeys.locations(),
    staleTime: 60_000,
    queryFn: ({ signal }) => api<{ items: TStockLocation[] }>('/inventory/locations', { signal }),
  });
}

/** Runs a staff action on a unit (receive a car that arrived, deliver a sold one); the board refreshes. */
export function useUnitAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: string; action: (typeof STAFF_UNIT_ACTIONS)[number] }) =>
      api<TVehicleUnit>(`/inventory/units/${encodeURIComponent(req.id)}/${req.action}`, { method: 'POST' }),
    // The summary and alerts count units too.
    onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

/** Stock per store and trim with aged/low flags, and the alert counts (the board's first tab). */
export function useStockSummary() {
  return useQuery({
    queryKey: inventoryKeys.summary(),
    queryFn: ({ signal }) => api<TStockSummary>('/inventory/summary', { signal }),
  });
}

/** Turnover per location and brand (default: the last 90 days). */
export function useTurnover(range: TurnoverRange) {
  return useQuery({
    queryKey: inventoryKeys.turnover(range),
    queryFn: ({ signal }) => api<TTurnoverReport>('/inventory/turnover', { query: { ...range }, signal }),
  });
}

export function useAccessoryStock(filter: AccessoryFilter) {
  return useQuery({
    queryKey: inventoryKeys.accessoryList(filter),
    queryFn: ({ signal }) =>
      api<{ items: TAccessoryStock[] }>('/inventory/accessories', { query: { ...filter }, signal }),
  });
}

/** A receipt, write-off or count of one SKU at one location; the lists and alerts refresh. */
export function useAdjustAccessoryStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: TAdjustAccessoryStockRequest) =>
      api<TAccessoryStock>('/inventory/accessories/adjust', { method: 'POST', body: req }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

export function useSuggestions(status: SuggestionStatus | undefined) {
  return useQuery({
    queryKey: inventoryKeys.suggestionList(status),
    queryFn: ({ signal }) =>
      api<{ items: TReplenishmentSuggestion[] }>('/inventory/suggestions', { query: { status }, signal }),
  });
}

/** Accepts (optionally with the quantity ordered) or dismisses (with a reason) a suggestion. */
export function useDecideSuggestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      req:
        | { id: string; action: 'accept'; quantity?: number }
        | { id: string; action: 'dismiss'; reason: string },
    ) =>
      api<TReplenishmentSuggestion>(`/inventory/suggestions/${encodeURIComponent(req.id)}/${req.action}`, {
        method: 'POST',
        body: req.action === 'accept' ? { quantity: req.quantity } : { reason: req.reason },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

/** Recomputes suggestions now (inventory.configure). */
export function useComputeSuggestions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ opened: number; refreshed: number }>('/inventory/suggestions/compute', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

/** Imports units or accessory counts from a CSV or XLSX file; `dryRun` checks and counts only. */
export function useImportStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: { kind: ImportKind; file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api<TInventoryImportResult>(`/inventory/import/${kind}`, {
        method: 'POST',
        query: { dryRun: dryRun || undefined },
        body: form,
      });
    },
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: inventoryKeys.all });
    },
  });
}
