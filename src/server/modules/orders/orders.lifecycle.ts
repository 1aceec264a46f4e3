import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { type Fen, formatCny } from '../../kernel/money.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { confirmHold, holdUnit, releaseHold, returnUnitToStock } from '../inventory/index.js';
import type { TCancellationSettlement } from './orders.contract.js';
import { type CancelledBy, type PaymentPurpose, SPEC_CHANGE_STATUSES } from './orders.enums.js';
import { OrdersEvents } from './orders.events.js';
import { ORDER_TRANSITIONS } from './orders.machine.js';
import { checkDeposit, frozenOptions, holdNewCar, sourcingNoteOf } from './orders.place.js';
import { depositBase, settleCancellation } from './orders.policy.js';
import * as repo from './orders.repository.js';
import type { OrderRow } from './orders.schema.js';
import {
  addTimeline,
  assertMayAccess,
  illegal,
  lockForChange,
  mayRun,
  moveOrder,
  type OrdersEnv,
} from './orders.shared.js';

// An order after placement: payments, allocation, contract, loan, spec changes, cancellation and risk
// review. Each runs in one transaction under the order's row lock; inventory changes join it.

const isCode = (err: unknown, code: string) => err instanceof AppError && err.code === code;

/** Minutes left until the order's payment deadline (at least 1): a replacement hold keeps the same deadline. */
function minutesLeft(row: OrderRow, at: Date): number {
  return Math.max(1, Math.ceil((row.paymentDeadline.getTime() - at.getTime()) / 60_000));
}

// ---- payments ----

export interface ApplyPaymentInput {
  readonly orderId: string;
  readonly purpose: PaymentPurpose;
  readonly amountFen: Fen;
  /** The payment's own reference (payments module id): applying the same one twice is a no-op. */
  readonly paymentRef: string;
}

/**
 * Applies a succeeded payment to its order. Deposit: `created -> deposit_paid`, confirming the hold (the
 * car is sold to the order). If the hold has ended meanwhile, the same unit is held and confirmed again when
 * it is still available; when it is gone the payment is recorded, the order is cancelled by the system
 * (reason `unit_lost`) and `orders.cancelled` carries refundFen = the amount paid. A payment reaching an
 * order that is already cancelled is recorded and `orders.refund_due` asks for its refund. Balance:
 * `contract_signed -> balance_paid -> ready_for_delivery` once everything is paid.
 */
export function applyOrderPayment(
  db: DbHandle,
  input: ApplyPaymentInput,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    const seen = await repo.findPayment(tx, input.paymentRef);
    if (seen) {
      if (seen.orderId !== row.id) {
        throw new AppError('ORDER_PAYMENT_MISMATCH', {
          reason: { zh: '该付款属于其他订单', en: 'the payment belongs to another order' },
        });
      }
      return row;
    }
    const record = (outcome: 'applied' | 'refund_due') =>
      repo.insertPaymentOnce(tx, {
        paymentRef: input.paymentRef,
        orderId: row.id,
        purpose: input.purpose,
        amountFen: input.amountFen,
        outcome,
        at: mutation.at,
      });
    if (row.status === 'cancelled') {
      await record('refund_due');
      await publish(
        tx,
        OrdersEvents.refundDue,
        row.id,
        {
          orderId: row.id,
          paymentRef: input.paymentRef,
          amountFen: input.amountFen,
          reason: 'order_cancelled',
        },
        mutation.at,
      );
      await addTimeline(tx, row, row.status, row.status, mutation, {
        zh: `订单已取消，收到的 ${formatCny(input.amountFen)} 将全额退还`,
        en: `The order was already cancelled; the ${formatCny(input.amountFen, 'en')} received is refunded in full`,
      });
      return row;
    }
    return input.purpose === 'deposit'
      ? applyDeposit(tx, row, input, mutation, env, record)
      : applyBalance(tx, row, input, mutation, env, record);
  });
}

