import { defineStateMachine } from '../../kernel/state-machine.js';
import { CONVERSATION_STATUSES } from './leads.consultation.enums.js';
import * as repo from './leads.consultation.repository.js';
import type { ConversationRow } from './leads.consultation.schema.js';

/** A consultation's status: the bot first, then queued or straight to an advisor, then closed. */
export const conversationMachine = defineStateMachine({
  name: 'conversation',
  entityType: 'lead_conversation',
  states: CONVERSATION_STATUSES,
  initial: ['bot'],
  transitions: {
    queue: { from: ['bot'], to: 'queued' },
    assign: { from: ['bot', 'queued'], to: 'active' },
    close: { from: ['bot', 'queued', 'active'], to: 'closed' },
  },
  notFound: 'CONVERSATION_NOT_FOUND',
  lock: repo.lockConversation,
  stateOf: (row: ConversationRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateConversation(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(action === 'queue' ? { queuedAt: mutation.at } : {}),
      ...(action === 'assign' ? { assignedAt: mutation.at } : {}),
      ...(action === 'close' ? { closedAt: mutation.at } : {}),
    }),
  snapshot: (row, status) => ({ status, advisorAccountId: row.advisorAccountId }),
});
