import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { seedRuns } from '../kernel/db/kernel.schema.js';
import { type DemoLogin, demoLogins, seedSteps } from './index.js';
import './steps.js';

/**
 * Loads the demo data on first start. "Empty" means the seed has never completed: the marker row is
 * written last, so an interrupted seed runs again on the next start (steps must be re-runnable).
 */
export async function runSeedIfEmpty(ctx: AppContext): Promise<DemoLogin[]> {
  const db = ctx.database.db;
  const done = await db.select().from(seedRuns).where(eq(seedRuns.name, 'demo'));
  if (done.length === 0) {
    for (const step of seedSteps) await step.run(ctx);
    await db.insert(seedRuns).values({ name: 'demo' }).onConflictDoNothing();
  }
  return demoLogins;
}
