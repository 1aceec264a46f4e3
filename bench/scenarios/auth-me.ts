import { createTestStaff } from '../../src/server/modules/identity/index.js';
import type { Scenario } from '../scenarios.js';

/** A database-backed authenticated route: session lookup + roles + grants on every request. */
export const authMe: Scenario = {
  name: 'auth-me',
  description: 'GET /api/v1/identity/auth/me with a staff bearer session',
  connections: 50,
  async prepare(ctx) {
    const staff = await createTestStaff(ctx, { roles: ['operator'] });
    return { method: 'GET', path: '/api/v1/identity/auth/me', headers: staff.bearer };
  },
};
