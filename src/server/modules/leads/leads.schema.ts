import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import type {
  LEAD_ACTIVITY_KINDS,
  LEAD_LOST_REASONS,
  LEAD_SOURCE_KINDS,
  LEAD_STATUSES,
} from './leads.enums.js';

type SourceKind = (typeof LEAD_SOURCE_KINDS)[number];

/** The vehicle a lead is interested in (the intake contract's ZLeadVehicle). */
export interface LeadVehicleJson {
  listingId: string | null;
  seriesId: string | null;
  trimId: string | null;
  brandId: string | null;
  dealerId: string | null;
  storeId: string | null;
}

/** How the person first reached us (kernel attribution contract's ZTrafficSource). */
export interface TrafficSourceJson {
  channel: TrafficChannel;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
}

/**
 * One lead per person (线索), keyed by their normalised mainland mobile number: every contact they leave
 * (consultation, test drive, order, loan, …) lands on the same row. dealerId scopes it to a dealer when it is
 * about that dealer's vehicle; null leads are the platform's.
 */
export const leadTable = pgTable(
  'leads',
  {
    id: text('id').primaryKey(),
    /** 11-digit mainland mobile; unique so concurrent contacts of one new phone make one lead. */
    phone: text('phone').notNull(),
    name: text('name'),
    buyerId: text('buyer_id'),
    cityCode: text('city_code'),
    status: text('status').$type<(typeof LEAD_STATUSES)[number]>().notNull(),
    lostReason: text('lost_reason').$type<(typeof LEAD_LOST_REASONS)[number]>(),
    lostNote: text('lost_note'),
    wonOrderId: text('won_order_id'),
    consentToContact: boolean('consent_to_contact').notNull().default(false),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    consentSourceKind: text('consent_source_kind').$type<SourceKind>(),
    firstSourceKind: text('first_source_kind').$type<SourceKind>().notNull(),
    firstSource: jsonb('first_source').$type<TrafficSourceJson>().notNull(),
    /** Channel of the first source, a column so lists and reports filter on it. */
    channel: text('channel').$type<TrafficChannel>().notNull(),
    lastSourceKind: text('last_source_kind').$type<SourceKind>().notNull(),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }).notNull(),
    vehicles: jsonb('vehicles').$type<LeadVehicleJson[]>().notNull().default(sql`'[]'::jsonb`),
    ownerAccountId: text('owner_account_id'),
    dealerId: text('dealer_id'),
    storeId: text('store_id'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    slaRemindedAt: timestamp('sla_reminded_at', { withTimezone: true }),
    slaEscalatedAt: timestamp('sla_escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('leads_phone_uq').on(t.phone),
    index('leads_sla_idx').on(t.respondedAt, t.slaDueAt),
    index('leads_owner_idx').on(t.ownerAccountId, t.status),
    index('leads_dealer_idx').on(t.dealerId, t.status),
    index('leads_created_idx').on(t.createdAt, t.id),
  ],
);
export type LeadRow = typeof leadTable.$inferSelect;
export type NewLeadRow = typeof leadTable.$inferInsert;

/** A lead's timeline: every contact, status change, assignment, note, call, task and linked record. */
export const leadActivityTable = pgTable(
  'lead_activities',
  {
    id: text('id').primaryKey(),
    leadId: text('lead_id').notNull(),
    kind: text('kind').$type<(typeof LEAD_ACTIVITY_KINDS)[number]>().notNull(),
    sourceKind: text('source_kind').$type<SourceKind>(),
    /** The linked record (conversation, test drive, order, loan application, task, …). */
    refId: text('ref_id'),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    actorAccountId: text('actor_account_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lead_activities_lead_idx').on(t.leadId, t.at),
    index('lead_activities_kind_idx').on(t.kind, t.at),
  ],
);
export type LeadActivityRow = typeof leadActivityTable.$inferSelect;
export type NewLeadActivityRow = typeof leadActivityTable.$inferInsert;

/** Follow-up tasks on a lead (call back Friday, send the loan quote), reminded by job when due. */
export const leadTaskTable = pgTable(
  'lead_tasks',
  {
    id: text('id').primaryKey(),
    leadId: text('lead_id').notNull(),
    title: text('title').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assigneeAccountId: text('assignee_account_id'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lead_tasks_lead_idx').on(t.leadId), index('lead_tasks_due_idx').on(t.doneAt, t.dueAt)],
);
export type LeadTaskRow = typeof leadTaskTable.$inferSelect;

/** First-response window per source kind (console setting); a missing row means the 24 h default. */
export const leadSlaSettingTable = pgTable('lead_sla_settings', {
  sourceKind: text('source_kind').$type<SourceKind>().primaryKey(),
  hours: integer('hours').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
export type LeadSlaSettingRow = typeof leadSlaSettingTable.$inferSelect;
