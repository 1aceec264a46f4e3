import { and, count, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { type JobRow, type JobStatus, jobs } from './jobs.schema.js';

/** Jobs for the console, newest first, `limit + 1` rows after the cursor. */
export async function listJobs(
  db: Db | Tx,
  filter: { status?: JobStatus | undefined; name?: string | undefined },
  limit: number,
  after?: { t: string; id: string },
): Promise<JobRow[]> {
  const c: SQL[] = [];
  if (filter.status) c.push(eq(jobs.status, filter.status));
  if (filter.name) c.push(eq(jobs.name, filter.name));
  if (after) {
    const t = new Date(after.t);
    c.push(or(lt(jobs.createdAt, t), and(eq(jobs.createdAt, t), lt(jobs.id, after.id))) as SQL);
  }
  return db
    .select()
    .from(jobs)
    .where(and(...c))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit + 1);
}

/** Job counts grouped by name and status. */
export async function jobCounts(db: Db | Tx): Promise<{ name: string; status: JobStatus; count: number }[]> {
  const rows = await db
    .select({ name: jobs.name, status: jobs.status, count: count() })
    .from(jobs)
    .groupBy(jobs.name, jobs.status)
    .orderBy(jobs.name, jobs.status);
  return rows.map((r) => ({ name: r.name, status: r.status, count: Number(r.count) }));
}

export async function findJob(db: Db | Tx, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** Locks one job row for a state change (call it inside the transaction that makes the change). */
export async function lockJob(db: Db | Tx, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).for('update');
  return row ?? null;
}

/** Puts a dead job back in the queue with a fresh set of attempts. */
export async function requeueDeadJob(db: Db | Tx, id: string, now: Date): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: now, finishedAt: null, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning();
  return row ?? null;
}

/** Gives up on a dead job for good. */
export async function discardDeadJob(db: Db | Tx, id: string, now: Date): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'discarded', finishedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning();
  return row ?? null;
}
