import { describe, expect, it } from 'vitest';
import { BUILT_IN_TERMS } from './search.terms.js';
import { buildLexicon, normalizeQuery, understandQuery } from './search.understand.js';

// Reading a query with a hand-built lexicon: the number patterns, normalisation and precedence rules.

const lex = buildLexicon(
  new Map([
    ['宝马', [{ kind: 'brand', slug: 'bmw', brandSlug: 'bmw' }]],
    ['bmw', [{ kind: 'brand', slug: 'bmw', brandSlug: 'bmw' }]],
    ['x5', [{ kind: 'series', slug: 'bmw-x5', brandSlug: 'bmw' }]],
    ['汉', [{ kind: 'series', slug: 'byd-han', brandSlug: 'byd' }]],
    ['汉兰达', [{ kind: 'series', slug: 'toyota-highlander', brandSlug: 'toyota' }]],
  ]),
  new Map([
    ['上海', ['310100']],
    ['广东', ['440100', '440300']],
  ]),
  BUILT_IN_TERMS,
);

const read = (q: string) => understandQuery(q, lex);
const pieces = (q: string) => read(q).understood.map((u) => `${u.filter}=${u.value}:${u.text}`);

describe('understandQuery', () => {
  it.each([
    ['10万以内', undefined, 100_000],
    ['10万以下', undefined, 100_000],
    ['十万以内', undefined, 100_000],
    ['10-15万', 100_000, 150_000],
    ['10到15万', 100_000, 150_000],
    ['8万-12万', 80_000, 120_000],
    ['20万左右', 180_000, 220_000],
    ['二十万左右', 180_000, 220_000],
    ['30万以上', 300_000, undefined],
    ['150000元以内', undefined, 150_000],
    ['预算15万', undefined, 150_000],
    ['5w以内', undefined, 50_000],
    ['under 200k', undefined, 200_000],
    ['１０万以内', undefined, 100_000],
  ])('reads the price in %s', (q, min, max) => {
    const u = read(q);
    expect([u.priceMinYuan, u.priceMaxYuan]).toEqual([min, max]);
    expect(u.words).toEqual([]);
  });

  it('reads seats, mileage, age and model year, in digits or Chinese numerals', () => {
    expect(read('七座').seats).toEqual([7]);
    expect(read('5座').seats).toEqual([5]);
    expect(read('7 seater').seats).toEqual([7]);
    expect(read('5万公里以内').mileageMaxKm).toBe(50_000);
    expect(read('三年内').ageMaxYears).toBe(3);
    expect(read('车龄2年以内').ageMaxYears).toBe(2);
    expect(read('2023款').yearMin).toBe(2023);
  });

  it('normalises full-width, traditional characters, case and spaces', () => {
    expect(normalizeQuery('  ＢＭＷ　寶馬  二手車 ')).toBe('bmw 宝马 二手车');
    expect(pieces('寶馬 ＳＵＶ')).toEqual(['brand=bmw:宝马', 'body=suv:suv']);
  });

  it('takes the longest known word: 汉兰达 is not 汉', () => {
    expect(read('汉兰达').named?.series).toEqual(['toyota-highlander']);
    expect(read('汉').named?.series).toEqual(['byd-han']);
  });

  it('keeps latin words whole: x50 is not the X5', () => {
    expect(read('x50').named).toBeUndefined();
    expect(read('x50').words).toEqual(['x50']);
    expect(read('宝马x5').named).toEqual({ series: ['bmw-x5'], brands: ['bmw'], tokens: ['宝马', 'x5'] });
  });

  it('lets an intent yield to the buyer’s own words: 家用轿车 is a family sedan', () => {
    const u = read('家用轿车');
    expect(u.body).toEqual(['sedan']);
    expect(u.seats).toEqual([5, 6, 7]);
    expect(pieces('家用轿车')).toEqual(['seats=5,6,7:家用', 'segment=A,B:家用', 'body=sedan:轿车']);
  });

  it('cancels 新车 and 二手 said together, and reads a province as its cities', () => {
    expect(read('新车 二手').kind).toBeUndefined();
    expect(read('广东二手').city).toEqual(['440100', '440300']);
  });

  it('reads a typo of a name within the allowed distance, and leaves unknown words as text', () => {
    expect(read('bmv').named).toBeUndefined(); // three letters: no typo allowance
    expect(read('宝马 白色').words).toEqual(['白色']);
    expect(read('的 车').words).toEqual([]);
  });

  it('maps 便宜 to the cheapest first and 省油 to the fuel-saving energy types', () => {
    expect(read('便宜的suv').sort).toBe('price_asc');
    expect(read('省油').energy).toEqual(['hev', 'phev', 'erev', 'bev']);
  });
});
