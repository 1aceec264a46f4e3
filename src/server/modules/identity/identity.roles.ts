import { defaultRoleGrants, type Permission, registeredPermissions } from '../../kernel/auth/permissions.js';
import { isRole, ROLE_NAMES, ROLES, TOTP_REQUIRED_ROLES } from '../../kernel/auth/roles.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';

// Roles and permissions: the catalogue every installed module contributes to, each role's grants (data an
// admin edits), and the default grants applied when a permission first appears.

/** Every installed permission with its names, in module order. */
export function permissionCatalogue(): { permission: string; zh: string; en: string }[] {
  return [...registeredPermissions()].map(([permission, def]) => ({ permission, zh: def.zh, en: def.en }));
}

export async function listRoles(db: DbHandle) {
  const grants = await repo.listGrants(db);
  return ROLES.map((role) => ({
    role,
    name: ROLE_NAMES[role],
    permissions: grants.filter((g) => g.role === role).map((g) => g.permission),
    totpRequired: TOTP_REQUIRED_ROLES.includes(role),
  }));
}

/**
 * Replaces a role's permissions (audited with before/after); applies to holders from their next request.
 * Holders' sessions are kept: a fresh sign-in would get the same grants with the same factors, and sessions
 * of roles that require TOTP all passed it (resolveSessionPrincipal refuses the others).
 */
export async function setRolePermissions(
  db: DbHandle,
  role: string,
  permissions: readonly Permission[],
  mutation: Mutation,
) {
  if (!isRole(role)) throw new AppError(E.UNKNOWN_ROLE);
  const next = [...new Set(permissions)].sort();
  if (role === 'admin' && !next.includes('roles.manage')) throw new AppError(E.ROLE_LOCKOUT);
  return withTransaction(db, async (tx) => {
    const before = await repo.grantsOfRole(tx, role);
    await repo.replaceGrants(tx, role, next);
    await audit(tx, mutation, {
      action: 'role.update_permissions',
      entityType: 'role',
      entityId: role,
      before: { permissions: before },
      after: { permissions: next },
    });
    return {
      role,
      name: ROLE_NAMES[role],
      permissions: next,
      totpRequired: TOTP_REQUIRED_ROLES.includes(role),
    };
  });
}

/**
 * Applies the default grants of every installed permission this database has not seen yet: all of them on
 * first start, and later only those that new code added. Admins' edits to known permissions are kept.
 */
export async function ensureDefaultRoleGrants(db: DbHandle): Promise<void> {
  const installed = [...registeredPermissions().keys()];
  // Without installed modules there is nothing to grant; failing beats a database left with no grants.
  if (installed.length === 0) throw new Error('No permissions are installed: call installModules first');
  const known = new Set(await repo.listKnownPermissions(db));
  const fresh = installed.filter((p) => !known.has(p));
  if (fresh.length === 0) return;
  const defaults = defaultRoleGrants();
  await withTransaction(db, async (tx) => {
    await repo.addGrants(
      tx,
      ROLES.flatMap((role) =>
        defaults[role].filter((p) => fresh.includes(p)).map((permission) => ({ role, permission })),
      ),
    );
    await repo.addKnownPermissions(tx, fresh);
  });
}
