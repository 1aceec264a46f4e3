import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  DISPUTE_OUTCOMES,
  EMISSION_SOURCES,
  EMISSION_STANDARDS,
  PLATE_QUOTA_KINDS,
  PLATE_SERVICE_STATUSES,
  PLATE_SERVICE_STEPS,
  REINSPECTION_RESULTS,
  REINSPECTION_STATUSES,
  TITLE_TRANSFER_ITEMS,
  TITLE_TRANSFER_STATUSES,
} from './fulfilment.aftersales.enums.js';

// Request and response schemas of the used-car after-sales under /api/v1/fulfilment/aftersales (the web
// imports them).

const ZUrl = z
  .string()
  .max(500)
  .regex(/^(https?:\/\/|\/)/, 'an http(s) URL or a site path');
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZOrderIdParams = z.object({ orderId: z.string().min(1).max(64) });

export const ZEmissionCheck = z.object({
  destinationCityCode: z.string(),
  destinationCityName: z.string(),
  required: z.enum(EMISSION_STANDARDS),
  actual: z.enum(EMISSION_STANDARDS).nullable(),
  source: z.enum(EMISSION_SOURCES).nullable(),
  /** `ok`: meets the rule; `blocked`: below it; `unknown`: the car's stage is not known yet. */
  outcome: z.enum(['ok', 'blocked', 'unknown']),
  ruleEffectiveFrom: z.string(),
  message: z.string(),
});
export type TEmissionCheck = z.infer<typeof ZEmissionCheck>;

export const ZTitleTransfer = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  dealerId: z.string(),
  vehicleTitle: z.string(),
  vin: z.string().nullable(),
  status: z.enum(TITLE_TRANSFER_STATUSES),
  sellerDocumentsAt: z.string().nullable(),
  buyerDocumentsAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  appointmentOffice: z.string().nullable(),
  certificatePhotoUrl: z.string().nullable(),
  completedOn: z.string().nullable(),
  emission: ZEmissionCheck,
  /** The checklist items still open, in order. */
  missing: z.array(z.enum(TITLE_TRANSFER_ITEMS)),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTitleTransfer = z.infer<typeof ZTitleTransfer>;

/** Staff record checklist items; a field left out is unchanged, null clears it. */
export const ZUpdateTitleTransferRequest = z.object({
  destinationCityCode: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit city code')
    .optional(),
  emissionStandard: z.enum(EMISSION_STANDARDS).nullable().optional(),
  sellerDocuments: z.boolean().optional(),
  buyerDocuments: z.boolean().optional(),
  appointmentAt: z.iso.datetime({ offset: true }).nullable().optional(),
  appointmentOffice: ZVisibleText({ max: 120 }).nullable().optional(),
  certificatePhotoUrl: ZUrl.nullable().optional(),
  completedOn: ZDay.nullable().optional(),
});
export type TUpdateTitleTransferRequest = z.infer<typeof ZUpdateTitleTransferRequest>;

export const ZTitleTransferBoardQuery = z.object({
  status: z.enum(TITLE_TRANSFER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TTitleTransferBoardQuery = z.infer<typeof ZTitleTransferBoardQuery>;
export const ZTitleTransferList = z.object({ items: z.array(ZTitleTransfer) });

/** What stops an order from completing (a completion gate's answer). */
export const ZCompletionBlocker = z.object({
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  details: z.record(z.string(), z.unknown()),
});
export type TCompletionBlocker = z.infer<typeof ZCompletionBlocker>;

// ---- handover re-inspection ----

export const ZReinspectionItem = z.object({
  code: z.string(),
  section: z.string(),
  name: z.string(),
  listed: z.enum(REINSPECTION_RESULTS),
  found: z.enum(REINSPECTION_RESULTS),
  note: z.string().nullable(),
  photoUrls: z.array(z.string()),
  /** The result differs from the listed report. */
  differs: z.boolean(),
});

export const ZReinspection = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  dealerId: z.string(),
  status: z.enum(REINSPECTION_STATUSES),
  items: z.array(ZReinspectionItem),
  /** Only the differing items, worst finding first. */
  differences: z.array(ZReinspectionItem),
  inspector: z.string(),
  inspectedAt: z.string(),
  buyerDecidedAt: z.string().nullable(),
  disputeReason: z.string().nullable(),
  outcome: z.enum(DISPUTE_OUTCOMES).nullable(),
  refundFen: z.number().int().nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type TReinspection = z.infer<typeof ZReinspection>;

export const ZRecordReinspectionRequest = z.object({
  inspector: ZVisibleText({ min: 2, max: 60 }),
  items: z
    .array(
      z.object({
        code: z.string().trim().min(1).max(20),
        result: z.enum(REINSPECTION_RESULTS),
        note: z.string().max(500).nullish(),
        photoUrls: z.array(ZUrl).max(12).default([]),
      }),
    )
    .min(1)
    .max(300),
});
export type TRecordReinspectionRequest = z.infer<typeof ZRecordReinspectionRequest>;

export const ZDisputeReinspectionRequest = z.object({ reason: ZVisibleText({ min: 5, max: 1000 }) });
export type TDisputeReinspectionRequest = z.infer<typeof ZDisputeReinspectionRequest>;

export const ZResolveReinspectionRequest = z.object({
  outcome: z.enum(DISPUTE_OUTCOMES),
  /** Partial refunds only: what staff decided to return, in fen. */
  refundFen: z.number().int().positive().optional(),
  note: ZVisibleText({ min: 2, max: 1000 }),
});
export type TResolveReinspectionRequest = z.infer<typeof ZResolveReinspectionRequest>;

// ---- plate registration service ----

export const ZPlateService = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  dealerId: z.string(),
  vehicleTitle: z.string(),
  cityCode: z.string(),
  feeFen: z.number().int(),
  prepaid: z.boolean(),
  quotaKind: z.enum(PLATE_QUOTA_KINDS).nullable(),
  quotaCertificateNo: z.string().nullable(),
  status: z.enum(PLATE_SERVICE_STATUSES),
  paymentIntentId: z.string().nullable(),
  /** Where the buyer pays the fee while the service waits for payment. */
  payUrl: z.string().nullable(),
  paidAt: z.string().nullable(),
  plateNumber: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlateService = z.infer<typeof ZPlateService>;

export const ZOrderPlateServiceRequest = z.object({
  provider: z.enum(['alipay', 'wechat_pay', 'unionpay']).default('alipay'),
});
export type TOrderPlateServiceRequest = z.infer<typeof ZOrderPlateServiceRequest>;

export const ZRecordQuotaRequest = z.object({
  /** 上海: 额度证明编号; 北京: 指标确认通知书编号. */
  certificateNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,32}$/, '6-32 letters, digits or dashes'),
});
export type TRecordQuotaRequest = z.infer<typeof ZRecordQuotaRequest>;

export const ZAdvancePlateServiceRequest = z.object({
  step: z.enum(PLATE_SERVICE_STEPS),
  /** Required for issue_plate, e.g. 京AD12345. */
  plateNumber: z
    .string()
    .trim()
    .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, 'a plate number such as 京AD12345')
    .optional(),
});
export type TAdvancePlateServiceRequest = z.infer<typeof ZAdvancePlateServiceRequest>;

export const ZPlateServiceBoardQuery = z.object({
  status: z.enum(PLATE_SERVICE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TPlateServiceBoardQuery = z.infer<typeof ZPlateServiceBoardQuery>;
export const ZPlateServiceList = z.object({ items: z.array(ZPlateService) });
