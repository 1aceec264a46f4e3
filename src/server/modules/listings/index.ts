// The listings module's public surface: new-car offers, used cars with their GB/T 30323 inspection
// reports, the review queue and the ad-law term list. Other modules use these, never its tables; the
// search module builds its read model from the feed below and the listing_changed event.
import { defineModule } from '../../kernel/module.js';
import { ListingErrors } from './listings.errors.js';
import { ListingEvents } from './listings.events.js';
import { listingMachine } from './listings.machine.js';
import { ListingPermissions } from './listings.permissions.js';
import { listingsRoutes } from './listings.routes.js';
import { seedListings } from './listings.seed.js';

export type { TInspectionReport, TListing, TPublicInspectionReport } from './listings.contract.js';
export { ListingErrors } from './listings.errors.js';
export { ListingEvents } from './listings.events.js';
export {
  type ListingForVehiclePage,
  type ListingIndexFacts,
  type ListingPricingFacts,
  listingForVehiclePage,
  listingIdsOfTrims,
  listingPricingFacts,
  listingsForSearchIndex,
  newCarListingsAtStore,
  setListingPopularity,
} from './listings.feed.js';
export { inspectionOfListing } from './listings.inspection.js';
export { delistListing, followListingStock, holdListingForReview } from './listings.lifecycle.js';
export { LISTING_TRANSITIONS, type ListingAction, listingMachine } from './listings.machine.js';
export { ListingPermissions } from './listings.permissions.js';
export { isValidVin, normalizeVin } from './vin.js';

export const listingsModule = defineModule({
  name: 'listings',
  routes: [{ prefix: 'catalog', plugin: listingsRoutes }],
  errors: ListingErrors,
  permissions: ListingPermissions,
  events: ListingEvents,
  seed: [{ name: 'listings.demo', run: (ctx) => seedListings(ctx.database.db) }],
  stateMachines: [listingMachine],
});
