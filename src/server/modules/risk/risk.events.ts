import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { RISK_DECISIONS, RISK_RULES, RISK_SUBJECT_TYPES } from './risk.enums.js';

/** Events the risk module publishes (payloads carry ids; subscribers read what they need). */
export const RiskEvents = defineEvents({
  caseOpened: {
    name: 'risk.case_opened',
    aggregateType: 'risk_case',
    payload: z.object({
      caseId: z.string(),
      orderId: z.string(),
      rule: z.enum(RISK_RULES),
      subjectType: z.enum(RISK_SUBJECT_TYPES),
      subjectId: z.string(),
    }),
    description:
      'a rule flagged an order, payment or refund: it waits for a person (orderUnderReview is true)',
  },
  caseDecided: {
    name: 'risk.case_decided',
    aggregateType: 'risk_case',
    payload: z.object({
      caseId: z.string(),
      orderId: z.string(),
      subjectType: z.enum(RISK_SUBJECT_TYPES),
      subjectId: z.string(),
      decision: z.enum(RISK_DECISIONS),
    }),
    description: 'a person cleared (go on) or rejected (stop: cancel, refuse the refund) a risk case',
  },
});
