import { z } from 'zod';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import type { TRefund, TRefundDecision, TRefundListQuery } from './payments.contract.js';
import type { OnlineProvider, RefundKind } from './payments.enums.js';
import { PaymentsEvents } from './payments.events.js';
import type { GatewayRefundResult } from './payments.gateway.js';
import { gatewayFor } from './payments.gateways.js';
import { refundNo } from './payments.intents.js';
import { ACCOUNTS, fundsAccount, orderMoney, post } from './payments.ledger.js';
import { moveIntent, moveRefund } from './payments.machine.js';
import { toRefund } from './payments.mappers.js';
import * as repo from './payments.repository.js';
import { paymentsConfig } from './payments.runtime.js';
import type { PaymentIntentRow, PaymentRefundRow } from './payments.schema.js';

/** Sends one refund to its gateway (outside any transaction) and settles the answer. */
export const EXECUTE_REFUND_JOB = 'payments.execute_refund';

const LIVE = new Set(['pending_approval', 'processing']);

export interface RefundRequest {
  orderId: string;
  amountFen: number;
  reason: string;
  kind: 'cancellation' | 'partial' | 'double_return' | 'warranty_return';
  /** A staff account or buyer id; null for the system (an order flow). */
  requestedBy: string | null;
}

/** What can still be refunded of an intent: its amount less what is refunded or on its way back. */
function refundableOf(intent: PaymentIntentRow, refunds: readonly PaymentRefundRow[]): number {
  if (!['succeeded', 'partially_refunded', 'refunding'].includes(intent.status)) return 0;
  const inFlight = refunds
    .filter((r) => r.intentId === intent.id && r.kind !== 'compensation' && LIVE.has(r.status))
    .reduce((s, r) => s + r.amountFen, 0);
  return intent.amountFen - intent.refundedFen - inFlight;
}

/** Starts a refund at the gateway: the intent moves to refunding and the job is queued, with the change. */
async function startRefund(tx: DbHandle, refund: PaymentRefundRow, mutation: Mutation): Promise<void> {
  if (refund.kind !== 'compensation') {
    const intent = await repo.lockIntent(tx, refund.intentId);
    if (!intent) throw new AppError('PAYMENT_INTENT_NOT_FOUND');
    await moveIntent(tx, intent, 'start_refund', mutation);
  }
  await enqueueJob(
    tx,
    { name: EXECUTE_REFUND_JOB, payload: { refundId: refund.id }, uniqueKey: `refund:${refund.id}` },
    mutation.at,
  );
}

async function insertRefundRow(
  tx: DbHandle,
  intent: PaymentIntentRow,
  amountFen: number,
  kind: RefundKind,
  reason: string,
  requestedBy: string | null,
  needsApproval: boolean,
  mutation: Mutation,
): Promise<PaymentRefundRow> {
  const row = await repo.insertRefund(tx, {
    id: newId('rfd'),
    refundNo: refundNo(mutation.at),
    orderId: intent.orderId,
    intentId: intent.id,
    provider: intent.provider,
    kind,
    amountFen,
    reason,
    // A compensation never goes to the provider: refund APIs pay back at most the trade's amount, and the
    // deposit itself goes back through them. Finance pays it by bank transfer (recordCompensationTransfer).
    status: needsApproval ? 'pending_approval' : kind === 'compensation' ? 'awaiting_transfer' : 'processing',
    requestedBy,
    createdAt: mutation.at,
    updatedAt: mutation.at,
  });
  await audit(tx, mutation, {
    action: 'payment_refund.request',
    entityType: 'payment_refund',
    entityId: row.id,
    after: { orderId: row.orderId, intentId: row.intentId, amountFen, kind, status: row.status, reason },
  });
  await publish(
    tx,
    PaymentsEvents.refundRequested,
    row.id,
    { refundId: row.id, intentId: row.intentId, orderId: row.orderId, amountFen, kind, needsApproval },
    mutation.at,
  );
  if (!needsApproval && kind !== 'compensation') await startRefund(tx, row, mutation);
  return row;
}

/**
 * Refunds an order's money through the providers it came by: newest succeeded intent first, split across
 * intents when one is not enough. Above REFUND_APPROVAL_THRESHOLD_FEN every part waits in
 * `pending_approval` for finance. Runs under the order's intents' row locks (callable inside the caller's
 * transaction); the gateway calls happen afterwards in a job.
 */
