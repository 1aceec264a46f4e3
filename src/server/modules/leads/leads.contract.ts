import { z } from 'zod';
import { TRAFFIC_CHANNELS, ZTrafficSource } from '../../kernel/attribution.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import {
  LEAD_ACTIVITY_KINDS,
  LEAD_LOST_REASONS,
  LEAD_SLA_STATES,
  LEAD_SOURCE_KINDS,
  LEAD_STATUSES,
} from './leads.enums.js';
import { ZLeadVehicle } from './leads.intake.contract.js';

// Request and response schemas of /api/v1/leads: they validate, type and document each route, and the web
// app imports them.

export const ZLeadStatus = z.enum(LEAD_STATUSES);
export const ZLeadSourceKind = z.enum(LEAD_SOURCE_KINDS);
export const ZLeadSlaState = z.enum(LEAD_SLA_STATES);

export const ZLead = z
  .object({
    id: z.string(),
    /** Masked for the list (138****5678); the detail shows the full number to staff who work it. */
    phone: z.string(),
    name: z.string().nullable(),
    buyerId: z.string().nullable(),
    cityCode: z.string().nullable(),
    status: ZLeadStatus,
    lostReason: z.enum(LEAD_LOST_REASONS).nullable(),
    lostNote: z.string().nullable(),
    wonOrderId: z.string().nullable(),
    consentToContact: z.boolean(),
    consentAt: z.string().nullable(),
    consentSourceKind: ZLeadSourceKind.nullable(),
    firstSourceKind: ZLeadSourceKind,
    firstSource: ZTrafficSource,
    lastSourceKind: ZLeadSourceKind,
    lastContactAt: z.string(),
    vehicles: z.array(ZLeadVehicle),
    ownerAccountId: z.string().nullable(),
    ownerName: z.string().nullable(),
    dealerId: z.string().nullable(),
    storeId: z.string().nullable(),
    slaDueAt: z.string(),
    respondedAt: z.string().nullable(),
    slaState: ZLeadSlaState,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Lead' });
export type TLead = z.infer<typeof ZLead>;

export const ZLeadActivity = z.object({
  id: z.string(),
  kind: z.enum(LEAD_ACTIVITY_KINDS),
  sourceKind: ZLeadSourceKind.nullable(),
  refId: z.string().nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actorAccountId: z.string().nullable(),
  at: z.string(),
});
export type TLeadActivity = z.infer<typeof ZLeadActivity>;

export const ZLeadTask = z.object({
  id: z.string(),
  leadId: z.string(),
  title: z.string(),
  dueAt: z.string(),
  assigneeAccountId: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TLeadTask = z.infer<typeof ZLeadTask>;

export const ZLeadDetail = z.object({
  lead: ZLead,
  timeline: z.array(ZLeadActivity),
  tasks: z.array(ZLeadTask),
  /** Status actions the lead allows now (what the page offers). */
  actions: z.array(z.string()),
});
export type TLeadDetail = z.infer<typeof ZLeadDetail>;

export const ZLeadPage = z.object({ items: z.array(ZLead), nextCursor: z.string().nullable() });
export type TLeadPage = z.infer<typeof ZLeadPage>;

export const ZLeadListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Offset into the urgency order (the list is re-sorted as deadlines pass, so no keyset cursor). */
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  status: ZLeadStatus.optional(),
  /** An advisor's account id, or `me`. */
  owner: z.string().min(1).max(64).optional(),
  sourceKind: ZLeadSourceKind.optional(),
  channel: z.enum(TRAFFIC_CHANNELS).optional(),
  sla: ZLeadSlaState.optional(),
  q: z.string().trim().max(40).optional(),
});
export type TLeadListQuery = z.infer<typeof ZLeadListQuery>;

export const ZLeadIdParams = z.object({ id: z.string().min(1).max(64) });

/** Staff log a phone call: creates or updates the lead of that phone (source phone_call). */
export const ZLogCallRequest = z.object({
  phone: z.string().trim().min(5).max(20),
  name: ZVisibleText({ max: 40 }).nullable().default(null),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .default(null),
  vehicle: ZLeadVehicle.nullable().default(null),
  consentToContact: z.boolean().default(false),
  /** Inbound (they called us) or outbound (we called them). */
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type TLogCallRequest = z.infer<typeof ZLogCallRequest>;

/** A call on an existing lead (counts as the first response when it is the first). */
export const ZLeadCallRequest = z.object({
  direction: z.enum(['inbound', 'outbound']).default('outbound'),
  reached: z.boolean().default(true),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type TLeadCallRequest = z.infer<typeof ZLeadCallRequest>;

export const LEAD_ACTIONS = ['contact', 'test_drive', 'negotiate', 'win', 'lose', 'reopen'] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];

export const ZLeadStatusRequest = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['contact', 'test_drive', 'negotiate', 'reopen']) }),
  z.object({ action: z.literal('win'), orderId: z.string().min(1).max(64) }),
  z.object({
    action: z.literal('lose'),
    reason: z.enum(LEAD_LOST_REASONS),
    note: ZVisibleText({ max: 1000 }),
  }),
]);
export type TLeadStatusRequest = z.infer<typeof ZLeadStatusRequest>;

