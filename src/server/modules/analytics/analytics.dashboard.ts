import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import { TRAFFIC_CHANNELS } from '../../kernel/attribution.contract.js';
import { addDays, localDatesBetween, shanghaiDayStart } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { seriesWithBrandNames } from '../catalog/index.js';
import { stockSnapshot } from '../inventory/index.js';
import { faqDeflectionBetween } from '../leads/index.js';
import {
  DASHBOARD_METRICS,
  type DashboardSource,
  FUNNEL_STAGES,
  type TDashboard,
  type TDashboardQuery,
  type TMetricCard,
} from './analytics.dashboard.contract.js';
import * as read from './analytics.dashboard.repository.js';
import { METRIC_DEFS, type PeriodFigures, TREND_METRICS } from './analytics.metrics.js';
import { rollupsRefreshedAt } from './analytics.rollups.js';
import { spendByChannel } from './analytics.spend.js';

// The dashboard: every figure of the console home (and the dealer portal's), computed from the rollup tables
// for a range and its previous period, scoped to one dealer for dealer staff. docs/metrics.md defines each.

const DAY_MS = 86_400_000;
/** Longest range a request may ask for (a year and a leap day). */
export const MAX_RANGE_DAYS = 366;

/** The days of a range, refused when it is longer than MAX_RANGE_DAYS. */
export function daysOf(from: string, to: string): string[] {
  const days = localDatesBetween(from, to, MAX_RANGE_DAYS);
  if (!days) throw new AppError('ANALYTICS_RANGE_TOO_LONG');
  return days;
}

/** The same number of days just before the range. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const n = daysOf(from, to).length;
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** The dealer a request is about: dealer staff always their own (another dealer's id is refused). */
export function effectiveDealer(requested: string | undefined, scopeDealerId: string | null): string | null {
  if (scopeDealerId === null) return requested ?? null;
  if (requested && requested !== scopeDealerId) throw new AppError('ANALYTICS_DEALER_FORBIDDEN');
  return scopeDealerId;
}

function sumDays(byDay: Map<string, Map<string, number>>, from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [day, metrics] of byDay) {
    if (day < from || day > to) continue;
    for (const [m, v] of metrics) out.set(m, (out.get(m) ?? 0) + v);
  }
  return out;
}

/**
 * Computes the dashboard for a query (DashboardSource plus the database handle): rollups only, about ten
 * queries. `scope.dealerId` (dealer staff) overrides the query's dealer; names come in `scope.lang`.
 */
export async function computeDashboard(
  db: DbHandle,
  query: TDashboardQuery,
  scope: { dealerId: string | null; lang: 'zh-CN' | 'en' },
  now: Date = new Date(),
): Promise<TDashboard> {
  // Figures change only when the rollups refresh (once a minute) or spend is entered: a dashboard computed
  // under the same stamp is served again, so a page load after the first is one small query.
  const stamp = await read.dashboardStamp(db);
  const key = JSON.stringify([
    query.from,
    query.to,
    query.cityCode,
    query.brandId,
    query.dealerId,
    query.channel,
    scope,
  ]);
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(key);
  if (hit && hit.stamp === stamp) return hit.value;
  const value = await computeFresh(db, query, scope, now);
  if (perDb.size >= CACHE_ENTRIES) {
    const oldest = perDb.keys().next().value;
    if (oldest !== undefined) perDb.delete(oldest);
  }
  perDb.set(key, { stamp, value });
  return value;
}

const CACHE_ENTRIES = 500;
const cache = new WeakMap<DbHandle, Map<string, { stamp: string; value: TDashboard }>>();

