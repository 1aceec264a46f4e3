import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { SHOP_ORDER_STATUSES } from './shop.enums.js';

/** Events the shop module publishes (payloads carry ids; subscribers read what they need). */
export const ShopEvents = defineEvents({
  orderPlaced: {
    name: 'shop.order_placed',
    aggregateType: 'shop_order',
    payload: z.object({ shopOrderId: z.string(), buyerId: z.string(), totalFen: z.number().int() }),
    description: 'a buyer checked out: stock is held and a payment is open',
  },
  statusChanged: {
    name: 'shop.order_status_changed',
    aggregateType: 'shop_order',
    payload: z.object({
      shopOrderId: z.string(),
      from: z.enum(SHOP_ORDER_STATUSES),
      to: z.enum(SHOP_ORDER_STATUSES),
    }),
    description: 'a shop order moved (paid, shipped, delivered, completed, cancelled, returning, returned)',
  },
});
