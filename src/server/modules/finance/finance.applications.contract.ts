import { z } from 'zod';
import { LENDER_CODES, LOAN_METHODS } from './finance.enums.js';

// Request and response schemas of loan applications (/api/v1/finance/loan-applications, the staff queue and
// the lender callbacks), plus the pure checks their refinements use; the web app imports them.

export const LOAN_APPLICATION_STATES = [
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'contract_signed',
  'disbursed',
  'withdrawn',
] as const;
export type TLoanApplicationState = (typeof LOAN_APPLICATION_STATES)[number];

/** What a lender reports about an application (its callbacks and its status query). */
export const LENDER_REPORT_STATUSES = ['under_review', 'approved', 'rejected', 'disbursed'] as const;
export type TLenderReportStatus = (typeof LENDER_REPORT_STATUSES)[number];

export const EMPLOYMENT_TYPES = [
  'salaried',
  'civil_servant',
  'self_employed',
  'business_owner',
  'freelance',
  'retired',
  'other',
] as const;

export const VEHICLE_KINDS = ['new', 'used'] as const;

/** How buyers and staff know each partner lender. */
export const LENDER_NAMES: Readonly<Record<(typeof LENDER_CODES)[number], { zh: string; en: string }>> = {
  cmb: { zh: '招商银行', en: 'China Merchants Bank' },
  pingan_bank: { zh: '平安银行', en: 'Ping An Bank' },
  byd_auto_finance: { zh: '比亚迪汽车金融', en: 'BYD Auto Finance' },
  saic_gmac: { zh: '上汽通用汽车金融', en: 'SAIC-GMAC Automotive Finance' },
};

/** What became of one lender callback we received. */
export const CALLBACK_OUTCOMES = [
  'applied',
  'stale',
  'ignored',
  'unknown_application',
  'bad_signature',
  'expired',
  'malformed',
] as const;
export type TCallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/**
 * The credit-check authorisation (征信查询授权) the buyer accepts before applying. A new text gets a new
 * version; the stored application keeps the exact text and version it was accepted with.
 */
export const CREDIT_CHECK_CONSENT = {
  version: 'credit-check-2026-01',
  zh: '本人授权 Autoyard 将本人填写的姓名、身份证号、收入及购车信息提供给本人选择的贷款机构，并授权该机构向中国人民银行征信中心及依法设立的征信机构查询、报送本人的信用信息，用于审核本次汽车贷款申请。本授权自提交之日起至本次贷款结清或申请终止之日有效。',
  en: 'I authorise Autoyard to pass my name, ID number, income and vehicle details to the lender I chose, and I authorise that lender to query and report my credit information with the Credit Reference Center of the People’s Bank of China and other lawful credit bureaus, to assess this car loan application. This authorisation lasts from submission until the loan is repaid or the application ends.',
} as const;

/** The buyer's acceptance of the loan contract when signing it online. */
export const LOAN_CONTRACT_CONSENT = {
  version: 'loan-contract-2026-01',
  zh: '本人已阅读并同意贷款机构的《个人汽车贷款合同》及《抵押合同》全部条款，确认以电子签名方式签署，与手写签名具有同等法律效力。',
  en: 'I have read and agree to all terms of the lender’s personal car loan contract and vehicle mortgage contract, and I sign them electronically, with the same legal effect as a handwritten signature.',
} as const;

// ---- the resident ID number (GB 11643-1999) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

/** The birth date (YYYY-MM-DD) an 18-character ID number carries, or null when it is not a real date. */
export function idNumberBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return null;
  if (Number(y) < 1900) return null;
  return `${y}-${mo}-${d}`;
}

/** True for an 18-character resident ID number with a real birth date and the right check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (idNumberBirthDate(id) === null) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** `110105********1234`: the region code and the last four, as lists and pages show it. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** Whole years of age on a day (YYYY-MM-DD) for a birth date (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---- buyer API ----

const ZFen = z.number().int().min(0).max(100_000_000_00);
const ZId = z.string().trim().min(1).max(64);

export const ZLoanApplicationIdParams = z.object({ id: ZId });

export const ZCreateLoanApplicationRequest = z
  .object({
    /** The listing the loan is for; its kind (new/used) and energy then come from the listing. */
    listingId: ZId.optional(),
    /**
     * The landed-price quote the buyer applied from (pricing), kept as a reference for the order later (not
     * checked here: pricing already depends on finance for loan plans, and the check would close a cycle).
     */
    pricingQuoteId: ZId.optional(),
    lenderCode: z.enum(LENDER_CODES),
    /** A finance product of that lender, kept as a reference with the terms below as the snapshot. */
    productId: ZId.optional(),
    vehicleKind: z.enum(VEHICLE_KINDS).default('new'),
    newEnergy: z.boolean().default(false),
    priceFen: z.number().int().min(1_000_00).max(100_000_000_00),
    downPaymentFen: ZFen,
    termMonths: z.number().int().min(12).max(60),
    method: z.enum(LOAN_METHODS),
    annualRateBp: z.number().int().min(0).max(10_000).optional(),
    flatRateBp: z.number().int().min(0).max(10_000).optional(),
    feesFen: ZFen.default(0),
    applicant: z.object({
      name: z
        .string()
        .trim()
        .min(2)
        .max(30)
        .regex(/^[\p{L}·• ]+$/u, 'letters only'),
      idNumber: z
        .string()
        .trim()
        .transform((s) => s.toUpperCase())
        .refine(isValidIdNumber, 'not a valid 18-digit resident ID number (GB 11643 check digit)'),
      monthlyIncomeFen: ZFen,
      employmentType: z.enum(EMPLOYMENT_TYPES),
      cityCode: z.string().regex(/^\d{6}$/, 'a GB/T 2260 city code'),
    }),
    consent: z.object({
      version: z.string().min(1).max(64),
      accepted: z.literal(true),
    }),
  })
  .superRefine((v, ctx) => {
    if ((v.annualRateBp === undefined) === (v.flatRateBp === undefined)) {
      const message = 'give annualRateBp or flatRateBp, not both';
      ctx.addIssue({ code: 'custom', path: ['annualRateBp'], message });
    }
    if (v.downPaymentFen >= v.priceFen) {
      ctx.addIssue({ code: 'custom', path: ['downPaymentFen'], message: 'must be less than the price' });
    }
    if (v.vehicleKind === 'used' && v.termMonths > 36) {
      ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'used cars: at most 36 months' });
    }
    if (v.feesFen >= v.priceFen - v.downPaymentFen) {
      ctx.addIssue({ code: 'custom', path: ['feesFen'], message: 'fees must be less than the loan' });
    }
  });
