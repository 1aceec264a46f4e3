import { currentLang } from './i18n.js';

/** A timestamp shown in China time, in the UI language. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** Fen to "¥123,456" (whole yuan). */
export function yuan(fen: number): string {
  return `¥${Math.round(fen / 100).toLocaleString('zh-CN')}`;
}
