import { defineModule } from '../../kernel/module.js';
import { InsuranceErrors } from './insurance.errors.js';
import { InsuranceEvents } from './insurance.events.js';
import { insurerStatusMachine } from './insurance.machine.js';
import { InsurancePermissions } from './insurance.permissions.js';
import { insuranceRoutes } from './insurance.routes.js';
import { seedInsurers } from './insurance.service.js';

// The insurance module: partner insurers behind adapters (sandbox ones until real ones are connected), quotes
// comparing their plans, and the plan a buyer picks, kept so an order can carry it. Other modules use the
// exports below, never its repository or tables.

export const insuranceModule = defineModule({
  name: 'insurance',
  routes: [{ prefix: 'insurance', plugin: insuranceRoutes }],
  errors: InsuranceErrors,
  permissions: InsurancePermissions,
  events: InsuranceEvents,
  stateMachines: [insurerStatusMachine],
  seed: [{ name: 'insurance.insurers', run: (ctx) => seedInsurers(ctx.database.db, ctx.clock.now()) }],
});

export type { TInsuranceChoice, TInsuranceQuote } from './insurance.contract.js';
export { InsuranceEvents } from './insurance.events.js';
export { getInsuranceChoice } from './insurance.quotes.js';
