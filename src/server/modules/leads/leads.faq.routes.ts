import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { askWithQuestion, genericAnswer } from './leads.faq.bot.js';
import {
  ZAddSynonymRequest,
  ZAskAnswer,
  ZAskRequest,
  ZFaq,
  ZFaqIdParams,
  ZFaqInput,
  ZFaqListQuery,
  ZFaqPage,
  ZFaqSettings,
  ZFaqSettingsInput,
  ZFaqStats,
  ZFaqStatsQuery,
  ZPublicFaqList,
  ZPublicFaqQuery,
  ZUnansweredList,
  ZUnansweredQuery,
} from './leads.faq.contract.js';
import * as service from './leads.faq.service.js';

const tags = ['leads'];
const manage = { permission: 'leads.faq.manage' } as const;
/** Public asks per IP: enough for a person reading the help page, not for scraping the library. */
export const FAQ_ASK_IP_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/** The FAQ library and the bot under /api/v1/leads/faq. */
export const faqRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const unwatch = service.watchFaqLibrary(app.ctx);
  app.addHook('onClose', async () => unwatch());

  // ---- storefront ----

  app.post(
    '/ask',
    {
      config: { auth: 'public', rateLimit: { ...FAQ_ASK_IP_LIMIT, keyGenerator: (request) => request.ip } },
      schema: {
        tags,
        summary: 'Ask the FAQ bot (the help page)',
        body: ZAskRequest,
        response: { 200: ZAskAnswer },
      },
    },
    async (request) => {
      const b = request.body;
      const { answer, question } = await askWithQuestion(
        db(),
        {
          text: b.text,
          lang: request.mutation.lang,
          conversationId: null,
          listingId: b.listingId ?? null,
          trimId: b.trimId ?? null,
          storeId: b.storeId ?? null,
          cityCode: b.cityCode ?? null,
        },
        request.mutation.at,
        'help_page',
      );
      return { ...answer, suggestions: [...answer.suggestions], question };
    },
  );

  app.get(
    '/public',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Published FAQs (the help page)',
        querystring: ZPublicFaqQuery,
        response: { 200: ZPublicFaqList },
      },
    },
    async (request) => {
      const library = await service.faqLibrary(db(), request.mutation.at);
      const lang = request.mutation.lang;
      const items = [...library.faqs.values()]
        .filter((f) => !request.query.category || f.category === request.query.category)
        .map((f) => ({
          id: f.id,
          category: f.category,
          question: f.question,
          answer: genericAnswer(lang === 'en' && f.answerEn ? f.answerEn : f.answer, lang),
        }));
      return { items };
    },
  );

  // ---- console ----

  app.get(
    '/',
    { config: { auth: manage }, schema: { tags, querystring: ZFaqListQuery, response: { 200: ZFaqPage } } },
    async (request) => service.listFaqs(db(), request.query, request.mutation.at),
  );

  app.get(
    '/stats',
    { config: { auth: manage }, schema: { tags, querystring: ZFaqStatsQuery, response: { 200: ZFaqStats } } },
    async (request) => service.faqStats(db(), request.query.days, request.mutation.at),
  );

  app.get(
    '/unanswered',
    {
      config: { auth: manage },
      schema: { tags, querystring: ZUnansweredQuery, response: { 200: ZUnansweredList } },
    },
    async (request) => service.unansweredQuestions(db(), request.query.limit, request.mutation.at),
  );

  app.get(
    '/settings',
    { config: { auth: manage }, schema: { tags, response: { 200: ZFaqSettings } } },
    async () => service.getSettings(db()),
  );

  app.put(
    '/settings',
    { config: { auth: manage }, schema: { tags, body: ZFaqSettingsInput, response: { 200: ZFaqSettings } } },
    async (request) => service.saveSettings(db(), request.body.threshold, request.mutation),
  );

  app.get(
    '/:id',
    { config: { auth: manage }, schema: { tags, params: ZFaqIdParams, response: { 200: ZFaq } } },
    async (request) => service.getFaq(db(), request.params.id),
  );

  app.post(
    '/',
    { config: { auth: manage }, schema: { tags, body: ZFaqInput, response: { 201: ZFaq } } },
    async (request, reply) =>
      reply.status(201).send(await service.createFaq(db(), request.body, request.mutation)),
  );

  app.put(
    '/:id',
    {
      config: { auth: manage },
      schema: { tags, params: ZFaqIdParams, body: ZFaqInput, response: { 200: ZFaq } },
    },
    async (request) => service.updateFaq(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/synonyms',
    {
      config: { auth: manage },
      schema: { tags, params: ZFaqIdParams, body: ZAddSynonymRequest, response: { 200: ZFaq } },
    },
    async (request) =>
      service.addSynonym(
        db(),
        request.params.id,
        request.body.synonym,
        request.body.fromQuestion,
        request.mutation,
      ),
  );

  app.delete(
    '/:id',
    { config: { auth: manage }, schema: { tags, params: ZFaqIdParams, response: { 200: ZFaq } } },
    async (request) => service.archiveFaq(db(), request.params.id, request.mutation),
  );
};
