import { describe, expect, it } from 'vitest';
import { cleanVisibleText, hasVisibleText, ZVisibleText } from './text.js';

const ZTitle = ZVisibleText({ min: 2, max: 20 });

describe('ZVisibleText', () => {
  it('accepts ordinary Chinese and Latin names unchanged', () => {
    for (const name of ['比亚迪 汉 EV', 'BMW X5', '2026款 DM-i 120KM 旗舰型', '张先生', 'Model 3 👨‍👩‍👧']) {
      expect(ZTitle.parse(name)).toBe(name);
    }
  });

  it('rejects a name made only of zero-width, bidi, blank-looking or whitespace characters', () => {
    for (const blank of [
      '\u200B\u200B\u200B',
      '\u200D\u200C\u2060\uFEFF',
      '\u202E\u202D\u2066\u2069',
      '\u3000\u00A0 \t',
      '\u3164\u3164',
      '\u2800\u2800',
      '\u0301\u0301',
    ]) {
      const r = ZTitle.safeParse(blank);
      expect(r.success, JSON.stringify(blank)).toBe(false);
    }
  });

  it('strips bidi overrides and zero-width spaces wrapped around or inside the text', () => {
    expect(ZTitle.parse('\u202E比亚迪\u202C')).toBe('比亚迪');
    expect(ZTitle.parse('\u200B BMW\u200B X5 \u200B')).toBe('BMW X5');
    expect(ZTitle.parse('\u2067汉 EV\u2069\u200F')).toBe('汉 EV');
  });

  it('composes to NFC, so the same name typed two ways is stored the same', () => {
    const decomposed = 'Citroe\u0308n C5';
    expect(ZTitle.parse(decomposed)).toBe('Citroën C5');
    expect(ZTitle.parse(decomposed)).toBe(ZTitle.parse('Citro\u00EBn C5'));
  });

  it('counts the length after cleaning', () => {
    expect(ZTitle.safeParse(`\u200B\u200B\u200Ba\u200B\u200B`).success).toBe(false);
    expect(ZTitle.safeParse(`${'汉'.repeat(20)}\u200B\u200B`).success).toBe(true);
    expect(ZTitle.safeParse('汉'.repeat(21)).success).toBe(false);
  });

  it('with min 0 keeps an empty optional value but still refuses an invisible one', () => {
    const ZOptional = ZVisibleText({ min: 0, max: 40 });
    expect(ZOptional.parse('')).toBe('');
    expect(ZOptional.parse(' \u200B ')).toBe('');
    expect(ZOptional.parse('\u3164')).toBe('');
    expect(ZOptional.safeParse('\u00AD\u0301').success).toBe(false);
  });

  it('chains optional and nullable like any string schema', () => {
    expect(ZTitle.optional().parse(undefined)).toBeUndefined();
    expect(ZTitle.nullable().parse(null)).toBeNull();
  });
});

describe('cleanVisibleText and hasVisibleText', () => {
  it('keeps a zero-width joiner inside an emoji sequence but trims one at the ends', () => {
    expect(cleanVisibleText('\u200D👨‍👩‍👧\u200D')).toBe('👨‍👩‍👧');
  });

  it('finds no visible character in format and control characters', () => {
    expect(hasVisibleText('\u00AD\u200E\u0007')).toBe(false);
    expect(hasVisibleText('\u00ADa')).toBe(true);
  });
});
