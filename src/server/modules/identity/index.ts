// The identity module: staff accounts, roles and grants, TOTP and staff sign-in. `identityModule` is
// everything it brings to the platform; the exports below it are what the app, scripts and other modules'
// tests may use (never its repository or tables).
import { defineModule } from '../../kernel/module.js';
import { IdentityErrors } from './identity.errors.js';
import { IdentityPermissions } from './identity.permissions.js';
import { identityRoutes } from './identity.routes.js';
import { IDENTITY_DEMO_LOGINS, seedDemoStaff } from './identity.seed.js';

export const identityModule = defineModule({
  name: 'identity',
  routes: [{ prefix: 'identity', plugin: identityRoutes }],
  errors: IdentityErrors,
  permissions: IdentityPermissions,
  seed: [seedDemoStaff],
  demoLogins: IDENTITY_DEMO_LOGINS,
});

export {
  ADMIN_CLI_REQUEST_ID,
  type CreatedAdmin,
  checkAdminInput,
  createAdminAccount,
  type TAdminCreateInput,
} from './identity.admin-create.js';
export {
  CURRENT_CONSENT,
  legalConsentOf,
  recordLegalConsent,
  requireLegalConsent,
} from './identity.consent.js';
export {
  LEGAL_VERSIONS,
  type TLegalConsent,
  type TMe,
  type TMeResponse,
  type TStaff,
  type TStaffMe,
} from './identity.contract.js';
export { IdentityErrors } from './identity.errors.js';
export { IdentityPermissions } from './identity.permissions.js';
export { ensureDefaultRoleGrants } from './identity.roles.js';
export { SIGN_IN_RATE_LIMITS } from './identity.routes.js';
export {
  loadStaffMe,
  resolveSessionPrincipal,
  type SessionPrincipal,
} from './identity.sign-in.js';
export {
  activeStaffContacts,
  activeStaffIdsOfDealer,
  staffAccountIdsByEmail,
} from './identity.staff.js';
export { createTestStaff, TEST_STAFF_PASSWORD, type TestStaff } from './identity.testing.js';
