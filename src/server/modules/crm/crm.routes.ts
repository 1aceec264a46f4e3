import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireBuyer } from '../../kernel/auth/guard.js';
import { setSessionCookies } from '../../kernel/auth/sessions.js';
import { listDevSmsMessages } from '../../kernel/notify/sms/index.js';
import {
  ZCustomerProfile,
  ZDevSmsInboxQuery,
  ZDevSmsInboxResponse,
  ZSendSmsCodeRequest,
  ZSendSmsCodeResponse,
  ZSmsSignInRequest,
  ZSmsSignInResponse,
  ZUpdateCustomerProfileRequest,
} from './crm.contract.js';
import {
  getCustomerProfile,
  requestSignInCode,
  signInWithSmsCode,
  updateCustomerProfile,
} from './crm.service.js';
import { normalizePhone } from './phone.js';

/** Per-IP limits on the public sign-in routes (the per-phone limits live in the database). */
export const SMS_CODE_IP_LIMIT = { max: 20, timeWindow: '10 minutes' } as const;
export const SIGN_IN_IP_LIMIT = { max: 60, timeWindow: '10 minutes' } as const;

/** Buyer sign-in and profile: mounted at /api/v1/crm. */
export const crmRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/sms-codes',
    {
      config: {
        auth: 'public',
        // Called before a session exists; a stale session cookie must not block it.
        csrf: false,
        rateLimit: { ...SMS_CODE_IP_LIMIT, keyGenerator: (request) => request.ip },
      },
      schema: {
        tags: ['crm'],
        summary: 'Send a sign-in code by SMS (same answer for registered and new numbers)',
        body: ZSendSmsCodeRequest,
        response: { 202: ZSendSmsCodeResponse },
      },
    },
    async (request, reply) => {
      const result = await requestSignInCode(
        app.ctx.database.db,
        app.ctx,
        { phone: request.body.phone },
        request.mutation,
      );
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: {
        auth: 'public',
        csrf: false,
        rateLimit: { ...SIGN_IN_IP_LIMIT, keyGenerator: (request) => request.ip },
        // Anonymous keys are scoped by IP, shared behind NAT: a replay must never carry a session.
        idempotent: {
          optOut:
            'issues a session in Set-Cookie and its CSRF token in the body; every code attempt must also count against the per-phone limits',
        },
      },
      schema: {
        tags: ['crm'],
        summary: 'Sign a buyer in with phone + SMS code (registers the number on first sign-in)',
        body: ZSmsSignInRequest,
        response: { 200: ZSmsSignInResponse },
      },
    },
    async (request, reply) => {
      const { customer, session } = await signInWithSmsCode(
        app.ctx.database.db,
        app.ctx,
        { phone: request.body.phone, code: request.body.code, consent: request.body.consent },
        request.mutation,
        request.headers['user-agent'] ?? null,
      );
      setSessionCookies(reply, app.ctx, session);
      return {
        me: { kind: 'buyer' as const, id: customer.id, phoneMasked: customer.phoneMasked },
        csrfToken: session.csrfToken,
      };
    },
  );

  app.get(
    '/me',
    {
      config: { auth: 'buyer' },
      schema: {
        tags: ['crm'],
        summary: "The signed-in buyer's profile",
        response: { 200: ZCustomerProfile },
      },
    },
    async (request) => getCustomerProfile(app.ctx.database.db, requireBuyer(request).buyerId),
  );

  app.patch(
    '/me',
    {
      config: { auth: 'buyer' },
      schema: {
        tags: ['crm'],
        summary: "Change the signed-in buyer's nickname or city",
        body: ZUpdateCustomerProfileRequest,
        response: { 200: ZCustomerProfile },
      },
    },
    async (request) =>
      updateCustomerProfile(
        app.ctx.database.db,
        requireBuyer(request).buyerId,
        request.body,
        request.mutation,
      ),
  );
};

/**
 * The SMS dev inbox, mounted at /api/v1/dev. In production this plugin registers nothing, so the
 * route does not exist there (404).
 */
export const devSmsInboxRoutes: FastifyPluginAsyncZod = async (app) => {
  if (app.ctx.config.env === 'production') return;
  app.get(
    '/sms-inbox',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['dev'],
        summary: 'Development only: SMS messages the dev-inbox provider "sent", newest first',
        querystring: ZDevSmsInboxQuery,
        response: { 200: ZDevSmsInboxResponse },
      },
    },
    async (request) => {
      const rows = await listDevSmsMessages(app.ctx.database.db, {
        phone: request.query.phone ? (normalizePhone(request.query.phone) ?? undefined) : undefined,
        limit: request.query.limit,
      });
      return {
        messages: rows.map((r) => ({
          id: r.id,
          phone: r.phone,
          text: r.text,
          sentAt: r.sentAt.toISOString(),
        })),
      };
    },
  );
};
