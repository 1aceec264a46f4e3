import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Buyer accounts. The phone is never stored in plain text: `phone_hash` (keyed hash) is the lookup
 * key, `phone_enc` the AES-GCM ciphertext, `phone_masked` what lists and logs show.
 */
export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    phoneHash: text('phone_hash').notNull().unique('customers_phone_hash_key'),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    nickname: text('nickname'),
    cityCode: text('city_code'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [check('customers_status_check', sql`${t.status} in ('active', 'disabled')`)],
);
export type CustomerRow = typeof customers.$inferSelect;

/**
 * One-time SMS codes. The code itself is stored only as a keyed hash. `status`: pending (row written,
 * SMS not yet handed to the provider), sent, failed (provider refused: unusable), used, superseded
 * (a newer code was sent to the same phone).
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: text('id').primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    failureReason: text('failure_reason'),
    requestIp: text('request_ip'),
  },
  (t) => [
    index('sms_codes_phone_idx').on(t.phoneHash, t.purpose, t.createdAt),
    check('sms_codes_status_check', sql`${t.status} in ('pending', 'sent', 'failed', 'used', 'superseded')`),
    check('sms_codes_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
export type SmsCodeRow = typeof smsCodes.$inferSelect;

/**
 * Per-phone send limits, one row per phone: taken with a single conditional upsert so two concurrent
 * sends for one phone cannot both pass. `day` is the Asia/Shanghai calendar day of `day_count`.
 */
export const smsSendLimits = pgTable(
  'sms_send_limits',
  {
    phoneHash: text('phone_hash').primaryKey(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    dayCount: integer('day_count').notNull(),
  },
  (t) => [check('sms_send_limits_day_count_check', sql`${t.dayCount} >= 0`)],
);
export type SmsSendLimitRow = typeof smsSendLimits.$inferSelect;
