import { AppError } from '../../kernel/http/errors.js';
import { discardDeadJob, lockJob, requeueDeadJob } from '../../kernel/jobs/jobs.admin.js';
import { JOB_STATUSES, type JobRow } from '../../kernel/jobs/jobs.schema.js';
import { defineStateMachine } from '../../kernel/state-machine.js';

/**
 * What staff may do with a job from the console: only a dead letter can be put back in the queue
 * (with fresh attempts) or discarded for good. The runner's own moves (queued -> running ->
 * succeeded | failed | dead) are conditional UPDATEs in kernel/jobs, not transitions of this machine.
 */
export const deadJobMachine = defineStateMachine({
  name: 'job',
  entityType: 'job',
  states: JOB_STATUSES,
  initial: ['queued'],
  transitions: {
    retry: { from: ['dead'], to: 'queued' },
    discard: { from: ['dead'], to: 'discarded' },
  },
  notFound: 'JOB_NOT_FOUND',
  lock: lockJob,
  stateOf: (row: JobRow) => row.status,
  update: async (tx, row, _to, action, mutation) => {
    const after =
      action === 'retry'
        ? await requeueDeadJob(tx, row.id, mutation.at)
        : await discardDeadJob(tx, row.id, mutation.at);
    // Unreachable while the row is locked and was dead; kept so a changed lock cannot write silently.
    if (!after) throw new AppError('INVALID_TRANSITION', { machine: 'job', from: row.status, action });
    return after;
  },
  // What the console shows of a job in its audit rows; the payload may hold personal data.
  snapshot: (row) => ({
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
  }),
});

export type DeadJobAction = (typeof deadJobMachine.actions)[number];
