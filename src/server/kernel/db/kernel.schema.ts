import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Marks a completed demo seed so restarts do not seed twice. */
export const seedRuns = pgTable('seed_runs', {
  name: text('name').primaryKey(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
});
