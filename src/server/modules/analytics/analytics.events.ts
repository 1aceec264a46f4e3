import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { REVIEW_KINDS } from './analytics.enums.js';

/** Events the analytics module publishes (payloads carry ids; subscribers read what they need). */
export const AnalyticsEvents = defineEvents({
  reviewReady: {
    name: 'analytics.review_ready',
    aggregateType: 'review',
    payload: z.object({
      reviewId: z.string(),
      kind: z.enum(REVIEW_KINDS),
      periodStart: z.string(),
      dealerId: z.string().nullable(),
    }),
    description:
      'a review report was generated (or regenerated) and its figures are ready; subscribers are emailed',
  },
  reviewFailed: {
    name: 'analytics.review_failed',
    aggregateType: 'review',
    payload: z.object({ reviewId: z.string(), reason: z.string() }),
    description:
      'generating a review report failed (the figures could not be computed); it can be regenerated',
  },
});
