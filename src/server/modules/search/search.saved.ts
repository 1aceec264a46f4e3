import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import type { TSavedList } from './search.contract.js';
import { iso, toVehicleCard } from './search.mappers.js';
import * as repo from './search.repository.js';
import * as buyerRepo from './search.saved.repository.js';

// A buyer's favourites and browsing history (anonymous ones kept in the browser are merged at sign-in).

async function savedList(db: DbHandle, entries: { listingId: string; at: Date }[]): Promise<TSavedList> {
  const rows = await repo.searchRowsByIds(
    db,
    entries.map((e) => e.listingId),
  );
  const byId = new Map(rows.map((r) => [r.listingId, r]));
  return {
    items: entries.map((e) => {
      const r = byId.get(e.listingId);
      return { listingId: e.listingId, at: iso(e.at), vehicle: r ? toVehicleCard(r) : null };
    }),
  };
}

const SAVED_LIMIT = 200;

export async function listFavourites(db: DbHandle, buyerId: string): Promise<TSavedList> {
  return savedList(db, await buyerRepo.listFavourites(db, buyerId, SAVED_LIMIT));
}

/** Adds a favourite (idempotent); the listing must be public. */
export async function addFavourite(
  db: DbHandle,
  buyerId: string,
  listingId: string,
  now: Date,
): Promise<TSavedList> {
  const row = await repo.searchRowById(db, listingId);
  if (!row) throw new AppError('VEHICLE_NOT_FOUND', { id: listingId });
  await buyerRepo.addFavourites(db, buyerId, [listingId], now);
  return listFavourites(db, buyerId);
}

export async function removeFavourite(db: DbHandle, buyerId: string, listingId: string): Promise<TSavedList> {
  await buyerRepo.removeFavourite(db, buyerId, listingId);
  return listFavourites(db, buyerId);
}

/** Merges the browser's anonymous favourites into the account: unknown ids are skipped, repeats are harmless. */
export async function mergeFavourites(
  db: DbHandle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<{ merged: number; skipped: number; total: number }> {
  const unique = [...new Set(listingIds)];
  const known = new Set((await repo.searchRowsByIds(db, unique)).map((r) => r.listingId));
  const merged = await buyerRepo.addFavourites(
    db,
    buyerId,
    unique.filter((id) => known.has(id)),
    now,
  );
  return { merged, skipped: unique.length - known.size, total: await buyerRepo.countFavourites(db, buyerId) };
}

export async function listHistory(db: DbHandle, buyerId: string): Promise<TSavedList> {
  return savedList(db, await buyerRepo.listHistory(db, buyerId, SAVED_LIMIT));
}

/** Records that the buyer viewed a public vehicle: one row per vehicle, its time moved to now (top of the list). */
export async function recordHistory(
  db: DbHandle,
  buyerId: string,
  listingId: string,
  now: Date,
): Promise<void> {
  if (!(await repo.searchRowById(db, listingId))) throw new AppError('VEHICLE_NOT_FOUND', { id: listingId });
  await buyerRepo.upsertHistory(db, buyerId, [{ listingId, viewedAt: now }]);
}

/**
 * Merges the browser's anonymous history (most recent first): each id gets a view time just before
 * now in that order; an existing newer view is kept, so repeating the merge changes nothing.
 */
export async function mergeHistory(
  db: DbHandle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<{ merged: number; skipped: number; total: number }> {
  const unique = [...new Set(listingIds)];
  const known = new Set((await repo.searchRowsByIds(db, unique)).map((r) => r.listingId));
  const entries = unique
    .map((id, i) => ({ listingId: id, viewedAt: new Date(now.getTime() - (i + 1) * 1000) }))
    .filter((e) => known.has(e.listingId));
  const merged = await buyerRepo.upsertHistory(db, buyerId, entries);
  return { merged, skipped: unique.length - known.size, total: await buyerRepo.countHistory(db, buyerId) };
}
