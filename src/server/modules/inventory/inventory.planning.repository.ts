import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { SuggestionStatus } from './inventory.enums.js';
import { inStatuses } from './inventory.repository.js';
import {
  type ReplenishmentSettingRow,
  type ReplenishmentSuggestionRow,
  replenishmentSettings,
  replenishmentSuggestions,
  vehicleUnits,
} from './inventory.schema.js';

// The planning side of the inventory tables: turnover, demand, replenishment settings and suggestions, and
// the stock summary per store and trim. Read-mostly aggregates; inventory.repository.ts keeps the units,
// holds and accessory stock every take goes through.

// ---- turnover ----

/** Per (location, trim): units sold in [from, to) and the unit-days on hand inside [from, to). */
export interface TurnoverCell {
  locationId: string;
  trimId: string;
  sold: number;
  onHandDays: number;
}

/**
 * A unit is on hand from entered_stock_at until sold_at (or still, when unsold); units still in transit
 * are not on hand. Overlaps with [from, to) are summed in days.
 */
export async function turnoverCells(
  db: DbHandle,
  from: Date,
  to: Date,
  dealerId: string | null,
): Promise<TurnoverCell[]> {
  const f = from.toISOString();
  const t = to.toISOString();
  const end = sql`least(coalesce(${vehicleUnits.soldAt}, ${t}::timestamptz), ${t}::timestamptz)`;
  const start = sql`greatest(${vehicleUnits.enteredStockAt}, ${f}::timestamptz)`;
  const rows = await db
    .select({
      locationId: vehicleUnits.locationId,
      trimId: vehicleUnits.trimId,
      sold: sql<number>`(count(*) filter (where ${vehicleUnits.soldAt} >= ${f}::timestamptz and ${vehicleUnits.soldAt} < ${t}::timestamptz))::int`,
      onHandDays: sql<string>`coalesce(sum(greatest(extract(epoch from (${end} - ${start})), 0)), 0) / 86400.0`,
    })
    .from(vehicleUnits)
    .where(
      and(
        dealerId ? eq(vehicleUnits.dealerId, dealerId) : undefined,
        sql`${vehicleUnits.status} <> 'in_transit'`,
        sql`${vehicleUnits.enteredStockAt} < ${t}::timestamptz`,
        sql`(${vehicleUnits.soldAt} is null or ${vehicleUnits.soldAt} >= ${f}::timestamptz)`,
      ),
    )
    .groupBy(vehicleUnits.locationId, vehicleUnits.trimId);
  return rows.map((r) => ({ ...r, onHandDays: Number(r.onHandDays) }));
}

// ---- replenishment ----

/** Per (store, trim) with sales in the window: units sold since `since`, available and in transit now. */
export interface DemandCell {
  storeId: string;
  locationId: string;
  dealerId: string | null;
  trimId: string;
  sold: number;
  available: number;
  inTransit: number;
}

export async function demandCells(db: DbHandle, since: Date, until: Date): Promise<DemandCell[]> {
  const s = since.toISOString();
  const u = until.toISOString();
  const sold = sql<number>`(count(*) filter (where ${vehicleUnits.soldAt} >= ${s}::timestamptz and ${vehicleUnits.soldAt} < ${u}::timestamptz))::int`;
  const rows = await db
    .select({
      storeId: sql<string>`${vehicleUnits.storeId}`,
      locationId: vehicleUnits.locationId,
      dealerId: vehicleUnits.dealerId,
      trimId: vehicleUnits.trimId,
      sold,
      available: sql<number>`(count(*) filter (where ${vehicleUnits.status} = 'available'))::int`,
      inTransit: sql<number>`(count(*) filter (where ${vehicleUnits.status} = 'in_transit'))::int`,
    })
    .from(vehicleUnits)
    .where(
      and(
        sql`${vehicleUnits.storeId} is not null`,
        sql`(${vehicleUnits.status} in ('available', 'in_transit') or ${vehicleUnits.soldAt} >= ${s}::timestamptz)`,
      ),
    )
    .groupBy(vehicleUnits.storeId, vehicleUnits.locationId, vehicleUnits.dealerId, vehicleUnits.trimId)
    .having(sql`${sold} > 0`);
  return rows;
}

export function listReplenishmentSettings(db: DbHandle): Promise<ReplenishmentSettingRow[]> {
  return db
    .select()
    .from(replenishmentSettings)
    .orderBy(asc(replenishmentSettings.scope), asc(replenishmentSettings.scopeId));
}

export async function upsertReplenishmentSetting(
  db: DbHandle,
  row: ReplenishmentSettingRow,
): Promise<ReplenishmentSettingRow | undefined> {
  const before = await db
    .select()
    .from(replenishmentSettings)
    .where(and(eq(replenishmentSettings.scope, row.scope), eq(replenishmentSettings.scopeId, row.scopeId)));
  await db
    .insert(replenishmentSettings)
    .values(row)
    .onConflictDoUpdate({
      target: [replenishmentSettings.scope, replenishmentSettings.scopeId],
      set: { leadTimeDays: row.leadTimeDays, bufferUnits: row.bufferUnits, updatedAt: row.updatedAt },
    });
  return before[0];
}

type SuggestionFigures = Omit<
  ReplenishmentSuggestionRow,
  | 'id'
  | 'status'
  | 'acceptedQuantity'
  | 'dismissReason'
  | 'decidedBy'
  | 'decidedAt'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;

