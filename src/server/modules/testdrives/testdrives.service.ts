import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import { shanghaiDay } from '../../kernel/clock.js';
import { decryptPersonal, encryptPersonal, keyedHash, safeEqual } from '../../kernel/crypto.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { maskMainlandPhone } from '../crm/index.js';
import { getPublicStore } from '../dealers/index.js';
import { activeStaffIdsOfDealer } from '../identity/index.js';
import { findAdvisor, pickAdvisor } from '../leads/index.js';
import { matchingVehicles } from './testdrives.availability.js';
import type {
  TBookTestdriveRequest,
  TCalendar,
  TCheckInRequest,
  TDateRange,
  TMyTestdriveBooking,
  TTestdriveBooking,
} from './testdrives.contract.js';
import { ZBookTestdriveRequest } from './testdrives.contract.js';
import type { TestdriveBookingStatus } from './testdrives.enums.js';
import { TestdrivesEvents } from './testdrives.events.js';
import { testdriveBookingMachine } from './testdrives.machine.js';
import * as repo from './testdrives.repository.js';
import { datesIn, dealerScope, localLabel, settingsOf, storeInScope, toSlot } from './testdrives.setup.js';

// The store side lives in testdrives.setup.ts, what a buyer can book in testdrives.availability.ts; their
// public functions stay reachable from here.
export { bookingOptions, freeSlots } from './testdrives.availability.js';
export {
  addClosure,
  createVehicle,
  datesIn,
  generateSlots,
  generateUpcomingSlots,
  getStoreSetup,
  listStoreSetups,
  listVehicles,
  localLabel,
  removeClosure,
  replaceTemplates,
  saveSettings,
  toSlot,
  toVehicle,
  updateVehicle,
} from './testdrives.setup.js';

import type { BookingRow, SettingsRow, SlotRow, VehicleRow } from './testdrives.schema.js';

// Test drives: store settings and weekly windows, generated slots, test-drive cars, the buyer's booking (slot
// place taken by one conditional update, one car never promised twice at a time), reminders, check-in with the
// driving licence, outcome, feedback.

export type TestdrivesEnv = Pick<Config, 'dataEncryptionKey' | 'sessionSecret'>;

const DAY_MS = 86_400_000;

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

export async function statusChanged(
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
