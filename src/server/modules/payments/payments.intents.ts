import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { failpoint } from '../../kernel/failpoints.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { actorOf, audit, type Mutation } from '../../kernel/mutation.js';
import type { TPaymentIntent, TStaffIntentQuery } from './payments.contract.js';
import type {
  NotificationOutcome,
  OnlineProvider,
  PaymentChannel,
  PaymentProvider,
  PaymentPurpose,
} from './payments.enums.js';
import { PaymentsEvents } from './payments.events.js';
import {
  type GatewayAnswer,
  type GatewayHeaders,
  type GatewayTrade,
  shanghaiCompact,
} from './payments.gateway.js';
import { gatewayFor } from './payments.gateways.js';
import { ACCOUNTS, fundsAccount, post } from './payments.ledger.js';
import { moveIntent, paymentIntentMachine } from './payments.machine.js';
import {
  toLedgerEntry,
  toNotification,
  toPaymentIntent,
  toRefund,
  toStaffIntent,
} from './payments.mappers.js';
import * as repo from './payments.repository.js';
import { paymentsContext } from './payments.runtime.js';
import { notifyUrl } from './payments.sandbox.js';
import type { PaymentIntentRow } from './payments.schema.js';

/** What the orders module gives to open a payment. */
export interface CreatePaymentIntentInput {
  orderId: string;
  orderNumber: string;
  purpose: PaymentPurpose;
  amountFen: number;
  provider: PaymentProvider;
  payerUserId: string;
  /** What the buyer sees at the gateway, e.g. "比亚迪 汉 EV 定金". */
  subject: string;
  channel?: PaymentChannel;
  /** Default PAYMENT_INTENT_TTL_MINUTES (30) online, 7 days for a bank transfer. */
  expiresInMinutes?: number;
  /** Where the gateway sends the buyer back; the vehicle order's page by default. */
  returnPath?: string;
}

/** How the ledger memo names what an intent paid for. */
const PURPOSE_MEMO: Record<PaymentPurpose, string> = {
  deposit: '定金',
  balance: '尾款',
  plate_service: '上牌服务费',
  shop_order: '商城订单',
};

/** Bank transfers take days, not minutes. */
export const BANK_TRANSFER_TTL_MINUTES = 7 * 24 * 60;

/** `AY` + the Asia/Shanghai time + 8 random digits: letters and digits only (UnionPay's orderId allows no more). */
function merchantOrderNo(prefix: 'AY' | 'RF', at: Date): string {
  return `${prefix}${shanghaiCompact(at)}${String(randomInt(10 ** 8)).padStart(8, '0')}`;
}

export function refundNo(at: Date): string {
  return merchantOrderNo('RF', at);
}

/**
 * Opens a payment intent for an order. Callable inside the caller's transaction (it nests): for an online
 * provider the gateway's pay link is signed here without a network call (Alipay page pay, UnionPay's signed
 * form, the sandbox), except WeChat Pay Native's code_url. Amounts are whole fen; the currency is CNY.
 */
export async function createPaymentIntent(
  db: DbHandle,
  input: CreatePaymentIntentInput,
  mutation: Mutation,
): Promise<TPaymentIntent> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('PAYMENT_AMOUNT_INVALID');
  const ctx = paymentsContext();
  const at = mutation.at;
  const online = input.provider !== 'bank_transfer';
  const ttl =
    input.expiresInMinutes ?? (online ? ctx.config.payments.intentTtlMinutes : BANK_TRANSFER_TTL_MINUTES);
  const channel = input.channel ?? 'desktop';
  const id = newId('pay');
  const no = merchantOrderNo('AY', at);
  const expiresAt = new Date(at.getTime() + ttl * 60_000);
  const gateway = online ? gatewayFor(ctx, input.provider as OnlineProvider) : null;
  return withTransaction(db, async (tx) => {
    const created = gateway
      ? await gateway.createPayment(
          {
            intentId: id,
            merchantOrderNo: no,
            amountFen: input.amountFen,
            subject: input.subject,
            channel,
            expiresAt,
            notifyUrl: notifyUrl(ctx, gateway.provider),
            returnUrl: `${ctx.config.publicUrl.replace(/\/$/, '')}${input.returnPath ?? `/account/orders/${encodeURIComponent(input.orderId)}`}`,
          },
          at,
        )
      : null;
    const row = await repo.insertIntent(tx, {
      id,
      merchantOrderNo: no,
      orderId: input.orderId,
      orderNumber: input.orderNumber,
      purpose: input.purpose,
      provider: input.provider,
      channel,
      amountFen: input.amountFen,
      currency: 'CNY',
      status: 'pending',
      payerUserId: input.payerUserId,
      subject: input.subject,
      payUrl: created?.payUrl ?? null,
      qrCodeText: created?.qrCodeText ?? null,
      sandbox: gateway?.sandbox ?? false,
      expiresAt,
      createdAt: at,
      updatedAt: at,
    });
    await audit(tx, mutation, {
      action: 'payment_intent.create',
      entityType: 'payment_intent',
      entityId: id,
      after: {
        orderId: row.orderId,
        purpose: row.purpose,
        provider: row.provider,
        amountFen: row.amountFen,
        merchantOrderNo: no,
      },
    });
    await publish(
      tx,
      PaymentsEvents.intentCreated,
      id,
      {
        intentId: id,
        orderId: row.orderId,
        purpose: row.purpose,
        provider: row.provider,
        amountFen: row.amountFen,
      },
      at,
    );
    return toPaymentIntent(row);
  });
}

