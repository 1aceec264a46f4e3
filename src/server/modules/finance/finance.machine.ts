import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { LOAN_APPLICATION_STATES } from './finance.applications.contract.js';
import { LoanApplicationEvents as E } from './finance.applications.events.js';
import * as repo from './finance.applications.repository.js';
import type { LoanApplicationRow } from './finance.applications.schema.js';

/**
 * A loan application's life. The lender moves it through review and decision (its callbacks, or our
 * status query when a callback is lost); the buyer signs the contract of an approved loan and may
 * withdraw until then (after signing, the lender is paying out: ending it is the lender's cancellation
 * process, not a button). Rejected, disbursed and withdrawn are final.
 */
export const loanApplicationMachine = defineStateMachine({
  name: 'loan_application',
  entityType: 'loan_application',
  states: LOAN_APPLICATION_STATES,
  initial: ['submitted'],
  transitions: {
    start_review: { from: ['submitted'], to: 'under_review' },
    approve: { from: ['under_review'], to: 'approved' },
    reject: { from: ['under_review'], to: 'rejected' },
    sign_contract: { from: ['approved'], to: 'contract_signed' },
    disburse: { from: ['contract_signed'], to: 'disbursed' },
    withdraw: { from: ['submitted', 'under_review', 'approved'], to: 'withdrawn' },
  },
  notFound: 'LOAN_APPLICATION_NOT_FOUND',
  lock: async (tx, id): Promise<LoanApplicationRow | null> => (await repo.lockApplication(tx, id)) ?? null,
  stateOf: (row) => row.state,
  update: (tx, row, to, action, mutation) => {
    const at = mutation.at;
    return repo.updateApplication(tx, row.id, {
      state: to,
      updatedAt: at,
      ...(action === 'approve' || action === 'reject' ? { decidedAt: at } : {}),
      ...(action === 'sign_contract' ? { contractSignedAt: at } : {}),
      ...(action === 'disburse' ? { disbursedAt: at } : {}),
      ...(action === 'withdraw' ? { withdrawnAt: at } : {}),
    });
  },
  // The state, and the reason codes of a rejection: never the applicant's personal data.
  snapshot: (row, state) =>
    state === 'rejected' ? { state, reasons: row.reasons.map((r) => r.code) } : { state },
  emit: async (tx, row, _to, action, mutation) => {
    const ref = {
      applicationId: row.id,
      buyerId: row.buyerId,
      lenderCode: row.lenderCode,
      listingId: row.listingId,
    };
    const at = mutation.at;
    const event = {
      start_review: () => publish(tx, E.loanUnderReview, row.id, ref, at),
      approve: () => publish(tx, E.loanApproved, row.id, { ...ref, principalFen: row.principalFen }, at),
      reject: () =>
        publish(tx, E.loanRejected, row.id, { ...ref, reasonCodes: row.reasons.map((r) => r.code) }, at),
      sign_contract: () => publish(tx, E.loanContractSigned, row.id, ref, at),
      disburse: () => publish(tx, E.loanDisbursed, row.id, { ...ref, principalFen: row.principalFen }, at),
      withdraw: () => publish(tx, E.loanWithdrawn, row.id, ref, at),
    }[action];
    await event();
  },
});

export type LoanApplicationAction = (typeof loanApplicationMachine.actions)[number];
