import type { AppContext } from '../../kernel/context.js';
import * as buyerRepo from './search.saved.repository.js';
import { normalizeText } from './search.tokens.js';

// "Popular queries" for suggestions: searches that found vehicles, counted in catalog_popular_queries by
// every app process. Each app adds its counts in batches and reads the most frequent now and then; its
// own searches show up in its suggestions at once.

const QUERY_MAX_LENGTH = 40;
/** Distinct queries an app buffers before writing them (else QUERY_FLUSH_MS after the first). */
const QUERY_BATCH = 100;
const QUERY_FLUSH_MS = 5_000;
/** How many of the most searched queries suggestions consider, and how long that list is reused. */
const MAX_POPULAR_QUERIES = 500;
const SNAPSHOT_TTL_MS = 60_000;

class PopularQueries {
  /** Counts not yet written. */
  readonly pending = new Map<string, { count: number; lastSearchedAt: Date }>();
  /** The most searched queries as last read, plus this app's counts since. */
  snapshot = new Map<string, number>();
  loadedAt = Number.NEGATIVE_INFINITY;
  loading: Promise<void> | null = null;
  timer: NodeJS.Timeout | null = null;
}

const byContext = new WeakMap<AppContext, PopularQueries>();

function stateOf(ctx: AppContext): PopularQueries {
  let state = byContext.get(ctx);
  if (!state) {
    state = new PopularQueries();
    byContext.set(ctx, state);
  }
  return state;
}

/** Counts a search query that found vehicles (buffered; written in batches). */
export function recordQuery(ctx: AppContext, query: string, now: Date): void {
  const q = normalizeText(query).trim();
  if (q.length === 0 || q.length > QUERY_MAX_LENGTH) return;
  const state = stateOf(ctx);
  const pending = state.pending.get(q);
  if (pending) {
    pending.count++;
    pending.lastSearchedAt = now;
  } else {
    state.pending.set(q, { count: 1, lastSearchedAt: now });
  }
  addToSnapshot(state.snapshot, q, 1);
  if (state.pending.size >= QUERY_BATCH) {
    void flushPopularQueries(ctx).catch(() => undefined);
  } else if (!state.timer) {
    state.timer = setTimeout(() => {
      state.timer = null;
      void flushPopularQueries(ctx).catch(() => undefined);
    }, QUERY_FLUSH_MS);
    state.timer.unref();
  }
}

/** Bounded like the list read from the table: the rarest query other than `q` makes room. */
function addToSnapshot(snapshot: Map<string, number>, q: string, n: number): void {
  snapshot.set(q, (snapshot.get(q) ?? 0) + n);
  if (snapshot.size <= MAX_POPULAR_QUERIES) return;
  let rarest: string | undefined;
  let min = Number.POSITIVE_INFINITY;
  for (const [k, v] of snapshot) {
    if (k !== q && v < min) {
      min = v;
      rarest = k;
    }
  }
  if (rarest !== undefined) snapshot.delete(rarest);
}

/** Writes this app's buffered counts (also on app close). */
export async function flushPopularQueries(ctx: AppContext): Promise<void> {
  const state = byContext.get(ctx);
  if (!state || state.pending.size === 0) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  const batch = [...state.pending].map(([query, p]) => ({ query, ...p }));
  state.pending.clear();
  await buyerRepo.addQueryCounts(ctx.database.db, batch);
}

/** The most searched queries with their counts, across every process (reread every SNAPSHOT_TTL_MS). */
export async function popularQueries(ctx: AppContext): Promise<ReadonlyMap<string, number>> {
  const state = stateOf(ctx);
  if (Date.now() - state.loadedAt >= SNAPSHOT_TTL_MS) {
    state.loading ??= (async () => {
      try {
        const rows = await buyerRepo.topQueries(ctx.database.db, MAX_POPULAR_QUERIES);
        const snapshot = new Map(rows.map((r) => [r.query, r.count]));
        // Counts not written yet are not in the table.
        for (const [q, p] of state.pending) addToSnapshot(snapshot, q, p.count);
        state.snapshot = snapshot;
        state.loadedAt = Date.now();
      } catch {
        // Suggestions go on with the last list (and the dictionary); the next call reads again.
      } finally {
        state.loading = null;
      }
    })();
    await state.loading;
  }
  return state.snapshot;
}

/** Job: forgets queries not searched since `before`, and all but the `keep` most searched. */
export async function prunePopularQueries(ctx: AppContext, before: Date, keep: number): Promise<void> {
  await flushPopularQueries(ctx);
  await buyerRepo.prunePopularQueries(ctx.database.db, before, keep);
}
