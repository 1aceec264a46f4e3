import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import {
  isoWeekdayOf,
  localDatesBetween,
  SHANGHAI_OFFSET_MS,
  shanghaiDay,
  shanghaiInstant,
} from '../../kernel/clock.js';
import { decryptPersonal, encryptPersonal, keyedHash, safeEqual } from '../../kernel/crypto.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf, systemMutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { trimsWithSeriesAndBrand } from '../catalog/index.js';
import { maskMainlandPhone } from '../crm/index.js';
import { getPublicStore, listCities, listPortalStores, type TStore } from '../dealers/index.js';
import { activeStaffIdsOfDealer } from '../identity/index.js';
import { findAdvisor, pickAdvisor } from '../leads/index.js';
import type {
  TBookingOptions,
  TBookTestdriveRequest,
  TCalendar,
  TCheckInRequest,
  TCreateTestdriveVehicle,
  TDateRange,
  TFreeSlotsQuery,
  TMyTestdriveBooking,
  TSlot,
  TTestdriveBooking,
  TTestdriveSettingsInput,
  TTestdriveStoreSetup,
  TTestdriveTemplate,
  TTestdriveVehicle,
} from './testdrives.contract.js';
import { ZBookTestdriveRequest } from './testdrives.contract.js';
import type { TestdriveBookingStatus, TestdriveVehicleStatus } from './testdrives.enums.js';
import { TestdrivesEvents } from './testdrives.events.js';
import { testdriveBookingMachine } from './testdrives.machine.js';
import * as repo from './testdrives.repository.js';
import type { BookingRow, SettingsRow, SlotRow, VehicleRow } from './testdrives.schema.js';

// Test drives: store settings and weekly windows, generated slots, test-drive cars, the buyer's booking (slot
// place taken by one conditional update, one car never promised twice at a time), reminders, check-in with the
// driving licence, outcome, feedback.

export type TestdrivesEnv = Pick<Config, 'dataEncryptionKey' | 'sessionSecret'>;

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 62;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// ---- time helpers ----

export function datesIn(range: TDateRange): string[] {
  const dates = localDatesBetween(range.from, range.to, MAX_RANGE_DAYS);
  if (!dates) throw new AppError('TESTDRIVE_RANGE_INVALID');
  return dates;
}

function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function hmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** '2026-12-10 10:00' in Shanghai time, for SMS and lists. */
export function localLabel(at: Date): string {
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

// ---- scope ----

function dealerScope(mutation: Mutation): string | null {
  const a = mutation.actor;
  return a?.kind === 'staff' ? a.dealerId : null;
}

/** Dealer staff manage only their own dealer's stores; others get 404 as if the store did not exist. */
async function storeInScope(db: DbHandle, storeId: string, mutation: Mutation): Promise<TStore> {
  const store = await getPublicStore(db, storeId);
  const dealerId = dealerScope(mutation);
  if (dealerId !== null && dealerId !== store.dealer.id) throw new AppError('STORE_NOT_FOUND');
  return store;
}

async function settingsOf(db: DbHandle, storeId: string): Promise<SettingsRow> {
  const s = await repo.findSettings(db, storeId);
  if (!s) throw new AppError('TESTDRIVE_STORE_NOT_OFFERED');
  return s;
}

// ---- store setup ----

async function setupOf(db: DbHandle, store: TStore): Promise<TTestdriveStoreSetup> {
  const [settings, templates, closures] = await Promise.all([
    repo.findSettings(db, store.id),
    repo.listTemplates(db, store.id),
    repo.listClosures(db, store.id),
  ]);
  return {
    storeId: store.id,
    storeName: store.name,
    settings: settings
      ? {
          slotMinutes: settings.slotMinutes,
          capacity: settings.capacity,
          horizonDays: settings.horizonDays,
          cutoffMinutes: settings.cutoffMinutes,
          noShowAfterMinutes: settings.noShowAfterMinutes,
        }
      : null,
    templates: templates.map((t) => ({ weekday: t.weekday, startTime: t.startTime, endTime: t.endTime })),
    closures: closures.map((c) => ({ id: c.id, date: c.date, reason: c.reason })),
  };
}

export async function getStoreSetup(db: DbHandle, storeId: string, mutation: Mutation) {
  return setupOf(db, await storeInScope(db, storeId, mutation));
}

/** The stores a staff member can set up: a dealer's own stores; platform staff every store that has settings. */
export async function listStoreSetups(db: DbHandle, mutation: Mutation): Promise<TTestdriveStoreSetup[]> {
  const s = staffOf(mutation);
  const stores =
    s.dealerId !== null
      ? (await listPortalStores(db, s)).filter((st) => st.status === 'active')
      : await Promise.all((await repo.listSettings(db)).map((row) => getPublicStore(db, row.storeId)));
  return Promise.all(stores.map((st) => setupOf(db, st)));
}

export function saveSettings(
  db: DbHandle,
  storeId: string,
  input: TTestdriveSettingsInput,
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const store = await storeInScope(tx, storeId, mutation);
    const before = await repo.findSettings(tx, storeId);
    await repo.upsertSettings(tx, { storeId, dealerId: store.dealer.id, ...input, updatedAt: mutation.at });
    await audit(tx, mutation, {
      action: 'testdrive_settings.update',
      entityType: 'testdrive_settings',
      entityId: storeId,
      before: before ?? null,
      after: input,
    });
    return setupOf(tx, store);
  });
}

