import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../kernel/auth/passwords.js';
import { DEALER_ROLES, isRole, type Role } from '../../kernel/auth/roles.js';
import {
  type CreatedSession,
  createSession,
  revokeAllSessions,
  sessionTotpVerifiedAt,
} from '../../kernel/auth/sessions.js';
import { formatShanghai } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import type {
  TCreateStaffRequest,
  TDealerStaffCreateRequest,
  TStaff,
  TStaffListQuery,
  TUpdateStaffRequest,
} from './identity.contract.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import { type StaffAccountRow, staffAccounts } from './identity.schema.js';
import { assertRoleSet, findInScope, lockInScope, type StaffScope } from './identity.scope.js';

// Staff accounts: administration by platform admins (and dealer admins for their own dealer, through a
// dealer scope), and each member's own password.

type Ctx = Pick<AppContext, 'config' | 'clock'>;

export function toStaffDto(row: StaffAccountRow, roles: readonly string[], now: Date): TStaff {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: roles.filter(isRole),
    status: row.status,
    dealerId: row.dealerId,
    totpEnabled: row.totpEnabledAt !== null,
    locked: row.lockedUntil !== null && row.lockedUntil > now,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The password policy, as a PASSWORD_TOO_WEAK that says why. */
export function assertStrongPassword(password: string, email: string): void {
  const weak = checkPasswordStrength(password, email);
  if (weak) throw new AppError(E.PASSWORD_TOO_WEAK, weak);
}

const ZStaffCursor = z.object({ id: z.string() });

export async function listStaff(
  db: DbHandle,
  ctx: Pick<Ctx, 'clock'>,
  scope: StaffScope,
  query: TStaffListQuery,
): Promise<{ items: TStaff[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ZStaffCursor);
  const rows = await repo.listAccounts(
    db,
    {
      q: query.q || undefined,
      role: query.role,
      status: query.status,
      dealerId: scope.kind === 'dealer' ? scope.dealerId : query.dealerId,
      afterId: after?.id,
    },
    query.limit,
  );
  const roles = await repo.rolesOfMany(
    db,
    rows.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return toPage(
    rows,
    query.limit,
    (r) => toStaffDto(r, roles.get(r.id) ?? [], now),
    (r) => ({ id: r.id }),
  );
}

export async function getStaff(
  db: DbHandle,
  ctx: Pick<Ctx, 'clock'>,
  scope: StaffScope,
  id: string,
): Promise<TStaff> {
  const row = await findInScope(db, scope, id);
  return toStaffDto(row, await repo.rolesOf(db, id), ctx.clock.now());
}

/** Creates a staff account (audited). In a dealer scope the account always belongs to that dealer. */
export async function createStaff(
  db: DbHandle,
  scope: StaffScope,
  input: TCreateStaffRequest | TDealerStaffCreateRequest,
  mutation: Mutation,
): Promise<TStaff> {
  const roles = [...new Set(input.roles)].sort() as Role[];
  const dealerId =
    scope.kind === 'dealer' ? scope.dealerId : (('dealerId' in input ? input.dealerId : null) ?? null);
  assertRoleSet(roles, dealerId);
  assertStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = mutation.at;
  return withTransaction(db, async (tx) => {
    let row: StaffAccountRow;
    try {
      row = await repo.insertAccount(tx, {
        id: newId('stf'),
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
        status: 'active',
        dealerId,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    } catch (e) {
      if (e instanceof repo.EmailTakenError) throw new AppError(E.EMAIL_TAKEN);
      throw e;
    }
    await repo.replaceRoles(tx, row.id, roles);
    const dto = toStaffDto(row, roles, now);
    await audit(tx, mutation, {
      action: 'staff.create',
      entityType: 'staff_account',
      entityId: row.id,
      before: null,
      after: dto,
    });
    return dto;
  });
}

/**
 * Edits name, roles or dealer (audited). A change of roles or dealer ends all the account's sessions in the
 * same transaction, so new powers need a fresh sign-in with the factors they require.
 */
export async function updateStaff(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  input: TUpdateStaffRequest,
  mutation: Mutation,
): Promise<TStaff> {
  const now = mutation.at;
  return withTransaction(db, async (tx) => {
    const row = await lockInScope(tx, scope, id);
    const oldRoles = (await repo.rolesOf(tx, id)).filter(isRole);
    const before = toStaffDto(row, oldRoles, now);
    const roles = input.roles ? ([...new Set(input.roles)].sort() as Role[]) : oldRoles;
    const dealerId =
      scope.kind === 'dealer' ? scope.dealerId : input.dealerId === undefined ? row.dealerId : input.dealerId;
    if (scope.kind === 'dealer' && roles.some((r) => !DEALER_ROLES.includes(r)))
      throw new AppError('FORBIDDEN');
    assertRoleSet(roles, dealerId);
    const updated = await repo.updateAccount(tx, id, {
      displayName: input.displayName ?? row.displayName,
      dealerId,
      updatedAt: now,
    });
    if (!updated) throw new AppError(E.STAFF_NOT_FOUND);
    if (input.roles) await repo.replaceRoles(tx, id, roles);
    const rolesChanged = roles.length !== oldRoles.length || roles.some((r) => !oldRoles.includes(r));
    if (rolesChanged || dealerId !== row.dealerId) {
      await revokeAllSessions(tx, 'staff', id, rolesChanged ? 'roles_changed' : 'dealer_changed', now);
    }
    const after = toStaffDto(updated, roles, now);
    await audit(tx, mutation, {
      action: 'staff.update',
      entityType: 'staff_account',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Disables an account and ends all its sessions (audited). Nobody disables their own account. */
export async function disableStaff(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  mutation: Mutation,
): Promise<TStaff> {
  if (mutation.actor?.kind === 'staff' && id === mutation.actor.accountId) {
    throw new AppError(E.CANNOT_DISABLE_SELF);
  }
  return changeAccount(db, scope, id, mutation, 'staff.disable', async (tx, row, now) => {
    await revokeAllSessions(tx, 'staff', row.id, 'account_disabled', now);
    // By email only: a disabled account cannot read in-app notifications.
    await notify(tx, {
      recipient: { kind: 'staff', id: row.id, email: row.email },
      templateKey: 'account.disabled',
      params: { time: formatShanghai(now) },
      channels: ['email'],
      at: now,
    });
    return { status: 'disabled' };
  });
}

/** Re-enables an account and clears any lockout (audited). */
export async function enableStaff(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  mutation: Mutation,
): Promise<TStaff> {
  return changeAccount(db, scope, id, mutation, 'staff.enable', async () => ({
    status: 'active',
    failedSignIns: 0,
    lockedUntil: null,
  }));
}

/** Sets a new password chosen by an admin and ends the account's sessions (audited). */
export async function resetStaffPassword(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  newPassword: string,
  mutation: Mutation,
): Promise<TStaff> {
  const target = await findInScope(db, scope, id);
  assertStrongPassword(newPassword, target.email);
  const passwordHash = await hashPassword(newPassword);
  return changeAccount(db, scope, id, mutation, 'staff.reset_password', async (tx, row, now) => {
    await revokeAllSessions(tx, 'staff', row.id, 'password_reset', now);
    return { passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null };
  });
}

/** Removes the account's authenticator and recovery codes and ends its sessions (audited). */
export async function resetStaffTotp(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  mutation: Mutation,
): Promise<TStaff> {
  return changeAccount(db, scope, id, mutation, 'staff.reset_totp', async (tx, row, now) => {
    await repo.replaceRecoveryCodes(tx, row.id, []);
    await revokeAllSessions(tx, 'staff', row.id, 'totp_reset', now);
    return { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null };
  });
}

/** Locks an account in scope, applies `change` and audits `action` with before/after, in one transaction. */
async function changeAccount(
  db: DbHandle,
  scope: StaffScope,
  id: string,
  mutation: Mutation,
  action: string,
  change: (tx: Tx, row: StaffAccountRow, now: Date) => Promise<Parameters<typeof repo.updateAccount>[2]>,
): Promise<TStaff> {
  const now = mutation.at;
  return withTransaction(db, async (tx) => {
    const row = await lockInScope(tx, scope, id);
    const roles = await repo.rolesOf(tx, id);
    const before = toStaffDto(row, roles, now);
    const patch = await change(tx, row, now);
    const updated = await repo.updateAccount(tx, id, { ...patch, updatedAt: now });
    if (!updated) throw new AppError(E.STAFF_NOT_FOUND);
    const after = toStaffDto(updated, roles, now);
    await audit(tx, mutation, { action, entityType: 'staff_account', entityId: id, before, after });
    return after;
  });
}

/**
 * Changes the caller's own password, ends all their sessions and returns a fresh one for this browser
 * (recorded with `userAgent`).
 */
export async function changePassword(
  db: DbHandle,
  ctx: Ctx,
  actor: StaffActor,
  input: { currentPassword: string; newPassword: string },
  mutation: Mutation,
  userAgent?: string,
): Promise<CreatedSession> {
  const account = await repo.findAccountById(db, actor.accountId);
  if (!account) throw new AppError(E.STAFF_NOT_FOUND);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError(E.CURRENT_PASSWORD_WRONG);
  }
  assertStrongPassword(input.newPassword, account.email);
  const passwordHash = await hashPassword(input.newPassword);
  const now = mutation.at;
  return withTransaction(db, async (tx) => {
    // The fresh session inherits the factors of the one it replaces, no more.
    const totpVerifiedAt = await sessionTotpVerifiedAt(tx, actor.sessionId);
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    await revokeAllSessions(tx, 'staff', account.id, 'password_changed', now);
    const session = await createSession(tx, ctx, {
      subjectKind: 'staff',
      subjectId: account.id,
      ip: mutation.ip,
      userAgent,
      totpVerifiedAt,
    });
    await audit(tx, mutation, {
      action: 'staff.change_password',
      entityType: 'staff_account',
      entityId: account.id,
      before: { passwordChangedAt: account.passwordChangedAt },
      after: { passwordChangedAt: now },
    });
    // Tell the owner on a second channel: if it was not them, the email reaches them even signed out.
    await notify(tx, {
      recipient: { kind: 'staff', id: account.id, email: account.email },
      templateKey: 'account.password_changed',
      params: { time: formatShanghai(now) },
      channels: ['in_app', 'email'],
      link: '/console/account',
      at: now,
    });
    return session;
  });
}

/** Staff account ids by e-mail (other modules' seeds attach their own records to the demo staff). */
export async function staffAccountIdsByEmail(
  db: DbHandle,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const email of emails) {
    const row = await repo.findAccountByEmail(db, email);
    if (row) found.set(email, row.id);
  }
  return found;
}

/** Active staff account ids of one dealer (other modules notify a dealer's own staff, never every dealer's). */
export async function activeStaffIdsOfDealer(db: DbHandle, dealerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(and(eq(staffAccounts.dealerId, dealerId), eq(staffAccounts.status, 'active')));
  return rows.map((r) => r.id);
}

/** Contact details of the given staff accounts that are active (for report emails); disabled ones are left out. */
export async function activeStaffContacts(
  db: DbHandle,
  ids: readonly string[],
): Promise<{ id: string; email: string; displayName: string; dealerId: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: staffAccounts.id,
      email: staffAccounts.email,
      displayName: staffAccounts.displayName,
      dealerId: staffAccounts.dealerId,
    })
    .from(staffAccounts)
    .where(and(inArray(staffAccounts.id, [...ids]), eq(staffAccounts.status, 'active')));
}
