import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { INSURER_STATUSES } from './insurance.enums.js';
import { InsuranceEvents } from './insurance.events.js';
import * as repo from './insurance.repository.js';
import type { InsurerRow } from './insurance.schema.js';

/** An insurer's status: only active insurers are asked for quotes. */
export const insurerStatusMachine = defineStateMachine({
  name: 'insurer',
  entityType: 'insurer',
  states: INSURER_STATUSES,
  initial: ['inactive', 'active'],
  transitions: {
    activate: { from: ['inactive'], to: 'active' },
    deactivate: { from: ['active'], to: 'inactive' },
  },
  notFound: 'INSURER_NOT_FOUND',
  lock: repo.lockInsurer,
  stateOf: (row: InsurerRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateInsurer(tx, row.code, { status: to, updatedAt: mutation.at }),
  snapshot: (row, status) => ({ ...row, status }),
  emit: async (tx, row, to, _action, mutation) => {
    await publish(
      tx,
      InsuranceEvents.insurerStatusChanged,
      row.code,
      { insurerCode: row.code, status: to },
      mutation.at,
    );
  },
});

export type InsurerStatusAction = 'activate' | 'deactivate';
