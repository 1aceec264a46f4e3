import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { coloursOfTrims, searchTrimOptions, trimFactsOf } from '../catalog/index.js';
import type { TListing, TListingListQuery, TReviewQueueQuery, TTrimOption } from './listings.contract.js';
import { type ListingView, toListing } from './listings.mappers.js';
import type { ListingRecord, ListingStatus } from './listings.repository.js';
import * as repo from './listings.repository.js';

/** States in which the author may edit; editing a rejected listing turns it back into a draft. */
export const EDITABLE: readonly ListingStatus[] = ['draft', 'rejected', 'delisted'];

const ZUpdatedCursor = z.object({ u: z.string(), id: z.string() });

/** The listing if the actor may see it; another dealer's listing is "not found" (no existence leak). */
export function assertVisible<T extends { dealerId: string }>(
  actor: StaffActor | null,
  row: T | undefined,
): T {
  if (!row || (actor && actor.dealerId !== null && actor.dealerId !== row.dealerId)) {
    throw new AppError('LISTING_NOT_FOUND');
  }
  return row;
}

/** Adds each listing's trim, series and brand names from the model database. */
async function withTrims(db: DbHandle, records: ListingRecord[]): Promise<ListingView[]> {
  const facts = new Map(
    (
      await trimFactsOf(
        db,
        records.map((r) => r.listing.trimId),
      )
    ).map((t) => [t.id, t]),
  );
  return records.flatMap((r) => {
    const trim = facts.get(r.listing.trimId);
    return trim ? [{ ...r, trim }] : [];
  });
}

export async function findListingView(db: DbHandle, id: string): Promise<ListingView | undefined> {
  const record = await repo.findListingRecord(db, id);
  if (!record) return undefined;
  const [view] = await withTrims(db, [record]);
  return view;
}

export async function loadView(db: DbHandle, id: string): Promise<ListingView> {
  const v = await findListingView(db, id);
  if (!v) throw new AppError('LISTING_NOT_FOUND');
  return v;
}

/** Staff list: dealer staff see only their dealer's listings (asking for another dealer is FORBIDDEN). */
export async function listListings(
  db: DbHandle,
  actor: StaffActor,
  query: TListingListQuery,
): Promise<{ items: TListing[]; nextCursor: string | null }> {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  const after = decodeCursor(query.cursor, ZUpdatedCursor);
  const rows = await repo.listListingRecords(db, {
    dealerId: actor.dealerId ?? query.dealerId,
    status: query.status,
    kind: query.kind,
    q: query.q,
    after,
    limit: query.limit,
  });
  return toPage(await withTrims(db, rows), query.limit, toListing, (r) => ({
    u: r.listing.updatedAt.toISOString(),
    id: r.listing.id,
  }));
}

export async function getListing(db: DbHandle, actor: StaffActor, id: string): Promise<TListing> {
  const v = await findListingView(db, id);
  assertVisible(actor, v?.listing);
  return toListing(v as ListingView);
}

/** The review queue: listings waiting for review, oldest first, with their ad-law flags. */
export async function reviewQueue(
  db: DbHandle,
  actor: StaffActor,
  query: TReviewQueueQuery,
): Promise<{ items: TListing[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ZUpdatedCursor);
  const rows = await repo.listReviewQueue(db, { after, limit: query.limit });
  const visible = actor.dealerId ? rows.filter((r) => r.listing.dealerId === actor.dealerId) : rows;
  return toPage(await withTrims(db, visible), query.limit, toListing, (r) => ({
    u: r.listing.updatedAt.toISOString(),
    id: r.listing.id,
  }));
}

/** Trims for the editor's picker, with the colours a new-car offer may name. */
export async function trimOptions(
  db: DbHandle,
  q: string | undefined,
  limit: number,
): Promise<TTrimOption[]> {
  const found = await searchTrimOptions(db, q, limit);
  const colours = await coloursOfTrims(
    db,
    found.map((t) => t.id),
  );
  return found.map((t) => ({
    id: t.id,
    label: `${t.brandName} ${t.seriesName} ${t.name}`,
    modelYear: t.modelYear,
    guidePriceFen: t.guidePriceFen,
    brandName: t.brandName,
    brandNameEn: t.brandNameEn,
    seriesName: t.seriesName,
    exteriorColours: colours.filter((c) => c.trimId === t.id && c.kind === 'exterior').map((c) => c.name),
    interiorColours: colours.filter((c) => c.trimId === t.id && c.kind === 'interior').map((c) => c.name),
  }));
}
