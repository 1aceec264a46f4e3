// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A test-drive booking: booked (and rescheduled) until check-in; completed, cancelled or a no-show. */
export const TESTDRIVE_BOOKING_STATUSES = [
  'booked',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type TestdriveBookingStatus = (typeof TESTDRIVE_BOOKING_STATUSES)[number];

/** A test-drive car at a store: bookable while active; in the workshop or retired it is not offered. */
export const TESTDRIVE_VEHICLE_STATUSES = ['active', 'maintenance', 'retired'] as const;
export type TestdriveVehicleStatus = (typeof TESTDRIVE_VEHICLE_STATUSES)[number];

/** Chinese driving licence classes (准驾车型); a passenger-car test drive needs C1 or C2 (or a class above). */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
