import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  TCallbackOutcome,
  TLenderReportStatus,
  TLoanApplicationState,
} from './finance.applications.contract.js';
import type { LenderCode } from './finance.enums.js';

/** A decision reason in both languages, as the lender gave it (or as we know its code). */
export interface StoredReason {
  code: string;
  zh: string;
  en: string;
}

/** The loan terms the buyer applied for, fixed at submission (a product may change later; this does not). */
export interface TermsSnapshot {
  priceFen: number;
  downPaymentFen: number;
  principalFen: number;
  termMonths: number;
  method: 'equal_instalment' | 'equal_principal';
  annualRateBp: number | null;
  flatRateBp: number | null;
  feesFen: number;
  monthlyPaymentFen: number;
  /** The largest payment of the schedule (equal principal starts highest): what affordability uses. */
  maxPaymentFen: number;
  totalInterestFen: number;
  aprBp: number;
}

/** A buyer's loan application (贷款申请) to one partner lender. */
export const loanApplications = pgTable(
  'finance_loan_applications',
  {
    id: text('id').primaryKey(),
    buyerId: text('buyer_id').notNull(),
    listingId: text('listing_id'),
    pricingQuoteId: text('pricing_quote_id'),
    lenderCode: text('lender_code').$type<LenderCode>().notNull(),
    /** A product of the finance products catalogue, by id only: the terms below are the snapshot. */
    productId: text('product_id'),
    vehicleKind: text('vehicle_kind').$type<'new' | 'used'>().notNull(),
    newEnergy: boolean('new_energy').notNull(),
    terms: jsonb('terms').$type<TermsSnapshot>().notNull(),
    principalFen: bigint('principal_fen', { mode: 'number' }).notNull(),
    applicantName: text('applicant_name').notNull(),
    /** AES-256-GCM (kernel/crypto encryptPersonal): only the lender submission decrypts it. */
    idNumberEnc: text('id_number_enc').notNull(),
    /** Keyed hash, to find applications of one person without decrypting. */
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    monthlyIncomeFen: bigint('monthly_income_fen', { mode: 'number' }).notNull(),
    employmentType: text('employment_type').notNull(),
    cityCode: text('city_code').notNull(),
    consentText: text('consent_text').notNull(),
    consentVersion: text('consent_version').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    state: text('state').$type<TLoanApplicationState>().notNull(),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull().default([]),
    lenderRef: text('lender_ref'),
    /** The highest lender sequence applied: a report at or below it is stale. */
    lenderSequence: integer('lender_sequence').notNull().default(0),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    contractConsentVersion: text('contract_consent_version'),
    contractSignedAt: timestamp('contract_signed_at', { withTimezone: true }),
    disbursedAt: timestamp('disbursed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('finance_loan_applications_buyer_idx').on(t.buyerId, t.createdAt),
    index('finance_loan_applications_state_idx').on(t.state, t.updatedAt),
    index('finance_loan_applications_created_idx').on(t.createdAt, t.id),
    index('finance_loan_applications_id_hash_idx').on(t.idNumberHash),
    uniqueIndex('finance_loan_applications_lender_ref_uq').on(t.lenderCode, t.lenderRef),
    check(
      'finance_loan_applications_state_chk',
      sql`${t.state} in ('submitted', 'under_review', 'approved', 'rejected', 'contract_signed', 'disbursed', 'withdrawn')`,
    ),
    check('finance_loan_applications_amounts_chk', sql`${t.principalFen} > 0 and ${t.monthlyIncomeFen} >= 0`),
  ],
);
export type LoanApplicationRow = typeof loanApplications.$inferSelect;
export type NewLoanApplicationRow = typeof loanApplications.$inferInsert;

/**
 * Every callback a lender sent us, verified or not. Verified ones are unique on (lender, event id): a
 * repeat finds its first delivery and is not applied again. Unverified ones are kept for the record only
 * and never take an event id's place (a forged callback cannot block the real one).
 */
export const lenderCallbacks = pgTable(
  'finance_lender_callbacks',
  {
    id: text('id').primaryKey(),
    lenderCode: text('lender_code').$type<LenderCode>().notNull(),
    providerEventId: text('provider_event_id'),
    applicationId: text('application_id'),
    lenderRef: text('lender_ref'),
    status: text('status').$type<TLenderReportStatus>(),
    sequence: integer('sequence'),
    rawBody: text('raw_body').notNull(),
    signatureVerified: boolean('signature_verified').notNull(),
    outcome: text('outcome').$type<TCallbackOutcome>().notNull(),
    applied: boolean('applied').notNull().default(false),
    deliveries: integer('deliveries').notNull().default(1),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    lastReceivedAt: timestamp('last_received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('finance_lender_callbacks_event_uq')
      .on(t.lenderCode, t.providerEventId)
      .where(sql`${t.signatureVerified} and ${t.providerEventId} is not null`),
    index('finance_lender_callbacks_application_idx').on(t.applicationId, t.receivedAt),
  ],
);
export type LenderCallbackRow = typeof lenderCallbacks.$inferSelect;
export type NewLenderCallbackRow = typeof lenderCallbacks.$inferInsert;

/**
 * The sandbox lender's own book (it stands in for a partner's systems in development and tests): what it
 * decided and when each status takes effect, so its status query answers like a real lender's would.
 */
export const sandboxLenderCases = pgTable(
  'finance_sandbox_lender_cases',
  {
    lenderRef: text('lender_ref').primaryKey(),
    lenderCode: text('lender_code').$type<LenderCode>().notNull(),
    applicationId: text('application_id').notNull(),
    decision: text('decision').$type<'approved' | 'rejected'>().notNull(),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull(),
    reviewAt: timestamp('review_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    contractSignedAt: timestamp('contract_signed_at', { withTimezone: true }),
    disburseAt: timestamp('disburse_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('finance_sandbox_lender_cases_application_uq').on(t.lenderCode, t.applicationId)],
);
export type SandboxLenderCaseRow = typeof sandboxLenderCases.$inferSelect;
