import { type MemoryIndexRow, TOKEN_SEPARATOR } from './search.memory.repository.js';
import {
  cutoffOf,
  FACET_VALUE,
  FacetColumn,
  Posting,
  popcount,
  type RowColumns,
} from './search.memory-postings.js';
import type { FacetName, FilterName, SearchFilters, SearchSort, SortCursor } from './search.repository.js';
import { FACET_COLUMNS } from './search.repository.js';

// An in-process inverted index of the listed rows of the read model: facet and filter columns in typed
// arrays under dense row numbers, and per facet value and per token the rows that have it (a sorted list
// while it is sparse, a bitset once it is dense). A search is a few bitset operations and one pass over the
// rows that fail at most one facet filter, which gives the total and every disjunctive facet count at once.
// Exactly the semantics of `filterConditions` + `facetCounts` / `relaxationCounts` in search.repository.ts.

const FACETS = Object.keys(FACET_COLUMNS) as FacetName[];
const FACET_FILTERS = new Set<FilterName>(FACETS.map((f) => FACET_COLUMNS[f].filter));

export type FacetCounts = { value: string; count: number }[];
export interface MemoryFacetResult {
  total: number;
  facets: Record<FacetName, FacetCounts>;
}

/** One active facet filter during a search. */
interface ActiveFacet {
  facet: FacetName;
  bits: Uint32Array;
}

/**
 * The index itself. Rows are only appended: a changed listing's old row is marked dead and its new version
 * appended (postings stay sorted); `deadRows` tells the owner when a rebuild would pay.
 */
