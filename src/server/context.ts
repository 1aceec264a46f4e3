import type { Config } from './config.js';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/client.js';

/**
 * Everything the app is built from. main.ts makes the real one with `createContext`; tests make
 * theirs the same way with a fresh database, a manual clock and any overrides. Kernel pieces that
 * need wiring (SMS provider, job runner, notifier) are fields here so tests can swap them.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
}

export type ContextOverrides = Partial<Omit<AppContext, 'config' | 'database' | 'clock'>>;

/** Wires the kernel services for a config and database; `overrides` replace any of them (tests). */
export function createContext(
  config: Config,
  database: Database,
  clock: Clock,
  overrides: ContextOverrides = {},
): AppContext {
  return { config, database, clock, ...overrides };
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
