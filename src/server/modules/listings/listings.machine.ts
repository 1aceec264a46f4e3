import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { defineStateMachine, type StateMachine, type Transition } from '../../kernel/state-machine.js';
import { scanAdLaw } from './adlaw.js';
import { currentTerms } from './listings.adlaw.js';
import { LISTING_STATUSES } from './listings.enums.js';
import { ListingEvents } from './listings.events.js';
import type { ListingRow, ListingStatus, NewListingRow } from './listings.repository.js';
import * as repo from './listings.repository.js';

/** The listing review state machine: action -> allowed from-states and the state it leads to. */
export const LISTING_TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'listed' },
  reject: { from: ['in_review'], to: 'rejected' },
  delist: { from: ['listed'], to: 'delisted' },
  relist: { from: ['delisted'], to: 'in_review' },
  /** The system takes a listed car back to review (an abnormal price move); no person calls it. */
  hold: { from: ['listed'], to: 'in_review' },
  /** The system takes a car off sale when no unit of it is available (inventory), and puts it back when one is. */
  sell_out: { from: ['listed'], to: 'delisted' },
  restock: { from: ['delisted'], to: 'listed' },
} as const satisfies Record<string, Transition<ListingStatus>>;
export type ListingAction = keyof typeof LISTING_TRANSITIONS;

/** What one transition brings beyond the table: the reviewer's note (approve) or a reason (reject, delist). */
export interface TransitionInput {
  readonly note?: string | null;
  readonly reason?: string | null;
}

/**
 * The machine for one transition. The note and reason are per call, so each call gets its own copy of
 * the same table: the note and reason are written to the row, and the reason goes into the audit row and
 * the event. The audit row shows the whole listing before and after (as every other listing audit does).
 */
export function listingMachineFor(
  input: TransitionInput,
): StateMachine<ListingStatus, ListingAction, ListingRow> {
  let after: ListingRow | undefined;
  const reason = input.reason ? { reason: input.reason } : {};
  return defineStateMachine<ListingStatus, ListingAction, ListingRow>({
    name: 'listing',
    entityType: 'catalog_listing',
    states: LISTING_STATUSES,
    initial: ['draft'],
    transitions: LISTING_TRANSITIONS,
    notFound: 'LISTING_NOT_FOUND',
    lock: async (tx, id) => (await repo.lockListing(tx, id)) ?? null,
    stateOf: (row) => row.status,
    update: async (tx, row, to, action, mutation) => {
      const patch: Partial<NewListingRow> & { status: ListingStatus } = {
        status: to,
        updatedAt: mutation.at,
      };
      if (action === 'submit' || action === 'relist') {
        // The flags the reviewer sees are those of the text as submitted, against today's term list.
        patch.reviewFlags = scanAdLaw(row, await currentTerms(tx));
        patch.reviewNote = null;
      } else if (action === 'approve') {
        patch.listedAt = mutation.at;
        patch.reviewNote = input.note ?? null;
      } else if (action === 'reject') {
        patch.reviewNote = input.reason ?? null;
      } else if (action === 'sell_out') {
        patch.soldOut = true;
      } else if (action === 'restock') {
        // Only what the system took off sale for stock comes back by itself; a person's delisting stays.
        if (!row.soldOut)
          throw new AppError('INVALID_TRANSITION', { machine: 'listing', from: row.status, action });
        patch.soldOut = false;
      }
      if (action === 'delist' || action === 'relist') patch.soldOut = false;
      after = await repo.transitionListing(tx, row.id, LISTING_TRANSITIONS[action].from, patch);
      if (!after) throw new AppError('INVALID_TRANSITION', { machine: 'listing', from: row.status, action });
    },
    auditAction: (action) => `catalog.listing.${action}`,
    snapshot: (row, state) => (state === row.status ? row : { ...(after ?? row), ...reason }),
    emit: async (tx, row, to, _action, mutation) => {
      await publish(
        tx,
        ListingEvents.listingChanged,
        row.id,
        { listingId: row.id, status: to, ...reason },
        mutation.at,
      );
    },
  });
}

/** The listing machine as declared (docs/state-machines.md draws it). */
export const listingMachine = listingMachineFor({});
