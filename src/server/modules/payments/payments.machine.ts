import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import {
  PAYMENT_INTENT_STATUSES,
  type PaymentIntentStatus,
  REFUND_STATUSES,
  type RefundStatus,
} from './payments.enums.js';
import * as repo from './payments.repository.js';
import type {
  NewPaymentIntentRow,
  NewPaymentRefundRow,
  PaymentIntentRow,
  PaymentRefundRow,
} from './payments.schema.js';

export const INTENT_TRANSITIONS = {
  succeed: { from: ['pending'], to: 'succeeded' },
  fail: { from: ['pending'], to: 'failed' },
  expire: { from: ['pending'], to: 'expired' },
  start_refund: { from: ['succeeded', 'partially_refunded', 'refunding'], to: 'refunding' },
  refund_partly: { from: ['refunding'], to: 'partially_refunded' },
  refund_fully: { from: ['refunding'], to: 'refunded' },
  refund_undone: { from: ['refunding'], to: 'succeeded' },
} as const satisfies Record<string, { from: readonly PaymentIntentStatus[]; to: PaymentIntentStatus }>;
export type IntentAction = keyof typeof INTENT_TRANSITIONS;

/**
 * A payment intent (DOMAIN.md payment machine). Every move runs on the row locked `for update` through
 * `moveIntent`, so a duplicate or late notification finds the state already moved and changes nothing.
 * `refunding` lasts while any refund of the intent is at the gateway; when the last settles the intent is
 * `refunded` (all of it back), `partially_refunded` (some) or `succeeded` again (the refunds failed).
 */
export const paymentIntentMachine = defineStateMachine({
  name: 'payment_intent',
  entityType: 'payment_intent',
  states: PAYMENT_INTENT_STATUSES,
  initial: ['pending'],
  transitions: INTENT_TRANSITIONS,
  notFound: 'PAYMENT_INTENT_NOT_FOUND',
  lock: repo.lockIntent,
  stateOf: (row: PaymentIntentRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateIntent(tx, row.id, { status: to, updatedAt: mutation.at }),
});

export const REFUND_TRANSITIONS = {
  approve: { from: ['pending_approval'], to: 'processing' },
  reject: { from: ['pending_approval'], to: 'rejected' },
  settle: { from: ['processing'], to: 'succeeded' },
  fail: { from: ['processing'], to: 'failed' },
  /** An approved compensation: finance pays it by bank transfer. */
  approve_transfer: { from: ['pending_approval'], to: 'awaiting_transfer' },
  record_transfer: { from: ['awaiting_transfer'], to: 'succeeded' },
} as const satisfies Record<string, { from: readonly RefundStatus[]; to: RefundStatus }>;
export type RefundAction = keyof typeof REFUND_TRANSITIONS;

/** A refund: waits for approval above the threshold, then is at the gateway until it succeeds or fails. */
export const paymentRefundMachine = defineStateMachine({
  name: 'payment_refund',
  entityType: 'payment_refund',
  states: REFUND_STATUSES,
  initial: ['pending_approval', 'processing', 'awaiting_transfer'],
  transitions: REFUND_TRANSITIONS,
  notFound: 'REFUND_NOT_FOUND',
  lock: repo.lockRefund,
  stateOf: (row: PaymentRefundRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateRefund(tx, row.id, { status: to, updatedAt: mutation.at }),
});

/**
 * Moves a locked intent by `action` and writes the other fields of the move with it, plus the audit row;
 * 409 INVALID_TRANSITION when the machine does not allow it from the row's state.
 */
export async function moveIntent(
  tx: DbHandle,
  row: PaymentIntentRow,
  action: IntentAction,
  mutation: Mutation,
  set: Partial<NewPaymentIntentRow> = {},
): Promise<PaymentIntentRow> {
  if (!paymentIntentMachine.can(row.status, action)) {
    throw new AppError('INVALID_TRANSITION', {
      machine: paymentIntentMachine.name,
      from: row.status,
      action,
    });
  }
  const to = INTENT_TRANSITIONS[action].to;
  const after = await repo.updateIntent(tx, row.id, { ...set, status: to, updatedAt: mutation.at });
  await audit(tx, mutation, {
    action: `payment_intent.${action}`,
    entityType: 'payment_intent',
    entityId: row.id,
    before: { status: row.status, refundedFen: row.refundedFen },
    after: {
      status: to,
      refundedFen: after.refundedFen,
      ...(set.failureReason ? { reason: set.failureReason } : {}),
    },
  });
  return after;
}

/** The same for a locked refund. */
export async function moveRefund(
  tx: DbHandle,
  row: PaymentRefundRow,
  action: RefundAction,
  mutation: Mutation,
  set: Partial<NewPaymentRefundRow> = {},
): Promise<PaymentRefundRow> {
  if (!paymentRefundMachine.can(row.status, action)) {
    throw new AppError('INVALID_TRANSITION', {
      machine: paymentRefundMachine.name,
      from: row.status,
      action,
    });
  }
  const to = REFUND_TRANSITIONS[action].to;
  const after = await repo.updateRefund(tx, row.id, { ...set, status: to, updatedAt: mutation.at });
  await audit(tx, mutation, {
    action: `payment_refund.${action}`,
    entityType: 'payment_refund',
    entityId: row.id,
    before: { status: row.status },
    after: { status: to, amountFen: row.amountFen, ...(set.decisionNote ? { note: set.decisionNote } : {}) },
  });
  return after;
}
