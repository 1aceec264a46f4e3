import { defineModule } from '../../kernel/module.js';
import { financeRoutes } from './finance.routes.js';

// The finance module's public surface: loan schedules and their APR (the public loan calculator). Loan
// products, applications and insurance quotes come next (issue 9).

export const financeModule = defineModule({
  name: 'finance',
  routes: [{ prefix: 'finance', plugin: financeRoutes }],
});

export type { TLoanQuoteRequest, TLoanQuoteResponse } from './finance.contract.js';
export { type LoanPlan, type LoanTerms, quoteLoan } from './finance.loan.js';
