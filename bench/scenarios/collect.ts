import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/server/kernel/context.js';
import { ensureEventPartitions } from '../../src/server/modules/analytics/analytics.partitions.js';
import type { Scenario } from '../scenarios.js';

/** Events per request, as the web client sends them (it flushes at 20). */
export const COLLECT_BATCH = 20;
/** Distinct batches: more than a run sends, so every request inserts new rows (no dedup shortcut). */
const BATCHES = 8_000;
const VISITORS = 1_500;
const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const NAMES = [
  'page_view',
  'page_view',
  'page_view',
  'view_vehicle',
  'search',
  'compare',
  'favourite',
] as const;
const PATHS = ['/', '/cars', '/cars?brand=byd', '/vehicles/lst_1', '/guide', '/compare'] as const;

let startedAt = 0;

/**
 * Ingestion: `POST /api/v1/analytics/collect` with 20-event batches from 1,500 visitors (phone user agent, so
 * nothing is filtered as a bot), each batch new (events/s = req/s x 20). Each request validates, strips props,
 * inserts 20 rows in one statement and upserts the session in another.
 */
export const collect: Scenario = {
  name: 'collect',
  description: `POST /api/v1/analytics/collect, ${COLLECT_BATCH} events per request (events/s = req/s x ${COLLECT_BATCH})`,
  connections: 50,
  async prepare(ctx: AppContext) {
    const now = ctx.clock.now();
    await ensureEventPartitions(ctx.database.db, now);
    startedAt = now.getTime();
    const run = now.getTime().toString(36);
    const variants = Array.from({ length: BATCHES }, (_, n) => {
      const visitor = n % VISITORS;
      const base = now.getTime() - 50 * 60_000 + Math.floor(n / VISITORS) * 60_000;
      const events = Array.from({ length: COLLECT_BATCH }, (_, i) => {
        const name = NAMES[(n + i) % NAMES.length] ?? 'page_view';
        return {
          id: `bench_${run}_${n}_${i}`,
          name,
          occurredAt: new Date(base + i * 1_000).toISOString(),
          path: PATHS[(n + i) % PATHS.length]?.split('?')[0],
          ...(name === 'view_vehicle'
            ? { listingId: `lst_${(n * 7 + i) % 500}`, seriesId: `ser_${(n + i) % 40}`, cityCode: '310100' }
            : {}),
          props: name === 'search' ? { query: '比亚迪 汉', words: 2, results: 37 } : {},
        };
      });
      return {
        body: JSON.stringify({
          visitorId: `vis_${run}_${visitor}`,
          sessionId: `ses_${run}_${visitor}`,
          consent: true,
          source: { utmSource: 'baidu', utmMedium: visitor % 3 === 0 ? 'cpc' : null, referrer: null },
          events,
        }),
      };
    });
    return {
      method: 'POST',
      path: '/api/v1/analytics/collect',
      headers: { 'user-agent': PHONE_UA },
      body: variants[0]?.body ?? '',
      variants,
    };
  },
  async verify(ctx) {
    const result = (await ctx.database.db.execute(sql`
      select (select count(*) from analytics_events where received_at >= ${new Date(startedAt).toISOString()})::int as events,
             (select count(*) from analytics_sessions)::int as sessions,
             (select count(*) from analytics_events where ip_prefix is not null and ip_prefix not like '%.0/24' and ip_prefix not like '%::/48')::int as untruncated`)) as unknown as {
      rows: { events: number; sessions: number; untruncated: number }[];
    };
    const r = result.rows[0] ?? { events: 0, sessions: 0, untruncated: -1 };
    return {
      ok: r.events > 0 && r.untruncated === 0,
      lines: [`${r.events} events stored in ${r.sessions} sessions; ${r.untruncated} untruncated IPs`],
    };
  },
};
