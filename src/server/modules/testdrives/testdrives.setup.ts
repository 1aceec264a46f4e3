import {
  isoWeekdayOf,
  localDatesBetween,
  SHANGHAI_OFFSET_MS,
  shanghaiDay,
  shanghaiInstant,
} from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { trimsWithSeriesAndBrand } from '../catalog/index.js';
import { getPublicStore, listPortalStores, type TStore } from '../dealers/index.js';
import type {
  TCreateTestdriveVehicle,
  TDateRange,
  TSlot,
  TTestdriveSettingsInput,
  TTestdriveStoreSetup,
  TTestdriveTemplate,
  TTestdriveVehicle,
} from './testdrives.contract.js';
import type { TestdriveVehicleStatus } from './testdrives.enums.js';
import * as repo from './testdrives.repository.js';
import type { SettingsRow, SlotRow, VehicleRow } from './testdrives.schema.js';

// Test drives, store side: time helpers, dealer scope, a store's settings, weekly windows, closures, generated
// slots, and its test-drive cars. The buyer's booking and what follows is testdrives.service.ts.

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 62;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// ---- time helpers ----

export function datesIn(range: TDateRange): string[] {
  const dates = localDatesBetween(range.from, range.to, MAX_RANGE_DAYS);
  if (!dates) throw new AppError('TESTDRIVE_RANGE_INVALID');
  return dates;
}

export function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function hmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** '2026-12-10 10:00' in Shanghai time, for SMS and lists. */
export function localLabel(at: Date): string {
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

// ---- scope ----

export function dealerScope(mutation: Mutation): string | null {
  const a = mutation.actor;
  return a?.kind === 'staff' ? a.dealerId : null;
}

/** Dealer staff manage only their own dealer's stores; others get 404 as if the store did not exist. */
export async function storeInScope(db: DbHandle, storeId: string, mutation: Mutation): Promise<TStore> {
  const store = await getPublicStore(db, storeId);
  const dealerId = dealerScope(mutation);
  if (dealerId !== null && dealerId !== store.dealer.id) throw new AppError('STORE_NOT_FOUND');
  return store;
}

export async function settingsOf(db: DbHandle, storeId: string): Promise<SettingsRow> {
  const s = await repo.findSettings(db, storeId);
  if (!s) throw new AppError('TESTDRIVE_STORE_NOT_OFFERED');
  return s;
}

// ---- store setup ----

export async function setupOf(db: DbHandle, store: TStore): Promise<TTestdriveStoreSetup> {
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
export function checkWithinHours(store: TStore, t: TTestdriveTemplate): void {
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

export function normalisePlate(plate: string): string {
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
