import { and, asc, count, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { ChecklistKind, DeliveryStatus } from './fulfilment.enums.js';
import {
  type ChecklistItemRow,
  type ClosureRow,
  type DeliveryRow,
  deliveries,
  deliveryChecklistItems,
  deliveryClosures,
  deliveryFeeRules,
  deliverySlots,
  deliverySlotTemplates,
  deliveryTrackingEvents,
  type FeeRuleRow,
  type NewDeliveryRow,
  type SlotRow,
  type SlotTemplateRow,
  type TrackingEventRow,
} from './fulfilment.schema.js';

// The only code that reads and writes the fulfilment tables.

// ---- calendar ----

export function listTemplates(db: DbHandle, storeId: string): Promise<SlotTemplateRow[]> {
  return db
    .select()
    .from(deliverySlotTemplates)
    .where(eq(deliverySlotTemplates.storeId, storeId))
    .orderBy(asc(deliverySlotTemplates.weekday), asc(deliverySlotTemplates.startTime));
}

export async function replaceTemplates(
  db: DbHandle,
  storeId: string,
  rows: SlotTemplateRow[],
): Promise<void> {
  await db.delete(deliverySlotTemplates).where(eq(deliverySlotTemplates.storeId, storeId));
  if (rows.length > 0) await db.insert(deliverySlotTemplates).values(rows);
}

export function listClosures(db: DbHandle, storeId: string): Promise<ClosureRow[]> {
  return db
    .select()
    .from(deliveryClosures)
    .where(eq(deliveryClosures.storeId, storeId))
    .orderBy(asc(deliveryClosures.date));
}

export async function insertClosure(db: DbHandle, row: ClosureRow): Promise<ClosureRow> {
  const [inserted] = await db.insert(deliveryClosures).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(deliveryClosures)
    .where(and(eq(deliveryClosures.storeId, row.storeId), eq(deliveryClosures.date, row.date)));
  return existing as ClosureRow;
}

export async function deleteClosure(
  db: DbHandle,
  storeId: string,
  id: string,
): Promise<ClosureRow | undefined> {
  const [row] = await db
    .delete(deliveryClosures)
    .where(and(eq(deliveryClosures.storeId, storeId), eq(deliveryClosures.id, id)))
    .returning();
  return row;
}

/** Inserts slots that do not exist yet (same store and start); returns how many were new. */
export async function insertSlots(db: DbHandle, rows: SlotRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(deliverySlots)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: deliverySlots.id });
  return inserted.length;
}

/** Removes unbooked slots on the given dates (a closure); booked ones stay for staff to move. */
export async function deleteUnbookedSlotsOn(db: DbHandle, storeId: string, dates: string[]): Promise<number> {
  if (dates.length === 0) return 0;
  const rows = await db
    .delete(deliverySlots)
    .where(
      and(
        eq(deliverySlots.storeId, storeId),
        inArray(deliverySlots.date, dates),
        eq(deliverySlots.booked, 0),
      ),
    )
    .returning({ id: deliverySlots.id });
  return rows.length;
}

export function listSlots(db: DbHandle, storeId: string, from: string, to: string): Promise<SlotRow[]> {
  return db
    .select()
    .from(deliverySlots)
    .where(
      and(eq(deliverySlots.storeId, storeId), gte(deliverySlots.date, from), lte(deliverySlots.date, to)),
    )
    .orderBy(asc(deliverySlots.startsAt));
}

export async function findSlot(db: DbHandle, id: string): Promise<SlotRow | undefined> {
  const [row] = await db.select().from(deliverySlots).where(eq(deliverySlots.id, id));
  return row;
}

/**
 * Takes one place in a slot with ONE conditional update (no read-then-write): concurrent bookings of the last
 * place queue on the row and only the first finds `booked < capacity` still true.
 */
