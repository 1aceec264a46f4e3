// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A review report's life: generating while its figures are computed, then ready or failed (regenerable). */
export const REVIEW_STATUSES = ['generating', 'ready', 'failed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The review reports' periods (复盘: daily, weekly, monthly, quarterly, yearly; Asia/Shanghai calendar, ISO weeks). */
export const REVIEW_KINDS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** What the web client may send to the collection endpoint. */
export const TRACKED_EVENT_NAMES = [
  'page_view',
  'search',
  'view_vehicle',
  'compare',
  'favourite',
  'start_consultation',
  'book_test_drive',
  'price_calculation',
  'loan_calculation',
  'start_order',
  'pay',
  'add_to_cart',
] as const;
export type TrackedEventName = (typeof TRACKED_EVENT_NAMES)[number];

export const ANALYTICS_DEVICES = ['mobile', 'tablet', 'desktop'] as const;

/** Business facts recorded from the modules' events (docs/metrics.md says which event makes which fact). */
export const ANALYTICS_FACT_KINDS = [
  'customer_registered',
  'order_placed',
  'deposit_paid',
  'order_paid',
  'order_delivered',
  'order_cancelled',
  'refund',
  'deposit_forfeit',
  'lead_created',
  'lead_first_response',
  'consultation_started',
  'testdrive_booked',
  'testdrive_outcome',
  'shop_order_paid',
  'shop_order_shipped',
  'survey_answered',
] as const;
export type AnalyticsFactKind = (typeof ANALYTICS_FACT_KINDS)[number];
