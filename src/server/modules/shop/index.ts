import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { ShopErrors } from './shop.errors.js';
import { ShopEvents } from './shop.events.js';
import { shopOrderMachine } from './shop.machine.js';
import { expireUnpaidShopOrders } from './shop.orders.js';
import { ShopPermissions } from './shop.permissions.js';
import { shopRoutes } from './shop.routes.js';
import { seedShop } from './shop.seed.js';
import { completeDeliveredShopOrders } from './shop.shipping.js';

/** Cancels unpaid shop orders whose stock hold ran out, releasing the stock. */
export const EXPIRE_SHOP_HOLDS_JOB = 'shop.expire_holds';
/** Completes delivered shop orders whose 7-day return window has closed. */
export const COMPLETE_SHOP_ORDERS_JOB = 'shop.complete_orders';

// The shop module's public surface: the accessories shop's carts, orders, shipping and returns. Other
// modules use these, never its repository or tables.

export const shopModule = defineModule({
  name: 'shop',
  routes: [{ prefix: 'shop', plugin: shopRoutes }],
  errors: ShopErrors,
  permissions: ShopPermissions,
  events: ShopEvents,
  jobs: [
    job(EXPIRE_SHOP_HOLDS_JOB, async (j) => {
      await expireUnpaidShopOrders(j.db, systemMutation(j.ctx.clock.now()));
    }),
    job(COMPLETE_SHOP_ORDERS_JOB, async (j) => {
      await completeDeliveredShopOrders(j.db, systemMutation(j.ctx.clock.now()));
    }),
  ],
  schedules: [
    { name: 'shop.expire_holds.every_minute', spec: { everySeconds: 60 }, job: EXPIRE_SHOP_HOLDS_JOB },
    { name: 'shop.complete_orders.hourly', spec: { everySeconds: 3600 }, job: COMPLETE_SHOP_ORDERS_JOB },
  ],
  seed: [{ name: 'shop.demo_shipping_rules', run: (ctx) => seedShop(ctx) }],
  stateMachines: [shopOrderMachine],
});

export type { TShopOrder } from './shop.contract.js';
export {
  provideShopCoupons,
  type ShopCouponLine,
  type ShopCouponProvider,
  type ShopCouponQuery,
} from './shop.coupons.js';
export { SHOP_ORDER_STATUSES, type ShopOrderStatus } from './shop.enums.js';
export { ShopEvents } from './shop.events.js';
export { markShopOrderPaid } from './shop.orders.js';
