import { subscription } from '../kernel/events/define.js';
import { defineModule } from '../kernel/module.js';
import { systemMutation } from '../kernel/mutation.js';
import { ContractsEvents } from '../modules/contracts/index.js';
import { LoanApplicationEvents } from '../modules/finance/index.js';
import { cancelPlateServiceOfOrder, markPlateServicePaid } from '../modules/fulfilment/index.js';
import { markUnitDelivered } from '../modules/inventory/index.js';
import { recordTestdriveBooked, recordTestdriveOutcome } from '../modules/leads/index.js';
import {
  applyOrderPayment,
  clearRiskReview,
  getOrderFacts,
  markContractSigned,
  markLoanDisbursed,
  OrdersEvents,
  orderIdsForLoanApplication,
  recordContractIssued,
} from '../modules/orders/index.js';
import { PaymentsEvents, requestRefund } from '../modules/payments/index.js';
import { openRiskCase, RiskEvents } from '../modules/risk/index.js';
import { markShopOrderPaid } from '../modules/shop/index.js';
import { TestdrivesEvents } from '../modules/testdrives/index.js';
import { checkoutRoutes } from './checkout.routes.js';
import { FlowErrors } from './flows.errors.js';
import {
  issueContractForOrder,
  refundNeedsReview,
  releaseReviewedRefund,
  settleCancellationMoney,
  settlementOf,
} from './settlement.js';

// The use cases that span modules: checkout (risk + order + deposit intent, one transaction) and the
// reactions that carry an order through payments, contracts, risk and loans. Each reaction is an outbox
// subscription: it runs after the change committed, retries on failure, and is idempotent on its side
// (orders apply a payment once per payment id; contracts issue one live contract per order).

