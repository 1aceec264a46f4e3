import type { AppContext } from '../context.js';

/** One step of the demo seed; steps run in order, each in its own transaction. */
export interface SeedStep {
  readonly name: string;
  run(ctx: AppContext): Promise<void>;
}

/** Demo logins printed at start-up (filled in by the steps that create them). */
export interface DemoLogin {
  readonly area: 'storefront' | 'console' | 'dealer';
  readonly role: string;
  readonly login: string;
  readonly secret: string;
}

export const seedSteps: SeedStep[] = [];
export const demoLogins: DemoLogin[] = [];
