import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { PAYMENT_PROVIDERS, PAYMENT_PURPOSES, REFUND_KINDS } from './payments.enums.js';

const ZIntentFacts = z.object({
  intentId: z.string(),
  orderId: z.string(),
  purpose: z.enum(PAYMENT_PURPOSES),
});

/** Events the payments module publishes; orders reacts to intents, risk to mismatches. */
export const PaymentsEvents = defineEvents({
  intentCreated: {
    name: 'payments.intent_created',
    aggregateType: 'payment_intent',
    payload: ZIntentFacts.extend({ provider: z.enum(PAYMENT_PROVIDERS), amountFen: z.number().int() }),
    description: 'a payment intent was opened for an order (pay link or bank transfer awaited)',
  },
  intentSucceeded: {
    name: 'payments.intent_succeeded',
    aggregateType: 'payment_intent',
    payload: ZIntentFacts.extend({ provider: z.enum(PAYMENT_PROVIDERS), amountFen: z.number().int() }),
    description:
      'the money of an intent arrived (verified notification, gateway query or recorded bank transfer); posted to the ledger',
  },
  intentFailed: {
    name: 'payments.intent_failed',
    aggregateType: 'payment_intent',
    payload: ZIntentFacts,
    description: 'the gateway reported the payment failed or closed before it was paid',
  },
  intentExpired: {
    name: 'payments.intent_expired',
    aggregateType: 'payment_intent',
    payload: ZIntentFacts,
    description: 'a pending intent passed its time unpaid (the gateway confirmed it was not paid)',
  },
  refundRequested: {
    name: 'payments.refund_requested',
    aggregateType: 'payment_refund',
    payload: z.object({
      refundId: z.string(),
      intentId: z.string(),
      orderId: z.string(),
      amountFen: z.number().int(),
      kind: z.enum(REFUND_KINDS),
      needsApproval: z.boolean(),
    }),
    description: 'a refund was asked for; above the threshold it waits for finance approval',
  },
  refundSucceeded: {
    name: 'payments.refund_succeeded',
    aggregateType: 'payment_refund',
    payload: z.object({
      refundId: z.string(),
      intentId: z.string(),
      orderId: z.string(),
      amountFen: z.number().int(),
      kind: z.enum(REFUND_KINDS),
    }),
    description: 'the gateway paid a refund (or compensation) back to the buyer; posted to the ledger',
  },
  refundFailed: {
    name: 'payments.refund_failed',
    aggregateType: 'payment_refund',
    payload: z.object({ refundId: z.string(), orderId: z.string(), amountFen: z.number().int() }),
    description: 'the gateway refused a refund, or finance rejected it',
  },
  amountMismatch: {
    name: 'payments.amount_mismatch',
    aggregateType: 'payment_intent',
    payload: z.object({
      intentId: z.string(),
      orderId: z.string(),
      provider: z.enum(PAYMENT_PROVIDERS),
      expectedFen: z.number().int(),
      receivedFen: z.number().int(),
      currency: z.string(),
    }),
    description:
      'a verified notification or a recorded transfer carried another amount or currency than the intent (not succeeded)',
  },
  reconciliationMismatched: {
    name: 'payments.reconciliation_mismatched',
    aggregateType: 'payment_recon_run',
    payload: z.object({
      runId: z.string(),
      provider: z.string(),
      day: z.string(),
      mismatches: z.number().int(),
    }),
    description: "a day's statement of a gateway differs from our books (finance reviews the mismatches)",
  },
});
