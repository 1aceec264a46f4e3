import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  MAX_WINDOW_MINUTES,
  RISK_CASE_STATUSES,
  RISK_DECISIONS,
  RISK_RULES,
  RISK_SUBJECT_TYPES,
  VELOCITY_RULES,
} from './risk.enums.js';

// Request and response schemas of /api/v1/risk: they validate, type and document each route, and the web
// app imports them.

export const ZRiskCaseStatus = z.enum(RISK_CASE_STATUSES);
export const ZRiskRuleName = z.enum(RISK_RULES);
export const ZVelocityRule = z.enum(VELOCITY_RULES);

/** A velocity rule that fired: `count` orders in `windowMinutes` against a limit of `limit`. */
export const ZRiskFlag = z.object({
  rule: ZVelocityRule,
  count: z.number().int(),
  limit: z.number().int(),
  windowMinutes: z.number().int(),
});
export type TRiskFlag = z.infer<typeof ZRiskFlag>;

/** The checkout signals a case shows: the phone masked, never in full. */
export const ZRiskCaseSignals = z.object({
  buyerUserId: z.string(),
  phoneMasked: z.string(),
  deviceId: z.string().nullable(),
  ip: z.string().nullable(),
  amountFen: z.number().int(),
  at: z.string(),
});
export type TRiskCaseSignals = z.infer<typeof ZRiskCaseSignals>;

export const ZRiskCase = z.object({
  id: z.string(),
  subjectType: z.enum(RISK_SUBJECT_TYPES),
  subjectId: z.string(),
  orderId: z.string(),
  rule: ZRiskRuleName,
  status: ZRiskCaseStatus,
  /** Every velocity flag of the checkout (empty for amount-mismatch and refund cases). */
  flags: z.array(ZRiskFlag),
  /** The checkout's signals (null for cases opened by another module's fact). */
  signals: ZRiskCaseSignals.nullable(),
  /** What the opener reported (amounts, payment or refund ids). */
  details: z.record(z.string(), z.unknown()),
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TRiskCase = z.infer<typeof ZRiskCase>;

export const ZRiskCasePage = z.object({ items: z.array(ZRiskCase), nextCursor: z.string().nullable() });
export const ZRiskCaseListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: ZRiskCaseStatus.optional(),
  orderId: z.string().min(1).max(64).optional(),
});
export type TRiskCaseListQuery = z.infer<typeof ZRiskCaseListQuery>;
export const ZRiskCaseIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZRiskDecisionRequest = z.object({
  decision: z.enum(RISK_DECISIONS),
  /** Why: kept on the case and in the audit log. */
  note: ZVisibleText({ max: 500 }),
});
export type TRiskDecisionRequest = z.infer<typeof ZRiskDecisionRequest>;

export const ZRiskRule = z.object({
  rule: ZVelocityRule,
  signal: z.enum(['phone', 'device', 'ip']),
  limit: z.number().int(),
  windowMinutes: z.number().int(),
  enabled: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type TRiskRule = z.infer<typeof ZRiskRule>;
export const ZRiskRuleList = z.object({ items: z.array(ZRiskRule) });
export const ZRiskRuleParams = z.object({ rule: ZVelocityRule });

export const ZUpdateRiskRuleRequest = z.object({
  /** More than this many orders in the window opens a case. */
  limit: z.number().int().min(1).max(1000),
  windowMinutes: z.number().int().min(1).max(MAX_WINDOW_MINUTES),
  enabled: z.boolean(),
});
export type TUpdateRiskRuleRequest = z.infer<typeof ZUpdateRiskRuleRequest>;
