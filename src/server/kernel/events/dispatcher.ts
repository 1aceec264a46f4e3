import { asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { newId } from '../ids.js';
import { jobs } from '../jobs/jobs.schema.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type JobHandlerOptions,
  jobHandler,
  registerJobHandler,
} from '../jobs/registry.js';
import type { DeliveredEvent, EventHandler } from './define.js';
import { outboxEvents } from './outbox.schema.js';

export type { DeliveredEvent, EventHandler } from './define.js';

const subscribersByType = new Map<string, string[]>();

/** The job name that carries an event to one subscriber. */
export function subscriberJobName(subscriberName: string): string {
  return `event:${subscriberName}`;
}

/**
 * Subscribes `subscriberName` (unique in the process) to events of `eventType`. Each delivery is a job,
 * so every subscriber retries and dead-letters on its own; delivery is at least once, so handlers
 * must be idempotent (the event id is a good dedup key).
 */
export function subscribe<P = Record<string, unknown>>(
  eventType: string,
  subscriberName: string,
  handler: EventHandler<P>,
  options: JobHandlerOptions = {},
): void {
  registerJobHandler<DeliveredEvent<P>>(
    subscriberJobName(subscriberName),
    (job) => handler(job.payload, job),
    options,
  );
  const list = subscribersByType.get(eventType) ?? [];
  list.push(subscriberName);
  subscribersByType.set(eventType, list);
}

export function subscribersOf(eventType: string): readonly string[] {
  return subscribersByType.get(eventType) ?? [];
}

/**
 * Hands up to `limit` undispatched events (in id order) to their subscribers: one job per
 * (event, subscriber), deduplicated by unique key, and marks the events dispatched, all in one
 * transaction. Concurrent dispatchers skip each other's rows. Returns how many events it took.
 */
export async function dispatchOutboxOnce(db: Db, now: Date, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select()
      .from(outboxEvents)
      .where(isNull(outboxEvents.dispatchedAt))
      .orderBy(asc(outboxEvents.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (events.length === 0) return 0;
    const deliveries = events.flatMap((e) =>
      subscribersOf(e.type).map((sub) => {
        const name = subscriberJobName(sub);
        const payload: DeliveredEvent = {
          eventId: e.id,
          type: e.type,
          aggregateType: e.aggregateType,
          aggregateId: e.aggregateId,
          occurredAt: e.occurredAt.toISOString(),
          payload: e.payload as Record<string, unknown>,
        };
        return {
          id: newId('job'),
          name,
          payload,
          status: 'queued' as const,
          attempts: 0,
          maxAttempts: jobHandler(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          runAt: now,
          uniqueKey: `event:${e.id}:${sub}`,
          createdAt: now,
        };
      }),
    );
    if (deliveries.length > 0) {
      await tx.insert(jobs).values(deliveries).onConflictDoNothing({ target: jobs.uniqueKey });
    }
    await tx
      .update(outboxEvents)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          outboxEvents.id,
          events.map((e) => e.id),
        ),
      );
    return events.length;
  });
}
