import { currentLang } from '../../shared/i18n.js';

/** Fen as a full amount to the yuan and fen ("¥12,345.67" / "CNY 12,345.67"): price lines, payments. */
export function formatFen(fen: number): string {
  const lang = currentLang();
  const text = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Math.abs(fen) / 100);
  const sign = fen < 0 ? '−' : '';
  return lang === 'en' ? `${sign}CNY ${text}` : `${sign}¥${text}`;
}

/** Basis points as a percentage with two decimals: 568 -> "5.68". */
export function bpToPercent(bp: number): string {
  return (bp / 100).toFixed(2);
}
