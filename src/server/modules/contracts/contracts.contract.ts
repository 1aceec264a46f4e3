import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  DEPOSIT_KINDS,
  PAYMENT_METHODS,
  PURCHASE_CONTRACT_STATUSES,
  SIGNATURE_PARTIES,
  VEHICLE_KINDS,
} from './contracts.enums.js';

// Request and response schemas of /api/v1/contracts: they validate, type and document each route, and the web
// app imports them. ZPurchaseContractFacts also checks what a flow hands to issuePurchaseContract.

const ZFen = z.number().int().safe();
const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** What an order knows that its purchase contract states (personal data only masked). */
export const ZPurchaseContractFacts = z.object({
  orderId: z.string().min(1).max(64),
  orderNumber: z.string().min(1).max(40),
  buyerUserId: z.string().min(1).max(64),
  dealerId: z.string().min(1).max(64).nullable(),
  storeId: z.string().min(1).max(64).nullable(),
  buyer: z.object({
    name: ZVisibleText({ max: 60 }),
    phoneMasked: z.string().max(20),
    idNumberMasked: z.string().max(24),
  }),
  seller: z.object({
    name: ZVisibleText({ max: 100 }),
    address: z.string().max(200).nullable().optional(),
    licenceNo: z.string().max(40).nullable().optional(),
  }),
  vehicle: z.object({
    description: ZVisibleText({ max: 200 }),
    vin: z.string().max(17).nullable(),
    exteriorColour: z.string().max(40).nullable(),
    kind: z.enum(VEHICLE_KINDS),
    mileageKm: z.number().int().min(0).nullable().optional(),
    firstRegistration: z.string().max(20).nullable().optional(),
  }),
  price: z.object({
    items: z
      .array(z.object({ label: ZVisibleText({ max: 40 }), amountFen: ZFen }))
      .min(1)
      .max(30),
    totalFen: ZFen.positive(),
    bareFen: ZFen.positive(),
  }),
  deposit: z.object({
    kind: z.enum(DEPOSIT_KINDS),
    amountFen: ZFen.min(0),
    termsText: z.string().max(2000),
  }),
  paymentMethod: z.enum(PAYMENT_METHODS),
  loan: z
    .object({
      lender: ZVisibleText({ max: 60 }),
      principalFen: ZFen.positive(),
      termMonths: z.number().int().min(1).max(120),
      aprBps: z.number().int().min(0).max(10_000).optional(),
    })
    .nullable()
    .optional(),
  deliveryPlace: z.string().max(200).nullable().optional(),
  signedCity: z.string().max(40).nullable().optional(),
});
export type PurchaseContractFacts = z.input<typeof ZPurchaseContractFacts>;

export const ZPurchaseContractStatus = z.enum(PURCHASE_CONTRACT_STATUSES);
export const ZSignatureParty = z.enum(SIGNATURE_PARTIES);

export const ZContractSignature = z.object({
  party: ZSignatureParty,
  signerName: z.string(),
  signedAt: z.string(),
  documentSha256: z.string(),
  consentText: z.string(),
});
export type TContractSignature = z.infer<typeof ZContractSignature>;

export const ZPurchaseContract = z.object({
  id: z.string(),
  number: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  buyerUserId: z.string(),
  dealerId: z.string().nullable(),
  storeId: z.string().nullable(),
  status: ZPurchaseContractStatus,
  /** Who signs next (null once signed or voided). */
  nextSigner: ZSignatureParty.nullable(),
  templateVersion: z.number().int(),
  title: z.string(),
  buyerName: z.string(),
  sellerName: z.string(),
  vehicleDescription: z.string(),
  totalFen: z.number().int(),
  sha256: z.string(),
  pdfBytes: z.number().int(),
  pdfUrl: z.string(),
  /** The clause a signer ticks, from the contract's template version. */
  consentText: z.string(),
  signatures: z.array(ZContractSignature),
  issuedAt: z.string(),
  signedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
});
export type TPurchaseContract = z.infer<typeof ZPurchaseContract>;

export const ZPurchaseContractIdParams = z.object({ id: z.string().min(1).max(64) });
/** `inline` for an embedded preview (an iframe), `attachment` (the default) for a download. */
export const ZContractPdfQuery = z.object({
  disposition: z.enum(['attachment', 'inline']).default('attachment'),
});
export const ZPurchaseContractListQuery = z.object({ orderId: z.string().min(1).max(64) });
export const ZPurchaseContractList = z.object({ items: z.array(ZPurchaseContract) });

/** What the signing page sends: the hash it showed and the ticked consent box. */
export const ZSignPurchaseContractRequest = z.object({
  documentSha256: ZSha256,
  consent: z.literal(true),
});
export type TSignPurchaseContractRequest = z.infer<typeof ZSignPurchaseContractRequest>;

// ---- templates (compliance) ----

export const ZTemplateClause = z.object({
  heading: ZVisibleText({ max: 60 }),
  body: ZVisibleText({ max: 4000 }),
});
export type TTemplateClause = z.infer<typeof ZTemplateClause>;

export const ZContractTemplate = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  clauses: z.array(ZTemplateClause),
  consentText: z.string(),
  depositBindingText: z.string(),
  depositRefundableText: z.string(),
  note: z.string().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string(),
  /** True for the highest version: the one new contracts use. */
  current: z.boolean(),
});
export type TContractTemplate = z.infer<typeof ZContractTemplate>;
export const ZContractTemplateList = z.object({ items: z.array(ZContractTemplate) });
export const ZContractTemplateIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZPublishContractTemplateRequest = z.object({
  /** The version the editor started from: publishing over a newer one is refused (409). */
  baseVersion: z.number().int().min(1),
  title: ZVisibleText({ max: 60 }),
  clauses: z.array(ZTemplateClause).min(1).max(40),
  consentText: ZVisibleText({ max: 1000 }),
  depositBindingText: ZVisibleText({ max: 2000 }),
  depositRefundableText: ZVisibleText({ max: 2000 }),
  note: z.string().max(500).nullable().optional(),
});
export type TPublishContractTemplateRequest = z.infer<typeof ZPublishContractTemplateRequest>;
