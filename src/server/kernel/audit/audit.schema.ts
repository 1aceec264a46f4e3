import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Who did what to which record, when, with the record before and after. Written in the mutation's transaction. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(), // staff | buyer | system
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    dealerId: text('dealer_id'),
    action: text('action').notNull(), // e.g. staff.create, role.update_permissions
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt, t.id),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.occurredAt),
  ],
);
export type AuditRow = typeof auditLog.$inferSelect;
