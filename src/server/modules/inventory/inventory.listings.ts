import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import type { Mutation } from '../../kernel/mutation.js';
import { followListingStock, newCarListingsAtStore } from '../listings/index.js';
import * as repo from './inventory.repository.js';

// Listings follow stock (003 §3.3.2): a new-car listing sells from the available units of its trim at its
// store, a used-car listing is its one unit. With nothing available it goes off sale; when a unit is available
// again, a listing the system took off sale goes back on sale.

export interface StockChange {
  readonly trimId: string;
  readonly storeId: string | null;
  readonly listingId: string | null;
}

/**
 * Puts the listings that sell this stock on or off sale. Runs per stock event; one (trim, store) at a time
 * under an advisory lock, so the last change to commit is also the last one judged, whatever order the
 * events arrive in.
 */
export async function syncListingsWithStock(
  db: DbHandle,
  change: StockChange,
  mutation: Mutation,
): Promise<{ soldOut: string[]; restocked: string[] }> {
  const result = { soldOut: [] as string[], restocked: [] as string[] };
  await withTransaction(db, async (tx) => {
    const key = change.listingId ?? `${change.trimId}|${change.storeId ?? ''}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inventory:listing-stock:${key}`}))`);
    const targets: { id: string; available: boolean }[] = [];
    if (change.listingId) {
      targets.push({
        id: change.listingId,
        available: await repo.listingUnitAvailable(tx, change.listingId),
      });
    } else if (change.storeId) {
      const available = await repo.hasAvailableUnit(tx, change.trimId, change.storeId);
      for (const id of await newCarListingsAtStore(tx, change.trimId, change.storeId))
        targets.push({ id, available });
    }
    for (const t of targets) {
      const outcome = await followListingStock(tx, t.id, t.available, mutation);
      if (outcome === 'sold_out') result.soldOut.push(t.id);
      if (outcome === 'restocked') result.restocked.push(t.id);
    }
  });
  return result;
}
