import type { Config } from '../config.js';
import { createCacheBus } from './cache/bus.js';
import type { Clock } from './clock.js';
import type { AppContext, ContextOverrides } from './context.js';
import type { Database } from './db/client.js';
import { JobRunner } from './jobs/runner.js';
import { createEmailProvider } from './notify/email.js';
import { createSmsProvider } from './notify/sms/index.js';

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
    jobs: overrides.jobs ?? new JobRunner(() => ctx, { leaseMs: config.jobLeaseMs }),
    email: overrides.email ?? createEmailProvider({ config, db: database.db, clock }),
    // Built only when not overridden: tests may run a production config with a fake provider.
    sms: overrides.sms ?? createSmsProvider({ config, db: database.db, clock }),
    // Opens no connection until a module subscribes (scripts that only seed or migrate never listen).
    cacheBus: overrides.cacheBus ?? createCacheBus(database),
    ...overrides,
  };
  return ctx;
}
