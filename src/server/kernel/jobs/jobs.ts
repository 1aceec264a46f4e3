import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { newId } from '../ids.js';
import { jobs } from './jobs.schema.js';
import { DEFAULT_MAX_ATTEMPTS, jobHandler } from './registry.js';

export interface NewJob {
  readonly name: string;
  readonly payload: Record<string, unknown>;
  /** When it becomes due; defaults to `at`. */
  readonly runAt?: Date;
  /** A second enqueue with the same key is ignored (schedule slots, event deliveries). */
  readonly uniqueKey?: string;
  /** Defaults to the handler's registered maxAttempts. */
  readonly maxAttempts?: number;
}

/**
 * Adds a job. Call it with the caller's transaction so the job exists exactly when the change commits.
 * Returns the new job id, or null when a job with the same unique key already exists.
 */
export async function enqueueJob(db: Db | Tx, job: NewJob, at: Date): Promise<string | null> {
  const [id] = await enqueueJobs(db, [job], at);
  return id ?? null;
}

/**
 * Enqueues several jobs in one statement (one round trip); answers each job's id in order, or null for one
 * whose uniqueKey was already taken.
 */
export async function enqueueJobs(
  db: Db | Tx,
  batch: readonly NewJob[],
  at: Date,
): Promise<(string | null)[]> {
  if (batch.length === 0) return [];
  const ids = batch.map(() => newId('job'));
  const rows = await db
    .insert(jobs)
    .values(
      batch.map((job, i) => ({
        id: ids[i] as string,
        name: job.name,
        payload: job.payload,
        status: 'queued' as const,
        attempts: 0,
        maxAttempts: job.maxAttempts ?? jobHandler(job.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        runAt: job.runAt ?? at,
        uniqueKey: job.uniqueKey ?? null,
        createdAt: at,
      })),
    )
    .onConflictDoNothing({ target: jobs.uniqueKey })
    .returning({ id: jobs.id });
  const inserted = new Set(rows.map((r) => r.id));
  return ids.map((id) => (inserted.has(id) ? id : null));
}

/** Claims up to `limit` due jobs for `workerId` in one statement; concurrent workers skip each other's rows. */
export async function claimDueJobs(db: Db, workerId: string, now: Date, leaseMs: number, limit: number) {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.status, ['queued', 'failed']), lte(jobs.runAt, now)))
    .orderBy(jobs.runAt, jobs.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: workerId,
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: now,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

/**
 * Puts back jobs whose worker's lease ran out (a crashed or stopped process): they become due again,
 * or dead when they have used all their attempts. Returns the rows that moved.
 */
export async function recoverExpiredLocks(db: Db | Tx, now: Date) {
  return db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'dead' else 'failed' end`,
      lockedBy: null,
      lockedUntil: null,
      runAt: now,
      lastError: 'lock expired: the worker stopped before finishing',
      finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
    })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now)))
    .returning();
}
