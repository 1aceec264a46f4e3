// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A vehicle unit's stock status (DOMAIN.md capability 5; the unit machine moves it). */
export const UNIT_STATUSES = ['in_transit', 'available', 'reserved', 'sold', 'delivered'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Where stock is kept: a dealer's store (门店) or a warehouse (the platform's or a dealer's). */
export const LOCATION_KINDS = ['store', 'warehouse'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** A hold (unit reservation): `held(expires_at) -> confirmed | released | expired` (DOMAIN.md). */
export const HOLD_STATUSES = ['held', 'confirmed', 'released', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** Actions staff run by hand; reserve, release and sell belong to holds (orders). */
export const STAFF_UNIT_ACTIONS = ['receive', 'deliver'] as const;

/** How long a hold lasts unless the caller says otherwise (minutes). */
export const DEFAULT_HOLD_MINUTES = 30;

/** Days in stock from which a unit is aged (alerts and console tags). */
export const AGED_DAYS = [60, 90] as const;

/** Replenishment suggestions (004 四(三)): `open -> accepted | dismissed`. */
export const SUGGESTION_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Where replenishment parameters are set: the platform default, a brand, or one location. */
export const REPLENISHMENT_SCOPES = ['default', 'brand', 'location'] as const;
export type ReplenishmentScope = (typeof REPLENISHMENT_SCOPES)[number];

/** Replenishment defaults when no setting says otherwise: lead time (days) and buffer (units). */
export const DEFAULT_LEAD_TIME_DAYS = 14;
export const DEFAULT_BUFFER_UNITS = 2;
/** The sales window replenishment averages over (days). */
export const SALES_WINDOW_DAYS = 30;
/** The default turnover period (days). */
export const TURNOVER_DEFAULT_DAYS = 90;

/** What a bulk import loads: vehicle units by VIN, or accessory quantities per location. */
export const IMPORT_KINDS = ['units', 'accessories'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
