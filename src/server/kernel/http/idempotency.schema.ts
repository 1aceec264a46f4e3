import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Stored results of mutations sent with an Idempotency-Key, replayed for 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<'in_progress' | 'completed'>().notNull(),
    responseStatus: integer('response_status'),
    responseContentType: text('response_content_type'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
