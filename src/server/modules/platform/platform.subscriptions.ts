import type { EventHandler, PayloadOf } from '../../kernel/events/define.js';
import type { KernelEvents } from '../../kernel/kernel.events.js';
import { notify } from '../../kernel/notify/notify.js';
import type { CrmEvents } from '../crm/index.js';

// Reactions to other modules' events, wired in platformModule (index.ts). Each runs as its own job
// (retried on its own) and is idempotent: the notification is enqueued with the event id as its dedup key.

/** Welcomes a newly registered buyer in their notification centre. */
export const sendBuyerWelcome: EventHandler<PayloadOf<typeof CrmEvents.customerRegistered>> = async (
  event,
  job,
) => {
  await notify(job.db, {
    recipient: { kind: 'buyer', id: event.payload.customerId },
    templateKey: 'account.welcome',
    channels: ['in_app'],
    link: '/account',
    at: job.ctx.clock.now(),
    dedupKey: event.eventId,
  });
};

/** Tells the administrators that a job used up its attempts, with a link to the dead letters. */
export const alertDeadLetter: EventHandler<PayloadOf<typeof KernelEvents.jobDeadLettered>> = async (
  event,
  job,
) => {
  const p = event.payload;
  await notify(job.db, {
    recipient: { kind: 'role', role: 'admin' },
    templateKey: 'jobs.dead_letter',
    params: {
      jobName: p.name,
      jobId: p.jobId,
      attempts: p.attempts,
      error: (p.lastError ?? '-').slice(0, 200),
    },
    channels: ['in_app'],
    link: `/console/jobs?status=dead`,
    at: job.ctx.clock.now(),
    dedupKey: event.eventId,
  });
};
