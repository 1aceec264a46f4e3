import type { Config } from '../../config.js';
import { formatShanghai } from '../../kernel/clock.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatCny } from '../../kernel/money.js';
import type { Mutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import type { TemplateKey } from '../../kernel/notify/templates.js';
import { applyTransition } from '../../kernel/state-machine.js';
import type { OrderStatus } from './orders.enums.js';
import { OrdersEvents } from './orders.events.js';
import { type OrderAction, orderStatusMachine } from './orders.machine.js';
import * as repo from './orders.repository.js';
import type { NewOrderRow, OrderEventRow, OrderRow } from './orders.schema.js';

// What every order use case shares: who may touch an order, the timeline, the buyer's notifications and
// one transition (status, audit, timeline, event, notification in the caller's transaction).

/** The configuration order services need: keys for personal data and the orders settings. */
export type OrdersEnv = Pick<Config, 'dataEncryptionKey' | 'sessionSecret' | 'orders'>;

/** The buyer sees their own orders, dealer staff their dealer's, platform staff and the system all. */
export function assertMayAccess(
  row: OrderRow | null | undefined,
  mutation: Mutation,
): asserts row is OrderRow {
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  const a = mutation.actor;
  if (a?.kind === 'buyer' && a.buyerId !== row.buyerId) throw new AppError('ORDER_NOT_FOUND');
  if (a?.kind === 'staff' && a.dealerId !== null && a.dealerId !== row.dealerId) {
    throw new AppError('ORDER_NOT_FOUND');
  }
}

/** Locks an order for a change by whoever the mutation names (404 outside their scope). */
export async function lockForChange(tx: DbHandle, orderId: string, mutation: Mutation): Promise<OrderRow> {
  const row = await repo.lockOrder(tx, orderId);
  assertMayAccess(row, mutation);
  return row;
}

export function actorLabel(mutation: Mutation): string {
  return mutation.actor?.kind ?? 'system';
}

/** The timeline's words for arriving in a status. */
const STATUS_NOTES: Record<OrderStatus, { zh: string; en: string }> = {
  created: { zh: '订单已提交，等待支付订金', en: 'Order placed; waiting for the deposit' },
  deposit_paid: { zh: '订金已支付', en: 'Deposit paid' },
  vehicle_allocated: { zh: '车辆已分配', en: 'Car allocated' },
  contract_signed: { zh: '购车合同已签署', en: 'Purchase contract signed' },
  balance_paid: { zh: '尾款已付清', en: 'Balance paid' },
  loan_disbursed: { zh: '贷款已放款', en: 'Loan paid out' },
  ready_for_delivery: { zh: '款项结清，车辆待交付', en: 'Fully paid; ready for delivery' },
  delivery_scheduled: { zh: '已预约交车', en: 'Delivery booked' },
  in_transit: { zh: '车辆运输中', en: 'Car on its way' },
  delivered: { zh: '车辆已交付', en: 'Car handed over' },
  completed: { zh: '订单已完成', en: 'Order completed' },
  cancelled: { zh: '订单已取消', en: 'Order cancelled' },
};

export async function addTimeline(
  tx: DbHandle,
  row: OrderRow,
  from: OrderStatus | null,
  to: OrderStatus,
  mutation: Mutation,
  extra?: { zh: string; en: string },
): Promise<OrderEventRow> {
  const base = from === to ? null : STATUS_NOTES[to];
  const join = (a: string | undefined, b: string | undefined, sep: string) =>
    [a, b].filter((s): s is string => !!s).join(sep);
  const entry: OrderEventRow = {
    id: newId('oev'),
    orderId: row.id,
    at: mutation.at,
    fromStatus: from,
    toStatus: to,
    noteZh: join(base?.zh, extra?.zh, '；'),
    noteEn: join(base?.en, extra?.en, '; '),
    actor: actorLabel(mutation),
  };
  await repo.insertTimelineEntry(tx, entry);
  return entry;
}

export function vehicleLabel(row: OrderRow): string {
  return row.colour ? `${row.vehicleTitle} ${row.colour}` : row.vehicleTitle;
}

/** SMS and in-app to the buyer, on the caller's transaction (nothing is sent for a change that rolls back). */
export async function notifyBuyer(
  tx: DbHandle,
  env: OrdersEnv,
  row: OrderRow,
  templateKey: TemplateKey,
  params: Record<string, string | number>,
  at: Date,
  dedupKey: string,
): Promise<void> {
  await notify(tx, {
    recipient: { kind: 'buyer', id: row.buyerId, phone: decryptPersonal(env, row.buyerPhoneEnc) },
    templateKey,
    params: {
      orderNumber: row.orderNumber,
      vehicle: vehicleLabel(row),
      deadline: formatShanghai(row.paymentDeadline),
      deposit: formatCny(row.depositFen),
      ...params,
    },
    channels: ['in_app', 'sms'],
    lang: 'zh-CN',
    link: `/account/orders/${row.id}`,
    at,
    dedupKey,
  });
}

const NOTIFIED: Partial<Record<OrderStatus, TemplateKey>> = {
  deposit_paid: 'orders.deposit_paid',
  vehicle_allocated: 'orders.vehicle_allocated',
  contract_signed: 'orders.contract_signed',
  balance_paid: 'orders.balance_paid',
  loan_disbursed: 'orders.loan_disbursed',
  ready_for_delivery: 'orders.ready_for_delivery',
  delivery_scheduled: 'orders.delivery_scheduled',
  in_transit: 'orders.in_transit',
  delivered: 'orders.delivered',
  completed: 'orders.completed',
  cancelled: 'orders.cancelled',
};

export interface MoveOptions {
  /** Columns the transition changes besides the status. */
  readonly set?: Partial<NewOrderRow>;
  /** Added to the timeline entry. */
  readonly note?: { zh: string; en: string };
  /** Template parameters beyond the order's own (amount, vinTail, refund). */
  readonly params?: Record<string, string | number>;
}

/**
 * One order transition inside `tx`: the machine (lock, 409 when not allowed, status, audit), then the
 * other columns, the timeline entry, `orders.status_changed` and the buyer's SMS + in-app notification.
 */
export async function moveOrder(
  tx: DbHandle,
  env: OrdersEnv,
  orderId: string,
  action: OrderAction,
  mutation: Mutation,
  options: MoveOptions = {},
): Promise<OrderRow> {
  const result = await applyTransition(tx, orderStatusMachine, orderId, action, mutation);
  const row = options.set
    ? await repo.updateOrder(tx, orderId, { ...options.set, updatedAt: mutation.at })
    : result.after;
  await addTimeline(tx, row, result.from, result.to, mutation, options.note);
  await publish(
    tx,
    OrdersEvents.statusChanged,
    row.id,
    {
      orderId: row.id,
      orderNumber: row.orderNumber,
      from: result.from,
      to: result.to,
      buyerUserId: row.buyerId,
      dealerId: row.dealerId,
    },
    mutation.at,
  );
  const template = NOTIFIED[result.to];
  if (template) {
    await notifyBuyer(
      tx,
      env,
      row,
      template,
      options.params ?? {},
      mutation.at,
      `order:${row.id}:${result.to}`,
    );
  }
  return row;
}

/** A 409 in the machine's words, for checks made before touching other modules (inventory). */
export function illegal(row: OrderRow, action: OrderAction): AppError {
  return new AppError('INVALID_TRANSITION', { machine: orderStatusMachine.name, from: row.status, action });
}

export function mayRun(row: OrderRow, action: OrderAction): boolean {
  return orderStatusMachine.can(row.status, action);
}
