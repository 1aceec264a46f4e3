import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { recordAudit } from '../../kernel/audit/audit.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import {
  checkPasswordStrength,
  hashPassword,
  isPublishedDemoPassword,
  verifyAgainstDummy,
  verifyPassword,
} from '../../kernel/auth/passwords.js';
import {
  DEALER_ROLES,
  DEFAULT_ROLE_GRANTS,
  PERMISSIONS,
  type Permission,
  ROLE_NAMES,
  ROLES,
  type Role,
  TOTP_REQUIRED_ROLES,
} from '../../kernel/auth/permissions.js';
import {
  type CreatedSession,
  createSession,
  hashSessionToken,
  isSessionLive,
  markSessionTotpVerified,
  revokeAllSessions,
  revokeSession,
  type SubjectKind,
  sessionTotpVerifiedAt,
} from '../../kernel/auth/sessions.js';
import { matchTotpStep, newTotpSecret, totpUri } from '../../kernel/auth/totp.js';
import { formatShanghai } from '../../kernel/clock.js';
import { decryptPersonal, encryptPersonal, keyedHash } from '../../kernel/crypto.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { notify } from '../../kernel/notify/notify.js';
import type {
  TCreateStaffRequest,
  TDealerStaffCreateRequest,
  TSignInRequest,
  TStaff,
  TStaffListQuery,
  TStaffMe,
  TTotpVerifyRequest,
  TUpdateStaffRequest,
} from './identity.contract.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import type { StaffAccountRow } from './identity.schema.js';

type Ctx = Pick<AppContext, 'config' | 'clock'>;
type Q = Db | Tx;

/** Request facts recorded with sessions and audit rows. */
export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent?: string | undefined;
}

/** Failed sign-ins before the account locks, and for how long. */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 } as const;
/** A pending TOTP step or first-sign-in enrolment lives 5 minutes and allows 5 code attempts. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const SELF_ENROL_TTL_MS = 10 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;
export const RECOVERY_CODE_COUNT = 10;

// ---------------------------------------------------------------------------------------------
// Session principal (used by the auth plugin)
// ---------------------------------------------------------------------------------------------

export interface SessionPrincipal {
  session: {
    id: string;
    subjectKind: SubjectKind;
    subjectId: string;
    lastSeenAt: Date;
    absoluteExpiresAt: Date;
  };
  /** Set for a live staff session whose account is active. */
  staff: StaffActor | null;
}

/**
 * Resolves a session token to its live session and, for staff, the actor with current roles and grants.
 * A staff session that did not pass TOTP resolves to nothing (signed out) once the account's current roles
 * require TOTP: roles granted after a password-only sign-in must not ride on that session.
 */
