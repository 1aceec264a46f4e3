import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { DEALER_STATUSES } from './dealers.contract.js';
import { DealerEvents } from './dealers.events.js';
import * as repo from './dealers.repository.js';
import type { DealerRow } from './dealers.schema.js';

/**
 * A dealer's cooperation status, changed by platform staff only. A suspended dealer's stores leave
 * the storefront and its staff can no longer edit them in the portal (DEALER_SUSPENDED).
 */
export const dealerStatusMachine = defineStateMachine({
  name: 'dealer',
  entityType: 'dealer',
  states: DEALER_STATUSES,
  initial: ['active'],
  transitions: {
    suspend: { from: ['active'], to: 'suspended' },
    reinstate: { from: ['suspended'], to: 'active' },
  },
  notFound: 'DEALER_NOT_FOUND',
  lock: async (tx, id): Promise<DealerRow | null> => (await repo.lockDealer(tx, id)) ?? null,
  stateOf: (row) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateDealer(tx, row.id, { status: to, updatedAt: mutation.at }),
  // The whole row, as every other dealer audit row shows it (the console diffs before and after).
  snapshot: (row) => row,
  emit: async (tx, row, to, action, mutation) => {
    const event = action === 'suspend' ? DealerEvents.dealerSuspended : DealerEvents.dealerReinstated;
    await publish(tx, event, row.id, { dealerId: row.id, status: to }, mutation.at);
  },
});

export type DealerStatusAction = (typeof dealerStatusMachine.actions)[number];