export async function takeSlot(
  db: DbHandle,
  slotId: string,
  storeId: string,
  now: Date,
): Promise<SlotRow | undefined> {
  const [row] = await db
    .update(deliverySlots)
    .set({ booked: sql`${deliverySlots.booked} + 1` })
    .where(
      and(
        eq(deliverySlots.id, slotId),
        eq(deliverySlots.storeId, storeId),
        gt(deliverySlots.startsAt, now),
        lt(deliverySlots.booked, deliverySlots.capacity),
      ),
    )
    .returning();
  return row;
}

export async function releaseSlot(db: DbHandle, slotId: string): Promise<void> {
  await db
    .update(deliverySlots)
    .set({ booked: sql`${deliverySlots.booked} - 1` })
    .where(and(eq(deliverySlots.id, slotId), gt(deliverySlots.booked, 0)));
}

// ---- fee rules ----

export function listFeeRules(db: DbHandle): Promise<FeeRuleRow[]> {
  return db
    .select()
    .from(deliveryFeeRules)
    .orderBy(asc(deliveryFeeRules.createdAt), asc(deliveryFeeRules.id));
}

export async function insertFeeRule(db: DbHandle, row: FeeRuleRow): Promise<void> {
  await db.insert(deliveryFeeRules).values(row);
}

export async function deactivateFeeRule(db: DbHandle, id: string): Promise<FeeRuleRow | undefined> {
  const [row] = await db
    .update(deliveryFeeRules)
    .set({ active: false })
    .where(eq(deliveryFeeRules.id, id))
    .returning();
  return row;
}

// ---- deliveries ----

export async function findDelivery(db: DbHandle, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

export async function findDeliveryByOrder(db: DbHandle, orderId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.orderId, orderId));
  return row;
}

export async function findDeliveryByTracking(
  db: DbHandle,
  carrier: string,
  trackingNumber: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(deliveries)
    .where(and(sql`${deliveries.carrier} = ${carrier}`, eq(deliveries.trackingNumber, trackingNumber)));
  return row;
}

/**
 * Serialises bookings of one order until the transaction ends (the delivery row may not exist yet, so there is
 * no row to lock): two tabs booking at once cannot both insert or both take a slot.
 */
