import { seedSteps } from '../../seed/index.js';
import { rebuildSearchIndex } from './search.service.js';

// After the model and listings seeds: build the search read model from them in one set-based pass
// (re-runnable: rows are upserted, rows of listings no longer public are removed).
seedSteps.push({
  name: 'catalog.search-index',
  run: async (ctx) => {
    await rebuildSearchIndex(ctx.database.db, ctx.clock.now());
  },
});
