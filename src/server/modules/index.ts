import { flowsModule } from '../flows/index.js';
import { kernelModule } from '../kernel/kernel.module.js';
import type { ModuleDef } from '../kernel/module.js';
import { accessoriesModule } from './accessories/index.js';
import { analyticsModule } from './analytics/index.js';
import { catalogModule } from './catalog/index.js';
import { contractsModule } from './contracts/index.js';
import { crmModule } from './crm/index.js';
import { dealersModule } from './dealers/index.js';
import { financeModule } from './finance/index.js';
import { fulfilmentModule } from './fulfilment/index.js';
import { identityModule } from './identity/index.js';
import { insuranceModule } from './insurance/index.js';
import { inventoryModule } from './inventory/index.js';
import { leadsModule } from './leads/index.js';
import { listingsModule } from './listings/index.js';
import { ordersModule } from './orders/index.js';
import { paymentsModule } from './payments/index.js';
import { platformModule } from './platform/index.js';
import { pricingModule } from './pricing/index.js';
import { riskModule } from './risk/index.js';
import { searchModule } from './search/index.js';
import { shopModule } from './shop/index.js';
import { testdrivesModule } from './testdrives/index.js';

/**
 * Every business module, in seed order (dealers before identity: the identity seed attaches dealer staff
 * to dealers; the model database before listings; search last among the catalog seeds: it indexes the
 * others' rows). App start-up, the job runner, the seed, the permission table and the generated docs all
 * read this list; adding a module means adding it here.
 */
export const businessModules: readonly ModuleDef[] = [
  dealersModule,
  identityModule,
  crmModule,
  catalogModule,
  listingsModule,
  accessoriesModule,
  searchModule,
  platformModule,
  pricingModule,
  financeModule,
  insuranceModule,
  inventoryModule,
  riskModule,
  contractsModule,
  paymentsModule,
  ordersModule,
  fulfilmentModule,
  shopModule,
  leadsModule,
  testdrivesModule,
  analyticsModule,
];

/** The kernel's own definition first, then the business modules: what `installModules` is given. */
export const platformModules: readonly ModuleDef[] = [kernelModule, ...businessModules, flowsModule];
