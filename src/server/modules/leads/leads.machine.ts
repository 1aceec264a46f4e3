import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { LEAD_STATUSES } from './leads.enums.js';
import { LeadsEvents } from './leads.events.js';
import * as repo from './leads.repository.js';
import type { LeadRow } from './leads.schema.js';

const OPEN = ['new', 'contacted', 'test_drive', 'negotiating'] as const;

/**
 * A lead's sales stage. Forward moves may skip stages (a buyer who books a test drive before anyone called
 * them); won and lost close it, and a lost lead can be reopened when the person comes back.
 */
export const leadStatusMachine = defineStateMachine({
  name: 'lead',
  entityType: 'lead',
  states: LEAD_STATUSES,
  initial: ['new'],
  transitions: {
    contact: { from: ['new'], to: 'contacted' },
    test_drive: { from: ['new', 'contacted'], to: 'test_drive' },
    negotiate: { from: ['new', 'contacted', 'test_drive'], to: 'negotiating' },
    win: { from: [...OPEN], to: 'won' },
    lose: { from: [...OPEN], to: 'lost' },
    reopen: { from: ['lost'], to: 'contacted' },
  },
  notFound: 'LEAD_NOT_FOUND',
  lock: repo.lockLead,
  stateOf: (row: LeadRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateLead(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      // Reopening clears the loss; the reason stays in the timeline.
      ...(to !== 'lost' ? { lostReason: null, lostNote: null } : {}),
    }),
  snapshot: (row, status) => ({ status, lostReason: row.lostReason, wonOrderId: row.wonOrderId }),
  emit: async (tx, row, to, _action, mutation) => {
    await publish(tx, LeadsEvents.leadStatusChanged, row.id, { leadId: row.id, status: to }, mutation.at);
  },
});
