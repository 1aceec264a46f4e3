import type { StaffActor } from '../../kernel/auth/actor.js';
import { isPublishedDemoPassword, verifyAgainstDummy, verifyPassword } from '../../kernel/auth/passwords.js';
import { isPermission, type Permission } from '../../kernel/auth/permissions.js';
import { isRole, type Role, TOTP_REQUIRED_ROLES } from '../../kernel/auth/roles.js';
import type { LiveSession } from '../../kernel/auth/session-resolver.js';
import {
  type CreatedSession,
  createSession,
  hashSessionToken,
  isSessionLive,
  revokeAllSessions,
  revokeSession,
  type SubjectKind,
} from '../../kernel/auth/sessions.js';
import { newTotpSecret, totpUri } from '../../kernel/auth/totp.js';
import type { AppContext } from '../../kernel/context.js';
import { encryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type { TSignInRequest, TStaffMe } from './identity.contract.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import type { StaffAccountRow } from './identity.schema.js';

// Sign-in and sessions: the auth plugin's staff principal, the password step, issuing and ending sessions.

type Ctx = Pick<AppContext, 'config' | 'clock'>;

/** Failed sign-ins before the account locks, and for how long. */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 } as const;
/** A pending TOTP step or first-sign-in enrolment lives 5 minutes (code attempts: see identity.totp.ts). */
export const CHALLENGE_TTL_MS = 5 * 60_000;

// ---------------------------------------------------------------------------------------------
// Session principal (the auth plugin's session lookup)
// ---------------------------------------------------------------------------------------------

/** A live session and, for a staff session whose account is active, the staff actor. */
export interface SessionPrincipal {
  session: LiveSession;
  actor: StaffActor | null;
}

/**
 * Resolves a session token to its live session and, for staff, the actor with current roles and grants,
 * in one prepared query (every console request runs it). Buyer sessions come back without an actor: crm
 * resolves those. A staff session that did not pass TOTP resolves to nothing (signed out) once the
 * account's current roles require TOTP: roles granted after a password-only sign-in must not ride on it.
 */