export type TCreateLoanApplicationRequest = z.infer<typeof ZCreateLoanApplicationRequest>;

export const ZSignLoanContractRequest = z.object({
  consent: z.object({ version: z.string().min(1).max(64), accepted: z.literal(true) }),
});
export type TSignLoanContractRequest = z.infer<typeof ZSignLoanContractRequest>;

export const ZWithdrawLoanApplicationRequest = z.object({
  reason: z.string().trim().max(200).optional(),
});
export type TWithdrawLoanApplicationRequest = z.infer<typeof ZWithdrawLoanApplicationRequest>;

export const ZLoanTerms = z.object({
  priceFen: z.number().int(),
  downPaymentFen: z.number().int(),
  principalFen: z.number().int(),
  termMonths: z.number().int(),
  method: z.enum(LOAN_METHODS),
  annualRateBp: z.number().int().nullable(),
  flatRateBp: z.number().int().nullable(),
  feesFen: z.number().int(),
  /** The first (and, for equal instalments, every but the last) monthly payment. */
  monthlyPaymentFen: z.number().int(),
  totalInterestFen: z.number().int(),
  aprBp: z.number().int(),
});
export type TLoanTerms = z.infer<typeof ZLoanTerms>;

export const ZDecisionReason = z.object({ code: z.string(), message: z.string() });

export const ZTimelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  from: z.enum(LOAN_APPLICATION_STATES).nullable(),
  to: z.enum(LOAN_APPLICATION_STATES).nullable(),
  by: z.enum(['buyer', 'staff', 'system']),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZLoanApplication = z.object({
  id: z.string(),
  state: z.enum(LOAN_APPLICATION_STATES),
  lenderCode: z.enum(LENDER_CODES),
  productId: z.string().nullable(),
  listingId: z.string().nullable(),
  pricingQuoteId: z.string().nullable(),
  vehicleKind: z.enum(VEHICLE_KINDS),
  newEnergy: z.boolean(),
  terms: ZLoanTerms,
  applicant: z.object({
    name: z.string(),
    idNumberMasked: z.string(),
    monthlyIncomeFen: z.number().int(),
    employmentType: z.enum(EMPLOYMENT_TYPES),
    cityCode: z.string(),
  }),
  consentVersion: z.string(),
  consentAt: z.string(),
  reasons: z.array(ZDecisionReason),
  lenderRef: z.string().nullable(),
  /** What the buyer may do now (`sign_contract`, `withdraw`). */
  buyerActions: z.array(z.enum(['sign_contract', 'withdraw'])),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  contractSignedAt: z.string().nullable(),
  disbursedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TLoanApplication = z.infer<typeof ZLoanApplication>;

export const ZLoanApplicationDetail = ZLoanApplication.extend({ timeline: z.array(ZTimelineEntry) });
export type TLoanApplicationDetail = z.infer<typeof ZLoanApplicationDetail>;

export const ZLoanApplicationPage = z.object({
  items: z.array(ZLoanApplication),
  nextCursor: z.string().nullable(),
});
export type TLoanApplicationPage = z.infer<typeof ZLoanApplicationPage>;

export const ZMyLoanApplicationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

// ---- staff queue ----

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZStaffLoanApplicationQuery = z.object({
  state: z.enum(LOAN_APPLICATION_STATES).optional(),
  lenderCode: z.enum(LENDER_CODES).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Submitted on or after this Asia/Shanghai day. */
  from: ZDay.optional(),
  /** Submitted on or before this Asia/Shanghai day. */
  to: ZDay.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TStaffLoanApplicationQuery = z.infer<typeof ZStaffLoanApplicationQuery>;

export const ZLenderCallbackRecord = z.object({
  id: z.string(),
  providerEventId: z.string().nullable(),
  status: z.string().nullable(),
  sequence: z.number().int().nullable(),
  signatureVerified: z.boolean(),
  outcome: z.enum(CALLBACK_OUTCOMES),
  deliveries: z.number().int(),
  receivedAt: z.string(),
});

export const ZStaffLoanApplicationDetail = ZLoanApplicationDetail.extend({
  buyerId: z.string(),
  callbacks: z.array(ZLenderCallbackRecord),
});
export type TStaffLoanApplicationDetail = z.infer<typeof ZStaffLoanApplicationDetail>;

// ---- lender callbacks ----

export const ZLenderParams = z.object({ lender: z.enum(LENDER_CODES) });

export const ZLenderCallbackHeaders = z.object({
  'x-lender-timestamp': z.string().max(20).optional(),
  'x-lender-nonce': z.string().max(64).optional(),
  'x-lender-signature': z.string().max(128).optional(),
});

/** What we answer a lender whose callback we took (processed now or before): it stops retrying. */
export const ZLenderCallbackAck = z.object({ code: z.literal('SUCCESS') });
