import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { DELIVERY_STATUSES, TRACKING_KINDS } from './fulfilment.enums.js';

/** Events the fulfilment module publishes (payloads carry ids; subscribers read what they need). */
export const FulfilmentEvents = defineEvents({
  deliveryScheduled: {
    name: 'fulfilment.delivery_scheduled',
    aggregateType: 'delivery',
    payload: z.object({
      deliveryId: z.string(),
      orderId: z.string(),
      slotId: z.string(),
      rescheduled: z.boolean(),
    }),
    description: 'a buyer booked (or rebooked) a delivery slot',
  },
  deliveryStatusChanged: {
    name: 'fulfilment.delivery_status_changed',
    aggregateType: 'delivery',
    payload: z.object({
      deliveryId: z.string(),
      orderId: z.string(),
      status: z.enum(DELIVERY_STATUSES),
    }),
    description: 'a delivery was dispatched, handed over or completed',
  },
  trackingUpdated: {
    name: 'fulfilment.tracking_updated',
    aggregateType: 'delivery',
    payload: z.object({ deliveryId: z.string(), kind: z.enum(TRACKING_KINDS) }),
    description: 'a carrier event was recorded for the first time',
  },
  deliveryDelayed: {
    name: 'fulfilment.delivery_delayed',
    aggregateType: 'delivery',
    payload: z.object({ deliveryId: z.string(), orderId: z.string() }),
    description: 'a delivery passed the end of its slot without being handed over',
  },
});