export async function getPaymentIntent(db: DbHandle, intentId: string): Promise<TPaymentIntent> {
  const row = await repo.findIntent(db, intentId);
  if (!row) throw new AppError('PAYMENT_INTENT_NOT_FOUND');
  return toPaymentIntent(row);
}

/** A buyer's own intent (another buyer's answers 404, as if it did not exist). */
export async function getMyPaymentIntent(
  db: DbHandle,
  intentId: string,
  mutation: Mutation,
): Promise<TPaymentIntent> {
  const actor = actorOf(mutation);
  const row = await repo.findIntent(db, intentId);
  if (!row || actor.kind !== 'buyer' || row.payerUserId !== actor.buyerId)
    throw new AppError('PAYMENT_INTENT_NOT_FOUND');
  return toPaymentIntent(row);
}

export async function listOrderPayments(db: DbHandle, orderId: string): Promise<TPaymentIntent[]> {
  return (await repo.listIntentsOfOrder(db, orderId)).map(toPaymentIntent);
}

const ZCursor = z.object({ createdAt: z.string(), id: z.string() });

export async function listStaffIntents(db: DbHandle, query: TStaffIntentQuery) {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listIntents(db, query, query.limit, after);
  return toPage(rows, query.limit, toStaffIntent, (r) => ({
    createdAt: r.createdAt.toISOString(),
    id: r.id,
  }));
}

export async function getStaffIntent(db: DbHandle, intentId: string) {
  const row = await repo.findIntent(db, intentId);
  if (!row) throw new AppError('PAYMENT_INTENT_NOT_FOUND');
  const [notifications, refunds, ledger, proof] = [
    await repo.listNotificationsOfIntent(db, row.id),
    await repo.listRefundsOfIntent(db, row.id),
    (await repo.listLedgerOfOrder(db, row.orderId)).filter((e) => e.intentId === row.id),
    await repo.findProofOfIntent(db, row.id),
  ];
  return {
    intent: toStaffIntent(row),
    notifications: notifications.map(toNotification),
    refunds: refunds.map(toRefund),
    ledger: ledger.map(toLedgerEntry),
    transfer: proof
      ? {
          bankReference: proof.bankReference,
          payerName: proof.payerName,
          amountFen: proof.amountFen,
          filename: proof.filename,
          contentType: proof.contentType,
          sizeBytes: proof.sizeBytes,
          recordedBy: proof.recordedBy,
          createdAt: proof.createdAt.toISOString(),
        }
      : null,
  };
}

/**
 * The money of an intent arrived: succeed it, post the payment (and the provider's fee) and announce it.
 * The caller holds the intent's row lock; `feeFen` is the provider's fee (0 for a bank transfer).
 */
