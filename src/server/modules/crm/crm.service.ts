import { randomInt } from 'node:crypto';
import type { BuyerActor } from '../../kernel/auth/actor.js';
import { type CreatedSession, createSession } from '../../kernel/auth/sessions.js';
import { shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptPersonal, encryptPersonal, keyedHash, safeEqual } from '../../kernel/crypto.js';
import type { Db, DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError, type ErrorCode } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Mutation } from '../../kernel/mutation.js';
import { renderSmsText, SmsSendError } from '../../kernel/notify/sms/index.js';
import { recordLegalConsent, requireLegalConsent, type TLegalConsent } from '../identity/index.js';
import type {
  TCustomerProfile,
  TSendSmsCodeResponse,
  TUpdateCustomerProfileRequest,
} from './crm.contract.js';
import { CrmEvents } from './crm.events.js';
import {
  findCustomerById,
  findCustomerByPhoneHash,
  findSendLimit,
  incrementSmsCodeAttempts,
  insertCustomerIfAbsent,
  insertSmsCode,
  lockLatestSmsCode,
  markSmsCodeFailed,
  markSmsCodeSent,
  markSmsCodeUsed,
  supersedeOpenCodes,
  takeSendSlot,
  touchCustomerSignIn,
  updateCustomerProfile as updateCustomerProfileRow,
} from './crm.repository.js';
import type { CustomerRow } from './crm.schema.js';
import { maskMainlandPhone, normalizePhone } from './phone.js';

/** Sign-in code rules (issue #2): 6 digits, 5 minutes, 5 attempts, 1 per minute and 10 per day per phone. */
export const SMS_CODE_POLICY = {
  ttlSeconds: 300,
  maxAttempts: 5,
  cooldownSeconds: 60,
  dailyMax: 10,
} as const;

const SIGN_IN = 'sign_in';

type CrmContext = Pick<AppContext, 'config' | 'sms'>;

const DAY_MS = 24 * 3600_000;

/** Until the daily SMS limit resets: the next Asia/Shanghai midnight (the "per day" of the limit). */
function secondsToNextShanghaiMidnight(at: Date): number {
  const next = shanghaiDayStart(shanghaiDay(at)).getTime() + DAY_MS;
  return Math.ceil((next - at.getTime()) / 1000);
}

function phoneOrThrow(input: string): string {
  const phone = normalizePhone(input);
  if (!phone) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.phone', message: 'Not a mainland China mobile number' }],
    });
  }
  return phone;
}

function phoneHashOf(ctx: Pick<AppContext, 'config'>, phone: string): string {
  return keyedHash(ctx.config, 'phone', phone);
}

function codeHashOf(ctx: Pick<AppContext, 'config'>, codeId: string, code: string): string {
  // Bound to the row id so equal codes never share a hash.
  return keyedHash(ctx.config, 'sms-code', `${codeId}:${code}`);
}

