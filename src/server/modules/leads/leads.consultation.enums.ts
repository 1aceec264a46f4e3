// Consultations (live chat): browser-safe code lists.

/** bot: the FAQ bot answers; queued: waiting for a free advisor; active: an advisor has it; closed. */
export const CONVERSATION_STATUSES = ['bot', 'queued', 'active', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_SENDERS = ['buyer', 'advisor', 'bot', 'system'] as const;
export type MessageSender = (typeof MESSAGE_SENDERS)[number];

/**
 * What a bot or system message says, rendered by the client in the reader's language (params fill it in).
 * greeting: the bot's hello; offer_human: the bot could not answer, "转人工" is offered; assigned: an advisor
 * took it; queued: position and wait; callback_offered: nobody is online, leave a number; callback_requested;
 * transferred; closed; contact_left.
 */
export const SYSTEM_MESSAGE_KINDS = [
  'greeting',
  'offer_human',
  'assigned',
  'queued',
  'callback_offered',
  'callback_requested',
  'transferred',
  'closed',
  'contact_left',
] as const;
export type SystemMessageKind = (typeof SYSTEM_MESSAGE_KINDS)[number];

/** The outcome of asking for a person. */
export const HANDOFF_OUTCOMES = ['assigned', 'queued', 'callback'] as const;

/** Image uploads in a conversation. */
export const CHAT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const CHAT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
