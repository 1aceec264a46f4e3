import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { DELIVERY_STATUSES } from './fulfilment.enums.js';
import { FulfilmentEvents } from './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';
import type { DeliveryRow } from './fulfilment.schema.js';

/**
 * A delivery: booked (and rebooked) while scheduled, on the road once dispatched, handed over when the buyer
 * accepts, completed when every completion gate passes. Pickup goes from scheduled straight to handed over;
 * cancelling the order before the handover cancels the delivery.
 */
export const deliveryStatusMachine = defineStateMachine({
  name: 'delivery',
  entityType: 'delivery',
  states: DELIVERY_STATUSES,
  initial: ['scheduled'],
  transitions: {
    dispatch: { from: ['scheduled'], to: 'in_transit' },
    hand_over: { from: ['scheduled', 'in_transit'], to: 'handed_over' },
    complete: { from: ['handed_over'], to: 'completed' },
    // The order was cancelled before the handover: the slot goes back to the calendar.
    cancel: { from: ['scheduled', 'in_transit'], to: 'cancelled' },
  },
  notFound: 'DELIVERY_NOT_FOUND',
  lock: repo.lockDelivery,
  stateOf: (row: DeliveryRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateDelivery(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(action === 'dispatch' ? { dispatchedAt: mutation.at } : {}),
      ...(action === 'hand_over' ? { deliveredAt: mutation.at } : {}),
      ...(action === 'complete' ? { completedAt: mutation.at } : {}),
    }),
  snapshot: (row, status) => ({ status, carrier: row.carrier, trackingNumber: row.trackingNumber }),
  emit: async (tx, row, to, _action, mutation) => {
    await publish(
      tx,
      FulfilmentEvents.deliveryStatusChanged,
      row.id,
      { deliveryId: row.id, orderId: row.orderId, status: to },
      mutation.at,
    );
  },
});
