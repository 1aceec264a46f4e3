import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPersonal } from '../../kernel/crypto.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { TCalendar, TMyTestdriveBooking, TTestdriveVehicle } from './testdrives.contract.js';
import { markNoShows, sendReminders } from './testdrives.jobs.js';
import { testdriveBookings } from './testdrives.schema.js';
import {
  book,
  bookRequest,
  freeSlotsOf,
  seedTestdriveWorld,
  sentCount,
  vehicleOf,
} from './testdrives.testing.js';

// The demo seed gives sto_bj_byd_chaoyang (北京 比亚迪 朝阳) one 汉, one 海豹 and one 宋PLUS, 60-minute slots of
// capacity 2, a 2-hour cut-off and 14 days of slots. The clock starts on Saturday 2026-11-21 10:00 Shanghai.

const STORE = 'sto_bj_byd_chaoyang';
let t: TestApp;
let operator: TestStaff;
let teslaStaff: TestStaff;
let han: TTestdriveVehicle;
let seal: TTestdriveVehicle;
let phoneSeq = 0;

async function buyer() {
  phoneSeq += 1;
  return createTestBuyer(t.ctx, `1391234${String(5000 + phoneSeq)}`);
}

async function slotOn(day: string, seriesId: string, index = 0) {
  const slots = await freeSlotsOf(t, STORE, seriesId, day, day);
  const slot = slots[index];
  if (!slot) throw new Error(`no free slot on ${day}`);
  return slot;
}

/** Staff sessions idle out after 30 minutes; tests that move the clock sign staff in again. */
async function byd() {
  return createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
}

