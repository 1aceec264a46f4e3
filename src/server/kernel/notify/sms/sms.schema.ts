import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Messages "sent" by the dev-inbox SMS provider (development and test only; never used in production). */
export const devSmsMessages = pgTable(
  'dev_sms_messages',
  {
    id: text('id').primaryKey(),
    phone: text('phone').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('dev_sms_messages_sent_idx').on(t.sentAt, t.id),
    index('dev_sms_messages_phone_idx').on(t.phone),
  ],
);
export type DevSmsMessageRow = typeof devSmsMessages.$inferSelect;
