import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { AppError } from '../../kernel/http/errors.js';
import { malformedMultipart } from '../../kernel/http/multipart.js';
import * as contact from './leads.consultation.contact.js';
import {
  ZAdvisorConversationList,
  ZCallbackRequest,
  ZConversation,
  ZConversationIdParams,
  ZConversationList,
  ZConversationMessage,
  ZHandOffResult,
  ZHistoryPage,
  ZHistoryQuery,
  ZImageIdParams,
  ZLeaveContactRequest,
  ZOpenConversationRequest,
  ZOpenConversationResponse,
  ZReadRequest,
  ZSendMessageRequest,
  ZTransferRequest,
} from './leads.consultation.contract.js';
import { CHAT_IMAGE_MAX_BYTES } from './leads.consultation.enums.js';
import * as chat from './leads.consultation.service.js';
import { consultationSocket } from './leads.consultation.ws.js';

const tags = ['leads'];
const manage = { permission: 'leads.manage' } as const;
/** Anonymous visitors identify with the token their browser keeps. */
const ZVisitorHeaders = z.object({ 'x-visitor-token': z.string().max(100).optional() });

/** Consultations (live chat) under /api/v1/leads/consultations. */
export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: CHAT_IMAGE_MAX_BYTES, files: 1, fields: 2, fieldSize: 200 },
  });
  await app.register(consultationSocket);
  const ctx = () => app.ctx;
  const party = (request: FastifyRequest) => {
    const token = request.headers['x-visitor-token'];
    return chat.partyOf(app.ctx, request.actor, typeof token === 'string' ? token : null);
  };

  app.post(
    '/',
    {
      config: { auth: 'public' },
      schema: { tags, body: ZOpenConversationRequest, response: { 200: ZOpenConversationResponse } },
    },
    async (request) => chat.openConversation(ctx(), request.actor, request.body, request.mutation),
  );

  app.get(
    '/',
    {
      config: { auth: 'public' },
      schema: { tags, headers: ZVisitorHeaders, response: { 200: ZConversationList } },
    },
    async (request) => ({ items: await chat.listMyConversations(ctx(), party(request)) }),
  );

  app.get(
    '/workspace',
    { config: { auth: manage }, schema: { tags, response: { 200: ZAdvisorConversationList } } },
    async (request) => chat.listWorkspace(ctx(), requireStaff(request)),
  );

  // The workspace calls it when an advisor goes online, so the queue moves at once (a schedule does it too).
  app.post(
    '/queue/serve',
    {
      config: { auth: manage },
      schema: { tags, response: { 200: z.object({ assigned: z.number().int() }) } },
    },
    async (request) => ({ assigned: await chat.drainQueue(ctx(), request.mutation) }),
  );

  app.get(
    '/images/:imageId',
    { config: { auth: 'public' }, schema: { tags, params: ZImageIdParams } },
    async (request, reply) => {
      // Image ids are unguessable and only ever shown inside the conversation.
      const image = await contact.getImage(ctx(), request.params.imageId);
      reply.header('content-type', image.contentType);
      reply.header('cache-control', 'private, max-age=86400');
      return reply.send(image.bytes);
    },
  );

  app.get(
    '/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        response: { 200: ZConversation },
      },
    },
    async (request) => chat.getConversation(ctx(), party(request), request.params.id),
  );

  app.get(
    '/:id/messages',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        querystring: ZHistoryQuery,
        response: { 200: ZHistoryPage },
      },
    },
    async (request) => chat.history(ctx(), party(request), request.params.id, request.query),
  );

  app.get(
    '/:id/transcript',
    {
      config: { auth: { permission: 'leads.read' } },
      schema: { tags, params: ZConversationIdParams, response: { 200: ZHistoryPage } },
    },
    async (request) => {
      const actor = requireStaff(request);
      // The lead page shows the whole conversation (readers need leads.read, not leads.manage).
      const reader: chat.ChatParty = {
        kind: 'staff',
        actor: { ...actor, permissions: new Set([...actor.permissions, 'leads.manage']) },
      };
      return chat.history(ctx(), reader, request.params.id, { afterSeq: 0, limit: 200 });
    },
  );

  app.post(
    '/:id/messages',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        body: ZSendMessageRequest,
        response: { 200: z.object({ message: ZConversationMessage, duplicate: z.boolean() }) },
      },
    },
    async (request) =>
      chat.sendMessage(ctx(), party(request), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/handoff',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        response: { 200: ZHandOffResult },
      },
    },
    async (request) => chat.handOff(ctx(), party(request), request.params.id, request.mutation),
  );

  app.post(
    '/:id/contact',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        body: ZLeaveContactRequest,
        response: { 200: ZConversation },
      },
    },
    async (request) =>
      contact.leaveContact(ctx(), party(request), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/callback',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        body: ZCallbackRequest,
        response: { 200: ZConversation },
      },
    },
    async (request) =>
      contact.requestCallback(ctx(), party(request), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/read',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        body: ZReadRequest,
        response: { 200: z.object({ seq: z.number().int() }) },
      },
    },
    async (request) => ({
      seq: await contact.markRead(ctx(), party(request), request.params.id, request.body.seq),
    }),
  );

  app.post(
    '/:id/close',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        response: { 200: ZConversation },
      },
    },
    async (request) => chat.closeConversation(ctx(), party(request), request.params.id, request.mutation),
  );

  app.post(
    '/:id/accept',
    {
      config: { auth: manage },
      schema: { tags, params: ZConversationIdParams, response: { 200: ZConversation } },
    },
    async (request) =>
      chat.acceptConversation(ctx(), requireStaff(request), request.params.id, request.mutation),
  );

  app.post(
    '/:id/transfer',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZConversationIdParams,
        body: ZTransferRequest,
        response: { 200: ZConversation },
      },
    },
    async (request) =>
      chat.transferConversation(
        ctx(),
        requireStaff(request),
        request.params.id,
        request.body.toAccountId,
        request.mutation,
      ),
  );

  app.post(
    '/:id/images',
    {
      config: {
        auth: 'public',
        idempotent: {
          optOut: 'multipart upload: the file is streamed to the handler; a retry stores an unused image',
        },
      },
      schema: {
        tags,
        headers: ZVisitorHeaders,
        params: ZConversationIdParams,
        response: { 201: z.object({ imageId: z.string() }) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('CONVERSATION_IMAGE_INVALID');
      let file: { contentType: string; bytes: Buffer } | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.file.truncated) throw new AppError('CONVERSATION_IMAGE_INVALID');
            file = { contentType: part.mimetype, bytes };
          }
        }
      } catch (e) {
        if (e instanceof AppError) throw e;
        // Over the size limit (fastify's 413) is the same mistake as a wrong type, said in the buyer's words.
        if (e instanceof Error && 'statusCode' in e && e.statusCode === 413)
          throw new AppError('CONVERSATION_IMAGE_INVALID');
        throw malformedMultipart(e);
      }
      if (!file) throw new AppError('CONVERSATION_IMAGE_INVALID');
      const result = await contact.uploadImage(
        ctx(),
        party(request),
        request.params.id,
        file,
        request.mutation.at,
      );
      return reply.status(201).send(result);
    },
  );
};
