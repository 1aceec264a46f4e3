import { subscribe } from '../../kernel/events/dispatcher.js';
import { JOB_DEAD_LETTERED } from '../../kernel/jobs/runner.js';
import { notify } from '../../kernel/notify/notify.js';
import { CUSTOMER_REGISTERED } from '../crm/index.js';

// Reactions to other modules' events. Each runs as a job (retried on its own) and is idempotent:
// the notification is enqueued with the event id as its dedup key.

subscribe<{ customerId: string }>(CUSTOMER_REGISTERED, 'platform.buyer_welcome', async (event, job) => {
  await notify(job.db, {
    recipient: { kind: 'buyer', id: event.payload.customerId },
    templateKey: 'account.welcome',
    channels: ['in_app'],
    link: '/account',
    at: job.ctx.clock.now(),
    dedupKey: event.eventId,
  });
});

subscribe<{ jobId: string; name: string; attempts: number; lastError: string | null }>(
  JOB_DEAD_LETTERED,
  'platform.dead_letter_alert',
  async (event, job) => {
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
  },
  // An alert that cannot be delivered must not raise another alert.
  { alertOnDead: false },
);