export async function resolveSessionPrincipal(
  db: Q,
  ctx: Ctx,
  token: string,
): Promise<SessionPrincipal | null> {
  const rows = await repo.findSessionPrincipalRows(db, hashSessionToken(ctx.config, token));
  const first = rows[0];
  if (!first || !isSessionLive(first, ctx.clock.now())) return null;
  const session = {
    id: first.sessionId,
    subjectKind: first.subjectKind,
    subjectId: first.subjectId,
    lastSeenAt: first.lastSeenAt,
    absoluteExpiresAt: first.absoluteExpiresAt,
  };
  if (first.subjectKind !== 'staff') return { session, staff: null };
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
    staff: {
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

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
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
 */
export async function signIn(
  db: Q,
  ctx: Ctx,
  input: TSignInRequest,
  meta: RequestMeta,
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
  const now = ctx.clock.now();
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
    const challengeId = await openChallenge(db, ctx, account.id, 'verify', null, CHALLENGE_TTL_MS);
    return { status: 'totp_required', challengeId };
  }
  if (roles.some((r) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(r))) {
    const secret = newTotpSecret();
    const challengeId = await openChallenge(db, ctx, account.id, 'enrol', secret, CHALLENGE_TTL_MS);
    return {
      status: 'totp_enrolment_required',
      challengeId,
      secret,
      otpauthUri: totpUri(secret, account.email),
    };
  }
  return withTransaction(db, async (tx) => ({
    status: 'signed_in' as const,
    ...(await startSession(tx, ctx, account, meta, null)),
  }));
}

async function openChallenge(
  db: Q,
  ctx: Ctx,
  accountId: string,
  purpose: 'verify' | 'enrol' | 'enrol_self',
  secret: string | null,
  ttlMs: number,
): Promise<string> {
  const now = ctx.clock.now();
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
 * Issues a new session for an account that passed every factor, and audits the sign-in. `totpVerifiedAt`
 * is when this sign-in passed a TOTP code (null for password only).
 */
async function startSession(
  tx: Tx,
  ctx: Ctx,
  account: StaffAccountRow,
  meta: RequestMeta,
  totpVerifiedAt: Date | null,
): Promise<{ session: CreatedSession; me: TStaffMe }> {
  const session = await createSession(tx, ctx, {
    subjectKind: 'staff',
    subjectId: account.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    totpVerifiedAt,
  });
  const me = await loadStaffMe(tx, account.id);
  if (!me) throw new AppError(E.INVALID_CREDENTIALS);
  await recordAudit(tx, {
    actor: actorFromMe(me, session.sessionId),
    action: 'auth.sign_in',
    entityType: 'staff_account',
    entityId: account.id,
    after: { sessionId: session.sessionId },
    requestId: meta.requestId,
    ip: meta.ip,
    at: ctx.clock.now(),
  });
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
export async function loadStaffMe(db: Q, accountId: string): Promise<TStaffMe | null> {
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

/** Opens a challenge for a code attempt: checks kind and expiry and counts the attempt (kept on failure). */
async function takeChallengeAttempt(
  db: Q,
  ctx: Ctx,
  challengeId: string,
  purposes: readonly string[],
): Promise<{
  challenge: NonNullable<Awaited<ReturnType<typeof repo.findChallenge>>>;
  account: StaffAccountRow;
}> {
  const now = ctx.clock.now();
  const challenge = await repo.findChallenge(db, challengeId);
  if (!challenge || !purposes.includes(challenge.purpose)) throw new AppError(E.CHALLENGE_INVALID);
  const attempts = await repo.countChallengeAttempt(db, challenge.id, now);
  if (attempts === null || attempts > CHALLENGE_MAX_ATTEMPTS) throw new AppError(E.CHALLENGE_INVALID);
  const account = await repo.findAccountById(db, challenge.accountId);
  if (account?.status !== 'active') throw new AppError(E.CHALLENGE_INVALID);
  return { challenge, account };
}

/** Second step of sign-in: a TOTP code or one unused recovery code. */
export async function verifyTotp(
  db: Q,
  ctx: Ctx,
  input: TTotpVerifyRequest,
  meta: RequestMeta,
): Promise<{ session: CreatedSession; me: TStaffMe }> {
  const { challenge, account } = await takeChallengeAttempt(db, ctx, input.challengeId, ['verify']);
  if (!account.totpSecretEnc) throw new AppError(E.CHALLENGE_INVALID);
  const now = ctx.clock.now();
  const step = input.code
    ? matchTotpStep(decryptPersonal(ctx.config, account.totpSecretEnc), input.code, now)
    : null;
  if (input.code && step === null) throw new AppError(E.TOTP_INVALID);
  return withTransaction(db, async (tx) => {
    if (step !== null) {
      if (!(await repo.claimTotpStep(tx, account.id, step))) throw new AppError(E.TOTP_INVALID);
    } else {
      const ok = await repo.redeemRecoveryCode(
        tx,
        account.id,
        hashRecoveryCode(ctx, input.recoveryCode ?? ''),
        now,
      );
      if (!ok) throw new AppError(E.TOTP_INVALID);
    }
    if (!(await repo.consumeChallenge(tx, challenge.id, now))) throw new AppError(E.CHALLENGE_INVALID);
    return startSession(tx, ctx, account, meta, now);
  });
}

/** First sign-in of a role that requires TOTP: the first code proves the app is set up; signs in. */
export async function confirmEnrolment(
  db: Q,
  ctx: Ctx,
  input: { challengeId: string; code: string },
  meta: RequestMeta,
): Promise<{ session: CreatedSession; me: TStaffMe; recoveryCodes: string[] }> {
  const { challenge, account } = await takeChallengeAttempt(db, ctx, input.challengeId, ['enrol']);
  return withTransaction(db, async (tx) => {
    const recoveryCodes = await enableTotp(tx, ctx, challenge, account, input.code, null, meta);
    return { ...(await startSession(tx, ctx, account, meta, ctx.clock.now())), recoveryCodes };
  });
}

/** A signed-in staff member starts enrolling an authenticator app (optional for most roles). */
export async function startSelfEnrolment(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
): Promise<{ secret: string; otpauthUri: string }> {
  const account = await repo.findAccountById(db, actor.accountId);
  if (!account) throw new AppError(E.STAFF_NOT_FOUND);
  if (account.totpEnabledAt) throw new AppError(E.TOTP_ALREADY_ENABLED);
  const secret = newTotpSecret();
  await openChallenge(db, ctx, account.id, 'enrol_self', secret, SELF_ENROL_TTL_MS);
  return { secret, otpauthUri: totpUri(secret, account.email) };
}

/** Completes self-enrolment with the first code; returns the recovery codes (shown once). */
export async function confirmSelfEnrolment(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  code: string,
  meta: RequestMeta,
): Promise<string[]> {
  const open = await repo.findLatestOpenChallenge(db, actor.accountId, 'enrol_self', ctx.clock.now());
  if (!open) throw new AppError(E.CHALLENGE_INVALID);
  const { challenge, account } = await takeChallengeAttempt(db, ctx, open.id, ['enrol_self']);
  const recoveryCodes = await enableTotp(db, ctx, challenge, account, code, actor, meta);
  // The code just entered is a second factor passed in this very session.
  await markSessionTotpVerified(db, actor.sessionId, ctx.clock.now());
  return recoveryCodes;
}

async function enableTotp(
  db: Q,
  ctx: Ctx,
  challenge: { id: string; secretEnc: string | null },
  account: StaffAccountRow,
  code: string,
  actor: StaffActor | null,
  meta: RequestMeta,
): Promise<string[]> {
  if (!challenge.secretEnc) throw new AppError(E.CHALLENGE_INVALID);
  const now = ctx.clock.now();
  const step = matchTotpStep(decryptPersonal(ctx.config, challenge.secretEnc), code, now);
  if (step === null) throw new AppError(E.TOTP_INVALID);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  await withTransaction(db, async (tx) => {
    if (!(await repo.consumeChallenge(tx, challenge.id, now))) throw new AppError(E.CHALLENGE_INVALID);
    const locked = await repo.lockAccountById(tx, account.id);
    if (!locked) throw new AppError(E.CHALLENGE_INVALID);
    if (locked.totpEnabledAt) throw new AppError(E.TOTP_ALREADY_ENABLED);
    await repo.updateAccount(tx, account.id, {
      totpSecretEnc: challenge.secretEnc,
      totpEnabledAt: now,
      totpLastStep: step,
      updatedAt: now,
    });
    await repo.replaceRecoveryCodes(
      tx,
      account.id,
      recoveryCodes.map((c) => ({ id: newId('rcv'), codeHash: hashRecoveryCode(ctx, c) })),
    );
    await recordAudit(tx, {
      actor,
      action: 'staff.totp_enrol',
      entityType: 'staff_account',
      entityId: account.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true, recoveryCodes: RECOVERY_CODE_COUNT },
      requestId: meta.requestId,
      ip: meta.ip,
      at: now,
    });
  });
  return recoveryCodes;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time recovery code for a lost authenticator (shown once, stored hashed). */
export function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function hashRecoveryCode(ctx: Pick<Ctx, 'config'>, code: string): string {
  return keyedHash(ctx.config, 'totp-recovery', code.toLowerCase().replace(/[\s-]/g, ''));
}

// ---------------------------------------------------------------------------------------------
// Own account: sign-out, password
// ---------------------------------------------------------------------------------------------

/** Ends the caller's current session. */
export async function signOut(db: Q, ctx: Ctx, who: { kind: SubjectKind; sessionId: string }): Promise<void> {
  await revokeSession(db, who.sessionId, 'sign_out', ctx.clock.now());
}

/** Ends every session of the caller (all browsers and API tokens). */
export async function signOutEverywhere(
  db: Q,
  ctx: Ctx,
  who: { kind: SubjectKind; subjectId: string },
): Promise<number> {
  return revokeAllSessions(db, who.kind, who.subjectId, 'sign_out_everywhere', ctx.clock.now());
}

/** Changes the caller's password, ends all their sessions and returns a fresh one for this browser. */
export async function changePassword(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<CreatedSession> {
  const account = await repo.findAccountById(db, actor.accountId);
  if (!account) throw new AppError(E.STAFF_NOT_FOUND);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError(E.CURRENT_PASSWORD_WRONG);
  }
  assertStrongPassword(input.newPassword, account.email);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  return withTransaction(db, async (tx) => {
    // The fresh session inherits the factors of the one it replaces, no more.
    const totpVerifiedAt = await sessionTotpVerifiedAt(tx, actor.sessionId);
    await repo.updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
    await revokeAllSessions(tx, 'staff', account.id, 'password_changed', now);
    const session = await createSession(tx, ctx, {
      subjectKind: 'staff',
      subjectId: account.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      totpVerifiedAt,
    });
    await recordAudit(tx, {
      actor,
      action: 'staff.change_password',
      entityType: 'staff_account',
      entityId: account.id,
      before: { passwordChangedAt: account.passwordChangedAt },
      after: { passwordChangedAt: now },
      requestId: meta.requestId,
      ip: meta.ip,
      at: now,
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

function assertStrongPassword(password: string, email: string): void {
  const weak = checkPasswordStrength(password, email);
  if (weak) throw new AppError(E.PASSWORD_TOO_WEAK, weak);
}

// ---------------------------------------------------------------------------------------------
// Staff administration (platform admins, and dealer admins for their own dealer)
// ---------------------------------------------------------------------------------------------

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

const ZStaffCursor = z.object({ id: z.string() });

export async function listStaff(
  db: Q,
  ctx: Ctx,
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

async function findInScope(db: Q, scope: StaffScope, id: string): Promise<StaffAccountRow> {
  const row = await repo.findAccountById(db, id);
  if (!row || (scope.kind === 'dealer' && row.dealerId !== scope.dealerId))
    throw new AppError(E.STAFF_NOT_FOUND);
  return row;
}

async function lockInScope(tx: Tx, scope: StaffScope, id: string): Promise<StaffAccountRow> {
  const row = await repo.lockAccountById(tx, id);
  if (!row || (scope.kind === 'dealer' && row.dealerId !== scope.dealerId))
    throw new AppError(E.STAFF_NOT_FOUND);
  return row;
}

export async function getStaff(db: Q, ctx: Ctx, scope: StaffScope, id: string): Promise<TStaff> {
  const row = await findInScope(db, scope, id);
  return toStaffDto(row, await repo.rolesOf(db, id), ctx.clock.now());
}

/** Dealer roles need a dealer and cannot be mixed with platform roles; platform roles have no dealer. */
function assertRoleSet(roles: readonly Role[], dealerId: string | null): void {
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

/** Creates a staff account (audited). In a dealer scope the account always belongs to that dealer. */
export async function createStaff(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  input: TCreateStaffRequest | TDealerStaffCreateRequest,
  meta: RequestMeta,
): Promise<TStaff> {
  const roles = [...new Set(input.roles)].sort() as Role[];
  const dealerId =
    scope.kind === 'dealer' ? scope.dealerId : (('dealerId' in input ? input.dealerId : null) ?? null);
  assertRoleSet(roles, dealerId);
  assertStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
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
    await audit(tx, ctx, actor, meta, 'staff.create', row.id, null, dto);
    return dto;
  });
}

async function audit(
  tx: Tx,
  ctx: Ctx,
  actor: StaffActor,
  meta: RequestMeta,
  action: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor,
    action,
    entityType: 'staff_account',
    entityId,
    before,
    after,
    requestId: meta.requestId,
    ip: meta.ip,
    at: ctx.clock.now(),
  });
}

/**
 * Edits name, roles or dealer (audited). A change of roles or dealer ends all the account's sessions in the
 * same transaction, so new powers need a fresh sign-in with the factors they require.
 */
export async function updateStaff(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  input: TUpdateStaffRequest,
  meta: RequestMeta,
): Promise<TStaff> {
  const now = ctx.clock.now();
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
    await audit(tx, ctx, actor, meta, 'staff.update', id, before, after);
    return after;
  });
}

/** Disables an account and ends all its sessions (audited). */
export async function disableStaff(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  meta: RequestMeta,
): Promise<TStaff> {
  if (id === actor.accountId) throw new AppError(E.CANNOT_DISABLE_SELF);
  return changeAccount(db, ctx, actor, scope, id, meta, 'staff.disable', async (tx, row, now) => {
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
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  meta: RequestMeta,
): Promise<TStaff> {
  return changeAccount(db, ctx, actor, scope, id, meta, 'staff.enable', async () => ({
    status: 'active',
    failedSignIns: 0,
    lockedUntil: null,
  }));
}

/** Sets a new password chosen by an admin and ends the account's sessions (audited). */
export async function resetStaffPassword(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  newPassword: string,
  meta: RequestMeta,
): Promise<TStaff> {
  const target = await findInScope(db, scope, id);
  assertStrongPassword(newPassword, target.email);
  const passwordHash = await hashPassword(newPassword);
  return changeAccount(db, ctx, actor, scope, id, meta, 'staff.reset_password', async (tx, row, now) => {
    await revokeAllSessions(tx, 'staff', row.id, 'password_reset', now);
    return { passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null };
  });
}

/** Removes the account's authenticator and recovery codes and ends its sessions (audited). */
export async function resetStaffTotp(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  meta: RequestMeta,
): Promise<TStaff> {
  return changeAccount(db, ctx, actor, scope, id, meta, 'staff.reset_totp', async (tx, row, now) => {
    await repo.replaceRecoveryCodes(tx, row.id, []);
    await revokeAllSessions(tx, 'staff', row.id, 'totp_reset', now);
    return { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null };
  });
}

async function changeAccount(
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  scope: StaffScope,
  id: string,
  meta: RequestMeta,
  action: string,
  change: (tx: Tx, row: StaffAccountRow, now: Date) => Promise<Parameters<typeof repo.updateAccount>[2]>,
): Promise<TStaff> {
  const now = ctx.clock.now();
  return withTransaction(db, async (tx) => {
    const row = await lockInScope(tx, scope, id);
    const roles = await repo.rolesOf(tx, id);
    const before = toStaffDto(row, roles, now);
    const patch = await change(tx, row, now);
    const updated = await repo.updateAccount(tx, id, { ...patch, updatedAt: now });
    if (!updated) throw new AppError(E.STAFF_NOT_FOUND);
    const after = toStaffDto(updated, roles, now);
    await audit(tx, ctx, actor, meta, action, id, before, after);
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Roles and permissions
// ---------------------------------------------------------------------------------------------

export function permissionCatalogue(): { permission: string; zh: string; en: string }[] {
  return Object.entries(PERMISSIONS).map(([permission, names]) => ({ permission, ...names }));
}

export async function listRoles(db: Q) {
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
  db: Q,
  ctx: Ctx,
  actor: StaffActor,
  role: string,
  permissions: readonly Permission[],
  meta: RequestMeta,
) {
  if (!isRole(role)) throw new AppError(E.UNKNOWN_ROLE);
  const next = [...new Set(permissions)].sort();
  if (role === 'admin' && !next.includes('roles.manage')) throw new AppError(E.ROLE_LOCKOUT);
  return withTransaction(db, async (tx) => {
    const before = await repo.grantsOfRole(tx, role);
    await repo.replaceGrants(tx, role, next);
    await recordAudit(tx, {
      actor,
      action: 'role.update_permissions',
      entityType: 'role',
      entityId: role,
      before: { permissions: before },
      after: { permissions: next },
      requestId: meta.requestId,
      ip: meta.ip,
      at: ctx.clock.now(),
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
 * Applies the built-in default grants of every permission this database has not seen yet: all of them on
 * first start, and later only those that new code added. Admins' edits to known permissions are kept.
 */
export async function ensureDefaultRoleGrants(db: Q): Promise<void> {
  const known = new Set(await repo.listKnownPermissions(db));
  const fresh = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !known.has(p));
  if (fresh.length === 0) return;
  await withTransaction(db, async (tx) => {
    await repo.addGrants(
      tx,
      ROLES.flatMap((role) =>
        DEFAULT_ROLE_GRANTS[role]
          .filter((p) => fresh.includes(p))
          .map((permission) => ({ role, permission })),
      ),
    );
    await repo.addKnownPermissions(tx, fresh);
  });
}
