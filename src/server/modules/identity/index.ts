// The identity module's public surface: staff accounts, roles and grants, and the session principal
// the auth plugin needs.
export {
  ADMIN_CLI_REQUEST_ID,
  type CreatedAdmin,
  checkAdminInput,
  createAdminAccount,
  type TAdminCreateInput,
} from './identity.admin-create.js';
export type { TMe, TMeResponse, TStaff, TStaffMe } from './identity.contract.js';
export { IdentityErrors } from './identity.errors.js';
export { identityRoutes, SIGN_IN_RATE_LIMITS } from './identity.routes.js';
export {
  ensureDefaultRoleGrants,
  loadStaffMe,
  type RequestMeta,
  resolveSessionPrincipal,
  type SessionPrincipal,
} from './identity.service.js';
export { createTestStaff, TEST_STAFF_PASSWORD, type TestStaff } from './identity.testing.js';
