import { defineErrors, errorDefsOf } from '../../kernel/http/errors.js';
import { defineModule, job } from '../../kernel/module.js';
import { LoanApplicationErrors } from './finance.applications.errors.js';
import { LoanApplicationEvents } from './finance.applications.events.js';
import { LoanApplicationPermissions } from './finance.applications.permissions.js';
import { loanApplicationRoutes } from './finance.applications.routes.js';
import {
  RECONCILE_JOB,
  reconcileWithLenders,
  SUBMIT_JOB,
  submitToLender,
  TELL_LENDER_JOB,
  tellLender,
} from './finance.applications.service.js';
import { FinanceErrors } from './finance.errors.js';
import { sandboxLenderJobs } from './finance.lender-sandbox.js';
import { loanApplicationMachine } from './finance.machine.js';
import { FinancePermissions } from './finance.permissions.js';
import { FinanceProductEvents } from './finance.products.events.js';
import { financeRoutes } from './finance.routes.js';
import { seedFinanceProducts } from './finance.seed.js';

// The finance module's public surface: loan schedules and their APR (the public loan calculator), the partner
// lenders' products with the plans they give a car, and loan applications to those lenders.

export const financeModule = defineModule({
  name: 'finance',
  routes: [
    { prefix: 'finance', plugin: financeRoutes },
    { prefix: 'finance', plugin: loanApplicationRoutes },
  ],
  errors: defineErrors({ ...errorDefsOf(FinanceErrors), ...errorDefsOf(LoanApplicationErrors) }),
  permissions: { ...FinancePermissions, ...LoanApplicationPermissions },
  events: { ...FinanceProductEvents, ...LoanApplicationEvents },
  stateMachines: [loanApplicationMachine],
  jobs: [
    job<{ applicationId: string }>(
      SUBMIT_JOB,
      ({ ctx, payload }) => submitToLender(ctx, payload.applicationId),
      {
        maxAttempts: 8,
        backoff: { baseMs: 10_000, maxMs: 30 * 60_000 },
      },
    ),
    job<{ applicationId: string; what: 'contract_signed' | 'withdrawn' }>(
      TELL_LENDER_JOB,
      ({ ctx, payload }) => tellLender(ctx, payload.applicationId, payload.what),
      { maxAttempts: 8, backoff: { baseMs: 10_000, maxMs: 30 * 60_000 } },
    ),
    job(RECONCILE_JOB, async ({ ctx }) => {
      await reconcileWithLenders(ctx);
    }),
    ...sandboxLenderJobs,
  ],
  // A real lender's callbacks can be lost: ask about applications that have waited too long.
  schedules: [
    { name: 'finance.reconcile_loan_applications', spec: { everySeconds: 600 }, job: RECONCILE_JOB },
  ],
  // Demo products name real lenders with made-up rates: never in production, even with SEED_DEMO=1 (a buyer
  // must not see a rate the lender never offered); there finance staff enter the agreed products.
  seed: [
    {
      name: 'finance.demo_products',
      run: async (ctx) => {
        if (ctx.config.env !== 'production') await seedFinanceProducts(ctx.database.db);
      },
    },
  ],
});

export type { TLoanApplication } from './finance.applications.contract.js';
export { LoanApplicationEvents } from './finance.applications.events.js';
export type {
  TFinancePlansRequest,
  TFinancePlansResponse,
  TLoanQuoteRequest,
  TLoanQuoteResponse,
} from './finance.contract.js';
export { type LoanPlan, type LoanTerms, quoteLoan } from './finance.loan.js';
export { financePlans, getProduct as getFinanceProduct } from './finance.products.service.js';
