import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outboxEvents } from '../events/outbox.schema.js';
import { jobs } from './jobs.schema.js';

/** Finished jobs and dispatched events are kept this long for the console, then deleted. */
export const RETENTION_MS = 14 * 24 * 3600_000;

/**
 * Deletes succeeded/discarded jobs and dispatched outbox events older than the retention window.
 * Dead jobs stay until someone retries or discards them.
 */
export async function purgeFinished(db: Db, now: Date): Promise<{ jobs: number; events: number }> {
  const cutoff = new Date(now.getTime() - RETENTION_MS);
  const j = await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ['succeeded', 'discarded']), lt(jobs.finishedAt, cutoff)))
    .returning({ id: jobs.id });
  const e = await db
    .delete(outboxEvents)
    .where(and(isNotNull(outboxEvents.dispatchedAt), lt(outboxEvents.dispatchedAt, cutoff)))
    .returning({ id: outboxEvents.id });
  return { jobs: j.length, events: e.length };
}
