import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { setListingPopularity } from '../listings/index.js';
import { popularityChanged } from './search.caches.js';
import { prunePopularQueries } from './search.popular.js';
import * as buyerRepo from './search.saved.repository.js';

// Detail-page views and the popularity they add up to (the "popular" sort). Views live in the
// catalog_listing_views table; each app process only holds the ones it has not written yet.

/**
 * Anonymous views only feed popularity (refreshed every few minutes), so each app buffers them and writes
 * them in batches rather than one INSERT per page view: at VIEW_BATCH, VIEW_FLUSH_MS after the first, on
 * the popularity job and on app close.
 */
const viewBuffers = new WeakMap<AppContext, { id: string; listingId: string; viewedAt: Date }[]>();
const VIEW_BATCH = 200;
const VIEW_FLUSH_MS = 1_000;

/** Counts one view of a public vehicle (buffered by this app). */
export async function recordView(ctx: AppContext, listingId: string, now: Date): Promise<void> {
  let buffer = viewBuffers.get(ctx);
  if (!buffer) {
    buffer = [];
    viewBuffers.set(ctx, buffer);
  }
  buffer.push({ id: newId('lvw'), listingId, viewedAt: now });
  if (buffer.length >= VIEW_BATCH) await flushListingViews(ctx);
  else if (buffer.length === 1)
    setTimeout(() => void flushListingViews(ctx).catch(() => undefined), VIEW_FLUSH_MS).unref();
}

/** Writes this app's buffered views (the popularity job and app close call it too). */
export async function flushListingViews(ctx: AppContext): Promise<void> {
  const buffer = viewBuffers.get(ctx);
  if (!buffer || buffer.length === 0) return;
  const batch = buffer.splice(0, buffer.length);
  await buyerRepo.insertViews(ctx.database.db, batch);
}

const POPULAR_QUERIES_KEEP_DAYS = 30;
const POPULAR_QUERIES_KEEP = 5_000;

/**
 * Job: popularity = views in the last 30 days (search rows and listings), old views pruned; popular
 * queries not searched for 30 days pruned. Other processes' buffers reach the table within VIEW_FLUSH_MS.
 */
export async function refreshPopularity(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  await flushListingViews(ctx);
  const { counts, changed } = await buyerRepo.refreshPopularity(db, now);
  // The listings keep the same count, so a rebuild of the read model starts from it.
  await setListingPopularity(db, counts);
  await prunePopularQueries(
    ctx,
    new Date(now.getTime() - POPULAR_QUERIES_KEEP_DAYS * 86_400_000),
    POPULAR_QUERIES_KEEP,
  );
  if (changed > 0) await popularityChanged(ctx);
  return changed;
}
