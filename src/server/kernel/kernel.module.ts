import { KernelErrors } from './http/errors.js';
import { purgeExpiredIdempotencyKeys } from './http/idempotency.js';
import { purgeFinished } from './jobs/maintenance.js';
import { KernelEvents } from './kernel.events.js';
import { defineModule, job } from './module.js';

/**
 * What the kernel itself brings, declared like a module so the same start-up checks and generated docs
 * cover it: its error codes, the dead-letter event, and its housekeeping jobs.
 */
export const kernelModule = defineModule({
  name: 'kernel',
  errors: KernelErrors,
  events: KernelEvents,
  jobs: [
    job('jobs.purge_finished', async (j) => {
      await purgeFinished(j.db, j.ctx.clock.now());
    }),
    job('idempotency.purge_expired', async (j) => {
      await purgeExpiredIdempotencyKeys(j.db, j.ctx.clock.now());
    }),
  ],
  schedules: [
    { name: 'jobs.purge_finished.daily', spec: { dailyAt: '04:00' }, job: 'jobs.purge_finished' },
    { name: 'idempotency.purge_expired.daily', spec: { dailyAt: '03:30' }, job: 'idempotency.purge_expired' },
  ],
});
