import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';

/** Events the contracts module publishes (payloads carry ids; subscribers read what they need). */
export const ContractsEvents = defineEvents({
  issued: {
    name: 'contracts.issued',
    aggregateType: 'purchaseContract',
    payload: z.object({ contractId: z.string(), orderId: z.string() }),
    description: "a purchase contract's PDF was rendered and stored, waiting for the buyer's signature",
  },
  buyerSigned: {
    name: 'contracts.buyer_signed',
    aggregateType: 'purchaseContract',
    payload: z.object({ contractId: z.string(), orderId: z.string() }),
    description: 'the buyer signed a purchase contract; the dealer signs next',
  },
  signed: {
    name: 'contracts.signed',
    aggregateType: 'purchaseContract',
    payload: z.object({ contractId: z.string(), orderId: z.string(), sha256: z.string() }),
    description: 'the dealer signed after the buyer: the contract is fully signed (sha256 of its PDF)',
  },
  voided: {
    name: 'contracts.voided',
    aggregateType: 'purchaseContract',
    payload: z.object({ contractId: z.string(), orderId: z.string() }),
    description: 'an unsigned contract was replaced by a re-issued one for the same order',
  },
  templatePublished: {
    name: 'contracts.template_published',
    aggregateType: 'contractTemplate',
    payload: z.object({ templateId: z.string(), version: z.number().int() }),
    description: 'compliance published a new purchase contract template version',
  },
});
