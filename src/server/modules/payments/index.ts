import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { PaymentsErrors } from './payments.errors.js';
import { PaymentsEvents } from './payments.events.js';
import { queryPendingIntents } from './payments.intents.js';
import { paymentIntentMachine, paymentRefundMachine } from './payments.machine.js';
import { sandboxPageRoutes } from './payments.pay-page.js';
import { PaymentsPermissions } from './payments.permissions.js';
import { previousDay, RECONCILE_JOB, reconcileDay } from './payments.reconciliation.js';
import { EXECUTE_REFUND_JOB, executeRefund, queryProcessingRefunds } from './payments.refunds.js';
import { paymentsRoutes } from './payments.routes.js';
import { bindPaymentsContext, paymentsContext } from './payments.runtime.js';
import { sandboxGatewayJobs } from './payments.sandbox.js';

/** Asks the gateways about pending intents and refunds in flight (lost notifications), and expires the late. */
export const QUERY_PENDING_JOB = 'payments.query_pending';

// The payments module's public surface: payment intents for orders (deposit and balance) through Alipay,
// WeChat Pay, UnionPay or a bank transfer, refunds, forfeits and compensation, and the ledger they post to.
// It knows nothing of orders' tables: an intent carries the order's id and number given by the caller.

export const paymentsModule = defineModule({
  name: 'payments',
  routes: [
    { prefix: 'payments', plugin: paymentsRoutes },
    { prefix: '', plugin: sandboxPageRoutes(() => paymentsContext()), atRoot: true },
  ],
  errors: PaymentsErrors,
  permissions: PaymentsPermissions,
  events: PaymentsEvents,
  jobs: [
    job(QUERY_PENDING_JOB, async (j) => {
      bindPaymentsContext(j.ctx);
      const mutation = systemMutation(j.ctx.clock.now());
      await queryPendingIntents(j.ctx, mutation);
      await queryProcessingRefunds(j.ctx, mutation);
    }),
    job<{ refundId: string }>(
      EXECUTE_REFUND_JOB,
      async (j) => {
        bindPaymentsContext(j.ctx);
        await executeRefund(j.ctx, j.payload.refundId, systemMutation(j.ctx.clock.now()));
      },
      { maxAttempts: 10, backoff: { baseMs: 30_000, maxMs: 60 * 60_000 } },
    ),
    job<{ day?: string }>(RECONCILE_JOB, async (j) => {
      bindPaymentsContext(j.ctx);
      const at = j.ctx.clock.now();
      await reconcileDay(j.ctx, j.payload.day ?? previousDay(at), undefined, null, systemMutation(at));
    }),
    ...sandboxGatewayJobs,
  ],
  schedules: [
    { name: 'payments.query_pending.every_minute', spec: { everySeconds: 60 }, job: QUERY_PENDING_JOB },
    { name: 'payments.reconcile.daily', spec: { dailyAt: '02:00' }, job: RECONCILE_JOB },
  ],
  stateMachines: [paymentIntentMachine, paymentRefundMachine],
});

export type { TOrderMoney, TPaymentIntent, TRefund } from './payments.contract.js';
export {
  ONLINE_PROVIDERS,
  type OnlineProvider,
  PAYMENT_PROVIDERS,
  PAYMENT_PURPOSES,
  type PaymentProvider,
  type PaymentPurpose,
  REFUND_KINDS,
} from './payments.enums.js';
export { PaymentsErrors } from './payments.errors.js';
export { PaymentsEvents } from './payments.events.js';
export {
  type CreatePaymentIntentInput,
  createPaymentIntent,
  getPaymentIntent,
  listOrderPayments,
} from './payments.intents.js';
export { assertLedgerBalanced, type OrderMoney, orderMoney } from './payments.ledger.js';
export {
  approveRefund,
  payCompensation,
  type RefundRequest,
  recordForfeit,
  rejectRefund,
  requestRefund,
} from './payments.refunds.js';