async function calendar(bearer: { authorization: string }, from: string, to: string, storeId = STORE) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/testdrives/calendar?storeId=${storeId}&from=${from}&to=${to}`,
    headers: bearer,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await seedTestdriveWorld(t);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  teslaStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
  han = await vehicleOf(t, operator.bearer, STORE, '汉');
  seal = await vehicleOf(t, operator.bearer, STORE, '海豹');
});
afterAll(async () => {
  await t?.close();
});

describe('slot generation', () => {
  it('cuts weekly windows into slots within opening hours and skips closed days', async () => {
    const store = 'sto_bj_byd_fengtai';
    const staff = await byd();
    const put = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url, headers: staff.bearer, payload });
    expect(
      (
        await put(`/api/v1/testdrives/stores/${store}/settings`, {
          slotMinutes: 90,
          capacity: 3,
          horizonDays: 14,
          cutoffMinutes: 120,
          noShowAfterMinutes: 30,
        })
      ).statusCode,
    ).toBe(200);
    const outside = await put(`/api/v1/testdrives/stores/${store}/templates`, {
      templates: [{ weekday: 1, startTime: '05:00', endTime: '07:00' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('TESTDRIVE_TEMPLATE_OUTSIDE_HOURS');
    const ok = await put(`/api/v1/testdrives/stores/${store}/templates`, {
      templates: [{ weekday: 1, startTime: '09:00', endTime: '13:00' }],
    });
    expect(ok.statusCode).toBe(200);
    const closure = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/stores/${store}/closures`,
      headers: (await byd()).bearer,
      payload: { date: '2026-12-21', reason: '门店盘点' },
    });
    expect(closure.statusCode).toBe(200);
    const gen = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/stores/${store}/slots/generate`,
      headers: (await byd()).bearer,
      payload: { from: '2026-12-14', to: '2026-12-27' },
    });
    expect(gen.json()).toEqual({ created: 2, removed: 0 });
    const cal = (await calendar((await byd()).bearer, '2026-12-14', '2026-12-27', store)).json() as TCalendar;
    // Monday 12-14: 09:00 and 10:30 (12:00 + 90 min would pass 13:00); Monday 12-21 is closed.
    expect(cal.slots.map((s) => [s.date, s.startsAt, s.capacity])).toEqual([
      ['2026-12-14', '2026-12-14T01:00:00.000Z', 3],
      ['2026-12-14', '2026-12-14T02:30:00.000Z', 3],
    ]);
  });
});

describe('booking', () => {
  it('books a slot: car assigned, advisor picked, SMS + in-app to the buyer, store staff told, event published', async () => {
    const b = await buyer();
    const slot = await slotOn('2026-11-24', han.seriesId);
    const booking = await book(t, b.bearer, { storeId: STORE, slotId: slot.id, seriesId: han.seriesId });
    expect(booking).toMatchObject({
      status: 'booked',
      vehicleId: han.id,
      vehiclePlate: han.plate,
      phoneMasked: '138****5678',
      startsAt: slot.startsAt,
    });
    expect(await sentCount(t, 'testdrives.booked', 'sms', booking.bookingNumber)).toBe(1);
    expect(await sentCount(t, 'testdrives.booked', 'in_app', booking.bookingNumber)).toBe(1);
    // The dealer's own staff (and no one else's) hear about it at once.
    expect(
      await sentCount(t, 'testdrives.store_booked', 'in_app', booking.bookingNumber),
    ).toBeGreaterThanOrEqual(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, booking.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['testdrives.booked']);
    expect(events[0]?.payload).toMatchObject({
      phone: '13812345678',
      storeId: STORE,
      seriesId: han.seriesId,
    });
    const cal = (await calendar((await byd()).bearer, '2026-11-24', '2026-11-24')).json() as TCalendar;
    expect(cal.bookings.map((x) => x.id)).toContain(booking.id);
    expect(cal.slots.find((s) => s.id === slot.id)?.booked).toBe(1);
  });

  it('never promises one car twice at one time, even with places left in the slot', async () => {
    const slot = await slotOn('2026-11-25', han.seriesId);
    await book(t, (await buyer()).bearer, { storeId: STORE, slotId: slot.id, seriesId: han.seriesId });
    const second = await bookRequest(t, (await buyer()).bearer, {
      storeId: STORE,
      slotId: slot.id,
      seriesId: han.seriesId,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('TESTDRIVE_VEHICLE_UNAVAILABLE');
    // The failed attempt gave its place back; a 海豹 can still be driven then.
    const sealBooking = await book(t, (await buyer()).bearer, {
      storeId: STORE,
      slotId: slot.id,
      seriesId: seal.seriesId,
    });
    expect(sealBooking.vehicleId).toBe(seal.id);
    const full = await bookRequest(t, (await buyer()).bearer, {
      storeId: STORE,
      slotId: slot.id,
      seriesId: seal.seriesId,
    });
    expect(full.json().error.code).toBe('TESTDRIVE_SLOT_FULL');
  });
});

describe('reschedule and cancel around the cut-off', () => {
  it('lets the buyer move and cancel until 2 h before, then answers 409; staff may still cancel', async () => {
    const b = await buyer();
    const first = await slotOn('2026-11-26', han.seriesId, 0);
    const later = await slotOn('2026-11-26', han.seriesId, 2);
    const booking = await book(t, b.bearer, { storeId: STORE, slotId: first.id, seriesId: han.seriesId });
    t.clock.set(new Date(Date.parse(first.startsAt) - 3 * 3600_000));
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/reschedule`,
      headers: b.bearer,
      payload: { slotId: later.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().startsAt).toBe(later.startsAt);
    expect(await sentCount(t, 'testdrives.rescheduled', 'sms', booking.bookingNumber)).toBe(1);
    t.clock.set(new Date(Date.parse(later.startsAt) - 90 * 60_000));
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/cancel`,
      headers: b.bearer,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TESTDRIVE_CUTOFF_PASSED');
    const lateMove = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/reschedule`,
      headers: b.bearer,
      payload: { slotId: first.id },
    });
    expect(lateMove.json().error.code).toBe('TESTDRIVE_CUTOFF_PASSED');
    const byStaff = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/cancel`,
      headers: (await byd()).bearer,
      payload: { reason: '客户来电取消' },
    });
    expect(byStaff.json()).toMatchObject({ status: 'cancelled' });
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.aggregateId, booking.id),
          eq(outboxEvents.type, 'testdrives.booking_status_changed'),
        ),
      )
      .orderBy(outboxEvents.id);
    expect(events.map((e) => (e.payload as { status: string }).status)).toEqual(['booked', 'cancelled']);
    // Both places were given back.
    const cal = (await calendar((await byd()).bearer, '2026-11-26', '2026-11-26')).json() as TCalendar;
    expect(cal.slots.find((s) => s.id === later.id)?.booked).toBe(0);
    expect(cal.slots.find((s) => s.id === first.id)?.booked).toBe(0);
    t.clock.set('2026-11-21T02:00:00Z');
  });
});

describe('reminders and no-shows', () => {
  it('sends the 24 h and the 2 h reminder once each, then records a no-show after the grace time', async () => {
    const b = await buyer();
    const slot = await slotOn('2026-11-28', seal.seriesId, 1);
    const booking = await book(t, b.bearer, { storeId: STORE, slotId: slot.id, seriesId: seal.seriesId });
    const start = Date.parse(slot.startsAt);
    const count = () =>
      Promise.all([
        sentCount(t, 'testdrives.reminder_24h', 'sms', booking.bookingNumber),
        sentCount(t, 'testdrives.reminder_2h', 'sms', booking.bookingNumber),
      ]);
    t.clock.set(new Date(start - 25 * 3600_000));
    await sendReminders(t.database.db, t.clock.now(), t.ctx.config);
    expect(await count()).toEqual([0, 0]);
    t.clock.set(new Date(start - 23 * 3600_000));
    await sendReminders(t.database.db, t.clock.now(), t.ctx.config);
    await sendReminders(t.database.db, t.clock.now(), t.ctx.config);
    expect(await count()).toEqual([1, 0]);
    t.clock.set(new Date(start - 100 * 60_000));
    await sendReminders(t.database.db, t.clock.now(), t.ctx.config);
    t.clock.advance(5 * 60_000);
    await sendReminders(t.database.db, t.clock.now(), t.ctx.config);
    expect(await count()).toEqual([1, 1]);

    const statusNow = async () =>
      (await t.database.db.select().from(testdriveBookings).where(eq(testdriveBookings.id, booking.id)))[0]
        ?.status;
    t.clock.set(new Date(Date.parse(slot.endsAt) + 20 * 60_000));
    await markNoShows(t.database.db, t.clock.now(), t.ctx.config);
    expect(await statusNow()).toBe('booked');
    t.clock.set(new Date(Date.parse(slot.endsAt) + 31 * 60_000));
    expect(await markNoShows(t.database.db, t.clock.now(), t.ctx.config)).toBe(1);
    expect(await statusNow()).toBe('no_show');
    expect(await markNoShows(t.database.db, t.clock.now(), t.ctx.config)).toBe(0);
    const cal = (await calendar((await byd()).bearer, '2026-11-28', '2026-11-28')).json() as TCalendar;
    expect(cal.showRate).toBe(0);
    t.clock.set('2026-11-21T02:00:00Z');
  });
});

describe('check-in, licence, outcome and feedback', () => {
  it('checks in by the QR token with the licence encrypted and masked, completes, takes feedback once', async () => {
    t.clock.set('2026-11-21T02:00:00Z');
    operator = await createTestStaff(t.ctx, { roles: ['operator'] });
    const b = await buyer();
    const slot = await slotOn('2026-11-27', han.seriesId);
    const booking = await book(t, b.bearer, { storeId: STORE, slotId: slot.id, seriesId: han.seriesId });
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/testdrives/bookings/mine', headers: b.bearer })
    ).json() as TMyTestdriveBooking[];
    const my = mine.find((m) => m.id === booking.id);
    expect(my?.checkInQrSvg).toContain('<svg');
    const token = my?.checkInToken as string;
    const staff = await byd();
    const checkIn = (payload: Record<string, string>, headers = staff.bearer) =>
      t.app.inject({ method: 'POST', url: `/api/v1/testdrives/stores/${STORE}/check-in`, headers, payload });
    const licence = {
      licenceNumber: '11010519491231002X',
      licenceClass: 'C1',
      licenceExpiresOn: '2030-06-30',
    };
    const forged = await checkIn({ code: `${booking.id}.aaaaaaaaaaaaaaaaaaaaaaaa`, ...licence });
    expect(forged.json().error.code).toBe('TESTDRIVE_CHECKIN_INVALID');
    const badNumber = await checkIn({ code: token, ...licence, licenceNumber: '110105194912310021' });
    expect(badNumber.json().error.code).toBe('TESTDRIVE_LICENCE_INVALID');
    const expired = await checkIn({ code: token, ...licence, licenceExpiresOn: '2025-01-01' });
    expect(expired.json().error.code).toBe('TESTDRIVE_LICENCE_EXPIRED');
    const ok = await checkIn({ code: token, ...licence });
    expect(ok.json()).toMatchObject({
      status: 'checked_in',
      licenceNumberMasked: '110105********002X',
      licenceClass: 'C1',
    });
    const [row] = await t.database.db
      .select()
      .from(testdriveBookings)
      .where(eq(testdriveBookings.id, booking.id));
    expect(row?.licenceNumberEnc).not.toContain('11010519491231002X');
    expect(decryptPersonal(t.ctx.config, row?.licenceNumberEnc as string)).toBe('11010519491231002X');

    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/outcome/complete`,
      headers: (await byd()).bearer,
    });
    expect(done.json()).toMatchObject({ status: 'completed' });
    expect(await sentCount(t, 'testdrives.feedback_request', 'sms', booking.bookingNumber)).toBe(1);
    const feedback = (headers: { authorization: string }) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/testdrives/bookings/${booking.id}/feedback`,
        headers,
        payload: { rating: 5, wouldBuy: true, comment: '加速很快，座椅舒服' },
      });
    expect((await feedback((await buyer()).bearer)).json().error.code).toBe('TESTDRIVE_NOT_FOUND');
    expect((await feedback(b.bearer)).json()).toMatchObject({ feedback: { rating: 5, wouldBuy: true } });
    expect((await feedback(b.bearer)).json().error.code).toBe('TESTDRIVE_FEEDBACK_CLOSED');
    const cal = (await calendar(operator.bearer, '2026-11-27', '2026-11-27')).json() as TCalendar;
    expect(cal.showRate).toBe(1);
  });
});

describe('dealer isolation', () => {
  it("keeps another dealer's staff out of the store's calendar, cars and bookings", async () => {
    t.clock.set('2026-11-21T02:00:00Z');
    teslaStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
    const slot = await slotOn('2026-11-30', han.seriesId);
    const booking = await book(t, (await buyer()).bearer, {
      storeId: STORE,
      slotId: slot.id,
      seriesId: han.seriesId,
    });
    expect((await calendar(teslaStaff.bearer, '2026-11-30', '2026-11-30')).statusCode).toBe(404);
    const cars = (
      await t.app.inject({ method: 'GET', url: '/api/v1/testdrives/vehicles', headers: teslaStaff.bearer })
    ).json() as TTestdriveVehicle[];
    expect(cars.length).toBeGreaterThan(0);
    expect(cars.every((c) => c.dealerId === 'dlr_demo_sh_tesla')).toBe(true);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/testdrives/vehicles/${han.id}`,
      headers: teslaStaff.bearer,
      payload: { status: 'maintenance' },
    });
    expect(patch.statusCode).toBe(404);
    const outcome = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/outcome/no_show`,
      headers: teslaStaff.bearer,
    });
    expect(outcome.statusCode).toBe(404);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/testdrives/bookings/${booking.id}/cancel`,
      headers: teslaStaff.bearer,
      payload: {},
    });
    expect(cancel.statusCode).toBe(404);
  });
});