async function applyDeposit(
  tx: DbHandle,
  row: OrderRow,
  input: ApplyPaymentInput,
  mutation: Mutation,
  env: OrdersEnv,
  record: (o: 'applied') => Promise<unknown>,
): Promise<OrderRow> {
  if (!mayRun(row, 'pay_deposit')) throw illegal(row, 'pay_deposit');
  if (input.amountFen !== row.depositFen) {
    throw new AppError('ORDER_PAYMENT_MISMATCH', {
      reason: { zh: '金额与订金不一致', en: 'the amount is not the deposit' },
    });
  }
  await record('applied');
  let holdId = row.holdId;
  try {
    if (!holdId) throw new AppError('HOLD_NOT_ACTIVE', { status: 'none' });
    await confirmHold(tx, holdId, mutation);
  } catch (err) {
    if (!isCode(err, 'HOLD_NOT_ACTIVE') || !row.unitId) throw err;
    // The hold ran out before the money arrived: take the same car again if nobody else has.
    try {
      const held = await holdUnit(tx, { unitId: row.unitId }, row.id, { ttlMinutes: 5 }, mutation);
      await confirmHold(tx, held.hold.id, mutation);
      holdId = held.hold.id;
    } catch (again) {
      if (!isCode(again, 'INVENTORY_UNAVAILABLE')) throw again;
      const paid = await repo.updateOrder(tx, row.id, {
        depositPaidFen: input.amountFen,
        depositPaidAt: mutation.at,
        holdId: null,
        updatedAt: mutation.at,
      });
      return (await cancelLocked(tx, paid, 'system', 'unit_lost', mutation, env)).row;
    }
  }
  return moveOrder(tx, env, row.id, 'pay_deposit', mutation, {
    set: { depositPaidFen: input.amountFen, depositPaidAt: mutation.at, holdId },
    params: { amount: formatCny(input.amountFen) },
  });
}

async function applyBalance(
  tx: DbHandle,
  row: OrderRow,
  input: ApplyPaymentInput,
  mutation: Mutation,
  env: OrdersEnv,
  record: (o: 'applied') => Promise<unknown>,
): Promise<OrderRow> {
  if (!mayRun(row, 'pay_balance')) throw illegal(row, 'pay_balance');
  const remaining = row.totalDueFen - row.depositPaidFen - row.balancePaidFen;
  if (input.amountFen <= 0 || input.amountFen > remaining) {
    throw new AppError('ORDER_PAYMENT_MISMATCH', {
      reason: { zh: `超过待付尾款 ${formatCny(remaining)}`, en: `more than the ${remaining} fen still due` },
    });
  }
  await record('applied');
  const balancePaidFen = row.balancePaidFen + input.amountFen;
  if (balancePaidFen < row.totalDueFen - row.depositPaidFen) {
    const partial = await repo.updateOrder(tx, row.id, { balancePaidFen, updatedAt: mutation.at });
    await addTimeline(tx, partial, row.status, row.status, mutation, {
      zh: `收到尾款 ${formatCny(input.amountFen)}`,
      en: `Balance payment of ${formatCny(input.amountFen, 'en')} received`,
    });
    return partial;
  }
  await moveOrder(tx, env, row.id, 'pay_balance', mutation, { set: { balancePaidFen } });
  return moveOrder(tx, env, row.id, 'make_ready', mutation, { set: { readyAt: mutation.at } });
}

// ---- allocation, contract, loan ----

/**
 * `deposit_paid -> vehicle_allocated`. By default the order keeps the unit its confirmed hold sold it;
 * staff may pick another available unit of the same trim (and colour): it is held and sold to the order
 * and the previous unit goes back on sale, all in this transaction.
 */