export async function requestRefund(
  db: DbHandle,
  input: RefundRequest,
  mutation: Mutation,
): Promise<TRefund[]> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('PAYMENT_AMOUNT_INVALID');
  const needsApproval = input.amountFen > paymentsConfig().refundApprovalThresholdFen;
  return withTransaction(db, async (tx) => {
    const intents = await repo.lockIntentsOfOrder(tx, input.orderId);
    const refunds = await repo.listRefundsOfOrder(tx, input.orderId);
    const money = await orderMoney(tx, input.orderId);
    const inFlight = refunds
      .filter((r) => r.kind !== 'compensation' && LIVE.has(r.status))
      .reduce((s, r) => s + r.amountFen, 0);
    const candidates = intents
      .filter((i) => refundableOf(i, refunds) > 0)
      .sort(
        (a, b) => (b.succeededAt?.getTime() ?? 0) - (a.succeededAt?.getTime() ?? 0) || (a.id < b.id ? 1 : -1),
      );
    const available = Math.min(
      candidates.reduce((s, i) => s + refundableOf(i, refunds), 0),
      money.netHeldFen - inFlight,
    );
    if (input.amountFen > available)
      throw new AppError('REFUND_EXCEEDS_REFUNDABLE', { refundableFen: Math.max(0, available) });
    const out: PaymentRefundRow[] = [];
    let left = input.amountFen;
    for (const intent of candidates) {
      if (left === 0) break;
      const part = Math.min(left, refundableOf(intent, refunds));
      out.push(
        await insertRefundRow(
          tx,
          intent,
          part,
          input.kind,
          input.reason,
          input.requestedBy,
          needsApproval,
          mutation,
        ),
      );
      left -= part;
    }
    return out.map(toRefund);
  });
}

/**
 * The buyer walked away from a binding 定金: the deposit (or part of it) moves from what we hold for the
 * buyer to income. FORFEIT_EXCEEDS_HELD when the order holds less deposit than that.
 */
export async function recordForfeit(
  db: DbHandle,
  input: { orderId: string; amountFen: number; reason: string },
  mutation: Mutation,
): Promise<void> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('PAYMENT_AMOUNT_INVALID');
  return withTransaction(db, async (tx) => {
    // The order's intents' locks serialise every money movement of the order.
    await repo.lockIntentsOfOrder(tx, input.orderId);
    const refunds = await repo.listRefundsOfOrder(tx, input.orderId);
    const money = await orderMoney(tx, input.orderId);
    const depositInFlight = refunds
      .filter((r) => r.kind !== 'compensation' && LIVE.has(r.status))
      .reduce((s, r) => s + r.amountFen, 0);
    const held = Math.min(money.depositHeldFen, money.netHeldFen - depositInFlight);
    if (input.amountFen > held) throw new AppError('FORFEIT_EXCEEDS_HELD', { heldFen: Math.max(0, held) });
    const postingId = await post(
      tx,
      { kind: 'forfeit', orderId: input.orderId, memo: input.reason.slice(0, 200) },
      [
        { account: ACCOUNTS.depositsHeld, debitFen: input.amountFen },
        { account: ACCOUNTS.forfeitIncome, creditFen: input.amountFen },
      ],
      mutation.at,
    );
    await audit(tx, mutation, {
      action: 'payment_ledger.forfeit',
      entityType: 'order',
      entityId: input.orderId,
      after: { amountFen: input.amountFen, reason: input.reason, postingId },
    });
  });
}

/**
 * The seller walked away: owes the buyer the extra amount (双倍返还 = the deposit refunded + this). It waits
 * (awaiting_transfer) for finance to pay it by bank transfer, since the deposit's provider pays back at most
 * the trade; the ledger debits compensation expense when the transfer is recorded. Approval rules are those
 * of refunds (above the threshold finance approves first).
 */
export async function payCompensation(
  db: DbHandle,
  input: { orderId: string; amountFen: number; reason: string },
  mutation: Mutation,
): Promise<TRefund> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw new AppError('PAYMENT_AMOUNT_INVALID');
  const needsApproval = input.amountFen > paymentsConfig().refundApprovalThresholdFen;
  return withTransaction(db, async (tx) => {
    const intents = await repo.lockIntentsOfOrder(tx, input.orderId);
    const deposit = intents
      .filter((i) => i.purpose === 'deposit' && i.succeededAt)
      .sort((a, b) => (b.succeededAt?.getTime() ?? 0) - (a.succeededAt?.getTime() ?? 0))[0];
    if (!deposit) throw new AppError('COMPENSATION_NO_DEPOSIT');
    const row = await insertRefundRow(
      tx,
      deposit,
      input.amountFen,
      'compensation',
      input.reason,
      null,
      needsApproval,
      mutation,
    );
    return toRefund(row);
  });
}

