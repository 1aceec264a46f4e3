import { randomInt } from 'node:crypto';
import type { AppContext } from '../../kernel/context.js';
import { INSURER_CODES, type InsurerCode } from './insurance.enums.js';
import {
  type Coverages,
  type PremiumLine,
  premiumLines,
  SANDBOX_FACTORS,
  totalOf,
  type VehicleFacts,
} from './insurance.premiums.js';

// Partner insurers sit behind one interface: ask for a quote, get premium lines or an error. Each real insurer
// gets its own adapter (its protocol and signing); until one is connected, the sandbox stands in for it
// outside production, or in production only when INSURANCE_SANDBOX=1 says so.

export interface InsurerQuoteRequest {
  vehicle: VehicleFacts;
  coverages: Coverages;
  requestedAt: Date;
  /** Aborted when we stop waiting: an adapter should drop its outgoing call. */
  signal: AbortSignal;
}

export interface InsurerQuoteAnswer {
  lines: PremiumLine[];
  totalFen: number;
  validUntil: Date;
  /** The insurer's own quote reference. */
  insurerRef: string;
}

export interface InsurerAdapter {
  readonly code: InsurerCode;
  /** True when the answers are made up here, not by the insurer: the buyer is told. */
  readonly sandbox: boolean;
  quote(request: InsurerQuoteRequest): Promise<InsurerQuoteAnswer>;
}

/** An insurer that answered with an error (refused, down, malformed answer). */
export class InsurerQuoteError extends Error {
  constructor(
    readonly code: InsurerCode,
    message: string,
  ) {
    super(message);
    this.name = 'InsurerQuoteError';
  }
}

/** How long a sandbox quote stays valid: insurers hold a motor quote for about a week. */
export const SANDBOX_VALID_DAYS = 7;

export interface SandboxBehaviour {
  /** Share of requests answered with an error, and share left unanswered (the caller's timeout ends them). */
  failureRate: number;
  timeoutRate: number;
  /** Simulated latency bounds in ms. */
  minLatencyMs: number;
  maxLatencyMs: number;
  /** [0, 1) */
  random: () => number;
}

/** Development: some latency and the occasional failure or silence, as partners behave. Tests: neither. */
export function sandboxBehaviourFor(env: AppContext['config']['env']): SandboxBehaviour {
  const random = () => randomInt(0, 1_000_000) / 1_000_000;
  return env === 'test'
    ? { failureRate: 0, timeoutRate: 0, minLatencyMs: 0, maxLatencyMs: 0, random }
    : { failureRate: 0.05, timeoutRate: 0.03, minLatencyMs: 80, maxLatencyMs: 600, random };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** A sandbox insurer: the benchmark formula with this insurer's factors, and its latency and failures. */
export function sandboxInsurer(code: InsurerCode, behaviour: SandboxBehaviour): InsurerAdapter {
  const factors = SANDBOX_FACTORS[code];
  return {
    code,
    sandbox: true,
    async quote(request) {
      const roll = behaviour.random();
      if (roll < behaviour.failureRate) {
        throw new InsurerQuoteError(code, 'sandbox: the insurer answered with an error');
      }
      if (roll < behaviour.failureRate + behaviour.timeoutRate) {
        // Never answers; the caller's timeout aborts the signal, which ends this wait.
        await wait(2 ** 31 - 1, request.signal);
      }
      const span = behaviour.maxLatencyMs - behaviour.minLatencyMs;
      const latency = behaviour.minLatencyMs + Math.floor(behaviour.random() * (span + 1));
      if (latency > 0) await wait(latency, request.signal);
      const lines = premiumLines(request.vehicle, request.coverages, factors);
      return {
        lines,
        totalFen: totalOf(lines),
        validUntil: new Date(request.requestedAt.getTime() + SANDBOX_VALID_DAYS * 86_400_000),
        insurerRef: `SBX-${code.toUpperCase()}-${request.requestedAt.getTime().toString(36).toUpperCase()}`,
      };
    },
  };
}

/** The insurers a context can ask, and how long it waits for each. */
export interface InsurerConnections {
  readonly adapters: ReadonlyMap<InsurerCode, InsurerAdapter>;
  readonly timeoutMs: number;
}

/** Partners answer within seconds; a buyer waiting longer leaves, so the rest are marked timed out. */
export const QUOTE_TIMEOUT_MS = 3_000;

const connections = new WeakMap<Pick<AppContext, 'config'>, InsurerConnections>();

/** The adapters of this app context: sandbox insurers when the config allows them; no real one is connected yet. */
export function insurerConnections(ctx: Pick<AppContext, 'config'>): InsurerConnections {
  let found = connections.get(ctx);
  if (!found) {
    const adapters = new Map<InsurerCode, InsurerAdapter>();
    if (ctx.config.insuranceSandbox) {
      const behaviour = sandboxBehaviourFor(ctx.config.env);
      for (const code of INSURER_CODES) adapters.set(code, sandboxInsurer(code, behaviour));
    }
    found = { adapters, timeoutMs: QUOTE_TIMEOUT_MS };
    connections.set(ctx, found);
  }
  return found;
}

/** Replaces a context's adapters (tests: failing, silent or slow insurers). */
export function setInsurerConnections(ctx: Pick<AppContext, 'config'>, value: InsurerConnections): void {
  connections.set(ctx, value);
}

export type PlanOutcome =
  | { status: 'quoted'; answer: InsurerQuoteAnswer; sandbox: boolean }
  | { status: 'failed' | 'timeout' | 'unavailable'; reason: string };

/**
 * Asks every given insurer at once and waits at most `timeoutMs` for each: one slow or failing insurer
 * never holds up or spoils the others' plans.
 */
export async function askInsurers(
  conn: InsurerConnections,
  codes: readonly InsurerCode[],
  vehicle: VehicleFacts,
  coverages: Coverages,
  requestedAt: Date,
): Promise<Map<InsurerCode, PlanOutcome>> {
  const outcomes = await Promise.all(
    codes.map(async (code): Promise<[InsurerCode, PlanOutcome]> => {
      const adapter = conn.adapters.get(code);
      if (!adapter) return [code, { status: 'unavailable', reason: 'no adapter connected' }];
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), conn.timeoutMs);
      });
      try {
        const answer = await Promise.race([
          adapter.quote({ vehicle, coverages, requestedAt, signal: controller.signal }),
          timedOut,
        ]);
        if (answer === 'timeout') {
          controller.abort(new Error('timed out'));
          return [code, { status: 'timeout', reason: `no answer within ${conn.timeoutMs} ms` }];
        }
        return [code, { status: 'quoted', answer, sandbox: adapter.sandbox }];
      } catch (e) {
        return [code, { status: 'failed', reason: e instanceof Error ? e.message : String(e) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return new Map(outcomes);
}
