import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  CLAIM_DECISIONS,
  CLAIM_DEFECTS,
  CLAIM_MAX_PHOTOS,
  CLAIM_RULES,
  CLAIM_STATUSES,
} from './fulfilment.warranty.enums.js';

// Request and response schemas of the 三包 claims under /api/v1/fulfilment/warranty (the web imports them).

/**
 * A claim photo: uploaded from the buyer's phone as a data URL (JPEG, PNG or WebP, at most about 1.5 MB), or
 * an http(s) URL / site path where a partner app already stored it.
 */
export const ZClaimPhotoUrl = z
  .string()
  .max(2_100_000)
  .regex(
    /^(https?:\/\/\S{1,490}$|\/\S{1,490}$|data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$)/,
    'a photo (JPEG, PNG or WebP) or an http(s) URL',
  );

export const ZFileClaimRequest = z.object({
  defect: z.enum(CLAIM_DEFECTS),
  description: ZVisibleText({ min: 5, max: 2000 }),
  /** The odometer reading now. */
  mileageKm: z.number().int().min(0).max(2_000_000),
  photos: z.array(ZClaimPhotoUrl).min(1).max(CLAIM_MAX_PHOTOS),
});
export type TFileClaimRequest = z.infer<typeof ZFileClaimRequest>;

export const ZDecideClaimRequest = z.object({
  decision: z.enum(CLAIM_DECISIONS),
  reason: z.string().trim().max(1000).default(''),
});
export type TDecideClaimRequest = z.infer<typeof ZDecideClaimRequest>;

export const ZWarrantyClaim = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  dealerId: z.string(),
  vehicleTitle: z.string(),
  vin: z.string().nullable(),
  defect: z.enum(CLAIM_DEFECTS),
  description: z.string(),
  mileageKm: z.number().int(),
  photos: z.array(z.string()),
  deliveredAt: z.string(),
  rule: z.enum(CLAIM_RULES),
  /** Replacement or refund under the rules (else repair under warranty). */
  eligible: z.boolean(),
  windowEndsAt: z.string().nullable(),
  windowKm: z.number().int().nullable(),
  decisionDueAt: z.string(),
  /** Past its decision deadline and still undecided. */
  overdue: z.boolean(),
  status: z.enum(CLAIM_STATUSES),
  decision: z.enum(CLAIM_DECISIONS).nullable(),
  decisionReason: z.string().nullable(),
  refundFen: z.number().int().nullable(),
  replacementUnitId: z.string().nullable(),
  replacementVin: z.string().nullable(),
  replacementAllocatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TWarrantyClaim = z.infer<typeof ZWarrantyClaim>;

export const ZWarrantyClaimList = z.object({ items: z.array(ZWarrantyClaim) });

export const ZClaimQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
});
export type TClaimQueueQuery = z.infer<typeof ZClaimQueueQuery>;
export const ZWarrantyClaimPage = z.object({
  items: z.array(ZWarrantyClaim),
  nextCursor: z.string().nullable(),
});

export const ZClaimIdParams = z.object({ id: z.string().min(1).max(64) });
export const ZClaimOrderParams = z.object({ orderId: z.string().min(1).max(64) });
