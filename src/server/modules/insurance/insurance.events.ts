import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { INSURER_CODES, INSURER_STATUSES } from './insurance.enums.js';

/** Events the insurance module publishes (payloads carry ids; subscribers read what they need). */
export const InsuranceEvents = defineEvents({
  insurerUpdated: {
    name: 'insurance.insurer_updated',
    aggregateType: 'insurer',
    payload: z.object({
      insurerCode: z.enum(INSURER_CODES),
      fields: z.array(z.string()).describe('the names of the fields the change wrote'),
    }),
    description: "staff changed an insurer's names or display order",
  },
  insurerStatusChanged: {
    name: 'insurance.insurer_status_changed',
    aggregateType: 'insurer',
    payload: z.object({ insurerCode: z.enum(INSURER_CODES), status: z.enum(INSURER_STATUSES) }),
    description: 'staff activated an insurer (it quotes) or deactivated it (it is no longer asked)',
  },
  quoteCreated: {
    name: 'insurance.quote_created',
    aggregateType: 'insurance_quote',
    payload: z.object({
      quoteId: z.string(),
      listingId: z.string().nullable(),
      quoted: z.number().int().describe('how many insurers gave a plan'),
      missing: z.number().int().describe('how many failed, timed out or are not connected'),
    }),
    description: 'insurance plans were requested from the active insurers and stored',
  },
  planChosen: {
    name: 'insurance.plan_chosen',
    aggregateType: 'insurance_choice',
    payload: z.object({
      choiceId: z.string(),
      quoteId: z.string(),
      buyerId: z.string(),
      insurerCode: z.enum(INSURER_CODES),
      totalFen: z.number().int(),
    }),
    description: "a buyer picked an insurer's plan (an order can carry the choice)",
  },
});
