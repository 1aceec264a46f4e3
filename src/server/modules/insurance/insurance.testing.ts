import type { AppContext } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import {
  type InsurerAdapter,
  InsurerQuoteError,
  type SandboxBehaviour,
  sandboxInsurer,
  setInsurerConnections,
} from './insurance.adapters.js';
import { INSURER_CODES, type InsurerCode } from './insurance.enums.js';
import { seedInsurers } from './insurance.service.js';

/** For tests of any module: the four partner insurers, active. */
export function insertTestInsurers(db: Db, at = new Date('2026-01-05T02:00:00Z')): Promise<void> {
  return seedInsurers(db, at);
}

const CALM: SandboxBehaviour = {
  failureRate: 0,
  timeoutRate: 0,
  minLatencyMs: 0,
  maxLatencyMs: 0,
  random: () => 0.5,
};

/**
 * Connects sandbox insurers that always answer, except those named: `failing` answer with an error,
 * `silent` never answer (the timeout, shortened here, marks them).
 */
export function useTestInsurers(
  ctx: AppContext,
  opts: { failing?: InsurerCode[]; silent?: InsurerCode[]; timeoutMs?: number } = {},
): void {
  const adapters = new Map<InsurerCode, InsurerAdapter>();
  for (const code of INSURER_CODES) {
    if (opts.failing?.includes(code)) {
      adapters.set(code, {
        code,
        sandbox: true,
        quote: async () => {
          throw new InsurerQuoteError(code, 'test: refused');
        },
      });
    } else if (opts.silent?.includes(code)) {
      adapters.set(code, {
        code,
        sandbox: true,
        quote: ({ signal }) =>
          new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      });
    } else {
      adapters.set(code, sandboxInsurer(code, CALM));
    }
  }
  setInsurerConnections(ctx, { adapters, timeoutMs: opts.timeoutMs ?? 200 });
}