export async function lockOrderBooking(db: DbHandle, orderId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`delivery:${orderId}`}, 0))`);
}

/** Locks the row for a change (`for update`): concurrent changes to one delivery queue here. */
export async function lockDelivery(db: DbHandle, id: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id)).for('update');
  return row ?? null;
}

export async function lockDeliveryByOrder(db: DbHandle, orderId: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.orderId, orderId)).for('update');
  return row ?? null;
}

export async function insertDelivery(db: DbHandle, row: NewDeliveryRow): Promise<DeliveryRow> {
  const [inserted] = await db.insert(deliveries).values(row).returning();
  return inserted as DeliveryRow;
}

export async function updateDelivery(
  db: DbHandle,
  id: string,
  set: Partial<NewDeliveryRow>,
): Promise<DeliveryRow> {
  const [row] = await db.update(deliveries).set(set).where(eq(deliveries.id, id)).returning();
  return row as DeliveryRow;
}

export function listDeliveries(
  db: DbHandle,
  filter: {
    dealerId: string | null;
    status?: DeliveryStatus | undefined;
    storeId?: string | undefined;
    delayed?: boolean | undefined;
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const where = and(
    filter.dealerId ? eq(deliveries.dealerId, filter.dealerId) : undefined,
    filter.status ? eq(deliveries.status, filter.status) : undefined,
    filter.storeId ? eq(deliveries.storeId, filter.storeId) : undefined,
    filter.delayed === undefined
      ? undefined
      : filter.delayed
        ? isNotNull(deliveries.delayAlertedAt)
        : isNull(deliveries.delayAlertedAt),
  );
  return db.select().from(deliveries).where(where).orderBy(asc(deliveries.slotStartsAt)).limit(filter.limit);
}

/** Scheduled or moving deliveries whose slot ended before `now` and that nobody was alerted about yet. */
export function overdueDeliveries(db: DbHandle, now: Date, limit: number): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(
      and(
        inArray(deliveries.status, ['scheduled', 'in_transit']),
        lt(deliveries.slotEndsAt, now),
        isNull(deliveries.delayAlertedAt),
      ),
    )
    .orderBy(asc(deliveries.slotEndsAt))
    .limit(limit);
}

/** Marks the delay alert once: only the caller whose update matched sends the alert. */
export async function markDelayAlerted(db: DbHandle, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set({ delayAlertedAt: now })
    .where(
      and(
        eq(deliveries.id, id),
        isNull(deliveries.delayAlertedAt),
        inArray(deliveries.status, ['scheduled', 'in_transit']),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

/** The figures behind the on-time and 48 h rates for deliveries handed over / ready in [from, to). */
export async function rateFigures(db: DbHandle, dealerId: string | null, from: Date, to: Date) {
  const scope = dealerId ? eq(deliveries.dealerId, dealerId) : undefined;
  const [handed] = await db
    .select({
      handedOver: count(),
      onTime: sql<number>`count(*) filter (where ${deliveries.deliveredAt} <= ${deliveries.slotEndsAt})`,
    })
    .from(deliveries)
    .where(and(scope, gte(deliveries.deliveredAt, from), lt(deliveries.deliveredAt, to)));
  // Pickup has no dispatch: the car leaving the store is the handover itself.
  const [ready] = await db
    .select({
      ready: count(),
      within48h: sql<number>`count(*) filter (where coalesce(${deliveries.dispatchedAt}, ${deliveries.deliveredAt}) <= ${deliveries.readyAt} + interval '48 hours')`,
    })
    .from(deliveries)
    .where(and(scope, gte(deliveries.readyAt, from), lt(deliveries.readyAt, to)));
  const [delayed] = await db
    .select({ n: count() })
    .from(deliveries)
    .where(
      and(
        scope,
        isNotNull(deliveries.delayAlertedAt),
        inArray(deliveries.status, ['scheduled', 'in_transit']),
      ),
    );
  return {
    handedOver: Number(handed?.handedOver ?? 0),
    onTime: Number(handed?.onTime ?? 0),
    ready: Number(ready?.ready ?? 0),
    within48h: Number(ready?.within48h ?? 0),
    delayedOpen: Number(delayed?.n ?? 0),
  };
}

// ---- checklists ----

export async function insertChecklist(db: DbHandle, rows: ChecklistItemRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(deliveryChecklistItems).values(rows).onConflictDoNothing();
}

export function listChecklist(db: DbHandle, deliveryId: string): Promise<ChecklistItemRow[]> {
  return db
    .select()
    .from(deliveryChecklistItems)
    .where(eq(deliveryChecklistItems.deliveryId, deliveryId))
    .orderBy(asc(deliveryChecklistItems.kind), asc(deliveryChecklistItems.id));
}

export async function signChecklistItem(
  db: DbHandle,
  deliveryId: string,
  kind: ChecklistKind,
  code: string,
  set: { signedBy: string; signedAt: Date; note: string | null },
): Promise<ChecklistItemRow | undefined> {
  const [row] = await db
    .update(deliveryChecklistItems)
    .set(set)
    .where(
      and(
        eq(deliveryChecklistItems.deliveryId, deliveryId),
        eq(deliveryChecklistItems.kind, kind),
        eq(deliveryChecklistItems.code, code),
      ),
    )
    .returning();
  return row;
}

// ---- tracking ----

/** Records a carrier event once; returns false for a repeat of the same (carrier, event id). */
export async function insertTrackingEvent(db: DbHandle, row: TrackingEventRow): Promise<boolean> {
  const rows = await db
    .insert(deliveryTrackingEvents)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: deliveryTrackingEvents.id });
  return rows.length > 0;
}

/** The timeline in the order things happened, whatever order they arrived in. */
export function listTrackingEvents(db: DbHandle, deliveryId: string): Promise<TrackingEventRow[]> {
  return db
    .select()
    .from(deliveryTrackingEvents)
    .where(eq(deliveryTrackingEvents.deliveryId, deliveryId))
    .orderBy(asc(deliveryTrackingEvents.occurredAt), asc(deliveryTrackingEvents.id));
}
