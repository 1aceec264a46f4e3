import { sql } from 'drizzle-orm';
import { addDays, shanghaiDay } from '../../src/server/kernel/clock.js';
import { refreshRollups } from '../../src/server/modules/analytics/index.js';
import { createTestStaff } from '../../src/server/modules/identity/index.js';
import type { Scenario } from '../scenarios.js';
import { seedBenchAnalytics } from '../seed-analytics.js';

/** The bench history: a year of raw events ending yesterday (BENCH_ANALYTICS_EVENTS, 5 million by default). */
const EVENTS = Number(process.env.BENCH_ANALYTICS_EVENTS ?? 5_000_000);

/**
 * The operations dashboard over a year of history: GET /api/v1/analytics/dashboard with the date ranges and
 * filters operators pick (presets and custom ranges x city, channel, brand, dealer), each request a distinct
 * query in turn, read from the rollup tables. Seeds the history and builds the rollups once per database
 * (a second run on the same DATABASE_URL reuses them).
 */
export const dashboard: Scenario = {
  name: 'dashboard',
  description: `GET /api/v1/analytics/dashboard over ${EVENTS.toLocaleString('en')} raw events (rollups), distinct ranges and filters`,
  connections: 10,
  onlyWhenNamed: true,
  async prepare(ctx) {
    const db = ctx.database.db;
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const [have] = (
      (await db.execute(
        sql`select count(*)::int as n from analytics_events where id like 'bench%'`,
      )) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    if ((have?.n ?? 0) < EVENTS * 0.9) {
      const seeded = await seedBenchAnalytics(db, EVENTS, addDays(today, -1));
      process.stderr.write(
        `dashboard: seeded ${seeded.events} events in ${Math.round(seeded.ms / 1000)} s\n`,
      );
      const t0 = performance.now();
      await refreshRollups(db, now, { full: true });
      process.stderr.write(`dashboard: rollups built in ${Math.round((performance.now() - t0) / 1000)} s\n`);
    }
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    const dims = (
      (await db.execute(
        sql`select distinct city_code, brand_id, dealer_id from analytics_daily_metrics
          where day > ${addDays(today, -30)}::date and city_code <> '' and brand_id <> '' and dealer_id <> '' limit 40`,
      )) as unknown as { rows: { city_code: string; brand_id: string; dealer_id: string }[] }
    ).rows;
    const ranges: [string, string][] = [
      [addDays(today, -7), addDays(today, -1)],
      [addDays(today, -30), addDays(today, -1)],
      [addDays(today, -90), addDays(today, -1)],
      [`${today.slice(0, 7)}-01`, today],
    ];
    // Custom ranges a person drags on the picker: a different start each time.
    for (let i = 0; i < 20; i++) ranges.push([addDays(today, -35 - i * 3), addDays(today, -5 - i)]);
    const channels = ['seo', 'sem', 'social', 'kol', 'partner', 'direct'];
    const paths: string[] = [];
    for (const [from, to] of ranges) {
      const base = `/api/v1/analytics/dashboard?from=${from}&to=${to}`;
      paths.push(base);
      for (const c of channels) paths.push(`${base}&channel=${c}`);
      for (const d of dims.slice(0, 8)) {
        paths.push(`${base}&cityCode=${d.city_code}`);
        paths.push(`${base}&brandId=${d.brand_id}`);
        paths.push(`${base}&dealerId=${d.dealer_id}`);
      }
    }
    return {
      method: 'GET',
      path: paths[0] ?? '/api/v1/analytics/dashboard',
      paths,
      headers: operator.bearer,
    };
  },
};
