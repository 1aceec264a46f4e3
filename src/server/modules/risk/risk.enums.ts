// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A risk case's status: opened by a rule, then decided once by a person (`open -> cleared | rejected`). */
export const RISK_CASE_STATUSES = ['open', 'cleared', 'rejected'] as const;
export type RiskCaseStatus = (typeof RISK_CASE_STATUSES)[number];

/** What a person decides on an open case. */
export const RISK_DECISIONS = ['cleared', 'rejected'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

/** What a case is about: an order at checkout, a payment (amount mismatch) or a refund request. */
export const RISK_SUBJECT_TYPES = ['order', 'payment', 'refund'] as const;
export type RiskSubjectType = (typeof RISK_SUBJECT_TYPES)[number];

/**
 * Velocity rules (000 §9.1 虚假订单/盗刷): too many orders from one phone, device or IP in a window. Their
 * thresholds are rows in `risk_rules` that operators edit.
 */
export const VELOCITY_RULES = ['phone_velocity', 'device_velocity', 'ip_velocity'] as const;
export type VelocityRule = (typeof VELOCITY_RULES)[number];

/**
 * Rules another module's fact triggers (the lead's flows call openRiskCase): a payment whose amount is not
 * the order's (异常支付), a refund asked for after the car was delivered (恶意退款).
 */
export const EVENT_RULES = ['amount_mismatch', 'refund_after_delivery'] as const;
export type EventRule = (typeof EVENT_RULES)[number];

export const RISK_RULES = [...VELOCITY_RULES, ...EVENT_RULES] as const;
export type RiskRuleName = (typeof RISK_RULES)[number];

/** The longest window a velocity rule may count over (30 days); signals are kept longer than this. */
export const MAX_WINDOW_MINUTES = 30 * 24 * 60;
