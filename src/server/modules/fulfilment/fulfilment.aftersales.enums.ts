// Plain constants of the used-car after-sales (title transfer, re-inspection) and the plate service, shared by
// the tables, the contracts and the web app (no imports: browser-safe).

/** China's light-vehicle emission stages, lowest first; `exempt` for cars without a tailpipe (BEV, FCEV). */
export const EMISSION_STANDARDS = ['china_3', 'china_4', 'china_5', 'china_6', 'exempt'] as const;
export type EmissionStandard = (typeof EMISSION_STANDARDS)[number];
export const EMISSION_LABELS: Record<EmissionStandard, { zh: string; en: string }> = {
  china_3: { zh: '国三', en: 'China 3' },
  china_4: { zh: '国四', en: 'China 4' },
  china_5: { zh: '国五', en: 'China 5' },
  china_6: { zh: '国六', en: 'China 6' },
  exempt: { zh: '新能源（无排放）', en: 'Zero emission' },
};

/** Where the car's emission stage came from: the catalog's parameter sheet or staff reading the documents. */
export const EMISSION_SOURCES = ['catalog', 'staff'] as const;

/** A used car's title transfer (过户): `open -> completed`. */
export const TITLE_TRANSFER_STATUSES = ['open', 'completed'] as const;
export type TitleTransferStatus = (typeof TITLE_TRANSFER_STATUSES)[number];

/** The checklist's items, in the order they are usually done. */
export const TITLE_TRANSFER_ITEMS = [
  'seller_documents',
  'buyer_documents',
  'emission_check',
  'appointment',
  'new_certificate',
  'completed_on',
] as const;
export type TitleTransferItem = (typeof TITLE_TRANSFER_ITEMS)[number];

/**
 * The handover re-inspection of a used car: `no_differences` or `awaiting_buyer`; the buyer `accepted` the
 * differences or `disputed` them; staff resolve a dispute with a full refund (order cancelled), a partial
 * refund, or no refund.
 */
export const REINSPECTION_STATUSES = [
  'no_differences',
  'awaiting_buyer',
  'accepted',
  'disputed',
  'resolved_full_refund',
  'resolved_partial_refund',
  'resolved_no_refund',
] as const;
export type ReinspectionStatus = (typeof REINSPECTION_STATUSES)[number];

/** Statuses that let the order go on to completion. */
export const REINSPECTION_SETTLED: readonly ReinspectionStatus[] = [
  'no_differences',
  'accepted',
  'resolved_partial_refund',
  'resolved_no_refund',
];

export const DISPUTE_OUTCOMES = ['full_refund', 'partial_refund', 'no_refund'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** A check item's result, same scale as the listing's GB/T 30323 report (no imports: listed here again). */
export const REINSPECTION_RESULTS = ['ok', 'minor', 'moderate', 'severe', 'redline'] as const;
export type ReinspectionResult = (typeof REINSPECTION_RESULTS)[number];

/**
 * The plate registration service (上牌服务): paid, then documents -> inspection -> plate_selection ->
 * plate_issued; in a quota city the service waits in `awaiting_quota` until the buyer records their quota.
 */
export const PLATE_SERVICE_STATUSES = [
  'awaiting_payment',
  'awaiting_quota',
  'documents',
  'inspection',
  'plate_selection',
  'plate_issued',
  'cancelled',
] as const;
export type PlateServiceStatus = (typeof PLATE_SERVICE_STATUSES)[number];

/** How a quota city hands out plates: Shanghai auctions them, Beijing draws lots. */
export const PLATE_QUOTA_KINDS = ['auction', 'lottery'] as const;
export type PlateQuotaKind = (typeof PLATE_QUOTA_KINDS)[number];

/** What staff do to move the service on. */
export const PLATE_SERVICE_STEPS = ['documents_done', 'inspection_done', 'issue_plate'] as const;
export type PlateServiceStep = (typeof PLATE_SERVICE_STEPS)[number];
