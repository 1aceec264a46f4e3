import type { AppContext } from '../../kernel/context.js';
import {
  DASHBOARD_METRICS,
  type DashboardSource,
  type TDashboard,
  type TDashboardQuery,
} from './analytics.dashboard.contract.js';
import { dashboardSource } from './analytics.dashboard.js';
import { addDays } from './analytics.reviews.periods.js';

// Where the review reports take their figures from: the dashboard (computeDashboard, from the rollup tables),
// or a hand-built one in tests.

const overrides = new WeakMap<AppContext, DashboardSource>();

/** Replaces the source for one app context (tests pass a hand-built dashboard). */
export function useDashboardSource(ctx: AppContext, source: DashboardSource): void {
  overrides.set(ctx, source);
}

/** The dashboard source the review jobs and routes of an app context use. */
export function dashboardSourceFor(ctx: AppContext): DashboardSource {
  return overrides.get(ctx) ?? defaultSource(ctx);
}

const defaultSource = (ctx: AppContext): DashboardSource => dashboardSource(ctx.database.db, ctx.clock);

/** A dashboard with no figures: every card null, empty funnel stages, no rankings. */
export const emptyDashboardSource: DashboardSource = async (query, scope) =>
  emptyDashboard(query, scope.dealerId);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function emptyDashboard(query: TDashboardQuery, dealerId: string | null): TDashboard {
  const length = daysBetween(query.from, query.to);
  const days = Array.from({ length }, (_, i) => addDays(query.from, i));
  return {
    range: { from: query.from, to: query.to },
    previousRange: { from: addDays(query.from, -length), to: addDays(query.from, -1) },
    dealerId,
    refreshedAt: null,
    cards: DASHBOARD_METRICS.map((metric) => ({
      metric,
      unit: 'count' as const,
      value: null,
      previous: null,
      drill: null,
    })),
    trend: { days, series: [] },
    funnel: [],
    retention: [],
    cities: [],
    topVehicles: [],
    channels: [],
  };
}
