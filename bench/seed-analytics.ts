// Bulk analytics history for the dashboard bench: `seedBenchAnalytics(db, 5_000_000)` writes a year of raw events
// (with their sessions, visitor links and business facts) through the same generator as the demo seed, ids
// prefixed `bench`, facts' source ids `bench:<n>`. Over the demo listings when there are any (names resolve),
// else over a synthetic market. Chunks of 4,000 sessions (~20,000 events) per statement, one JSON parameter each.
//
// Standalone: `DATABASE_URL=postgres://... npx tsx bench/seed-analytics.ts [events]` migrates and seeds, printing
// rows/s. Meant for PostgreSQL; PGlite manages roughly a tenth of the rate.
import { pathToFileURL } from 'node:url';
import type { Db } from '../src/server/kernel/db/client.js';
import {
  generateAnalyticsHistory,
  type HistoryCounts,
  type HistoryListing,
  loadHistoryMarket,
} from '../src/server/modules/analytics/analytics.history.js';

/** Raw events per base session of the generator (measured: bounces, paths and the calendar's factors). */
const EVENTS_PER_BASE_SESSION_DAY = 4.69;

function syntheticMarket(): HistoryListing[] {
  const cities = ['110100', '310100', '440100', '440300', '510100', '330100', '420100', '320100'];
  const out: HistoryListing[] = [];
  for (let i = 0; i < 400; i++) {
    out.push({
      listingId: `lst_bench_hist${i}`,
      trimId: `trm_bench${i % 160}`,
      seriesId: `ser_bench${i % 40}`,
      brandId: `brd_bench${i % 12}`,
      dealerId: `dlr_bench${i % 30}`,
      cityCode: cities[i % cities.length] as string,
      priceFen: 9_000_000 + ((i * 7919) % 35) * 1_000_000,
    });
  }
  return out;
}

/** Writes about `events` raw events over the year ending `endDay`; returns the counts and the time taken. */
export async function seedBenchAnalytics(
  db: Db,
  events: number,
  endDay = '2026-11-30',
): Promise<HistoryCounts & { ms: number; eventsPerSecond: number }> {
  const t0 = performance.now();
  const demo = await loadHistoryMarket(db);
  const market = demo.length > 0 ? demo : syntheticMarket();
  const sessionsPerDay = Math.max(1, Math.round(events / 365 / EVENTS_PER_BASE_SESSION_DAY));
  const counts = await generateAnalyticsHistory(db, {
    seed: 5_000_000,
    days: 365,
    endDay,
    sessionsPerDay,
    // Car orders scale with traffic (the demo: 6 a day on 90 sessions).
    ordersPerDay: Math.max(1, Math.round((sessionsPerDay * 6) / 90)),
    market,
    prefix: 'bench',
    chunk: 4000,
  });
  const ms = performance.now() - t0;
  return { ...counts, ms, eventsPerSecond: Math.round(counts.events / (ms / 1000)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { openDatabase } = await import('../src/server/kernel/db/client.js');
  const { migrate } = await import('../src/server/kernel/db/migrate.js');
  const events = Number(process.argv[2] ?? 5_000_000);
  const database = await openDatabase({ url: process.env.DATABASE_URL });
  await migrate(database);
  const r = await seedBenchAnalytics(database.db, events);
  const rows = r.events + r.sessions + r.facts + r.accounts;
  process.stdout.write(
    `${JSON.stringify({ backend: database.backend, events: r.events, sessions: r.sessions, facts: r.facts, seconds: Math.round(r.ms / 100) / 10, eventsPerSecond: r.eventsPerSecond, rowsPerSecond: Math.round(rows / (r.ms / 1000)) })}\n`,
  );
  await database.close();
}
