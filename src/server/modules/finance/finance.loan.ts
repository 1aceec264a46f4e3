import { type Fen, roundFen } from '../../kernel/money.js';
import { LOAN_METHODS } from './finance.enums.js';

/**
 * Loan schedules exact to the fen, and the annualized rate a buyer must be shown (PBOC 2021 No.3: the APR by
 * IRR over the actual cash flows, fees included).
 *
 * Rounding rule, stated once: each period's interest is the balance x the monthly rate, rounded half-up to
 * the fen; each payment is rounded half-up to the fen; the last payment absorbs the difference so the
 * principal parts sum to the loan exactly and the last balance is zero.
 */

export { LOAN_METHODS };
export type LoanMethod = (typeof LOAN_METHODS)[number];

export interface LoanTerms {
  principalFen: Fen;
  termMonths: number;
  method: LoanMethod;
  /** Nominal yearly rate in basis points (480 = 4.80%), interest on the declining balance. */
  annualRateBp?: number | undefined;
  /** A flat (费率) quote: total interest = principal x rate x years, paid in equal parts. */
  flatRateBp?: number | undefined;
  /** Fees paid when the loan is made (they lower what the buyer really receives). */
  feesFen: Fen;
}

export interface Instalment {
  n: number;
  paymentFen: Fen;
  principalFen: Fen;
  interestFen: Fen;
  balanceFen: Fen;
}

export interface LoanPlan {
  firstPaymentFen: Fen;
  lastPaymentFen: Fen;
  totalInterestFen: Fen;
  /** Every payment plus the fees. */
  totalPaidFen: Fen;
  aprBp: number;
  schedule: Instalment[];
}

export function loanSchedule(terms: LoanTerms): Instalment[] {
  const { principalFen: p, termMonths: n } = terms;
  if (terms.flatRateBp !== undefined) return flatSchedule(p, n, terms.flatRateBp);
  const i = (terms.annualRateBp ?? 0) / 10_000 / 12;
  const rows: Instalment[] = [];
  let balance = p;
  const level = i === 0 ? p / n : (p * i * (1 + i) ** n) / ((1 + i) ** n - 1);
  const levelPayment = roundFen(level);
  const principalPart = roundFen(p / n);
  for (let k = 1; k <= n; k++) {
    const interest = roundFen(balance * i);
    const last = k === n;
    let principal: Fen;
    if (last) principal = balance;
    else if (terms.method === 'equal_instalment') principal = levelPayment - interest;
    else principal = principalPart;
    // A payment never repays more than is owed (tiny loans over long terms).
    principal = Math.min(principal, balance);
    balance -= principal;
    rows.push({
      n: k,
      paymentFen: principal + interest,
      principalFen: principal,
      interestFen: interest,
      balanceFen: balance,
    });
  }
  return rows;
}

function flatSchedule(p: Fen, n: number, flatRateBp: number): Instalment[] {
  const totalInterest = roundFen((p * flatRateBp * n) / 10_000 / 12);
  const payment = roundFen((p + totalInterest) / n);
  const principalPart = roundFen(p / n);
  const rows: Instalment[] = [];
  let balance = p;
  let interestSoFar = 0;
  for (let k = 1; k <= n; k++) {
    const last = k === n;
    const principal = last ? balance : Math.min(principalPart, balance);
    const interest = last ? totalInterest - interestSoFar : payment - principal;
    balance -= principal;
    interestSoFar += interest;
    rows.push({
      n: k,
      paymentFen: principal + interest,
      principalFen: principal,
      interestFen: interest,
      balanceFen: balance,
    });
  }
  return rows;
}

/**
 * The monthly internal rate of return r with  principal - fees = sum(payment_k / (1 + r)^k). The present value
 * falls as r rises, so the root is unique: Newton's method (a handful of steps, priced on every page view),
 * kept inside a shrinking bracket that falls back to bisection when a step would leave it.
 */
export function monthlyIrr(receivedFen: Fen, payments: readonly Fen[]): number {
  let lo = -0.99;
  let hi = 1;
  let r = 0.005;
  for (let iter = 0; iter < 200; iter++) {
    const v = 1 / (1 + r);
    let discount = 1;
    let pv = 0;
    let slope = 0;
    for (let k = 0; k < payments.length; k++) {
      discount *= v;
      const term = (payments[k] ?? 0) * discount;
      pv += term;
      slope -= (k + 1) * term * v;
    }
    const f = pv - receivedFen;
    if (f === 0) return r;
    if (f > 0) lo = r;
    else hi = r;
    let next = r - f / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - r) < 1e-16 || hi - lo < 1e-15) return next;
    r = next;
  }
  return r;
}

export function quoteLoan(terms: LoanTerms): LoanPlan {
  const schedule = loanSchedule(terms);
  const payments = schedule.map((row) => row.paymentFen);
  const totalPayments = payments.reduce((a, b) => a + b, 0);
  const r = monthlyIrr(terms.principalFen - terms.feesFen, payments);
  return {
    firstPaymentFen: schedule[0]?.paymentFen ?? 0,
    lastPaymentFen: schedule.at(-1)?.paymentFen ?? 0,
    totalInterestFen: schedule.reduce((sum, row) => sum + row.interestFen, 0),
    totalPaidFen: totalPayments + terms.feesFen,
    // monthly IRR x 12 in basis points, half-up (the tiny epsilon keeps an exact .5 from float noise)
    aprBp: Math.round(r * 12 * 10_000 + 1e-9),
    schedule,
  };
}
