import type { DbHandle } from '../../kernel/db/client.js';
import { getPublicStore, listCities, type TStore } from '../dealers/index.js';
import type { TBookingOptions, TFreeSlotsQuery, TSlot } from './testdrives.contract.js';
import * as repo from './testdrives.repository.js';
import { datesIn, settingsOf, toSlot } from './testdrives.setup.js';

// The store side lives in testdrives.setup.ts; its public functions stay reachable from here.
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

import type { VehicleRow } from './testdrives.schema.js';

// Test drives, what a buyer can book: the stores, cars and free slots near them.

// ---- buyer: options and free slots ----

export function km(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
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

export function matchingVehicles(
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
