import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TSalesForecast,
  TSeriesSalesForecast,
} from '../../../server/modules/analytics/analytics.forecast.contract.js';
import { api } from '../api.js';

// Data hooks for the sales forecast (/api/v1/analytics/forecast).

export type { TSalesForecast, TSeriesSalesForecast };

export const forecastKeys = {
  all: ['analytics-forecast'] as const,
  current: () => [...forecastKeys.all, 'current'] as const,
};

export function useSalesForecast() {
  return useQuery({
    queryKey: forecastKeys.current(),
    queryFn: ({ signal }) => api<TSalesForecast>('/analytics/forecast', { signal }),
  });
}

/** Asks for a recompute now (the job runs in the background; the page refreshes after a moment). */
export function useRecomputeForecast() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ enqueued: boolean }>('/analytics/forecast/run', { method: 'POST' }),
    onSuccess: () => {
      setTimeout(() => void qc.invalidateQueries({ queryKey: forecastKeys.all }), 3000);
    },
  });
}
