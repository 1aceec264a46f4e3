import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';

/** What a job handler gets: its payload, the attempt number (1-based) and the app context. */
export interface JobExecution<P = Record<string, unknown>> {
  readonly id: string;
  readonly name: string;
  readonly payload: P;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly db: Db;
  readonly ctx: AppContext;
}

export type JobHandler<P = Record<string, unknown>> = (job: JobExecution<P>) => Promise<void>;

export interface BackoffOptions {
  /** Delay before the first retry; doubles on every further attempt. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface JobHandlerOptions {
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Milliseconds a worker may hold the job before another worker treats it as crashed. */
  readonly leaseMs?: number;
  /**
   * Whether this job's dead letter raises the `jobs.dead_lettered` event (default true); false, or a
   * predicate on the payload, for the alert deliveries themselves so an alert never alerts about itself.
   */
  readonly alertOnDead?: boolean | ((payload: Record<string, unknown>) => boolean);
}

export interface RegisteredHandler {
  readonly name: string;
  readonly handler: JobHandler;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly leaseMs: number;
  readonly alertOnDead: boolean | ((payload: Record<string, unknown>) => boolean);
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };
export const DEFAULT_LEASE_MS = 5 * 60_000;

const handlers = new Map<string, RegisteredHandler>();

/**
 * Registers the code that runs jobs called `name` (at import time, once per process). Jobs retry
 * with exponential backoff and jitter and move to the dead-letter list after `maxAttempts`.
 */
export function registerJobHandler<P = Record<string, unknown>>(
  name: string,
  handler: JobHandler<P>,
  options: JobHandlerOptions = {},
): void {
  if (handlers.has(name)) throw new Error(`Job handler ${name} is already registered`);
  handlers.set(name, {
    name,
    handler: handler as JobHandler,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    alertOnDead: options.alertOnDead ?? true,
  });
}

export function jobHandler(name: string): RegisteredHandler | undefined {
  return handlers.get(name);
}

/** Schedules: `everySeconds` slots are aligned to the epoch; `dailyAt` is HH:MM in Asia/Shanghai. */
export type ScheduleSpec = { readonly everySeconds: number } | { readonly dailyAt: string };

export interface RegisteredSchedule {
  readonly name: string;
  readonly spec: ScheduleSpec;
  readonly jobName: string;
  readonly payload: Record<string, unknown>;
}

const schedules = new Map<string, RegisteredSchedule>();

/**
 * Registers a recurring job: each slot enqueues `jobName` at most once across all processes
 * (the job's unique key is the schedule name plus the slot start).
 */
export function registerSchedule(
  name: string,
  spec: ScheduleSpec,
  jobName: string,
  payload: Record<string, unknown> = {},
): void {
  if ('dailyAt' in spec && !/^([01]\d|2[0-3]):[0-5]\d$/.test(spec.dailyAt)) {
    throw new Error(`Schedule ${name}: dailyAt must be HH:MM`);
  }
  if ('everySeconds' in spec && (!Number.isInteger(spec.everySeconds) || spec.everySeconds < 1)) {
    throw new Error(`Schedule ${name}: everySeconds must be a positive integer`);
  }
  schedules.set(name, { name, spec, jobName, payload });
}

export function allSchedules(): RegisteredSchedule[] {
  return [...schedules.values()];
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has had no daylight saving time since 1991.

/** The start of the slot `now` falls in, and a stable label for it (used in the unique key). */
export function currentSlot(spec: ScheduleSpec, now: Date): { start: Date; label: string } {
  if ('everySeconds' in spec) {
    const period = spec.everySeconds * 1000;
    const start = new Date(Math.floor(now.getTime() / period) * period);
    return { start, label: start.toISOString() };
  }
  const [hh = 0, mm = 0] = spec.dailyAt.split(':').map(Number);
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  let slotLocal = dayStart + (hh * 60 + mm) * 60_000;
  if (slotLocal > local) slotLocal -= 86_400_000;
  const label = `${new Date(slotLocal).toISOString().slice(0, 10)}T${spec.dailyAt}+08:00`;
  return { start: new Date(slotLocal - SHANGHAI_OFFSET_MS), label };
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, capped at maxMs. */
export function backoffDelay(backoff: BackoffOptions, attempt: number, random: () => number): number {
  const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
