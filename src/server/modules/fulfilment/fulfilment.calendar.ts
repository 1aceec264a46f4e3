import { isoWeekdayOf, localDatesBetween, SHANGHAI_OFFSET_MS, shanghaiInstant } from '../../kernel/clock.js';
import { encryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { getPublicStore, listCities, type TStore } from '../dealers/index.js';
import { advanceOrderDelivery, getOrderFacts, type OrdersEnv } from '../orders/index.js';
import type {
  TBookDeliveryRequest,
  TCreateClosureRequest,
  TCreateFeeRuleRequest,
  TDateRange,
  TDeliveryAddress,
  TDeliveryQuote,
  TFeeRule,
  TSlot,
  TSlotTemplates,
} from './fulfilment.contract.js';
import { type DeliveryMode, HANDOVER_ITEMS, PDI_ITEMS } from './fulfilment.enums.js';
import { FulfilmentEvents } from './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';
import type { ChecklistItemRow, DeliveryRow, FeeRuleRow, SlotRow } from './fulfilment.schema.js';

// The delivery calendar (slot templates, closures, generated slots), the fee rules and the buyer's booking.

const MAX_RANGE_DAYS = 62;

/** The local dates from..to inclusive (YYYY-MM-DD); refuses a reversed or too long range. */
export function datesIn(range: TDateRange): string[] {
  const dates = localDatesBetween(range.from, range.to, MAX_RANGE_DAYS);
  if (!dates) throw new AppError('DELIVERY_RANGE_INVALID');
  return dates;
}

/** Dealer staff manage only their own dealer's stores; others get 404 as if the store did not exist. */
async function storeInScope(db: DbHandle, storeId: string, mutation: Mutation): Promise<TStore> {
  const store = await getPublicStore(db, storeId);
  const actor = mutation.actor;
  if (actor?.kind === 'staff' && actor.dealerId !== null && actor.dealerId !== store.dealer.id) {
    throw new AppError('STORE_NOT_FOUND');
  }
  return store;
}

export async function getCalendar(db: DbHandle, storeId: string, mutation: Mutation) {
  await storeInScope(db, storeId, mutation);
  const [templates, closures] = await Promise.all([
    repo.listTemplates(db, storeId),
    repo.listClosures(db, storeId),
  ]);
  return {
    templates: templates.map((t) => ({
      weekday: t.weekday,
      startTime: t.startTime,
      endTime: t.endTime,
      capacity: t.capacity,
    })),
    closures: closures.map((c) => ({ id: c.id, date: c.date, reason: c.reason })),
  };
}

/** Replaces a store's weekly templates; slots already generated keep their capacity. */
export function replaceSlotTemplates(
  db: DbHandle,
  storeId: string,
  input: TSlotTemplates,
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    await storeInScope(tx, storeId, mutation);
    const before = await repo.listTemplates(tx, storeId);
    const rows = input.templates.map((t) => ({
      id: newId('dst'),
      storeId,
      weekday: t.weekday,
      startTime: t.startTime,
      endTime: t.endTime,
      capacity: t.capacity,
      createdAt: mutation.at,
    }));
    const keys = new Set(rows.map((r) => `${r.weekday}|${r.startTime}`));
    if (keys.size !== rows.length) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'templates', message: 'two templates start at the same weekday and time' }],
      });
    }
    await repo.replaceTemplates(tx, storeId, rows);
    await audit(tx, mutation, {
      action: 'delivery_calendar.update',
      entityType: 'delivery_calendar',
      entityId: storeId,
      before: before.map(({ weekday, startTime, endTime, capacity }) => ({
        weekday,
        startTime,
        endTime,
        capacity,
      })),
      after: input.templates,
    });
    return getCalendar(tx, storeId, mutation);
  });
}

/** A closed day: no slots are generated on it and its unbooked slots go away. */
export function addClosure(db: DbHandle, storeId: string, input: TCreateClosureRequest, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    await storeInScope(tx, storeId, mutation);
    const row = await repo.insertClosure(tx, {
      id: newId('dcl'),
      storeId,
      date: input.date,
      reason: input.reason,
      createdAt: mutation.at,
    });
    await repo.deleteUnbookedSlotsOn(tx, storeId, [input.date]);
    await audit(tx, mutation, {
      action: 'delivery_closure.create',
      entityType: 'delivery_calendar',
      entityId: storeId,
      after: { date: row.date, reason: row.reason },
    });
    return { id: row.id, date: row.date, reason: row.reason };
  });
}

export function removeClosure(db: DbHandle, storeId: string, closureId: string, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    await storeInScope(tx, storeId, mutation);
    const row = await repo.deleteClosure(tx, storeId, closureId);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(tx, mutation, {
      action: 'delivery_closure.delete',
      entityType: 'delivery_calendar',
      entityId: storeId,
      before: { date: row.date, reason: row.reason },
    });
  });
}

