import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../kernel/http/page.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import { FAQ_CATEGORIES, FAQ_STATUSES } from './leads.faq.enums.js';

// The FAQ library and the bot's API (console, storefront help page, public ask).

const ZIds = z.array(z.string().min(1).max(64)).max(50);

export const ZFaqInput = z.object({
  category: z.enum(FAQ_CATEGORIES),
  question: ZVisibleText({ max: 200 }),
  /** May hold placeholders such as {{trim.price}} (see FAQ_PLACEHOLDERS). */
  answer: ZVisibleText({ max: 2000 }),
  answerEn: ZVisibleText({ max: 4000 }).nullable().default(null),
  synonyms: z
    .array(ZVisibleText({ max: 200 }))
    .max(50)
    .default([]),
  brandIds: ZIds.default([]),
  seriesIds: ZIds.default([]),
  trimIds: ZIds.default([]),
  status: z.enum(['published', 'draft']).default('published'),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  /** Set when the FAQ is made from an unanswered question: those questions leave the unanswered list. */
  fromQuestion: z.string().max(500).optional(),
});
export type TFaqInput = z.infer<typeof ZFaqInput>;

export const ZFaq = z.object({
  id: z.string(),
  seedKey: z.string().nullable(),
  category: z.enum(FAQ_CATEGORIES),
  question: z.string(),
  answer: z.string(),
  answerEn: z.string().nullable(),
  synonyms: z.array(z.string()),
  brandIds: z.array(z.string()),
  seriesIds: z.array(z.string()),
  trimIds: z.array(z.string()),
  status: z.enum(FAQ_STATUSES),
  sortOrder: z.number().int(),
  updatedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TFaq = z.infer<typeof ZFaq>;

export const ZFaqListQuery = ZPageQuery.extend({
  category: z.enum(FAQ_CATEGORIES).optional(),
  status: z.enum(FAQ_STATUSES).optional(),
  q: z.string().max(100).optional(),
});
export type TFaqListQuery = z.infer<typeof ZFaqListQuery>;
export const ZFaqPage = ZPage(ZFaq);

export const ZFaqIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZAddSynonymRequest = z.object({
  synonym: ZVisibleText({ max: 200 }),
  /** The unanswered question's normalised text it came from (leaves the unanswered list). */
  fromQuestion: z.string().max(500).optional(),
});

export const ZAskRequest = z.object({
  text: ZVisibleText({ max: 300 }),
  listingId: z.string().max(64).optional(),
  trimId: z.string().max(64).optional(),
  storeId: z.string().max(64).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type TAskRequest = z.infer<typeof ZAskRequest>;

export const ZAskAnswer = z.object({
  answered: z.boolean(),
  confidence: z.number(),
  faqId: z.string().nullable(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  suggestions: z.array(z.object({ faqId: z.string(), question: z.string() })),
  offerHuman: z.boolean(),
});
export type TAskAnswer = z.infer<typeof ZAskAnswer>;

export const ZPublicFaq = z.object({
  id: z.string(),
  category: z.enum(FAQ_CATEGORIES),
  question: z.string(),
  /** Live-data placeholders are filled with generic wording here (no vehicle or store in view). */
  answer: z.string(),
});
export const ZPublicFaqQuery = z.object({ category: z.enum(FAQ_CATEGORIES).optional() });
export const ZPublicFaqList = z.object({ items: z.array(ZPublicFaq) });
export type TPublicFaq = z.infer<typeof ZPublicFaq>;

export const ZFaqStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });
export const ZFaqStats = z.object({
  from: z.string(),
  to: z.string(),
  goal: z.number(),
  threshold: z.number(),
  /** Bot conversations (the bot was asked at least one question in them). */
  conversations: z.number().int(),
  /** Bot conversations where the bot answered and nobody handed it to a person. */
  deflected: z.number().int(),
  /** deflected / conversations; null without conversations. */
  deflectionRate: z.number().nullable(),
  questions: z.number().int(),
  answeredQuestions: z.number().int(),
  byDay: z.array(
    z.object({
      day: z.string(),
      conversations: z.number().int(),
      deflected: z.number().int(),
      deflectionRate: z.number().nullable(),
      questions: z.number().int(),
      answeredQuestions: z.number().int(),
    }),
  ),
});
export type TFaqStats = z.infer<typeof ZFaqStats>;

export const ZUnansweredQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const ZUnansweredList = z.object({
  items: z.array(
    z.object({
      normalized: z.string(),
      /** The latest wording a buyer used (pre-fills the "add as FAQ" form). */
      text: z.string(),
      count: z.number().int(),
      lastAskedAt: z.string(),
      bestFaqId: z.string().nullable(),
      bestFaqQuestion: z.string().nullable(),
      bestConfidence: z.number(),
    }),
  ),
});
export type TUnansweredList = z.infer<typeof ZUnansweredList>;

export const ZFaqSettings = z.object({
  threshold: z.number().min(0.05).max(0.95),
  updatedAt: z.string().nullable(),
});
export const ZFaqSettingsInput = z.object({ threshold: z.number().min(0.05).max(0.95) });
export type TFaqSettings = z.infer<typeof ZFaqSettings>;
