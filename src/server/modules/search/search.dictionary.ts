import type { DbHandle } from '../../kernel/db/client.js';
import { searchableNames } from '../catalog/index.js';
import { listedWeights } from './search.repository.js';
import { editDistance, namedThingTokens, normalizeText, pinyinSyllables } from './search.tokens.js';

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

  /** The dictionary, loading it when missing, stale or older than the TTL. */
  async get(db: DbHandle, nowMs: number = Date.now()): Promise<SearchDictionary> {
    const c = this.#current;
    if (c && nowMs - c.loadedAtMs < DICTIONARY_TTL_MS) return c.dictionary;
    const generation = this.#generation;
    const dictionary = await loadDictionary(db);
    if (generation === this.#generation) this.#current = { dictionary, loadedAtMs: nowMs };
    return dictionary;
  }
}

/** Brand and series names from the model database, weighted by their listed vehicles in the read model. */
async function loadDictionarySource(db: DbHandle) {
  const [names, weights] = await Promise.all([searchableNames(db), listedWeights(db)]);
  return {
    brands: names.brands.map((b) => ({ ...b, weight: weights.brands.get(b.id) ?? 0 })),
    series: names.series.map((s) => ({ ...s, weight: weights.series.get(s.id) ?? 0 })),
  };
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
  const dictionary: SearchDictionary = {
    entries: entries.slice(0, MAX_ENTRIES),
    nameTokens: nameTokenSet,
    brandNames,
    seriesNames,
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
