import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import {
  confirmHold,
  type HoldResult,
  holdUnit,
  storesWithAvailableUnit,
  takeBackUnit,
} from '../inventory/index.js';
import * as repo from './orders.repository.js';
import { addTimeline } from './orders.shared.js';

/** The car a replacement gave the order, and the one it took back. */
export interface ReplacedUnit {
  readonly unitId: string;
  readonly vin: string;
  readonly storeId: string | null;
  readonly previousUnitId: string | null;
  readonly previousVin: string | null;
}

// A hold that is confirmed in the same transaction only needs to live for that transaction.
const REPLACEMENT_HOLD_MINUTES = 5;

/**
 * 三包 replacement: gives a handed-over order a new unit of the same trim and colour (the order's store first,
 * then any store of the same dealer), sells it to the order (hold + confirm), takes the old unit back off sale
 * (inventory `take_back`), and writes the change on the order's timeline. INVENTORY_UNAVAILABLE (409) with
 * nothing changed when no such unit is in stock. Runs in the caller's transaction; the caller checked who
 * may do it.
 */
export function replaceOrderUnit(
  db: DbHandle,
  input: { orderId: string; reason: { zh: string; en: string } },
  mutation: Mutation,
): Promise<ReplacedUnit> {
  return withTransaction(db, async (tx) => {
    const row = await repo.lockOrder(tx, input.orderId);
    if (!row) throw new AppError('ORDER_NOT_FOUND');
    const colour = row.colour ?? undefined;
    const stores: string[] = [];
    if (row.unitStoreId ?? row.storeId) stores.push((row.unitStoreId ?? row.storeId) as string);
    for (const s of await storesWithAvailableUnit(tx, row.trimId, colour)) {
      if (s.dealerId === row.dealerId && !stores.includes(s.storeId)) stores.push(s.storeId);
    }
    let held: HoldResult | null = null;
    for (const storeId of stores) {
      try {
        held = await holdUnit(
          tx,
          { trimId: row.trimId, storeId, colour },
          row.id,
          { ttlMinutes: REPLACEMENT_HOLD_MINUTES },
          mutation,
        );
        break;
      } catch (err) {
        // Taken by another order between the count and the take: try the next store.
        if (!(err instanceof AppError) || err.code !== 'INVENTORY_UNAVAILABLE') throw err;
      }
    }
    if (!held) throw new AppError('INVENTORY_UNAVAILABLE', { trimId: row.trimId, colour: colour ?? null });
    await confirmHold(tx, held.hold.id, mutation);
    if (row.unitId) {
      await takeBackUnit(tx, row.unitId, `order ${row.orderNumber} 三包 replacement`, mutation);
    }
    const after = await repo.updateOrder(tx, row.id, {
      unitId: held.unit.id,
      vin: held.unit.vin,
      holdId: held.hold.id,
      unitStoreId: held.unit.storeId,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'order.replace_unit',
      entityType: 'order',
      entityId: row.id,
      before: { unitId: row.unitId, vin: row.vin },
      after: { unitId: after.unitId, vin: after.vin },
    });
    await addTimeline(tx, after, after.status, after.status, mutation, {
      zh: `${input.reason.zh}；新车 VIN ${held.unit.vin}${row.vin ? `，原车 VIN ${row.vin} 已收回` : ''}`,
      en: `${input.reason.en}; new car VIN ${held.unit.vin}${row.vin ? `, car VIN ${row.vin} taken back` : ''}`,
    });
    return {
      unitId: held.unit.id,
      vin: held.unit.vin,
      storeId: held.unit.storeId,
      previousUnitId: row.unitId,
      previousVin: row.vin,
    };
  });
}
