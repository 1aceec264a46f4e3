import type { Config } from '../../config.js';
import type { AppContext } from '../../kernel/context.js';

// Service functions other modules call take only a database handle (`createPaymentIntent(db, ...)`), yet
// building a pay link needs the configuration (public URL, sandbox or real gateways). The app binds its
// context here when the payments routes register (and every payments job re-binds it): one app per process
// in production; each test file builds its own app in its own worker.

let bound: AppContext | null = null;

export function bindPaymentsContext(ctx: AppContext): void {
  bound = ctx;
}

export function paymentsContext(): AppContext {
  if (!bound)
    throw new Error('payments: no app context bound (build the app before calling payments services)');
  return bound;
}

export function paymentsConfig(): Config['payments'] {
  return paymentsContext().config.payments;
}
