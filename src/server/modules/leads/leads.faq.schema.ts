import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { FAQ_ASK_CHANNELS, FAQ_CATEGORIES, FAQ_STATUSES } from './leads.faq.enums.js';

/** The FAQ library the bot answers from (operators edit it in the console). */
export const leadFaqTable = pgTable(
  'lead_faqs',
  {
    id: text('id').primaryKey(),
    /** Stable key of an FAQ the platform ships (seeded in every environment); null for operators' own. */
    seedKey: text('seed_key'),
    category: text('category').$type<(typeof FAQ_CATEGORIES)[number]>().notNull(),
    question: text('question').notNull(),
    /** May hold live-data placeholders such as {{trim.price}} (see FAQ_PLACEHOLDERS). */
    answer: text('answer').notNull(),
    answerEn: text('answer_en'),
    /** Other ways buyers ask the same thing; indexed like the question. */
    synonyms: jsonb('synonyms').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    brandIds: jsonb('brand_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    seriesIds: jsonb('series_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    trimIds: jsonb('trim_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').$type<(typeof FAQ_STATUSES)[number]>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('lead_faqs_seed_key_uq').on(t.seedKey),
    index('lead_faqs_category_idx').on(t.status, t.category, t.sortOrder),
  ],
);

/** Every question the bot was asked: what it answered and how sure it was. */
export const leadFaqQuestionTable = pgTable(
  'lead_faq_questions',
  {
    id: text('id').primaryKey(),
    text: text('text').notNull(),
    /** The normalised text (unanswered questions are grouped by it). */
    normalized: text('normalized').notNull(),
    faqId: text('faq_id'),
    confidence: real('confidence').notNull(),
    answered: boolean('answered').notNull(),
    channel: text('channel').$type<(typeof FAQ_ASK_CHANNELS)[number]>().notNull(),
    conversationId: text('conversation_id'),
    /** An operator turned it into an FAQ or a synonym: it leaves the unanswered list. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lead_faq_questions_asked_idx').on(t.askedAt),
    index('lead_faq_questions_unanswered_idx').on(t.answered, t.normalized),
  ],
);

/** One row per consultation the bot took part in: deflected unless handed to a person. */
export const leadFaqConversationTable = pgTable(
  'lead_faq_conversations',
  {
    conversationId: text('conversation_id').primaryKey(),
    /** Null when the conversation went to a person before the bot was asked anything. */
    firstAskedAt: timestamp('first_asked_at', { withTimezone: true }),
    questions: integer('questions').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    handedOffAt: timestamp('handed_off_at', { withTimezone: true }),
  },
  (t) => [index('lead_faq_conversations_asked_idx').on(t.firstAskedAt)],
);

export type LeadFaqRow = typeof leadFaqTable.$inferSelect;
export type NewLeadFaqRow = typeof leadFaqTable.$inferInsert;
export type LeadFaqQuestionRow = typeof leadFaqQuestionTable.$inferSelect;

/** The bot's settings (one row, id 'default'): the confidence threshold operators tune in the console. */
export const leadFaqSettingsTable = pgTable('lead_faq_settings', {
  id: text('id').primaryKey(),
  threshold: real('threshold').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
