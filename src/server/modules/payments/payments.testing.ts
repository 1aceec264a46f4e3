import type { AppContext } from '../../kernel/context.js';
import type { TestApp } from '../../testing/app.js';
import { configureSandboxGateway, type SandboxBehaviour } from './payments.sandbox.js';

/**
 * For tests of any module: the sandbox gateways deliver their notifications into the test app (app.inject)
 * instead of over HTTP, at once and exactly once unless `change` says otherwise.
 */
export function useSandboxGatewaysInProcess(
  t: Pick<TestApp, 'app' | 'ctx'>,
  change: Partial<SandboxBehaviour> = {},
): void {
  configureSandboxGateway(t.ctx, {
    transport: async ({ url, headers, body }) => {
      const res = await t.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
      return { status: res.statusCode, body: res.body };
    },
    delayMs: 0,
    duplicateRate: 0,
    outOfOrderRate: 0,
    lossRate: 0,
    ...change,
  });
}

/** Changes the sandbox's knobs for the rest of a test file. */
export function setSandboxKnobs(ctx: AppContext, change: Partial<SandboxBehaviour>): void {
  configureSandboxGateway(ctx, change);
}

/** Runs every due job (and event delivery) until none is left, at most ten rounds. */
export async function runDueJobs(ctx: AppContext): Promise<void> {
  for (let i = 0; i < 10 && (await ctx.jobs.runDueOnce()).ran > 0; i++);
}
