import { publish } from '../../kernel/events/define.js';
import { defineStateMachine, type StateMachine } from '../../kernel/state-machine.js';
import { RISK_CASE_STATUSES, type RiskCaseStatus, type RiskDecision } from './risk.enums.js';
import { RiskEvents } from './risk.events.js';
import * as repo from './risk.repository.js';
import type { RiskCaseRow } from './risk.schema.js';

type DecisionAction = 'clear' | 'reject';

/** The decision each action records. */
export const DECISION_ACTION: Record<RiskDecision, DecisionAction> = { cleared: 'clear', rejected: 'reject' };

/**
 * A risk case: opened by a rule, decided once by a person. A second decision is a 409
 * (INVALID_TRANSITION), so two reviewers cannot both decide the same case.
 */
export const riskCaseMachine = defineStateMachine({
  name: 'risk_case',
  entityType: 'risk_case',
  states: RISK_CASE_STATUSES,
  initial: ['open'],
  transitions: {
    clear: { from: ['open'], to: 'cleared' },
    reject: { from: ['open'], to: 'rejected' },
  },
  notFound: 'RISK_CASE_NOT_FOUND',
  lock: repo.lockCase,
  stateOf: (row: RiskCaseRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.decideCase(tx, row.id, {
      status: to,
      decisionNote: row.decisionNote,
      decidedBy: mutation.actor?.kind === 'staff' ? mutation.actor.accountId : null,
      decidedByName: mutation.actor?.kind === 'staff' ? mutation.actor.displayName : null,
      decidedAt: mutation.at,
      updatedAt: mutation.at,
    }),
  snapshot: (row, status) => ({
    status,
    decisionNote: row.decisionNote,
    decidedBy: row.decidedBy,
  }),
  emit: async (tx, row, to, _action, mutation) => {
    if (to === 'open') return;
    await publish(
      tx,
      RiskEvents.caseDecided,
      row.id,
      {
        caseId: row.id,
        orderId: row.orderId,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        decision: to,
      },
      mutation.at,
    );
  },
});

/** The same machine writing this decision's note with the new status (one update, one audit row). */
export function decisionMachine(note: string): StateMachine<RiskCaseStatus, DecisionAction, RiskCaseRow> {
  return {
    ...riskCaseMachine,
    update: (tx, row, to, action, mutation) =>
      riskCaseMachine.update(tx, { ...row, decisionNote: note }, to, action, mutation),
  };
}