export const flowsModule = defineModule({
  name: 'flows',
  routes: [{ prefix: 'orders', plugin: checkoutRoutes }],
  errors: FlowErrors,
  subscriptions: [
    // Money arrived: the order moves (deposit_paid, balance_paid -> ready_for_delivery).
    subscription(PaymentsEvents.intentSucceeded, 'flows.payment_moves_order', async (event, j) => {
      const p = event.payload;
      // Only the car's own money moves the order; after-sales services (plate service) have their own reaction.
      if (p.purpose !== 'deposit' && p.purpose !== 'balance') return;
      await applyOrderPayment(
        j.db,
        { orderId: p.orderId, purpose: p.purpose, amountFen: p.amountFen, paymentRef: p.intentId },
        systemMutation(j.ctx.clock.now()),
        j.ctx.config,
      );
    }),
    // Money for an accessories-shop order: its held stock is taken and the order is paid.
    subscription(PaymentsEvents.intentSucceeded, 'flows.payment_pays_shop_order', async (event, j) => {
      const p = event.payload;
      if (p.purpose !== 'shop_order') return;
      await markShopOrderPaid(
        j.db,
        { shopOrderId: p.orderId, intentId: p.intentId, amountFen: p.amountFen },
        systemMutation(j.ctx.clock.now()),
      );
    }),
    // The plate service's fee arrived: the service starts (or waits for the buyer's quota).
    subscription(PaymentsEvents.intentSucceeded, 'flows.plate_service_paid', async (event, j) => {
      const p = event.payload;
      if (p.purpose !== 'plate_service') return;
      await markPlateServicePaid(
        j.db,
        { orderId: p.orderId, intentId: p.intentId, amountFen: p.amountFen },
        systemMutation(j.ctx.clock.now()),
      );
    }),
    // A cancellation's settlement becomes money: refund, forfeit, and a seller's double return; money going
    // back for a car already handed over waits for a person (risk rule refund_after_delivery).
    subscription(OrdersEvents.cancelled, 'flows.cancellation_settles_money', async (event, j) => {
      const mutation = systemMutation(j.ctx.clock.now());
      const settlement = settlementOf(event.payload);
      if (await refundNeedsReview(j.db, settlement, mutation)) return;
      await settleCancellationMoney(j.db, settlement, mutation);
    }),
    // A cancelled order ends its plate service too; a fee already paid goes back (one transaction with the
    // subscription's own mark, so a retry never refunds twice).
    subscription(OrdersEvents.cancelled, 'flows.cancellation_ends_plate_service', async (event, j) => {
      const mutation = systemMutation(j.ctx.clock.now());
      const { refundFen } = await cancelPlateServiceOfOrder(j.db, event.payload.orderId, mutation);
      if (refundFen <= 0) return;
      await requestRefund(
        j.db,
        {
          orderId: event.payload.orderId,
          amountFen: refundFen,
          reason: '订单取消，退还上牌服务费',
          kind: 'cancellation',
          requestedBy: null,
        },
        mutation,
      );
    }),
    // Money that reached an order already cancelled goes back in full.
    subscription(OrdersEvents.refundDue, 'flows.late_payment_refunded', async (event, j) => {
      const p = event.payload;
      await requestRefund(
        j.db,
        {
          orderId: p.orderId,
          amountFen: p.amountFen,
          reason: p.reason,
          kind: 'cancellation',
          requestedBy: null,
        },
        systemMutation(j.ctx.clock.now()),
      );
    }),
    // A car allocated: the purchase contract is issued for the buyer and the dealer to sign.
    subscription(OrdersEvents.statusChanged, 'flows.allocation_issues_contract', async (event, j) => {
      if (event.payload.to !== 'vehicle_allocated') return;
      await issueContractForOrder(j.db, event.payload.orderId, systemMutation(j.ctx.clock.now()));
    }),
    // The buyer accepted the car: its stock unit is delivered (turnover and stock counts see it gone).
    subscription(OrdersEvents.statusChanged, 'flows.handover_delivers_unit', async (event, j) => {
      if (event.payload.to !== 'delivered') return;
      const facts = await getOrderFacts(j.db, event.payload.orderId);
      const unitId = facts.vehicle.unitId;
      if (unitId) await markUnitDelivered(j.db, unitId, systemMutation(j.ctx.clock.now()));
    }),
    subscription(ContractsEvents.issued, 'flows.issued_contract_shown_on_order', async (event, j) => {
      await recordContractIssued(j.db, {
        orderId: event.payload.orderId,
        contractId: event.payload.contractId,
      });
    }),
    subscription(ContractsEvents.signed, 'flows.signed_contract_moves_order', async (event, j) => {
      await markContractSigned(
        j.db,
        { orderId: event.payload.orderId, contractId: event.payload.contractId },
        systemMutation(j.ctx.clock.now()),
        j.ctx.config,
      );
    }),
    subscription(LoanApplicationEvents.loanDisbursed, 'flows.loan_pays_order', async (event, j) => {
      const mutation = systemMutation(j.ctx.clock.now());
      for (const orderId of await orderIdsForLoanApplication(j.db, event.payload.applicationId)) {
        await markLoanDisbursed(
          j.db,
          { orderId, loanApplicationId: event.payload.applicationId },
          mutation,
          j.ctx.config,
        );
      }
    }),
    // Risk: a person's decision on a flagged order lets it go on (or cancels it with a full refund).
    subscription(RiskEvents.caseDecided, 'flows.risk_decision_moves_order', async (event, j) => {
      if (event.payload.subjectType === 'refund') {
        // A held refund-after-delivery: cleared pays the settlement out; rejected keeps the money.
        if (event.payload.decision === 'cleared') {
          await releaseReviewedRefund(j.db, event.payload.caseId, systemMutation(j.ctx.clock.now()));
        }
        return;
      }
      if (event.payload.subjectType !== 'order') return;
      await clearRiskReview(
        j.db,
        { orderId: event.payload.orderId, decision: event.payload.decision },
        systemMutation(j.ctx.clock.now()),
        j.ctx.config,
      );
    }),
    subscription(PaymentsEvents.amountMismatch, 'flows.amount_mismatch_opens_case', async (event, j) => {
      const p = event.payload;
      await openRiskCase(
        j.db,
        {
          subjectType: 'payment',
          subjectId: p.intentId,
          orderId: p.orderId,
          rule: 'amount_mismatch',
          details: {
            provider: p.provider,
            expectedFen: p.expectedFen,
            receivedFen: p.receivedFen,
            currency: p.currency,
          },
        },
        systemMutation(j.ctx.clock.now()),
      );
    }),
    // Test drives make and move leads (here, not in leads: testdrives imports leads' advisor routing).
    subscription(TestdrivesEvents.testdriveBooked, 'flows.testdrive_booking_makes_lead', async (event, j) => {
      await recordTestdriveBooked(j.db, event.payload, new Date(event.occurredAt));
    }),
    subscription(
      TestdrivesEvents.testdriveBookingStatusChanged,
      'flows.testdrive_outcome_moves_lead',
      async (event, j) => {
        await recordTestdriveOutcome(j.db, event.payload, new Date(event.occurredAt));
      },
    ),
  ],
});
