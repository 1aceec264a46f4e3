// The catalog module's public surface: other modules use these, never its repositories or tables.
// Each sub-area (model, listings, search) adds its own export lines.

export { AccessoryErrors } from './accessories.errors.js';
export { accessoriesRoutes } from './accessories.routes.js';
export type { TListing, TPublicInspectionReport } from './listings.contract.js';
// ---- listings ----
export { ListingErrors } from './listings.errors.js';
export { listingsRoutes } from './listings.routes.js';
export { delistListing, LISTING_TRANSITIONS, ListingEvents } from './listings.service.js';
// ---- model ----
export type {
  TBrand,
  TMedia,
  TParameterDefinition,
  TParameterGroup,
  TParameterValue,
  TSeries,
  TTrim,
  TTrimDetail,
} from './model.contract.js';
export { ModelErrors } from './model.errors.js';
export { modelRoutes } from './model.routes.js';
export {
  artUrl,
  getSeriesDetail,
  getTrimDetail,
  KEY_FACT_PARAMS,
  ModelEvents,
  publishTrimChanged,
} from './model.service.js';
export { isValidVin, normalizeVin } from './vin.js';

// ---- search ----
import './search.subscriptions.js';

export type {
  TCompareResponse,
  TRecommendationResponse,
  TSearchQuery,
  TSearchResponse,
  TVehicleCard,
  TVehicleDetail,
} from './search.contract.js';
export { SearchErrors } from './search.errors.js';
export { searchRoutes } from './search.routes.js';
export { rebuildSearchIndex, reindexListings } from './search.service.js';
export { seoRoutes } from './seo.routes.js';
