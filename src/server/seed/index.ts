import type { DemoLogin, SeedStep } from '../kernel/module.js';
import { businessModules } from '../modules/index.js';

export type { DemoLogin, SeedStep };

/** Every module's seed steps, in module order (the order of `businessModules`). */
export const seedSteps: readonly SeedStep[] = businessModules.flatMap((m) => m.seed ?? []);

/** The development demo logins with their published secrets (printed at every development start). */
export const demoLogins: readonly DemoLogin[] = businessModules.flatMap((m) => m.demoLogins ?? []);
