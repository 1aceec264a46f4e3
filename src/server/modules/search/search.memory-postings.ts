import { FILTER_NAMES } from './search.contract.js';
import type { MemoryIndexRow } from './search.memory.repository.js';
import type { FacetName, SearchFilters } from './search.repository.js';

// The index's building blocks (postings: rows with one facet value or token; facet columns) and which filter
// sets it answers.

/** Rows that have one facet value or token: sorted row numbers while sparse, a bitset once dense. */
export class Posting {
  rows: Uint32Array = new Uint32Array(4);
  length = 0;
  bits: Uint32Array | null = null;

  add(row: number): void {
    if (this.bits) {
      this.bits[row >>> 5] = (this.bits[row >>> 5] ?? 0) | (1 << (row & 31));
      return;
    }
    if (this.length === this.rows.length) {
      const grown = new Uint32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.length++] = row;
  }

  /** Becomes a bitset when that is smaller than the list (more than one row in 32 has it). */
  settle(words: number): void {
    if (this.bits) return;
    if (this.length > words) {
      const bits = new Uint32Array(words);
      for (let i = 0; i < this.length; i++) {
        const r = this.rows[i] ?? 0;
        bits[r >>> 5] = (bits[r >>> 5] ?? 0) | (1 << (r & 31));
      }
      this.bits = bits;
      this.rows = new Uint32Array(0);
      this.length = 0;
    } else if (this.rows.length > this.length) {
      this.rows = this.rows.slice(0, Math.max(this.length, 4));
    }
  }

  grow(words: number): void {
    if (!this.bits) return;
    const bits = new Uint32Array(words);
    bits.set(this.bits);
    this.bits = bits;
  }

  /** target |= this */
  orInto(target: Uint32Array): void {
    if (this.bits) {
      const b = this.bits;
      for (let w = 0; w < b.length; w++) target[w] = (target[w] ?? 0) | (b[w] ?? 0);
      return;
    }
    for (let i = 0; i < this.length; i++) {
      const r = this.rows[i] ?? 0;
      target[r >>> 5] = (target[r >>> 5] ?? 0) | (1 << (r & 31));
    }
  }

  /** target &= this (`scratch` is overwritten when the posting is a list). */
  andInto(target: Uint32Array, scratch: Uint32Array): void {
    if (this.bits) {
      const b = this.bits;
      for (let w = 0; w < target.length; w++) target[w] = (target[w] ?? 0) & (b[w] ?? 0);
      return;
    }
    scratch.fill(0);
    for (let i = 0; i < this.length; i++) {
      const r = this.rows[i] ?? 0;
      const w = r >>> 5;
      const bit = 1 << (r & 31);
      if ((target[w] ?? 0) & bit) scratch[w] = (scratch[w] ?? 0) | bit;
    }
    target.set(scratch);
  }
}

/** One facet's values: codes (0 = no value, e.g. a new car's grade), their text as SQL casts it, postings. */
export class FacetColumn {
  readonly codes: Map<string, number> = new Map();
  readonly values: string[] = [''];
  readonly postings: Posting[] = [new Posting()];
  column: Uint16Array;

  constructor(capacity: number) {
    this.column = new Uint16Array(capacity);
  }

  code(value: string | null): number {
    if (value === null) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      if (c > 0xffff) throw new Error('memory index: more than 65535 values of one facet');
      this.codes.set(value, c);
      this.values.push(value);
      this.postings.push(new Posting());
    }
    return c;
  }
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Per-row values of the non-facet filters and sorts. */
export interface RowColumns {
  price: Float64Array;
  /** electric_range_km, -1 when null. */
  range: Int32Array;
  mileage: Int32Array;
  /** YYYYMMDD of first registration, 0 when null (new cars always pass the age filter). */
  registered: Int32Array;
  year: Int32Array;
  popularity: Int32Array;
  listedMs: Float64Array;
}

export const FACET_VALUE: Record<FacetName, (r: MemoryIndexRow) => string | null> = {
  brand: (r) => r.brand_slug,
  series: (r) => r.series_slug,
  body: (r) => r.body_type,
  energy: (r) => r.energy_type,
  seats: (r) => String(r.seats),
  kind: (r) => r.kind,
  city: (r) => r.city_code,
  grade: (r) => (r.condition_grade === null ? null : String(r.condition_grade)),
  year: (r) => String(r.model_year),
};

/** 'YYYY-MM-DD' -> YYYYMMDD (0: no cut-off). */
export function cutoffOf(date: string | undefined): number {
  return date === undefined ? 0 : Number(date.replaceAll('-', ''));
}

/** The filters this index understands; a filter set with any other key is answered by SQL. */
export const MEMORY_FILTER_KEYS = new Set<string>([
  'tokens',
  'named',
  'kind',
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'segment',
  'city',
  'grade',
  'priceMinFen',
  'priceMaxFen',
  'rangeMinKm',
  'yearMin',
  'yearMax',
  'mileageMaxKm',
  'registeredOnOrAfter',
]);
/** Every filter condition the service builds (FILTER_NAMES): the index knows each of them. */
const KNOWN_CONDITIONS = new Set<string>(FILTER_NAMES);

/** Whether this index answers these filters (and the SQL conditions built from them) exactly. */
export function memoryIndexAnswers(filters: SearchFilters, conditionNames: readonly string[]): boolean {
  return (
    Object.keys(filters).every((k) => MEMORY_FILTER_KEYS.has(k)) &&
    conditionNames.every((k) => KNOWN_CONDITIONS.has(k))
  );
}
