import type { Config } from './config.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/client.js';

/**
 * Everything the app is built from. main.ts makes the real one; tests make their own
 * (fresh database, manual clock). Kernel pieces that need wiring (SMS provider, job runner,
 * notifier) are added here as fields so tests can swap them.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
