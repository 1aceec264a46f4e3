import * as OpenCC from 'opencc-js/t2cn';
import type { NamedInQuery } from './search.repository.js';
import type { QueryTerm } from './search.terms.js';
import { editDistance } from './search.tokens.js';

// Query understanding: a buyer's words (二手宝马 10万以内, 7座SUV, 上海特斯拉二手, 家用轿车) become filters,
// brand and series names, a sort and the words left over, before anything is searched. Everything it knows
// comes from data: the name dictionary (brands, series, aliases, pinyin), the cities, and the terms list
// (built-in + operators'); numbers (prices, seats, mileage, age, model year) are patterns below.

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Full-width to half-width (NFKC), simplified characters, lower case, one space between words. */
export function normalizeQuery(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[，。、；：！？,;:!?|/\\()（）【】[\]"'“”‘’]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type UnderstoodFilter =
  | 'kind'
  | 'brand'
  | 'series'
  | 'body'
  | 'energy'
  | 'seats'
  | 'segment'
  | 'city'
  | 'price'
  | 'mileage'
  | 'age'
  | 'year'
  | 'sort';

/** One piece of the query and what it was taken to mean; `text` is the piece as the buyer typed it. */
export interface Understood {
  readonly filter: UnderstoodFilter;
  /** A slug, code or enum value; lists comma-separated; ranges `min-max` (either side may be empty). */
  readonly value: string;
  readonly text: string;
}

/** While reading: an intent's piece, dropped when the buyer's own words set the same filter. */
type Reading = Understood & { readonly soft?: boolean };

/** A brand or series a word names. */
export interface NameRef {
  readonly kind: 'brand' | 'series';
  readonly slug: string;
  readonly brandSlug: string;
}

/** What understanding reads: names, places and terms, all keyed by normalised text without spaces. */
export interface QueryLexicon {
  readonly names: ReadonlyMap<string, readonly NameRef[]>;
  /** City and province names (上海, 上海市, shanghai, 广东, 广东省) -> city codes. */
  readonly places: ReadonlyMap<string, readonly string[]>;
  readonly terms: ReadonlyMap<string, readonly QueryTerm[]>;
  /** Longest key of the three maps, in characters. */
  readonly maxKeyLength: number;
}

/** Builds the lexicon (once per dictionary load). */
export function buildLexicon(
  names: ReadonlyMap<string, readonly NameRef[]>,
  places: ReadonlyMap<string, readonly string[]>,
  terms: readonly QueryTerm[],
): QueryLexicon {
  const byTerm = new Map<string, QueryTerm[]>();
  for (const term of terms) {
    const key = compact(normalizeQuery(term.term));
    if (!key) continue;
    const list = byTerm.get(key) ?? [];
    list.push(term);
    byTerm.set(key, list);
  }
  let maxKeyLength = 1;
  for (const m of [names, places, byTerm])
    for (const k of m.keys()) maxKeyLength = Math.max(maxKeyLength, [...k].length);
  return { names, places, terms: byTerm, maxKeyLength: Math.min(maxKeyLength, 32) };
}

export interface Understanding {
  readonly understood: Understood[];
  readonly kind?: 'new' | 'used';
  readonly body?: string[];
  readonly energy?: string[];
  readonly seats?: number[];
  readonly segment?: string[];
  readonly city?: string[];
  readonly priceMinYuan?: number;
  readonly priceMaxYuan?: number;
  readonly mileageMaxKm?: number;
  readonly ageMaxYears?: number;
  readonly yearMin?: number;
  readonly yearMax?: number;
  readonly sort?: 'price_asc' | 'price_desc' | 'newest' | 'mileage_asc';
  /** Brands and series named, with the typed name tokens (for the text-match tier). */
  readonly named?: NamedInQuery;
  /** What is left to match as text (unknown words), normalised. */
  readonly words: string[];
}

const compact = (s: string) => s.replace(/\s+/g, '');

// ---- numbers ----

const CN_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十五 -> 15, 二十 -> 20, 三 -> 3 (up to 99; what buyers write before 万, 座, 年). */
function chineseNumber(s: string): number | null {
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[2] ? (CN_DIGITS[m[2]] ?? 0) : 0);
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s] ?? null;
  return null;
}

