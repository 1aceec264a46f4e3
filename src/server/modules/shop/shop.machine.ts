import { defineStateMachine } from '../../kernel/state-machine.js';
import { SHOP_ORDER_STATUSES, type ShopOrderStatus } from './shop.enums.js';
import * as repo from './shop.repository.js';
import type { NewShopOrderRow, ShopOrderRow } from './shop.schema.js';

/** The actions on a shop order and the moment each one stamps. */
export const SHOP_ORDER_TRANSITIONS = {
  pay: { from: ['pending_payment'], to: 'paid' },
  ship: { from: ['paid'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  complete: { from: ['delivered'], to: 'completed' },
  cancel: { from: ['pending_payment', 'paid'], to: 'cancelled' },
  request_return: { from: ['delivered'], to: 'returning' },
  receive_return: { from: ['returning'], to: 'returned' },
} as const satisfies Record<string, { from: readonly ShopOrderStatus[]; to: ShopOrderStatus }>;
export type ShopOrderAction = keyof typeof SHOP_ORDER_TRANSITIONS;

const STAMP: Partial<Record<ShopOrderAction, keyof NewShopOrderRow>> = {
  pay: 'paidAt',
  ship: 'shippedAt',
  deliver: 'deliveredAt',
  complete: 'completedAt',
  cancel: 'cancelledAt',
  request_return: 'returnRequestedAt',
  receive_return: 'returnedAt',
};

/** A shop order's status: one table of allowed transitions, run by applyTransition. */
export const shopOrderMachine = defineStateMachine({
  name: 'shop_order',
  entityType: 'shop_order',
  states: SHOP_ORDER_STATUSES,
  initial: ['pending_payment'],
  transitions: SHOP_ORDER_TRANSITIONS,
  notFound: 'SHOP_ORDER_NOT_FOUND',
  lock: repo.lockShopOrder,
  stateOf: (row: ShopOrderRow) => row.status,
  update: (tx, row, to, action, mutation) => {
    const stamp = STAMP[action];
    return repo.updateShopOrder(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(stamp ? { [stamp]: mutation.at } : {}),
    });
  },
  snapshot: (row, status) => ({ status, orderNumber: row.orderNumber, totalFen: row.totalFen }),
  // The event (with from and to) is published by `moveShopOrder`, which knows both.
});
