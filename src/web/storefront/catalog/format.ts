import { currentLang } from '../../shared/i18n.js';

/** A price in fen as buyers read it: "12.98万" in Chinese, "CNY 129,800" in English. */
export function formatPrice(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const yuan = fen / 100;
  if (currentLang() === 'en') return `CNY ${Math.round(yuan).toLocaleString('en-US')}`;
  if (yuan >= 10_000) return `${(yuan / 10_000).toFixed(2).replace(/\.?0+$/, '')}万`;
  return `¥${Math.round(yuan).toLocaleString('zh-CN')}`;
}

/** Kilometres as "3.2万公里" / "32,000 km". */
export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return '—';
  if (currentLang() === 'en') return `${km.toLocaleString('en-US')} km`;
  if (km >= 10_000) return `${(km / 10_000).toFixed(1).replace(/\.0$/, '')}万公里`;
  return `${km}公里`;
}

/** 万元 (as typed in a price filter) to fen. */
export function wanToFen(wan: number): number {
  return Math.round(wan * 1_000_000);
}

export function fenToWan(fen: number): number {
  return Math.round(fen / 10_000) / 100;
}