async function computeFresh(
  db: DbHandle,
  query: TDashboardQuery,
  scope: { dealerId: string | null; lang: 'zh-CN' | 'en' },
  now: Date,
): Promise<TDashboard> {
  const days = daysOf(query.from, query.to);
  const cur = { from: query.from, to: query.to };
  const prev = previousRange(query.from, query.to);
  const dealerId = effectiveDealer(query.dealerId, scope.dealerId);
  const filter: read.RollupFilter = {
    cityCode: query.cityCode,
    brandId: query.brandId,
    dealerId,
    channel: query.channel,
  };
  // Spend, stock and the FAQ bot are platform-wide (or dealer-wide for stock): they do not split by the
  // other filters, so with those filters their cards are empty rather than wrong.
  const spendApplies = !query.cityCode && !query.brandId && !dealerId;
  const stockApplies = !query.cityCode && !query.brandId && !query.channel;
  const botApplies = spendApplies && !query.channel;

  const windows = {
    wau: { from: addDays(cur.to, -6), to: cur.to },
    prevWau: { from: addDays(prev.to, -6), to: prev.to },
    mau: { from: addDays(cur.to, -29), to: cur.to },
    prevMau: { from: addDays(prev.to, -29), to: prev.to },
  };
  const both = { from: prev.from, to: cur.to };
  const [byDay, people, perDay, buyers, breakdown, visitors, retention, refreshedAt] = await Promise.all([
    read.dailyMetrics(db, both, filter),
    read.peopleFigures(db, cur, prev, windows, filter),
    read.dailyPeople(db, both, filter),
    read.buyerFigures(db, cur, prev, filter),
    read.breakdowns(db, cur, filter),
    read.visitorsBy(db, cur, filter),
    read.retentionRows(db, cur, filter),
    rollupsRefreshedAt(db),
  ]);
  const [spendCur, spendPrev] = spendApplies
    ? await Promise.all([spendByChannel(db, cur.from, cur.to), spendByChannel(db, prev.from, prev.to)])
    : [new Map<string, number>(), new Map<string, number>()];
  const stock = stockApplies ? await stockSnapshot(db, now, dealerId) : null;
  const rangeStart = (r: { from: string; to: string }) => shanghaiDayStart(r.from);
  const rangeEnd = (r: { from: string; to: string }) => new Date(shanghaiDayStart(r.to).getTime() + DAY_MS);
  const [botCur, botPrev] = botApplies
    ? await Promise.all([
        faqDeflectionBetween(db, rangeStart(cur), rangeEnd(cur)),
        faqDeflectionBetween(db, rangeStart(prev), rangeEnd(prev)),
      ])
    : [null, null];

  const dauOf = (r: { from: string; to: string }) => {
    const n = daysOf(r.from, r.to).length;
    let total = 0;
    for (const [day, v] of perDay) if (day >= r.from && day <= r.to) total += v.active;
    return Math.round(total / n);
  };
  const channelFilter = (m: Map<string, number>) =>
    query.channel ? (m.get(query.channel) ?? 0) : [...m.values()].reduce((a, b) => a + b, 0);
  const newPaying = (which: 'cur' | 'prev') => {
    let n = 0;
    for (const [ch, v] of buyers.newPaying) if (!query.channel || ch === query.channel) n += v[which];
    return n;
  };
  const current: PeriodFigures = {
    sums: sumDays(byDay, cur.from, cur.to),
    uv: people.uv,
    stages: people.stages,
    dau: dauOf(cur),
    wau: people.wau,
    mau: people.mau,
    buyers: buyers.buyers,
    repeatBuyers: buyers.repeat,
    newPayingCustomers: newPaying('cur'),
    spendFen: spendApplies ? channelFilter(spendCur) : null,
    onHand: stock ? stock.onHand : null,
    agedStock: stock ? stock.agedOver60 : null,
    bot: botCur,
  };
  const previous: PeriodFigures = {
    sums: sumDays(byDay, prev.from, prev.to),
    uv: people.prevUv,
    stages: people.prevStages,
    dau: dauOf(prev),
    wau: people.prevWau,
    mau: people.prevMau,
    buyers: buyers.prevBuyers,
    repeatBuyers: buyers.prevRepeat,
    newPayingCustomers: newPaying('prev'),
    spendFen: spendApplies ? channelFilter(spendPrev) : null,
    // Stock is a snapshot of now: there is no stock figure for the previous period.
    onHand: null,
    agedStock: null,
    bot: botPrev,
  };

  const cards: TMetricCard[] = DASHBOARD_METRICS.map((metric) => {
    const def = METRIC_DEFS[metric];
    return {
      metric,
      unit: def.unit,
      value: def.value(current),
      previous: def.value(previous),
      drill: def.drill ? `/api/v1/analytics/drill?metric=${metric}` : null,
    };
  });

  const trendValue = (metric: (typeof TREND_METRICS)[number], day: string): number => {
    if (metric === 'uv') return perDay.get(day)?.uv ?? 0;
    if (metric === 'dau') return perDay.get(day)?.active ?? 0;
    const key = metric === 'new_users' ? 'new_users' : metric;
    return byDay.get(day)?.get(key) ?? 0;
  };

  const cityRows = new Map<string, { visitors: number; orders: number; gmvFen: number }>();
  const seriesRows = new Map<string, { views: number; orders: number; gmvFen: number }>();
  const channelRows = new Map<string, { visitors: number; orders: number; gmvFen: number }>();
  for (const b of breakdown) {
    if (!b.key) continue;
    if (b.by === 'city') {
      const r = cityRows.get(b.key) ?? { visitors: 0, orders: 0, gmvFen: 0 };
      if (b.metric === 'orders') r.orders = b.value;
      if (b.metric === 'gmv') r.gmvFen = b.value;
      if (b.metric !== 'vehicle_views') cityRows.set(b.key, r);
    } else if (b.by === 'series') {
      const r = seriesRows.get(b.key) ?? { views: 0, orders: 0, gmvFen: 0 };
      if (b.metric === 'orders') r.orders = b.value;
      if (b.metric === 'gmv') r.gmvFen = b.value;
      if (b.metric === 'vehicle_views') r.views = b.value;
      seriesRows.set(b.key, r);
    } else {
      const r = channelRows.get(b.key) ?? { visitors: 0, orders: 0, gmvFen: 0 };
      if (b.metric === 'orders') r.orders = b.value;
      if (b.metric === 'gmv') r.gmvFen = b.value;
      channelRows.set(b.key, r);
    }
  }
  for (const [city, n] of visitors.cities) {
    if (!city) continue;
    const r = cityRows.get(city) ?? { visitors: 0, orders: 0, gmvFen: 0 };
    r.visitors = n;
    cityRows.set(city, r);
  }

  const top = [...seriesRows.entries()]
    .sort((a, b) => b[1].gmvFen - a[1].gmvFen || b[1].orders - a[1].orders || b[1].views - a[1].views)
    .slice(0, 10);
  const names = new Map(
    (
      await seriesWithBrandNames(
        db,
        top.map(([id]) => id),
      )
    ).map((s) => [s.id, scope.lang === 'en' ? `${s.brandNameEn} ${s.nameEn}` : `${s.brandName} ${s.name}`]),
  );

  // Retention: every cohort week of the range, the weeks after it up to the week of `to`.
  const cohortSizes = new Map<string, number>();
  const retained = new Map<string, number>();
  for (const r of retention) {
    if (r.week === null) cohortSizes.set(r.cohort, r.n);
    else retained.set(`${r.cohort}|${r.week}`, r.n);
  }
  const lastWeek = mondayOf(cur.to);
  const cohorts = [...cohortSizes.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([cohortWeek, size]) => {
      const weeks: number[] = [];
      for (let w = addDays(cohortWeek, 7); w <= lastWeek; w = addDays(w, 7))
        weeks.push(retained.get(`${cohortWeek}|${w}`) ?? 0);
      return { cohortWeek, size, retained: weeks };
    });

  return {
    range: cur,
    previousRange: prev,
    dealerId,
    refreshedAt: refreshedAt ? refreshedAt.toISOString() : null,
    cards,
    trend: {
      days,
      series: TREND_METRICS.map((metric) => ({ metric, values: days.map((d) => trendValue(metric, d)) })),
    },
    funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, count: people.stages[i] ?? 0 })),
    retention: cohorts,
    cities: [...cityRows.entries()]
      .map(([cityCode, r]) => ({ cityCode, ...r }))
      .sort((a, b) => b.gmvFen - a.gmvFen || b.visitors - a.visitors || a.cityCode.localeCompare(b.cityCode)),
    topVehicles: top.map(([seriesId, r]) => ({ seriesId, name: names.get(seriesId) ?? seriesId, ...r })),
    channels: TRAFFIC_CHANNELS.filter((c) => !query.channel || c === query.channel).map(
      (channel: TrafficChannel) => ({
        channel,
        visitors: visitors.channels.get(channel) ?? 0,
        orders: channelRows.get(channel)?.orders ?? 0,
        gmvFen: channelRows.get(channel)?.gmvFen ?? 0,
        spendFen: spendCur.get(channel) ?? 0,
      }),
    ),
  };
}

/** The Monday (ISO week start) of a day. */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** computeDashboard bound to a database handle, as the DashboardSource the review reports take. */
export function dashboardSource(
  db: DbHandle,
  clock: { now(): Date } = { now: () => new Date() },
): DashboardSource {
  return (query, scope) => computeDashboard(db, query, scope, clock.now());
}

export { addDays };