export async function getRefund(db: DbHandle, id: string): Promise<TRefund> {
  const row = await repo.findRefund(db, id);
  if (!row) throw new AppError('REFUND_NOT_FOUND');
  return toRefund(row);
}

const ZCursor = z.object({ createdAt: z.string(), id: z.string() });

export async function listRefunds(db: DbHandle, query: TRefundListQuery) {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listRefunds(db, query.status, query.limit, after);
  return toPage(rows, query.limit, toRefund, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
}

/** Finance approves a refund waiting for approval: it goes to the gateway. */
export async function approveRefund(
  db: DbHandle,
  refundId: string,
  decision: TRefundDecision,
  mutation: Mutation,
): Promise<TRefund> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = await repo.lockRefund(tx, refundId);
    if (!row) throw new AppError('REFUND_NOT_FOUND');
    const after = await moveRefund(
      tx,
      row,
      row.kind === 'compensation' ? 'approve_transfer' : 'approve',
      mutation,
      {
        decidedBy: staff.accountId,
        decidedAt: mutation.at,
        decisionNote: decision.note ?? null,
      },
    );
    if (after.kind !== 'compensation') await startRefund(tx, after, mutation);
    return toRefund(after);
  });
}

/** Finance rejects a refund waiting for approval; the order hears it as a failed refund. */
export async function rejectRefund(
  db: DbHandle,
  refundId: string,
  decision: TRefundDecision,
  mutation: Mutation,
): Promise<TRefund> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = await repo.lockRefund(tx, refundId);
    if (!row) throw new AppError('REFUND_NOT_FOUND');
    const after = await moveRefund(tx, row, 'reject', mutation, {
      decidedBy: staff.accountId,
      decidedAt: mutation.at,
      decisionNote: decision.note ?? null,
    });
    await publish(
      tx,
      PaymentsEvents.refundFailed,
      row.id,
      { refundId: row.id, orderId: row.orderId, amountFen: row.amountFen },
      mutation.at,
    );
    return toRefund(after);
  });
}

/** Where the intent stands once a refund of it settled: still refunding, or refunded / partly / not at all. */
async function settleIntentAfterRefund(tx: DbHandle, intentId: string, mutation: Mutation): Promise<void> {
  const intent = await repo.lockIntent(tx, intentId);
  if (intent?.status !== 'refunding') return;
  const others = (await repo.listRefundsOfIntent(tx, intentId)).filter(
    (r) => r.kind !== 'compensation' && r.status === 'processing',
  );
  if (others.length > 0) return;
  const action =
    intent.refundedFen === intent.amountFen
      ? 'refund_fully'
      : intent.refundedFen > 0
        ? 'refund_partly'
        : 'refund_undone';
  await moveIntent(tx, intent, action, mutation);
}

/** Applies a gateway's answer on a refund (once: a settled refund ignores later answers). */
export async function settleRefund(
  db: DbHandle,
  refundId: string,
  result: GatewayRefundResult,
  mutation: Mutation,
): Promise<void> {
  if (result.state === 'processing') return;
  await withTransaction(db, async (tx) => {
    const refund = await repo.lockRefund(tx, refundId);
    if (refund?.status !== 'processing') return;
    if (result.state === 'failed') {
      await moveRefund(tx, refund, 'fail', mutation, {
        failureReason: (result.failureReason ?? 'refused').slice(0, 200),
        settledAt: mutation.at,
      });
      if (refund.kind !== 'compensation') await settleIntentAfterRefund(tx, refund.intentId, mutation);
      await publish(
        tx,
        PaymentsEvents.refundFailed,
        refund.id,
        { refundId: refund.id, orderId: refund.orderId, amountFen: refund.amountFen },
        mutation.at,
      );
      return;
    }
    await moveRefund(tx, refund, 'settle', mutation, {
      providerRefundId: result.providerRefundId,
      settledAt: mutation.at,
    });
    const intent = await repo.lockIntent(tx, refund.intentId);
    if (!intent) throw new Error(`refund ${refund.id} names a missing intent`);
    const clearing = ACCOUNTS.clearing(intent.provider);
    if (refund.kind === 'compensation') {
      await post(
        tx,
        {
          kind: 'compensation',
          orderId: refund.orderId,
          intentId: intent.id,
          refundId: refund.id,
          memo: refund.reason.slice(0, 200),
        },
        [
          { account: ACCOUNTS.compensationExpense, debitFen: refund.amountFen },
          { account: clearing, creditFen: refund.amountFen },
        ],
        mutation.at,
      );
    } else {
      await repo.updateIntent(tx, intent.id, {
        refundedFen: intent.refundedFen + refund.amountFen,
        updatedAt: mutation.at,
      });
      await post(
        tx,
        {
          kind: 'refund',
          orderId: refund.orderId,
          intentId: intent.id,
          refundId: refund.id,
          memo: refund.reason.slice(0, 200),
        },
        [
          { account: fundsAccount(intent.purpose), debitFen: refund.amountFen },
          { account: clearing, creditFen: refund.amountFen },
        ],
        mutation.at,
      );
      await settleIntentAfterRefund(tx, intent.id, mutation);
    }
    await publish(
      tx,
      PaymentsEvents.refundSucceeded,
      refund.id,
      {
        refundId: refund.id,
        intentId: intent.id,
        orderId: refund.orderId,
        amountFen: refund.amountFen,
        kind: refund.kind,
      },
      mutation.at,
    );
  });
}

