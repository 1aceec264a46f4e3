import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { REVIEW_STATUSES } from './analytics.enums.js';
import { AnalyticsEvents } from './analytics.events.js';
import * as repo from './analytics.reviews.repository.js';
import type { ReviewRow } from './analytics.reviews.schema.js';

/**
 * A review report's status: generating while the figures are computed, then ready or failed; a ready or
 * failed report goes back to generating when it is regenerated (late events, a fixed failure).
 */
export const reviewStatusMachine = defineStateMachine({
  name: 'review',
  entityType: 'review',
  states: REVIEW_STATUSES,
  initial: ['generating'],
  transitions: {
    complete: { from: ['generating'], to: 'ready' },
    fail: { from: ['generating'], to: 'failed' },
    regenerate: { from: ['ready', 'failed'], to: 'generating' },
  },
  notFound: 'REVIEW_NOT_FOUND',
  lock: repo.lockReview,
  stateOf: (row: ReviewRow) => row.status,
  update: async (tx, row, to, _action, mutation) => {
    await repo.updateReview(tx, row.id, { status: to, updatedAt: mutation.at });
    return { ...row, status: to, updatedAt: mutation.at };
  },
  snapshot: (row, status) => ({ status, kind: row.kind, periodStart: row.periodStart }),
  emit: async (tx, row, to, _action, mutation) => {
    if (to === 'ready') {
      await publish(
        tx,
        AnalyticsEvents.reviewReady,
        row.id,
        { reviewId: row.id, kind: row.kind, periodStart: row.periodStart, dealerId: row.dealerId },
        mutation.at,
      );
    } else if (to === 'failed') {
      await publish(
        tx,
        AnalyticsEvents.reviewFailed,
        row.id,
        { reviewId: row.id, reason: row.failure ?? 'unknown' },
        mutation.at,
      );
    }
  },
});
