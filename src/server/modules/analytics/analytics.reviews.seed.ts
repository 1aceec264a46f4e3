import type { AppContext } from '../../kernel/context.js';
import { systemMutation } from '../../kernel/mutation.js';
import { generateClosedReviews } from './analytics.reviews.service.js';
import { dashboardSourceFor } from './analytics.reviews.source.js';

// Demo only (never in production): the review reports of the periods that have just closed (yesterday, last
// week, month, quarter and year), so the console's list is not empty on first start. Runs after the demo
// history is seeded, from the same dashboard source the schedule uses; re-running keeps the ready reports.

export async function seedDemoReviews(ctx: AppContext): Promise<void> {
  if (ctx.config.env === 'production') return;
  await generateClosedReviews(ctx.database.db, dashboardSourceFor(ctx), systemMutation(ctx.clock.now()));
}
