import type { TFacetValue, TSearchResponse } from '../../../server/modules/search/search.contract.js';

// The /cars page keeps every filter in its URL query, under the API's own names, so a link is shareable
// and the back button steps through the filters.

/** URL keys passed to the search API (everything else in the URL is ignored). */
export const FILTER_KEYS = [
  'q',
  'kind',
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'city',
  'grade',
  'priceMinYuan',
  'priceMaxYuan',
  'rangeMinKm',
  'yearMin',
  'yearMax',
  'mileageMaxKm',
  'ageMaxYears',
  'segment',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** `city=all` in the URL means "every city"; no `city` means the city chosen in the header. */
export const ALL_CITIES = 'all';

/** The API query for the current URL (the header's city when the URL names none). */
export function apiParams(url: URLSearchParams, chosenCity: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = url.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  if (out.city === ALL_CITIES) delete out.city;
  else if (!out.city) out.city = chosenCity;
  return out;
}

export function listOf(url: URLSearchParams, key: FilterKey): string[] {
  return (url.get(key) ?? '').split(',').filter(Boolean);
}

/** A copy of the URL query with `key` set (empty list or value removes it); a changed filter drops the cursor. */
export function withFilter(
  url: URLSearchParams,
  key: FilterKey,
  value: string | string[] | null,
): URLSearchParams {
  const next = new URLSearchParams(url);
  const v = Array.isArray(value) ? value.join(',') : value;
  if (v === null || v === '') next.delete(key);
  else next.set(key, v);
  return next;
}

/** The URL keys a relaxation's filter name stands for. */
export function keysOfFilter(filter: string): FilterKey[] {
  switch (filter) {
    case 'price':
      return ['priceMinYuan', 'priceMaxYuan'];
    case 'year':
      return ['yearMin', 'yearMax'];
    default:
      return (FILTER_KEYS as readonly string[]).includes(filter) ? [filter as FilterKey] : [];
  }
}

type Facets = TSearchResponse['facets'];
type Understood = TSearchResponse['understood'][number];

/** The query text with one occurrence of `text` taken out (spaces trimmed and collapsed). */
export function withoutText(q: string, text: string): string {
  const at = text ? q.indexOf(text) : -1;
  const rest = at < 0 ? q : `${q.slice(0, at)} ${q.slice(at + text.length)}`;
  return rest.replace(/\s+/g, ' ').trim();
}

/** The relaxation's filter name a piece of understood text stands for (sort is never relaxed). */
export function relaxationOf(filter: Understood['filter']): string | null {
  switch (filter) {
    case 'mileage':
      return 'mileageMaxKm';
    case 'age':
      return 'ageMaxYears';
    case 'sort':
      return null;
    default:
      return filter;
  }
}

/** The understood pieces a relaxation names (empty when the filter came from the URL, not the text). */
export function understoodFor(relaxation: string, understood: readonly Understood[]): Understood[] {
  return understood.filter((u) => relaxationOf(u.filter) === relaxation);
}
type T = (key: string, opts?: Record<string, unknown>) => string;

function labelFrom(values: TFacetValue[] | undefined, raw: string): string {
  return values?.find((f) => f.value === raw)?.label ?? raw;
}

/** How an active filter reads in a chip: 比亚迪、7座、10-20万、≥500 km. */
export function describeFilter(
  filter: string,
  api: Record<string, string>,
  facets: Facets | undefined,
  t: T,
  cityLabel: (code: string) => string,
  /** Brand names by slug, for brands the current facets no longer list. */
  brandNames: Record<string, string> = {},
): string {
  const list = (k: string) => (api[k] ?? '').split(',').filter(Boolean);
  switch (filter) {
    // The bare words: the texts around it add the quotes (never ““…”” twice).
    case 'q':
      return api.q ?? '';
    case 'kind':
      return t(`catalog.kind.${api.kind}`);
    case 'brand':
      return list('brand')
        .map((v) => facets?.brand.find((f) => f.value === v)?.label ?? brandNames[v] ?? v)
        .join('/');
    case 'series':
      return list('series')
        .map((v) => labelFrom(facets?.series, v))
        .join('/');
    case 'body':
      return list('body')
        .map((v) => t(`catalog.bodyTypes.${v}`))
        .join('/');
    case 'energy':
      return list('energy')
        .map((v) => t(`catalog.energyTypes.${v}`))
        .join('/');
    case 'seats':
      return list('seats')
        .map((v) => t('catalog.filters.seatsN', { n: v }))
        .join('/');
    case 'city':
      return list('city').map(cityLabel).join('/');
    case 'grade':
      return list('grade')
        .map((v) => t('catalog.filters.gradeN', { n: v }))
        .join('/');
    case 'price': {
      const lo = api.priceMinYuan ? Number(api.priceMinYuan) / 10_000 : null;
      const hi = api.priceMaxYuan ? Number(api.priceMaxYuan) / 10_000 : null;
      const wan = t('catalog.filters.wan');
      if (lo !== null && hi !== null) return `${lo}-${hi}${wan}`;
      if (lo !== null) return `≥${lo}${wan}`;
      return `≤${hi}${wan}`;
    }
    case 'rangeMinKm':
      return t('catalog.filters.rangeMin', { km: api.rangeMinKm });
    case 'year':
      return [api.yearMin, api.yearMax].filter(Boolean).join('-');
    case 'mileageMaxKm':
      return t('catalog.filters.mileageMax', { n: Number(api.mileageMaxKm) / 10_000 });
    case 'ageMaxYears':
      return t('catalog.filters.ageMax', { n: api.ageMaxYears });
    case 'segment':
      return list('segment')
        .map((v) => t(`catalog.segments.${v}`))
        .join('/');
    default:
      return filter;
  }
}
