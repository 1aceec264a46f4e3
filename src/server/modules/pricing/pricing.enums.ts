// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** The rules a landed price is made of (each one dated data with versions). */
export const RULE_CODES = [
  'purchase_tax',
  'super_luxury_tax',
  'compulsory_insurance',
  'vessel_tax',
  'registration_fee',
  'plate_quota',
  'commercial_insurance',
  'optional_services',
  'trade_in_subsidy',
  'price_move_review',
] as const;

/** The lines of a landed price, in the order a buyer reads them. */
export const LINE_CODES = [
  'vehicle_price',
  'super_luxury_tax',
  'purchase_tax',
  'compulsory_insurance',
  'vessel_tax',
  'registration_fee',
  'commercial_insurance_estimate',
  'plate_quota',
  'plate_service',
  'extended_warranty',
  'platform_fee',
  'trade_in_subsidy',
] as const;

/** Third-party liability amounts a buyer may pick (yuan). */
export const THIRD_PARTY_AMOUNTS = [0, 1_000_000, 1_500_000, 2_000_000, 3_000_000, 5_000_000] as const;

export const QUOTE_MODES = ['full', 'loan'] as const;

/** A used listing's asking price against its valuation (more than 15% either way is flagged). */
export const VALUATION_FLAGS = ['under', 'fair', 'over'] as const;
