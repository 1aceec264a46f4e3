import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { CLAIM_DECISIONS, CLAIM_DEFECTS } from './fulfilment.warranty.enums.js';

/** Events of 三包 claims (payloads carry ids; subscribers read what they need). */
export const WarrantyEvents = defineEvents({
  claimFiled: {
    name: 'fulfilment.warranty_claim_filed',
    aggregateType: 'warranty_claim',
    payload: z.object({
      claimId: z.string(),
      orderId: z.string(),
      dealerId: z.string(),
      defect: z.enum(CLAIM_DEFECTS),
      eligible: z.boolean(),
      decisionDueAt: z.string(),
    }),
    description: 'a buyer filed a 三包 claim on a delivered order',
  },
  claimDecided: {
    name: 'fulfilment.warranty_claim_decided',
    aggregateType: 'warranty_claim',
    payload: z.object({
      claimId: z.string(),
      orderId: z.string(),
      decision: z.enum(CLAIM_DECISIONS),
      refundFen: z.number().int().nullable(),
    }),
    description: 'staff decided a 三包 claim (replace, refund, repair or reject)',
  },
  replacementAllocated: {
    name: 'fulfilment.warranty_replacement_allocated',
    aggregateType: 'warranty_claim',
    payload: z.object({
      claimId: z.string(),
      orderId: z.string(),
      unitId: z.string(),
      vin: z.string(),
      previousUnitId: z.string().nullable(),
    }),
    description: 'a 三包 replacement got its new car (same trim and colour); the old one was taken back',
  },
});
