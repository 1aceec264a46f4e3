import { defineModule, job } from '../../kernel/module.js';
import { OrdersErrors } from './orders.errors.js';
import { OrdersEvents } from './orders.events.js';
import { autoAllocateOrders, expireUnpaidOrders, sendPaymentReminders } from './orders.jobs.js';
import { orderStatusMachine } from './orders.machine.js';
import { OrdersPermissions } from './orders.permissions.js';
import { ordersRoutes } from './orders.routes.js';

/** Reminds buyers of unpaid orders 10 minutes before the deadline. */
export const PAYMENT_REMINDER_JOB = 'orders.payment_reminders';
/** Cancels unpaid orders past their deadline and releases their cars. */
export const EXPIRE_UNPAID_JOB = 'orders.expire_unpaid';
/** Allocates paid orders staff left alone for ORDER_AUTO_ALLOCATE_MINUTES to their held unit. */
export const AUTO_ALLOCATE_JOB = 'orders.auto_allocate';

// The orders module's public surface: vehicle orders from placement to ready-for-delivery, driven by the
// flows (payments, contracts, loans) through the functions below and observed through OrdersEvents.
// Other modules use these, never its repository or tables.

export const ordersModule = defineModule({
  name: 'orders',
  routes: [{ prefix: 'orders', plugin: ordersRoutes }],
  errors: OrdersErrors,
  permissions: OrdersPermissions,
  events: OrdersEvents,
  jobs: [
    job(PAYMENT_REMINDER_JOB, async (j) => {
      await sendPaymentReminders(j.db, j.ctx.config, j.ctx.clock.now());
    }),
    job(EXPIRE_UNPAID_JOB, async (j) => {
      await expireUnpaidOrders(j.db, j.ctx.config, j.ctx.clock.now());
    }),
    job(AUTO_ALLOCATE_JOB, async (j) => {
      await autoAllocateOrders(j.db, j.ctx.config, j.ctx.clock.now());
    }),
  ],
  // The orders table is the queue: these only wake the jobs up, so a restart loses nothing.
  schedules: [
    { name: 'orders.payment_reminders.every_minute', spec: { everySeconds: 60 }, job: PAYMENT_REMINDER_JOB },
    { name: 'orders.expire_unpaid.every_minute', spec: { everySeconds: 60 }, job: EXPIRE_UNPAID_JOB },
    { name: 'orders.auto_allocate.every_minute', spec: { everySeconds: 60 }, job: AUTO_ALLOCATE_JOB },
  ],
  stateMachines: [orderStatusMachine],
});

export {
  advanceOrderDelivery,
  allocateOrderUnit,
  applyOrderPayment,
  cancelOrder,
  changeOrderSpec,
  clearRiskReview,
  markContractSigned,
  markLoanDisbursed,
  placeOrder,
} from './orders.api.js';
export type {
  TCancellationSettlement,
  TDepositTerms,
  TOrder,
  TOrderSummary,
  TPlaceOrderRequest,
  TStaffOrder,
} from './orders.contract.js';
export {
  CANCELLED_BY,
  type CancelledBy,
  DEPOSIT_KINDS,
  type DepositKind,
  ORDER_STATUSES,
  type OrderStatus,
} from './orders.enums.js';
export { OrdersErrors } from './orders.errors.js';
export { OrdersEvents } from './orders.events.js';
export { autoAllocateOrders, expireUnpaidOrders, sendPaymentReminders } from './orders.jobs.js';
export {
  type ApplyPaymentInput,
  DELIVERY_ACTIONS,
  type DeliveryAction,
  previewCancellation,
  recordContractIssued,
} from './orders.lifecycle.js';
export { ORDER_TRANSITIONS, type OrderAction, orderStatusMachine } from './orders.machine.js';
export { recordOrderNote } from './orders.notes.js';
export { depositTermsFor, type PlaceOrderInput } from './orders.place.js';
export { settleCancellation } from './orders.policy.js';
export { type ReplacedUnit, replaceOrderUnit } from './orders.replacement.js';
export {
  type BuyerCar,
  buyerCars,
  getMyOrder,
  getOrder,
  getOrderBuyerIdentity,
  getOrderFacts,
  notifyOrderBuyer,
  type OrderFacts,
  orderIdsForLoanApplication,
  orderView,
  staffOrderView,
} from './orders.service.js';
export type { OrdersEnv } from './orders.shared.js';
