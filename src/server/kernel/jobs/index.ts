export { claimDueJobs, enqueueJob, type NewJob, recoverExpiredLocks } from './jobs.js';
export { JOB_STATUSES, type JobRow, type JobStatus, jobs } from './jobs.schema.js';
export {
  type BackoffOptions,
  backoffDelay,
  currentSlot,
  type JobExecution,
  type JobHandler,
  type JobHandlerOptions,
  registerJobHandler,
  registerSchedule,
  type ScheduleSpec,
} from './registry.js';
export {
  JOB_DEAD_LETTERED,
  JobRunner,
  type JobRunnerOptions,
  PermanentJobError,
  type RunReport,
} from './runner.js';
