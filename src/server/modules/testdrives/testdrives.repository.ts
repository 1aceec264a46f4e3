import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type BookingRow,
  type ClosureRow,
  type NewBookingRow,
  type SettingsRow,
  type SlotRow,
  type TemplateRow,
  testdriveBookings,
  testdriveClosures,
  testdriveSettings,
  testdriveSlots,
  testdriveTemplates,
  testdriveVehicles,
  type VehicleRow,
} from './testdrives.schema.js';

// The only code that reads and writes the testdrives tables.

const LIVE = ['booked', 'checked_in'] as const;

// ---- settings, templates, closures ----

export async function findSettings(db: DbHandle, storeId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(testdriveSettings).where(eq(testdriveSettings.storeId, storeId));
  return row;
}

export function listSettings(db: DbHandle, dealerId?: string): Promise<SettingsRow[]> {
  return db
    .select()
    .from(testdriveSettings)
    .where(dealerId ? eq(testdriveSettings.dealerId, dealerId) : undefined)
    .orderBy(asc(testdriveSettings.storeId));
}

export async function upsertSettings(db: DbHandle, row: SettingsRow): Promise<void> {
  const { storeId: _s, ...set } = row;
  await db
    .insert(testdriveSettings)
    .values(row)
    .onConflictDoUpdate({ target: testdriveSettings.storeId, set });
}

export function listTemplates(db: DbHandle, storeId: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(testdriveTemplates)
    .where(eq(testdriveTemplates.storeId, storeId))
    .orderBy(asc(testdriveTemplates.weekday), asc(testdriveTemplates.startTime));
}

export async function replaceTemplates(db: DbHandle, storeId: string, rows: TemplateRow[]): Promise<void> {
  await db.delete(testdriveTemplates).where(eq(testdriveTemplates.storeId, storeId));
  if (rows.length > 0) await db.insert(testdriveTemplates).values(rows);
}

export function listClosures(db: DbHandle, storeId: string): Promise<ClosureRow[]> {
  return db
    .select()
    .from(testdriveClosures)
    .where(eq(testdriveClosures.storeId, storeId))
    .orderBy(asc(testdriveClosures.date));
}

export async function insertClosure(db: DbHandle, row: ClosureRow): Promise<ClosureRow> {
  const [saved] = await db
    .insert(testdriveClosures)
    .values(row)
    .onConflictDoUpdate({
      target: [testdriveClosures.storeId, testdriveClosures.date],
      set: { reason: row.reason },
    })
    .returning();
  return saved ?? row;
}

export async function deleteClosure(db: DbHandle, storeId: string, id: string) {
  const [row] = await db
    .delete(testdriveClosures)
    .where(and(eq(testdriveClosures.storeId, storeId), eq(testdriveClosures.id, id)))
    .returning();
  return row;
}

// ---- slots ----

export async function insertSlots(db: DbHandle, rows: SlotRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(testdriveSlots)
    .values(rows)
    .onConflictDoNothing({ target: [testdriveSlots.storeId, testdriveSlots.startsAt] })
    .returning({ id: testdriveSlots.id });
  return inserted.length;
}

/** Removes unbooked slots on the given dates (a closure); booked ones stay for staff to move. */
export async function deleteUnbookedSlotsOn(db: DbHandle, storeId: string, dates: string[]): Promise<number> {
  if (dates.length === 0) return 0;
  const rows = await db
    .delete(testdriveSlots)
    .where(
      and(
        eq(testdriveSlots.storeId, storeId),
        inArray(testdriveSlots.date, dates),
        eq(testdriveSlots.booked, 0),
      ),
    )
    .returning({ id: testdriveSlots.id });
  return rows.length;
}

/** Removes unbooked future slots of a range that the current templates no longer produce. */
export async function deleteUnbookedSlotsExcept(
  db: DbHandle,
  storeId: string,
  from: string,
  to: string,
  keepIds: string[],
): Promise<number> {
  const rows = await db
    .delete(testdriveSlots)
    .where(
      and(
        eq(testdriveSlots.storeId, storeId),
        gte(testdriveSlots.date, from),
        lte(testdriveSlots.date, to),
        eq(testdriveSlots.booked, 0),
        keepIds.length > 0 ? notInArray(testdriveSlots.id, keepIds) : undefined,
      ),
    )
    .returning({ id: testdriveSlots.id });
  return rows.length;
}

export function listSlots(db: DbHandle, storeId: string, from: string, to: string): Promise<SlotRow[]> {
  return db
    .select()
    .from(testdriveSlots)
    .where(
      and(eq(testdriveSlots.storeId, storeId), gte(testdriveSlots.date, from), lte(testdriveSlots.date, to)),
    )
    .orderBy(asc(testdriveSlots.startsAt));
}

export async function findSlot(db: DbHandle, id: string): Promise<SlotRow | undefined> {
  const [row] = await db.select().from(testdriveSlots).where(eq(testdriveSlots.id, id));
  return row;
}

/**
 * Takes one place in a slot with ONE conditional update (no read-then-write): concurrent bookings of the last
 * place queue on the row lock and only the first still finds `booked < capacity`.
 */
export async function takeSlot(db: DbHandle, slotId: string, storeId: string, now: Date) {
  const [row] = await db
    .update(testdriveSlots)
    .set({ booked: sql`${testdriveSlots.booked} + 1` })
    .where(
      and(
        eq(testdriveSlots.id, slotId),
        eq(testdriveSlots.storeId, storeId),
        gt(testdriveSlots.startsAt, now),
        lt(testdriveSlots.booked, testdriveSlots.capacity),
      ),
    )
    .returning();
  return row;
}

