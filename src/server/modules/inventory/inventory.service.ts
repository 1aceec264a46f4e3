import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { findTrimFacts, trimFactsOf } from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import { isValidVin, normalizeVin } from '../listings/index.js';
import type {
  TCreateStockLocationRequest,
  TReceiveUnitRequest,
  TStockLocation,
  TUnitHold,
  TVehicleUnit,
  TVehicleUnitListQuery,
} from './inventory.contract.js';
import type { STAFF_UNIT_ACTIONS } from './inventory.enums.js';
import { InventoryEvents } from './inventory.events.js';
import { releaseHold } from './inventory.holds.js';
import { stockFacts, unitStatusMachine } from './inventory.machine.js';
import { toStockLocation, toUnitHold, toVehicleUnit } from './inventory.mappers.js';
import * as repo from './inventory.repository.js';
import type { StockLocationRow, VehicleUnitRow } from './inventory.schema.js';

// Stock locations and vehicle units for staff. Dealer staff see and change their own dealer's stock only;
// another dealer's unit or location is "not found" (no existence leak).

const ZCursor = z.object({ e: z.string(), id: z.string() });

function visibleTo<T extends { dealerId: string | null }>(actor: StaffActor | null, row: T | undefined) {
  return row !== undefined && (!actor || actor.dealerId === null || actor.dealerId === row.dealerId);
}

async function toUnits(db: DbHandle, rows: VehicleUnitRow[], now: Date): Promise<TVehicleUnit[]> {
  const trims = new Map(
    (
      await trimFactsOf(
        db,
        rows.map((r) => r.trimId),
      )
    ).map((t) => [t.id, t]),
  );
  const locationIds = [...new Set(rows.map((r) => r.locationId))];
  const locations = new Map<string, StockLocationRow>();
  for (const id of locationIds) {
    const loc = await repo.findLocation(db, id);
    if (loc) locations.set(id, loc);
  }
  return rows.map((r) => toVehicleUnit(r, trims.get(r.trimId), locations.get(r.locationId), now));
}

// ---- stock locations ----

export async function listLocations(db: DbHandle, actor: StaffActor): Promise<{ items: TStockLocation[] }> {
  return { items: (await repo.listLocations(db, actor.dealerId)).map(toStockLocation) };
}

/** The stock location of a store, made on first use (concurrent callers get the same one). */
export async function ensureStoreLocation(
  db: DbHandle,
  storeId: string,
  mutation: Mutation,
): Promise<StockLocationRow> {
  const existing = await repo.findLocationOfStore(db, storeId);
  if (existing) return existing;
  const store = await getPublicStore(db, storeId);
  const row = {
    id: newId('loc'),
    kind: 'store' as const,
    dealerId: store.dealer.id,
    storeId: store.id,
    cityCode: store.city.code,
    name: store.name,
    createdAt: mutation.at,
    updatedAt: mutation.at,
  };
  await repo.insertLocation(db, row);
  await audit(db, mutation, {
    action: 'stock_location.create',
    entityType: 'stock_location',
    entityId: row.id,
    after: row,
  });
  return row;
}

export function createLocation(
  db: DbHandle,
  input: TCreateStockLocationRequest,
  mutation: Mutation,
): Promise<TStockLocation> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    if (input.kind === 'store') {
      const store = await getPublicStore(tx, input.storeId);
      assertDealerScope(actor, store.dealer.id);
      if (await repo.findLocationOfStore(tx, store.id)) {
        throw new AppError('STOCK_LOCATION_INVALID', {
          reason: { zh: '该门店已有库存地点', en: 'the store already has a stock location' },
        });
      }
      return toStockLocation(await ensureStoreLocation(tx, store.id, mutation));
    }
    if (input.dealerId) assertDealerScope(actor, input.dealerId);
    const row = {
      id: newId('loc'),
      kind: 'warehouse' as const,
      dealerId: actor.dealerId ?? input.dealerId ?? null,
      storeId: null,
      cityCode: input.cityCode,
      name: input.name,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await repo.insertLocation(tx, row);
    await audit(tx, mutation, {
      action: 'stock_location.create',
      entityType: 'stock_location',
      entityId: row.id,
      after: row,
    });
    return toStockLocation(row);
  });
}

// ---- vehicle units ----

export async function listUnits(
  db: DbHandle,
  actor: StaffActor,
  query: TVehicleUnitListQuery,
  now: Date,
): Promise<{ items: TVehicleUnit[]; nextCursor: string | null }> {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listUnits(
    db,
    {
      dealerId: actor.dealerId ?? query.dealerId,
      storeId: query.storeId,
      locationId: query.locationId,
      trimId: query.trimId,
      status: query.status,
    },
    query.limit,
    after,
  );
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => ({ e: r.enteredStockAt.toISOString(), id: r.id }),
  );
  return { items: await toUnits(db, page.items, now), nextCursor: page.nextCursor };
}

