// The accessories module's public surface: accessories and care products (category tree, SKUs with
// variants, the series they fit). Reached over HTTP only for now; its tables are its own.
import { defineModule } from '../../kernel/module.js';
import { AccessoryErrors } from './accessories.errors.js';
import { accessoriesRoutes } from './accessories.routes.js';
import { seedAccessories } from './accessories.seed.js';

export type { TAccessory, TAccessoryCategory } from './accessories.contract.js';
export { AccessoryErrors } from './accessories.errors.js';

export const accessoriesModule = defineModule({
  name: 'accessories',
  routes: [{ prefix: 'catalog', plugin: accessoriesRoutes }],
  errors: AccessoryErrors,
  seed: [{ name: 'accessories.demo', run: (ctx) => seedAccessories(ctx.database.db) }],
});
// For inventory's accessory stock: SKU variants by id or SKU (product names included).
export {
  type AccessoryVariantFacts,
  variantFacts as accessoryVariantFacts,
} from './accessories.repository.js';
