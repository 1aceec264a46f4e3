import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ADVISOR_AVAILABILITIES } from './leads.advisors.enums.js';

/**
 * The sales advisors (销售顾问) who answer consultations, own leads and host test drives: one row per
 * staff account that does this work, with where they sell (dealer, store, city, brands), who manages them
 * (SLA escalations go there) and whether they are taking conversations now.
 */
export const leadAdvisorTable = pgTable(
  'lead_advisors',
  {
    /** The staff account (identity's staff_accounts.id). */
    accountId: text('account_id').primaryKey(),
    displayName: text('display_name').notNull(),
    /** Null for the platform's own advisors; otherwise the dealer they sell for. */
    dealerId: text('dealer_id'),
    storeId: text('store_id'),
    /** GB/T 2260 city code of where they sell; null covers every city. */
    cityCode: text('city_code'),
    /** Brand ids they sell; empty covers every brand. */
    brandIds: jsonb('brand_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The staff account an SLA breach escalates to. */
    managerAccountId: text('manager_account_id'),
    availability: text('availability').$type<(typeof ADVISOR_AVAILABILITIES)[number]>().notNull(),
    /** Live conversations they take at once before routing passes them by. */
    maxConversations: integer('max_conversations').notNull().default(5),
    /** Round-robin order: the advisor picked longest ago goes first. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lead_advisors_dealer_idx').on(t.dealerId, t.storeId),
    index('lead_advisors_city_idx').on(t.cityCode),
  ],
);

export type LeadAdvisorRow = typeof leadAdvisorTable.$inferSelect;
export type NewLeadAdvisorRow = typeof leadAdvisorTable.$inferInsert;
