import type { DbHandle } from '../../kernel/db/client.js';
import { searchableNames } from '../catalog/index.js';
import { listCities } from '../dealers/index.js';
import { listedWeights, listQueryTerms } from './search.repository.js';
import { BUILT_IN_TERMS, mergeTerms, type QueryTerm, type QueryTermFilter } from './search.terms.js';
import { editDistance, namedThingTokens, normalizeText, pinyinSyllables } from './search.tokens.js';
import { buildLexicon, type NameRef, normalizeQuery, type QueryLexicon } from './search.understand.js';

// The in-memory dictionary of brand and series names (with pinyin and aliases): it segments queries into
// known names and answers typo-tolerant suggestions. One per app (in its SearchCaches), reloaded when
// listings or the catalog change (events, also in other processes) or after DICTIONARY_TTL_MS; its size is
// bounded.

const DICTIONARY_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

export interface DictionaryEntry {
  readonly kind: 'brand' | 'series';
  readonly id: string;
  readonly slug: string;
  /** Display text: 比亚迪, or 比亚迪 汉 for a series. */
  readonly label: string;
  readonly brandSlug: string;
  /** Normalised strings a prefix or a typo can match: names, pinyin, initials, aliases. */
  readonly keys: readonly string[];
  /** Listed vehicles under this name (ranks suggestions). */
  readonly weight: number;
}

export interface SearchDictionary {
  readonly entries: readonly DictionaryEntry[];
  /** Whole-name tokens used to segment queries. */
  readonly nameTokens: ReadonlySet<string>;
  readonly brandNames: ReadonlyMap<string, string>;
  readonly seriesNames: ReadonlyMap<string, string>;
  /** Names, places and terms for query understanding. */
  readonly lexicon: QueryLexicon;
}

/** One app's dictionary: loaded on first use, reloaded when marked stale or older than the TTL. */
export class DictionaryCache {
  #current: { dictionary: SearchDictionary; loadedAtMs: number } | undefined;
  /** Bumped by `invalidate`: a load that started before it does not keep its (possibly stale) result. */
  #generation = 0;

  /** Brand, series or listings changed: the next read reloads. */
  invalidate(): void {
    this.#current = undefined;
    this.#generation++;
  }

  /** A load under way and the generation it started in (concurrent misses share it). */
  #loading: { generation: number; promise: Promise<SearchDictionary> } | undefined;

