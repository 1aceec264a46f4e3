// The dealers module's public surface: other modules use these, never its repository or tables.
export type {
  TCity,
  TDealer,
  TDealerDetail,
  TOpeningHours,
  TQualification,
  TStore,
} from './dealers.contract.js';
export { DealerErrors } from './dealers.errors.js';
export { dealersRoutes } from './dealers.routes.js';
export {
  DealerEvents,
  getPortalDealer,
  getPublicStore,
  listCities,
  listPortalStores,
  listPublicStores,
  type MutationMeta,
} from './dealers.service.js';
export { isValidUscc } from './dealers.uscc.js';
