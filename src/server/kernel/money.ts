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
export function formatCny(fen: Fen, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
  }).format(fen / 100);
}
