import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { PURCHASE_CONTRACT_STATUSES } from './contracts.enums.js';
import { ContractsEvents } from './contracts.events.js';
import * as repo from './contracts.repository.js';
import type { PurchaseContractRow } from './contracts.schema.js';

/**
 * A purchase contract's status: the buyer signs first, then the dealer; an unsigned contract is voided when
 * the order's contract is re-issued. Signing out of order is a 409 (INVALID_TRANSITION).
 */
export const purchaseContractMachine = defineStateMachine({
  name: 'purchaseContract',
  entityType: 'purchaseContract',
  states: PURCHASE_CONTRACT_STATUSES,
  initial: ['awaiting_buyer'],
  transitions: {
    buyer_sign: { from: ['awaiting_buyer'], to: 'awaiting_dealer' },
    dealer_sign: { from: ['awaiting_dealer'], to: 'signed' },
    void: { from: ['awaiting_buyer'], to: 'voided' },
  },
  notFound: 'PURCHASE_CONTRACT_NOT_FOUND',
  lock: repo.lockContract,
  stateOf: (row: PurchaseContractRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateContractState(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(action === 'dealer_sign' ? { signedAt: mutation.at } : {}),
      ...(action === 'void' ? { voidedAt: mutation.at } : {}),
    }),
  snapshot: (row, status) => ({ status, number: row.number, sha256: row.sha256 }),
  emit: async (tx, row, _to, action, mutation) => {
    const ids = { contractId: row.id, orderId: row.orderId };
    if (action === 'buyer_sign') await publish(tx, ContractsEvents.buyerSigned, row.id, ids, mutation.at);
    if (action === 'dealer_sign') {
      await publish(tx, ContractsEvents.signed, row.id, { ...ids, sha256: row.sha256 }, mutation.at);
    }
    if (action === 'void') await publish(tx, ContractsEvents.voided, row.id, ids, mutation.at);
  },
});