  /**
   * The dictionary, loading it when missing or marked stale; older than the TTL it is served while one
   * reload runs. One load at a time: it counts listed vehicles per brand and series over the whole read
   * model (a million rows: a second of PostgreSQL), and fifty concurrent searches each starting one stalled
   * the cold search bench for seconds.
   */
  async get(db: DbHandle, nowMs: number = Date.now()): Promise<SearchDictionary> {
    const c = this.#current;
    if (c && nowMs - c.loadedAtMs < DICTIONARY_TTL_MS) return c.dictionary;
    const generation = this.#generation;
    let loading = this.#loading;
    if (loading?.generation !== generation) {
      const promise = loadDictionary(db).then((dictionary) => {
        if (generation === this.#generation) this.#current = { dictionary, loadedAtMs: Date.now() };
        return dictionary;
      });
      loading = { generation, promise };
      this.#loading = loading;
      const settled = loading;
      promise
        .catch(() => undefined)
        .finally(() => {
          if (this.#loading === settled) this.#loading = undefined;
        });
    }
    // Only aged (not invalidated): the old one answers while the reload runs.
    if (c) return c.dictionary;
    return loading.promise;
  }
}

/** Brand and series names from the model database, weighted by their listed vehicles in the read model. */
async function loadDictionarySource(db: DbHandle) {
  const [names, weights, cities, terms] = await Promise.all([
    searchableNames(db),
    listedWeights(db),
    listCities(db),
    listQueryTerms(db),
  ]);
  return {
    brands: names.brands.map((b) => ({ ...b, weight: weights.brands.get(b.id) ?? 0 })),
    series: names.series.map((s) => ({ ...s, weight: weights.series.get(s.id) ?? 0 })),
    cities,
    terms: terms.map(
      (t): QueryTerm => ({ term: t.term, filter: t.filter as QueryTermFilter, value: t.value, soft: t.soft }),
    ),
  };
}

/** Name tokens a buyer's word may be read as: not bare numbers (3 of Model 3) or single latin letters. */
function understandableKeys(tokens: readonly string[]): string[] {
  return tokens.filter((k) => !/^\d+$/.test(k) && !/^[a-z0-9]$/.test(k));
}

/** Place names -> city codes: cities (上海, 上海市, shanghai) and provinces (广东, 广东省) with their cities. */
function placesOf(cities: Awaited<ReturnType<typeof listCities>>): Map<string, string[]> {
  const places = new Map<string, string[]>();
  const add = (name: string | null | undefined, codes: readonly string[]) => {
    const key = normalizeQuery(name ?? '').replace(/[^\p{L}\p{N}]+/gu, '');
    if (!key) return;
    const list = places.get(key) ?? [];
    for (const c of codes) if (!list.includes(c)) list.push(c);
    places.set(key, list);
  };
  const byProvince = new Map<string, { names: string[]; codes: string[] }>();
  for (const c of cities) {
    add(c.name, [c.code]);
    add(`${c.name}市`, [c.code]);
    add(c.nameEn, [c.code]);
    const p = byProvince.get(c.province.code) ?? { names: [], codes: [] };
    p.codes.push(c.code);
    p.names.push(c.province.name, c.province.nameEn);
    byProvince.set(c.province.code, p);
  }
  for (const p of byProvince.values()) {
    for (const name of new Set(p.names)) {
      add(name, p.codes);
      add(name.replace(/(壮族|回族|维吾尔)?(自治区|省|市)$/, ''), p.codes);
    }
  }
  return places;
}

/** Builds the dictionary from the model database and the read model's listed counts. */
async function loadDictionary(db: DbHandle): Promise<SearchDictionary> {
  const source = await loadDictionarySource(db);
  const entries: DictionaryEntry[] = [];
  const nameTokenSet = new Set<string>();
  const brandNames = new Map<string, string>();
  const seriesNames = new Map<string, string>();
  const brandById = new Map(source.brands.map((b) => [b.id, b]));
  for (const b of source.brands) {
    brandNames.set(b.slug, b.name);
    const tokens = namedThingTokens(b);
    for (const t of tokens) nameTokenSet.add(t);
    entries.push({
      kind: 'brand',
      id: b.id,
      slug: b.slug,
      label: b.name,
      brandSlug: b.slug,
      keys: keysOf(tokens, b.name),
      weight: b.weight,
    });
  }
  for (const s of source.series) {
    const brand = brandById.get(s.brandId);
    seriesNames.set(s.slug, s.name);
    const tokens = namedThingTokens(s);
    for (const t of tokens) nameTokenSet.add(t);
    entries.push({
      kind: 'series',
      id: s.id,
      slug: s.slug,
      label: brand ? `${brand.name} ${s.name}` : s.name,
      brandSlug: brand?.slug ?? '',
      keys: keysOf(tokens, s.name),
      weight: s.weight,
    });
  }
  entries.sort((a, b) => b.weight - a.weight || a.slug.localeCompare(b.slug));
  const names = new Map<string, NameRef[]>();
  const nameRef = (key: string, ref: NameRef) => {
    const list = names.get(key) ?? [];
    if (!list.some((r) => r.kind === ref.kind && r.slug === ref.slug)) list.push(ref);
    names.set(key, list);
  };
  for (const b of source.brands) {
    for (const k of understandableKeys(namedThingTokens(b)))
      nameRef(k, { kind: 'brand', slug: b.slug, brandSlug: b.slug });
  }
  for (const s of source.series) {
    const brandSlug = brandById.get(s.brandId)?.slug ?? '';
    for (const k of understandableKeys(namedThingTokens(s)))
      nameRef(k, { kind: 'series', slug: s.slug, brandSlug });
  }
  // A word that names a brand names the brand, not every series whose name or alias holds it (极氪 of 极氪7X,
  // xiaomi of 小米SU7's pinyin): the buyer asked for the make.
  for (const [key, refs] of names) {
    const brandsNamed = new Set(refs.filter((r) => r.kind === 'brand').map((r) => r.brandSlug));
    if (brandsNamed.size > 0) {
      names.set(
        key,
        refs.filter((r) => r.kind === 'brand' || !brandsNamed.has(r.brandSlug)),
      );
    }
  }
  const dictionary: SearchDictionary = {
    entries: entries.slice(0, MAX_ENTRIES),
    nameTokens: nameTokenSet,
    brandNames,
    seriesNames,
    lexicon: buildLexicon(names, placesOf(source.cities), mergeTerms(BUILT_IN_TERMS, source.terms)),
  };
  return dictionary;
}

function keysOf(tokens: readonly string[], name: string): string[] {
  const keys = new Set(tokens);
  keys.add(normalizeText(name).replace(/\s+/g, ''));
  const syl = pinyinSyllables(name);
  if (syl.length > 0) keys.add(syl.join(''));
  return [...keys];
}

/** How many typos a typed prefix may carry: none for very short input, 1 up to 6 letters, then 2. */
export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

export interface Suggestion {
  readonly kind: 'brand' | 'series' | 'query';
  readonly text: string;
  readonly slug: string | null;
  readonly brandSlug: string | null;
  /** How it matched: prefix of a name or pinyin, or within the allowed edit distance. */
  readonly match: 'prefix' | 'typo';
}

/** Suggestions for typed input: prefix matches first, then typo matches, then popular queries. */
export function suggest(
  dictionary: SearchDictionary,
  popular: ReadonlyMap<string, number>,
  input: string,
  limit: number,
): Suggestion[] {
  const q = normalizeText(input).replace(/\s+/g, '');
  if (!q) return [];
  const scored: { s: Suggestion; rank: number; weight: number }[] = [];
  const typos = allowedTypos([...q].length);
  for (const e of dictionary.entries) {
    let best: 'prefix' | 'typo' | null = null;
    let distance = Number.POSITIVE_INFINITY;
    for (const key of e.keys) {
      if (key.startsWith(q)) {
        best = 'prefix';
        break;
      }
      if (typos > 0) {
        // Compare with the whole key and with its prefix of the typed length (typing is incomplete).
        const d = Math.min(editDistance(q, key, typos), editDistance(q, key.slice(0, q.length), typos));
        if (d <= typos && d < distance) {
          distance = d;
          best = 'typo';
        }
      }
    }
    if (best) {
      scored.push({
        s: { kind: e.kind, text: e.label, slug: e.slug, brandSlug: e.brandSlug, match: best },
        rank: best === 'prefix' ? (e.kind === 'brand' ? 0 : 1) : 2 + distance,
        weight: e.weight,
      });
    }
  }
  scored.sort((a, b) => a.rank - b.rank || b.weight - a.weight || a.s.text.localeCompare(b.s.text));
  const out = scored.slice(0, limit).map((x) => x.s);
  if (out.length < limit) {
    const seen = new Set(out.map((s) => normalizeText(s.text).replace(/\s+/g, '')));
    const matches = [...popular.entries()]
      .filter(([k]) => k.replace(/\s+/g, '').startsWith(q) && !seen.has(k.replace(/\s+/g, '')))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [k] of matches.slice(0, limit - out.length)) {
      out.push({ kind: 'query', text: k, slug: null, brandSlug: null, match: 'prefix' });
    }
  }
  return out;
}