export async function succeedIntent(
  tx: DbHandle,
  row: PaymentIntentRow,
  providerTradeNo: string | null,
  feeFen: number,
  mutation: Mutation,
): Promise<PaymentIntentRow> {
  const after = await moveIntent(tx, row, 'succeed', mutation, {
    providerTradeNo,
    succeededAt: mutation.at,
    endedAt: mutation.at,
    feeFen,
    failureReason: null,
  });
  const clearing = ACCOUNTS.clearing(row.provider);
  const ref = { orderId: row.orderId, intentId: row.id };
  await post(
    tx,
    { ...ref, kind: row.purpose, memo: `${row.orderNumber} ${PURPOSE_MEMO[row.purpose]}` },
    [
      { account: clearing, debitFen: row.amountFen },
      { account: fundsAccount(row.purpose), creditFen: row.amountFen },
    ],
    mutation.at,
  );
  if (feeFen > 0) {
    await post(
      tx,
      { ...ref, kind: 'fee', memo: `${row.provider} 服务费` },
      [
        { account: ACCOUNTS.fees, debitFen: feeFen },
        { account: clearing, creditFen: feeFen },
      ],
      mutation.at,
    );
  }
  await publish(
    tx,
    PaymentsEvents.intentSucceeded,
    row.id,
    {
      intentId: row.id,
      orderId: row.orderId,
      purpose: row.purpose,
      provider: row.provider,
      amountFen: row.amountFen,
    },
    mutation.at,
  );
  return after;
}

/** Tells risk (and finance, through the event log) that money arrived in another amount or currency. */
export async function announceMismatch(
  tx: DbHandle,
  row: PaymentIntentRow,
  receivedFen: number,
  currency: string,
  at: Date,
): Promise<void> {
  await publish(
    tx,
    PaymentsEvents.amountMismatch,
    row.id,
    {
      intentId: row.id,
      orderId: row.orderId,
      provider: row.provider,
      expectedFen: row.amountFen,
      receivedFen,
      currency,
    },
    at,
  );
}

/**
 * Applies what a gateway says of a trade (a verified notification or a query answer) to the locked intent.
 * State guards make repeats and late arrivals harmless: a failure after a success changes nothing, a second
 * success changes nothing, and a success in another amount or currency is not a success.
 */
export async function applyTrade(
  ctx: AppContext,
  tx: DbHandle,
  row: PaymentIntentRow,
  trade: GatewayTrade,
  mutation: Mutation,
): Promise<NotificationOutcome> {
  if (trade.state === 'paid') {
    if (trade.amountFen !== row.amountFen || trade.currency !== row.currency) {
      await announceMismatch(tx, row, trade.amountFen ?? -1, trade.currency, mutation.at);
      await audit(tx, mutation, {
        action: 'payment_intent.amount_mismatch',
        entityType: 'payment_intent',
        entityId: row.id,
        after: { expectedFen: row.amountFen, receivedFen: trade.amountFen, currency: trade.currency },
      });
      return 'amount_mismatch';
    }
    if (!paymentIntentMachine.can(row.status, 'succeed')) return 'ignored_state';
    const gateway = gatewayFor(ctx, row.provider as OnlineProvider);
    await succeedIntent(tx, row, trade.providerTradeNo, gateway.feeFen(row.amountFen), mutation);
    return 'applied';
  }
  if (trade.state === 'failed' || trade.state === 'closed') {
    const action = trade.state === 'closed' && mutation.at >= row.expiresAt ? 'expire' : 'fail';
    if (!paymentIntentMachine.can(row.status, action)) return 'ignored_state';
    await endIntent(
      tx,
      row,
      action,
      trade.failureReason ?? (trade.state === 'closed' ? 'closed' : 'failed'),
      mutation,
    );
    return 'applied';
  }
  return 'ignored_state';
}

/** Fails or expires a locked pending intent and announces it. */
export async function endIntent(
  tx: DbHandle,
  row: PaymentIntentRow,
  action: 'fail' | 'expire',
  reason: string,
  mutation: Mutation,
): Promise<PaymentIntentRow> {
  const after = await moveIntent(tx, row, action, mutation, {
    failureReason: reason.slice(0, 200),
    endedAt: mutation.at,
  });
  await publish(
    tx,
    action === 'fail' ? PaymentsEvents.intentFailed : PaymentsEvents.intentExpired,
    row.id,
    { intentId: row.id, orderId: row.orderId, purpose: row.purpose },
    mutation.at,
  );
  return after;
}

const RAW_BODY_LIMIT = 8000;

