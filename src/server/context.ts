import type { Config } from './config.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/client.js';
import { JobRunner } from './kernel/jobs/runner.js';
import { createEmailProvider, type EmailProvider } from './kernel/notify/email.js';
import { createSmsProvider, type SmsProvider } from './kernel/notify/sms/index.js';

/**
 * Everything the app is built from. main.ts makes the real one with `createContext`; tests make
 * theirs the same way with a fresh database, a manual clock and any overrides. Kernel pieces that
 * need wiring (SMS provider, job runner, notifier) are fields here so tests can swap them.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  /** Persistent job runner (also dispatches the outbox); main.ts starts and stops its polling loop. */
  readonly jobs: JobRunner;
  /** Email channel: the dev mailbox outside production. */
  readonly email: EmailProvider;
  /** Outgoing SMS (sign-in codes, notifications): dev inbox in development, Aliyun in production. */
  readonly sms: SmsProvider;
}

export type ContextOverrides = Partial<Omit<AppContext, 'config' | 'database' | 'clock'>>;

/** Wires the kernel services for a config and database; `overrides` replace any of them (tests). */
export function createContext(
  config: Config,
  database: Database,
  clock: Clock,
  overrides: ContextOverrides = {},
): AppContext {
  const ctx: AppContext = {
    config,
    database,
    clock,
    jobs: overrides.jobs ?? new JobRunner(() => ctx),
    email: overrides.email ?? createEmailProvider({ config, db: database.db, clock }),
    // Built only when not overridden: tests may run a production config with a fake provider.
    sms: overrides.sms ?? createSmsProvider({ config, db: database.db, clock }),
    ...overrides,
  };
  return ctx;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
