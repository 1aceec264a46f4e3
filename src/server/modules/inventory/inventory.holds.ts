import type { DbHandle } from '../../kernel/db/client.js';
import { insertAtCommit, withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type { TUnitHold } from './inventory.contract.js';
import { DEFAULT_HOLD_MINUTES } from './inventory.enums.js';
import { InventoryEvents } from './inventory.events.js';
import { announceUnitChange, stockFacts, UNIT_TRANSITIONS } from './inventory.machine.js';
import { toUnitHold } from './inventory.mappers.js';
import * as repo from './inventory.repository.js';
import { type UnitHoldRow, unitHolds, type VehicleUnitRow } from './inventory.schema.js';

// Holds (unit reservations): `held(expires_at) -> confirmed | released | expired`. Every take and every end is
// one conditional UPDATE (`where status = 'available'`, `where status = 'held'`), so two buyers can never both
// get a unit and a hold can never be both confirmed and expired; the loser sees no row and gets a 409.

/** A specific unit (a used car, a unit staff picked) or any available unit of a trim at a store. */
export type HoldTarget =
  | { readonly unitId: string }
  | { readonly trimId: string; readonly storeId: string; readonly colour?: string | undefined };

export interface HoldOptions {
  /** How long the hold lasts; DEFAULT_HOLD_MINUTES (30) when not given. */
  readonly ttlMinutes?: number | undefined;
  /**
   * Write the hold row with the transaction's other append-only rows at its end (one round trip fewer):
   * for a caller that does not end or read the hold in the same transaction (placing an order).
   */
  readonly writeAtCommit?: boolean;
}

/** A hold with the unit it took. */
export interface HoldResult {
  readonly hold: TUnitHold;
  readonly unit: { id: string; vin: string; trimId: string; storeId: string | null; exteriorColour: string };
}

/**
 * Reserves a unit for `holder` (a buyer id or an order reference) until now + ttl. Throws
 * INVENTORY_UNAVAILABLE (409) when the unit is not available or the trim has no available unit at the store.
 * Call it inside the order's transaction so the hold and the order commit together.
 */
export function holdUnit(
  db: DbHandle,
  target: HoldTarget,
  holder: string,
  options: HoldOptions,
  mutation: Mutation,
): Promise<HoldResult> {
  const at = mutation.at;
  const ttl = options.ttlMinutes ?? DEFAULT_HOLD_MINUTES;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new Error(`hold time must be positive, got ${ttl}`);
  return withTransaction(db, async (tx) => {
    const { from, to } = UNIT_TRANSITIONS.reserve;
    const unit =
      'unitId' in target
        ? await repo.moveUnitIf(tx, target.unitId, from, to, at)
        : await repo.takeUnitOfTrim(tx, target, from, to, at);
    if (!unit) throw new AppError('INVENTORY_UNAVAILABLE', { ...target });
    const hold: UnitHoldRow = {
      id: newId('hld'),
      unitId: unit.id,
      holder,
      status: 'held',
      expiresAt: new Date(at.getTime() + ttl * 60_000),
      releasedAt: null,
      confirmedAt: null,
      reason: null,
      createdAt: at,
    };
    if (options.writeAtCommit) await insertAtCommit(tx, unitHolds, hold);
    else await repo.insertHold(tx, hold);
    await audit(tx, mutation, {
      action: 'vehicle_unit.reserve',
      entityType: 'vehicle_unit',
      entityId: unit.id,
      before: { status: 'available' },
      after: { status: unit.status, holdId: hold.id, holder, expiresAt: hold.expiresAt.toISOString() },
    });
    await publish(
      tx,
      InventoryEvents.unitReserved,
      unit.id,
      { ...stockFacts(unit), holdId: hold.id, holder, expiresAt: hold.expiresAt.toISOString() },
      at,
    );
    await announceUnitChange(tx, unit, 'available', 'reserve', at);
    return { hold: toUnitHold(hold), unit: unitRef(unit) };
  });
}

/** Ends a live hold and puts its unit back on sale; HOLD_NOT_ACTIVE (409) when it had already ended. */
export function releaseHold(
  db: DbHandle,
  holdId: string,
  reason: string | null,
  mutation: Mutation,
): Promise<TUnitHold> {
  return withTransaction(db, async (tx) => {
    const hold = await repo.endHoldIf(tx, holdId, 'released', mutation.at, reason ?? 'released');
    if (!hold) throw await endedHoldError(tx, holdId, mutation.at);
    await putBack(tx, hold, 'released', mutation);
    return toUnitHold(hold);
  });
}

/**
 * Turns a live, unexpired hold into a sale (unit reserved -> sold); HOLD_NOT_ACTIVE (409) when it had ended
 * or its time is up, even if the expiry job has not run yet, so a late payment never sells a released car.
 */
export function confirmHold(db: DbHandle, holdId: string, mutation: Mutation): Promise<HoldResult> {
  return withTransaction(db, async (tx) => {
    const hold = await repo.endHoldIf(tx, holdId, 'confirmed', mutation.at, null, mutation.at);
    if (!hold) throw await endedHoldError(tx, holdId, mutation.at);
    const { from, to } = UNIT_TRANSITIONS.sell;
    const unit = await repo.moveUnitIf(tx, hold.unitId, from, to, mutation.at);
    // A live hold always has its unit reserved (both change together); anything else is a broken invariant.
    if (!unit) throw new Error(`hold ${hold.id} is live but unit ${hold.unitId} is not reserved`);
    await audit(tx, mutation, {
      action: 'vehicle_unit.sell',
      entityType: 'vehicle_unit',
      entityId: unit.id,
      before: { status: 'reserved', holdId: hold.id },
      after: { status: unit.status, holdId: hold.id, holder: hold.holder },
    });
    await announceUnitChange(tx, unit, 'reserved', 'sell', mutation.at);
    return { hold: toUnitHold(hold), unit: unitRef(unit) };
  });
}

/**
 * Releases every hold whose time is up (the every-minute job), in batches of `batch`, each batch one
 * transaction of conditional updates; returns how many it released. A restart loses nothing: the
 * holds table is the queue.
 */
export async function expireHolds(db: DbHandle, mutation: Mutation, batch = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await withTransaction(db, async (tx) => {
      const expired = await repo.expireDueHolds(tx, mutation.at, batch);
      for (const hold of expired) await putBack(tx, hold, 'expired', mutation);
      return expired.length;
    });
    total += n;
    if (n < batch) return total;
    // PGlite serialises queries: give the event loop a turn between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function getHold(db: DbHandle, holdId: string): Promise<TUnitHold> {
  const hold = await repo.findHold(db, holdId);
  if (!hold) throw new AppError('HOLD_NOT_FOUND');
  return toUnitHold(hold);
}

async function putBack(
  tx: DbHandle,
  hold: UnitHoldRow,
  reason: 'released' | 'expired',
  mutation: Mutation,
): Promise<void> {
  const { from, to } = UNIT_TRANSITIONS.release;
  const unit = await repo.moveUnitIf(tx, hold.unitId, from, to, mutation.at);
  if (!unit) throw new Error(`hold ${hold.id} was live but unit ${hold.unitId} is not reserved`);
  await audit(tx, mutation, {
    action: 'vehicle_unit.release',
    entityType: 'vehicle_unit',
    entityId: unit.id,
    before: { status: 'reserved', holdId: hold.id },
    after: { status: unit.status, holdId: hold.id, reason },
  });
  await publish(
    tx,
    InventoryEvents.unitReleased,
    unit.id,
    { ...stockFacts(unit), holdId: hold.id, holder: hold.holder, reason },
    mutation.at,
  );
  await announceUnitChange(tx, unit, 'reserved', 'release', mutation.at);
}

/** Why a hold could not be ended: missing, or ended already (a live hold past its time counts as expired). */
async function endedHoldError(db: DbHandle, holdId: string, at: Date): Promise<AppError> {
  const hold = await repo.findHold(db, holdId);
  if (!hold) return new AppError('HOLD_NOT_FOUND');
  const status = hold.status === 'held' && hold.expiresAt <= at ? 'expired' : hold.status;
  return new AppError('HOLD_NOT_ACTIVE', { status });
}

function unitRef(unit: VehicleUnitRow): HoldResult['unit'] {
  return {
    id: unit.id,
    vin: unit.vin,
    trimId: unit.trimId,
    storeId: unit.storeId,
    exteriorColour: unit.exteriorColour,
  };
}

/**
 * Puts a sold unit back on sale (sold -> available) in one conditional update: its order was cancelled,
 * or staff allocated the order another unit. UNIT_NOT_SOLD (409) when the unit is not sold (delivered,
 * or already back).
 */
export function returnUnitToStock(
  db: DbHandle,
  unitId: string,
  reason: string,
  mutation: Mutation,
): Promise<HoldResult['unit']> {
  return withTransaction(db, async (tx) => {
    const { from, to } = UNIT_TRANSITIONS.restock;
    const unit = await repo.moveUnitIf(tx, unitId, from, to, mutation.at);
    if (!unit) {
      const existing = await repo.findUnit(tx, unitId);
      if (!existing) throw new AppError('UNIT_NOT_FOUND');
      throw new AppError('UNIT_NOT_SOLD', { status: existing.status });
    }
    await audit(tx, mutation, {
      action: 'vehicle_unit.restock',
      entityType: 'vehicle_unit',
      entityId: unit.id,
      before: { status: 'sold' },
      after: { status: unit.status, reason },
    });
    await announceUnitChange(tx, unit, 'sold', 'restock', mutation.at);
    return unitRef(unit);
  });
}

/**
 * Takes a handed-over (or sold) car back off the buyer (三包 replacement): `delivered | sold -> in_transit`,
 * not on sale until staff receive it. UNIT_NOT_SOLD (409) when the unit is neither.
 */
export function takeBackUnit(
  db: DbHandle,
  unitId: string,
  reason: string,
  mutation: Mutation,
): Promise<HoldResult['unit']> {
  return withTransaction(db, async (tx) => {
    const { from, to } = UNIT_TRANSITIONS.take_back;
    const before = await repo.findUnit(tx, unitId);
    if (!before) throw new AppError('UNIT_NOT_FOUND');
    const unit = await repo.moveUnitIf(tx, unitId, from, to, mutation.at);
    if (!unit) throw new AppError('UNIT_NOT_SOLD', { status: before.status });
    await audit(tx, mutation, {
      action: 'vehicle_unit.take_back',
      entityType: 'vehicle_unit',
      entityId: unit.id,
      before: { status: before.status },
      after: { status: unit.status, reason },
    });
    await announceUnitChange(tx, unit, before.status, 'take_back', mutation.at);
    return unitRef(unit);
  });
}

/** The unit a used-car listing sells, or null when stock has no unit for it. */
export async function unitOfListing(
  db: DbHandle,
  listingId: string,
): Promise<(HoldResult['unit'] & { status: VehicleUnitRow['status'] }) | null> {
  const unit = await repo.findUnitOfListing(db, listingId);
  return unit ? { ...unitRef(unit), status: unit.status } : null;
}

/** Stores with an available unit of the trim (and colour): where an order for it can be sourced. */
export function storesWithAvailableUnit(
  db: DbHandle,
  trimId: string,
  colour?: string,
): Promise<{ storeId: string; dealerId: string | null; available: number }[]> {
  return repo.storesWithAvailableUnit(db, trimId, colour);
}
