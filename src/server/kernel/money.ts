/**
 * Money is integer fen (1 CNY = 100 fen). All rounding happens here: half-up to the fen
 * unless a rule says otherwise.
 */
export type Fen = number;

/** Rounds a fractional fen amount half-up (away from zero for negatives, like a till). */
export function roundFen(value: number): Fen {
  const r = Math.round(Math.abs(value) + 1e-9);
  return value < 0 ? -r : r;
}

/** amount x numerator / denominator, rounded once at the end (rates as integer ratios avoid float drift). */
export function mulDiv(amount: Fen, numerator: number, denominator: number): Fen {
  return roundFen((amount * numerator) / denominator);
}

export function yuanToFen(yuan: number): Fen {
  return roundFen(yuan * 100);
}

/** 12345678 -> "¥123,456.78" */
// Built once: constructing an Intl formatter costs about 0.1 ms, and orders format amounts on every notice.
const CNY_FORMATS = {
  'zh-CN': new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }),
  en: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY' }),
} as const;

export function formatCny(fen: Fen, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return CNY_FORMATS[locale].format(fen / 100);
}