export function allocateOrderUnit(
  db: DbHandle,
  input: { orderId: string; unitId?: string | undefined },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    if (!mayRun(row, 'allocate')) throw illegal(row, 'allocate');
    if (row.riskReview === 'pending' || row.riskReview === 'rejected') {
      throw new AppError('ORDER_RISK_REVIEW_PENDING');
    }
    let set: Partial<OrderRow> = { allocatedAt: mutation.at };
    if (input.unitId && input.unitId !== row.unitId) {
      if (row.listingKind === 'used') throw new AppError('ORDER_UNIT_MISMATCH');
      const held = await holdUnit(tx, { unitId: input.unitId }, row.id, { ttlMinutes: 5 }, mutation);
      if (
        held.unit.trimId !== row.trimId ||
        (row.colour !== null && held.unit.exteriorColour !== row.colour)
      ) {
        throw new AppError('ORDER_UNIT_MISMATCH');
      }
      await confirmHold(tx, held.hold.id, mutation);
      if (row.unitId)
        await returnUnitToStock(tx, row.unitId, `order ${row.orderNumber} re-allocated`, mutation);
      const elsewhere = held.unit.storeId !== row.storeId;
      set = {
        ...set,
        unitId: held.unit.id,
        vin: held.unit.vin,
        holdId: held.hold.id,
        unitStoreId: elsewhere ? held.unit.storeId : null,
        sourcingNote: elsewhere ? row.sourcingNote : null,
      };
    }
    const vin = set.vin ?? row.vin ?? '';
    return moveOrder(tx, env, row.id, 'allocate', mutation, {
      set,
      params: { vinTail: vin.slice(-6) },
    });
  });
}

/** `vehicle_allocated -> contract_signed` (the contracts flow calls it when both parties signed). Repeating it is a no-op. */
export function markContractSigned(
  db: DbHandle,
  input: { orderId: string; contractId: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    if (row.contractId === input.contractId && row.status !== 'vehicle_allocated') return row;
    return moveOrder(tx, env, row.id, 'sign_contract', mutation, {
      set: { contractId: input.contractId, contractSignedAt: mutation.at },
    });
  });
}

/**
 * Records the purchase contract issued for an allocated order (no transition: the buyer's page shows it to
 * read and sign). A later contract (re-issued before signing) replaces the reference.
 */
export function recordContractIssued(
  db: DbHandle,
  input: { orderId: string; contractId: string },
): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await repo.lockOrder(tx, input.orderId);
    if (!row || row.contractId === input.contractId || row.status !== 'vehicle_allocated') return;
    await repo.updateOrder(tx, row.id, { contractId: input.contractId });
  });
}

/**
 * `contract_signed -> loan_disbursed -> ready_for_delivery` for a loan order (the loan covers the balance).
 * ORDER_LOAN_APPLICATION_REQUIRED for a full-payment order or another application than the order's.
 */
export function markLoanDisbursed(
  db: DbHandle,
  input: { orderId: string; loanApplicationId: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    if (row.loanDisbursedAt && row.loanApplicationId === input.loanApplicationId) return row;
    if (
      row.paymentMethod !== 'loan' ||
      (row.loanApplicationId !== null && row.loanApplicationId !== input.loanApplicationId)
    ) {
      throw new AppError('ORDER_LOAN_APPLICATION_REQUIRED');
    }
    await moveOrder(tx, env, row.id, 'disburse_loan', mutation, {
      set: { loanApplicationId: input.loanApplicationId, loanDisbursedAt: mutation.at },
    });
    return moveOrder(tx, env, row.id, 'make_ready', mutation, { set: { readyAt: mutation.at } });
  });
}

// ---- spec changes ----

/**
 * Changes a new car's colour and options before allocation. A new colour takes a unit of that colour
 * (the listing's store, else the nearest) and gives the old one back, keeping the payment deadline; options
 * change the total, and a binding deposit must stay within 20% of the new price.
 */
