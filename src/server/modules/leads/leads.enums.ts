// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A lead's sales stage: new -> contacted -> test_drive -> negotiating -> won | lost. */
export const LEAD_STATUSES = ['new', 'contacted', 'test_drive', 'negotiating', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
/** Open stages in flow order: a contact may move a lead forward along this list, never back. */
export const LEAD_OPEN_FLOW: readonly LeadStatus[] = ['new', 'contacted', 'test_drive', 'negotiating'];

/** Where a lead's contact came from (every contact a buyer leaves, or a call staff log). */
export const LEAD_SOURCE_KINDS = [
  'consultation',
  'callback_request',
  'test_drive',
  'price_drop_subscription',
  'loan_application',
  'trade_in_request',
  'order_unpaid',
  'phone_call',
] as const;
export type LeadSourceKind = (typeof LEAD_SOURCE_KINDS)[number];

/** Why a lead was lost (a note says more). */
export const LEAD_LOST_REASONS = [
  'bought_elsewhere',
  'price',
  'financing_declined',
  'no_longer_interested',
  'unreachable',
  'duplicate',
  'other',
] as const;
export type LeadLostReason = (typeof LEAD_LOST_REASONS)[number];

/** The rows of a lead's timeline. */
export const LEAD_ACTIVITY_KINDS = [
  'contact',
  'status_change',
  'assignment',
  'note',
  'call',
  'task',
  'consultation',
  'test_drive',
  'order',
  'sla_reminder',
  'sla_breach',
] as const;
export type LeadActivityKind = (typeof LEAD_ACTIVITY_KINDS)[number];

/** Where a lead stands against its first-response deadline. */
export const LEAD_SLA_STATES = ['pending', 'due_soon', 'overdue', 'met', 'breached'] as const;
export type LeadSlaState = (typeof LEAD_SLA_STATES)[number];

/** The default first-response window when a source has no setting. */
export const DEFAULT_SLA_HOURS = 24;
/** How long before the deadline the advisor is reminded. */
export const SLA_REMINDER_BEFORE_HOURS = 2;
