import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';

/** What crm tells the rest of the platform; subscribers import this from crm's index.ts. */
export const CrmEvents = defineEvents({
  customerRegistered: {
    name: 'crm.customer_registered',
    aggregateType: 'customer',
    payload: z.object({
      customerId: z.string(),
      phoneMasked: z.string(),
      channel: z.literal('sms'),
    }),
    description:
      'a phone number signs in for the first time and becomes a customer (in the sign-in transaction)',
  },
});
