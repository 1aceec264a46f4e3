import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { type AccessoryVariantFacts, accessoryVariantFacts } from '../accessories/index.js';
import type {
  TAccessoryStock,
  TAccessoryStockQuery,
  TAdjustAccessoryStockRequest,
} from './inventory.contract.js';
import { toAccessoryStock } from './inventory.mappers.js';
import * as repo from './inventory.repository.js';
import type { AccessoryStockRow, StockLocationRow } from './inventory.schema.js';

// Accessory SKU quantities per location, as a ledger: available = on_hand - reserved. Every change is ONE
// conditional statement (`... where on_hand - reserved >= n returning`), never a read followed by a write,
// so concurrent buyers can never take more than is there (medusa#16569, vendure#1738 oversold exactly so).
// The shop sums the lines of one SKU before it calls reserve.

/** One SKU at one location, and how many. */
export interface AccessoryStockLine {
  readonly locationId: string;
  readonly variantId: string;
  readonly quantity: number;
}

/** What a stock change left behind. */
export interface AccessoryStockLevel {
  readonly locationId: string;
  readonly variantId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

function level(row: AccessoryStockRow): AccessoryStockLevel {
  return {
    locationId: row.locationId,
    variantId: row.variantId,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
  };
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new AppError('ACCESSORY_QUANTITY_INVALID');
}

/**
 * Reserves `quantity` of a SKU at a location for a cart or order: one conditional UPDATE; throws
 * ACCESSORY_STOCK_UNAVAILABLE (409) when fewer are free. Sum the lines of one SKU before calling.
 */
export async function reserveAccessoryStock(
  db: DbHandle,
  line: AccessoryStockLine,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  assertQuantity(line.quantity);
  const row = await repo.reserveAccessory(db, line.locationId, line.variantId, line.quantity, mutation.at);
  if (row) return level(row);
  const now = await repo.findAccessoryStock(db, line.locationId, line.variantId);
  throw new AppError('ACCESSORY_STOCK_UNAVAILABLE', { available: now ? now.onHand - now.reserved : 0 });
}

/** Gives reserved units back (a cart expired, an order cancelled); ACCESSORY_STOCK_NOT_RESERVED (409) if fewer are. */
export async function releaseAccessoryStock(
  db: DbHandle,
  line: AccessoryStockLine,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  return settle(db, line, false, mutation);
}

/** Ships reserved units: on_hand and reserved both fall by `quantity`; ACCESSORY_STOCK_NOT_RESERVED (409) if fewer are. */
export async function commitAccessoryStock(
  db: DbHandle,
  line: AccessoryStockLine,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  return settle(db, line, true, mutation);
}

async function settle(
  db: DbHandle,
  line: AccessoryStockLine,
  ship: boolean,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  assertQuantity(line.quantity);
  const row = await repo.settleAccessory(
    db,
    line.locationId,
    line.variantId,
    line.quantity,
    ship,
    mutation.at,
  );
  if (row) return level(row);
  const now = await repo.findAccessoryStock(db, line.locationId, line.variantId);
  throw new AppError('ACCESSORY_STOCK_NOT_RESERVED', { reserved: now?.reserved ?? 0 });
}

/** A staff change of on-hand stock: a receipt or loss (`delta`) or a count (`onHand`), with its reason. */
export interface AccessoryAdjustment {
  readonly locationId: string;
  readonly variantId: string;
  readonly change: { readonly delta: number } | { readonly onHand: number };
  readonly reason: string;
}

/**
 * Receives, writes off or recounts a SKU at a location (staff; dealer staff at their own locations only).
 * One guarded statement (never below zero or below what is reserved: ACCESSORY_STOCK_BELOW_RESERVED, 409),
 * audited as `accessory_stock.adjust` with before and after.
 */
export function adjustAccessoryStock(
  db: DbHandle,
  input: AccessoryAdjustment,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  return withTransaction(db, async (tx) => {
    const location = await repo.findLocation(tx, input.locationId);
    const actor = mutation.actor?.kind === 'staff' ? mutation.actor : null;
    if (!location || (actor?.dealerId && actor.dealerId !== location.dealerId)) {
      throw new AppError('STOCK_LOCATION_NOT_FOUND');
    }
    return adjustAt(tx, location, input, mutation);
  });
}

/** The adjustment itself, on a location already checked (the import reuses it inside its transaction). */
export async function adjustAt(
  tx: DbHandle,
  location: StockLocationRow,
  input: AccessoryAdjustment,
  mutation: Mutation,
): Promise<AccessoryStockLevel> {
  const before = await repo.findAccessoryStock(tx, location.id, input.variantId);
  const row = await repo.changeAccessoryOnHand(
    tx,
    { locationId: location.id, variantId: input.variantId, dealerId: location.dealerId },
    input.change,
    mutation.at,
  );
  if (!row) {
    const now = await repo.findAccessoryStock(tx, location.id, input.variantId);
    throw new AppError('ACCESSORY_STOCK_BELOW_RESERVED', { reserved: now?.reserved ?? 0 });
  }
  await audit(tx, mutation, {
    action: 'accessory_stock.adjust',
    entityType: 'accessory_stock',
    entityId: `${location.id}:${input.variantId}`,
    before: before ? { onHand: before.onHand, reserved: before.reserved } : null,
    after: { onHand: row.onHand, reserved: row.reserved, ...input.change, reason: input.reason },
  });
  return level(row);
}

/** The HTTP form of an adjustment: the SKU by its code; answers the row as the board shows it. */
export async function adjustAccessoryStockBySku(
  db: DbHandle,
  input: TAdjustAccessoryStockRequest,
  mutation: Mutation,
): Promise<TAccessoryStock> {
  const [variant] = await accessoryVariantFacts(db, { skus: [input.sku] });
  if (!variant) throw new AppError('ACCESSORY_VARIANT_NOT_FOUND');
  const change = input.onHand !== undefined ? { onHand: input.onHand } : { delta: input.delta ?? 0 };
  await adjustAccessoryStock(
    db,
    { locationId: input.locationId, variantId: variant.id, change, reason: input.reason },
    mutation,
  );
  const row = await repo.findAccessoryStock(db, input.locationId, variant.id);
  const location = await repo.findLocation(db, input.locationId);
  if (!row || !location) throw new AppError('STOCK_LOCATION_NOT_FOUND');
  return toAccessoryStock(row, location, variant);
}

/** Accessory stock by location and SKU (dealer staff: their dealer's locations only). */
export async function listAccessoryStock(
  db: DbHandle,
  actor: StaffActor,
  query: TAccessoryStockQuery,
): Promise<{ items: TAccessoryStock[] }> {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  let variantIds: string[] | undefined;
  if (query.sku) {
    variantIds = (await accessoryVariantFacts(db, { skus: [query.sku] })).map((v) => v.id);
    if (variantIds.length === 0) return { items: [] };
  }
  const rows = await repo.listAccessoryStock(
    db,
    { dealerId: actor.dealerId ?? query.dealerId, locationId: query.locationId, variantIds },
    500,
  );
  const variants = new Map<string, AccessoryVariantFacts>(
    (await accessoryVariantFacts(db, { ids: rows.map((r) => r.variantId) })).map((v) => [v.id, v]),
  );
  const locations = new Map(
    (
      await repo.locationsByIds(
        db,
        rows.map((r) => r.locationId),
      )
    ).map((l) => [l.id, l]),
  );
  return {
    items: rows.flatMap((r) => {
      const location = locations.get(r.locationId);
      return location ? [toAccessoryStock(r, location, variants.get(r.variantId))] : [];
    }),
  };
}

/** Stock of SKUs at every location (the shop shows what is free and picks where to ship from). */
export async function accessoryStockLevels(
  db: DbHandle,
  variantIds: readonly string[],
): Promise<AccessoryStockLevel[]> {
  if (variantIds.length === 0) return [];
  const rows = await repo.listAccessoryStock(db, { variantIds: [...new Set(variantIds)] }, 1000);
  return rows.map(level);
}
