import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import type { INSURER_STATUSES, InsurerCode, PLAN_STATUSES, PREMIUM_LINE_CODES } from './insurance.enums.js';

/** A partner insurer: its code names its adapter; names, status and order are edited in the console. */
export const insurerTable = pgTable('insurance_insurers', {
  code: text('code').$type<InsurerCode>().primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Only active insurers are asked for a quote. */
  status: text('status').$type<(typeof INSURER_STATUSES)[number]>().notNull(),
  displayOrder: integer('display_order').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
export type InsurerRow = typeof insurerTable.$inferSelect;

/** What a buyer asked to insure: the coverages chosen (the same shape in quotes and choices). */
export interface CoveragesJson {
  vehicleDamage: boolean;
  thirdPartyAmountYuan: number;
  driverSeatYuan: number;
  passengerSeatYuan: number;
  nevCharging: boolean;
}

export interface PremiumLineJson {
  code: (typeof PREMIUM_LINE_CODES)[number];
  premiumFen: number;
  /** Insured amount in fen (vehicle value, liability amount, seat cover x seats); null for the compulsory cover. */
  insuredFen: number | null;
}

/** A request for quotes: the vehicle facts used and the coverages asked for; each insurer's answer is a plan. */
export const quoteTable = pgTable(
  'insurance_quotes',
  {
    id: text('id').primaryKey(),
    /** The buyer when signed in. */
    buyerId: text('buyer_id'),
    /** The listing the facts came from, when quoted for one. */
    listingId: text('listing_id'),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    energy: text('energy').$type<(typeof ENERGY_TYPES)[number]>().notNull(),
    seats: integer('seats').notNull(),
    cityCode: text('city_code').notNull(),
    used: boolean('used').notNull(),
    firstRegistrationYear: integer('first_registration_year'),
    /** Years without an at-fault accident of a used car (交强险 floats with the car); 0 for a new car. */
    accidentFreeYears: integer('accident_free_years').notNull(),
    coverages: jsonb('coverages').$type<CoveragesJson>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('insurance_quotes_buyer_idx').on(t.buyerId, t.createdAt)],
);
export type QuoteRow = typeof quoteTable.$inferSelect;

/** One insurer's answer to a quote: its premium lines and total, or why there is none. */
export const planTable = pgTable(
  'insurance_plans',
  {
    quoteId: text('quote_id')
      .notNull()
      .references(() => quoteTable.id),
    insurerCode: text('insurer_code').$type<InsurerCode>().notNull(),
    /** The names the buyer saw (a later rename does not rewrite a quote). */
    insurerNameZh: text('insurer_name_zh').notNull(),
    insurerNameEn: text('insurer_name_en').notNull(),
    displayOrder: integer('display_order').notNull(),
    status: text('status').$type<(typeof PLAN_STATUSES)[number]>().notNull(),
    lines: jsonb('lines').$type<PremiumLineJson[]>().notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }),
    /** The insurer's own reference for the quote. */
    insurerRef: text('insurer_ref'),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    /** Made up by the sandbox insurer, not offered by the real one. */
    sandbox: boolean('sandbox').notNull(),
    /** Why there is no plan (kept for the operators, not shown to buyers). */
    failureReason: text('failure_reason'),
  },
  (t) => [primaryKey({ columns: [t.quoteId, t.insurerCode] })],
);
export type PlanRow = typeof planTable.$inferSelect;

/** The plan a buyer picked, with its coverages and total copied, so an order can carry it unchanged. */
export const choiceTable = pgTable(
  'insurance_choices',
  {
    id: text('id').primaryKey(),
    buyerId: text('buyer_id').notNull(),
    quoteId: text('quote_id')
      .notNull()
      .references(() => quoteTable.id),
    insurerCode: text('insurer_code').$type<InsurerCode>().notNull(),
    coverages: jsonb('coverages').$type<CoveragesJson>().notNull(),
    lines: jsonb('lines').$type<PremiumLineJson[]>().notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Picking the same plan twice is the same choice: the second request finds the first row.
    uniqueIndex('insurance_choices_buyer_plan_uq').on(t.buyerId, t.quoteId, t.insurerCode),
    index('insurance_choices_buyer_idx').on(t.buyerId, t.chosenAt),
  ],
);
export type ChoiceRow = typeof choiceTable.$inferSelect;