/** Creates the bookable slots of a date range from the templates, skipping closed days; repeatable. */
export async function generateSlots(
  db: DbHandle,
  storeId: string,
  range: TDateRange,
  mutation: Mutation,
): Promise<{ created: number; removed: number }> {
  const dates = datesIn(range);
  return withTransaction(db, async (tx) => {
    await storeInScope(tx, storeId, mutation);
    const [templates, closures] = await Promise.all([
      repo.listTemplates(tx, storeId),
      repo.listClosures(tx, storeId),
    ]);
    const closed = new Set(closures.map((c) => c.date));
    const rows: SlotRow[] = [];
    for (const date of dates) {
      if (closed.has(date)) continue;
      const wd = isoWeekdayOf(date);
      for (const t of templates) {
        if (t.weekday !== wd) continue;
        rows.push({
          id: newId('dsl'),
          storeId,
          date,
          startsAt: shanghaiInstant(date, t.startTime),
          endsAt: shanghaiInstant(date, t.endTime),
          capacity: t.capacity,
          booked: 0,
        });
      }
    }
    const created = await repo.insertSlots(tx, rows);
    const removed = await repo.deleteUnbookedSlotsOn(
      tx,
      storeId,
      dates.filter((d) => closed.has(d)),
    );
    return { created, removed };
  });
}

export function toSlot(row: SlotRow): TSlot {
  return {
    id: row.id,
    storeId: row.storeId,
    date: row.date,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    capacity: row.capacity,
    booked: row.booked,
    available: row.capacity - row.booked,
  };
}

/** Staff: every slot of the range with its bookings. */
export async function listStoreSlots(db: DbHandle, storeId: string, range: TDateRange, mutation: Mutation) {
  datesIn(range);
  await storeInScope(db, storeId, mutation);
  return (await repo.listSlots(db, storeId, range.from, range.to)).map(toSlot);
}

// ---- fee rules ----

export function toFeeRule(r: FeeRuleRow): TFeeRule {
  return {
    id: r.id,
    kind: r.kind,
    fromCityCode: r.fromCityCode,
    toCityCode: r.toCityCode,
    feeFen: r.feeFen,
    perKmFen: r.perKmFen,
    active: r.active,
  };
}

export async function listFeeRules(db: DbHandle): Promise<TFeeRule[]> {
  return (await repo.listFeeRules(db)).map(toFeeRule);
}

export function createFeeRule(db: DbHandle, input: TCreateFeeRuleRequest, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    const s = staffOf(mutation);
    // Fee rules are the platform's: dealer staff see them but do not set them.
    if (s.dealerId !== null) throw new AppError('FORBIDDEN');
    const row: FeeRuleRow = { id: newId('dfr'), ...input, active: true, createdAt: mutation.at };
    await repo.insertFeeRule(tx, row);
    await audit(tx, mutation, {
      action: 'delivery_fee_rule.create',
      entityType: 'delivery_fee_rule',
      entityId: row.id,
      after: row,
    });
    return toFeeRule(row);
  });
}

export function deactivateFeeRule(db: DbHandle, id: string, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    const s = staffOf(mutation);
    if (s.dealerId !== null) throw new AppError('FORBIDDEN');
    const row = await repo.deactivateFeeRule(tx, id);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(tx, mutation, {
      action: 'delivery_fee_rule.deactivate',
      entityType: 'delivery_fee_rule',
      entityId: id,
      after: row,
    });
    return toFeeRule(row);
  });
}

/** Great-circle distance in km, times 1.25 for roads (a straight line undercounts every real route). */
export function roadKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return Math.ceil(2 * 6371 * Math.asin(Math.sqrt(h)) * 1.25);
}

/**
 * The fee of a home delivery from the store's city to the buyer's: a city-pair rule (either direction)
 * first, then the same-city rule, then base + per km; no matching rule means the city is not served.
 */
export function priceDelivery(
  rules: FeeRuleRow[],
  fromCity: string,
  toCity: string,
  distanceKm: number,
): { feeFen: number; basis: string } {
  const active = rules.filter((r) => r.active);
  const pair = active.find(
    (r) =>
      r.kind === 'city_pair' &&
      ((r.fromCityCode === fromCity && r.toCityCode === toCity) ||
        (r.fromCityCode === toCity && r.toCityCode === fromCity)),
  );
  if (pair) return { feeFen: pair.feeFen, basis: 'city_pair' };
  if (fromCity === toCity) {
    const same = active.find(
      (r) => r.kind === 'same_city' && (r.fromCityCode === null || r.fromCityCode === fromCity),
    );
    if (same) return { feeFen: same.feeFen, basis: 'same_city' };
  } else {
    const perKm = active.find(
      (r) => r.kind === 'per_km' && (r.fromCityCode === null || r.fromCityCode === fromCity),
    );
    if (perKm) return { feeFen: perKm.feeFen + perKm.perKmFen * distanceKm, basis: 'per_km' };
  }
  throw new AppError('DELIVERY_NOT_OFFERED', { fromCityCode: fromCity, toCityCode: toCity });
}

