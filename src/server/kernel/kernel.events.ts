import { z } from 'zod';
import { defineEvents } from './events/define.js';

/** Events the kernel itself publishes. */
export const KernelEvents = defineEvents({
  jobDeadLettered: {
    name: 'jobs.dead_lettered',
    aggregateType: 'job',
    payload: z.object({
      jobId: z.string(),
      name: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
    description: 'a job used up its attempts and moved to the dead-letter list (admins are alerted)',
  },
});
