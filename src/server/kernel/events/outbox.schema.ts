import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Transactional outbox: events written with the change that caused them, delivered after commit. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type'),
    aggregateId: text('aggregate_id'),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Set by the dispatcher once every subscriber has been handed the event. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.dispatchedAt, t.id)],
);
export type OutboxEventRow = typeof outboxEvents.$inferSelect;
