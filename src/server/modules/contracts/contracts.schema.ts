import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { PurchaseContractStatus, SignatureParty } from './contracts.enums.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** One clause of a template: a heading and its body, with `{{placeholder}}`s. */
export interface TemplateClauseJson {
  heading: string;
  body: string;
}

/**
 * Contract templates owned by compliance: every publish is a new version (never edited), and new contracts
 * use the highest version. The first version is inserted by a migration, so every environment has one.
 */
export const contractTemplates = pgTable(
  'contract_templates',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    clauses: jsonb('clauses').$type<TemplateClauseJson[]>().notNull(),
    /** The clause a signer ticks, quoted on the signing page and stored with each signature. */
    consentText: text('consent_text').notNull(),
    /** `{{deposit.legalEffect}}` for a binding deposit (定金, Civil Code arts. 586-587). */
    depositBindingText: text('deposit_binding_text').notNull(),
    /** `{{deposit.legalEffect}}` for a refundable prepayment (订金/意向金). */
    depositRefundableText: text('deposit_refundable_text').notNull(),
    note: text('note'),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('contract_templates_version_uq').on(t.version)],
);

export const purchaseContracts = pgTable(
  'purchase_contracts',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    buyerUserId: text('buyer_user_id').notNull(),
    dealerId: text('dealer_id'),
    storeId: text('store_id'),
    templateId: text('template_id')
      .notNull()
      .references(() => contractTemplates.id),
    templateVersion: integer('template_version').notNull(),
    status: text('status').$type<PurchaseContractStatus>().notNull(),
    /** The facts as rendered (personal data only masked), to show and to compare on re-issue. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    factsDigest: text('facts_digest').notNull(),
    buyerName: text('buyer_name').notNull(),
    sellerName: text('seller_name').notNull(),
    /** SHA-256 (hex) of the PDF bytes in contract_documents; a trigger refuses to change it. */
    sha256: text('sha256').notNull(),
    pdfBytes: integer('pdf_bytes').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('purchase_contracts_number_uq').on(t.number),
    // One live contract per order: re-issuing voids the old one first.
    uniqueIndex('purchase_contracts_live_order_uq').on(t.orderId).where(sql`${t.status} <> 'voided'`),
    index('purchase_contracts_order_idx').on(t.orderId, t.createdAt),
    index('purchase_contracts_buyer_idx').on(t.buyerUserId),
    index('purchase_contracts_dealer_idx').on(t.dealerId),
  ],
);

/** The PDF of a contract, written once; a trigger refuses any UPDATE or DELETE. */
export const contractDocuments = pgTable('contract_documents', {
  contractId: text('contract_id')
    .primaryKey()
    .references(() => purchaseContracts.id),
  pdf: bytea('pdf').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** One signature of one party: append-only (a trigger refuses UPDATE and DELETE). */
export const contractSignatures = pgTable(
  'contract_signatures',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id')
      .notNull()
      .references(() => purchaseContracts.id),
    party: text('party').$type<SignatureParty>().notNull(),
    signerUserId: text('signer_user_id').notNull(),
    signerName: text('signer_name').notNull(),
    /** The exact consent clause the signer ticked. */
    consentText: text('consent_text').notNull(),
    /** The hash the signer's page showed; equal to the contract's (checked before insert). */
    documentSha256: text('document_sha256').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('contract_signatures_party_uq').on(t.contractId, t.party)],
);

export type ContractTemplateRow = typeof contractTemplates.$inferSelect;
export type NewContractTemplateRow = typeof contractTemplates.$inferInsert;
export type PurchaseContractRow = typeof purchaseContracts.$inferSelect;
export type NewPurchaseContractRow = typeof purchaseContracts.$inferInsert;
export type ContractSignatureRow = typeof contractSignatures.$inferSelect;
export type NewContractSignatureRow = typeof contractSignatures.$inferInsert;
