import type { AppContext } from '../../kernel/context.js';
import { type TrimPricingFacts, trimPricingFacts } from '../catalog/index.js';
import { type ListingPricingFacts, listingPricingFacts } from '../listings/index.js';

// What a listing's quote is computed from (the listing's price and trim, the trim's tax facts), kept in memory
// for the vehicle page's previews, which recompute on every choice a buyer makes. Dropped for a listing when
// its change event reaches this module (the same moment the search index and the vehicle page learn of it),
// for every listing when a trim changes, here and in other processes through the cache bus; the TTL bounds the
// rest. A stored quote never reads from here: it reads the listing as it is now.

export const FACTS_TTL_MS = 60_000;
export const FACTS_CACHE_MAX = 5_000;
const CHANNEL = 'pricing.facts';

export interface QuoteFacts {
  readonly listing: ListingPricingFacts;
  readonly trim: TrimPricingFacts;
}

interface Entry {
  readonly at: number;
  readonly value: Promise<QuoteFacts | undefined>;
}

class FactsCache {
  entries = new Map<string, Entry>();
  constructor(readonly unsubscribe: () => void) {}

  drop(message: string): void {
    if (message === 'all') this.entries = new Map();
    else for (const id of message.split(',')) this.entries.delete(id);
  }
}

const caches = new WeakMap<AppContext, FactsCache>();

function cacheOf(ctx: AppContext): FactsCache {
  let cache = caches.get(ctx);
  if (!cache) {
    const created: FactsCache = new FactsCache(
      ctx.cacheBus.subscribe(CHANNEL, (d) => created.drop(d.kind === 'message' ? d.message : 'all')),
    );
    caches.set(ctx, created);
    cache = created;
  }
  return cache;
}

/** The listing's and its trim's facts as they are in the database now (stored quotes). */
export async function readQuoteFacts(ctx: AppContext, listingId: string): Promise<QuoteFacts | undefined> {
  const db = ctx.database.db;
  const listing = await listingPricingFacts(db, listingId);
  if (!listing) return undefined;
  return { listing, trim: await trimPricingFacts(db, listing.trimId) };
}

/** The same facts, reused for up to FACTS_TTL_MS unless a change drops them first (previews). */
export function cachedQuoteFacts(ctx: AppContext, listingId: string): Promise<QuoteFacts | undefined> {
  const cache = cacheOf(ctx);
  const now = ctx.clock.now().getTime();
  const hit = cache.entries.get(listingId);
  if (hit && now - hit.at < FACTS_TTL_MS) return hit.value;
  if (cache.entries.size >= FACTS_CACHE_MAX) cache.entries = new Map();
  const entries = cache.entries;
  const value = readQuoteFacts(ctx, listingId);
  entries.set(listingId, { at: now, value });
  // A failed read is not remembered.
  value.catch(() => {
    if (entries.get(listingId)?.value === value) entries.delete(listingId);
  });
  return value;
}

/** A listing changed (its price, its status): previews read it again, in every process. */
export async function dropListingFacts(ctx: AppContext, listingIds: readonly string[]): Promise<void> {
  if (listingIds.length === 0) return;
  cacheOf(ctx).drop(listingIds.join(','));
  await ctx.cacheBus.publish(CHANNEL, listingIds.join(','));
}

/** A trim changed (its tax facts): every preview reads again. */
export async function dropAllFacts(ctx: AppContext): Promise<void> {
  cacheOf(ctx).drop('all');
  await ctx.cacheBus.publish(CHANNEL, 'all');
}

export function releaseFactsCache(ctx: AppContext): void {
  caches.get(ctx)?.unsubscribe();
  caches.delete(ctx);
}
