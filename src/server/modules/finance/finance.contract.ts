import { z } from 'zod';
import { LOAN_METHODS } from './finance.enums.js';

// Request and response schemas of /api/v1/finance: they validate, type and document each route, and the web
// app imports them.

/** The public loan calculator partners call (exact contract). */
export const ZLoanQuoteRequest = z
  .object({
    principalFen: z.number().int().min(1).max(100_000_000_00),
    termMonths: z.number().int().min(12).max(60),
    method: z.enum(LOAN_METHODS),
    /** Nominal yearly rate in basis points (480 = 4.80%/yr). */
    annualRateBp: z.number().int().min(0).max(10_000).optional(),
    /** Flat rate per year in basis points: total interest = principal x rate x years, paid in equal parts. */
    flatRateBp: z.number().int().min(0).max(10_000).optional(),
    feesFen: z.number().int().min(0).default(0),
  })
  .superRefine((v, ctx) => {
    const both = v.annualRateBp !== undefined && v.flatRateBp !== undefined;
    const neither = v.annualRateBp === undefined && v.flatRateBp === undefined;
    if (both || neither) {
      const message = both ? 'give annualRateBp or flatRateBp, not both' : 'give annualRateBp or flatRateBp';
      ctx.addIssue({ code: 'custom', path: ['annualRateBp'], message });
      ctx.addIssue({ code: 'custom', path: ['flatRateBp'], message });
    }
    if (v.feesFen >= v.principalFen) {
      ctx.addIssue({ code: 'custom', path: ['feesFen'], message: 'fees must be less than the principal' });
    }
  });
export type TLoanQuoteRequest = z.infer<typeof ZLoanQuoteRequest>;

export const ZInstalment = z.object({
  n: z.number().int(),
  paymentFen: z.number().int(),
  principalFen: z.number().int(),
  interestFen: z.number().int(),
  balanceFen: z.number().int(),
});

export const ZLoanQuoteResponse = z.object({
  firstPaymentFen: z.number().int(),
  lastPaymentFen: z.number().int(),
  totalInterestFen: z.number().int(),
  /** Every payment plus the fees. */
  totalPaidFen: z.number().int(),
  /** Monthly IRR x 12 over the actual cash flows (fees included), in basis points, rounded half-up. */
  aprBp: z.number().int(),
  schedule: z.array(ZInstalment),
});
export type TLoanQuoteResponse = z.infer<typeof ZLoanQuoteResponse>;
