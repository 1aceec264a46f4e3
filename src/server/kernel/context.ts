import type { Config } from '../config.js';
import type { CacheInvalidationBus } from './cache/bus.js';
import type { Clock } from './clock.js';
import type { Database } from './db/client.js';
import type { JobWorker } from './jobs/worker.js';
import type { EmailProvider } from './notify/email.js';
import type { SmsProvider } from './notify/sms/index.js';

/**
 * Everything the app is built from. main.ts makes the real one with `createContext`
 * (create-context.ts); tests make theirs the same way with a fresh database, a manual clock and any
 * overrides. Kernel pieces that need wiring (SMS provider, job runner, notifier) are fields here so
 * tests can swap them. Types only: the job runner's handlers receive this context, so this file must
 * not import the runner.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  /** Persistent job runner (also dispatches the outbox); main.ts starts and stops its polling loop. */
  readonly jobs: JobWorker;
  /** Email channel: the dev mailbox outside production. */
  readonly email: EmailProvider;
  /** Outgoing SMS (sign-in codes, notifications): dev inbox in development, Aliyun in production. */
  readonly sms: SmsProvider;
  /**
   * Tells the other app processes over this database to drop in-memory caches (LISTEN/NOTIFY on
   * PostgreSQL); modules keep their caches per context and subscribe here. Closed before the database.
   */
  readonly cacheBus: CacheInvalidationBus;
}

export type ContextOverrides = Partial<Omit<AppContext, 'config' | 'database' | 'clock'>>;

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
