import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { DEALER_STATUSES, QUALIFICATION_KINDS } from './dealers.contract.js';

// Payloads carry ids and what changed, not the rows: a subscriber reads what it needs through this
// module's index.ts when the event reaches it.

const ZChangedFields = z.array(z.string()).describe('the names of the fields the change wrote');

export const DealerEvents = defineEvents({
  dealerCreated: {
    name: 'dealer.created',
    aggregateType: 'dealer',
    payload: z.object({ dealerId: z.string() }),
    description: 'platform staff created a dealer',
  },
  dealerUpdated: {
    name: 'dealer.updated',
    aggregateType: 'dealer',
    payload: z.object({ dealerId: z.string(), fields: ZChangedFields }),
    description: "a dealer's name, legal name, USCC, brands, city or contact phone changed",
  },
  dealerSuspended: {
    name: 'dealer.suspended',
    aggregateType: 'dealer',
    payload: z.object({ dealerId: z.string(), status: z.enum(DEALER_STATUSES) }),
    description: 'platform staff suspended an active dealer (its stores leave the storefront)',
  },
  dealerReinstated: {
    name: 'dealer.reinstated',
    aggregateType: 'dealer',
    payload: z.object({ dealerId: z.string(), status: z.enum(DEALER_STATUSES) }),
    description: 'platform staff reinstated a suspended dealer',
  },
  qualificationAdded: {
    name: 'dealer.qualification_added',
    aggregateType: 'dealer',
    payload: z.object({
      dealerId: z.string(),
      qualificationId: z.string(),
      kind: z.enum(QUALIFICATION_KINDS),
      validUntil: z.string().describe('YYYY-MM-DD'),
    }),
    description: 'a qualification (licence, brand authorisation) was added to a dealer',
  },
  storeCreated: {
    name: 'store.created',
    aggregateType: 'store',
    payload: z.object({ storeId: z.string(), dealerId: z.string(), cityCode: z.string() }),
    description: 'staff created a store for a dealer',
  },
  storeUpdated: {
    name: 'store.updated',
    aggregateType: 'store',
    payload: z.object({ storeId: z.string(), dealerId: z.string(), fields: ZChangedFields }),
    description: 'platform staff or the dealer (in the portal) changed a store',
  },
});