export function changeOrderSpec(
  db: DbHandle,
  input: { orderId: string; colour?: string | undefined; options?: readonly string[] | undefined },
  mutation: Mutation,
  _env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    if (row.listingKind === 'used' || !(SPEC_CHANGE_STATUSES as readonly string[]).includes(row.status)) {
      throw new AppError('ORDER_SPEC_FIXED');
    }
    const set: Partial<OrderRow> = {};
    const notes: { zh: string[]; en: string[] } = { zh: [], en: [] };
    if (input.options !== undefined) {
      const options = await frozenOptions(tx, row.trimId, input.options);
      const optionsFen = options.reduce((s, o) => s + o.priceFen, 0);
      const totalDueFen = Math.max(0, row.landedTotalFen + optionsFen - row.tradeInCreditFen);
      checkDeposit(row.depositKind, row.depositFen, depositBase(row.barePriceFen, optionsFen), totalDueFen);
      Object.assign(set, { options, optionsFen, totalDueFen });
      const names = options.map((o) => o.name).join('、') || '无';
      notes.zh.push(`选装改为：${names}`);
      notes.en.push(`Options now: ${options.map((o) => o.name).join(', ') || 'none'}`);
    }
    if (input.colour !== undefined && input.colour !== row.colour) {
      if (!row.storeId) throw new AppError('ORDER_SPEC_FIXED');
      const paid = row.status === 'deposit_paid';
      const ttl = paid ? 5 : minutesLeft(row, mutation.at);
      const { held, fromStore } = await holdNewCar(
        tx,
        { trimId: row.trimId, storeId: row.storeId, colour: input.colour },
        row.id,
        ttl,
        mutation,
      );
      if (paid) {
        await confirmHold(tx, held.hold.id, mutation);
        if (row.unitId)
          await returnUnitToStock(tx, row.unitId, `order ${row.orderNumber} colour change`, mutation);
      } else if (row.holdId) {
        await releaseHold(tx, row.holdId, 'order_colour_change', mutation).catch((err: unknown) => {
          if (!isCode(err, 'HOLD_NOT_ACTIVE')) throw err;
        });
      }
      Object.assign(set, {
        colour: held.unit.exteriorColour,
        unitId: held.unit.id,
        vin: held.unit.vin,
        holdId: held.hold.id,
        unitStoreId: fromStore?.id ?? null,
        sourcingNote: fromStore ? sourcingNoteOf(fromStore) : null,
      });
      notes.zh.push(`颜色改为：${held.unit.exteriorColour}`);
      notes.en.push(`Colour now: ${held.unit.exteriorColour}`);
    }
    if (Object.keys(set).length === 0) return row;
    const after = await repo.updateOrder(tx, row.id, { ...set, updatedAt: mutation.at });
    await addTimeline(tx, after, row.status, row.status, mutation, {
      zh: notes.zh.join('；'),
      en: notes.en.join('; '),
    });
    await audit(tx, mutation, {
      action: 'order.change_spec',
      entityType: 'order',
      entityId: row.id,
      before: { colour: row.colour, options: row.options, unitId: row.unitId, totalDueFen: row.totalDueFen },
      after: {
        colour: after.colour,
        options: after.options,
        unitId: after.unitId,
        totalDueFen: after.totalDueFen,
      },
    });
    return after;
  });
}

// ---- cancellation ----

/** What cancelling would settle now, shown to the buyer before they confirm (nothing changes). */
export async function previewCancellation(
  db: DbHandle,
  orderId: string,
  by: CancelledBy,
  env: OrdersEnv,
  at: Date,
  mutation?: Mutation,
): Promise<TCancellationSettlement> {
  const row = await repo.findOrder(db, orderId);
  if (mutation) assertMayAccess(row, mutation);
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  if (!mayRun(row, 'cancel')) throw illegal(row, 'cancel');
  return settleCancellation(row, by, at, env.orders.freeCancelHours);
}

