import { z } from 'zod';
import { ZTrafficSource } from '../../kernel/attribution.contract.js';
import {
  CONVERSATION_STATUSES,
  HANDOFF_OUTCOMES,
  MESSAGE_SENDERS,
  SYSTEM_MESSAGE_KINDS,
} from './leads.consultation.enums.js';

// Consultations (live chat): REST and WebSocket shapes (browser-safe).

export const ZConversationMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  sender: z.enum(MESSAGE_SENDERS),
  senderName: z.string().nullable(),
  text: z.string().nullable(),
  /** GET /api/v1/leads/consultations/images/:imageId */
  imageId: z.string().nullable(),
  systemKind: z.enum(SYSTEM_MESSAGE_KINDS).nullable(),
  systemParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  clientMessageId: z.string().nullable(),
  createdAt: z.string(),
});
export type TConversationMessage = z.infer<typeof ZConversationMessage>;

export const ZConversation = z.object({
  id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  buyerId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  listingId: z.string().nullable(),
  seriesId: z.string().nullable(),
  trimId: z.string().nullable(),
  brandId: z.string().nullable(),
  dealerId: z.string().nullable(),
  storeId: z.string().nullable(),
  cityCode: z.string().nullable(),
  vehicleTitle: z.string().nullable(),
  source: ZTrafficSource,
  advisorAccountId: z.string().nullable(),
  advisorName: z.string().nullable(),
  lastSeq: z.number().int(),
  buyerReadSeq: z.number().int(),
  advisorReadSeq: z.number().int(),
  /** Messages the reader has not read (from the other side). */
  unread: z.number().int(),
  /** While queued: people ahead + 1, and the estimated wait in seconds. */
  queuePosition: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
  openedAt: z.string(),
  queuedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  firstAdvisorReplyAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastMessageAt: z.string(),
});
export type TConversation = z.infer<typeof ZConversation>;

export const ZOpenConversationRequest = z.object({
  listingId: z.string().max(64).nullable().default(null),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .default(null),
  source: ZTrafficSource.default({
    channel: 'direct',
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    referrer: null,
  }),
  /** An anonymous visitor's token from an earlier conversation (kept by the browser), to list them together. */
  visitorToken: z.string().min(20).max(100).nullable().default(null),
});
export type TOpenConversationRequest = z.infer<typeof ZOpenConversationRequest>;

export const ZOpenConversationResponse = z.object({
  conversation: ZConversation,
  /** The anonymous visitor's token (null for signed-in buyers): send it as `x-visitor-token`. */
  visitorToken: z.string().nullable(),
});

export const ZConversationList = z.object({ items: z.array(ZConversation) });
export const ZAdvisorConversationList = z.object({
  queue: z.array(ZConversation),
  mine: z.array(ZConversation),
});

export const ZConversationIdParams = z.object({ id: z.string().max(64) });
export const ZImageIdParams = z.object({ imageId: z.string().max(64) });

export const ZHistoryQuery = z.object({
  /** Messages after this seq (resume), oldest first. */
  afterSeq: z.coerce.number().int().min(0).optional(),
  /** Messages before this seq (scrolling back), returned oldest first. */
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZHistoryPage = z.object({ items: z.array(ZConversationMessage), hasMore: z.boolean() });

export const ZSendMessageRequest = z
  .object({
    clientMessageId: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(2000).nullable().default(null),
    imageId: z.string().max(64).nullable().default(null),
  })
  .refine((v) => v.text !== null || v.imageId !== null, { message: 'text or imageId' });
export type TSendMessageRequest = z.infer<typeof ZSendMessageRequest>;

const ZPhone = z.string().regex(/^1[3-9]\d{9}$/);

export const ZLeaveContactRequest = z.object({
  name: z.string().trim().min(1).max(40),
  phone: ZPhone,
  consentToContact: z.boolean(),
});
export const ZCallbackRequest = z.object({
  name: z.string().trim().min(1).max(40),
  phone: ZPhone,
  preferredTime: z.string().trim().max(100).nullable().default(null),
  consentToContact: z.boolean(),
});
export const ZTransferRequest = z.object({ toAccountId: z.string().max(64) });
export const ZReadRequest = z.object({ seq: z.number().int().min(0) });

export const ZHandOffResult = z.object({
  outcome: z.enum(HANDOFF_OUTCOMES),
  conversation: ZConversation,
});

/** WebSocket frames the client sends. */
export const ZChatClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    conversationId: z.string().max(64),
    lastSeq: z.number().int().min(0),
    visitorToken: z.string().max(100).nullable().optional(),
  }),
  z.object({
    type: z.literal('send'),
    conversationId: z.string().max(64),
    clientMessageId: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(2000).nullable().optional(),
    imageId: z.string().max(64).nullable().optional(),
  }),
  z.object({ type: z.literal('typing'), conversationId: z.string().max(64) }),
  z.object({ type: z.literal('read'), conversationId: z.string().max(64), seq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
export type TChatClientFrame = z.infer<typeof ZChatClientFrame>;

/** WebSocket frames the server sends. */
export type TChatServerFrame =
  | { type: 'welcome'; conversationId: string; lastSeq: number }
  | { type: 'message'; conversationId: string; message: TConversationMessage }
  | { type: 'ack'; conversationId: string; clientMessageId: string; seq: number }
  | { type: 'typing'; conversationId: string; side: 'buyer' | 'advisor' }
  | { type: 'read'; conversationId: string; side: 'buyer' | 'advisor'; seq: number }
  | { type: 'presence'; conversationId: string; side: 'buyer' | 'advisor'; online: boolean }
  | { type: 'error'; code: string; message: string; clientMessageId?: string }
  | { type: 'pong' };