export class MemorySearchIndex {
  #capacity: number;
  #words: number;
  #rows = 0;
  #alive: Uint32Array;
  #live = 0;
  readonly #ids: string[] = [];
  readonly #rowOf = new Map<string, number>();
  readonly #facets: Record<FacetName, FacetColumn>;
  readonly #tokens = new Map<string, Posting>();
  /** Vehicle segment: a filter (from query understanding), not a facet. */
  readonly #segments: FacetColumn;
  #cols: RowColumns;
  /**
   * Whether the listing ids, read in the database's `order by listing_id`, also sort as JavaScript strings
   * (a C collation): only then can this index order pages by id exactly as PostgreSQL does.
   */
  #idsInCodeUnitOrder = true;
  #lastLoadedId = '';
  /** Bumped by every change of rows (the memo below is only good for the version it was computed at). */
  #version = 0;
  #memo: {
    filters: SearchFilters;
    version: number;
    result: MemoryFacetResult;
    rows: Uint32Array;
    n: number;
  } | null = null;
  #bitsFor: {
    filters: SearchFilters;
    version: number;
    q: Uint32Array | null;
    segment: Uint32Array | null;
    active: ActiveFacet[];
  } | null = null;
  /** Matching rows of the last evaluation. */
  #matches = new Uint32Array(0);
  /** Reused per search (searches are synchronous): [candidates, q, list-and scratch, facet filters...]. */
  #scratch: Uint32Array[] = [];

  constructor(expectedRows = 1024) {
    this.#capacity = Math.max(1024, Math.ceil(expectedRows * 1.1));
    this.#words = Math.ceil(this.#capacity / 32);
    this.#alive = new Uint32Array(this.#words);
    this.#facets = Object.fromEntries(FACETS.map((f) => [f, new FacetColumn(this.#capacity)])) as Record<
      FacetName,
      FacetColumn
    >;
    this.#segments = new FacetColumn(this.#capacity);
    this.#cols = this.#allocColumns(this.#capacity);
  }

  /** Listed rows held. */
  get size(): number {
    return this.#live;
  }

  /** Row slots held by replaced or removed listings. */
  get deadRows(): number {
    return this.#rows - this.#live;
  }

  #allocColumns(capacity: number): RowColumns {
    return {
      price: new Float64Array(capacity),
      range: new Int32Array(capacity),
      mileage: new Int32Array(capacity),
      registered: new Int32Array(capacity),
      year: new Int32Array(capacity),
      popularity: new Int32Array(capacity),
      listedMs: new Float64Array(capacity),
    };
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const words = Math.ceil(capacity / 32);
    const alive = new Uint32Array(words);
    alive.set(this.#alive);
    this.#alive = alive;
    const cols = this.#allocColumns(capacity);
    for (const k of Object.keys(cols) as (keyof RowColumns)[]) cols[k].set(this.#cols[k] as never);
    this.#cols = cols;
    for (const f of FACETS) {
      const fc = this.#facets[f];
      const column = new Uint16Array(capacity);
      column.set(fc.column);
      fc.column = column;
      for (const p of fc.postings) p.grow(words);
    }
    for (const p of this.#tokens.values()) p.grow(words);
    const segments = new Uint16Array(capacity);
    segments.set(this.#segments.column);
    this.#segments.column = segments;
    for (const p of this.#segments.postings) p.grow(words);
    this.#capacity = capacity;
    this.#words = words;
    this.#scratch = [];
    this.#bitsFor = null;
    this.#memo = null;
  }

  /** Adds (or replaces) listed rows; `inIdOrder`: as the database sorts them (a build's slices). */
  upsert(rows: readonly MemoryIndexRow[], inIdOrder = false): void {
    this.#version++;
    for (const r of rows) {
      if (inIdOrder) {
        if (r.listing_id <= this.#lastLoadedId) this.#idsInCodeUnitOrder = false;
        this.#lastLoadedId = r.listing_id;
      }
      this.remove(r.listing_id);
      if (this.#rows === this.#capacity) this.#grow();
      const row = this.#rows++;
      this.#ids[row] = r.listing_id;
      this.#rowOf.set(r.listing_id, row);
      this.#alive[row >>> 5] = (this.#alive[row >>> 5] ?? 0) | (1 << (row & 31));
      this.#live++;
      for (const f of FACETS) {
        const fc = this.#facets[f];
        const code = fc.code(FACET_VALUE[f](r));
        fc.column[row] = code;
        if (code !== 0) fc.postings[code]?.add(row);
      }
      const segment = this.#segments.code(r.segment);
      this.#segments.column[row] = segment;
      this.#segments.postings[segment]?.add(row);
      const c = this.#cols;
      c.price[row] = r.price_fen;
      c.range[row] = r.electric_range_km ?? -1;
      c.mileage[row] = r.mileage_km;
      c.registered[row] = r.registered ?? 0;
      c.year[row] = r.model_year;
      c.popularity[row] = r.popularity;
      c.listedMs[row] = r.listed_ms;
      if (r.tokens.length > 0) {
        for (const t of new Set(r.tokens.split(TOKEN_SEPARATOR))) {
          let p = this.#tokens.get(t);
          if (!p) {
            p = new Posting();
            this.#tokens.set(t, p);
          }
          p.add(row);
        }
      }
    }
  }

  /** Forgets a listing (delisted, deleted, or about to be replaced). */
  remove(listingId: string): void {
    const row = this.#rowOf.get(listingId);
    if (row === undefined) return;
    this.#version++;
    this.#rowOf.delete(listingId);
    this.#alive[row >>> 5] = (this.#alive[row >>> 5] ?? 0) & ~(1 << (row & 31));
    this.#live--;
  }

  /** Called once the initial load is done: dense postings become bitsets. */
  settle(): void {
    for (const f of FACETS) for (const p of this.#facets[f].postings) p.settle(this.#words);
    for (const p of this.#tokens.values()) p.settle(this.#words);
    for (const p of this.#segments.postings) p.settle(this.#words);
  }

  /** Whether this listing is held (listed). */
  has(listingId: string): boolean {
    return this.#rowOf.has(listingId);
  }

  /** Sets popularity (the popularity job recounted it). */
  setPopularity(listingId: string, popularity: number): void {
    const row = this.#rowOf.get(listingId);
    if (row !== undefined) this.#cols.popularity[row] = popularity;
  }

  #buffer(i: number): Uint32Array {
    let b = this.#scratch[i];
    if (!b || b.length !== this.#words) {
      b = new Uint32Array(this.#words);
      this.#scratch[i] = b;
    }
    return b;
  }

  /** Rows holding every token, within `into` (false: some token is held by no row). */
  #andTokens(into: Uint32Array, tokens: readonly string[], scratch: Uint32Array): void {
    for (const t of tokens) {
      const p = this.#tokens.get(t);
      if (!p) {
        into.fill(0);
        return;
      }
      p.andInto(into, scratch);
    }
  }

  /** Rows the text part (`q`: named things and/or tokens) lets through, or null when there is none. */
  #queryRows(f: SearchFilters): Uint32Array | null {
    const hasWords = f.tokens !== undefined && f.tokens.length > 0;
    if (!hasWords && !f.named) return null;
    const q = this.#buffer(1);
    const scratch = this.#buffer(2);
    q.set(this.#alive);
    if (f.named) {
      const n = f.named;
      const union = this.#buffer(3);
      union.fill(0);
      for (const s of n.series) {
        const code = this.#facets.series.codes.get(s);
        if (code !== undefined) this.#facets.series.postings[code]?.orInto(union);
      }
      for (const b of n.brands) {
        const code = this.#facets.brand.codes.get(b);
        if (code !== undefined) this.#facets.brand.postings[code]?.orInto(union);
      }
      if (n.tokens.length > 0) {
        const typed = this.#buffer(4);
        typed.set(this.#alive);
        this.#andTokens(typed, n.tokens, scratch);
        for (let w = 0; w < union.length; w++) union[w] = (union[w] ?? 0) | (typed[w] ?? 0);
      }
      for (let w = 0; w < q.length; w++) q[w] = (q[w] ?? 0) & (union[w] ?? 0);
    }
    if (hasWords && f.tokens) this.#andTokens(q, f.tokens, scratch);
    return q;
  }

  /** The codes of a facet filter's values (none known: nothing passes). */
  #facetSelection(facet: FacetName, f: SearchFilters): number[] | null {
    const fc = this.#facets[facet];
    const codes = (values: readonly (string | number)[]) =>
      values.map((v) => fc.codes.get(String(v))).filter((c): c is number => c !== undefined);
    switch (facet) {
      case 'brand':
        return f.brand?.length ? codes(f.brand) : null;
      case 'series':
        return f.series?.length ? codes(f.series) : null;
      case 'body':
        return f.body?.length ? codes(f.body) : null;
      case 'energy':
        return f.energy?.length ? codes(f.energy) : null;
      case 'seats':
        return f.seats?.length ? codes(f.seats) : null;
      case 'city':
        return f.city?.length ? codes(f.city) : null;
      case 'grade':
        return f.grade?.length ? codes(f.grade) : null;
      case 'kind':
        return f.kind ? codes([f.kind]) : null;
      case 'year': {
        if (f.yearMin === undefined && f.yearMax === undefined) return null;
        const out: number[] = [];
        fc.values.forEach((v, code) => {
          if (code === 0) return;
          const y = Number(v);
          if ((f.yearMin === undefined || y >= f.yearMin) && (f.yearMax === undefined || y <= f.yearMax))
            out.push(code);
        });
        return out;
      }
    }
  }

  /** The active facet filters as bitsets of the rows that pass each (scratch buffers from 5 on). */
  #activeFacets(f: SearchFilters): ActiveFacet[] {
    const active: ActiveFacet[] = [];
    let slot = 5;
    for (const facet of FACETS) {
      const codes = this.#facetSelection(facet, f);
      if (codes === null) continue;
      const bits = this.#buffer(slot++);
      bits.fill(0);
      for (const c of codes) this.#facets[facet].postings[c]?.orInto(bits);
      active.push({ facet, bits });
    }
    return active;
  }

  /**
   * The text and facet-filter bitsets of `f`, in scratch buffers; reused when the last ones computed were
   * of the same filters object at the same version (counts, then relaxations, of one search).
   */
  #bitsOf(f: SearchFilters): { q: Uint32Array | null; segment: Uint32Array | null; active: ActiveFacet[] } {
    const last = this.#bitsFor;
    if (last && last.filters === f && last.version === this.#version) return last;
    let segment: Uint32Array | null = null;
    if (f.segment?.length) {
      segment = this.#buffer(14);
      segment.fill(0);
      for (const v of f.segment) {
        const code = this.#segments.codes.get(v);
        if (code !== undefined) this.#segments.postings[code]?.orInto(segment);
      }
    }
    const bits = {
      filters: f,
      version: this.#version,
      q: this.#queryRows(f),
      segment,
      active: this.#activeFacets(f),
    };
    this.#bitsFor = bits;
    return bits;
  }

  /** The non-facet, non-text filters of one row (price, range, mileage, registration age). */
  #passesRanges(f: SearchFilters, cutoff: number): (row: number) => boolean {
    const c = this.#cols;
    const min = f.priceMinFen;
    const max = f.priceMaxFen;
    const range = f.rangeMinKm;
    const mileage = f.mileageMaxKm;
    return (row) => {
      const price = c.price[row] ?? 0;
      if (min !== undefined && price < min) return false;
      if (max !== undefined && price > max) return false;
      if (range !== undefined && ((c.range[row] ?? -1) === -1 || (c.range[row] ?? -1) < range)) return false;
      if (mileage !== undefined && (c.mileage[row] ?? 0) > mileage) return false;
      if (cutoff > 0) {
        const reg = c.registered[row] ?? 0;
        if (reg !== 0 && reg < cutoff) return false;
      }
      return true;
    };
  }

  /**
   * Total and disjunctive facet counts (each facet ignores its own filter), as `repo.facetCounts`, and the
   * matching rows when `collect` is set.
   */
  facetCounts(f: SearchFilters): MemoryFacetResult {
    return this.#evaluate(f).result;
  }

  /**
   * Counts and the matching rows of one filter set. A search asks for its page and its counts in the same
   * turn of the event loop with the same filters object: the second is answered from this one-entry memo.
   */
  #evaluate(f: SearchFilters): { result: MemoryFacetResult; rows: Uint32Array; n: number } {
    const memo = this.#memo;
    if (memo && memo.filters === f && memo.version === this.#version) return memo;
    if (this.#matches.length !== this.#capacity) this.#matches = new Uint32Array(this.#capacity);
    const collect = this.#matches;
    let n = 0;
    const result = this.#count(f, (row) => {
      collect[n++] = row;
    });
    const entry = { filters: f, version: this.#version, result, rows: collect, n };
    this.#memo = entry;
    return entry;
  }

  #count(f: SearchFilters, collect: (row: number) => void): MemoryFacetResult {
    const words = this.#words;
    const cand = this.#buffer(0);
    const { q, segment, active } = this.#bitsOf(f);
    cand.set(q ?? this.#alive);
    if (segment) for (let w = 0; w < words; w++) cand[w] = (cand[w] ?? 0) & (segment[w] ?? 0);
    const passes = this.#passesRanges(f, cutoffOf(f.registeredOnOrAfter));
    const counts = FACETS.map((facet) => new Int32Array(this.#facets[facet].values.length));
    const columns = FACETS.map((facet) => this.#facets[facet].column);
    const activeIndex = active.map((a) => FACETS.indexOf(a.facet));
    let total = 0;
    for (let w = 0; w < words; w++) {
      let c = cand[w] ?? 0;
      if (c === 0) continue;
      // Rows failing two or more facet filters count nowhere.
      let ones = 0;
      let twos = 0;
      for (const a of active) {
        const fail = ~(a.bits[w] ?? 0);
        twos |= ones & fail;
        ones |= fail;
      }
      c &= ~twos;
      while (c !== 0) {
        const bit = c & -c;
        c ^= bit;
        const row = (w << 5) | (31 - Math.clz32(bit));
        if (!passes(row)) continue;
        if ((ones & bit) === 0) {
          total++;
          collect(row);
          for (let i = 0; i < FACETS.length; i++) {
            const code = columns[i]?.[row] ?? 0;
            const n = counts[i] as Int32Array;
            if (code !== 0) n[code] = (n[code] ?? 0) + 1;
          }
        } else {
          for (let k = 0; k < active.length; k++) {
            if (((active[k] as ActiveFacet).bits[w] ?? 0) & bit) continue;
            const i = activeIndex[k] ?? 0;
            const code = columns[i]?.[row] ?? 0;
            const n = counts[i] as Int32Array;
            if (code !== 0) n[code] = (n[code] ?? 0) + 1;
            break;
          }
        }
      }
    }
    const facets = {} as Record<FacetName, FacetCounts>;
    FACETS.forEach((facet, i) => {
      const values = this.#facets[facet].values;
      const out: FacetCounts = [];
      const n = counts[i] as Int32Array;
      for (let code = 1; code < n.length; code++) {
        const count = n[code] ?? 0;
        if (count > 0) out.push({ value: values[code] ?? '', count });
      }
      out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      facets[facet] = out;
    });
    return { total, facets };
  }

  /**
   * For an empty result: how many rows each single active filter's removal would give, as
   * `repo.relaxationCounts` (filters in `activeNames` order, the order of the SQL conditions). Word at a
   * time: a row counts for filter k when it fails no filter, or k alone.
   */
  relaxationCounts(
    f: SearchFilters,
    activeNames: readonly FilterName[],
  ): { filter: FilterName; count: number }[] {
    if (activeNames.length === 0) return [];
    const words = this.#words;
    const alive = this.#alive;
    const { q, segment, active } = this.#bitsOf(f);
    const facetBits = new Map<FilterName, Uint32Array>(
      active.map((a) => [FACET_COLUMNS[a.facet].filter, a.bits]),
    );
    const none = this.#buffer(15);
    none.fill(0);
    // Bitset filters first (text, facets); a facet filter the index cannot express passes nothing.
    const bits: (Uint32Array | null)[] = activeNames.map((name) =>
      name === 'q'
        ? q
        : name === 'segment'
          ? (segment ?? none)
          : FACET_FILTERS.has(name)
            ? (facetBits.get(name) ?? none)
            : null,
    );
    const ranged = activeNames.map((name, k) => ({ name, k })).filter(({ k }) => bits[k] === null);
    if (ranged.length > 0) {
      // Rows failing two bitset filters count nowhere: test the range filters on the others only.
      const few = this.#buffer(16);
      for (let w = 0; w < words; w++) {
        let ones = 0;
        let twos = 0;
        for (const b of bits) {
          if (!b) continue;
          const fail = ~(b[w] ?? 0);
          twos |= ones & fail;
          ones |= fail;
        }
        few[w] = (alive[w] ?? 0) & ~twos;
      }
      const cutoff = cutoffOf(f.registeredOnOrAfter);
      const c = this.#cols;
      ranged.forEach(({ name, k }, j) => {
        const out = this.#buffer(17 + j);
        out.fill(0);
        // One tight loop per kind of filter over the rows still in play.
        const lo = name === 'price' ? (f.priceMinFen ?? -1) : 0;
        const hi = name === 'price' ? (f.priceMaxFen ?? Number.POSITIVE_INFINITY) : 0;
        const column: ArrayLike<number> =
          name === 'price'
            ? c.price
            : name === 'rangeMinKm'
              ? c.range
              : name === 'mileageMaxKm'
                ? c.mileage
                : c.registered;
        const min =
          name === 'price'
            ? lo
            : name === 'rangeMinKm'
              ? (f.rangeMinKm ?? Number.NEGATIVE_INFINITY)
              : name === 'ageMaxYears'
                ? cutoff
                : Number.NEGATIVE_INFINITY;
        const max =
          name === 'price'
            ? hi
            : name === 'mileageMaxKm'
              ? (f.mileageMaxKm ?? Number.POSITIVE_INFINITY)
              : Number.POSITIVE_INFINITY;
        // No registration (a new car) passes the age filter; no electric range (-1) fails the range filter.
        const zeroPasses = name === 'ageMaxYears';
        const noRange = name === 'rangeMinKm';
        const known =
          name === 'price' || name === 'rangeMinKm' || name === 'mileageMaxKm' || name === 'ageMaxYears';
        for (let w = 0; w < words; w++) {
          let m = known ? (few[w] ?? 0) : 0;
          let word = 0;
          while (m !== 0) {
            const bit = m & -m;
            m ^= bit;
            const v = column[(w << 5) | (31 - Math.clz32(bit))] ?? 0;
            if ((v >= min && v <= max && !(noRange && v === -1)) || (zeroPasses && v === 0)) word |= bit;
          }
          out[w] = word;
        }
        bits[k] = out;
      });
    }
    const all = bits as Uint32Array[];
    const relaxed = new Float64Array(activeNames.length);
    for (let w = 0; w < words; w++) {
      const a = alive[w] ?? 0;
      if (a === 0) continue;
      let ones = 0;
      let twos = 0;
      for (const b of all) {
        const fail = ~(b[w] ?? 0);
        twos |= ones & fail;
        ones |= fail;
      }
      const one = a & ones & ~twos;
      const zero = popcount(a & ~ones);
      if (one === 0 && zero === 0) continue;
      for (let k = 0; k < all.length; k++) {
        relaxed[k] =
          (relaxed[k] ?? 0) + zero + (one === 0 ? 0 : popcount(one & ~((all[k] as Uint32Array)[w] ?? 0)));
      }
    }
    return activeNames
      .map((filter, k) => ({ filter, count: relaxed[k] ?? 0 }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count);
  }

  /**
   * One page in the keyset order of `repo.searchPage`: tier (when the query named things), the sort key,
   * then listing id, all in the sort's direction except tier; rows after `cursor`; `limit` + 1 of them.
   * Null when listing ids were found not to sort in the database's order (a collation other than C).
   */
  page(
    f: SearchFilters,
    sort: SearchSort,
    cursor: SortCursor | undefined,
    limit: number,
  ): { id: string; tier: number }[] | null {
    if (!this.#idsInCodeUnitOrder) return null;
    const matches = this.#evaluate(f);
    const c = this.#cols;
    const key: ArrayLike<number> =
      sort === 'price_asc' || sort === 'price_desc'
        ? c.price
        : sort === 'newest'
          ? c.listedMs
          : sort === 'mileage_asc'
            ? c.mileage
            : c.popularity;
    const desc = sort === 'price_desc' || sort === 'newest' || sort === 'popular';
    const tierOf = this.#tierOf(f);
    const ids = this.#ids;
    // a before b: negative.
    const order = (ta: number, va: number, ia: string, tb: number, vb: number, ib: string): number => {
      if (ta !== tb) return ta - tb;
      if (va !== vb) return desc ? vb - va : va - vb;
      if (ia === ib) return 0;
      return (ia < ib ? -1 : 1) * (desc ? -1 : 1);
    };
    const cursorV =
      cursor === undefined ? 0 : sort === 'newest' ? Date.parse(String(cursor.v)) : Number(cursor.v);
    const cursorT = cursor?.t ?? 0;
    const want = limit + 1;
    // The best `want` rows so far, in order; most rows lose to the last one and cost one comparison.
    const best: number[] = [];
    const rows = matches.rows;
    for (let i = 0; i < matches.n; i++) {
      const row = rows[i] ?? 0;
      const t = tierOf(row);
      const v = key[row] ?? 0;
      const id = ids[row] ?? '';
      if (cursor && order(t, v, id, cursorT, cursorV, cursor.id) <= 0) continue;
      if (best.length === want) {
        const last = best[want - 1] ?? 0;
        if (order(t, v, id, tierOf(last), key[last] ?? 0, ids[last] ?? '') >= 0) continue;
        best.pop();
      }
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const r = best[mid] ?? 0;
        if (order(tierOf(r), key[r] ?? 0, ids[r] ?? '', t, v, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, row);
    }
    return best.map((row) => ({ id: ids[row] ?? '', tier: tierOf(row) }));
  }

  /** namedTier: 0 for a named series, 1 for a named brand, 2 otherwise (0 when nothing was named). */
  #tierOf(f: SearchFilters): (row: number) => number {
    const n = f.named;
    if (!n) return () => 0;
    const series = new Set(
      n.series.map((s) => this.#facets.series.codes.get(s)).filter((x) => x !== undefined),
    );
    const brands = new Set(
      n.brands.map((b) => this.#facets.brand.codes.get(b)).filter((x) => x !== undefined),
    );
    const seriesCol = this.#facets.series.column;
    const brandCol = this.#facets.brand.column;
    return (row) => (series.has(seriesCol[row] ?? 0) ? 0 : brands.has(brandCol[row] ?? 0) ? 1 : 2);
  }

  /** Rough bytes held (typed arrays and postings; strings and maps estimated). */
  approximateBytes(): number {
    let bytes = this.#alive.byteLength;
    for (const k of Object.keys(this.#cols) as (keyof RowColumns)[]) bytes += this.#cols[k].byteLength;
    const posting = (p: Posting) => (p.bits ? p.bits.byteLength : p.rows.byteLength) + 48;
    for (const f of FACETS) {
      bytes += this.#facets[f].column.byteLength;
      for (const p of this.#facets[f].postings) bytes += posting(p);
    }
    for (const [t, p] of this.#tokens) bytes += posting(p) + 2 * t.length + 64;
    // Listing ids: the string and a map entry each.
    bytes += this.#rows * (2 * (this.#ids[0]?.length ?? 26) + 24 + 40);
    return bytes;
  }

  /** Distinct tokens held (for the docs' sizing). */
  get tokenCount(): number {
    return this.#tokens.size;
  }
}
