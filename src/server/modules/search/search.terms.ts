import type { QUERY_TERM_FILTER_VALUES } from './search.contract.js';

// Buyers' words the search understands (二手, SUV, 纯电, 家用, 便宜 ...), as data: the built-in list below plus
// the terms operators add or override in the console (search_query_terms). Query understanding
// (search.understand.ts) reads them; numbers (prices, seats, mileage, age) are patterns there, not terms.

/** What a term sets (the contract's list). `segment` and the lists take comma-separated values; `ignore` drops the word. */
export type QueryTermFilter = (typeof QUERY_TERM_FILTER_VALUES)[number];

export interface QueryTerm {
  /** Normalised text (NFKC, lower case, simplified characters, no spaces). */
  readonly term: string;
  readonly filter: QueryTermFilter;
  /** One value, or several comma-separated (body, energy, seats, segment, city). */
  readonly value: string;
  /**
   * An intent (家用, 省油): applies only where the buyer's other words set nothing for that filter, so
   * 家用轿车 is family seats in a sedan, not every family body type.
   */
  readonly soft?: boolean;
}

const t = (term: string, filter: QueryTermFilter, value: string, soft?: boolean): QueryTerm =>
  soft ? { term, filter, value, soft } : { term, filter, value };

const FAMILY_BODIES = 'sedan,suv,mpv,hatchback,wagon';
const SAVES_FUEL = 'hev,phev,erev,bev';
const NEW_ENERGY = 'bev,phev,erev,fcev';

/** The built-in terms; an operator's term with the same text and filter replaces one. */
export const BUILT_IN_TERMS: readonly QueryTerm[] = [
  // kind
  ...[
    '二手',
    '二手车',
    '二手的',
    '旧车',
    '车源',
    'used',
    'secondhand',
    'second-hand',
    'usedcar',
    'usedcars',
    'ershou',
    'ershouche',
  ].map((w) => t(w, 'kind', 'used')),
  ...['新车', '现车', '全新', '新款车', 'new', 'newcar', 'newcars', 'brandnew', 'xinche'].map((w) =>
    t(w, 'kind', 'new'),
  ),
  // 准新车: a used car a year or two old with few kilometres (Guazi's definition).
  t('准新车', 'kind', 'used'),
  t('准新车', 'age', '2'),
  t('准新车', 'mileage', '30000'),
  t('次新车', 'kind', 'used'),
  t('次新车', 'age', '3'),
  // body
  ...['suv', '越野车', '越野', 'suvs'].map((w) => t(w, 'body', 'suv')),
  ...['轿车', '三厢', '三厢车', 'sedan', 'sedans', 'saloon'].map((w) => t(w, 'body', 'sedan')),
  ...['两厢', '两厢车', '掀背', 'hatchback'].map((w) => t(w, 'body', 'hatchback')),
  ...['mpv', '商务车', '保姆车', 'minivan'].map((w) => t(w, 'body', 'mpv')),
  ...['跑车', '轿跑', 'coupe', 'sportscar'].map((w) => t(w, 'body', 'coupe,convertible')),
  ...['敞篷', '敞篷车', 'convertible', 'cabriolet'].map((w) => t(w, 'body', 'convertible')),
  ...['皮卡', 'pickup', 'pickuptruck'].map((w) => t(w, 'body', 'pickup')),
  ...['旅行车', '旅行版', 'wagon', 'estate'].map((w) => t(w, 'body', 'wagon')),
  // energy
  ...['纯电', '纯电动', '电动', '电动车', '电车', '纯电车', 'ev', 'bev', 'electric'].map((w) =>
    t(w, 'energy', 'bev'),
  ),
  ...['插混', '插电混动', '插电', 'phev', 'dm-i', 'dmi', 'plugin', 'plug-in'].map((w) =>
    t(w, 'energy', 'phev'),
  ),
  ...['混动', '油电混动', '油电混合', '混合动力', 'hybrid'].map((w) => t(w, 'energy', 'hev,phev')),
  ...['hev', '双擎', '油电'].map((w) => t(w, 'energy', 'hev')),
  ...['增程', '增程式', 'erev', 'rangeextender'].map((w) => t(w, 'energy', 'erev')),
  ...['油车', '汽油', '汽油车', '燃油', '燃油车', 'petrol', 'gasoline', 'gas'].map((w) =>
    t(w, 'energy', 'petrol'),
  ),
  ...['柴油', '柴油车', 'diesel'].map((w) => t(w, 'energy', 'diesel')),
  ...['氢能', '氢燃料', '氢燃料电池', 'fcev', 'hydrogen'].map((w) => t(w, 'energy', 'fcev')),
  ...['新能源', '新能源车', 'nev'].map((w) => t(w, 'energy', NEW_ENERGY)),
  // intents
  ...['省油', '油耗低', '低油耗', '节油', '省钱', 'fuelefficient', 'economical'].map((w) =>
    t(w, 'energy', SAVES_FUEL, true),
  ),
  ...['家用', '家用车', '家庭', '家庭用车', '代步', 'family'].map((w) => t(w, 'body', FAMILY_BODIES, true)),
  ...['家用', '家用车', '家庭', '家庭用车', 'family'].map((w) => t(w, 'seats', '5,6,7', true)),
  ...['家用', '家用车', '家庭', '家庭用车', 'family'].map((w) => t(w, 'segment', 'A,B', true)),
  ...['大空间', '空间大'].map((w) => t(w, 'seats', '6,7', true)),
  ...[
    '便宜',
    '便宜的',
    '实惠',
    '性价比',
    '性价比高',
    '低价',
    '入门',
    'cheap',
    'cheapest',
    'budget',
    'affordable',
  ].map((w) => t(w, 'sort', 'price_asc', true)),
  ...['豪华', '高端', 'luxury'].map((w) => t(w, 'sort', 'price_desc', true)),
  ...['最新', '新上架', '刚上架', 'latest', 'newest'].map((w) => t(w, 'sort', 'newest', true)),
  ...['低里程', '里程少', '公里数少', 'lowmileage'].map((w) => t(w, 'sort', 'mileage_asc', true)),
  // words that carry nothing
  ...[
    '的',
    '车',
    '汽车',
    '车子',
    '辆',
    '台',
    '一辆',
    '一台',
    '买',
    '想买',
    '我想买',
    '我要',
    '要',
    '有没有',
    '有吗',
    '推荐',
    '求推荐',
    '哪款',
    '什么',
    '好',
    '好的',
    '比较好',
    '好开',
    '在',
    '和',
    '或',
    '或者',
    '还是',
    '左右的',
    '价格',
    '报价',
    '多少钱',
    '价',
    '款',
    '车型',
    'car',
    'cars',
    'a',
    'an',
    'the',
    'for',
    'in',
    'and',
    'or',
    'with',
    'buy',
  ].map((w) => t(w, 'ignore', '')),
];

/** Built-in terms overridden or extended by operators' (same text and filter: the operator's wins). */
export function mergeTerms(builtIn: readonly QueryTerm[], operators: readonly QueryTerm[]): QueryTerm[] {
  const key = (x: QueryTerm) => `${x.term}\u0000${x.filter}`;
  const byKey = new Map<string, QueryTerm>();
  for (const x of builtIn) byKey.set(key(x), x);
  for (const x of operators) byKey.set(key(x), x);
  return [...byKey.values()];
}