/** Weekly windows must lie inside the store's opening hours of their weekday. */
function checkWithinHours(store: TStore, t: TTestdriveTemplate): void {
  const key = WEEKDAY_KEYS[t.weekday - 1];
  const ranges = key ? store.openingHours[key] : [];
  if (!ranges.some(([open, close]) => open <= t.startTime && t.endTime <= close)) {
    throw new AppError('TESTDRIVE_TEMPLATE_OUTSIDE_HOURS', { weekday: t.weekday, startTime: t.startTime });
  }
}

export function replaceTemplates(
  db: DbHandle,
  storeId: string,
  templates: TTestdriveTemplate[],
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const store = await storeInScope(tx, storeId, mutation);
    for (const t of templates) checkWithinHours(store, t);
    const before = await repo.listTemplates(tx, storeId);
    await repo.replaceTemplates(
      tx,
      storeId,
      templates.map((t) => ({ id: newId('tdt'), storeId, ...t })),
    );
    await audit(tx, mutation, {
      action: 'testdrive_templates.update',
      entityType: 'testdrive_settings',
      entityId: storeId,
      before: before.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })),
      after: templates,
    });
    return setupOf(tx, store);
  });
}

export function addClosure(
  db: DbHandle,
  storeId: string,
  input: { date: string; reason: string },
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const store = await storeInScope(tx, storeId, mutation);
    await repo.insertClosure(tx, { id: newId('tdc'), storeId, ...input, createdAt: mutation.at });
    await repo.deleteUnbookedSlotsOn(tx, storeId, [input.date]);
    await audit(tx, mutation, {
      action: 'testdrive_closure.create',
      entityType: 'testdrive_settings',
      entityId: storeId,
      after: input,
    });
    return setupOf(tx, store);
  });
}

export function removeClosure(db: DbHandle, storeId: string, closureId: string, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    const store = await storeInScope(tx, storeId, mutation);
    const row = await repo.deleteClosure(tx, storeId, closureId);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(tx, mutation, {
      action: 'testdrive_closure.delete',
      entityType: 'testdrive_settings',
      entityId: storeId,
      before: { date: row.date, reason: row.reason },
    });
    return setupOf(tx, store);
  });
}

/**
 * Creates the slots of a date range from the weekly windows cut into slot-length pieces, skipping closed days
 * and any piece that would run past the window; repeatable (existing slots are kept).
 */
