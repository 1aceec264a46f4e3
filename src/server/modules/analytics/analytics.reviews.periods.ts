import { addDays, shanghaiDay } from '../../kernel/clock.js';
import type { ReviewKind } from './analytics.enums.js';

// Review periods as Asia/Shanghai calendar days (`YYYY-MM-DD`, both ends included). A week is an ISO week
// (Monday to Sunday), a quarter starts in January, April, July or October. Pure date arithmetic on UTC
// midnights of the local dates: China keeps no daylight saving time, so a local date is a fixed 24 hours.

export interface ReviewPeriod {
  readonly start: string;
  readonly end: string;
}

const DAY_MS = 86_400_000;

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function monthStart(year: number, month0: number): Date {
  return new Date(Date.UTC(year, month0, 1));
}

/** The period of a kind that contains a local date. */
export function periodContaining(kind: ReviewKind, day: string): ReviewPeriod {
  const d = toUtc(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'daily':
      return { start: day, end: day };
    case 'weekly': {
      const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
      const start = addDays(day, 1 - weekday);
      return { start, end: addDays(start, 6) };
    }
    case 'monthly':
      return { start: fmt(monthStart(y, m)), end: fmt(new Date(monthStart(y, m + 1).getTime() - DAY_MS)) };
    case 'quarterly': {
      const q0 = Math.floor(m / 3) * 3;
      return { start: fmt(monthStart(y, q0)), end: fmt(new Date(monthStart(y, q0 + 3).getTime() - DAY_MS)) };
    }
    case 'yearly':
      return { start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** The period of a kind that starts on a local date, or null when no period of that kind starts there. */
export function periodStartingOn(kind: ReviewKind, start: string): ReviewPeriod | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || fmt(toUtc(start)) !== start) return null;
  const period = periodContaining(kind, start);
  return period.start === start ? period : null;
}

/** The period just before one (the "previous period" the summary compares with). */
export function previousPeriod(kind: ReviewKind, period: ReviewPeriod): ReviewPeriod {
  return periodContaining(kind, addDays(period.start, -1));
}

/** The most recent period of a kind that has fully ended by an instant (yesterday, last week, …). */
export function lastClosedPeriod(kind: ReviewKind, now: Date): ReviewPeriod {
  return previousPeriod(kind, periodContaining(kind, shanghaiDay(now)));
}

/** Whether a period has fully ended (its last local day is before today in Asia/Shanghai). */
export function isClosed(period: ReviewPeriod, now: Date): boolean {
  return period.end < shanghaiDay(now);
}

/** The ISO week-numbering year and week of a local date (for titles: 2026-W01 may start in December). */
export function isoWeekOf(day: string): { year: number; week: number } {
  const d = toUtc(day);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  // The Thursday of the week decides its year (ISO 8601).
  const thursday = new Date(d.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/** A period's name for people, e.g. 2026年第49周 (12月7日–12月13日) / 2026 W49 (7 Dec–13 Dec). */
export function periodLabel(kind: ReviewKind, period: ReviewPeriod, lang: 'zh-CN' | 'en'): string {
  const [y, m, d] = period.start.split('-').map(Number) as [number, number, number];
  const zh = lang === 'zh-CN';
  switch (kind) {
    case 'daily':
      return zh ? `${y}年${m}月${d}日` : period.start;
    case 'weekly': {
      const w = isoWeekOf(period.start);
      return zh
        ? `${w.year}年第${w.week}周（${period.start} 至 ${period.end}）`
        : `${w.year} W${String(w.week).padStart(2, '0')} (${period.start} to ${period.end})`;
    }
    case 'monthly':
      return zh ? `${y}年${m}月` : `${y}-${String(m).padStart(2, '0')}`;
    case 'quarterly':
      return zh ? `${y}年第${Math.floor((m - 1) / 3) + 1}季度` : `${y} Q${Math.floor((m - 1) / 3) + 1}`;
    case 'yearly':
      return zh ? `${y}年` : String(y);
  }
}

export { addDays };
