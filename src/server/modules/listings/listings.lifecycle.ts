import type { StaffActor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { bothLanguages, fieldError } from '../../kernel/http/validation.contract.js';
import type { Mutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { type AdLawHit, hasBlockingHit } from './adlaw.js';
import { redlineKindOf } from './inspection.js';
import {
  LISTING_FIELD_LABELS,
  missingForReview,
  REVIEW_REQUIREMENTS,
  type TListing,
} from './listings.contract.js';
import {
  type ListingAction,
  listingMachine,
  listingMachineFor,
  type TransitionInput,
} from './listings.machine.js';
import { flagsOf, toListing } from './listings.mappers.js';
import { assertVisible, loadView } from './listings.read.js';
import type { ListingRow } from './listings.repository.js';
import * as repo from './listings.repository.js';

/** Mandatory fields, the report rule and disclosure consistency; run at submit, relist and approve. */
async function assertReadyForReview(tx: DbHandle, row: ListingRow): Promise<void> {
  const used = row.kind === 'used' ? await repo.findUsedVehicle(tx, row.id) : undefined;
  const missing = missingForReview(row.kind, { ...row, used: used ?? null });
  if (missing.length > 0) {
    // Named by their labels in the request's language, and placed on the editor's fields.
    const labels = missing.map((f) => LISTING_FIELD_LABELS[f]);
    const rules = REVIEW_REQUIREMENTS[row.kind];
    throw new AppError('LISTING_INCOMPLETE', {
      missing: { zh: labels.map((l) => l.zh).join('、'), en: labels.map((l) => l.en).join(', ') },
      fields: missing.map((f) => {
        const min = rules.find((r) => r.field === f)?.minLength;
        const issue = min
          ? { code: 'too_small', origin: 'string', minimum: min }
          : { code: 'invalid_type', message: 'received undefined' };
        return fieldError(`body.${f}`, bothLanguages(issue, LISTING_FIELD_LABELS[f]));
      }),
    });
  }
  if (row.kind !== 'used' || !used) return;
  const report = await repo.findReport(tx, row.id);
  if (!report) throw new AppError('INSPECTION_REPORT_REQUIRED');
  const items = await repo.listReportItems(tx, report.id);
  const kinds = new Set(items.filter((i) => i.result === 'redline').map((i) => redlineKindOf(i.code)));
  const accidentCar = report.grade === 5 || kinds.size > 0;
  if (
    (accidentCar && !used.accidentHistory) ||
    (kinds.has('flood') && !used.floodHistory) ||
    (kinds.has('fire') && !used.fireHistory)
  ) {
    throw new AppError('DISCLOSURE_INCONSISTENT');
  }
}

/**
 * One transition inside `tx`: the actor's dealer scope (another dealer's listing is not found), then the
 * table (409 INVALID_TRANSITION), then, for an allowed action, the rules beyond it: a listing goes to review
 * complete, and one with a blocking ad-law term can only be rejected.
 */
async function runTransition(
  tx: DbHandle,
  actor: StaffActor | null,
  id: string,
  action: ListingAction,
  mutation: Mutation,
  input: TransitionInput,
): Promise<void> {
  await applyTransition(tx, listingMachineFor(input), id, action, mutation, async (row) => {
    assertVisible(actor, row);
    // A disallowed action is answered by the table (409), whatever the listing's content.
    if (!listingMachine.can(row.status, action)) return;
    if (action === 'submit' || action === 'relist') await assertReadyForReview(tx, row);
    if (action === 'approve') {
      if (hasBlockingHit(flagsOf(row.reviewFlags) as AdLawHit[]))
        throw new AppError('LISTING_HAS_BLOCKING_TERMS');
      await assertReadyForReview(tx, row);
    }
  });
}

/** One lifecycle action on a listing (submit, approve, reject, delist, relist) in one transaction. */
export async function transitionListingAction(
  db: DbHandle,
  actor: StaffActor,
  id: string,
  action: ListingAction,
  mutation: Mutation,
  input: TransitionInput = {},
): Promise<TListing> {
  await withTransaction(db, (tx) => runTransition(tx, actor, id, action, mutation, input));
  return toListing(await loadView(db, id));
}

/**
 * Takes a listed listing off sale inside the caller's transaction (e.g. the inventory module when the
 * last unit is sold): audited with the caller's mutation (the system's for a job), event published.
 */
export async function delistListing(
  tx: DbHandle,
  id: string,
  reason: string,
  mutation: Mutation,
): Promise<void> {
  await runTransition(tx, null, id, 'delist', mutation, { reason });
}

/**
 * Sends a listed listing back to the review queue inside the caller's transaction (the pricing module when
 * its price moves abnormally): audited with the caller's mutation, event published. A listing no longer
 * listed is left as it is.
 */
export async function holdListingForReview(
  tx: DbHandle,
  id: string,
  reason: string,
  mutation: Mutation,
): Promise<boolean> {
  const row = await repo.lockListing(tx, id);
  if (row?.status !== 'listed') return false;
  await runTransition(tx, null, id, 'hold', mutation, { reason });
  return true;
}

/**
 * Follows the stock of a listing inside the caller's transaction (the inventory module, when the available
 * units of its trim at its store, or a used car's own unit, change): a listed car with nothing available goes
 * off sale (`sell_out`), and a car the system took off sale goes back on sale when a unit is available again
 * (`restock`). Anything else (a draft, a car in review, a car a person delisted) is left as it is.
 */
export async function followListingStock(
  tx: DbHandle,
  id: string,
  available: boolean,
  mutation: Mutation,
): Promise<'sold_out' | 'restocked' | null> {
  const row = await repo.lockListing(tx, id);
  if (!row) return null;
  if (!available && row.status === 'listed') {
    await runTransition(tx, null, id, 'sell_out', mutation, { reason: '无可售库存' });
    return 'sold_out';
  }
  if (available && row.status === 'delisted' && row.soldOut) {
    await runTransition(tx, null, id, 'restock', mutation, {});
    return 'restocked';
  }
  return null;
}