/** The store that hands the car over: the order's store, else where its unit stands. */
function deliveringStoreId(facts: { storeId: string | null; unitStoreId: string | null }): string {
  const id = facts.storeId ?? facts.unitStoreId;
  if (!id) throw new AppError('DELIVERY_ORDER_NOT_READY');
  return id;
}

async function buyerOrder(db: DbHandle, orderId: string, mutation: Mutation) {
  const facts = await getOrderFacts(db, orderId);
  const a = mutation.actor;
  if (a?.kind === 'buyer' && a.buyerId !== facts.buyerUserId) throw new AppError('ORDER_NOT_FOUND');
  if (a?.kind === 'staff' && a.dealerId !== null && a.dealerId !== facts.dealerId)
    throw new AppError('ORDER_NOT_FOUND');
  return facts;
}

async function quoteFor(db: DbHandle, store: TStore, mode: DeliveryMode, cityCode: string | undefined) {
  const from = { latitude: store.latitude, longitude: store.longitude };
  if (mode === 'pickup') {
    return { from, to: from, toCity: store.city.code, distanceKm: 0, feeFen: 0, basis: 'pickup' };
  }
  if (!cityCode) throw new AppError('DELIVERY_ADDRESS_REQUIRED');
  const city = (await listCities(db)).find((c) => c.code === cityCode);
  if (!city) throw new AppError('DELIVERY_CITY_UNKNOWN');
  const to = { latitude: city.latitude, longitude: city.longitude };
  const distanceKm = store.city.code === city.code ? 0 : roadKm(from, to);
  const price = priceDelivery(await repo.listFeeRules(db), store.city.code, city.code, distanceKm);
  return { from, to, toCity: city.code, distanceKm, ...price };
}

/** What delivery would cost, shown to the buyer before they confirm. */
export async function quoteDelivery(
  db: DbHandle,
  orderId: string,
  query: { mode: DeliveryMode; cityCode?: string | undefined },
  mutation: Mutation,
): Promise<TDeliveryQuote> {
  const facts = await buyerOrder(db, orderId, mutation);
  const store = await getPublicStore(db, deliveringStoreId(facts));
  const q = await quoteFor(db, store, query.mode, query.cityCode);
  return {
    mode: query.mode,
    storeId: store.id,
    fromCityCode: store.city.code,
    toCityCode: q.toCity,
    distanceKm: q.distanceKm,
    feeFen: q.feeFen,
    basis: q.basis,
  };
}

/** The buyer's view: bookable slots (not started, not full) of the delivering store. */
export async function listBookableSlots(
  db: DbHandle,
  orderId: string,
  range: TDateRange,
  mutation: Mutation,
) {
  datesIn(range);
  const facts = await buyerOrder(db, orderId, mutation);
  const rows = await repo.listSlots(db, deliveringStoreId(facts), range.from, range.to);
  return rows.filter((r) => r.booked < r.capacity && r.startsAt > mutation.at).map(toSlot);
}