async function cancelLocked(
  tx: DbHandle,
  row: OrderRow,
  by: CancelledBy,
  reason: string,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<{ row: OrderRow; settlement: TCancellationSettlement }> {
  if (!mayRun(row, 'cancel')) throw illegal(row, 'cancel');
  const settlement = settleCancellation(row, by, mutation.at, env.orders.freeCancelHours);
  // Give the car back: a live hold is released; a car already sold to the order goes back on sale.
  if (row.status === 'created' && row.holdId) {
    await releaseHold(tx, row.holdId, 'order_cancelled', mutation).catch((err: unknown) => {
      if (!isCode(err, 'HOLD_NOT_ACTIVE')) throw err;
    });
  } else if (row.status !== 'created' && row.unitId) {
    await returnUnitToStock(tx, row.unitId, `order ${row.orderNumber} cancelled`, mutation).catch(
      (err: unknown) => {
        if (!isCode(err, 'UNIT_NOT_SOLD')) throw err;
      },
    );
  }
  const after = await moveOrder(tx, env, row.id, 'cancel', mutation, {
    set: {
      cancelledAt: mutation.at,
      cancelledBy: by,
      cancelReason: reason,
      settlement: {
        paidFen: settlement.paidFen,
        refundFen: settlement.refundFen,
        forfeitFen: settlement.forfeitFen,
        compensationFen: settlement.compensationFen,
        rule: settlement.rule,
        zh: settlement.explanation.zh,
        en: settlement.explanation.en,
      },
    },
    note: settlement.explanation,
    params: { refund: formatCny(settlement.refundFen + settlement.compensationFen) },
  });
  await publish(
    tx,
    OrdersEvents.cancelled,
    row.id,
    {
      orderId: row.id,
      orderNumber: row.orderNumber,
      by,
      reason,
      paidFen: settlement.paidFen,
      refundFen: settlement.refundFen,
      forfeitFen: settlement.forfeitFen,
      compensationFen: settlement.compensationFen,
    },
    mutation.at,
  );
  return { row: after, settlement };
}

/**
 * Cancels an order with the settlement the deposit policy gives (orders.policy.ts), releases or restocks
 * its car and publishes `orders.cancelled` (the payments flow refunds, keeps the forfeit, pays compensation).
 */
export function cancelOrder(
  db: DbHandle,
  input: { orderId: string; by: CancelledBy; reason: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<{ row: OrderRow; settlement: TCancellationSettlement }> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    return cancelLocked(tx, row, input.by, input.reason, mutation, env);
  });
}

// ---- risk review ----

/** Clears a pending risk review, or rejects it: the system cancels the order with a full refund. */
export function clearRiskReview(
  db: DbHandle,
  input: { orderId: string; decision: 'cleared' | 'rejected' },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    if (row.riskReview !== 'pending') throw new AppError('ORDER_RISK_REVIEW_NOT_PENDING');
    const after = await repo.updateOrder(tx, row.id, { riskReview: input.decision, updatedAt: mutation.at });
    await audit(tx, mutation, {
      action: `order.risk_${input.decision === 'cleared' ? 'clear' : 'reject'}`,
      entityType: 'order',
      entityId: row.id,
      before: { riskReview: row.riskReview, riskFlags: row.riskFlags },
      after: { riskReview: after.riskReview },
    });
    if (input.decision === 'cleared' || after.status === 'cancelled') return after;
    return (await cancelLocked(tx, after, 'system', 'risk_rejected', mutation, env)).row;
  });
}

// ---- delivery (driven by the fulfilment module) ----

/** The order moves the fulfilment module makes, and the column each one stamps. */
export const DELIVERY_ACTIONS = ['schedule_delivery', 'dispatch', 'deliver', 'complete'] as const;
export type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

/**
 * `ready_for_delivery -> delivery_scheduled -> in_transit -> delivered -> completed` (pickup skips
 * in_transit). Repeating a move the order has already made is a no-op, so a fulfilment reaction may retry;
 * `note` goes on the buyer's timeline and `params` into the notice (e.g. `slot`).
 */
export function advanceOrderDelivery(
  db: DbHandle,
  input: {
    orderId: string;
    action: DeliveryAction;
    note?: { zh: string; en: string } | undefined;
    params?: Record<string, string | number> | undefined;
  },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<OrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await lockForChange(tx, input.orderId, mutation);
    const target = ORDER_TRANSITIONS[input.action].to;
    if (row.status === target) return row;
    const set =
      input.action === 'deliver'
        ? { deliveredAt: mutation.at }
        : input.action === 'complete'
          ? { completedAt: mutation.at }
          : undefined;
    return moveOrder(tx, env, row.id, input.action, mutation, {
      ...(set ? { set } : {}),
      ...(input.note ? { note: input.note } : {}),
      ...(input.params ? { params: input.params } : {}),
    });
  });
}
