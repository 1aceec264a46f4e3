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
import { sandboxLenderJobs } from './finance.lender-sandbox.js';
import { loanApplicationMachine } from './finance.machine.js';
import { financeRoutes } from './finance.routes.js';

// The finance module's public surface: loan schedules and their APR (the public loan calculator) and loan
// applications to partner lenders. Products and insurance quotes come next (issue 9).

export const financeModule = defineModule({
  name: 'finance',
  routes: [
    { prefix: 'finance', plugin: financeRoutes },
    { prefix: 'finance', plugin: loanApplicationRoutes },
  ],
  errors: LoanApplicationErrors,
  permissions: { ...LoanApplicationPermissions },
  events: { ...LoanApplicationEvents },
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
});

export type { TLoanApplication } from './finance.applications.contract.js';
export { LoanApplicationEvents } from './finance.applications.events.js';
export type { TLoanQuoteRequest, TLoanQuoteResponse } from './finance.contract.js';
export { type LoanPlan, type LoanTerms, quoteLoan } from './finance.loan.js';
