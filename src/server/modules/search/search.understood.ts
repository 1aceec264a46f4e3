import type { AppContext } from '../../kernel/context.js';
import type { SearchCaches } from './search.caches.js';
import type { TSearchQuery, TSearchResponse } from './search.contract.js';
import type { SearchDictionary } from './search.dictionary.js';
import { bodyLabel, energyLabel, kindLabel, type Lang, namesEn, seatsLabel } from './search.mappers.js';
import type { SearchFilters, SearchSort } from './search.repository.js';
import { queryTokens } from './search.tokens.js';
import { type Understanding, type Understood, understandQuery } from './search.understand.js';

// Joins what the buyer typed (understood) with what they picked (query parameters): a parameter wins over
// the same filter read from the text, and only the pieces that were applied are reported.

export interface ReadQuery {
  /** Filters before the service turns yuan into fen and years into a date (see toFilters). */
  readonly query: TSearchQuery;
  readonly named?: SearchFilters['named'];
  readonly tokens?: readonly string[];
  readonly understood: Understood[];
}

/** The query with the understood filters filled in where the buyer did not set them. */
export function readQuery(query: TSearchQuery, dictionary: SearchDictionary): ReadQuery {
  if (!query.q) return { query, understood: [] };
  const u: Understanding = understandQuery(query.q, dictionary.lexicon);
  const q: TSearchQuery = { ...query };
  const applied = new Set<Understood['filter']>();
  const fill = <K extends keyof TSearchQuery>(
    key: K,
    value: TSearchQuery[K] | undefined,
    as: Understood['filter'],
  ) => {
    if (value === undefined || query[key] !== undefined) return;
    q[key] = value;
    applied.add(as);
  };
  fill('kind', u.kind, 'kind');
  fill('body', u.body as TSearchQuery['body'], 'body');
  fill('energy', u.energy as TSearchQuery['energy'], 'energy');
  fill('seats', u.seats, 'seats');
  fill('segment', u.segment as TSearchQuery['segment'], 'segment');
  fill('city', u.city, 'city');
  if (query.priceMinYuan === undefined && query.priceMaxYuan === undefined) {
    if (u.priceMinYuan !== undefined || u.priceMaxYuan !== undefined) {
      q.priceMinYuan = u.priceMinYuan;
      q.priceMaxYuan = u.priceMaxYuan;
      applied.add('price');
    }
  }
  fill('mileageMaxKm', u.mileageMaxKm, 'mileage');
  fill('ageMaxYears', u.ageMaxYears, 'age');
  if (query.yearMin === undefined && query.yearMax === undefined && u.yearMin !== undefined) {
    q.yearMin = u.yearMin;
    q.yearMax = u.yearMax;
    applied.add('year');
  }
  // The default sort is 'popular': a buyer who chose another keeps it over 便宜 or 最新.
  if (u.sort && query.sort === 'popular') {
    q.sort = u.sort;
    applied.add('sort');
  }
  if (u.named) {
    applied.add('brand');
    applied.add('series');
  }
  const words = u.words.join(' ');
  const tokens = words ? queryTokens(words, dictionary.nameTokens) : [];
  return {
    query: q,
    ...(u.named ? { named: u.named } : {}),
    ...(tokens.length > 0 ? { tokens } : {}),
    understood: u.understood.filter((x) => applied.has(x.filter)),
  };
}

const SORT_LABELS: Record<Exclude<SearchSort, 'popular'>, [string, string]> = {
  price_asc: ['价格从低到高', 'Price: low to high'],
  price_desc: ['价格从高到低', 'Price: high to low'],
  newest: ['最新上架', 'Newest'],
  mileage_asc: ['里程最少', 'Lowest mileage'],
};

function wan(yuan: string, en: boolean): string {
  const n = Number(yuan);
  if (en) return `¥${n >= 10_000 ? `${Math.round(n / 1_000)}k` : n.toLocaleString('en')}`;
  return n >= 10_000 ? `${Number((n / 10_000).toFixed(2))}万` : `${n}元`;
}

function rangeLabel(
  value: string,
  en: boolean,
  unit: (n: string) => string,
  within: [string, string],
): string {
  const [min = '', max = ''] = value.split('-');
  if (min && max) return `${unit(min)}–${unit(max)}`;
  if (max) return en ? `${within[1]} ${unit(max)}` : `${unit(max)}${within[0]}`;
  return en ? `${unit(min)}+` : `${unit(min)}以上`;
}

/** The pieces with labels in the request's language (chips on the storefront). */
export async function labelUnderstood(
  ctx: AppContext,
  caches: SearchCaches,
  dictionary: SearchDictionary,
  understood: readonly Understood[],
  lang: Lang,
): Promise<TSearchResponse['understood']> {
  if (understood.length === 0) return [];
  const en = lang === 'en';
  const [cities, english] = await Promise.all([
    caches.cities(ctx.database.db),
    en ? namesEn(ctx) : Promise.resolve(null),
  ]);
  const list = (value: string, one: (v: string) => string) =>
    value.split(',').filter(Boolean).map(one).join('/');
  const label = (u: Understood): string => {
    switch (u.filter) {
      case 'kind':
        return kindLabel(u.value, lang);
      case 'brand':
        return english?.brands.get(u.value) ?? dictionary.brandNames.get(u.value) ?? u.text;
      case 'series':
        return english?.series.get(u.value) ?? dictionary.seriesNames.get(u.value) ?? u.text;
      case 'body':
        return list(u.value, (v) => bodyLabel(v, lang));
      case 'energy':
        return list(u.value, (v) => energyLabel(v, lang));
      case 'seats':
        return list(u.value, (v) => seatsLabel(v, lang));
      case 'segment':
        return list(u.value, (v) => (en ? `Segment ${v}` : `${v}级`));
      case 'city': {
        // A city typed by its name shows that name in the page's language; a province shows as typed.
        const typed = u.text.replace(/\s+/g, '').replace(/市$/, '').toLowerCase();
        const city = cities.find(
          (c) => c.name === typed || c.nameEn.toLowerCase().replace(/[^a-z]/g, '') === typed,
        );
        return city ? (en ? city.nameEn : city.name) : u.text;
      }
      case 'price':
        return rangeLabel(u.value, en, (n) => wan(n, en), ['以内', 'Under']);
      case 'mileage':
        return rangeLabel(
          u.value,
          en,
          (n) => (en ? `${Number(n).toLocaleString('en')} km` : `${Number(n) / 10_000}万公里`),
          ['以内', 'Under'],
        );
      case 'age':
        return rangeLabel(u.value, en, (n) => (en ? `${n} yr` : `${n}年`), ['内', 'Within']);
      case 'year':
        return en ? `${u.value.split('-')[0]} model year` : `${u.value.split('-')[0]}款`;
      case 'sort': {
        const pair = SORT_LABELS[u.value as keyof typeof SORT_LABELS];
        return pair ? pair[en ? 1 : 0] : u.text;
      }
    }
  };
  return understood.map((u) => ({ filter: u.filter, value: u.value, text: u.text, label: label(u) }));
}