export function toCustomerProfile(row: CustomerRow): TCustomerProfile {
  return {
    id: row.id,
    phoneMasked: row.phoneMasked,
    nickname: row.nickname,
    cityCode: row.cityCode,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Sends a sign-in code, in the language of the request. The per-phone limits are taken and the code row
 * written in one transaction; the SMS goes out only after it commits. The answer never depends on whether
 * the phone is registered, so it cannot be used to enumerate customers.
 */
export async function requestSignInCode(
  db: Db,
  ctx: CrmContext,
  input: { phone: string },
  mutation: Mutation,
): Promise<TSendSmsCodeResponse> {
  const phone = phoneOrThrow(input.phone);
  const phoneHash = phoneHashOf(ctx, phone);
  const now = mutation.at;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeId = newId('smc');

  const taken = await withTransaction(db, async (tx) => {
    const ok = await takeSendSlot(tx, {
      phoneHash,
      now,
      day: shanghaiDay(now),
      cooldownSeconds: SMS_CODE_POLICY.cooldownSeconds,
      dailyMax: SMS_CODE_POLICY.dailyMax,
    });
    if (!ok) return false;
    await supersedeOpenCodes(tx, phoneHash, SIGN_IN);
    await insertSmsCode(tx, {
      id: codeId,
      phoneHash,
      purpose: SIGN_IN,
      codeHash: codeHashOf(ctx, codeId, code),
      status: 'pending',
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SMS_CODE_POLICY.ttlSeconds * 1000),
      usedAt: null,
      providerMessageId: null,
      failureReason: null,
      requestIp: mutation.ip,
    });
    return true;
  });
  if (!taken) {
    throw new AppError('SMS_RATE_LIMITED', {
      retryAfterSeconds: await retryAfterSeconds(db, phoneHash, now),
    });
  }

  const params = { code, minutes: String(SMS_CODE_POLICY.ttlSeconds / 60) };
  try {
    const { providerMessageId } = await ctx.sms.send({
      phone,
      templateKey: 'auth.sms_code',
      params,
      text: renderSmsText('auth.sms_code', mutation.lang, params),
    });
    await markSmsCodeSent(db, codeId, providerMessageId);
  } catch (e) {
    const reason = e instanceof SmsSendError ? `${e.provider}:${e.providerCode}` : 'unexpected';
    await markSmsCodeFailed(db, codeId, reason);
    if (e instanceof SmsSendError) throw new AppError('SMS_SEND_FAILED', { retryable: e.retryable });
    throw e;
  }
  return { cooldownSeconds: SMS_CODE_POLICY.cooldownSeconds, expiresInSeconds: SMS_CODE_POLICY.ttlSeconds };
}

async function retryAfterSeconds(db: Db, phoneHash: string, now: Date): Promise<number> {
  const limit = await findSendLimit(db, phoneHash);
  if (!limit) return 1;
  const cooldown = Math.ceil(
    (limit.lastSentAt.getTime() + SMS_CODE_POLICY.cooldownSeconds * 1000 - now.getTime()) / 1000,
  );
  const daily =
    limit.day === shanghaiDay(now) && limit.dayCount >= SMS_CODE_POLICY.dailyMax
      ? secondsToNextShanghaiMidnight(now)
      : 0;
  return Math.max(1, cooldown, daily);
}

type SignInOutcome =
  | { ok: true; customer: CustomerRow; session: CreatedSession; registered: boolean }
  | { ok: false; code: ErrorCode; details?: Record<string, unknown> };

/**
 * Signs a buyer in with the latest code sent to their phone; creates the customer on first sign-in
 * (with the `crm.customer_registered` event in the same transaction). A wrong code counts an attempt
 * that stays counted: failures are returned from the transaction, not thrown inside it.
 */
export async function signInWithSmsCode(
  db: Db,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: { phone: string; code: string; consent?: TLegalConsent | undefined },
  mutation: Mutation,
  userAgent: string | null,
): Promise<{ customer: CustomerRow; session: CreatedSession; registered: boolean }> {
  // No consent to the current user agreement and privacy policy: refused before the code is looked at.
  const consent = requireLegalConsent(input.consent);
  const phone = phoneOrThrow(input.phone);
  const phoneHash = phoneHashOf(ctx, phone);
  const now = mutation.at;

  const outcome = await withTransaction(db, async (tx): Promise<SignInOutcome> => {
    const row = await lockLatestSmsCode(tx, phoneHash, SIGN_IN);
    if (!row || (row.status !== 'pending' && row.status !== 'sent'))
      return { ok: false, code: 'SMS_CODE_INVALID' };
    if (row.attempts >= SMS_CODE_POLICY.maxAttempts) return { ok: false, code: 'SMS_CODE_ATTEMPTS_EXCEEDED' };
    if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'SMS_CODE_EXPIRED' };
    if (!safeEqual(row.codeHash, codeHashOf(ctx, row.id, input.code.trim()))) {
      const attempts = await incrementSmsCodeAttempts(tx, row.id);
      return {
        ok: false,
        code: 'SMS_CODE_INVALID',
        details: { attemptsRemaining: Math.max(0, SMS_CODE_POLICY.maxAttempts - attempts) },
      };
    }
    await markSmsCodeUsed(tx, row.id, now);
    const { customer, registered } = await findOrRegisterCustomer(tx, ctx, phone, phoneHash, now);
    if (customer.status !== 'active') return { ok: false, code: 'CUSTOMER_DISABLED' };
    await touchCustomerSignIn(tx, customer.id, now);
    await recordLegalConsent(tx, {
      subjectKind: 'buyer',
      subjectId: customer.id,
      consent,
      at: now,
      ip: mutation.ip,
    });
    const session = await createSession(tx, ctx, {
      subjectKind: 'buyer',
      subjectId: customer.id,
      ip: mutation.ip,
      userAgent,
    });
    return { ok: true, customer: { ...customer, lastSignInAt: now }, session, registered };
  });
  if (!outcome.ok) throw new AppError(outcome.code, outcome.details);
  return { customer: outcome.customer, session: outcome.session, registered: outcome.registered };
}

