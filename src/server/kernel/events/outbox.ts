import type { Db, Tx } from '../db/client.js';
import { newId } from '../ids.js';
import { outboxEvents } from './outbox.schema.js';

export interface DomainEvent<P = Record<string, unknown>> {
  type: string;
  aggregateType?: string;
  aggregateId?: string;
  payload: P;
}

/**
 * Records an event in the outbox. Call it with the transaction that makes the change: the event
 * exists exactly when the change committed, and the dispatcher delivers it afterwards.
 */
export async function publishEvent(db: Db | Tx, event: DomainEvent, at: Date): Promise<string> {
  const id = newId('evt');
  await db.insert(outboxEvents).values({
    id,
    type: event.type,
    aggregateType: event.aggregateType ?? null,
    aggregateId: event.aggregateId ?? null,
    payload: event.payload,
    occurredAt: at,
  });
  return id;
}
