// The search module's public surface: the search read model (search, facets, suggestions, vehicle pages,
// compare), favourites and history, recommendations, and SEO (head tags, sitemap.xml, robots.txt). It owns
// its read model and keeps it current from the listings and catalog modules' events.
import { subscription } from '../../kernel/events/define.js';
import { defineModule, job } from '../../kernel/module.js';
import { CatalogEvents } from '../catalog/index.js';
import { ListingEvents } from '../listings/index.js';
import { SearchErrors } from './search.errors.js';
import { searchHomeRoutes } from './search.home.js';
import { rebuildSearchIndex, reindexListings, reindexTrim } from './search.index.js';
import { searchRoutes } from './search.routes.js';
import { searchTermRoutes } from './search.terms.routes.js';
import { refreshPopularity } from './search.views.js';
import { searchHeadRenderer, seoRoutes } from './seo.routes.js';

export type {
  TCompareResponse,
  TRecommendationResponse,
  TSearchQuery,
  TSearchResponse,
  TVehicleCard,
  TVehicleDetail,
} from './search.contract.js';
export { SearchErrors } from './search.errors.js';
export { rebuildSearchIndex, reindexListings } from './search.index.js';
export { seriesMarket } from './search.market.js';
export { flushListingViews } from './search.views.js';

/** The popularity recount: its job and its schedule share the name (kept from before the module split). */
const POPULARITY_JOB = 'catalog.search.refresh_popularity';

export const searchModule = defineModule({
  name: 'search',
  routes: [
    { prefix: 'catalog', plugin: searchRoutes },
    // GET /catalog/home: the storefront home page's rows (popular, newest, price drops) of a city.
    { prefix: 'catalog', plugin: searchHomeRoutes },
    // Console: the words search understands and a try-it box.
    { prefix: 'catalog', plugin: searchTermRoutes },
    { prefix: '', plugin: seoRoutes, atRoot: true },
  ],
  headRenderers: [searchHeadRenderer],
  errors: SearchErrors,
  // Keeps the read model current. Each delivery is a job (retried on its own); reindexing is idempotent,
  // so at-least-once delivery is harmless. The reindex drops the caches of this app at once and, through
  // the context's cache bus, of every other app process when it commits. Brand and series edits arrive as
  // trim_changed, one per trim.
  subscriptions: [
    subscription(ListingEvents.listingChanged, 'catalog.search.listing_changed', async (event, job) => {
      const id = event.payload.listingId ?? event.aggregateId;
      if (id) await reindexListings(job.ctx, [id]);
    }),
    subscription(CatalogEvents.trimChanged, 'catalog.search.trim_changed', async (event, job) => {
      const trimId = event.payload.trimId ?? event.aggregateId;
      if (trimId) await reindexTrim(job.ctx, trimId);
    }),
  ],
  jobs: [
    job(POPULARITY_JOB, async (j) => {
      await refreshPopularity(j.ctx);
    }),
  ],
  schedules: [{ name: POPULARITY_JOB, spec: { everySeconds: 600 }, job: POPULARITY_JOB }],
  // After the model and listings seeds (module order): builds the read model from their rows (re-runnable:
  // rows are upserted, rows of listings no longer public are removed).
  seed: [
    {
      name: 'search.index',
      run: async (ctx) => {
        await rebuildSearchIndex(ctx);
      },
    },
  ],
});
