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
export function formatShanghai(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
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
