import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { TrafficChannel } from '../../../server/kernel/attribution.contract.js';
import type {
  DashboardMetric,
  TDashboard,
  TDashboardQuery,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import { api } from '../api.js';
import { currentLang } from '../i18n.js';

// Data hooks of the analytics dashboard (/api/v1/analytics): the dashboard, the list behind a card, and the
// marketing spend entries. The server scopes dealer staff to their own dealer.

export const analyticsKeys = {
  all: ['analytics'] as const,
  // The answers carry names in the request's language (series, brands): the language is part of the key.
  dashboard: (q: TDashboardQuery, lang: string) => [...analyticsKeys.all, 'dashboard', q, lang] as const,
  drill: (metric: string, q: TDashboardQuery, lang: string) =>
    [...analyticsKeys.all, 'drill', metric, q, lang] as const,
  spend: () => [...analyticsKeys.all, 'spend'] as const,
};

/** The dashboard for a range and filters; the previous figures stay on screen while new ones load. */
export function useDashboard(query: TDashboardQuery, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.dashboard(query, currentLang()),
    queryFn: () => api<TDashboard>('/analytics/dashboard', { query: { ...query } }),
    enabled,
    placeholderData: keepPreviousData,
    // Before the first rollup refresh (a fresh install, a server just started) ask again until figures come.
    refetchInterval: (q) => (q.state.data && q.state.data.refreshedAt === null ? 15_000 : false),
  });
}

/**
 * One row behind a card. The drill-down answers rows of several kinds (orders, leads, visitors…); the
 * screen shows the fields it knows and never an id.
 */
export interface DrillRow {
  /** The analytics fact behind the row (GET /analytics/drill answers facts: order placed, refund, lead…). */
  factId?: string;
  id?: string;
  kind?: string | null;
  label?: string | null;
  orderNumber?: string | null;
  /** Brand and series name in the request's language. */
  vehicle?: string | null;
  time?: string | null;
  occurredAt?: string | null;
  amountFen?: number | null;
  cityCode?: string | null;
  dealerId?: string | null;
  channel?: string | null;
  [key: string]: unknown;
}

export interface DrillPage {
  items: DrillRow[];
  nextCursor: string | null;
}

/** Accepts a page `{items, nextCursor}` or a bare array (the drill answer's shape is the metrics module's). */
function asDrillPage(body: unknown): DrillPage {
  if (Array.isArray(body)) return { items: body as DrillRow[], nextCursor: null };
  if (body && typeof body === 'object') {
    const b = body as { items?: unknown; rows?: unknown; nextCursor?: unknown };
    const items = Array.isArray(b.items) ? b.items : Array.isArray(b.rows) ? b.rows : [];
    return { items: items as DrillRow[], nextCursor: typeof b.nextCursor === 'string' ? b.nextCursor : null };
  }
  return { items: [], nextCursor: null };
}

export function useDrill(metric: DashboardMetric | null, query: TDashboardQuery) {
  return useInfiniteQuery({
    queryKey: analyticsKeys.drill(metric ?? '', query, currentLang()),
    enabled: metric !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asDrillPage(
        await api<unknown>('/analytics/drill', {
          query: { metric: metric ?? '', ...query, cursor: pageParam, limit: 20 },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// ---- marketing spend ----

export interface SpendEntry {
  id: string;
  channel: TrafficChannel;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  note: string | null;
  createdAt?: string;
}

export interface SpendInput {
  channel: TrafficChannel;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  note?: string;
}

/** The spend entries, newest period first (a page `{items}` or a bare array). */
export function useSpendEntries(enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.spend(),
    enabled,
    queryFn: async () => {
      const body = await api<unknown>('/analytics/spend', { query: { limit: 100 } });
      const items = Array.isArray(body) ? body : ((body as { items?: unknown })?.items ?? []);
      return (items as SpendEntry[])
        .slice()
        .sort((a, b) => b.periodStart.localeCompare(a.periodStart) || a.channel.localeCompare(b.channel));
    },
  });
}

/** Spend changes CAC and ROI: the dashboard is asked again after each change. */
export function useAddSpend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: SpendInput; idempotencyKey: string }) =>
      api<SpendEntry>('/analytics/spend', { method: 'POST', body: input, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}

export function useDeleteSpend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<unknown>(`/analytics/spend/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}
