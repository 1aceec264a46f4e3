// The catalog module's public surface: other modules use these, never its repositories or tables.
// Each sub-area (model, listings, search) adds its own export lines.

// ---- listings ----
export { ListingErrors } from './listings.errors.js';
export { listingsRoutes } from './listings.routes.js';
export { delistListing, ListingEvents, LISTING_TRANSITIONS } from './listings.service.js';
export type { TListing, TPublicInspectionReport } from './listings.contract.js';
export { isValidVin, normalizeVin } from './vin.js';
