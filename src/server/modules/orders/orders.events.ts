import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { CANCELLED_BY, ORDER_STATUSES } from './orders.enums.js';

/** Events the orders module publishes; the flows turn them into payments, contracts and refunds. */
export const OrdersEvents = defineEvents({
  created: {
    name: 'orders.created',
    aggregateType: 'order',
    payload: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      buyerUserId: z.string(),
      dealerId: z.string(),
      listingId: z.string(),
      unitId: z.string().nullable(),
      depositKind: z.enum(['refundable', 'binding']),
      depositFen: z.number().int(),
      totalDueFen: z.number().int(),
      paymentMethod: z.enum(['full', 'loan']),
      paymentDeadline: z.string(),
      riskReview: z.enum(['none', 'pending', 'cleared', 'rejected']),
    }),
    description: 'a buyer placed an order; its unit is held until the payment deadline',
  },
  statusChanged: {
    name: 'orders.status_changed',
    aggregateType: 'order',
    payload: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      from: z.enum(ORDER_STATUSES),
      to: z.enum(ORDER_STATUSES),
      buyerUserId: z.string(),
      dealerId: z.string(),
    }),
    description:
      'an order moved along its machine (deposit paid, allocated, contract signed, paid, ready, cancelled)',
  },
  cancelled: {
    name: 'orders.cancelled',
    aggregateType: 'order',
    payload: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      by: z.enum(CANCELLED_BY),
      reason: z.string(),
      paidFen: z.number().int(),
      refundFen: z.number().int(),
      forfeitFen: z.number().int(),
      compensationFen: z.number().int(),
    }),
    description:
      'an order was cancelled; refund, forfeit and compensation are what the deposit policy gives (payments act on them)',
  },
  refundDue: {
    name: 'orders.refund_due',
    aggregateType: 'order',
    payload: z.object({
      orderId: z.string(),
      paymentRef: z.string(),
      amountFen: z.number().int(),
      reason: z.string(),
    }),
    description: 'a payment reached an order that was already cancelled: it must be refunded in full',
  },
});
