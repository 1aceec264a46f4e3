import { defineStateMachine } from '../../kernel/state-machine.js';
import { CLAIM_STATUSES } from './fulfilment.warranty.enums.js';
import * as repo from './fulfilment.warranty.repository.js';
import type { WarrantyClaimRow } from './fulfilment.warranty.schema.js';

/** A 三包 claim is decided once: replaced, refunded, repaired under warranty, or rejected with a reason. */
export const warrantyClaimMachine = defineStateMachine({
  name: 'warranty_claim',
  entityType: 'warranty_claim',
  states: CLAIM_STATUSES,
  initial: ['submitted'],
  transitions: {
    // Deciding replacement always passes through replacement_pending; allocating the new car (at once, or
    // on a staff retry once stock arrives) finishes it.
    replace: { from: ['submitted'], to: 'replacement_pending' },
    allocate_replacement: { from: ['replacement_pending'], to: 'replacement' },
    refund: { from: ['submitted'], to: 'refunded' },
    repair: { from: ['submitted'], to: 'repair' },
    reject: { from: ['submitted'], to: 'rejected' },
  },
  notFound: 'WARRANTY_CLAIM_NOT_FOUND',
  lock: repo.lockClaim,
  stateOf: (row: WarrantyClaimRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateClaim(
      tx,
      row.id,
      action === 'allocate_replacement'
        ? { status: to, updatedAt: mutation.at }
        : {
            status: to,
            decision: action,
            decidedBy: mutation.actor?.kind === 'staff' ? mutation.actor.accountId : null,
            decidedAt: mutation.at,
            updatedAt: mutation.at,
          },
    ),
  snapshot: (row, status) => ({
    status,
    decision: row.decision,
    refundFen: row.refundFen,
    replacementVin: row.replacementVin,
  }),
});
