import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { LENDER_CODES } from './finance.enums.js';

// Payloads carry ids and what a subscriber (orders, later) needs to react, not the rows.

const ZApplicationRef = z.object({
  applicationId: z.string(),
  buyerId: z.string(),
  lenderCode: z.enum(LENDER_CODES),
  listingId: z.string().nullable(),
});

export const LoanApplicationEvents = defineEvents({
  loanSubmitted: {
    name: 'finance.loan_submitted',
    aggregateType: 'loan_application',
    payload: ZApplicationRef.extend({ principalFen: z.number().int() }),
    description: 'a buyer submitted a loan application (it is sent to the lender next)',
  },
  loanUnderReview: {
    name: 'finance.loan_under_review',
    aggregateType: 'loan_application',
    payload: ZApplicationRef,
    description: 'the lender started reviewing an application',
  },
  loanApproved: {
    name: 'finance.loan_approved',
    aggregateType: 'loan_application',
    payload: ZApplicationRef.extend({ principalFen: z.number().int() }),
    description: 'the lender approved an application',
  },
  loanRejected: {
    name: 'finance.loan_rejected',
    aggregateType: 'loan_application',
    payload: ZApplicationRef.extend({ reasonCodes: z.array(z.string()) }),
    description: 'the lender rejected an application, with its reasons',
  },
  loanContractSigned: {
    name: 'finance.loan_contract_signed',
    aggregateType: 'loan_application',
    payload: ZApplicationRef,
    description: 'the buyer signed the loan contract of an approved application',
  },
  loanDisbursed: {
    name: 'finance.loan_disbursed',
    aggregateType: 'loan_application',
    payload: ZApplicationRef.extend({ principalFen: z.number().int() }),
    description: 'the lender paid out the loan (an order can count it as paid)',
  },
  loanWithdrawn: {
    name: 'finance.loan_withdrawn',
    aggregateType: 'loan_application',
    payload: ZApplicationRef,
    description: 'the buyer withdrew an application before signing the loan contract',
  },
});