/** Chinese numerals before a unit become digits: 十五万 -> 15万, 七座 -> 7座, 三年 -> 3年. */
function arabicNumerals(text: string): string {
  return text.replace(
    /([零一二两三四五六七八九十]{1,3})(?=\s*(万|座|年|公里|个月|w\b))/g,
    (whole, num: string) => {
      const n = chineseNumber(num);
      return n === null ? whole : String(n);
    },
  );
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const WAN = '(万元|万块|万|w|k|千元|元|块)';

function yuan(amount: string, unit: string | undefined): number {
  const n = Number(amount);
  switch (unit) {
    case '万':
    case '万元':
    case '万块':
    case 'w':
      return Math.round(n * 10_000);
    case 'k':
      return Math.round(n * 1_000);
    case '千元':
      return Math.round(n * 1_000);
    default:
      return Math.round(n);
  }
}

interface Pattern {
  readonly re: RegExp;
  readonly apply: (m: RegExpExecArray, into: Draft) => Understood['filter'] | null;
}

/** Values collected while reading the query; `hard` filters came from the buyer's own words. */
interface Draft {
  kind: Set<'new' | 'used'>;
  body: { hard: Set<string>; soft: Set<string> };
  energy: { hard: Set<string>; soft: Set<string> };
  seats: { hard: Set<number>; soft: Set<number> };
  segment: { hard: Set<string>; soft: Set<string> };
  city: Set<string>;
  priceMin?: number;
  priceMax?: number;
  mileageMax?: number;
  ageMax?: number;
  yearMin?: number;
  yearMax?: number;
  sort?: { value: Understanding['sort']; soft: boolean };
}

const lower = (d: Draft, min: number) => {
  d.priceMin = Math.max(d.priceMin ?? 0, min);
};
const upper = (d: Draft, max: number) => {
  d.priceMax = d.priceMax === undefined ? max : Math.min(d.priceMax, max);
};

/** Patterns tried before words, longest and most specific first. */
const PATTERNS: readonly Pattern[] = [
  {
    // 5万公里以内, 3万km内, 不超过2万公里
    re: new RegExp(
      String.raw`(?:不超过|少于|低于)?\s*${NUM}\s*(万)?\s*(?:公里|km)\s*(?:以内|以下|之内|内)?`,
      'y',
    ),
    apply: (m, d) => {
      const km = Math.round(Number(m[1]) * (m[2] ? 10_000 : 1));
      d.mileageMax = Math.min(d.mileageMax ?? km, km);
      return 'mileage';
    },
  },
  {
    // 3年内, 车龄2年以内, 5年以下
    re: new RegExp(String.raw`(?:车龄)?\s*${NUM}\s*年\s*(?:以内|以下|之内|内)`, 'y'),
    apply: (m, d) => {
      const years = Math.max(0, Math.floor(Number(m[1])));
      d.ageMax = Math.min(d.ageMax ?? years, years);
      return 'age';
    },
  },
  {
    // 2023款
    re: /(20\d\d|19\d\d)\s*款/y,
    apply: (m, d) => {
      const y = Number(m[1]);
      d.yearMin = y;
      d.yearMax = y;
      return 'year';
    },
  },
  {
    // 10-15万, 10到15万, 10~15w, 8万-12万
    re: new RegExp(String.raw`${NUM}\s*${WAN}?\s*(?:-|~|到|至)\s*${NUM}\s*${WAN}`, 'y'),
    apply: (m, d) => {
      const unit = m[4];
      const a = yuan(m[1] ?? '0', m[2] ?? unit);
      const b = yuan(m[3] ?? '0', unit);
      lower(d, Math.min(a, b));
      upper(d, Math.max(a, b));
      return 'price';
    },
  },
  {
    // 不超过15万, 低于20万, under 200k
    re: new RegExp(
      String.raw`(?:不超过|不到|低于|少于|最多|预算|under|below|lessthan|less than)\s*${NUM}\s*${WAN}`,
      'y',
    ),
    apply: (m, d) => {
      upper(d, yuan(m[1] ?? '0', m[2]));
      return 'price';
    },
  },
  {
    // 高于30万, over 300k
    re: new RegExp(String.raw`(?:高于|超过|大于|over|above|morethan|more than)\s*${NUM}\s*${WAN}`, 'y'),
    apply: (m, d) => {
      lower(d, yuan(m[1] ?? '0', m[2]));
      return 'price';
    },
  },
  {
    // 10万以内, 10万以下, 10万内
    re: new RegExp(String.raw`${NUM}\s*${WAN}\s*(?:以内|以下|之内|内|以里)`, 'y'),
    apply: (m, d) => {
      upper(d, yuan(m[1] ?? '0', m[2]));
      return 'price';
    },
  },
  {
    // 30万以上, 30万起
    re: new RegExp(String.raw`${NUM}\s*${WAN}\s*(?:以上|起|往上)`, 'y'),
    apply: (m, d) => {
      lower(d, yuan(m[1] ?? '0', m[2]));
      return 'price';
    },
  },
  {
    // 20万左右, 15万 (a bare price: about that much, ±10%)
    re: new RegExp(String.raw`${NUM}\s*(万元|万块|万|w)\s*(?:左右|上下|附近)?`, 'y'),
    apply: (m, d) => {
      const p = yuan(m[1] ?? '0', m[2]);
      lower(d, Math.round(p * 0.9));
      upper(d, Math.round(p * 1.1));
      return 'price';
    },
  },
  {
    // 7座, 五座, 7-seater, 7 seats
    re: /([2-9])\s*(?:-\s*)?(?:座|人座|seater|seats?)/y,
    apply: (m, d) => {
      d.seats.hard.add(Number(m[1]));
      return 'seats';
    },
  },
];

// ---- words ----

const LATIN = /[a-z0-9]/;

function applyTerm(term: QueryTerm, d: Draft): boolean {
  const values = term.value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const into = <T>(target: { hard: Set<T>; soft: Set<T> }, vs: T[]) => {
    for (const v of vs) (term.soft ? target.soft : target.hard).add(v);
  };
  switch (term.filter) {
    case 'kind':
      if (values[0] === 'new' || values[0] === 'used') d.kind.add(values[0]);
      return true;
    case 'body':
      into(d.body, values);
      return true;
    case 'energy':
      into(d.energy, values);
      return true;
    case 'segment':
      into(d.segment, values);
      return true;
    case 'seats':
      into(
        d.seats,
        values.map(Number).filter((n) => Number.isInteger(n)),
      );
      return true;
    case 'city':
      for (const v of values) d.city.add(v);
      return true;
    case 'age': {
      const years = Number(values[0]);
      if (Number.isFinite(years)) d.ageMax = Math.min(d.ageMax ?? years, years);
      return true;
    }
    case 'mileage': {
      const km = Number(values[0]);
      if (Number.isFinite(km)) d.mileageMax = Math.min(d.mileageMax ?? km, km);
      return true;
    }
    case 'sort': {
      const v = values[0];
      if (v === 'price_asc' || v === 'price_desc' || v === 'newest' || v === 'mileage_asc') {
        if (!d.sort || d.sort.soft || !term.soft) d.sort = { value: v, soft: Boolean(term.soft) };
      }
      return true;
    }
    case 'ignore':
      return true;
  }
}

interface WordHit {
  readonly length: number;
  readonly key: string;
  readonly terms?: readonly QueryTerm[];
  readonly place?: readonly string[];
  readonly names?: readonly NameRef[];
}

/** The longest known word starting at `i` (spaces inside it skipped), respecting latin word boundaries. */
function longestWord(chars: readonly string[], i: number, lex: QueryLexicon): WordHit | null {
  const startsLatin = LATIN.test(chars[i] ?? '');
  if (startsLatin && i > 0 && LATIN.test(chars[i - 1] ?? '')) return null;
  let key = '';
  let best: WordHit | null = null;
  let keyLength = 0;
  for (let j = i; j < chars.length && keyLength < lex.maxKeyLength; j++) {
    const c = chars[j] ?? '';
    if (c === ' ') continue;
    key += c;
    keyLength++;
    // A latin word ends at a non-latin character (x5 is not the start of x50).
    if (LATIN.test(c) && LATIN.test(chars[j + 1] ?? '')) continue;
    const terms = lex.terms.get(key);
    const place = lex.places.get(key);
    const names = lex.names.get(key);
    if (terms || place || names) {
      best = {
        length: j + 1 - i,
        key,
        ...(terms ? { terms } : {}),
        ...(place ? { place } : {}),
        ...(names ? { names } : {}),
      };
    }
  }
  return best;
}

/** A leftover latin word within typo distance of one name (tesle -> tesla); null when none or several. */
function typoName(word: string, lex: QueryLexicon): { key: string; names: readonly NameRef[] } | null {
  if (!/^[a-z]{4,}$/.test(word)) return null;
  const max = word.length <= 6 ? 1 : 2;
  let found: { key: string; names: readonly NameRef[]; d: number } | null = null;
  for (const [key, names] of lex.names) {
    if (!/^[a-z]+$/.test(key) || Math.abs(key.length - word.length) > max) continue;
    const d = editDistance(word, key, max);
    if (d <= max && (!found || d < found.d)) found = { key, names, d };
  }
  return found ? { key: found.key, names: found.names } : null;
}

/** Reads a search query. Pure: the lexicon holds every list it needs. */
export function understandQuery(raw: string, lex: QueryLexicon): Understanding {
  const text = arabicNumerals(normalizeQuery(raw));
  const understood: Reading[] = [];
  const d: Draft = {
    kind: new Set(),
    body: { hard: new Set(), soft: new Set() },
    energy: { hard: new Set(), soft: new Set() },
    seats: { hard: new Set(), soft: new Set() },
    segment: { hard: new Set(), soft: new Set() },
    city: new Set(),
  };
  const series = new Set<string>();
  const brands = new Set<string>();
  const nameTokens = new Set<string>();
  const words: string[] = [];
  const chars = [...text];
  let pending = '';
  const flush = () => {
    const w = pending.trim();
    pending = '';
    if (!w) return;
    for (const piece of w.split(' ')) {
      const typo = typoName(piece, lex);
      if (typo) {
        nameOf(typo.key, typo.names, piece);
        continue;
      }
      words.push(piece);
    }
  };
  const nameOf = (key: string, refs: readonly NameRef[], typed: string) => {
    nameTokens.add(key);
    for (const ref of refs) {
      if (ref.kind === 'series') {
        series.add(ref.slug);
        understood.push({ filter: 'series', value: ref.slug, text: typed });
      } else {
        understood.push({ filter: 'brand', value: ref.slug, text: typed });
      }
      brands.add(ref.brandSlug);
    }
  };
  let i = 0;
  while (i < chars.length) {
    if (chars[i] === ' ') {
      pending += ' ';
      i++;
      continue;
    }
    // A number pattern starts at a word boundary (10万 yes, x10万 no).
    const boundary = i === 0 || !LATIN.test(chars[i - 1] ?? '') || !/\d/.test(chars[i] ?? '');
    let matched = false;
    if (boundary) {
      const rest = chars.slice(i).join('');
      for (const p of PATTERNS) {
        p.re.lastIndex = 0;
        const m = p.re.exec(rest);
        if (!m || m[0].trim() === '') continue;
        flush();
        const filter = p.apply(m, d);
        if (filter) understood.push({ filter, value: '', text: m[0].trim() });
        i += [...m[0]].length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const hit = longestWord(chars, i, lex);
    if (hit) {
      flush();
      const typed = chars
        .slice(i, i + hit.length)
        .join('')
        .trim();
      // A term outranks a place, a place a name, when the very same text is several (7座 is no brand).
      if (hit.terms) {
        for (const term of hit.terms) {
          applyTerm(term, d);
          if (term.filter !== 'ignore') {
            understood.push({
              filter: term.filter,
              value: term.value,
              text: typed,
              soft: Boolean(term.soft),
            });
          }
        }
      } else if (hit.place) {
        for (const code of hit.place) d.city.add(code);
        understood.push({ filter: 'city', value: hit.place.join(','), text: typed });
      } else if (hit.names) {
        nameOf(hit.key, hit.names, typed);
      }
      i += hit.length;
      continue;
    }
    pending += chars[i];
    i++;
  }
  flush();
  return finish(d, understood, { series, brands, nameTokens }, words);
}

function pick<T>(slot: { hard: Set<T>; soft: Set<T> }): T[] | undefined {
  const chosen = slot.hard.size > 0 ? slot.hard : slot.soft;
  return chosen.size > 0 ? [...chosen] : undefined;
}

const range = (min: number | undefined, max: number | undefined) => `${min ?? ''}-${max ?? ''}`;

function finish(
  d: Draft,
  raw: Reading[],
  names: { series: Set<string>; brands: Set<string>; nameTokens: Set<string> },
  words: string[],
): Understanding {
  const body = pick(d.body);
  const energy = pick(d.energy);
  const seats = pick(d.seats);
  const segment = pick(d.segment);
  // 新车 and 二手 together cancel out.
  const kind = d.kind.size === 1 ? [...d.kind][0] : undefined;
  const city = d.city.size > 0 ? [...d.city] : undefined;
  // Filled-in values for the pieces read by patterns; an intent that yielded to the buyer's own words
  // (家用 in 家用轿车 sets seats, not the body) stays listed only for what it did set.
  const understood: Understood[] = [];
  const seen = new Set<string>();
  const hardSet: Partial<Record<UnderstoodFilter, boolean>> = {
    body: d.body.hard.size > 0,
    energy: d.energy.hard.size > 0,
    seats: d.seats.hard.size > 0,
    segment: d.segment.hard.size > 0,
    sort: d.sort !== undefined && !d.sort.soft,
  };
  for (const u of raw) {
    if (u.soft && hardSet[u.filter]) continue;
    if (u.filter === 'sort' && u.value !== d.sort?.value) continue;
    let value = u.value;
    switch (u.filter) {
      case 'price':
        value = range(d.priceMin, d.priceMax);
        break;
      case 'mileage':
        value = range(undefined, d.mileageMax);
        break;
      case 'age':
        value = range(undefined, d.ageMax);
        break;
      case 'year':
        value = range(d.yearMin, d.yearMax);
        break;
      case 'seats':
        if (!value) value = (seats ?? []).join(',');
        break;
      case 'kind':
        if (!kind) continue;
        break;
      default:
        break;
    }
    const key = `${u.filter}|${value}|${u.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    understood.push({ filter: u.filter, value, text: u.text });
  }
  const named: NamedInQuery | undefined =
    names.series.size > 0 || names.brands.size > 0
      ? {
          series: [...names.series],
          // A named series' brand is the second tier; a brand named on its own is the first.
          brands: [...names.brands],
          tokens: [...names.nameTokens],
        }
      : undefined;
  return {
    understood,
    ...(kind ? { kind } : {}),
    ...(body ? { body } : {}),
    ...(energy ? { energy } : {}),
    ...(seats ? { seats } : {}),
    ...(segment ? { segment } : {}),
    ...(city ? { city } : {}),
    ...(d.priceMin !== undefined ? { priceMinYuan: d.priceMin } : {}),
    ...(d.priceMax !== undefined ? { priceMaxYuan: d.priceMax } : {}),
    ...(d.mileageMax !== undefined ? { mileageMaxKm: d.mileageMax } : {}),
    ...(d.ageMax !== undefined ? { ageMaxYears: d.ageMax } : {}),
    ...(d.yearMin !== undefined ? { yearMin: d.yearMin } : {}),
    ...(d.yearMax !== undefined ? { yearMax: d.yearMax } : {}),
    ...(d.sort?.value ? { sort: d.sort.value } : {}),
    ...(named ? { named } : {}),
    words,
  };
}
