import type { StaffActor } from '../../kernel/auth/actor.js';
import { type CreatedSession, markSessionTotpVerified } from '../../kernel/auth/sessions.js';
import { matchTotpStep, newTotpSecret, totpUri } from '../../kernel/auth/totp.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptPersonal, keyedHash } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type { TStaffMe, TTotpVerifyRequest } from './identity.contract.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import type { StaffAccountRow } from './identity.schema.js';
import { openChallenge, startSession } from './identity.sign-in.js';

// The TOTP second factor: the sign-in step, enrolment at first sign-in or later, recovery codes.

type Ctx = Pick<AppContext, 'config' | 'clock'>;

/** A self-enrolment (signed in, from the account page) stays open 10 minutes. */
export const SELF_ENROL_TTL_MS = 10 * 60_000;
/** Code attempts one challenge allows. */
export const CHALLENGE_MAX_ATTEMPTS = 5;
export const RECOVERY_CODE_COUNT = 10;

/** Opens a challenge for a code attempt: checks kind and expiry and counts the attempt (kept on failure). */
async function takeChallengeAttempt(
  db: DbHandle,
  challengeId: string,
  purposes: readonly string[],
  now: Date,
): Promise<{
  challenge: NonNullable<Awaited<ReturnType<typeof repo.findChallenge>>>;
  account: StaffAccountRow;
}> {
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
  db: DbHandle,
  ctx: Ctx,
  input: TTotpVerifyRequest,
  mutation: Mutation,
  userAgent?: string,
): Promise<{ session: CreatedSession; me: TStaffMe }> {
  const now = mutation.at;
  const { challenge, account } = await takeChallengeAttempt(db, input.challengeId, ['verify'], now);
  if (!account.totpSecretEnc) throw new AppError(E.CHALLENGE_INVALID);
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
    return startSession(tx, ctx, account, mutation, userAgent, now);
  });
}

/** First sign-in of a role that requires TOTP: the first code proves the app is set up; signs in. */
export async function confirmEnrolment(
  db: DbHandle,
  ctx: Ctx,
  input: { challengeId: string; code: string },
  mutation: Mutation,
  userAgent?: string,
): Promise<{ session: CreatedSession; me: TStaffMe; recoveryCodes: string[] }> {
  const { challenge, account } = await takeChallengeAttempt(db, input.challengeId, ['enrol'], mutation.at);
  return withTransaction(db, async (tx) => {
    const recoveryCodes = await enableTotp(tx, ctx, challenge, account, input.code, mutation);
    return { ...(await startSession(tx, ctx, account, mutation, userAgent, mutation.at)), recoveryCodes };
  });
}

/** A signed-in staff member starts enrolling an authenticator app (optional for most roles). */
export async function startSelfEnrolment(
  db: DbHandle,
  ctx: Ctx,
  actor: StaffActor,
  mutation: Mutation,
): Promise<{ secret: string; otpauthUri: string }> {
  const account = await repo.findAccountById(db, actor.accountId);
  if (!account) throw new AppError(E.STAFF_NOT_FOUND);
  if (account.totpEnabledAt) throw new AppError(E.TOTP_ALREADY_ENABLED);
  const secret = newTotpSecret();
  await openChallenge(db, ctx, account.id, 'enrol_self', secret, SELF_ENROL_TTL_MS, mutation.at);
  return { secret, otpauthUri: totpUri(secret, account.email) };
}

/** Completes self-enrolment with the first code; returns the recovery codes (shown once). */
export async function confirmSelfEnrolment(
  db: DbHandle,
  ctx: Ctx,
  actor: StaffActor,
  code: string,
  mutation: Mutation,
): Promise<string[]> {
  const open = await repo.findLatestOpenChallenge(db, actor.accountId, 'enrol_self', mutation.at);
  if (!open) throw new AppError(E.CHALLENGE_INVALID);
  const { challenge, account } = await takeChallengeAttempt(db, open.id, ['enrol_self'], mutation.at);
  const recoveryCodes = await enableTotp(db, ctx, challenge, account, code, mutation);
  // The code just entered is a second factor passed in this very session.
  await markSessionTotpVerified(db, actor.sessionId, mutation.at);
  return recoveryCodes;
}

/** Checks the first code against the challenge's secret, then stores the secret and fresh recovery codes. */
async function enableTotp(
  db: DbHandle,
  ctx: Ctx,
  challenge: { id: string; secretEnc: string | null },
  account: StaffAccountRow,
  code: string,
  mutation: Mutation,
): Promise<string[]> {
  if (!challenge.secretEnc) throw new AppError(E.CHALLENGE_INVALID);
  const now = mutation.at;
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
    // The actor is null at first sign-in (not signed in yet) and the account itself when self-enrolling.
    await audit(tx, mutation, {
      action: 'staff.totp_enrol',
      entityType: 'staff_account',
      entityId: account.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true, recoveryCodes: RECOVERY_CODE_COUNT },
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
