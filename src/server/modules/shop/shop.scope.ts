import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { type Mutation, staffOf } from '../../kernel/mutation.js';
import { locationIdsOfDealer } from '../inventory/index.js';
import * as repo from './shop.repository.js';

// Dealer staff see the shop orders that ship from their own dealer's stock locations (a line's location is
// where its units were held and leave from); platform staff see every order. Another dealer's order is
// "not found", never "forbidden", so its existence does not leak.

/** null for platform staff (no restriction), else the dealer's location ids (possibly none). */
export async function scopeLocations(db: DbHandle, mutation: Mutation): Promise<string[] | null> {
  const staff = staffOf(mutation);
  if (!staff.dealerId) return null;
  return locationIdsOfDealer(db, staff.dealerId);
}

/** Throws SHOP_ORDER_NOT_FOUND when dealer staff ask for an order none of whose lines ship from them. */
export async function assertShopOrderInScope(db: DbHandle, id: string, mutation: Mutation): Promise<void> {
  const locations = await scopeLocations(db, mutation);
  if (locations === null) return;
  const lines = await repo.linesOf(db, [id]);
  if (!lines.some((l) => locations.includes(l.locationId))) throw new AppError('SHOP_ORDER_NOT_FOUND');
}
