import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RiskCaseStatus, RiskRuleName, RiskSubjectType, VelocityRule } from './risk.enums.js';

/** Which checkout signal a velocity rule counts by. */
export type RiskSignalKind = 'phone' | 'device' | 'ip';

/**
 * Velocity rules: more than `max_count` orders with the same signal within `window_minutes` opens a case.
 * Policy that operators edit in the console; defaults in risk.rules-data.ts, written on first use.
 */
export const riskRules = pgTable(
  'risk_rules',
  {
    rule: text('rule').$type<VelocityRule>().primaryKey(),
    signal: text('signal').$type<RiskSignalKind>().notNull(),
    maxCount: integer('max_count').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Staff id of the last editor; null for the built-in default. */
    updatedBy: text('updated_by'),
  },
  (t) => [
    check('risk_rules_max_count_pos', sql`${t.maxCount} >= 1`),
    check('risk_rules_window_range', sql`${t.windowMinutes} between 1 and 43200`),
  ],
);

/**
 * One row per assessed checkout (an order): the buyer's phone as a keyed hash (never the number), the
 * device id and IP the velocity rules count by, and the amount. Purged after RISK_SIGNAL_RETENTION_DAYS.
 */
export const riskSignals = pgTable(
  'risk_signals',
  {
    id: text('id').primaryKey(),
    /** The order id; one signal per order, so a retried checkout is counted once. */
    subjectId: text('subject_id').notNull(),
    buyerUserId: text('buyer_user_id').notNull(),
    phoneHash: text('phone_hash').notNull(),
    deviceId: text('device_id'),
    ip: text('ip'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('risk_signals_subject_uq').on(t.subjectId),
    index('risk_signals_phone_idx').on(t.phoneHash, t.at),
    index('risk_signals_device_idx').on(t.deviceId, t.at),
    index('risk_signals_ip_idx').on(t.ip, t.at),
    index('risk_signals_at_idx').on(t.at),
  ],
);

/** Risk cases (风控工单): a flagged order, payment or refund waiting for a person's decision. */
export const riskCases = pgTable(
  'risk_cases',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').$type<RiskSubjectType>().notNull(),
    subjectId: text('subject_id').notNull(),
    orderId: text('order_id').notNull(),
    /** The rule that opened it (RISK_RULES); a checkout with several flags names the first. */
    rule: text('rule').$type<RiskRuleName>().notNull(),
    status: text('status').$type<RiskCaseStatus>().notNull(),
    /** What the rule saw: flags, masked signals, amounts. No plain personal data. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    decisionNote: text('decision_note'),
    /** Staff account id and display name of the person who decided. */
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('risk_cases_queue_idx').on(t.status, t.createdAt, t.id),
    index('risk_cases_order_idx').on(t.orderId, t.status),
    // One open case per subject and rule: a repeated report (an event delivered twice) finds it.
    uniqueIndex('risk_cases_open_uq').on(t.subjectType, t.subjectId, t.rule).where(sql`${t.status} = 'open'`),
  ],
);

export type RiskRuleRow = typeof riskRules.$inferSelect;
export type NewRiskRuleRow = typeof riskRules.$inferInsert;
export type RiskSignalRow = typeof riskSignals.$inferSelect;
export type NewRiskSignalRow = typeof riskSignals.$inferInsert;
export type RiskCaseRow = typeof riskCases.$inferSelect;
export type NewRiskCaseRow = typeof riskCases.$inferInsert;
