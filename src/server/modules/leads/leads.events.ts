import { z } from 'zod';
import { ZTrafficSource } from '../../kernel/attribution.contract.js';
import { defineEvents } from '../../kernel/events/define.js';
import { LEAD_SOURCE_KINDS, LEAD_STATUSES } from './leads.enums.js';
import { ZLeadVehicle } from './leads.intake.contract.js';

/** Events the leads module publishes (payloads carry ids; subscribers read what they need). */
export const LeadsEvents = defineEvents({
  leadCreated: {
    name: 'leads.lead_created',
    aggregateType: 'lead',
    payload: z.object({
      leadId: z.string(),
      sourceKind: z.enum(LEAD_SOURCE_KINDS),
      dealerId: z.string().nullable(),
      ownerAccountId: z.string().nullable(),
    }),
    description: 'a new person left a contact: their lead was created (and assigned when an advisor fits)',
  },
  leadStatusChanged: {
    name: 'leads.lead_status_changed',
    aggregateType: 'lead',
    payload: z.object({ leadId: z.string(), status: z.enum(LEAD_STATUSES) }),
    description: 'a lead moved along its sales stages (contacted, test drive, negotiating, won, lost)',
  },
  leadAssigned: {
    name: 'leads.lead_assigned',
    aggregateType: 'lead',
    payload: z.object({
      leadId: z.string(),
      ownerAccountId: z.string(),
      previousOwnerAccountId: z.string().nullable(),
    }),
    description: 'a lead was given to an advisor (by the routing rules or by a manager)',
  },
  consultationContactLeft: {
    name: 'leads.consultation_contact_left',
    aggregateType: 'conversation',
    payload: z.object({
      conversationId: z.string(),
      /** consultation: a buyer reachable by phone chatted; callback_request: they asked to be called back. */
      kind: z.enum(['consultation', 'callback_request']),
      buyerId: z.string().nullable(),
      name: z.string().nullable(),
      phone: z.string(),
      cityCode: z.string().nullable(),
      vehicle: ZLeadVehicle,
      source: ZTrafficSource,
      consentToContact: z.boolean(),
      note: z.string().nullable(),
    }),
    description:
      'a buyer in a consultation left a phone number (signed in, or typed it) or asked for a callback',
  },
  // Consultations (live chat)
  consultationReplied: {
    name: 'leads.consultation_replied',
    aggregateType: 'conversation',
    payload: z.object({
      conversationId: z.string(),
      advisorAccountId: z.string(),
      buyerId: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    description: 'an advisor replied in a consultation for the first time (the first response)',
  },
});
