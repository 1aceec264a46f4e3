import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZLoanQuoteRequest, ZLoanQuoteResponse } from './finance.contract.js';
import { quoteLoan } from './finance.loan.js';

const tags = ['finance'];

/** The finance API under /api/v1/finance. */
export const financeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/loan-quote',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'a calculation: stores nothing, same answer every time' },
      },
      schema: {
        tags,
        summary: 'Loan schedule with its APR (IRR over the actual cash flows, fees included; PBOC 2021 No.3)',
        body: ZLoanQuoteRequest,
        response: { 200: ZLoanQuoteResponse },
      },
    },
    async (request) => quoteLoan(request.body),
  );
};
