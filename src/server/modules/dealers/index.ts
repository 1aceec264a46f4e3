// The dealers module: cities, dealers, their qualifications and stores. `dealersModule` is everything it
// brings to the platform; the exports below it are what other modules may use (never its repository or
// tables).
import { defineModule } from '../../kernel/module.js';
import { DealerErrors } from './dealers.errors.js';
import { DealerEvents } from './dealers.events.js';
import { dealerStatusMachine } from './dealers.machine.js';
import { DealerPermissions } from './dealers.permissions.js';
import { dealersRoutes } from './dealers.routes.js';
import { seedDealerData } from './dealers.seed.js';

export const dealersModule = defineModule({
  name: 'dealers',
  routes: [{ prefix: 'dealers', plugin: dealersRoutes }],
  errors: DealerErrors,
  permissions: DealerPermissions,
  events: DealerEvents,
  stateMachines: [dealerStatusMachine],
  seed: [{ name: 'dealers.reference_data', run: (ctx) => seedDealerData(ctx.database.db) }],
});

export type {
  TCity,
  TDealer,
  TDealerDetail,
  TOpeningHours,
  TQualification,
  TStore,
} from './dealers.contract.js';
export { DealerEvents } from './dealers.events.js';
export {
  getPortalDealer,
  getPublicStore,
  listCities,
  listPortalStores,
  listPublicStores,
} from './dealers.service.js';
