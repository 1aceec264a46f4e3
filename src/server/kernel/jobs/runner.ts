import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { publish } from '../events/define.js';
import { dispatchOutboxOnce } from '../events/dispatcher.js';
import { newId } from '../ids.js';
import { KernelEvents } from '../kernel.events.js';
import { claimDueJobs, enqueueJob, recoverExpiredLocks } from './jobs.js';
// Housekeeping jobs run wherever a runner runs.
import { type JobRow, jobs } from './jobs.schema.js';
import { allSchedules, backoffDelay, currentSlot, DEFAULT_BACKOFF, jobHandler } from './registry.js';
import type { JobWorker, RunnerLogger, RunReport } from './worker.js';

export type { RunnerLogger, RunReport } from './worker.js';

/** The wire name of the dead-letter event (KernelEvents.jobDeadLettered). */
export const JOB_DEAD_LETTERED = KernelEvents.jobDeadLettered.name;

/** Throw this (or any error with `retryable: false`) to send a job to the dead-letter list at once. */
export class PermanentJobError extends Error {
  readonly retryable = false;
}

function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'retryable' in err && err.retryable === false;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 2000);
}

export interface JobRunnerOptions {
  readonly workerId?: string;
  readonly batchSize?: number;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  /** Jitter source; tests pass a fixed one. */
  readonly random?: () => number;
}

const silentLogger: RunnerLogger = { error: () => undefined, warn: () => undefined };

/**
 * The job runner: each tick recovers expired locks, enqueues due schedule slots, dispatches the outbox
 * and runs a batch of due jobs. Tests drive it with `runDueOnce()`; main.ts calls `start()`/`stop()`.
 */
export class JobRunner implements JobWorker {
  readonly workerId: string;
  readonly #getCtx: () => AppContext;
  readonly #batchSize: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #random: () => number;
  /** Last slot this runner enqueued per schedule: skips the insert until the slot changes. */
  readonly #lastSlot = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #tick: Promise<void> | null = null;
  #stopped = true;
  #logger: RunnerLogger = silentLogger;

  constructor(getCtx: () => AppContext, options: JobRunnerOptions = {}) {
    this.#getCtx = getCtx;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${newId('wrk').slice(-6)}`;
    this.#batchSize = options.batchSize ?? 10;
    this.#pollMs = options.pollMs ?? 500;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#random = options.random ?? Math.random;
  }

  /** Starts polling; call `stop()` on shutdown. */
  start(logger: RunnerLogger = silentLogger): void {
    if (!this.#stopped) return;
    this.#logger = logger;
    this.#stopped = false;
    const loop = () => {
      if (this.#stopped) return;
      this.#tick = this.runDueOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.#logger.error({ err }, 'job runner tick failed'))
        .finally(() => {
          this.#tick = null;
          if (!this.#stopped) this.#timer = setTimeout(loop, this.#pollMs);
        });
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#tick) await this.#tick;
  }

  /** One tick of work; returns what it did. */
  async runDueOnce(): Promise<RunReport> {
    const ctx = this.#getCtx();
    const db = ctx.database.db;
    const report: RunReport = {
      recovered: 0,
      scheduled: 0,
      dispatched: 0,
      ran: 0,
      succeeded: 0,
      failed: 0,
      dead: 0,
    };

    const now = ctx.clock.now();
    const recovered = await db.transaction(async (tx) => {
      const rows = await recoverExpiredLocks(tx, now);
      for (const row of rows) if (row.status === 'dead') await this.#raiseDeadLetter(tx, row, now);
      return rows;
    });
    report.recovered = recovered.length;

    for (const s of allSchedules()) {
      const slot = currentSlot(s.spec, now);
      if (this.#lastSlot.get(s.name) === slot.label) continue;
      const id = await enqueueJob(
        db,
        {
          name: s.jobName,
          payload: s.payload,
          runAt: slot.start,
          uniqueKey: `schedule:${s.name}:${slot.label}`,
        },
        now,
      );
      if (id) report.scheduled++;
      this.#lastSlot.set(s.name, slot.label);
    }

    // Drain the outbox in batches, yielding between them so PGlite does not starve the event loop.
    for (let i = 0; i < 20; i++) {
      const n = await dispatchOutboxOnce(db, ctx.clock.now());
      report.dispatched += n;
      if (n < 100) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }

    const claimed = await claimDueJobs(db, this.workerId, ctx.clock.now(), this.#leaseMs, this.#batchSize);
    report.ran = claimed.length;
    const outcomes = await Promise.all(claimed.map((row) => this.#execute(ctx, row)));
    for (const o of outcomes) report[o]++;
    await new Promise<void>((resolve) => setImmediate(resolve));
    return report;
  }

  async #execute(ctx: AppContext, row: JobRow): Promise<'succeeded' | 'failed' | 'dead'> {
    const db = ctx.database.db;
    const registered = jobHandler(row.name);
    let error: unknown = null;
    try {
      if (!registered) throw new Error(`no handler registered for job ${row.name}`);
      await registered.handler({
        id: row.id,
        name: row.name,
        payload: row.payload as Record<string, unknown>,
        attempt: row.attempts,
        maxAttempts: row.maxAttempts,
        db,
        ctx,
      });
    } catch (err) {
      error = err;
    }
    const now = ctx.clock.now();
    const mine = and(eq(jobs.id, row.id), eq(jobs.lockedBy, this.workerId), eq(jobs.status, 'running'));
    if (error === null) {
      await db
        .update(jobs)
        .set({ status: 'succeeded', finishedAt: now, lockedBy: null, lockedUntil: null })
        .where(mine);
      return 'succeeded';
    }
    if (isPermanent(error) || row.attempts >= row.maxAttempts) {
      this.#logger.warn({ jobId: row.id, job: row.name, err: error }, 'job moved to dead letters');
      await db.transaction(async (tx) => {
        const moved = await tx
          .update(jobs)
          .set({
            status: 'dead',
            finishedAt: now,
            lockedBy: null,
            lockedUntil: null,
            lastError: errorText(error),
          })
          .where(mine)
          .returning();
        const deadRow = moved[0];
        if (deadRow) await this.#raiseDeadLetter(tx, deadRow, now);
      });
      return 'dead';
    }
    const delay = backoffDelay(registered?.backoff ?? DEFAULT_BACKOFF, row.attempts, this.#random);
    await db
      .update(jobs)
      .set({
        status: 'failed',
        runAt: new Date(now.getTime() + delay),
        lockedBy: null,
        lockedUntil: null,
        lastError: errorText(error),
      })
      .where(mine);
    return 'failed';
  }

  async #raiseDeadLetter(tx: Tx, row: JobRow, now: Date): Promise<void> {
    const alert = jobHandler(row.name)?.alertOnDead ?? true;
    if (alert === false || (typeof alert === 'function' && !alert(row.payload as Record<string, unknown>)))
      return;
    await publish(
      tx,
      KernelEvents.jobDeadLettered,
      row.id,
      { jobId: row.id, name: row.name, attempts: row.attempts, lastError: row.lastError },
      now,
    );
  }
}
