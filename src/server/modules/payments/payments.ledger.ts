import type { DbHandle } from '../../kernel/db/client.js';
import { newId } from '../../kernel/ids.js';
import type { LedgerKind, PaymentProvider, PaymentPurpose } from './payments.enums.js';
import * as repo from './payments.repository.js';

// The double-entry ledger. Accounts (debit-normal: assets and expenses; credit-normal: liabilities and income):
//   gateway_clearing:<provider>   asset: money the provider holds for us until it settles to our bank
//   buyer_deposits_held           liability: deposits (定金/订金) we hold for buyers
//   order_revenue                 income: balances (尾款) paid for cars
//   forfeited_deposit_income      income: deposits a buyer forfeited by walking away from a binding 定金
//   compensation_expense          expense: what we pay a buyer when the seller walks away (双倍返还's extra half)
//   gateway_fees                  expense: the providers' service fees

export const ACCOUNTS = {
  clearing: (provider: PaymentProvider) => `gateway_clearing:${provider}`,
  depositsHeld: 'buyer_deposits_held',
  revenue: 'order_revenue',
  forfeitIncome: 'forfeited_deposit_income',
  compensationExpense: 'compensation_expense',
  fees: 'gateway_fees',
} as const;

/** The account a purpose's money is credited to when it comes in (and debited from when it goes back). */
export function fundsAccount(purpose: PaymentPurpose): string {
  return purpose === 'deposit' ? ACCOUNTS.depositsHeld : ACCOUNTS.revenue;
}

export interface PostingLine {
  readonly account: string;
  readonly debitFen?: number;
  readonly creditFen?: number;
}

export interface PostingRef {
  readonly kind: LedgerKind;
  readonly orderId: string;
  readonly intentId?: string | null;
  readonly refundId?: string | null;
  readonly memo?: string;
}

/** Writes one balanced posting (throws before writing when its debits and credits differ). */
export async function post(
  db: DbHandle,
  ref: PostingRef,
  lines: readonly PostingLine[],
  at: Date,
): Promise<string> {
  const debits = lines.reduce((s, l) => s + (l.debitFen ?? 0), 0);
  const credits = lines.reduce((s, l) => s + (l.creditFen ?? 0), 0);
  if (debits !== credits || debits <= 0)
    throw new Error(`unbalanced posting: ${debits} debit vs ${credits} credit`);
  const postingId = newId('pst');
  await repo.insertLedgerEntries(
    db,
    lines
      .filter((l) => (l.debitFen ?? 0) > 0 || (l.creditFen ?? 0) > 0)
      .map((l) => ({
        id: newId('led'),
        postingId,
        kind: ref.kind,
        account: l.account,
        debitFen: l.debitFen ?? 0,
        creditFen: l.creditFen ?? 0,
        orderId: ref.orderId,
        intentId: ref.intentId ?? null,
        refundId: ref.refundId ?? null,
        memo: ref.memo ?? null,
        createdAt: at,
      })),
  );
  return postingId;
}

/** What an order's money amounts to, derived from the ledger only. */
export interface OrderMoney {
  /** Deposits and balances that arrived. */
  paidFen: number;
  /** Paid back to the buyer (refunds; the compensation is counted apart). */
  refundedFen: number;
  /** Deposit the buyer forfeited (moved to income). */
  forfeitedFen: number;
  /** Paid to the buyer on top of the refund when the seller walked away. */
  compensationFen: number;
  /** What we still hold of the buyer's money: paid - refunded - forfeited. */
  netHeldFen: number;
  /** Of that, deposit (buyer_deposits_held's balance). */
  depositHeldFen: number;
}

/** -x without producing -0 (sums of nothing are 0, and 0 should print as 0). */
const neg = (n: number) => (n === 0 ? 0 : -n);

export async function orderMoney(db: DbHandle, orderId: string): Promise<OrderMoney> {
  const sums = await repo.ledgerSums(db, orderId);
  const clearingIn = (kind: string) =>
    sums
      .filter((s) => s.kind === kind && s.account.startsWith('gateway_clearing:'))
      .reduce((t, s) => t + s.net, 0);
  // What the buyer paid: the car's deposit and balance, after-sales services (plate service), shop orders.
  const paidFen =
    clearingIn('deposit') + clearingIn('balance') + clearingIn('plate_service') + clearingIn('shop_order');
  const refundedFen = neg(clearingIn('refund'));
  const compensationFen = neg(clearingIn('compensation'));
  const forfeitedFen = neg(
    sums
      .filter((s) => s.kind === 'forfeit' && s.account === ACCOUNTS.forfeitIncome)
      .reduce((t, s) => t + s.net, 0),
  );
  const depositHeldFen = neg(
    sums.filter((s) => s.account === ACCOUNTS.depositsHeld).reduce((t, s) => t + s.net, 0),
  );
  return {
    paidFen,
    refundedFen,
    forfeitedFen,
    compensationFen,
    netHeldFen: paidFen - refundedFen - forfeitedFen,
    depositHeldFen,
  };
}

/** Throws when any posting's debits differ from its credits (tests call it after every scenario). */
export async function assertLedgerBalanced(db: DbHandle): Promise<void> {
  const bad = await repo.unbalancedPostings(db);
  if (bad.length > 0) throw new Error(`unbalanced ledger postings: ${JSON.stringify(bad)}`);
}
