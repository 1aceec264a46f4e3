import { and, asc, desc, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { HoldStatus, UnitStatus } from './inventory.enums.js';
import {
  type AccessoryStockRow,
  accessoryStock,
  type NewStockLocationRow,
  type NewVehicleUnitRow,
  type StockLocationRow,
  stockLocations,
  type UnitHoldRow,
  unitHolds,
  type VehicleUnitRow,
  vehicleUnits,
} from './inventory.schema.js';

// The only code that reads and writes the inventory tables. Every take of a unit is one conditional
// statement (`... where status = 'available' returning`), never a read followed by a write.

// ---- stock locations ----

export async function insertLocation(db: DbHandle, row: NewStockLocationRow): Promise<void> {
  await db.insert(stockLocations).values(row);
}

export async function findLocation(db: DbHandle, id: string): Promise<StockLocationRow | undefined> {
  const [row] = await db.select().from(stockLocations).where(eq(stockLocations.id, id));
  return row;
}

export async function findLocationOfStore(
  db: DbHandle,
  storeId: string,
): Promise<StockLocationRow | undefined> {
  const [row] = await db.select().from(stockLocations).where(eq(stockLocations.storeId, storeId));
  return row;
}

/** All locations, or a dealer's (dealer staff see theirs only), by name. */
export function listLocations(db: DbHandle, dealerId: string | null): Promise<StockLocationRow[]> {
  return db
    .select()
    .from(stockLocations)
    .where(dealerId ? eq(stockLocations.dealerId, dealerId) : undefined)
    .orderBy(asc(stockLocations.cityCode), asc(stockLocations.name));
}

// ---- vehicle units ----

export async function insertUnit(db: DbHandle, row: NewVehicleUnitRow): Promise<VehicleUnitRow | undefined> {
  const [inserted] = await db.insert(vehicleUnits).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Many units at once (the demo seed); rows whose id or VIN exists are kept as they are. */
export async function insertUnits(db: DbHandle, rows: NewVehicleUnitRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(vehicleUnits).values(rows).onConflictDoNothing();
}

export async function findUnit(db: DbHandle, id: string): Promise<VehicleUnitRow | undefined> {
  const [row] = await db.select().from(vehicleUnits).where(eq(vehicleUnits.id, id));
  return row;
}

/** Locks the row for a transition (`for update`): concurrent changes to one unit queue here. */
export async function lockUnit(db: DbHandle, id: string): Promise<VehicleUnitRow | null> {
  const [row] = await db.select().from(vehicleUnits).where(eq(vehicleUnits.id, id)).for('update');
  return row ?? null;
}

/** Writes a transition on a locked unit; bumps the version. */
export async function setUnitStatus(
  db: DbHandle,
  id: string,
  status: UnitStatus,
  at: Date,
): Promise<VehicleUnitRow | undefined> {
  const [row] = await db
    .update(vehicleUnits)
    .set({ status, version: sql`${vehicleUnits.version} + 1`, updatedAt: at })
    .where(eq(vehicleUnits.id, id))
    .returning();
  return row;
}

/**
 * Moves a unit from one of `from` to `to` in one conditional statement; undefined when the unit is not in
 * one of those states (someone else got there first).
 */
export async function moveUnitIf(
  db: DbHandle,
  id: string,
  from: readonly UnitStatus[],
  to: UnitStatus,
  at: Date,
): Promise<VehicleUnitRow | undefined> {
  const [row] = await db
    .update(vehicleUnits)
    // The sell transition stamps the sale: turnover and replenishment count sales by sold_at.
    .set({
      status: to,
      version: sql`${vehicleUnits.version} + 1`,
      updatedAt: at,
      ...(to === 'sold' ? { soldAt: at } : {}),
    })
    .where(and(eq(vehicleUnits.id, id), inStatuses(vehicleUnits.status, from)))
    .returning();
  return row;
}

/** What a hold by trim picks from: an available unit of the trim at the store (and colour, when given). */
export interface UnitPick {
  readonly trimId: string;
  readonly storeId: string;
  readonly colour?: string | undefined;
}

/**
 * Takes any available new-car unit of a trim at a store (a used car's unit is sold only by its own
 * listing, so units with a listing are never picked) in one statement: the subquery locks the oldest stock
 * first (sell aged cars first) and skips units another transaction is taking, so concurrent buyers each
 * get a different unit, and none when the pool is empty.
 */
export async function takeUnitOfTrim(
  db: DbHandle,
  pick: UnitPick,
  from: readonly UnitStatus[],
  to: UnitStatus,
  at: Date,
): Promise<VehicleUnitRow | undefined> {
  const colour = pick.colour ? sql` and ${vehicleUnits.exteriorColour} = ${pick.colour}` : sql``;
  const picked = sql`(select ${vehicleUnits.id} from ${vehicleUnits}
    where ${vehicleUnits.trimId} = ${pick.trimId} and ${vehicleUnits.storeId} = ${pick.storeId}
      and ${vehicleUnits.listingId} is null
      and ${inStatuses(vehicleUnits.status, from)}${colour}
    order by ${vehicleUnits.enteredStockAt}, ${vehicleUnits.id}
    limit 1 for update skip locked)`;
  const [row] = await db
    .update(vehicleUnits)
    .set({ status: to, version: sql`${vehicleUnits.version} + 1`, updatedAt: at })
    .where(and(sql`${vehicleUnits.id} = ${picked}`, inStatuses(vehicleUnits.status, from)))
    .returning();
  return row;
}

export function inStatuses(column: typeof vehicleUnits.status, from: readonly UnitStatus[]): SQL {
  return sql`${column} in (${sql.join(
    from.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

export interface UnitFilter {
  dealerId?: string | undefined;
  storeId?: string | undefined;
  locationId?: string | undefined;
  trimId?: string | undefined;
  status?: UnitStatus | undefined;
}

/** Oldest stock first, keyset-paged on (entered_stock_at, id); returns limit+1 rows. */
export function listUnits(
  db: DbHandle,
  filter: UnitFilter,
  limit: number,
  after: { e: string; id: string } | undefined,
): Promise<VehicleUnitRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.dealerId ? eq(vehicleUnits.dealerId, filter.dealerId) : undefined,
    filter.storeId ? eq(vehicleUnits.storeId, filter.storeId) : undefined,
    filter.locationId ? eq(vehicleUnits.locationId, filter.locationId) : undefined,
    filter.trimId ? eq(vehicleUnits.trimId, filter.trimId) : undefined,
    filter.status ? eq(vehicleUnits.status, filter.status) : undefined,
    after
      ? or(
          sql`${vehicleUnits.enteredStockAt} > ${new Date(after.e).toISOString()}`,
          and(eq(vehicleUnits.enteredStockAt, new Date(after.e)), sql`${vehicleUnits.id} > ${after.id}`),
        )
      : undefined,
  ];
  return db
    .select()
    .from(vehicleUnits)
    .where(and(...conditions))
    .orderBy(asc(vehicleUnits.enteredStockAt), asc(vehicleUnits.id))
    .limit(limit + 1);
}

// ---- holds ----

export async function insertHold(db: DbHandle, row: typeof unitHolds.$inferInsert): Promise<UnitHoldRow> {
  const [inserted] = await db.insert(unitHolds).values(row).returning();
  if (!inserted) throw new Error('insert returned no hold');
  return inserted;
}

export async function findHold(db: DbHandle, id: string): Promise<UnitHoldRow | undefined> {
  const [row] = await db.select().from(unitHolds).where(eq(unitHolds.id, id));
  return row;
}

export async function lockHold(db: DbHandle, id: string): Promise<UnitHoldRow | null> {
  const [row] = await db.select().from(unitHolds).where(eq(unitHolds.id, id)).for('update');
  return row ?? null;
}

export function holdsOfUnit(db: DbHandle, unitId: string): Promise<UnitHoldRow[]> {
  return db.select().from(unitHolds).where(eq(unitHolds.unitId, unitId)).orderBy(desc(unitHolds.createdAt));
}

/**
 * Ends a live hold in one conditional statement (`where status = 'held'`); `unexpiredAt` also requires it
 * not to have expired by then (a confirm). Undefined when the hold had already ended.
 */
export async function endHoldIf(
  db: DbHandle,
  id: string,
  to: Exclude<HoldStatus, 'held'>,
  at: Date,
  reason: string | null,
  unexpiredAt?: Date,
): Promise<UnitHoldRow | undefined> {
  const [row] = await db
    .update(unitHolds)
    .set(
      to === 'confirmed' ? { status: to, confirmedAt: at, reason } : { status: to, releasedAt: at, reason },
    )
    .where(
      and(
        eq(unitHolds.id, id),
        eq(unitHolds.status, 'held'),
        unexpiredAt ? sql`${unitHolds.expiresAt} > ${unexpiredAt.toISOString()}` : undefined,
      ),
    )
    .returning();
  return row;
}

/**
 * Expires up to `limit` holds whose time is up, in one statement; holds another transaction is ending
 * (a confirm in flight) are skipped and looked at again on the next run.
 */
export function expireDueHolds(db: DbHandle, now: Date, limit: number): Promise<UnitHoldRow[]> {
  const due = sql`(select ${unitHolds.id} from ${unitHolds}
    where ${unitHolds.status} = 'held' and ${unitHolds.expiresAt} <= ${now.toISOString()}
    order by ${unitHolds.expiresAt} limit ${limit} for update skip locked)`;
  return db
    .update(unitHolds)
    .set({ status: 'expired', releasedAt: now, reason: 'expired' })
    .where(and(sql`${unitHolds.id} in ${due}`, eq(unitHolds.status, 'held'), lte(unitHolds.expiresAt, now)))
    .returning();
}

/** Whether a unit of the trim is available at the store (what its new-car listings sell from). */
export async function hasAvailableUnit(db: DbHandle, trimId: string, storeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: vehicleUnits.id })
    .from(vehicleUnits)
    .where(
      and(
        eq(vehicleUnits.trimId, trimId),
        eq(vehicleUnits.storeId, storeId),
        eq(vehicleUnits.status, 'available'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Whether the used car's own unit (by its listing) is available. */
export async function listingUnitAvailable(db: DbHandle, listingId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: vehicleUnits.id })
    .from(vehicleUnits)
    .where(and(eq(vehicleUnits.listingId, listingId), eq(vehicleUnits.status, 'available')))
    .limit(1);
  return row !== undefined;
}

/** Units available for longer than each age (in days) as of `now`: the aged-stock counts. */
export async function agedAvailableCounts(
  db: DbHandle,
  now: Date,
): Promise<{ over60: number; over90: number }> {
  const day = 86_400_000;
  const [row] = await db
    .select({
      over60: sql<number>`count(*) filter (where ${vehicleUnits.enteredStockAt} < ${new Date(now.getTime() - 60 * day)})::int`,
      over90: sql<number>`count(*) filter (where ${vehicleUnits.enteredStockAt} < ${new Date(now.getTime() - 90 * day)})::int`,
    })
    .from(vehicleUnits)
    .where(eq(vehicleUnits.status, 'available'));
  return { over60: row?.over60 ?? 0, over90: row?.over90 ?? 0 };
}

/** Trims at stores with stock on hand (any status but delivered) and fewer than `threshold` available. */
export async function lowStockCount(db: DbHandle, threshold: number): Promise<number> {
  const rows = await db
    .select({ trimId: vehicleUnits.trimId, storeId: vehicleUnits.storeId })
    .from(vehicleUnits)
    .where(sql`${vehicleUnits.status} <> 'delivered' and ${vehicleUnits.storeId} is not null`)
    .groupBy(vehicleUnits.trimId, vehicleUnits.storeId)
    .having(sql`count(*) filter (where ${vehicleUnits.status} = 'available') < ${threshold}`);
  return rows.length;
}

/** Units whose VIN is among `vins` (the import's duplicate check against the books). */
export function unitsWithVins(db: DbHandle, vins: readonly string[]): Promise<{ id: string; vin: string }[]> {
  if (vins.length === 0) return Promise.resolve([]);
  return db
    .select({ id: vehicleUnits.id, vin: vehicleUnits.vin })
    .from(vehicleUnits)
    .where(inArray(vehicleUnits.vin, [...vins]));
}

/** Locations by id (a page's units, an import's rows). */
export function locationsByIds(db: DbHandle, ids: readonly string[]): Promise<StockLocationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(stockLocations)
    .where(inArray(stockLocations.id, [...new Set(ids)]));
}

// ---- accessory stock (a ledger: availability = on_hand - reserved; each change one guarded statement) ----

const stockKey = (locationId: string, variantId: string) =>
  and(eq(accessoryStock.locationId, locationId), eq(accessoryStock.variantId, variantId));

export async function findAccessoryStock(
  db: DbHandle,
  locationId: string,
  variantId: string,
): Promise<AccessoryStockRow | undefined> {
  const [row] = await db.select().from(accessoryStock).where(stockKey(locationId, variantId));
  return row;
}

/** Takes `quantity` from what is free in ONE statement: no row when fewer than that are available. */
export async function reserveAccessory(
  db: DbHandle,
  locationId: string,
  variantId: string,
  quantity: number,
  at: Date,
): Promise<AccessoryStockRow | undefined> {
  const [row] = await db
    .update(accessoryStock)
    .set({
      reserved: sql`${accessoryStock.reserved} + ${quantity}`,
      version: sql`${accessoryStock.version} + 1`,
      updatedAt: at,
    })
    .where(
      and(
        stockKey(locationId, variantId),
        sql`${accessoryStock.onHand} - ${accessoryStock.reserved} >= ${quantity}`,
      ),
    )
    .returning();
  return row;
}

/**
 * Gives back (`ship = false`) or ships (`ship = true`: on_hand and reserved both fall) `quantity` reserved
 * units in one statement; no row when fewer than that are reserved.
 */
export async function settleAccessory(
  db: DbHandle,
  locationId: string,
  variantId: string,
  quantity: number,
  ship: boolean,
  at: Date,
): Promise<AccessoryStockRow | undefined> {
  const [row] = await db
    .update(accessoryStock)
    .set({
      reserved: sql`${accessoryStock.reserved} - ${quantity}`,
      ...(ship ? { onHand: sql`${accessoryStock.onHand} - ${quantity}` } : {}),
      version: sql`${accessoryStock.version} + 1`,
      updatedAt: at,
    })
    .where(and(stockKey(locationId, variantId), sql`${accessoryStock.reserved} >= ${quantity}`))
    .returning();
  return row;
}

/**
 * Changes on_hand by `delta` (a receipt, a loss) or sets it to a counted figure, in one statement guarded
 * so it never falls below what is reserved; a receipt at a new (location, SKU) makes the row. Undefined
 * when the guard refused (or a negative change found no row).
 */
export async function changeAccessoryOnHand(
  db: DbHandle,
  key: { locationId: string; variantId: string; dealerId: string | null },
  change: { delta: number } | { onHand: number },
  at: Date,
): Promise<AccessoryStockRow | undefined> {
  const target =
    'delta' in change ? sql`${accessoryStock.onHand} + ${change.delta}` : sql`${change.onHand}::int`;
  const initial = 'delta' in change ? change.delta : change.onHand;
  if (initial >= 0) {
    const [row] = await db
      .insert(accessoryStock)
      .values({ ...key, onHand: initial, reserved: 0, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: [accessoryStock.locationId, accessoryStock.variantId],
        set: { onHand: target, version: sql`${accessoryStock.version} + 1`, updatedAt: at },
        setWhere: sql`${target} >= ${accessoryStock.reserved}`,
      })
      .returning();
    return row;
  }
  const [row] = await db
    .update(accessoryStock)
    .set({ onHand: target, version: sql`${accessoryStock.version} + 1`, updatedAt: at })
    .where(and(stockKey(key.locationId, key.variantId), sql`${target} >= ${accessoryStock.reserved}`))
    .returning();
  return row;
}

export interface AccessoryStockFilter {
  dealerId?: string | undefined;
  locationId?: string | undefined;
  variantIds?: readonly string[] | undefined;
}

/** Accessory stock rows by location and variant (at most `limit`). */
export function listAccessoryStock(
  db: DbHandle,
  filter: AccessoryStockFilter,
  limit: number,
): Promise<AccessoryStockRow[]> {
  return db
    .select()
    .from(accessoryStock)
    .where(
      and(
        filter.dealerId ? eq(accessoryStock.dealerId, filter.dealerId) : undefined,
        filter.locationId ? eq(accessoryStock.locationId, filter.locationId) : undefined,
        filter.variantIds ? inArray(accessoryStock.variantId, [...filter.variantIds]) : undefined,
      ),
    )
    .orderBy(asc(accessoryStock.locationId), asc(accessoryStock.variantId))
    .limit(limit);
}

/** Accessory rows with little or nothing free (on_hand - reserved below `threshold`). */
export async function lowAccessoryCount(
  db: DbHandle,
  dealerId: string | null,
  threshold: number,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accessoryStock)
    .where(
      and(
        dealerId ? eq(accessoryStock.dealerId, dealerId) : undefined,
        sql`${accessoryStock.onHand} - ${accessoryStock.reserved} < ${threshold}`,
      ),
    );
  return row?.n ?? 0;
}

/** The demo seed's new-car units (their ids start veh_seed_ and they sell from a store, not a listing). */
export function seededNewCarUnits(db: DbHandle): Promise<VehicleUnitRow[]> {
  return db
    .select()
    .from(vehicleUnits)
    .where(
      sql`${vehicleUnits.id} like 'veh\_seed\_%' and ${vehicleUnits.listingId} is null and ${vehicleUnits.storeId} is not null`,
    )
    .orderBy(asc(vehicleUnits.id));
}

/** The unit a used-car listing sells (its own car), any status. */
export async function findUnitOfListing(
  db: DbHandle,
  listingId: string,
): Promise<VehicleUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(vehicleUnits)
    .where(eq(vehicleUnits.listingId, listingId))
    .orderBy(desc(vehicleUnits.createdAt))
    .limit(1);
  return row;
}

/** Stores holding an available new-car unit of a trim (and colour), with how many: where an order can be sourced. */
export async function storesWithAvailableUnit(
  db: DbHandle,
  trimId: string,
  colour: string | undefined,
): Promise<{ storeId: string; dealerId: string | null; available: number }[]> {
  const rows = await db
    .select({
      storeId: vehicleUnits.storeId,
      dealerId: vehicleUnits.dealerId,
      available: sql<number>`count(*)::int`,
    })
    .from(vehicleUnits)
    .where(
      and(
        eq(vehicleUnits.trimId, trimId),
        eq(vehicleUnits.status, 'available'),
        sql`${vehicleUnits.storeId} is not null and ${vehicleUnits.listingId} is null`,
        colour ? eq(vehicleUnits.exteriorColour, colour) : undefined,
      ),
    )
    .groupBy(vehicleUnits.storeId, vehicleUnits.dealerId);
  return rows.flatMap((r) =>
    r.storeId ? [{ storeId: r.storeId, dealerId: r.dealerId, available: r.available }] : [],
  );
}

/**
 * Units on hand now (not yet delivered) and how many of them have been available for over 60 days, for the
 * whole platform or one dealer: the analytics dashboard's inventory turnover and aged stock.
 */
export async function stockSnapshot(
  db: DbHandle,
  now: Date,
  dealerId: string | null,
): Promise<{ onHand: number; agedOver60: number }> {
  const [row] = await db
    .select({
      onHand: sql<number>`count(*)::int`,
      agedOver60: sql<number>`count(*) filter (where ${vehicleUnits.status} = 'available' and ${vehicleUnits.enteredStockAt} < ${new Date(now.getTime() - 60 * 86_400_000)})::int`,
    })
    .from(vehicleUnits)
    .where(
      dealerId
        ? sql`${vehicleUnits.status} <> 'delivered' and ${vehicleUnits.dealerId} = ${dealerId}`
        : sql`${vehicleUnits.status} <> 'delivered'`,
    );
  return { onHand: row?.onHand ?? 0, agedOver60: row?.agedOver60 ?? 0 };
}