/**
 * A gateway notification: verified over its exact bytes first (pure CPU), recorded unique on (provider,
 * event id) before anything is applied (a repeat stops there), then applied to the intent under its row
 * lock. Returns the answer the provider expects: success for what we took (including repeats, and
 * notifications of orders we do not know, which reconciliation reports), failure for forged or unreadable
 * ones so a genuine sender retries.
 */
export async function receiveNotification(
  ctx: AppContext,
  provider: OnlineProvider,
  rawBody: string,
  headers: GatewayHeaders,
  mutation: Mutation,
): Promise<GatewayAnswer> {
  const gateway = gatewayFor(ctx, provider);
  const at = mutation.at;
  const db = ctx.database.db;
  const check = gateway.verifyNotification(rawBody, headers, at);
  const base = { provider, rawBody: rawBody.slice(0, RAW_BODY_LIMIT), receivedAt: at, lastReceivedAt: at };
  if (!check.ok) {
    await repo.insertNotification(db, {
      ...base,
      id: newId('pnt'),
      providerEventId: null,
      claimedEventId: check.claimedEventId,
      signatureVerified: check.problem === 'malformed',
      outcome: check.problem,
      detail: check.detail.slice(0, 200),
    });
    return gateway.answer(false, check.problem === 'bad_signature' ? '签名错误' : '报文格式错误');
  }
  await withTransaction(db, async (tx) => {
    const record = await repo.insertVerifiedNotification(tx, {
      ...base,
      id: newId('pnt'),
      providerEventId: check.eventId,
      claimedEventId: check.eventId,
      signatureVerified: true,
      outcome: 'unknown_intent',
    });
    if (!record) {
      await repo.countRepeat(tx, provider, check.eventId, at);
      return;
    }
    const row = await repo.lockIntentByMerchantNo(tx, check.trade.merchantOrderNo);
    if (!row || row.provider !== provider) return;
    const outcome = await applyTrade(ctx, tx, row, check.trade, mutation);
    await repo.updateNotification(tx, record.id, { outcome, intentId: row.id });
    // Crash tests: the gateway took the money, our update has not committed (payments.crash.test.ts).
    failpoint(ctx.config, 'payments.notification.before_commit');
  });
  return gateway.answer(true);
}

/**
 * The every-minute repair: pending online intents opened more than PAYMENT_QUERY_AFTER_SECONDS ago are asked
 * about at their gateway (a notification may be lost), and those past their time are closed there and
 * expired here. Gateway calls happen outside transactions; each answer is applied under the row lock.
 */
export async function queryPendingIntents(ctx: AppContext, mutation: Mutation, batch = 50): Promise<number> {
  const db = ctx.database.db;
  const now = mutation.at;
  const before = new Date(now.getTime() - ctx.config.payments.queryAfterSeconds * 1000);
  const rows = await repo.listPendingOnline(db, before, batch);
  let settled = 0;
  for (const row of rows) {
    const gateway = gatewayFor(ctx, row.provider as OnlineProvider);
    let trade = await gateway.queryPayment(row.merchantOrderNo, now);
    if ((trade.state === 'pending' || trade.state === 'unknown') && now >= row.expiresAt) {
      await gateway.closePayment(row.merchantOrderNo, now);
      // The buyer may have paid between the query and the close: ask once more.
      trade = await gateway.queryPayment(row.merchantOrderNo, now);
    }
    const moved = await withTransaction(db, async (tx) => {
      const locked = await repo.lockIntent(tx, row.id);
      if (locked?.status !== 'pending') return false;
      await repo.updateIntent(tx, row.id, { lastQueriedAt: now });
      if (trade.state === 'paid' || trade.state === 'failed' || trade.state === 'closed') {
        return (await applyTrade(ctx, tx, locked, trade, mutation)) === 'applied';
      }
      if (now >= locked.expiresAt) {
        await endIntent(tx, locked, 'expire', 'not paid in time', mutation);
        return true;
      }
      return false;
    });
    if (moved) settled++;
  }
  // Bank transfers have no gateway: past their time they simply expire.
  for (const row of await repo.listExpiredTransfers(db, now, batch)) {
    await withTransaction(db, async (tx) => {
      const locked = await repo.lockIntent(tx, row.id);
      if (locked?.status === 'pending')
        await endIntent(tx, locked, 'expire', 'no transfer arrived in time', mutation);
    });
  }
  return settled;
}
