import type { DbHandle } from '../../kernel/db/client.js';
import { listedPopularity, listedRowsAfter, listedRowsByIds } from './search.memory.repository.js';
import { MemorySearchIndex } from './search.memory-index.js';
import { memoryIndexAnswers } from './search.memory-postings.js';
import type {
  FacetName,
  FilterName,
  SearchFilters,
  SearchRow,
  SearchSort,
  SortCursor,
} from './search.repository.js';
import * as repo from './search.repository.js';

// Where a search's counts come from: the adapter boundary of issue 14. PostgreSQL (the read model) is the
// source of truth; a backend answers total, disjunctive facet counts and relaxations for `SearchFilters`
// exactly as `filterConditions` defines them. Two implementations here (SQL, in-process index); an external
// engine (OpenSearch, Meilisearch) would be a third, fed from the same drops (see docs/scaling.md).

export type SearchConditions = ReturnType<typeof repo.filterConditions>;
export type PageRow = SearchRow & { tier: number };
export interface FacetCountResult {
  total: number;
  facets: Record<FacetName, { value: string; count: number }[]>;
}

/** One way of counting a search. Every process answers the same: all read, or are fed from, PostgreSQL. */
export interface SearchBackend {
  readonly name: 'sql' | 'memory';
  /** Total and disjunctive facet counts (each facet ignores its own filter). */
  facetCounts(db: DbHandle, filters: SearchFilters, conds: SearchConditions): Promise<FacetCountResult>;
  /** For an empty result: per active filter, how many rows its removal alone would give (count > 0, most first). */
  relaxationCounts(
    db: DbHandle,
    filters: SearchFilters,
    conds: SearchConditions,
  ): Promise<{ filter: FilterName; count: number }[]>;
  /**
   * One page of listed vehicles in `repo.searchPage`'s keyset order (tier when the query named things, the
   * sort, then id), `limit` + 1 rows.
   */
  page(
    db: DbHandle,
    filters: SearchFilters,
    conds: SearchConditions,
    sort: SearchSort,
    cursor: SortCursor | undefined,
    limit: number,
  ): Promise<PageRow[]>;
  /** These listings' read-model rows changed, or all of them (the cache bus delivered a drop). */
  listingsChanged(ids: readonly string[] | 'all'): void;
  /** Popularity was recounted. */
  popularityChanged(): void;
  /** Resolves once the backend answers from its own structures (an index built), not a fallback. */
  warm(db: DbHandle): Promise<void>;
}

/** Counts with aggregate SQL over the read model (one statement each). */
export class SqlSearchBackend implements SearchBackend {
  readonly name = 'sql' as const;
  facetCounts(db: DbHandle, _filters: SearchFilters, conds: SearchConditions): Promise<FacetCountResult> {
    return repo.facetCounts(db, conds);
  }
  relaxationCounts(db: DbHandle, _filters: SearchFilters, conds: SearchConditions) {
    return repo.relaxationCounts(db, conds);
  }
  page(
    db: DbHandle,
    filters: SearchFilters,
    conds: SearchConditions,
    sort: SearchSort,
    cursor: SortCursor | undefined,
    limit: number,
  ): Promise<PageRow[]> {
    return repo.searchPage(db, conds, sort, cursor, limit, filters.named);
  }
  listingsChanged(): void {}
  popularityChanged(): void {}
  async warm(): Promise<void> {}
}

/** Rows per query while building the index (bounded memory in flight). */
const BUILD_SLICE = 20_000;
/** Rebuild (in the background, the old index answering meanwhile) once this share of row slots is dead. */
const DEAD_SHARE_REBUILD = 0.25;

/**
 * Counts from a `MemorySearchIndex` built from the listed rows of the read model at first use, kept current
 * by the drops every process receives: changed ids are re-read from PostgreSQL before the next search is
 * counted (searches wait for that short read), 'all' builds a new index (searches are answered by SQL until
 * it is ready). Filters it does not know go to SQL too.
 */
export class MemorySearchBackend implements SearchBackend {
  readonly name = 'memory' as const;
  readonly #sql = new SqlSearchBackend();
  #index: MemorySearchIndex | null = null;
  #building: Promise<void> | null = null;
  /** Bumped by every 'all' drop: a build that started before it is thrown away. */
  #generation = 0;
  /** Listings changed since the index read them. */
  #pending = new Set<string>();
  #patching: Promise<void> | null = null;
  /** Bumped when popularity is recounted; pages by popularity go to SQL until the index has re-read it. */
  #popularityGeneration = 0;
  #popularityRead = 0;
  #popularityLoading = false;
  /** Last build, for docs and logs. */
  lastBuild: { rows: number; ms: number; bytes: number; tokens: number } | null = null;

  /** The current index once it is built and up to date, or null (SQL answers meanwhile). */
  async ready(db: DbHandle): Promise<MemorySearchIndex | null> {
    if (!this.#index) {
      this.#startBuild(db);
      return null;
    }
    while (this.#pending.size > 0 || this.#patching) {
      this.#patching ??= this.#patch(db);
      await this.#patching;
    }
    const index = this.#index;
    if (index && this.#popularityRead !== this.#popularityGeneration && !this.#popularityLoading) {
      this.#readPopularity(db, index);
    }
    if (index && index.deadRows > DEAD_SHARE_REBUILD * (index.size + 1)) this.#startBuild(db);
    return index;
  }

