import type { StaffActor } from '../../kernel/auth/actor.js';
import { DEALER_ROLES, type Role } from '../../kernel/auth/roles.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import type { StaffAccountRow } from './identity.schema.js';

// Dealer staff: which accounts a caller may see and change (platform admins all of them, dealer admins
// their own dealer's), and which role sets an account may hold.

/** Which accounts a caller may see and change: all, or one dealer's. */
export type StaffScope = { kind: 'all' } | { kind: 'dealer'; dealerId: string };

/** The scope of a staff actor: dealer staff are confined to their dealer. */
export function scopeOf(actor: StaffActor): StaffScope {
  return actor.dealerId ? { kind: 'dealer', dealerId: actor.dealerId } : { kind: 'all' };
}

/** The dealer-portal scope: only dealer staff have one. */
export function dealerScopeOf(actor: StaffActor): StaffScope & { kind: 'dealer' } {
  if (!actor.dealerId) throw new AppError('FORBIDDEN');
  return { kind: 'dealer', dealerId: actor.dealerId };
}

/** An account the scope may see; STAFF_NOT_FOUND otherwise (another dealer's accounts do not exist to it). */
export async function findInScope(db: DbHandle, scope: StaffScope, id: string): Promise<StaffAccountRow> {
  const row = await repo.findAccountById(db, id);
  if (!row || (scope.kind === 'dealer' && row.dealerId !== scope.dealerId))
    throw new AppError(E.STAFF_NOT_FOUND);
  return row;
}

/** Like findInScope, locking the row for a read-modify-write in the caller's transaction. */
export async function lockInScope(tx: Tx, scope: StaffScope, id: string): Promise<StaffAccountRow> {
  const row = await repo.lockAccountById(tx, id);
  if (!row || (scope.kind === 'dealer' && row.dealerId !== scope.dealerId))
    throw new AppError(E.STAFF_NOT_FOUND);
  return row;
}

/** Dealer roles need a dealer and cannot be mixed with platform roles; platform roles have no dealer. */
export function assertRoleSet(roles: readonly Role[], dealerId: string | null): void {
  if (roles.length === 0) throw new AppError(E.STAFF_ROLES_INVALID, { reason: 'no role' });
  const dealerRoles = roles.filter((r) => DEALER_ROLES.includes(r));
  if (dealerRoles.length > 0 && dealerRoles.length < roles.length) {
    throw new AppError(E.STAFF_ROLES_INVALID, { reason: 'dealer and platform roles cannot be mixed' });
  }
  if (dealerRoles.length > 0 && !dealerId) {
    throw new AppError(E.STAFF_ROLES_INVALID, { reason: 'dealer roles need a dealerId' });
  }
  if (dealerRoles.length === 0 && dealerId) {
    throw new AppError(E.STAFF_ROLES_INVALID, { reason: 'platform roles cannot belong to a dealer' });
  }
}
