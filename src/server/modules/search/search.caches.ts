import type { CacheBusDelivery } from '../../kernel/cache/bus.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { type ParameterDefinitionRow, parameterDefinitionsAll } from '../catalog/index.js';
import { listCities } from '../dealers/index.js';
import { createSearchBackend, type SearchBackend } from './search.backend.js';
import type { TSearchResponse, TVehicleDetail } from './search.contract.js';
import { DictionaryCache } from './search.dictionary.js';
import type { facetCounts } from './search.repository.js';

// The search module's in-memory caches, one SearchCaches per app context. A change of listings drops them
// in the process that made it at once, and in every other process over the same database through the
// context's cache bus (LISTEN/NOTIFY on PostgreSQL) as soon as the change is committed; the TTLs below
// only bound how long an answer is reused when nothing changes.

export const FACET_SOFT_TTL_MS = 30_000;
export const FACET_HARD_TTL_MS = 120_000;
export const FACET_CACHE_MAX = 500;
export type FacetResult = Awaited<ReturnType<typeof facetCounts>>;
export type FacetEntry = {
  at: number;
  value: FacetResult | undefined;
  pending?: Promise<FacetResult> | undefined;
};

/** Fresh for this long; then served stale while one refresh runs, never older than the hard TTL. */
export const RESULT_SOFT_TTL_MS = 15_000;
export const RESULT_HARD_TTL_MS = 60_000;
export const RESULT_CACHE_MAX = 1_000;
export type ResultEntry = {
  at: number;
  value: TSearchResponse;
  pending?: Promise<TSearchResponse> | undefined;
};

export const DETAIL_TTL_MS = 60_000;
export const DETAIL_CACHE_MAX = 5_000;

const CITIES_TTL_MS = 5 * 60_000;
const DEFINITIONS_TTL_MS = 60_000;

/** The bus channel of this module. */
const CHANNEL = 'search';

/** What one process tells the others (JSON on the bus). */
type SearchCacheMessage =
  /** Listings were reindexed: their pages, and every answer and count that may include them. */
  | { readonly drop: 'listings'; readonly ids: readonly string[] | 'all' }
  /** Popularity was recounted: the order of answers changed, pages did not. */
  | { readonly drop: 'answers' }
  /** Operators changed the words search understands: the dictionary and every answer. */
  | { readonly drop: 'terms' };

/** Above this many ids one "all" is sent instead (a NOTIFY payload is limited to 8000 bytes). */
const MAX_IDS_PER_MESSAGE = 150;

/**
 * One app's search caches. The maps are replaced, not cleared, when dropped: a computation that started
 * before holds the old map and stores its (possibly stale) answer there, out of everyone's way.
 */
export class SearchCaches {
  /** Where uncached counts come from (SEARCH_BACKEND): kept current by the same drops as the caches. */
  readonly backend: SearchBackend;
  /**
   * Facet counts per filter set, the expensive part of a search (they aggregate every match): fresh for
   * FACET_SOFT_TTL_MS, then served stale while ONE refresh runs, never older than FACET_HARD_TTL_MS.
   */
  facets = new Map<string, FacetEntry>();
  /**
   * Hot-query cache: the same search (filters, sort, cursor, limit) within a few seconds is answered from
   * memory. Buyers repeat the popular combinations (a brand in their city, by price); served stale while
   * one refresh runs after RESULT_SOFT_TTL_MS.
   */
  results = new Map<string, ResultEntry>();
  /** Searches being computed: concurrent misses of one query compute it once. */
  resultInflight = new Map<string, Promise<TSearchResponse>>();
  /**
   * Detail pages are read far more often than listings change: the buyer-independent part is kept per
   * listing for DETAIL_TTL_MS, dropped per listing when it is reindexed.
   */
  readonly details = new Map<string, { at: number; value: TVehicleDetail }>();
  /** Bumped whenever details are dropped: a page built before that is not stored. */
  detailGeneration = 0;
  /** Brand and series names for segmenting queries and suggestions. */
  readonly dictionary = new DictionaryCache();
  #cities: { at: number; value: Awaited<ReturnType<typeof listCities>> } | undefined;
  #definitions: { at: number; value: ParameterDefinitionRow[] } | undefined;

  constructor(backend: SearchBackend = createSearchBackend('memory')) {
    this.backend = backend;
  }

  /** These listings were reindexed (or all): their pages, every answer and count, the dictionary's weights. */
  dropListings(ids: readonly string[] | 'all'): void {
    this.detailGeneration++;
    if (ids === 'all') this.details.clear();
    else for (const id of ids) this.details.delete(id);
    this.dropAnswers();
    this.dictionary.invalidate();
    this.backend.listingsChanged(ids);
  }

  /** The words search understands changed: reread them, and answers that used the old ones. */
  dropTerms(): void {
    this.dictionary.invalidate();
    this.dropAnswers();
  }

