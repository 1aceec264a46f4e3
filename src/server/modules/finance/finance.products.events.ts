import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';

/** Events of the finance products (payloads carry ids; subscribers read what they need). */
export const FinanceProductEvents = defineEvents({
  productCreated: {
    name: 'finance.product_created',
    aggregateType: 'finance_product',
    payload: z.object({ productId: z.string(), lenderCode: z.string() }),
    description: "finance staff added a partner lender's loan product",
  },
  productUpdated: {
    name: 'finance.product_updated',
    aggregateType: 'finance_product',
    payload: z.object({ productId: z.string(), version: z.number().int(), fields: z.array(z.string()) }),
    description: 'finance staff changed a loan product (rates, terms, down payments, dates, active flag)',
  },
});
