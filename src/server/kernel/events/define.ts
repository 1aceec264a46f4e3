import type { z } from 'zod';
import type { DbHandle } from '../db/client.js';
import { insertAtCommit } from '../db/transaction.js';
import { newId } from '../ids.js';
import type { JobExecution, JobHandlerOptions } from '../jobs/registry.js';
import { outboxEvents } from './outbox.schema.js';

/**
 * One event a module publishes: its wire name (`<module>.<what_happened>`), the aggregate it is about,
 * the Zod schema of its payload and one line saying when it is published (for docs/events.md).
 */
export interface EventDef<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly aggregateType: string;
  readonly payload: S;
  readonly description: string;
}

/** The payload type of an event definition. */
export type PayloadOf<E extends EventDef> = z.infer<E['payload']>;

/** Declares a module's events (`<module>.events.ts`); the object's keys are how code refers to them. */
export function defineEvents<const T extends Record<string, EventDef>>(defs: T): T {
  for (const [key, def] of Object.entries(defs)) {
    if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/.test(def.name)) {
      throw new Error(`Event ${key}: name "${def.name}" must look like module.what_happened`);
    }
  }
  return defs;
}

/** An outbox event as a subscriber receives it (after its transaction committed). */
export interface DeliveredEvent<P = Record<string, unknown>> {
  readonly eventId: string;
  readonly type: string;
  readonly aggregateType: string | null;
  readonly aggregateId: string | null;
  readonly occurredAt: string;
  readonly payload: P;
}

export type EventHandler<P = Record<string, unknown>> = (
  event: DeliveredEvent<P>,
  job: JobExecution<DeliveredEvent<P>>,
) => Promise<void>;

/** One module's reaction to an event: delivered as its own job, retried and dead-lettered on its own. */
export interface SubscriptionDef {
  readonly event: EventDef;
  /** Unique across the platform: `<module>.<reaction>`; it names the delivery job. */
  readonly name: string;
  readonly handle: EventHandler;
  readonly options?: JobHandlerOptions;
}

/** Declares a subscription; the handler's payload is typed from the event's schema. */
export function subscription<E extends EventDef>(
  event: E,
  name: string,
  handle: EventHandler<PayloadOf<E>>,
  options?: JobHandlerOptions,
): SubscriptionDef {
  return { event, name, handle: handle as unknown as EventHandler, ...(options ? { options } : {}) };
}

let validatePayloads = true;

/** Payloads are checked against their schema on publish outside production (app start-up decides). */
export function setEventPayloadValidation(on: boolean): void {
  validatePayloads = on;
}

/**
 * Records an event in the outbox. Call it with the transaction that makes the change: the event
 * exists exactly when the change committed, and the dispatcher delivers it afterwards.
 */
export async function publish<E extends EventDef>(
  db: DbHandle,
  event: E,
  aggregateId: string | null,
  payload: PayloadOf<E>,
  at: Date,
): Promise<string> {
  if (validatePayloads) {
    const checked = event.payload.safeParse(payload);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Event ${event.name}: payload does not match its schema: ${issues}`);
    }
  }
  const id = newId('evt');
  await insertAtCommit(db, outboxEvents, {
    id,
    type: event.name,
    aggregateType: event.aggregateType,
    aggregateId,
    payload: payload as Record<string, unknown>,
    occurredAt: at,
  } satisfies typeof outboxEvents.$inferInsert);
  return id;
}
