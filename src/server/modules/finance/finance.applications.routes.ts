import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateLoanApplicationRequest,
  ZLenderCallbackAck,
  ZLenderCallbackHeaders,
  ZLenderParams,
  ZLoanApplicationDetail,
  ZLoanApplicationIdParams,
  ZLoanApplicationPage,
  ZMyLoanApplicationsQuery,
  ZSignLoanContractRequest,
  ZStaffLoanApplicationDetail,
  ZStaffLoanApplicationQuery,
  ZWithdrawLoanApplicationRequest,
} from './finance.applications.contract.js';
import * as service from './finance.applications.service.js';

const tags = ['finance'];
const read = { permission: 'finance.loans.read' } as const;
const manage = { permission: 'finance.loans.manage' } as const;

/** Loan applications under /api/v1/finance: the buyer's, the staff queue and the lenders' callbacks. */
export const loanApplicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  // ---- buyer ----

  app.post(
    '/loan-applications',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Apply for a loan (credit-check consent, ID number, income); the lender answers later',
        body: ZCreateLoanApplicationRequest,
        response: { 201: ZLoanApplicationDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApplication(app.ctx, request.body, request.mutation)),
  );

  app.get(
    '/loan-applications',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My loan applications, newest first',
        querystring: ZMyLoanApplicationsQuery,
        response: { 200: ZLoanApplicationPage },
      },
    },
    async (request) => service.listMyApplications(db(), request.query, request.mutation),
  );

  app.get(
    '/loan-applications/:id',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'One of my loan applications with its timeline and reasons',
        params: ZLoanApplicationIdParams,
        response: { 200: ZLoanApplicationDetail },
      },
    },
    async (request) => service.getMyApplication(db(), request.params.id, request.mutation),
  );

  app.post(
    '/loan-applications/:id/sign-contract',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Sign the loan contract of an approved application',
        params: ZLoanApplicationIdParams,
        body: ZSignLoanContractRequest,
        response: { 200: ZLoanApplicationDetail },
      },
    },
    async (request) => service.signContract(app.ctx, request.params.id, request.body, request.mutation),
  );

  app.post(
    '/loan-applications/:id/withdraw',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Withdraw an application before its contract is signed',
        params: ZLoanApplicationIdParams,
        body: ZWithdrawLoanApplicationRequest,
        response: { 200: ZLoanApplicationDetail },
      },
    },
    async (request) =>
      service.withdrawApplication(app.ctx, request.params.id, request.body, request.mutation),
  );

  // ---- console ----

  app.get(
    '/staff/loan-applications',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The loan applications queue (filters: state, lender, city, submission days)',
        querystring: ZStaffLoanApplicationQuery,
        response: { 200: ZLoanApplicationPage },
      },
    },
    async (request) => service.listStaffApplications(db(), request.query, request.mutation.lang),
  );

  app.get(
    '/staff/loan-applications/:id',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'A loan application with its timeline and the lender callbacks received',
        params: ZLoanApplicationIdParams,
        response: { 200: ZStaffLoanApplicationDetail },
      },
    },
    async (request) => service.getStaffApplication(db(), request.params.id, request.mutation.lang),
  );

  app.post(
    '/staff/loan-applications/:id/sync',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: "Ask the lender for the application's status now and apply it",
        params: ZLoanApplicationIdParams,
        response: { 200: ZStaffLoanApplicationDetail },
      },
    },
    async (request) => service.syncFromLender(app.ctx, request.params.id, request.mutation),
  );

  // ---- lenders ----

  // The signature covers the exact bytes sent, so this route reads the body as text (its own scope: no
  // other route is affected) and the lender adapter parses it after verifying.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    scope.post(
      '/lenders/:lender/callbacks',
      {
        config: {
          auth: 'public',
          idempotent: {
            optOut:
              'lender callbacks are signed and deduplicated by the lender’s event id, not by Idempotency-Key',
          },
        },
        schema: {
          tags,
          summary: 'A lender’s signed status callback (HMAC-SHA256 over timestamp, nonce and body)',
          params: ZLenderParams,
          headers: ZLenderCallbackHeaders,
          body: z.string().max(1_048_576).describe('the lender’s JSON body, exactly as signed'),
          response: { 200: ZLenderCallbackAck },
        },
      },
      async (request) =>
        service.receiveLenderCallback(
          app.ctx,
          request.params.lender,
          request.headers,
          request.body,
          request.mutation,
        ),
    );
  });
};
