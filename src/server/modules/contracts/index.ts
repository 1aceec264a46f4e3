import { defineModule } from '../../kernel/module.js';
import { ContractsErrors } from './contracts.errors.js';
import { ContractsEvents } from './contracts.events.js';
import { purchaseContractMachine } from './contracts.machine.js';
import { ContractsPermissions } from './contracts.permissions.js';
import { contractsRoutes } from './contracts.routes.js';

// The contracts module's public surface: other modules and flows use these, never its repository or tables.
// Its default template (version 1) is inserted by a migration, so every environment has it; no seed step.

export const contractsModule = defineModule({
  name: 'contracts',
  routes: [{ prefix: 'contracts', plugin: contractsRoutes }],
  errors: ContractsErrors,
  permissions: ContractsPermissions,
  events: ContractsEvents,
  stateMachines: [purchaseContractMachine],
});

export type {
  PurchaseContractFacts,
  TContractSignature,
  TPurchaseContract,
} from './contracts.contract.js';
export { ContractsEvents } from './contracts.events.js';
export {
  getContractForOrder,
  issuePurchaseContract,
  type SignPurchaseContractInput,
  signPurchaseContract,
} from './contracts.service.js';
