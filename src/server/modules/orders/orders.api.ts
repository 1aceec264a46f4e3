import type { DbHandle } from '../../kernel/db/client.js';
import type { Mutation } from '../../kernel/mutation.js';
import type { TCancellationSettlement, TOrder } from './orders.contract.js';
import type { CancelledBy } from './orders.enums.js';
import * as life from './orders.lifecycle.js';
import { toOrder } from './orders.mappers.js';
import * as place from './orders.place.js';
import { orderView } from './orders.service.js';
import type { OrdersEnv } from './orders.shared.js';

// What the flows call (through index.ts): each use case, answering the order as its buyer sees it (masked,
// with its timeline) in the mutation's language. `env` is the app's config (ctx.config).

/** Places an order in one transaction (orders.place.ts); INVENTORY_UNAVAILABLE (409) when the car is taken. */
export async function placeOrder(
  db: DbHandle,
  input: place.PlaceOrderInput,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  const { row, timeline } = await place.placeOrder(db, input, mutation, env);
  return toOrder(row, timeline, mutation.lang);
}

/** Applies a succeeded payment (deposit or balance), idempotent by paymentRef (orders.lifecycle.ts). */
export async function applyOrderPayment(
  db: DbHandle,
  input: life.ApplyPaymentInput,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.applyOrderPayment(db, input, mutation, env), mutation.lang);
}

/** `deposit_paid -> vehicle_allocated`, the held unit or another of the same trim and colour. */
export async function allocateOrderUnit(
  db: DbHandle,
  input: { orderId: string; unitId?: string | undefined },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.allocateOrderUnit(db, input, mutation, env), mutation.lang);
}

/** `vehicle_allocated -> contract_signed`; repeating it with the same contract is a no-op. */
export async function markContractSigned(
  db: DbHandle,
  input: { orderId: string; contractId: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.markContractSigned(db, input, mutation, env), mutation.lang);
}

/** A delivery move (fulfilment): schedule, dispatch, deliver, complete; repeating one is a no-op. */
export async function advanceOrderDelivery(
  db: DbHandle,
  input: Parameters<typeof life.advanceOrderDelivery>[1],
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.advanceOrderDelivery(db, input, mutation, env), mutation.lang);
}

/** `contract_signed -> loan_disbursed -> ready_for_delivery` for a loan order. */
export async function markLoanDisbursed(
  db: DbHandle,
  input: { orderId: string; loanApplicationId: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.markLoanDisbursed(db, input, mutation, env), mutation.lang);
}

/** Colour and options before allocation (new cars). */
export async function changeOrderSpec(
  db: DbHandle,
  input: { orderId: string; colour?: string | undefined; options?: readonly string[] | undefined },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.changeOrderSpec(db, input, mutation, env), mutation.lang);
}

/** Cancels with the deposit policy's settlement; publishes orders.cancelled. */
export async function cancelOrder(
  db: DbHandle,
  input: { orderId: string; by: CancelledBy; reason: string },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<{ order: TOrder; settlement: TCancellationSettlement }> {
  const { row, settlement } = await life.cancelOrder(db, input, mutation, env);
  return { order: await orderView(db, row, mutation.lang), settlement };
}

/** Clears or rejects a pending risk review (rejected: cancelled by the system, full refund). */
export async function clearRiskReview(
  db: DbHandle,
  input: { orderId: string; decision: 'cleared' | 'rejected' },
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TOrder> {
  return orderView(db, await life.clearRiskReview(db, input, mutation, env), mutation.lang);
}
