import type { AppContext } from '../../kernel/context.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import type {
  TClearValuationOverrideRequest,
  TSetValuationOverrideRequest,
  TValuationBoardDetail,
} from './pricing.contract.js';
import { PricingEvents } from './pricing.events.js';
import * as repo from './pricing.repository.js';
import type { ListingValuationRow } from './pricing.schema.js';
import {
  boardValues,
  getValuationBoardDetail,
  lockValuation,
  refreshListingValuations,
} from './pricing.valuation-board.js';

// Operators' overrides of a used listing's valuation: set with a reason, kept as history, cleared with a
// reason; each change audited and published. The active override replaces the computed value in the
// valuation buyers see and in the under/over-priced flag.

/** An override outside this share of the new price is refused as a likely typo (an extra or missing zero). */
const MIN_SHARE_OF_NEW = 0.05;
const MAX_SHARE_OF_NEW = 1.5;

function snapshot(row: Pick<ListingValuationRow, 'valueFen' | 'overrideFen' | 'computedFen' | 'flag'>) {
  return {
    valueFen: row.valueFen,
    overrideFen: row.overrideFen,
    computedFen: row.computedFen,
    flag: row.flag,
  };
}

/** The read-model row of a listing, computed now when the listing has not reached the read model yet. */
async function ensureRow(ctx: AppContext, listingId: string, at: Date): Promise<void> {
  if (await repo.findListingValuation(ctx.database.db, listingId)) return;
  await refreshListingValuations(ctx, [listingId], at);
}

/**
 * Sets a listing's valuation by hand. The same value with the same reason again changes nothing (a repeated
 * PUT); anything else clears the active override and records a new one, so the history keeps both.
 */
export async function setValuationOverride(
  ctx: AppContext,
  listingId: string,
  req: TSetValuationOverrideRequest,
  mutation: Mutation,
): Promise<TValuationBoardDetail> {
  const staff = staffOf(mutation);
  const db = ctx.database.db;
  await ensureRow(ctx, listingId, mutation.at);
  await withTransaction(db, async (tx) => {
    await lockValuation(tx, listingId);
    const row = await repo.lockListingValuation(tx, listingId);
    if (!row) throw new AppError('PRICING_LISTING_NOT_FOUND');
    // The first step is the new price itself.
    const newPriceFen = row.steps[0]?.effectFen ?? row.computedFen;
    if (req.valueFen < newPriceFen * MIN_SHARE_OF_NEW || req.valueFen > newPriceFen * MAX_SHARE_OF_NEW) {
      throw new AppError('PRICING_OVERRIDE_OUT_OF_RANGE', {
        minFen: Math.ceil(newPriceFen * MIN_SHARE_OF_NEW),
        maxFen: Math.floor(newPriceFen * MAX_SHARE_OF_NEW),
      });
    }
    const active = await repo.activeOverride(tx, listingId);
    if (active?.valueFen === req.valueFen && active.reason === req.reason) return;
    if (active) {
      await repo.clearValuationOverride(tx, active.id, {
        at: mutation.at,
        by: staff.accountId,
        byName: staff.displayName,
        reason: req.reason,
      });
    }
    const id = newId('vov');
    await repo.insertValuationOverride(tx, {
      id,
      listingId,
      valueFen: req.valueFen,
      computedFen: row.computedFen,
      reason: req.reason,
      setBy: staff.accountId,
      setByName: staff.displayName,
      setAt: mutation.at,
      clearedAt: null,
      clearedBy: null,
      clearedByName: null,
      clearReason: null,
    });
    const after = { overrideFen: req.valueFen, ...boardValues(row.priceFen, req.valueFen) };
    await repo.setListingValuationValue(tx, listingId, after);
    await audit(tx, mutation, {
      action: 'pricing.valuation_override.set',
      entityType: 'catalog_listing',
      entityId: listingId,
      before: { ...snapshot(row), overrideId: active?.id ?? null },
      after: { ...snapshot({ ...row, ...after }), overrideId: id, reason: req.reason },
    });
    await publish(
      tx,
      PricingEvents.valuationOverridden,
      listingId,
      { listingId, overrideId: id, valueFen: req.valueFen, computedFen: row.computedFen, flag: after.flag },
      mutation.at,
    );
  });
  return getValuationBoardDetail(db, listingId, mutation.lang);
}

/**
 * Clears a listing's active override with a reason: the computed value and its flag apply again. Without an
 * active override it changes nothing (a repeated DELETE answers the same).
 */
export async function clearValuationOverride(
  ctx: AppContext,
  listingId: string,
  req: TClearValuationOverrideRequest,
  mutation: Mutation,
): Promise<TValuationBoardDetail> {
  const staff = staffOf(mutation);
  const db = ctx.database.db;
  await withTransaction(db, async (tx) => {
    await lockValuation(tx, listingId);
    const row = await repo.lockListingValuation(tx, listingId);
    if (!row) throw new AppError('PRICING_LISTING_NOT_FOUND');
    const active = await repo.activeOverride(tx, listingId);
    if (!active) return;
    await repo.clearValuationOverride(tx, active.id, {
      at: mutation.at,
      by: staff.accountId,
      byName: staff.displayName,
      reason: req.reason,
    });
    const after = { overrideFen: null, ...boardValues(row.priceFen, row.computedFen) };
    await repo.setListingValuationValue(tx, listingId, after);
    await audit(tx, mutation, {
      action: 'pricing.valuation_override.clear',
      entityType: 'catalog_listing',
      entityId: listingId,
      before: { ...snapshot(row), overrideId: active.id },
      after: { ...snapshot({ ...row, ...after }), reason: req.reason },
    });
    await publish(
      tx,
      PricingEvents.valuationOverrideCleared,
      listingId,
      { listingId, overrideId: active.id, computedFen: row.computedFen, flag: after.flag },
      mutation.at,
    );
  });
  return getValuationBoardDetail(db, listingId, mutation.lang);
}
