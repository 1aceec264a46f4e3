import { defineModule } from '../../kernel/module.js';
import { FinanceErrors } from './finance.errors.js';
import { FinancePermissions } from './finance.permissions.js';
import { FinanceProductEvents } from './finance.products.events.js';
import { financeRoutes } from './finance.routes.js';
import { seedFinanceProducts } from './finance.seed.js';

// The finance module's public surface: loan schedules and their APR (the public loan calculator), and the
// partner lenders' products with the plans they give a car. Loan applications and insurance come next.

export const financeModule = defineModule({
  name: 'finance',
  routes: [{ prefix: 'finance', plugin: financeRoutes }],
  errors: FinanceErrors,
  permissions: FinancePermissions,
  events: { ...FinanceProductEvents },
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

export type {
  TFinancePlansRequest,
  TFinancePlansResponse,
  TLoanQuoteRequest,
  TLoanQuoteResponse,
} from './finance.contract.js';
export { type LoanPlan, type LoanTerms, quoteLoan } from './finance.loan.js';
export { financePlans, getProduct as getFinanceProduct } from './finance.products.service.js';