export const ZLeadNoteRequest = z.object({ body: ZVisibleText({ max: 2000 }) });
export const ZLeadReassignRequest = z.object({ advisorAccountId: z.string().min(1).max(64) });

export const ZLeadTaskRequest = z.object({
  title: ZVisibleText({ max: 200 }),
  dueAt: z.iso.datetime({ offset: true }),
  assigneeAccountId: z.string().min(1).max(64).nullable().default(null),
});
export type TLeadTaskRequest = z.infer<typeof ZLeadTaskRequest>;
export const ZLeadTaskUpdate = z.object({
  title: ZVisibleText({ max: 200 }).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  done: z.boolean().optional(),
});
export type TLeadTaskUpdate = z.infer<typeof ZLeadTaskUpdate>;
export const ZLeadTaskParams = z.object({ id: z.string().min(1).max(64), taskId: z.string().min(1).max(64) });
export const ZLeadTaskList = z.object({ items: z.array(ZLeadTask) });
export const ZMyTasksQuery = z.object({ open: z.coerce.boolean().default(true) });

export const ZSlaSetting = z.object({ sourceKind: ZLeadSourceKind, hours: z.number().int().min(1).max(720) });
export const ZSlaSettings = z.object({ items: z.array(ZSlaSetting), defaultHours: z.number().int() });
export type TSlaSettings = z.infer<typeof ZSlaSettings>;
export const ZSlaSettingsUpdate = z.object({
  items: z.array(ZSlaSetting).min(1).max(LEAD_SOURCE_KINDS.length),
});
export type TSlaSettingsUpdate = z.infer<typeof ZSlaSettingsUpdate>;

export const ZLeadReportQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});
export type TLeadReportQuery = z.infer<typeof ZLeadReportQuery>;

const ZConversion = z.object({
  key: z.string(),
  label: z.string().nullable(),
  leads: z.number().int(),
  won: z.number().int(),
  rate: z.number(),
});
export const ZLeadReport = z.object({
  from: z.string(),
  to: z.string(),
  leads: z.number().int(),
  firstResponse: z.object({
    responded: z.number().int(),
    medianMinutes: z.number().nullable(),
    p90Minutes: z.number().nullable(),
  }),
  sla: z.object({ met: z.number().int(), breached: z.number().int(), compliance: z.number().nullable() }),
  byAdvisor: z.array(ZConversion),
  byChannel: z.array(ZConversion),
  testDrives: z.object({
    shown: z.number().int(),
    noShow: z.number().int(),
    showRate: z.number().nullable(),
  }),
});
export type TLeadReport = z.infer<typeof ZLeadReport>;