async function findOrRegisterCustomer(
  tx: Tx,
  ctx: Pick<AppContext, 'config'>,
  phone: string,
  phoneHash: string,
  now: Date,
): Promise<{ customer: CustomerRow; registered: boolean }> {
  const existing = await findCustomerByPhoneHash(tx, phoneHash);
  if (existing) return { customer: existing, registered: false };
  const inserted = await insertCustomerIfAbsent(tx, {
    id: newId('cus'),
    phoneHash,
    phoneEnc: encryptPersonal(ctx.config, phone),
    phoneMasked: maskMainlandPhone(phone),
    nickname: null,
    cityCode: null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    lastSignInAt: null,
  });
  if (!inserted) {
    // Another sign-in registered the same phone a moment ago.
    const winner = await findCustomerByPhoneHash(tx, phoneHash);
    if (!winner) throw new AppError('CONFLICT');
    return { customer: winner, registered: false };
  }
  await publish(
    tx,
    CrmEvents.customerRegistered,
    inserted.id,
    { customerId: inserted.id, phoneMasked: inserted.phoneMasked, channel: 'sms' },
    now,
  );
  return { customer: inserted, registered: true };
}

/** A buyer's own profile. */
export async function getCustomerProfile(db: DbHandle, buyerId: string): Promise<TCustomerProfile> {
  const row = await findCustomerById(db, buyerId);
  if (!row) throw new AppError('NOT_FOUND');
  return toCustomerProfile(row);
}

/** Changes a buyer's nickname and/or city (null clears a field). */
export async function updateCustomerProfile(
  db: DbHandle,
  buyerId: string,
  patch: TUpdateCustomerProfileRequest,
  mutation: Mutation,
): Promise<TCustomerProfile> {
  const changes: { nickname?: string | null; cityCode?: string | null } = {};
  if (patch.nickname !== undefined) changes.nickname = patch.nickname;
  if (patch.cityCode !== undefined) changes.cityCode = patch.cityCode;
  const row = await updateCustomerProfileRow(db, buyerId, changes, mutation.at);
  if (!row) throw new AppError('NOT_FOUND');
  return toCustomerProfile(row);
}

/**
 * The auth plugin's resolver for buyer sessions: the signed-in buyer, or null when the customer no longer
 * exists or is disabled (the session then counts as signed out).
 */
export async function resolveBuyerSession(
  db: DbHandle,
  ctx: Pick<AppContext, 'config'>,
  session: { id: string; subjectId: string },
): Promise<BuyerActor | null> {
  const row = await findCustomerById(db, session.subjectId);
  if (row?.status !== 'active') return null;
  return {
    kind: 'buyer',
    buyerId: row.id,
    phone: decryptPersonal(ctx.config, row.phoneEnc),
    sessionId: session.id,
  };
}
