import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TStockLocation, TVehicleUnit } from '../../../server/modules/inventory/inventory.contract.js';
import type { STAFF_UNIT_ACTIONS, UnitStatus } from '../../../server/modules/inventory/inventory.enums.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the inventory module: vehicle units by VIN at stock locations (the console's stock board).

export type { TStockLocation, TVehicleUnit };

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
};

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
    onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.units() }),
  });
}
