import type { Scenario } from '../scenarios.js';
import { authMe } from './auth-me.js';

/** Every scenario `npm run bench` runs; later modules add theirs here. */
export const scenarios: readonly Scenario[] = [authMe];
