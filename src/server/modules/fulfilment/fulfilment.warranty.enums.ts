// Plain constants of 三包 claims shared by the tables, the contracts and the web app (no imports: browser-safe).

/** Major parts whose replacement within the first days gives replacement or refund (家用汽车三包规定). */
export const MAJOR_PART_DEFECTS = ['engine', 'gearbox', 'traction_battery', 'drive_motor'] as const;
/** Serious safety defects covered for the first days or kilometres, whichever comes first. */
export const SERIOUS_DEFECTS = [
  'steering_failure',
  'brake_failure',
  'body_cracking',
  'fuel_leak',
  'battery_fire',
] as const;
/** What the buyer says is wrong; `other` is repaired under warranty. */
export const CLAIM_DEFECTS = [...MAJOR_PART_DEFECTS, ...SERIOUS_DEFECTS, 'other'] as const;
export type ClaimDefect = (typeof CLAIM_DEFECTS)[number];

/** Which rule a claim falls under. */
export const CLAIM_RULES = [
  'major_part_window',
  'serious_defect_window',
  'outside_window',
  'not_covered',
] as const;
export type ClaimRule = (typeof CLAIM_RULES)[number];

/**
 * A 三包 claim: `submitted -> replacement | refunded | repair | rejected`; a replacement waits in
 * `replacement_pending` while no car of the same trim and colour is in stock.
 */
export const CLAIM_STATUSES = [
  'submitted',
  'replacement_pending',
  'replacement',
  'refunded',
  'repair',
  'rejected',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What staff decide. */
export const CLAIM_DECISIONS = ['replace', 'refund', 'repair', 'reject'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

export const CLAIM_MAX_PHOTOS = 9;