export async function releaseSlot(db: DbHandle, slotId: string): Promise<void> {
  await db
    .update(testdriveSlots)
    .set({ booked: sql`greatest(${testdriveSlots.booked} - 1, 0)` })
    .where(eq(testdriveSlots.id, slotId));
}

// ---- vehicles ----

export async function insertVehicle(db: DbHandle, row: VehicleRow): Promise<void> {
  await db.insert(testdriveVehicles).values(row);
}

export async function findVehicle(db: DbHandle, id: string): Promise<VehicleRow | undefined> {
  const [row] = await db.select().from(testdriveVehicles).where(eq(testdriveVehicles.id, id));
  return row;
}

export async function findVehicleByPlate(db: DbHandle, plate: string): Promise<VehicleRow | undefined> {
  const [row] = await db.select().from(testdriveVehicles).where(eq(testdriveVehicles.plate, plate));
  return row;
}

export async function updateVehicle(db: DbHandle, id: string, set: Partial<VehicleRow>) {
  const [row] = await db.update(testdriveVehicles).set(set).where(eq(testdriveVehicles.id, id)).returning();
  return row;
}

export function listVehicles(
  db: DbHandle,
  filter: {
    dealerId?: string | undefined;
    storeId?: string | undefined;
    seriesId?: string;
    activeOnly?: boolean;
  },
): Promise<VehicleRow[]> {
  return db
    .select()
    .from(testdriveVehicles)
    .where(
      and(
        filter.dealerId ? eq(testdriveVehicles.dealerId, filter.dealerId) : undefined,
        filter.storeId ? eq(testdriveVehicles.storeId, filter.storeId) : undefined,
        filter.seriesId ? eq(testdriveVehicles.seriesId, filter.seriesId) : undefined,
        filter.activeOnly ? eq(testdriveVehicles.status, 'active') : undefined,
      ),
    )
    .orderBy(asc(testdriveVehicles.storeId), asc(testdriveVehicles.plate));
}

/** Vehicle ids with a live booking starting at one of these instants (taken at that time). */
export async function vehiclesBusyAt(
  db: DbHandle,
  vehicleIds: string[],
  startsAt: Date[],
  exceptBookingId?: string,
): Promise<{ vehicleId: string; startsAt: Date }[]> {
  if (vehicleIds.length === 0 || startsAt.length === 0) return [];
  return db
    .select({ vehicleId: testdriveBookings.vehicleId, startsAt: testdriveBookings.startsAt })
    .from(testdriveBookings)
    .where(
      and(
        inArray(testdriveBookings.vehicleId, vehicleIds),
        inArray(testdriveBookings.startsAt, startsAt),
        inArray(testdriveBookings.status, [...LIVE]),
        exceptBookingId ? ne(testdriveBookings.id, exceptBookingId) : undefined,
      ),
    );
}

// ---- bookings ----

export async function insertBooking(db: DbHandle, row: NewBookingRow): Promise<BookingRow> {
  const [saved] = await db.insert(testdriveBookings).values(row).returning();
  if (!saved) throw new Error('booking insert returned nothing');
  return saved;
}

export async function findBooking(db: DbHandle, id: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(testdriveBookings).where(eq(testdriveBookings.id, id));
  return row;
}

export async function findBookingByNumber(db: DbHandle, number: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(testdriveBookings).where(eq(testdriveBookings.bookingNumber, number));
  return row;
}

export async function lockBooking(db: DbHandle, id: string): Promise<BookingRow | null> {
  const [row] = await db.select().from(testdriveBookings).where(eq(testdriveBookings.id, id)).for('update');
  return row ?? null;
}

export async function updateBooking(db: DbHandle, id: string, set: Partial<NewBookingRow>) {
  const [row] = await db.update(testdriveBookings).set(set).where(eq(testdriveBookings.id, id)).returning();
  if (!row) throw new Error('booking update returned nothing');
  return row;
}

export function listBookingsOfBuyer(db: DbHandle, buyerId: string): Promise<BookingRow[]> {
  return db
    .select()
    .from(testdriveBookings)
    .where(eq(testdriveBookings.buyerId, buyerId))
    .orderBy(sql`${testdriveBookings.startsAt} desc`)
    .limit(100);
}

export function listBookingsOfStore(
  db: DbHandle,
  storeId: string,
  from: Date,
  to: Date,
): Promise<BookingRow[]> {
  return db
    .select()
    .from(testdriveBookings)
    .where(
      and(
        eq(testdriveBookings.storeId, storeId),
        gte(testdriveBookings.startsAt, from),
        lt(testdriveBookings.startsAt, to),
      ),
    )
    .orderBy(asc(testdriveBookings.startsAt), asc(testdriveBookings.id));
}

/** Booked test drives starting before `before` not yet reminded in that column (the reminder jobs). */
export function dueForReminder(
  db: DbHandle,
  which: '24h' | '2h',
  now: Date,
  before: Date,
): Promise<BookingRow[]> {
  const col = which === '24h' ? testdriveBookings.reminded24hAt : testdriveBookings.reminded2hAt;
  return db
    .select()
    .from(testdriveBookings)
    .where(
      and(
        eq(testdriveBookings.status, 'booked'),
        isNull(col),
        gt(testdriveBookings.startsAt, now),
        lte(testdriveBookings.startsAt, before),
      ),
    )
    .limit(500);
}

/** Booked test drives whose slot ended before `endedBefore` (no-show candidates; the store grace is applied after). */
export function bookedEndedBefore(db: DbHandle, endedBefore: Date): Promise<BookingRow[]> {
  return db
    .select()
    .from(testdriveBookings)
    .where(and(eq(testdriveBookings.status, 'booked'), lte(testdriveBookings.endsAt, endedBefore)))
    .limit(500);
}
