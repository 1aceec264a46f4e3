import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Signed-in browsers and API clients. Only a keyed hash of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    subjectKind: text('subject_kind').$type<'staff' | 'buyer'>().notNull(),
    subjectId: text('subject_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    /** When this session passed a TOTP code (sign-in or enrolment); null for a password-only session. */
    totpVerifiedAt: timestamp('totp_verified_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectKind, t.subjectId)],
);
export type SessionRow = typeof sessions.$inferSelect;