export async function resolveSessionPrincipal(
  db: DbHandle,
  ctx: Ctx,
  token: string,
): Promise<SessionPrincipal | null> {
  const rows = await repo.findSessionPrincipalRows(db, hashSessionToken(ctx.config, token));
  const first = rows[0];
  if (!first || !isSessionLive(first, ctx.clock.now())) return null;
  const session: LiveSession = {
    id: first.sessionId,
    subjectKind: first.subjectKind,
    subjectId: first.subjectId,
    lastSeenAt: first.lastSeenAt,
    absoluteExpiresAt: first.absoluteExpiresAt,
  };
  if (first.subjectKind !== 'staff') return { session, actor: null };
  if (!first.accountId || first.status !== 'active' || !first.email || first.displayName === null)
    return null;
  const roles = new Set<Role>();
  const permissions = new Set<Permission>();
  for (const r of rows) {
    if (r.role && isRole(r.role)) roles.add(r.role);
    if (r.permission && isPermission(r.permission)) permissions.add(r.permission);
  }
  if (first.totpVerifiedAt === null && [...roles].some((r) => TOTP_REQUIRED_ROLES.includes(r))) return null;
  return {
    session,
    actor: {
      kind: 'staff',
      accountId: first.accountId,
      sessionId: first.sessionId,
      email: first.email,
      displayName: first.displayName,
      roles: [...roles].sort(),
      permissions,
      dealerId: first.dealerId,
      totpEnabled: first.totpEnabledAt !== null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sign-in
// ---------------------------------------------------------------------------------------------

export type SignInOutcome =
  | { status: 'signed_in'; session: CreatedSession; me: TStaffMe }
  | { status: 'totp_required'; challengeId: string }
  | { status: 'totp_enrolment_required'; challengeId: string; secret: string; otpauthUri: string };

/**
 * Email + password sign-in. Unknown email, wrong password and disabled account give the same
 * INVALID_CREDENTIALS after the same argon2 work; a locked account says so only when the password is right.
 * `userAgent` is recorded with the session it issues.
 */
export async function signIn(
  db: DbHandle,
  ctx: Ctx,
  input: TSignInRequest,
  mutation: Mutation,
  userAgent?: string,
): Promise<SignInOutcome> {
  const account = await repo.findAccountByEmail(db, input.email);
  if (!account) {
    await verifyAgainstDummy(input.password);
    throw new AppError(E.INVALID_CREDENTIALS);
  }
  // In production the published demo password opens nothing, even where an old demo account still has it.
  const passwordOk =
    (await verifyPassword(account.passwordHash, input.password)) &&
    !(ctx.config.env === 'production' && isPublishedDemoPassword(input.password));
  const now = mutation.at;
  if (account.lockedUntil && account.lockedUntil > now) {
    if (passwordOk && account.status === 'active') {
      const minutes = Math.max(1, Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000));
      throw new AppError(E.ACCOUNT_LOCKED, { minutes });
    }
    throw new AppError(E.INVALID_CREDENTIALS);
  }
  if (!passwordOk) {
    // Not in a transaction: the count must survive the error thrown below.
    await repo.recordFailedSignIn(
      db,
      account.id,
      now,
      LOCKOUT.maxFailures,
      new Date(now.getTime() + LOCKOUT.lockMs),
    );
    throw new AppError(E.INVALID_CREDENTIALS);
  }
  if (account.status !== 'active') throw new AppError(E.INVALID_CREDENTIALS);
  if (account.failedSignIns > 0 || account.lockedUntil) {
    await repo.updateAccount(db, account.id, { failedSignIns: 0, lockedUntil: null });
  }
  const roles = await repo.rolesOf(db, account.id);
  if (account.totpEnabledAt && account.totpSecretEnc) {
    const challengeId = await openChallenge(db, ctx, account.id, 'verify', null, CHALLENGE_TTL_MS, now);
    return { status: 'totp_required', challengeId };
  }
  if (roles.some((r) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(r))) {
    const secret = newTotpSecret();
    const challengeId = await openChallenge(db, ctx, account.id, 'enrol', secret, CHALLENGE_TTL_MS, now);
    return {
      status: 'totp_enrolment_required',
      challengeId,
      secret,
      otpauthUri: totpUri(secret, account.email),
    };
  }
  return withTransaction(db, async (tx) => ({
    status: 'signed_in' as const,
    ...(await startSession(tx, ctx, account, mutation, userAgent, null)),
  }));
}

/** Opens a TOTP challenge (second sign-in step, or an enrolment carrying its new secret encrypted). */
export async function openChallenge(
  db: DbHandle,
  ctx: Pick<Ctx, 'config'>,
  accountId: string,
  purpose: 'verify' | 'enrol' | 'enrol_self',
  secret: string | null,
  ttlMs: number,
  now: Date,
): Promise<string> {
  const id = newId('chl');
  await repo.insertChallenge(db, {
    id,
    accountId,
    purpose,
    secretEnc: secret ? encryptPersonal(ctx.config, secret) : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return id;
}

/**
 * Issues a new session for an account that passed every factor, and audits the sign-in as the person
 * signing in. `totpVerifiedAt` is when this sign-in passed a TOTP code (null for password only).
 */
export async function startSession(
  tx: Tx,
  ctx: Ctx,
  account: StaffAccountRow,
  mutation: Mutation,
  userAgent: string | undefined,
  totpVerifiedAt: Date | null,
): Promise<{ session: CreatedSession; me: TStaffMe }> {
  const session = await createSession(tx, ctx, {
    subjectKind: 'staff',
    subjectId: account.id,
    ip: mutation.ip,
    userAgent,
    totpVerifiedAt,
  });
  const me = await loadStaffMe(tx, account.id);
  if (!me) throw new AppError(E.INVALID_CREDENTIALS);
  await audit(
    tx,
    { ...mutation, actor: actorFromMe(me, session.sessionId) },
    {
      action: 'auth.sign_in',
      entityType: 'staff_account',
      entityId: account.id,
      after: { sessionId: session.sessionId },
    },
  );
  return { session, me };
}

function actorFromMe(me: TStaffMe, sessionId: string): StaffActor {
  return {
    kind: 'staff',
    accountId: me.id,
    sessionId,
    email: me.email,
    displayName: me.displayName,
    roles: me.roles,
    permissions: new Set(me.permissions.filter(isPermission)),
    dealerId: me.dealerId,
    totpEnabled: me.totpEnabled,
  };
}

/** The signed-in staff member as the web app sees them, from the actor the auth plugin already loaded. */
export function staffMeFromActor(actor: StaffActor): TStaffMe {
  return {
    kind: 'staff',
    id: actor.accountId,
    email: actor.email,
    displayName: actor.displayName,
    roles: [...actor.roles],
    permissions: [...actor.permissions].sort(),
    dealerId: actor.dealerId,
    totpEnabled: actor.totpEnabled,
  };
}

/** The signed-in staff member as the web app sees them. */
export async function loadStaffMe(db: DbHandle, accountId: string): Promise<TStaffMe | null> {
  const account = await repo.findAccountById(db, accountId);
  if (!account) return null;
  const roles = (await repo.rolesOf(db, accountId)).filter(isRole);
  const permissions = await repo.permissionsOfRoles(db, roles);
  return {
    kind: 'staff',
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    roles,
    permissions,
    dealerId: account.dealerId,
    totpEnabled: account.totpEnabledAt !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Sign-out
// ---------------------------------------------------------------------------------------------

/** Ends the caller's current session. */
export async function signOut(db: DbHandle, who: { sessionId: string }, mutation: Mutation): Promise<void> {
  await revokeSession(db, who.sessionId, 'sign_out', mutation.at);
}

/** Ends every session of the caller (all browsers and API tokens). */
export async function signOutEverywhere(
  db: DbHandle,
  who: { kind: SubjectKind; subjectId: string },
  mutation: Mutation,
): Promise<number> {
  return revokeAllSessions(db, who.kind, who.subjectId, 'sign_out_everywhere', mutation.at);
}
