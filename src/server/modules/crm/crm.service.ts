import { randomInt } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { type CreatedSession, createSession } from '../../kernel/auth/sessions.js';
import { encryptPersonal, keyedHash, safeEqual } from '../../kernel/crypto.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { renderSmsText, SmsSendError } from '../../kernel/notify/sms/index.js';
import type {
  TCustomerProfile,
  TSendSmsCodeResponse,
  TUpdateCustomerProfileRequest,
} from './crm.contract.js';
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
export const CUSTOMER_REGISTERED = 'crm.customer_registered';

type CrmContext = Pick<AppContext, 'config' | 'clock' | 'sms'>;

// China has no daylight saving: the Shanghai day is UTC shifted by a fixed 8 hours.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD`: the "per day" of the daily SMS limit. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function secondsToNextShanghaiMidnight(at: Date): number {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const next = Math.floor(local / DAY_MS) * DAY_MS + DAY_MS;
  return Math.ceil((next - local) / 1000);
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
 * Sends a sign-in code. The per-phone limits are taken and the code row written in one transaction;
 * the SMS goes out only after it commits. The answer never depends on whether the phone is
 * registered, so it cannot be used to enumerate customers.
 */
export async function requestSignInCode(
  db: Db,
  ctx: CrmContext,
  input: { phone: string; ip: string | null; lang: Lang },
): Promise<TSendSmsCodeResponse> {
  const phone = phoneOrThrow(input.phone);
  const phoneHash = phoneHashOf(ctx, phone);
  const now = ctx.clock.now();
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
      requestIp: input.ip,
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
      text: renderSmsText('auth.sms_code', input.lang, params),
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
  | { ok: false; code: string; details?: Record<string, unknown> };

/**
 * Signs a buyer in with the latest code sent to their phone; creates the customer on first sign-in
 * (with the `crm.customer_registered` event in the same transaction). A wrong code counts an attempt
 * that stays counted: failures are returned from the transaction, not thrown inside it.
 */
export async function signInWithSmsCode(
  db: Db,
  ctx: CrmContext,
  input: { phone: string; code: string; ip: string | null; userAgent: string | null },
): Promise<{ customer: CustomerRow; session: CreatedSession; registered: boolean }> {
  const phone = phoneOrThrow(input.phone);
  const phoneHash = phoneHashOf(ctx, phone);
  const now = ctx.clock.now();

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
    const session = await createSession(tx, ctx, {
      subjectKind: 'buyer',
      subjectId: customer.id,
      ip: input.ip,
      userAgent: input.userAgent,
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
  await publishEvent(
    tx,
    {
      type: CUSTOMER_REGISTERED,
      aggregateType: 'customer',
      aggregateId: inserted.id,
      payload: { customerId: inserted.id, phoneMasked: inserted.phoneMasked, channel: 'sms' },
    },
    now,
  );
  return { customer: inserted, registered: true };
}

/** A buyer's own profile. */
export async function getCustomerProfile(db: Db | Tx, buyerId: string): Promise<TCustomerProfile> {
  const row = await findCustomerById(db, buyerId);
  if (!row) throw new AppError('NOT_FOUND');
  return toCustomerProfile(row);
}

/** Changes a buyer's nickname and/or city (null clears a field). */
export async function updateCustomerProfile(
  db: Db | Tx,
  ctx: Pick<AppContext, 'clock'>,
  buyerId: string,
  patch: TUpdateCustomerProfileRequest,
): Promise<TCustomerProfile> {
  const changes: { nickname?: string | null; cityCode?: string | null } = {};
  if (patch.nickname !== undefined) changes.nickname = patch.nickname;
  if (patch.cityCode !== undefined) changes.cityCode = patch.cityCode;
  const row = await updateCustomerProfileRow(db, buyerId, changes, ctx.clock.now());
  if (!row) throw new AppError('NOT_FOUND');
  return toCustomerProfile(row);
}