  /** Search answers and facet counts (popularity was recounted). */
  dropAnswers(): void {
    this.backend.popularityChanged();
    this.facets = new Map();
    this.results = new Map();
    this.resultInflight = new Map();
  }

  /** Everything, reference data included (messages may have been missed). */
  dropAll(): void {
    this.dropListings('all');
    this.#cities = undefined;
    this.#definitions = undefined;
  }

  /** The reference cities (names for facet labels, compare and recommendations), kept five minutes. */
  async cities(db: DbHandle): Promise<Awaited<ReturnType<typeof listCities>>> {
    const hit = this.#cities;
    if (hit && Date.now() - hit.at < CITIES_TTL_MS) return hit.value;
    const value = await listCities(db);
    this.#cities = { at: Date.now(), value };
    return value;
  }

  /** The parameter dictionary (detail sheets, compare), kept a minute. */
  async definitions(db: DbHandle): Promise<ParameterDefinitionRow[]> {
    const hit = this.#definitions;
    if (hit && Date.now() - hit.at < DEFINITIONS_TTL_MS) return hit.value;
    const value = await parameterDefinitionsAll(db);
    this.#definitions = { at: Date.now(), value };
    return value;
  }

  /** Applies what another process published (or, after a reconnect, assumes the worst). */
  receive(delivery: CacheBusDelivery): void {
    if (delivery.kind === 'missed') {
      this.dropAll();
      return;
    }
    const message = parseMessage(delivery.message);
    if (message?.drop === 'listings') this.dropListings(message.ids);
    else if (message?.drop === 'answers') this.dropAnswers();
    else if (message?.drop === 'terms') this.dropTerms();
    else this.dropAll();
  }
}

function parseMessage(text: string): SearchCacheMessage | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || !('drop' in v)) return null;
    if (v.drop === 'answers') return { drop: 'answers' };
    if (v.drop === 'terms') return { drop: 'terms' };
    if (v.drop === 'listings' && 'ids' in v) {
      if (v.ids === 'all') return { drop: 'listings', ids: 'all' };
      if (Array.isArray(v.ids) && v.ids.every((id) => typeof id === 'string')) {
        return { drop: 'listings', ids: v.ids as string[] };
      }
    }
  } catch {
    // A message this version does not understand: the caller drops everything.
  }
  return null;
}

const byContext = new WeakMap<AppContext, { caches: SearchCaches; unsubscribe: () => void }>();

/**
 * This app's search caches, created on first use; from then on they listen on the context's cache bus
 * for changes made by other processes (the routes create them at start-up and release them on close).
 */
export function searchCaches(ctx: AppContext): SearchCaches {
  const found = byContext.get(ctx);
  if (found) return found.caches;
  const caches = new SearchCaches(createSearchBackend(ctx.config.searchBackend));
  const unsubscribe = ctx.cacheBus.subscribe(CHANNEL, (d) => caches.receive(d));
  byContext.set(ctx, { caches, unsubscribe });
  return caches;
}

/** Stops listening (app close); a later use starts afresh. */
export function releaseSearchCaches(ctx: AppContext): void {
  const found = byContext.get(ctx);
  if (!found) return;
  found.unsubscribe();
  byContext.delete(ctx);
}

/**
 * Listings were reindexed: tells the other processes, through `via` when given (an open transaction: sent
 * when it commits). Call `dropListingCaches` for this process once the change is committed.
 */
export async function announceListingsChanged(
  ctx: AppContext,
  ids: readonly string[] | 'all',
  via?: DbHandle,
): Promise<void> {
  const message: SearchCacheMessage = {
    drop: 'listings',
    ids: ids !== 'all' && ids.length > MAX_IDS_PER_MESSAGE ? 'all' : ids,
  };
  await ctx.cacheBus.publish(CHANNEL, JSON.stringify(message), via);
}

/** Drops this process's caches of these listings (no caches yet: nothing to drop, none created). */
export function dropListingCaches(ctx: AppContext, ids: readonly string[] | 'all'): void {
  byContext.get(ctx)?.caches.dropListings(ids);
}

/** Popularity was recounted: drops this process's answers and tells the others to drop theirs. */
export async function popularityChanged(ctx: AppContext): Promise<void> {
  byContext.get(ctx)?.caches.dropAnswers();
  const message: SearchCacheMessage = { drop: 'answers' };
  await ctx.cacheBus.publish(CHANNEL, JSON.stringify(message));
}

/** Operators changed the search terms: tells the other processes when `via` commits. */
export async function termsChanged(ctx: AppContext, via: DbHandle): Promise<void> {
  const message: SearchCacheMessage = { drop: 'terms' };
  await ctx.cacheBus.publish(CHANNEL, JSON.stringify(message), via);
}
