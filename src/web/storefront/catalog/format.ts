import { currentLang } from '../../shared/i18n.js';

/** A price in fen as buyers read it: "12.98万" in Chinese, "CNY 129,800" in English. */
export function formatPrice(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const yuan = fen / 100;
  if (currentLang() === 'en') return `CNY ${Math.round(yuan).toLocaleString('en-US')}`;
  if (yuan >= 10_000) return `${(yuan / 10_000).toFixed(2).replace(/\.?0+$/, '')}万`;
  return `¥${Math.round(yuan).toLocaleString('zh-CN')}`;
}

/**
 * Kilometres, one rule on every storefront page: "1.0万公里" from 10,000 km (always one decimal), else
 * "8,000公里"; "12,000 km" in English.
 */
export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return '—';
  if (currentLang() === 'en') return `${km.toLocaleString('en-US')} km`;
  if (km >= 10_000) return `${(km / 10_000).toFixed(1)}万公里`;
  return `${km.toLocaleString('zh-CN')}公里`;
}

/**
 * A saving or discount in the unit prices use, so "省 0.70万" sits next to "12.98万" (never "省 ¥7,000");
 * "CNY 7,000" in English.
 */
export function formatSaving(fen: number): string {
  if (currentLang() === 'en') return `CNY ${Math.round(fen / 100).toLocaleString('en-US')}`;
  return `${(fen / 1_000_000).toFixed(2)}万`;
}

/** 万元 (as typed in a price filter) to fen. */
export function wanToFen(wan: number): number {
  return Math.round(wan * 1_000_000);
}

export function fenToWan(fen: number): number {
  return Math.round(fen / 10_000) / 100;
}
