import { defineStateMachine } from '../../kernel/state-machine.js';
import { ORDER_STATUSES, type OrderStatus } from './orders.enums.js';
import * as repo from './orders.repository.js';
import type { OrderRow } from './orders.schema.js';

/** Every status an order may be cancelled from: any before the car is handed over. */
const CANCELLABLE: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => s !== 'cancelled' && s !== 'delivered' && s !== 'completed',
);

/** The allowed moves of an order (DOMAIN.md): one table, run by applyTransition under the row lock. */
export const ORDER_TRANSITIONS = {
  pay_deposit: { from: ['created'], to: 'deposit_paid' },
  allocate: { from: ['deposit_paid'], to: 'vehicle_allocated' },
  sign_contract: { from: ['vehicle_allocated'], to: 'contract_signed' },
  pay_balance: { from: ['contract_signed'], to: 'balance_paid' },
  disburse_loan: { from: ['contract_signed'], to: 'loan_disbursed' },
  make_ready: { from: ['balance_paid', 'loan_disbursed'], to: 'ready_for_delivery' },
  // Delivery (fulfilment module): a booked slot, the car on its way (home delivery), handed over, completed.
  schedule_delivery: { from: ['ready_for_delivery'], to: 'delivery_scheduled' },
  dispatch: { from: ['delivery_scheduled'], to: 'in_transit' },
  // Store pickup goes from the booked slot straight to the handover.
  deliver: { from: ['delivery_scheduled', 'in_transit'], to: 'delivered' },
  complete: { from: ['delivered'], to: 'completed' },
  cancel: { from: CANCELLABLE, to: 'cancelled' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/**
 * A vehicle order: `created -> deposit_paid -> vehicle_allocated -> contract_signed -> balance_paid |
 * loan_disbursed -> ready_for_delivery -> delivery_scheduled -> in_transit -> delivered -> completed`,
 * `cancelled` from any status before `delivered`. An illegal move is a 409
 * INVALID_TRANSITION; the transition writes the status, and the audit row; the service adds the timeline entry,
 * `orders.status_changed` and the buyer's notification in the same transaction.
 */
export const orderStatusMachine = defineStateMachine({
  name: 'order',
  entityType: 'order',
  states: ORDER_STATUSES,
  initial: ['created'],
  transitions: ORDER_TRANSITIONS,
  notFound: 'ORDER_NOT_FOUND',
  lock: repo.lockOrder,
  stateOf: (row: OrderRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateOrder(tx, row.id, { status: to, updatedAt: mutation.at }),
  snapshot: (row, status) => ({ status, version: row.version }),
  // No emit: the service publishes orders.status_changed with the `from` it got back, beside the timeline.
});