/**
 * Opens a suggestion, or refreshes the figures of the open one for the same (store, trim): the partial
 * unique index decides, so two runs never open two. Returns the row and whether it was new.
 */
export async function upsertOpenSuggestion(
  db: DbHandle,
  id: string,
  figures: SuggestionFigures,
  at: Date,
): Promise<{ row: ReplenishmentSuggestionRow; created: boolean }> {
  const [row] = await db
    .insert(replenishmentSuggestions)
    .values({ ...figures, id, status: 'open', createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: [replenishmentSuggestions.storeId, replenishmentSuggestions.trimId],
      targetWhere: sql`${replenishmentSuggestions.status} = 'open'`,
      set: {
        sold30d: figures.sold30d,
        avgDailySales: figures.avgDailySales,
        leadTimeDays: figures.leadTimeDays,
        bufferUnits: figures.bufferUnits,
        safetyStock: figures.safetyStock,
        available: figures.available,
        inTransit: figures.inTransit,
        suggestedQuantity: figures.suggestedQuantity,
        computedAt: figures.computedAt,
        version: sql`${replenishmentSuggestions.version} + 1`,
        updatedAt: at,
      },
    })
    .returning();
  if (!row) throw new Error('upsert returned no suggestion');
  return { row, created: row.id === id };
}

export async function findSuggestion(
  db: DbHandle,
  id: string,
): Promise<ReplenishmentSuggestionRow | undefined> {
  const [row] = await db.select().from(replenishmentSuggestions).where(eq(replenishmentSuggestions.id, id));
  return row;
}

export async function lockSuggestion(db: DbHandle, id: string): Promise<ReplenishmentSuggestionRow | null> {
  const [row] = await db
    .select()
    .from(replenishmentSuggestions)
    .where(eq(replenishmentSuggestions.id, id))
    .for('update');
  return row ?? null;
}

export async function decideSuggestion(
  db: DbHandle,
  id: string,
  patch: {
    status: SuggestionStatus;
    acceptedQuantity: number | null;
    dismissReason: string | null;
    decidedBy: string | null;
    decidedAt: Date;
  },
): Promise<ReplenishmentSuggestionRow | undefined> {
  const [row] = await db
    .update(replenishmentSuggestions)
    .set({ ...patch, version: sql`${replenishmentSuggestions.version} + 1`, updatedAt: patch.decidedAt })
    .where(eq(replenishmentSuggestions.id, id))
    .returning();
  return row;
}

export function listSuggestions(
  db: DbHandle,
  filter: {
    dealerId?: string | undefined;
    status?: SuggestionStatus | undefined;
    storeId?: string | undefined;
  },
  limit: number,
): Promise<ReplenishmentSuggestionRow[]> {
  return db
    .select()
    .from(replenishmentSuggestions)
    .where(
      and(
        filter.dealerId ? eq(replenishmentSuggestions.dealerId, filter.dealerId) : undefined,
        filter.status ? eq(replenishmentSuggestions.status, filter.status) : undefined,
        filter.storeId ? eq(replenishmentSuggestions.storeId, filter.storeId) : undefined,
      ),
    )
    .orderBy(desc(replenishmentSuggestions.suggestedQuantity), asc(replenishmentSuggestions.id))
    .limit(limit);
}

/** Per (store, trim) stock and aged counts for the board's summary (one grouped statement). */
export interface StockSummaryCell {
  storeId: string | null;
  locationId: string;
  dealerId: string | null;
  trimId: string;
  inTransit: number;
  available: number;
  reserved: number;
  aged60: number;
  aged90: number;
  oldestEnteredAt: Date | null;
}

export async function stockSummaryCells(
  db: DbHandle,
  now: Date,
  dealerId: string | null,
): Promise<StockSummaryCell[]> {
  const day = 86_400_000;
  const d60 = new Date(now.getTime() - 60 * day).toISOString();
  const d90 = new Date(now.getTime() - 90 * day).toISOString();
  const onLot = sql`${vehicleUnits.status} in ('available', 'reserved')`;
  const rows = await db
    .select({
      storeId: vehicleUnits.storeId,
      locationId: vehicleUnits.locationId,
      dealerId: vehicleUnits.dealerId,
      trimId: vehicleUnits.trimId,
      inTransit: sql<number>`(count(*) filter (where ${vehicleUnits.status} = 'in_transit'))::int`,
      available: sql<number>`(count(*) filter (where ${vehicleUnits.status} = 'available'))::int`,
      reserved: sql<number>`(count(*) filter (where ${vehicleUnits.status} = 'reserved'))::int`,
      aged60: sql<number>`(count(*) filter (where ${onLot} and ${vehicleUnits.enteredStockAt} < ${d60}::timestamptz))::int`,
      aged90: sql<number>`(count(*) filter (where ${onLot} and ${vehicleUnits.enteredStockAt} < ${d90}::timestamptz))::int`,
      oldestEnteredAt: sql<string | null>`min(${vehicleUnits.enteredStockAt}) filter (where ${onLot})`,
    })
    .from(vehicleUnits)
    .where(
      and(
        dealerId ? eq(vehicleUnits.dealerId, dealerId) : undefined,
        inStatuses(vehicleUnits.status, ['in_transit', 'available', 'reserved']),
      ),
    )
    .groupBy(vehicleUnits.storeId, vehicleUnits.locationId, vehicleUnits.dealerId, vehicleUnits.trimId);
  return rows.map((r) => ({ ...r, oldestEnteredAt: r.oldestEnteredAt ? new Date(r.oldestEnteredAt) : null }));
}
