// The listings' enum values, shared by the table definitions (listings.schema.ts), the inspection rules
// (inspection.ts), the contracts and the web app. No imports: this file ends up in the browser bundle.

export const LISTING_STATUSES = ['draft', 'in_review', 'listed', 'rejected', 'delisted'] as const;

/** GB/T 30323-2013 inspection sections. */
export const INSPECTION_SECTIONS = [
  'body_exterior',
  'engine_bay',
  'cabin',
  'start_up',
  'road_test',
  'chassis',
  'accident_redline',
] as const;

/** The result of one inspection check item. */
export const ITEM_RESULTS = ['ok', 'minor', 'moderate', 'severe', 'redline'] as const;
