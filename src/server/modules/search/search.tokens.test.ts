import { describe, expect, it } from 'vitest';
import { allowedTypos } from './search.dictionary.js';
import { editDistance, namedThingTokens, queryTokens, textTokens } from './search.tokens.js';

const byd = { name: '比亚迪', nameEn: 'BYD', pinyin: 'biyadi', aliases: ['迪子'] };
const han = { name: '汉', nameEn: 'Han', pinyin: 'han', aliases: [] };
const names = new Set([...namedThingTokens(byd), ...namedThingTokens(han)]);
const doc = new Set([
  ...namedThingTokens(byd),
  ...namedThingTokens(han),
  ...textTokens('比亚迪 汉 2025款 EV 尊贵型'),
]);
const matches = (q: string) => queryTokens(q, names).every((t) => doc.has(t));

describe('search tokens', () => {
  it('indexes a brand by name, pinyin, initials, English name and alias', () => {
    expect(namedThingTokens(byd)).toEqual(
      expect.arrayContaining(['比亚迪', 'biyadi', 'byd', '迪子', 'dizi']),
    );
  });

  it.each([
    'biyadi',
    'byd',
    '汉',
    '迪子',
    '比亚迪汉',
    'BYD 汉',
    'ｂｙｄ',
    'biyadihan',
    'han',
    '尊贵型',
    '2025款',
  ])('matches 比亚迪汉 for the query %s', (q) => {
    expect(matches(q)).toBe(true);
  });

  it.each(['特斯拉', 'tesla', '豪华型', 'biyada'])('does not match 比亚迪汉 for %s', (q) => {
    expect(matches(q)).toBe(false);
  });

  it('splits unknown Chinese text into bigrams and keeps a 1-character run as a unigram', () => {
    expect(queryTokens('尊贵型', new Set())).toEqual(['尊贵', '贵型']);
    expect(queryTokens('汉', new Set())).toEqual(['汉']);
  });

  it('keeps a latin word whole unless it is made only of known names', () => {
    expect(queryTokens('biyadihan', names)).toEqual(['biyadi', 'han']);
    expect(queryTokens('biyadixyz', names)).toEqual(['biyadixyz']);
  });

  it('measures edit distance and gives up beyond the limit', () => {
    expect(editDistance('biyadu', 'biyadi', 2)).toBe(1);
    expect(editDistance('tesila', 'tesla', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(allowedTypos(3)).toBe(0);
    expect(allowedTypos(6)).toBe(1);
    expect(allowedTypos(9)).toBe(2);
  });
});
