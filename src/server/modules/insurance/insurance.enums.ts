// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/**
 * Partner insurers we integrate with. Each real insurer needs its own adapter (protocol, signing, its
 * underwriting answers), so the list is code; their names, whether they quote and their order are data the
 * console edits.
 */
export const INSURER_CODES = ['picc', 'pingan', 'cpic', 'chinalife'] as const;
export type InsurerCode = (typeof INSURER_CODES)[number];

export const INSURER_STATUSES = ['active', 'inactive'] as const;

/** Third-party liability amounts a buyer may pick (yuan), the same as the landed-price estimate's. */
export const THIRD_PARTY_AMOUNTS = [0, 1_000_000, 1_500_000, 2_000_000, 3_000_000, 5_000_000] as const;

/** Seat cover per seat a buyer may pick (yuan), 0 for none. */
export const SEAT_COVER_AMOUNTS = [0, 10_000, 20_000, 50_000] as const;

/** The lines of an insurer's plan, in the order a buyer reads them. */
export const PREMIUM_LINE_CODES = [
  'compulsory',
  'vehicle_damage',
  'third_party',
  'driver_seat',
  'passenger_seats',
  'nev_charging',
] as const;

/** How an insurer answered a quote request: a plan, an error, no answer in time, or no adapter connected. */
export const PLAN_STATUSES = ['quoted', 'failed', 'timeout', 'unavailable'] as const;
