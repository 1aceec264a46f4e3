import type { AppContext } from '../context.js';

/** Demo logins printed at start-up (filled in by the steps that create them). */
export interface DemoLogin {
  readonly area: 'storefront' | 'console' | 'dealer';
  readonly role: string;
  readonly login: string;
  readonly secret: string;
}

/**
 * One step of the demo seed; steps run in order, each in its own transaction(s), and must be re-runnable
 * row by row (rows that exist are kept). A step that makes a login whose secret exists only now (a
 * generated password) hands it to `report`, the one chance to show it.
 */
export interface SeedStep {
  readonly name: string;
  run(ctx: AppContext, report?: (login: DemoLogin) => void): Promise<void>;
}

export const seedSteps: SeedStep[] = [];
/** The development demo logins with their published secrets (printed at every development start). */
export const demoLogins: DemoLogin[] = [];