export async function getUnit(
  db: DbHandle,
  actor: StaffActor | null,
  id: string,
  now: Date,
): Promise<TVehicleUnit> {
  const row = await repo.findUnit(db, id);
  if (!row || !visibleTo(actor, row)) throw new AppError('UNIT_NOT_FOUND');
  const [unit] = await toUnits(db, [row], now);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  return unit;
}

/** Receives a unit into stock (on the lot, or in transit to it): VIN checked and unique, trim known. */
export function receiveUnit(
  db: DbHandle,
  input: TReceiveUnitRequest,
  mutation: Mutation,
): Promise<TVehicleUnit> {
  const actor = mutation.actor?.kind === 'staff' ? mutation.actor : null;
  return withTransaction(db, async (tx) => {
    const vin = normalizeVin(input.vin);
    if (!isValidVin(vin)) {
      throw new AppError('VIN_INVALID', {
        reason: {
          zh: '须为 17 位、不含 I/O/Q，且第 9 位校验位正确',
          en: 'it must be 17 characters without I, O or Q and with a correct check digit at position 9',
        },
      });
    }
    if (!(await findTrimFacts(tx, input.trimId))) throw new AppError('UNIT_TRIM_NOT_FOUND');
    const location = input.locationId
      ? await repo.findLocation(tx, input.locationId)
      : await ensureStoreLocation(tx, input.storeId ?? '', mutation);
    if (!location || !visibleTo(actor, location)) throw new AppError('STOCK_LOCATION_NOT_FOUND');
    const row = await repo.insertUnit(tx, {
      id: newId('veh'),
      vin,
      trimId: input.trimId,
      exteriorColour: input.exteriorColour,
      locationId: location.id,
      storeId: location.storeId,
      dealerId: location.dealerId,
      status: input.status,
      enteredStockAt: input.enteredStockAt ? new Date(input.enteredStockAt) : mutation.at,
      costFen: input.costFen,
      listingId: input.listingId ?? null,
      version: 1,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    // The unique VIN index decides (no read-then-write): a second receive of the same car inserts nothing.
    if (!row) throw new AppError('UNIT_VIN_TAKEN', { vin });
    await audit(tx, mutation, {
      action: 'vehicle_unit.create',
      entityType: 'vehicle_unit',
      entityId: row.id,
      after: row,
    });
    await publish(tx, InventoryEvents.unitCreated, row.id, stockFacts(row), mutation.at);
    if (row.status === 'available') {
      await publish(tx, InventoryEvents.stockChanged, row.id, stockFacts(row), mutation.at);
    }
    return (await toUnits(tx, [row], mutation.at))[0] as TVehicleUnit;
  });
}

/** Runs a staff action (receive, deliver) on a unit through the machine; 409 when the state forbids it. */
export function changeUnitStatus(
  db: DbHandle,
  id: string,
  action: (typeof STAFF_UNIT_ACTIONS)[number],
  mutation: Mutation,
): Promise<TVehicleUnit> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, unitStatusMachine, id, action, mutation, (row) => {
      if (!visibleTo(actor, row)) throw new AppError('UNIT_NOT_FOUND');
    });
    return getUnit(tx, actor, id, mutation.at);
  });
}

/**
 * `sold -> delivered` when the buyer has accepted the car (the fulfilment handover, through the flows). A unit
 * already delivered is left alone, so the reaction may repeat.
 */
export function markUnitDelivered(db: DbHandle, unitId: string, mutation: Mutation): Promise<void> {
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, unitStatusMachine, unitId, 'deliver', mutation, (row) => {
      if (row.status === 'delivered') throw new AlreadyDelivered();
    }).catch((err: unknown) => {
      if (!(err instanceof AlreadyDelivered)) throw err;
    });
  });
}

class AlreadyDelivered extends Error {}

// ---- holds, as staff see them ----

/** A unit's holds, newest first (who held it, until when, how each ended). */
export async function listUnitHolds(
  db: DbHandle,
  actor: StaffActor,
  unitId: string,
): Promise<{ items: TUnitHold[] }> {
  const unit = await repo.findUnit(db, unitId);
  if (!unit || !visibleTo(actor, unit)) throw new AppError('UNIT_NOT_FOUND');
  return { items: (await repo.holdsOfUnit(db, unitId)).map(toUnitHold) };
}

/** Staff end a live hold by hand (a buyer who called to cancel); the release itself is one conditional update. */
export function releaseHoldByStaff(db: DbHandle, holdId: string, mutation: Mutation): Promise<TUnitHold> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const hold = await repo.findHold(tx, holdId);
    const unit = hold ? await repo.findUnit(tx, hold.unitId) : undefined;
    if (!hold || !visibleTo(actor, unit)) throw new AppError('HOLD_NOT_FOUND');
    return releaseHold(tx, holdId, 'released_by_staff', mutation);
  });
}

/** The ids of a dealer's stock locations (its stores and warehouses): how other modules scope dealer staff. */
export async function locationIdsOfDealer(db: DbHandle, dealerId: string): Promise<string[]> {
  return (await repo.listLocations(db, dealerId)).map((l) => l.id);
}
