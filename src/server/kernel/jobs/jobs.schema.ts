import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Job states: queued -> running -> succeeded | failed (a retry is scheduled) | dead (attempts used up);
 * failed -> running; dead -> queued (console retry) | discarded.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'discarded'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Persistent job queue polled with FOR UPDATE SKIP LOCKED; survives restarts, works on PGlite and PostgreSQL. */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Dedup key (a schedule slot, an event+subscriber pair): a second enqueue with it is a no-op. */
    uniqueKey: text('unique_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_unique_key_uq').on(t.uniqueKey),
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`status in ('queued', 'failed')`),
    index('jobs_running_idx').on(t.lockedUntil).where(sql`status = 'running'`),
    index('jobs_status_created_idx').on(t.status, t.createdAt, t.id),
    index('jobs_created_idx').on(t.createdAt, t.id),
  ],
);
export type JobRow = typeof jobs.$inferSelect;
