import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, testConfig } from '../config.js';
import { ManualClock } from '../kernel/clock.js';
import type { AppContext, ContextOverrides } from '../kernel/context.js';
import { createContext } from '../kernel/create-context.js';
import type { Database } from '../kernel/db/client.js';
import { createTestDatabase } from '../kernel/testing/database.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly database: Database;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/** A built app over a fresh migrated database with a manual clock; one per test file. */
export async function createTestApp(
  overrides: { config?: Partial<Config>; context?: ContextOverrides } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const ctx = createContext(testConfig(overrides.config), database, clock, overrides.context);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    database,
    clock,
    close: async () => {
      await app.close();
      await ctx.cacheBus.close();
      await database.close();
    },
  };
}