/** '2026-12-10 10:00-12:00' in Shanghai time, for the timeline and the SMS. */
export function slotLabel(slot: { startsAt: Date; endsAt: Date }): string {
  const local = (d: Date) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  const s = local(slot.startsAt);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}-${local(slot.endsAt).slice(11, 16)}`;
}

function maskStreet(street: string): string {
  return street.length <= 6 ? `${street.slice(0, 2)}****` : `${street.slice(0, 6)}****`;
}

function initialChecklist(deliveryId: string): ChecklistItemRow[] {
  const item = (kind: 'pdi' | 'handover', code: string): ChecklistItemRow => ({
    id: newId('dci'),
    deliveryId,
    kind,
    code,
    signedBy: null,
    signedAt: null,
    note: null,
  });
  return [...PDI_ITEMS.map((c) => item('pdi', c)), ...HANDOVER_ITEMS.map((c) => item('handover', c))];
}

/**
 * The buyer books home delivery or pickup in a slot (or moves an existing booking): the slot is taken with one
 * conditional update, the old one is freed, and the order moves to delivery_scheduled, all in one transaction.
 */
export function bookDelivery(
  db: DbHandle,
  orderId: string,
  input: TBookDeliveryRequest,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<DeliveryRow> {
  return withTransaction(db, async (tx) => {
    const facts = await buyerOrder(tx, orderId, mutation);
    if (facts.status !== 'ready_for_delivery' && facts.status !== 'delivery_scheduled') {
      throw new AppError('DELIVERY_ORDER_NOT_READY', { status: facts.status });
    }
    await repo.lockOrderBooking(tx, orderId);
    const existing = await repo.lockDeliveryByOrder(tx, orderId);
    if (existing && existing.status !== 'scheduled') {
      throw new AppError('DELIVERY_ORDER_NOT_READY', { status: existing.status });
    }
    const store = await getPublicStore(tx, deliveringStoreId(facts));
    const address: TDeliveryAddress | undefined = input.mode === 'home' ? input.address : undefined;
    if (input.mode === 'home' && !address) throw new AppError('DELIVERY_ADDRESS_REQUIRED');
    const q = await quoteFor(tx, store, input.mode, address?.cityCode);
    if (input.expectedFeeFen !== undefined && input.expectedFeeFen !== q.feeFen) {
      throw new AppError('DELIVERY_FEE_CHANGED', { expectedFeeFen: input.expectedFeeFen, feeFen: q.feeFen });
    }
    const sameSlot = existing?.slotId === input.slotId;
    let slot: SlotRow | undefined;
    if (sameSlot) {
      slot = await repo.findSlot(tx, input.slotId);
    } else {
      slot = await repo.takeSlot(tx, input.slotId, store.id, mutation.at);
      if (!slot) {
        const found = await repo.findSlot(tx, input.slotId);
        if (!found) throw new AppError('DELIVERY_SLOT_NOT_FOUND');
        if (found.storeId !== store.id || found.startsAt <= mutation.at)
          throw new AppError('DELIVERY_SLOT_UNAVAILABLE');
        throw new AppError('DELIVERY_SLOT_FULL');
      }
      if (existing) await repo.releaseSlot(tx, existing.slotId);
    }
    if (!slot) throw new AppError('DELIVERY_SLOT_NOT_FOUND');
    const where = {
      mode: input.mode,
      slotId: slot.id,
      slotStartsAt: slot.startsAt,
      slotEndsAt: slot.endsAt,
      addressEnc: address ? encryptPersonal(env, JSON.stringify(address)) : null,
      addressMasked: address ? `${address.province}${address.district}${maskStreet(address.street)}` : null,
      province: address?.province ?? null,
      cityCode: q.toCity,
      district: address?.district ?? store.district,
      originLat: q.from.latitude,
      originLng: q.from.longitude,
      destLat: q.to.latitude,
      destLng: q.to.longitude,
      distanceKm: q.distanceKm,
      feeFen: q.feeFen,
      // A new slot is a new promise: the delay alert starts over.
      delayAlertedAt: null,
      updatedAt: mutation.at,
    };
    let row: DeliveryRow;
    if (existing) {
      row = await repo.updateDelivery(tx, existing.id, {
        ...where,
        ...(input.mode === 'pickup' ? { carrier: null, trackingNumber: null } : {}),
      });
    } else {
      row = await repo.insertDelivery(tx, {
        id: newId('dlv'),
        orderId,
        orderNumber: facts.orderNumber,
        buyerId: facts.buyerUserId,
        dealerId: facts.dealerId,
        storeId: store.id,
        status: 'scheduled',
        readyAt: facts.readyAt ?? mutation.at,
        createdAt: mutation.at,
        ...where,
      });
      await repo.insertChecklist(tx, initialChecklist(row.id));
    }
    await audit(tx, mutation, {
      action: existing ? 'delivery.reschedule' : 'delivery.schedule',
      entityType: 'delivery',
      entityId: row.id,
      before: existing ? { mode: existing.mode, slotId: existing.slotId, feeFen: existing.feeFen } : null,
      after: { mode: row.mode, slotId: row.slotId, feeFen: row.feeFen, cityCode: row.cityCode },
    });
    await publish(
      tx,
      FulfilmentEvents.deliveryScheduled,
      row.id,
      { deliveryId: row.id, orderId, slotId: slot.id, rescheduled: existing !== null },
      mutation.at,
    );
    const slotText = slotLabel(slot);
    await advanceOrderDelivery(
      tx,
      {
        orderId,
        action: 'schedule_delivery',
        note: {
          zh: `${input.mode === 'home' ? '送车上门' : '到店提车'}：${slotText}`,
          en: `${input.mode === 'home' ? 'Home delivery' : 'Store pickup'}: ${slotText}`,
        },
        params: { slot: slotText },
      },
      mutation,
      env,
    );
    return row;
  });
}
