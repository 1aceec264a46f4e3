import { subscribe } from '../../kernel/events/dispatcher.js';
import { registerJobHandler, registerSchedule } from '../../kernel/jobs/registry.js';
import { refreshPopularity, reindexListings, reindexUnder } from './search.service.js';

// Keeps the search read model current. Each delivery is a job (retried on its own); reindexing is
// idempotent, so at-least-once delivery is harmless. Caches are keyed by the app's database handle.

/** Published by the listings sub-area on every create/update/transition. */
export const LISTING_CHANGED = 'catalog.listing_changed';
/** Published by the model sub-area when a trim (or its parameters) changes. */
export const TRIM_CHANGED = 'catalog.trim_changed';
export const SERIES_CHANGED = 'catalog.series_changed';
export const BRAND_CHANGED = 'catalog.brand_changed';
export const POPULARITY_JOB = 'catalog.search.refresh_popularity';

subscribe<{ listingId: string }>(LISTING_CHANGED, 'catalog.search.listing_changed', async (event, job) => {
  const id = event.payload.listingId ?? event.aggregateId;
  if (id) await reindexListings(job.db, [id], job.ctx.clock.now(), job.ctx.database.db);
});

subscribe<{ trimId: string }>(TRIM_CHANGED, 'catalog.search.trim_changed', async (event, job) => {
  const trimId = event.payload.trimId ?? event.aggregateId;
  if (trimId) await reindexUnder(job.db, { trimId }, job.ctx.clock.now(), job.ctx.database.db);
});

subscribe<{ seriesId: string }>(SERIES_CHANGED, 'catalog.search.series_changed', async (event, job) => {
  const seriesId = event.payload.seriesId ?? event.aggregateId;
  if (seriesId) await reindexUnder(job.db, { seriesId }, job.ctx.clock.now(), job.ctx.database.db);
});

subscribe<{ brandId: string }>(BRAND_CHANGED, 'catalog.search.brand_changed', async (event, job) => {
  const brandId = event.payload.brandId ?? event.aggregateId;
  if (brandId) await reindexUnder(job.db, { brandId }, job.ctx.clock.now(), job.ctx.database.db);
});

registerJobHandler(POPULARITY_JOB, async (job) => {
  await refreshPopularity(job.db, job.ctx.clock.now(), job.ctx.database.db);
});
registerSchedule(POPULARITY_JOB, { everySeconds: 600 }, POPULARITY_JOB);