/** The refund job: ask the gateway to pay it back (idempotent on the refund number), then settle. */
export async function executeRefund(ctx: AppContext, refundId: string, mutation: Mutation): Promise<void> {
  const db = ctx.database.db;
  const refund = await repo.findRefund(db, refundId);
  if (refund?.status !== 'processing') return;
  const intent = await repo.findIntent(db, refund.intentId);
  if (!intent) throw new Error(`refund ${refund.id} names a missing intent`);
  if (intent.provider === 'bank_transfer') {
    // Money back by bank transfer is paid by finance from the bank; recording it here settles it.
    await settleRefund(
      db,
      refund.id,
      { state: 'succeeded', providerRefundId: `BANK-${refund.refundNo}`, failureReason: null },
      mutation,
    );
    return;
  }
  const gateway = gatewayFor(ctx, intent.provider as OnlineProvider);
  const result = await gateway.refund(
    {
      merchantOrderNo: intent.merchantOrderNo,
      providerTradeNo: intent.providerTradeNo,
      refundNo: refund.refundNo,
      amountFen: refund.amountFen,
      totalFen: intent.amountFen,
      reason: refund.reason,
    },
    mutation.at,
  );
  await settleRefund(db, refund.id, result, mutation);
}

/** Refunds the gateway said it was still working on: ask again (the query job). */
export async function queryProcessingRefunds(ctx: AppContext, mutation: Mutation, batch = 50): Promise<void> {
  const db = ctx.database.db;
  const before = new Date(mutation.at.getTime() - ctx.config.payments.queryAfterSeconds * 1000);
  for (const refund of await repo.listProcessingRefunds(db, before, batch)) {
    const intent = await repo.findIntent(db, refund.intentId);
    if (!intent || intent.provider === 'bank_transfer') continue;
    const result = await gatewayFor(ctx, intent.provider as OnlineProvider).queryRefund(
      refund.refundNo,
      intent.merchantOrderNo,
      mutation.at,
    );
    await settleRefund(db, refund.id, result, mutation);
  }
}

/**
 * Finance paid a compensation the provider would not (awaiting_transfer) by bank transfer: records the bank
 * reference and posts it (compensation expense against the bank-transfer clearing account).
 */
export async function recordCompensationTransfer(
  db: DbHandle,
  refundId: string,
  input: { bankReference: string; note?: string | undefined },
  mutation: Mutation,
): Promise<TRefund> {
  return withTransaction(db, async (tx) => {
    const refund = await repo.lockRefund(tx, refundId);
    if (!refund) throw new AppError('REFUND_NOT_FOUND');
    const after = await moveRefund(tx, refund, 'record_transfer', mutation, {
      providerRefundId: input.bankReference,
      decisionNote: input.note ?? refund.decisionNote,
      settledAt: mutation.at,
    });
    await post(
      tx,
      {
        kind: 'compensation',
        orderId: refund.orderId,
        intentId: refund.intentId,
        refundId: refund.id,
        memo: `${refund.reason} / ${input.bankReference}`.slice(0, 200),
      },
      [
        { account: ACCOUNTS.compensationExpense, debitFen: refund.amountFen },
        { account: ACCOUNTS.clearing('bank_transfer'), creditFen: refund.amountFen },
      ],
      mutation.at,
    );
    await publish(
      tx,
      PaymentsEvents.refundSucceeded,
      refund.id,
      {
        refundId: refund.id,
        intentId: refund.intentId,
        orderId: refund.orderId,
        amountFen: refund.amountFen,
        kind: refund.kind,
      },
      mutation.at,
    );
    return toRefund(after);
  });
}
