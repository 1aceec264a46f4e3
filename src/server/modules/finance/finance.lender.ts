import { z } from 'zod';
import {
  type EMPLOYMENT_TYPES,
  LENDER_REPORT_STATUSES,
  type TLenderReportStatus,
} from './finance.applications.contract.js';
import type { StoredReason, TermsSnapshot } from './finance.applications.schema.js';
import type { LenderCode } from './finance.enums.js';
import { type SignatureHeaders, verifySignature } from './finance.lender-signature.js';

/**
 * What the platform needs of a partner lender. Each real lender gets its own adapter (its protocol,
 * signing and field names); the sandbox lender stands in for all of them in development and tests.
 * Calls to a lender happen outside our transactions (jobs), never while a row is locked.
 */
export interface LenderAdapter {
  readonly code: LenderCode;
  /** True for the sandbox: the console says so next to every application it handled. */
  readonly sandbox: boolean;
  /** Sends an application; idempotent on `applicationId` (a retried job gets the same reference back). */
  submit(application: LenderApplication, at: Date): Promise<{ lenderRef: string }>;
  /** The lender's current status of an application (for callbacks that never came), or null if unknown. */
  query(lenderRef: string, at: Date): Promise<LenderReport | null>;
  /** Tells the lender the buyer signed the loan contract (it disburses after that). */
  contractSigned(lenderRef: string, at: Date): Promise<void>;
  /** Tells the lender the buyer withdrew the application. */
  withdraw(lenderRef: string, at: Date): Promise<void>;
  /** Verifies a callback's signature and reads its body. */
  verifyCallback(headers: SignatureHeaders, rawBody: string, now: Date): CallbackVerification;
}

/** What we send a lender (the ID number in clear: the lender's credit check needs it). */
export interface LenderApplication {
  applicationId: string;
  applicant: {
    name: string;
    idNumber: string;
    monthlyIncomeFen: number;
    employmentType: (typeof EMPLOYMENT_TYPES)[number];
    cityCode: string;
  };
  vehicle: { kind: 'new' | 'used'; newEnergy: boolean; listingId: string | null };
  terms: TermsSnapshot;
  productId: string | null;
}

/** One status report of a lender about one application (a callback or a query answer). */
export interface LenderReport {
  eventId: string;
  applicationId: string;
  lenderRef: string;
  status: TLenderReportStatus;
  /** Increases with every status change of the application at the lender. */
  sequence: number;
  reasons: StoredReason[];
  occurredAt: string;
}

export type CallbackVerification =
  | { ok: true; report: LenderReport }
  | { ok: false; problem: 'bad_signature' | 'expired' | 'malformed'; eventId: string | null };

/**
 * The callback body of the protocol our lenders (and the sandbox) share: JSON, signed as
 * finance.lender-signature.ts says. Reasons carry the lender's codes; we show our own text for the codes
 * we know and the lender's text otherwise.
 */
export const ZLenderCallbackBody = z.object({
  eventId: z.string().min(1).max(100),
  applicationId: z.string().min(1).max(64),
  lenderRef: z.string().min(1).max(64),
  status: z.enum(LENDER_REPORT_STATUSES),
  sequence: z.number().int().min(1).max(1000),
  reasons: z
    .array(z.object({ code: z.string().min(1).max(64), message: z.string().max(500) }))
    .max(20)
    .default([]),
  occurredAt: z.string().max(40),
});
export type TLenderCallbackBody = z.infer<typeof ZLenderCallbackBody>;

/** Decision reasons we can say in both languages; a lender's own codes fall back to its text. */
export const REASON_TEXTS: Readonly<Record<string, { zh: string; en: string }>> = {
  INCOME_MISSING: {
    zh: '未提供有效的月收入信息',
    en: 'No valid monthly income was given',
  },
  PAYMENT_TO_INCOME: {
    zh: '月供超过月收入的 50%',
    en: 'The monthly payment is more than 50% of the monthly income',
  },
  DOWN_PAYMENT_TOO_LOW: {
    zh: '首付比例低于该车型的最低要求',
    en: 'The down payment is below the minimum for this vehicle',
  },
  AGE_OUT_OF_RANGE: {
    zh: '申请人年龄不在 18 至 65 周岁之间',
    en: 'The applicant is not between 18 and 65 years old',
  },
};

export function reasonOf(code: string, lenderText: string): StoredReason {
  const known = REASON_TEXTS[code];
  return known ? { code, ...known } : { code, zh: lenderText || code, en: lenderText || code };
}

/** Verifies and reads a callback of the shared protocol (the part every adapter of it reuses). */
export function verifyProtocolCallback(
  secret: string | undefined,
  headers: SignatureHeaders,
  rawBody: string,
  now: Date,
): CallbackVerification {
  const check = verifySignature(secret, headers, rawBody, now);
  let json: unknown = null;
  try {
    json = JSON.parse(rawBody);
  } catch {
    // stays null: malformed (when signed) or recorded as unsigned
  }
  const eventId =
    json && typeof json === 'object' && typeof (json as { eventId?: unknown }).eventId === 'string'
      ? ((json as { eventId: string }).eventId.slice(0, 100) ?? null)
      : null;
  if (check === 'bad') return { ok: false, problem: 'bad_signature', eventId };
  if (check === 'expired') return { ok: false, problem: 'expired', eventId };
  const parsed = ZLenderCallbackBody.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'malformed', eventId };
  const b = parsed.data;
  return {
    ok: true,
    report: {
      eventId: b.eventId,
      applicationId: b.applicationId,
      lenderRef: b.lenderRef,
      status: b.status,
      sequence: b.sequence,
      reasons: b.reasons.map((r) => reasonOf(r.code, r.message)),
      occurredAt: b.occurredAt,
    },
  };
}
