import { subscription } from '../../kernel/events/define.js';
import { defineModule } from '../../kernel/module.js';
import { CatalogEvents } from '../catalog/index.js';
import { ListingEvents } from '../listings/index.js';
import { PricingErrors } from './pricing.errors.js';
import { PricingEvents } from './pricing.events.js';
import { dropAllFacts, dropListingFacts } from './pricing.facts-cache.js';
import { recordListingPrice } from './pricing.history.js';
import { PricingPermissions } from './pricing.permissions.js';
import { pricingRoutes } from './pricing.routes.js';
import { seedRuleVersions } from './pricing.service.js';

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
  ],
  // The rules are law, not demo data: every database gets them, production included.
  seed: [{ name: 'pricing.rules', run: (ctx) => seedRuleVersions(ctx, new Date()) }],
});

export type { TLandedPriceResponse, TQuote } from './pricing.contract.js';
export { PricingEvents } from './pricing.events.js';
export { getQuote, landedPrice } from './pricing.service.js';
