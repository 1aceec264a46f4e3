import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * In-app notification centre. A row goes to one staff member or buyer (`staff`/`buyer` + their id), or
 * to every holder of a staff role (`role` + role name, e.g. dead-letter alerts to admins); role rows
 * keep each reader's read state in `notification_reads`.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    recipientKind: text('recipient_kind').$type<'staff' | 'buyer' | 'role'>().notNull(),
    recipientId: text('recipient_id').notNull(),
    category: text('category').notNull(),
    templateKey: text('template_key'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The delivering job's id, so a retried delivery never creates a second row. */
    sourceKey: text('source_key'),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientKind, t.recipientId, t.createdAt, t.id),
    uniqueIndex('notifications_source_uq').on(t.sourceKey),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;

/** Per-reader read marks for role-addressed notifications. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: text('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    readerId: text('reader_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.readerId] })],
);

/** The development mailbox: every email "sent" outside production lands here (GET /api/v1/dev/emails). */
export const devEmails = pgTable(
  'dev_emails',
  {
    id: text('id').primaryKey(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    templateKey: text('template_key'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dev_emails_sent_idx').on(t.sentAt, t.id)],
);
export type DevEmailRow = typeof devEmails.$inferSelect;
