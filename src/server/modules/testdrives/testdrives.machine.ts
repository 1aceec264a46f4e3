import { defineStateMachine } from '../../kernel/state-machine.js';
import { TESTDRIVE_BOOKING_STATUSES } from './testdrives.enums.js';
import * as repo from './testdrives.repository.js';
import type { BookingRow } from './testdrives.schema.js';

/**
 * A test-drive booking: booked -> checked_in -> completed, or booked -> cancelled | no_show. Rescheduling keeps
 * it booked. The event (testdrives.booking_status_changed) is published by the service, which holds the key
 * to the phone number the payload carries.
 */
export const testdriveBookingMachine = defineStateMachine({
  name: 'testdrive_booking',
  entityType: 'testdrive_booking',
  states: TESTDRIVE_BOOKING_STATUSES,
  initial: ['booked'],
  transitions: {
    check_in: { from: ['booked'], to: 'checked_in' },
    complete: { from: ['checked_in'], to: 'completed' },
    cancel: { from: ['booked'], to: 'cancelled' },
    no_show: { from: ['booked'], to: 'no_show' },
  },
  notFound: 'TESTDRIVE_NOT_FOUND',
  lock: repo.lockBooking,
  stateOf: (row: BookingRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateBooking(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(action === 'check_in' ? { checkedInAt: mutation.at } : { finishedAt: mutation.at }),
    }),
  snapshot: (row, status) => ({ status, slotId: row.slotId, vehicleId: row.vehicleId }),
});
