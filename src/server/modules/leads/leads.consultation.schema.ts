import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TTrafficSource } from '../../kernel/attribution.contract.js';
import type { ConversationStatus, MessageSender, SystemMessageKind } from './leads.consultation.enums.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A live consultation (在线咨询) between a buyer and the bot, then an advisor. A signed-in buyer is known by
 * buyerId; an anonymous visitor by a random token their browser keeps (only its keyed hash is stored).
 */
export const leadConversationTable = pgTable(
  'lead_conversations',
  {
    id: text('id').primaryKey(), // cnv_...
    buyerId: text('buyer_id'),
    visitorTokenHash: text('visitor_token_hash'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    consentToContact: boolean('consent_to_contact').notNull().default(false),
    /** The vehicle it was opened from (listings/catalog ids) and where that vehicle is sold. */
    listingId: text('listing_id'),
    seriesId: text('series_id'),
    trimId: text('trim_id'),
    brandId: text('brand_id'),
    dealerId: text('dealer_id'),
    storeId: text('store_id'),
    cityCode: text('city_code'),
    vehicleTitle: text('vehicle_title'),
    source: jsonb('source').$type<TTrafficSource>().notNull(),
    status: text('status').$type<ConversationStatus>().notNull(),
    advisorAccountId: text('advisor_account_id'),
    advisorName: text('advisor_name'),
    /** The assigned advisor's dealer (null for platform advisors): dealer staff see these too. */
    advisorDealerId: text('advisor_dealer_id'),
    /** Highest message sequence number so far (messages are numbered 1, 2, 3… per conversation). */
    lastSeq: integer('last_seq').notNull().default(0),
    buyerReadSeq: integer('buyer_read_seq').notNull().default(0),
    advisorReadSeq: integer('advisor_read_seq').notNull().default(0),
    /** consultation_contact_left (kind consultation) was published; once per conversation. */
    contactEventSent: boolean('contact_event_sent').notNull().default(false),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    firstAdvisorReplyAt: timestamp('first_advisor_reply_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lead_conversations_buyer_idx').on(t.buyerId),
    index('lead_conversations_visitor_idx').on(t.visitorTokenHash),
    index('lead_conversations_status_idx').on(t.status, t.queuedAt),
    index('lead_conversations_advisor_idx').on(t.advisorAccountId, t.status),
    index('lead_conversations_dealer_idx').on(t.dealerId),
  ],
);

/** The messages of a conversation, numbered per conversation; a buyer's re-sent message is stored once. */
export const leadConversationMessageTable = pgTable(
  'lead_conversation_messages',
  {
    id: text('id').primaryKey(), // cmsg_...
    conversationId: text('conversation_id').notNull(),
    seq: integer('seq').notNull(),
    sender: text('sender').$type<MessageSender>().notNull(),
    /** The advisor's account id, the buyer's id or null (visitor, bot, system). */
    senderId: text('sender_id'),
    senderName: text('sender_name'),
    text: text('text'),
    imageId: text('image_id'),
    systemKind: text('system_kind').$type<SystemMessageKind>(),
    systemParams: jsonb('system_params').$type<Record<string, string | number>>(),
    /** The sender's own id for the message, so a retry after a lost ack is not stored twice. */
    clientMessageId: text('client_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('lead_conversation_messages_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('lead_conversation_messages_client_uq')
      .on(t.conversationId, t.sender, t.clientMessageId)
      .where(sql`${t.clientMessageId} is not null`),
  ],
);

/** Images sent in conversations (small; kept in the database so every app process can serve them). */
export const leadConversationImageTable = pgTable('lead_conversation_images', {
  id: text('id').primaryKey(), // cimg_...
  conversationId: text('conversation_id').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type ConversationRow = typeof leadConversationTable.$inferSelect;
export type NewConversationRow = typeof leadConversationTable.$inferInsert;
export type ConversationMessageRow = typeof leadConversationMessageTable.$inferSelect;
