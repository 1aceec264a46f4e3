import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import type { Fen } from '../../kernel/money.js';
import type { Mutation } from '../../kernel/mutation.js';
import { listingsForSearchIndex } from '../listings/index.js';
import type {
  TValuationBoardDetail,
  TValuationBoardItem,
  TValuationBoardQuery,
  TValuationOverride,
} from './pricing.contract.js';
import * as repo from './pricing.repository.js';
import type { ListingValuationRow, ValuationOverrideRow } from './pricing.schema.js';
import type { ValuationFactor } from './pricing.valuation.js';
import { computeListingValuation, explainSteps, flagOf } from './pricing.valuations.js';

// The console's valuation board: a read model of every public used listing's valuation (kept current from
// listing change events and refreshed nightly, since city supply and demand moves without any listing
// event), filtered and paged in SQL, with each listing's factors and override history.

/** Listings refreshed between two yields of the event loop (PGlite serialises queries; see ARCHITECTURE.md). */
const BATCH = 20;

/** Serialises the writers of one listing's valuation row (a refresh and an override) until the transaction ends. */
export function lockValuation(tx: DbHandle, listingId: string) {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pricing:valuation:${listingId}`}))`);
}

/** Value, flag and gap of a price against a value (the override when active). */
export function boardValues(
  priceFen: Fen,
  valueFen: Fen,
): Pick<ListingValuationRow, 'valueFen' | 'flag' | 'diffBp' | 'gapBp'> {
  const diffBp = Math.round(((priceFen - valueFen) * 10_000) / Math.max(1, valueFen));
  return { valueFen, flag: flagOf(priceFen, valueFen), diffBp, gapBp: Math.abs(diffBp) };
}

/**
 * Recomputes the valuation rows of these listings: public (listed or delisted) used listings get their row,
 * any other listing loses it. Idempotent, so a redelivered listing event is harmless; an active override
 * keeps replacing the value.
 */
export async function refreshListingValuations(
  ctx: AppContext,
  listingIds: readonly string[],
  at: Date,
): Promise<void> {
  const db = ctx.database.db;
  for (let i = 0; i < listingIds.length; i++) {
    if (i > 0 && i % BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const id = listingIds[i];
    if (id === undefined) continue;
    const facts = await computeListingValuation(db, id, at);
    const status = facts?.listing.status;
    if (!facts || (status !== 'listed' && status !== 'delisted')) {
      await repo.deleteListingValuations(db, [id]);
      continue;
    }
    const v = facts.valuation;
    await withTransaction(db, async (tx) => {
      await lockValuation(tx, id);
      const override = await repo.activeOverride(tx, id);
      await repo.upsertListingValuation(tx, {
        listingId: id,
        status,
        title: facts.listing.title,
        dealerId: facts.listing.dealerId,
        cityCode: facts.listing.cityCode,
        brandSlug: facts.trim.brandSlug,
        seriesId: facts.trim.seriesId,
        trimId: facts.listing.trimId,
        priceFen: facts.listing.priceFen,
        computedFen: v.valueFen,
        lowFen: v.lowFen,
        highFen: v.highFen,
        overrideFen: override?.valueFen ?? null,
        ...boardValues(facts.listing.priceFen, override?.valueFen ?? v.valueFen),
        steps: v.steps.map((s) => ({ factor: s.factor, effectFen: s.effectFen, ratio: s.ratio })),
        ageYears: facts.ageYears,
        mileageKm: facts.mileageKm,
        computedAt: at,
      });
    });
  }
}

/**
 * Recomputes every public used listing's valuation and drops the rows of listings that left (the nightly
 * refresh and the backfill). Returns how many rows it wrote.
 */
export async function refreshAllListingValuations(ctx: AppContext, at: Date): Promise<number> {
  const facts = await listingsForSearchIndex(ctx.database.db, 'all');
  const ids = facts.filter((f) => f.kind === 'used').map((f) => f.id);
  await refreshListingValuations(ctx, ids, at);
  await repo.deleteListingValuationsExcept(ctx.database.db, ids);
  return ids.length;
}

/** The backfill: fills an empty read model (first start after this feature, a new database); else nothing. */
export async function backfillListingValuations(ctx: AppContext, at: Date): Promise<void> {
  if (await repo.hasAnyListingValuation(ctx.database.db)) return;
  await refreshAllListingValuations(ctx, at);
}

function toItem(row: ListingValuationRow): TValuationBoardItem {
  return {
    listingId: row.listingId,
    status: row.status,
    title: row.title,
    dealerId: row.dealerId,
    cityCode: row.cityCode,
    brandSlug: row.brandSlug,
    seriesId: row.seriesId,
    priceFen: row.priceFen,
    computedFen: row.computedFen,
    valueFen: row.valueFen,
    overridden: row.overrideFen !== null,
    differenceFen: row.priceFen - row.valueFen,
    differenceBp: row.diffBp,
    flag: row.flag,
    computedAt: row.computedAt.toISOString(),
  };
}

export function toOverride(row: ValuationOverrideRow): TValuationOverride {
  return {
    id: row.id,
    valueFen: row.valueFen,
    computedFen: row.computedFen,
    reason: row.reason,
    setBy: row.setBy,
    setByName: row.setByName,
    setAt: row.setAt.toISOString(),
    clearedAt: row.clearedAt?.toISOString() ?? null,
    clearedBy: row.clearedBy,
    clearedByName: row.clearedByName,
    clearReason: row.clearReason,
  };
}

const ZBoardCursor = z.object({ gapBp: z.number().int(), listingId: z.string() });

/** The board: used listings furthest from their valuation first, filtered by flag, city, brand, text. */
export async function listValuationBoard(
  db: DbHandle,
  query: TValuationBoardQuery,
): Promise<{ items: TValuationBoardItem[]; nextCursor: string | null }> {
  const rows = await repo.listListingValuations(db, {
    flag: query.flag,
    cityCode: query.cityCode,
    brandSlug: query.brand,
    q: query.q,
    status: query.status,
    overridden: query.overridden,
    after: decodeCursor(query.cursor, ZBoardCursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, toItem, (r) => ({ gapBp: r.gapBp, listingId: r.listingId }));
}

/** One listing on the board: its factors explained in the request's language and its override history. */
export async function getValuationBoardDetail(
  db: DbHandle,
  listingId: string,
  lang: Mutation['lang'],
): Promise<TValuationBoardDetail> {
  const row = await repo.findListingValuation(db, listingId);
  if (!row) throw new AppError('PRICING_LISTING_NOT_FOUND');
  const history = (await repo.overrideHistory(db, listingId)).map(toOverride);
  const steps = row.steps.map((s) => ({ ...s, factor: s.factor as ValuationFactor }));
  return {
    ...toItem(row),
    lowFen: row.lowFen,
    highFen: row.highFen,
    steps: explainSteps(steps, lang, { ageYears: row.ageYears, mileageKm: row.mileageKm }),
    activeOverride: history.find((o) => o.clearedAt === null) ?? null,
    overrides: history,
  };
}