  /** Resolves once the index is built and current (start-up, tests, the bench warm it with this). */
  async warm(db: DbHandle): Promise<void> {
    while (!this.#index) await this.#startBuild(db);
    await this.ready(db);
  }

  /** Starts a build unless one is under way; the old index (if any) answers until it is done. */
  #startBuild(db: DbHandle): Promise<void> {
    if (this.#building) return this.#building;
    const building: Promise<void> = this.#build(db).finally(() => {
      if (this.#building === building) this.#building = null;
    });
    // A failed background build leaves SQL answering; the next search tries again.
    building.catch(() => undefined);
    this.#building = building;
    return building;
  }

  /** Re-reads popularity in the background (a million rows take a moment; pages by popularity use SQL). */
  #readPopularity(db: DbHandle, index: MemorySearchIndex): void {
    const generation = this.#popularityGeneration;
    this.#popularityLoading = true;
    listedPopularity(db)
      .then((rows) => {
        for (const r of rows) index.setPopularity(r.listing_id, r.popularity);
        if (this.#index === index) this.#popularityRead = generation;
      })
      .catch(() => undefined)
      .finally(() => {
        this.#popularityLoading = false;
      });
  }

  async #build(db: DbHandle): Promise<void> {
    const generation = this.#generation;
    const popularity = this.#popularityGeneration;
    const started = Date.now();
    const index = new MemorySearchIndex(this.#index?.size ?? BUILD_SLICE);
    let after = '';
    for (;;) {
      const rows = await listedRowsAfter(db, after, BUILD_SLICE);
      if (rows.length === 0) break;
      index.upsert(rows, true);
      after = rows[rows.length - 1]?.listing_id ?? after;
      if (rows.length < BUILD_SLICE) break;
    }
    index.settle();
    // Everything changed since this build began: its rows may be older than the drop.
    if (generation !== this.#generation) return;
    this.#index = index;
    this.#popularityRead = popularity;
    this.lastBuild = {
      rows: index.size,
      ms: Date.now() - started,
      bytes: index.approximateBytes(),
      tokens: index.tokenCount,
    };
  }

  async #patch(db: DbHandle): Promise<void> {
    // Never settle synchronously: the caller stores this promise in #patching before it may be cleared.
    await Promise.resolve();
    try {
      const index = this.#index;
      const ids = [...this.#pending];
      this.#pending = new Set();
      if (!index) return;
      if (ids.length > 0) {
        const rows = await listedRowsByIds(db, ids);
        if (this.#index !== index) return;
        for (const id of ids) index.remove(id);
        index.upsert(rows);
      }
    } finally {
      this.#patching = null;
    }
  }

  async facetCounts(
    db: DbHandle,
    filters: SearchFilters,
    conds: SearchConditions,
  ): Promise<FacetCountResult> {
    const index = memoryIndexAnswers(filters, Object.keys(conds)) ? await this.ready(db) : null;
    return index ? index.facetCounts(filters) : this.#sql.facetCounts(db, filters, conds);
  }

  async relaxationCounts(db: DbHandle, filters: SearchFilters, conds: SearchConditions) {
    const index = memoryIndexAnswers(filters, Object.keys(conds)) ? await this.ready(db) : null;
    return index
      ? index.relaxationCounts(filters, Object.keys(conds) as FilterName[])
      : this.#sql.relaxationCounts(db, filters, conds);
  }

  listingsChanged(ids: readonly string[] | 'all'): void {
    if (ids === 'all') {
      this.#generation++;
      this.#index = null;
      this.#pending = new Set();
      // A build under way read rows from before the change: it is discarded, and the next search starts anew.
      this.#building = null;
      return;
    }
    for (const id of ids) this.#pending.add(id);
  }

  popularityChanged(): void {
    // Counts do not depend on popularity; pages by it do.
    this.#popularityGeneration++;
  }

  async page(
    db: DbHandle,
    filters: SearchFilters,
    conds: SearchConditions,
    sort: SearchSort,
    cursor: SortCursor | undefined,
    limit: number,
  ): Promise<PageRow[]> {
    const index = memoryIndexAnswers(filters, Object.keys(conds)) ? await this.ready(db) : null;
    const current = sort !== 'popular' || this.#popularityRead === this.#popularityGeneration;
    const ids = index && current ? index.page(filters, sort, cursor, limit) : null;
    if (ids) {
      // The rows themselves come from PostgreSQL by primary key; a row that changed meanwhile sends the page to SQL.
      const rows = new Map(
        (
          await repo.searchRowsByIds(
            db,
            ids.map((r) => r.id),
          )
        ).map((r) => [r.listingId, r]),
      );
      const page: PageRow[] = [];
      for (const { id, tier } of ids) {
        const row = rows.get(id);
        if (row?.status !== 'listed') return this.#sql.page(db, filters, conds, sort, cursor, limit);
        page.push({ ...row, tier });
      }
      return page;
    }
    return this.#sql.page(db, filters, conds, sort, cursor, limit);
  }
}

/** The backend SEARCH_BACKEND names (default memory). */
export function createSearchBackend(kind: 'memory' | 'sql' | undefined): SearchBackend {
  return kind === 'sql' ? new SqlSearchBackend() : new MemorySearchBackend();
}
