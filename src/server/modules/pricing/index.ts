import { subscription } from '../../kernel/events/define.js';
import { defineModule, job } from '../../kernel/module.js';
import { CatalogEvents } from '../catalog/index.js';
import { ListingEvents } from '../listings/index.js';
import { PricingErrors } from './pricing.errors.js';
import { PricingEvents } from './pricing.events.js';
import { dropAllFacts, dropListingFacts } from './pricing.facts-cache.js';
import { recordListingPrice } from './pricing.history.js';
import { PricingPermissions } from './pricing.permissions.js';
import { pricingRoutes } from './pricing.routes.js';
import { seedRuleVersions } from './pricing.service.js';
import {
  backfillListingValuations,
  refreshAllListingValuations,
  refreshListingValuations,
} from './pricing.valuation-board.js';

/** Recomputes every used listing's valuation (city supply and demand move without listing events). */
const REFRESH_VALUATIONS_JOB = 'pricing.refresh_listing_valuations';
/** Fills an empty valuation read model (a database that had listings before the board existed). */
const BACKFILL_VALUATIONS_JOB = 'pricing.backfill_listing_valuations';

// The pricing module's public surface: landed prices (the public calculator and stored quotes for listings)
// and the dated tax and fee rules behind them. Other modules use these, never its repository or tables.

export const pricingModule = defineModule({
  name: 'pricing',
  routes: [{ prefix: 'pricing', plugin: pricingRoutes }],
  errors: PricingErrors,
  permissions: PricingPermissions,
  events: PricingEvents,
  // Every listing change may be a price change: the history keeps it, alerts and the review check follow.
  subscriptions: [
    subscription(ListingEvents.listingChanged, 'pricing.record_listing_price', async (event, job) => {
      const id = event.payload.listingId ?? event.aggregateId;
      if (id) {
        await dropListingFacts(job.ctx, [id]);
        await recordListingPrice(job.ctx, id, job.ctx.clock.now());
      }
    }),
    // A trim's tax facts (energy, seats, displacement, exemption catalogue) feed every preview of its listings.
    subscription(CatalogEvents.trimChanged, 'pricing.trim_changed', async (_event, job) => {
      await dropAllFacts(job.ctx);
    }),
    // The valuation board's read model: a price, condition or status change moves the valuation and flag.
    subscription(ListingEvents.listingChanged, 'pricing.refresh_listing_valuation', async (event, job) => {
      const id = event.payload.listingId ?? event.aggregateId;
      if (id) await refreshListingValuations(job.ctx, [id], job.ctx.clock.now());
    }),
  ],
  jobs: [
    job(REFRESH_VALUATIONS_JOB, async (j) => {
      await refreshAllListingValuations(j.ctx, j.ctx.clock.now());
    }),
    job(BACKFILL_VALUATIONS_JOB, async (j) => {
      await backfillListingValuations(j.ctx, j.ctx.clock.now());
    }),
  ],
  schedules: [
    {
      name: 'pricing.refresh_listing_valuations.nightly',
      spec: { dailyAt: '03:20' },
      job: REFRESH_VALUATIONS_JOB,
    },
    // One cheap query while the read model has rows; a full refresh only when it is empty.
    {
      name: 'pricing.backfill_listing_valuations',
      spec: { everySeconds: 600 },
      job: BACKFILL_VALUATIONS_JOB,
    },
  ],
  // The rules are law, not demo data: every database gets them, production included.
  seed: [
    { name: 'pricing.rules', run: (ctx) => seedRuleVersions(ctx, new Date()) },
    // After the listings and the search read model (module order): values the demo's used cars.
    {
      name: 'pricing.listing_valuations',
      run: async (ctx) => {
        await refreshAllListingValuations(ctx, new Date());
      },
    },
  ],
});

export type { TLandedPriceResponse, TQuote } from './pricing.contract.js';
export { PricingEvents } from './pricing.events.js';
export {
  computeCheckoutQuote,
  getQuote,
  landedPrice,
  type PendingQuote,
  quoteListing,
  storeCheckoutQuote,
} from './pricing.service.js';
export { getTradeInValuation } from './pricing.valuations.js';