export async function generateSlots(
  db: DbHandle,
  storeId: string,
  range: TDateRange,
): Promise<{ created: number; removed: number }> {
  const dates = datesIn(range);
  return withTransaction(db, async (tx) => {
    const settings = await settingsOf(tx, storeId);
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
        const end = minutesOf(t.endTime);
        for (let m = minutesOf(t.startTime); m + settings.slotMinutes <= end; m += settings.slotMinutes) {
          rows.push({
            id: newId('tds'),
            storeId,
            date,
            startsAt: shanghaiInstant(date, hmOf(m)),
            endsAt: shanghaiInstant(date, hmOf(m + settings.slotMinutes)),
            capacity: settings.capacity,
            booked: 0,
          });
        }
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

/** The daily job: every store with settings gets its booking horizon of slots. */
export async function generateUpcomingSlots(db: DbHandle, now: Date): Promise<number> {
  const today = shanghaiDay(now);
  let created = 0;
  for (const s of await repo.listSettings(db)) {
    const to = addDays(today, Math.min(s.horizonDays, MAX_RANGE_DAYS - 1));
    created += (await generateSlots(db, s.storeId, { from: today, to })).created;
  }
  return created;
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

// ---- vehicles ----

export function toVehicle(row: VehicleRow): TTestdriveVehicle {
  return {
    id: row.id,
    dealerId: row.dealerId,
    storeId: row.storeId,
    brandId: row.brandId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    title: row.title,
    colour: row.colour,
    plate: row.plate,
    vin: row.vin,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listVehicles(db: DbHandle, storeId: string | undefined, mutation: Mutation) {
  const dealerId = dealerScope(mutation) ?? undefined;
  return (await repo.listVehicles(db, { dealerId, storeId })).map(toVehicle);
}

function normalisePlate(plate: string): string {
  return plate
    .replace('·', '')
    .toUpperCase()
    .replace(/^(.)([A-Z])/, '$1$2·');
}

export function createVehicle(db: DbHandle, input: TCreateTestdriveVehicle, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    const store = await storeInScope(tx, input.storeId, mutation);
    const [trim] = await trimsWithSeriesAndBrand(tx, [input.trimId]);
    if (!trim) throw new AppError('TESTDRIVE_VEHICLE_NOT_FOUND', { trimId: input.trimId });
    const plate = normalisePlate(input.plate);
    if (await repo.findVehicleByPlate(tx, plate)) throw new AppError('TESTDRIVE_PLATE_TAKEN');
    const row: VehicleRow = {
      id: newId('tdv'),
      dealerId: store.dealer.id,
      storeId: store.id,
      brandId: trim.brand.id,
      seriesId: trim.series.id,
      trimId: trim.trim.id,
      title: `${trim.brand.name} ${trim.series.name} ${trim.trim.modelYear}款 ${trim.trim.name}`,
      colour: input.colour,
      plate,
      vin: input.vin,
      status: 'active',
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await repo.insertVehicle(tx, row);
    await audit(tx, mutation, {
      action: 'testdrive_vehicle.create',
      entityType: 'testdrive_vehicle',
      entityId: row.id,
      after: row,
    });
    return toVehicle(row);
  });
}

export function updateVehicle(
  db: DbHandle,
  id: string,
  input: {
    colour?: string | undefined;
    plate?: string | undefined;
    status?: TestdriveVehicleStatus | undefined;
  },
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const before = await repo.findVehicle(tx, id);
    const scope = dealerScope(mutation);
    if (!before || (scope !== null && scope !== before.dealerId)) {
      throw new AppError('TESTDRIVE_VEHICLE_NOT_FOUND');
    }
    const plate = input.plate ? normalisePlate(input.plate) : undefined;
    if (plate && plate !== before.plate && (await repo.findVehicleByPlate(tx, plate))) {
      throw new AppError('TESTDRIVE_PLATE_TAKEN');
    }
    const after = await repo.updateVehicle(tx, id, {
      ...(input.colour ? { colour: input.colour } : {}),
      ...(plate ? { plate } : {}),
      ...(input.status ? { status: input.status } : {}),
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'testdrive_vehicle.update',
      entityType: 'testdrive_vehicle',
      entityId: id,
      before,
      after,
    });
    return toVehicle(after ?? before);
  });
}

// ---- buyer: options and free slots ----

function km(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)) * 10) / 10;
}

/**
 * Stores offering a test drive of the series (an active test-drive car of it and test-drive settings), in the
 * buyer's city when given, nearest first: from the browser's position, else from the city centre.
 */
