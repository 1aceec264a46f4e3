/** The source of "now": services take a Clock so tests can move time (OTP expiry, session idle, SLAs). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string = '2026-11-21T02:00:00Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
  set(to: Date | string): void {
    this.#t = new Date(to).getTime();
  }
}

/** Formats an instant for people in China (the platform stores UTC, shows Asia/Shanghai). */
// Built once (constructing an Intl formatter is the expensive part).
const SHANGHAI_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatShanghai(d: Date): string {
  return SHANGHAI_FORMAT.format(d);
}

/** Asia/Shanghai is UTC+8 all year: China has had no daylight saving time since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD` (what "today" and "per day" mean here). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant an Asia/Shanghai calendar day (`YYYY-MM-DD`) begins. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

const DAY_MS = 86_400_000;

/**
 * The local calendar dates from..to inclusive (`YYYY-MM-DD`), for calendars of slots (deliveries, test drives);
 * null for a malformed or reversed range, or one of `maxDays` days or more.
 */
export function localDatesBetween(from: string, to: string, maxDays: number): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start || (end - start) / DAY_MS >= maxDays)
    return null;
  const out: string[] = [];
  for (let d = start; d <= end; d += DAY_MS) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/** The local date `days` after (or before, when negative) a local date `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date `YYYY-MM-DD`. */
export function isoWeekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** A local (Asia/Shanghai) date and `HH:MM` time as the instant it names. */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}