export async function bookingOptions(
  db: DbHandle,
  query: {
    seriesId: string;
    cityCode?: string | undefined;
    latitude?: number | undefined;
    longitude?: number | undefined;
  },
): Promise<TBookingOptions> {
  const vehicles = await repo.listVehicles(db, { seriesId: query.seriesId, activeOnly: true });
  const byStore = new Map<string, VehicleRow[]>();
  for (const v of vehicles) byStore.set(v.storeId, [...(byStore.get(v.storeId) ?? []), v]);
  const city = query.cityCode ? (await listCities(db)).find((c) => c.code === query.cityCode) : undefined;
  const origin =
    query.latitude !== undefined && query.longitude !== undefined
      ? { latitude: query.latitude, longitude: query.longitude }
      : city
        ? { latitude: city.latitude, longitude: city.longitude }
        : null;
  const stores = [];
  for (const [storeId, vs] of byStore) {
    if (!(await repo.findSettings(db, storeId))) continue;
    let store: TStore;
    try {
      store = await getPublicStore(db, storeId);
    } catch {
      continue; // a closed store offers nothing
    }
    if (query.cityCode && store.city.code !== query.cityCode) continue;
    const seen = new Set<string>();
    stores.push({
      storeId,
      storeName: store.name,
      dealerName: store.dealer.name,
      address: store.address,
      cityCode: store.city.code,
      distanceKm: origin ? km(origin, store) : 0,
      vehicles: vs
        .filter((v) => {
          const k = `${v.trimId}|${v.colour}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        })
        .map((v) => ({ trimId: v.trimId, title: v.title, colour: v.colour })),
    });
  }
  stores.sort((a, b) => a.distanceKm - b.distanceKm || a.storeId.localeCompare(b.storeId));
  return { seriesId: query.seriesId, cityCode: query.cityCode ?? null, stores };
}

function matchingVehicles(
  vehicles: VehicleRow[],
  want: { seriesId: string; trimId?: string | null | undefined; colour?: string | null | undefined },
): VehicleRow[] {
  return vehicles.filter(
    (v) =>
      v.status === 'active' &&
      v.seriesId === want.seriesId &&
      (!want.trimId || v.trimId === want.trimId) &&
      (!want.colour || v.colour === want.colour),
  );
}

/** Slots of the store with a free place and a free matching car, not yet started. */
export async function freeSlots(db: DbHandle, query: TFreeSlotsQuery, now: Date): Promise<TSlot[]> {
  datesIn(query);
  await settingsOf(db, query.storeId);
  const cars = matchingVehicles(await repo.listVehicles(db, { storeId: query.storeId }), query);
  if (cars.length === 0) return [];
  const slots = (await repo.listSlots(db, query.storeId, query.from, query.to)).filter(
    (s) => s.booked < s.capacity && s.startsAt > now,
  );
  const busy = await repo.vehiclesBusyAt(
    db,
    cars.map((c) => c.id),
    slots.map((s) => s.startsAt),
  );
  const busyCount = new Map<number, number>();
  for (const b of busy) busyCount.set(b.startsAt.getTime(), (busyCount.get(b.startsAt.getTime()) ?? 0) + 1);
  return slots.filter((s) => (busyCount.get(s.startsAt.getTime()) ?? 0) < cars.length).map(toSlot);
}

// ---- booking ----

/** Takes a place in the slot and a free matching car at its time, in the caller's transaction. */
async function takeSlotAndCar(
  tx: Tx,
  storeId: string,
  slotId: string,
  want: { seriesId: string; trimId: string | null; colour: string | null; preferVehicleId?: string },
  at: Date,
  exceptBookingId?: string,
): Promise<{ slot: SlotRow; car: VehicleRow }> {
  const slot = await repo.takeSlot(tx, slotId, storeId, at);
  if (!slot) {
    const found = await repo.findSlot(tx, slotId);
    if (!found || found.storeId !== storeId) throw new AppError('TESTDRIVE_SLOT_NOT_FOUND');
    if (found.startsAt <= at) throw new AppError('TESTDRIVE_SLOT_PAST');
    throw new AppError('TESTDRIVE_SLOT_FULL');
  }
  // The slot row stays locked by our update until commit, so concurrent bookings of this time queue here
  // and each sees the cars the ones before it took.
  const cars = matchingVehicles(await repo.listVehicles(tx, { storeId }), want);
  const busy = new Set(
    (
      await repo.vehiclesBusyAt(
        tx,
        cars.map((c) => c.id),
        [slot.startsAt],
        exceptBookingId,
      )
    ).map((b) => b.vehicleId),
  );
  const free = cars.filter((c) => !busy.has(c.id));
  const car = free.find((c) => c.id === want.preferVehicleId) ?? free[0];
  if (!car) throw new AppError('TESTDRIVE_VEHICLE_UNAVAILABLE');
  return { slot, car };
}

function bookingNumber(at: Date): string {
  const day = shanghaiDay(at).replaceAll('-', '');
  return `TD${day}${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, '0')}`;
}

async function storeStaffRecipients(tx: Tx, dealerId: string, advisorId: string | null) {
  const ids = new Set(await activeStaffIdsOfDealer(tx, dealerId));
  if (advisorId) ids.add(advisorId);
  return [...ids];
}

export async function bookTestdrive(
  db: DbHandle,
  raw: TBookTestdriveRequest,
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TTestdriveBooking> {
  const input = ZBookTestdriveRequest.parse(raw);
  const actor = mutation.actor;
  if (actor?.kind !== 'buyer') throw new AppError('FORBIDDEN');
  return withTransaction(db, async (tx) => {
    const store = await getPublicStore(tx, input.storeId);
    await settingsOf(tx, store.id);
    const { slot, car } = await takeSlotAndCar(tx, store.id, input.slotId, input, mutation.at);
    const advisor = await pickAdvisor(
      tx,
      { storeId: store.id, dealerId: store.dealer.id, cityCode: store.city.code, brandId: car.brandId },
      { onlineOnly: false, at: mutation.at },
    );
    const row = await repo.insertBooking(tx, {
      id: newId('tdb'),
      bookingNumber: bookingNumber(mutation.at),
      buyerId: actor.buyerId,
      name: input.name,
      phoneEnc: encryptPersonal(env, input.phone),
      phoneMasked: maskMainlandPhone(input.phone),
      dealerId: store.dealer.id,
      storeId: store.id,
      cityCode: store.city.code,
      brandId: car.brandId,
      seriesId: car.seriesId,
      trimId: input.trimId,
      listingId: input.listingId,
      colour: input.colour,
      vehicleId: car.id,
      vehicleTitle: `${car.title} ${car.colour}`,
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      advisorAccountId: advisor?.accountId ?? null,
      advisorName: advisor?.displayName ?? null,
      status: 'booked',
      source: input.source,
      consentToContact: input.consentToContact,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'testdrive_booking.create',
      entityType: 'testdrive_booking',
      entityId: row.id,
      after: { slotId: row.slotId, vehicleId: row.vehicleId, storeId: row.storeId, startsAt: row.startsAt },
    });
    await publish(
      tx,
      TestdrivesEvents.testdriveBooked,
      row.id,
      {
        testdriveId: row.id,
        buyerId: row.buyerId,
        name: row.name,
        phone: input.phone,
        brandId: row.brandId,
        seriesId: row.seriesId,
        trimId: row.trimId,
        listingId: row.listingId,
        colour: row.colour,
        dealerId: row.dealerId,
        storeId: row.storeId,
        cityCode: row.cityCode,
        startsAt: row.startsAt.toISOString(),
        advisorAccountId: row.advisorAccountId,
        source: row.source,
        consentToContact: row.consentToContact,
      },
      mutation.at,
    );
    const params = {
      store: store.name,
      address: store.address,
      time: localLabel(row.startsAt),
      vehicle: row.vehicleTitle,
      bookingNumber: row.bookingNumber,
      name: row.name,
      phone: row.phoneMasked,
    };
    await notify(tx, {
      recipient: { kind: 'buyer', id: row.buyerId, phone: input.phone },
      templateKey: 'testdrives.booked',
      params,
      channels: ['sms', 'in_app'],
      link: '/account/test-drives',
      at: mutation.at,
      dedupKey: `testdrive:${row.id}:booked`,
    });
    for (const id of await storeStaffRecipients(tx, row.dealerId, row.advisorAccountId)) {
      await notify(tx, {
        recipient: { kind: 'staff', id },
        templateKey: 'testdrives.store_booked',
        params,
        channels: ['in_app'],
        link: `/dealer/test-drives?storeId=${row.storeId}`,
        at: mutation.at,
        dedupKey: `testdrive:${row.id}:booked:${id}`,
      });
    }
    return toBooking(row, store.name, car.plate);
  });
}

// ---- reading ----

function changeableUntil(row: BookingRow, settings: SettingsRow | undefined): Date {
  return new Date(row.startsAt.getTime() - (settings?.cutoffMinutes ?? 120) * 60_000);
}

function toBooking(
  row: BookingRow,
  storeName: string,
  plate: string | null,
  settings?: SettingsRow,
): TTestdriveBooking {
  return {
    id: row.id,
    bookingNumber: row.bookingNumber,
    status: row.status,
    name: row.name,
    phoneMasked: row.phoneMasked,
    storeId: row.storeId,
    storeName,
    dealerId: row.dealerId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    colour: row.colour,
    vehicleId: row.vehicleId,
    vehicleTitle: row.vehicleTitle,
    vehiclePlate: plate,
    slotId: row.slotId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    advisorAccountId: row.advisorAccountId,
    advisorName: row.advisorName,
    licenceNumberMasked: row.licenceNumberMasked,
    licenceClass: row.licenceClass,
    licenceExpiresOn: row.licenceExpiresOn,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    changeableUntil: changeableUntil(row, settings).toISOString(),
    feedback:
      row.feedbackAt && row.feedbackRating !== null
        ? {
            rating: row.feedbackRating,
            wouldBuy: row.feedbackWouldBuy ?? false,
            comment: row.feedbackComment ?? '',
            at: row.feedbackAt.toISOString(),
          }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function present(db: DbHandle, row: BookingRow): Promise<TTestdriveBooking> {
  const [settings, car] = await Promise.all([
    repo.findSettings(db, row.storeId),
    repo.findVehicle(db, row.vehicleId),
  ]);
  let storeName = row.storeId;
  try {
    storeName = (await getPublicStore(db, row.storeId)).name;
  } catch {
    // a store closed since keeps its bookings readable
  }
  return toBooking(row, storeName, car?.plate ?? null, settings);
}

/** The signed check-in token the buyer's QR code carries: booking id + HMAC (cannot be guessed or altered). */
export function checkInToken(env: TestdrivesEnv, bookingId: string): string {
  return `${bookingId}.${keyedHash(env, 'testdrive-checkin', bookingId).slice(0, 24)}`;
}

function bookingIdOfToken(env: TestdrivesEnv, token: string): string | null {
  const [id, sig] = token.split('.');
  if (!id || !sig) return null;
  return safeEqual(checkInToken(env, id), token) ? id : null;
}

export async function myBookings(
  db: DbHandle,
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TMyTestdriveBooking[]> {
  const actor = mutation.actor;
  if (actor?.kind !== 'buyer') throw new AppError('FORBIDDEN');
  const rows = await repo.listBookingsOfBuyer(db, actor.buyerId);
  const out: TMyTestdriveBooking[] = [];
  for (const row of rows) {
    const token = row.status === 'booked' ? checkInToken(env, row.id) : null;
    out.push({
      ...(await present(db, row)),
      checkInToken: token,
      checkInQrSvg: token ? await QRCode.toString(token, { type: 'svg', margin: 1, width: 200 }) : null,
    });
  }
  return out;
}

async function buyerBooking(tx: Tx, id: string, mutation: Mutation): Promise<BookingRow> {
  const row = await repo.lockBooking(tx, id);
  const a = mutation.actor;
  if (!row) throw new AppError('TESTDRIVE_NOT_FOUND');
  if (a?.kind === 'buyer' && a.buyerId !== row.buyerId) throw new AppError('TESTDRIVE_NOT_FOUND');
  if (a?.kind === 'staff' && !a.permissions.has('testdrives.manage')) throw new AppError('FORBIDDEN');
  if (a?.kind === 'staff' && a.dealerId !== null && a.dealerId !== row.dealerId) {
    throw new AppError('TESTDRIVE_NOT_FOUND');
  }
  return row;
}

async function checkCutoff(tx: Tx, row: BookingRow, mutation: Mutation): Promise<void> {
  if (mutation.actor?.kind !== 'buyer') return; // staff may change a booking any time
  const limit = changeableUntil(row, await repo.findSettings(tx, row.storeId));
  if (mutation.at >= limit) {
    throw new AppError('TESTDRIVE_CUTOFF_PASSED', { changeableUntil: limit.toISOString() });
  }
}

async function statusChanged(
  tx: Tx,
  row: BookingRow,
  status: TestdriveBookingStatus,
  mutation: Mutation,
  env: TestdrivesEnv,
  notice?: {
    templateKey: 'testdrives.rescheduled' | 'testdrives.cancelled' | 'testdrives.feedback_request';
    sms: boolean;
  },
): Promise<void> {
  const phone = decryptPersonal(env, row.phoneEnc);
  await publish(
    tx,
    TestdrivesEvents.testdriveBookingStatusChanged,
    row.id,
    { testdriveId: row.id, buyerId: row.buyerId, phone, status, startsAt: row.startsAt.toISOString() },
    mutation.at,
  );
  if (!notice) return;
  const store = await getPublicStore(tx, row.storeId).catch(() => null);
  const params = {
    store: store?.name ?? '',
    time: localLabel(row.startsAt),
    vehicle: row.vehicleTitle,
    bookingNumber: row.bookingNumber,
    name: row.name,
    phone: row.phoneMasked,
  };
  await notify(tx, {
    recipient: { kind: 'buyer', id: row.buyerId, phone },
    templateKey: notice.templateKey,
    params,
    channels: notice.sms ? ['sms', 'in_app'] : ['in_app'],
    link:
      notice.templateKey === 'testdrives.feedback_request'
        ? `/account/test-drives?feedback=${row.id}`
        : '/account/test-drives',
    at: mutation.at,
    dedupKey: `testdrive:${row.id}:${notice.templateKey}:${row.updatedAt.getTime()}`,
  });
  if (notice.templateKey !== 'testdrives.feedback_request') {
    for (const id of await storeStaffRecipients(tx, row.dealerId, row.advisorAccountId)) {
      await notify(tx, {
        recipient: { kind: 'staff', id },
        templateKey:
          notice.templateKey === 'testdrives.cancelled'
            ? 'testdrives.store_cancelled'
            : 'testdrives.store_rescheduled',
        params,
        channels: ['in_app'],
        link: `/dealer/test-drives?storeId=${row.storeId}`,
        at: mutation.at,
        dedupKey: `testdrive:${row.id}:${notice.templateKey}:${row.updatedAt.getTime()}:${id}`,
      });
    }
  }
}

/** Moves a booking to another slot of its store (buyer until the cut-off; staff any time). */
export function rescheduleBooking(
  db: DbHandle,
  id: string,
  slotId: string,
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TTestdriveBooking> {
  return withTransaction(db, async (tx) => {
    const row = await buyerBooking(tx, id, mutation);
    if (row.status !== 'booked') {
      throw new AppError('INVALID_TRANSITION', {
        machine: 'testdrive_booking',
        from: row.status,
        action: 'reschedule',
      });
    }
    await checkCutoff(tx, row, mutation);
    if (slotId === row.slotId) return present(tx, row);
    const { slot, car } = await takeSlotAndCar(
      tx,
      row.storeId,
      slotId,
      { seriesId: row.seriesId, trimId: row.trimId, colour: row.colour, preferVehicleId: row.vehicleId },
      mutation.at,
      row.id,
    );
    await repo.releaseSlot(tx, row.slotId);
    const after = await repo.updateBooking(tx, row.id, {
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      vehicleId: car.id,
      vehicleTitle: `${car.title} ${car.colour}`,
      // A new time is a new promise: both reminders go out again.
      reminded24hAt: null,
      reminded2hAt: null,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'testdrive_booking.reschedule',
      entityType: 'testdrive_booking',
      entityId: row.id,
      before: { slotId: row.slotId, startsAt: row.startsAt },
      after: { slotId: after.slotId, startsAt: after.startsAt },
    });
    await statusChanged(tx, after, 'booked', mutation, env, {
      templateKey: 'testdrives.rescheduled',
      sms: true,
    });
    return present(tx, after);
  });
}

export function cancelBooking(
  db: DbHandle,
  id: string,
  reason: string | undefined,
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TTestdriveBooking> {
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, testdriveBookingMachine, id, 'cancel', mutation, async (row) => {
      await buyerBooking(tx, row.id, mutation);
      await checkCutoff(tx, row, mutation);
    });
    await repo.releaseSlot(tx, (await repo.findBooking(tx, id))?.slotId ?? '');
    const after = await repo.updateBooking(tx, id, { cancelReason: reason ?? null });
    await statusChanged(tx, after, 'cancelled', mutation, env, {
      templateKey: 'testdrives.cancelled',
      sms: true,
    });
    return present(tx, after);
  });
}

// ---- staff ----

export async function getCalendar(
  db: DbHandle,
  storeId: string,
  range: TDateRange,
  mutation: Mutation,
): Promise<TCalendar> {
  const dates = datesIn(range);
  await storeInScope(db, storeId, mutation);
  const settings = await repo.findSettings(db, storeId);
  const from = new Date(`${dates[0]}T00:00:00+08:00`);
  const to = new Date(new Date(`${dates[dates.length - 1]}T00:00:00+08:00`).getTime() + DAY_MS);
  const [slots, rows, cars] = await Promise.all([
    repo.listSlots(db, storeId, range.from, range.to),
    repo.listBookingsOfStore(db, storeId, from, to),
    repo.listVehicles(db, { storeId }),
  ]);
  const plate = new Map(cars.map((c) => [c.id, c.plate]));
  let storeName = storeId;
  try {
    storeName = (await getPublicStore(db, storeId)).name;
  } catch {}
  const shown = rows.filter((r) => r.status === 'completed' || r.status === 'checked_in').length;
  const missed = rows.filter((r) => r.status === 'no_show').length;
  return {
    storeId,
    slots: slots.map(toSlot),
    bookings: rows.map((r) => toBooking(r, storeName, plate.get(r.vehicleId) ?? null, settings)),
    showRate: shown + missed === 0 ? null : Math.round((shown / (shown + missed)) * 1000) / 1000,
  };
}

/** A valid mainland ID number (the licence number is the holder's ID number): format and check character. */
export function isValidLicenceNumber(raw: string): boolean {
  const id = raw.toUpperCase();
  if (!/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

/** `110105********002X`: region code and last four, as lists show it. */
export function maskLicenceNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** Staff check a buyer in by the QR token (or the booking number) and record the driving licence. */
export function checkIn(
  db: DbHandle,
  storeId: string,
  input: TCheckInRequest,
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TTestdriveBooking> {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    await storeInScope(tx, storeId, mutation);
    const byToken = input.code.includes('.') ? bookingIdOfToken(env, input.code) : null;
    if (input.code.includes('.') && !byToken) throw new AppError('TESTDRIVE_CHECKIN_INVALID');
    const found = byToken
      ? await repo.findBooking(tx, byToken)
      : await repo.findBookingByNumber(tx, input.code.toUpperCase());
    if (!found || found.storeId !== storeId) throw new AppError('TESTDRIVE_CHECKIN_INVALID');
    if (!isValidLicenceNumber(input.licenceNumber)) throw new AppError('TESTDRIVE_LICENCE_INVALID');
    if (input.licenceExpiresOn < shanghaiDay(mutation.at)) throw new AppError('TESTDRIVE_LICENCE_EXPIRED');
    await applyTransition(tx, testdriveBookingMachine, found.id, 'check_in', mutation);
    const after = await repo.updateBooking(tx, found.id, {
      licenceNumberEnc: encryptPersonal(env, input.licenceNumber),
      licenceNumberMasked: maskLicenceNumber(input.licenceNumber),
      licenceClass: input.licenceClass,
      licenceExpiresOn: input.licenceExpiresOn,
    });
    await statusChanged(tx, after, 'checked_in', mutation, env);
    return present(tx, after);
  });
}

/** Completed (then the feedback survey goes to the buyer) or a no-show, recorded by staff. */
export function recordOutcome(
  db: DbHandle,
  id: string,
  outcome: 'complete' | 'no_show',
  mutation: Mutation,
  env: TestdrivesEnv,
): Promise<TTestdriveBooking> {
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, testdriveBookingMachine, id, outcome, mutation, async (row) => {
      await buyerBooking(tx, row.id, mutation);
    });
    const after = await repo.findBooking(tx, id);
    if (!after) throw new AppError('TESTDRIVE_NOT_FOUND');
    await statusChanged(
      tx,
      after,
      outcome === 'complete' ? 'completed' : 'no_show',
      mutation,
      env,
      outcome === 'complete' ? { templateKey: 'testdrives.feedback_request', sms: true } : undefined,
    );
    return present(tx, after);
  });
}

export function assignAdvisor(db: DbHandle, id: string, advisorAccountId: string, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    const row = await buyerBooking(tx, id, mutation);
    const advisor = await findAdvisor(tx, advisorAccountId);
    const scope = dealerScope(mutation);
    if (!advisor || (scope !== null && advisor.dealerId !== scope)) throw new AppError('NOT_FOUND');
    const after = await repo.updateBooking(tx, id, {
      advisorAccountId: advisor.accountId,
      advisorName: advisor.displayName,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'testdrive_booking.assign_advisor',
      entityType: 'testdrive_booking',
      entityId: id,
      before: { advisorAccountId: row.advisorAccountId },
      after: { advisorAccountId: advisor.accountId },
    });
    await notify(tx, {
      recipient: { kind: 'staff', id: advisor.accountId },
      templateKey: 'testdrives.store_booked',
      params: {
        store: '',
        address: '',
        time: localLabel(after.startsAt),
        vehicle: after.vehicleTitle,
        bookingNumber: after.bookingNumber,
        name: after.name,
        phone: after.phoneMasked,
      },
      channels: ['in_app'],
      link: `/dealer/test-drives?storeId=${after.storeId}`,
      at: mutation.at,
      dedupKey: `testdrive:${id}:assigned:${advisor.accountId}:${mutation.at.getTime()}`,
    });
    return present(tx, after);
  });
}

export function leaveFeedback(
  db: DbHandle,
  id: string,
  input: { rating: number; wouldBuy: boolean; comment: string },
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const row = await buyerBooking(tx, id, mutation);
    if (row.status !== 'completed' || row.feedbackAt !== null)
      throw new AppError('TESTDRIVE_FEEDBACK_CLOSED');
    const after = await repo.updateBooking(tx, id, {
      feedbackRating: input.rating,
      feedbackWouldBuy: input.wouldBuy,
      feedbackComment: input.comment,
      feedbackAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'testdrive_booking.feedback',
      entityType: 'testdrive_booking',
      entityId: id,
      after: input,
    });
    await publish(
      tx,
      TestdrivesEvents.testdriveFeedbackLeft,
      id,
      { testdriveId: id, buyerId: row.buyerId, rating: input.rating, wouldBuy: input.wouldBuy },
      mutation.at,
    );
    return present(tx, after);
  });
}

// ---- jobs ----

/** Reminders 24 h and 2 h before; each booking gets each once (the column is set in the same transaction). */
export async function sendReminders(db: DbHandle, now: Date, env: TestdrivesEnv): Promise<number> {
  let sent = 0;
  for (const which of ['2h', '24h'] as const) {
    const before = new Date(now.getTime() + (which === '24h' ? 24 : 2) * 3600_000);
    for (const due of await repo.dueForReminder(db, which, now, before)) {
      // Within 2 h the 24 h reminder is pointless: mark it sent with the 2 h one.
      await withTransaction(db, async (tx) => {
        const row = await repo.lockBooking(tx, due.id);
        if (row?.status !== 'booked') return;
        if ((which === '24h' ? row.reminded24hAt : row.reminded2hAt) !== null) return;
        await repo.updateBooking(
          tx,
          row.id,
          which === '24h'
            ? { reminded24hAt: now }
            : { reminded2hAt: now, reminded24hAt: row.reminded24hAt ?? now },
        );
        const store = await getPublicStore(tx, row.storeId).catch(() => null);
        await notify(tx, {
          recipient: { kind: 'buyer', id: row.buyerId, phone: decryptPersonal(env, row.phoneEnc) },
          templateKey: which === '24h' ? 'testdrives.reminder_24h' : 'testdrives.reminder_2h',
          params: {
            store: store?.name ?? '',
            address: store?.address ?? '',
            time: localLabel(row.startsAt),
            vehicle: row.vehicleTitle,
            bookingNumber: row.bookingNumber,
          },
          channels: ['sms', 'in_app'],
          link: '/account/test-drives',
          at: now,
          dedupKey: `testdrive:${row.id}:reminder_${which}:${row.startsAt.getTime()}`,
        });
        sent++;
      });
    }
  }
  return sent;
}

/** Booked test drives still not checked in the store's grace minutes after the slot ended become no-shows. */
export async function markNoShows(db: DbHandle, now: Date, env: TestdrivesEnv): Promise<number> {
  let marked = 0;
  const grace = new Map<string, number>();
  for (const row of await repo.bookedEndedBefore(db, now)) {
    if (!grace.has(row.storeId)) {
      grace.set(row.storeId, (await repo.findSettings(db, row.storeId))?.noShowAfterMinutes ?? 30);
    }
    if (row.endsAt.getTime() + (grace.get(row.storeId) ?? 30) * 60_000 > now.getTime()) continue;
    const mutation = systemMutation(now);
    await withTransaction(db, async (tx) => {
      const locked = await repo.lockBooking(tx, row.id);
      if (locked?.status !== 'booked') return;
      await applyTransition(tx, testdriveBookingMachine, row.id, 'no_show', mutation);
      const after = await repo.findBooking(tx, row.id);
      if (after) await statusChanged(tx, after, 'no_show', mutation, env);
      marked++;
    });
  }
  return marked;
}

/** A booking's dimensions for analytics (its facts may be recorded before the booking's own fact). */
export async function testdriveDimensions(
  db: DbHandle,
  id: string,
): Promise<{
  buyerId: string;
  cityCode: string;
  brandId: string;
  seriesId: string;
  trimId: string | null;
  dealerId: string;
  channel: TrafficChannel;
} | null> {
  const row = await repo.findBooking(db, id);
  if (!row) return null;
  return {
    buyerId: row.buyerId,
    cityCode: row.cityCode,
    brandId: row.brandId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    dealerId: row.dealerId,
    channel: row.source.channel,
  };
}
