import type { AuditRow } from '../../kernel/audit/audit.schema.js';
import type { Lang } from '../../kernel/http/errors.js';
import {
  EMPLOYMENT_TYPES,
  LOAN_APPLICATION_STATES,
  type TLoanApplication,
  type TLoanApplicationState,
  type TTimelineEntry,
} from './finance.applications.contract.js';
import type { LenderCallbackRow, LoanApplicationRow } from './finance.applications.schema.js';
import { loanApplicationMachine } from './finance.machine.js';

// The one place loan-application rows become API objects. The ID number leaves only masked.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function employmentOf(v: string): (typeof EMPLOYMENT_TYPES)[number] {
  return (EMPLOYMENT_TYPES as readonly string[]).includes(v)
    ? (v as (typeof EMPLOYMENT_TYPES)[number])
    : 'other';
}

export function toLoanApplication(row: LoanApplicationRow, lang: Lang): TLoanApplication {
  const t = row.terms;
  const buyerActions: TLoanApplication['buyerActions'] = [];
  if (loanApplicationMachine.can(row.state, 'sign_contract')) buyerActions.push('sign_contract');
  if (loanApplicationMachine.can(row.state, 'withdraw')) buyerActions.push('withdraw');
  return {
    id: row.id,
    state: row.state,
    lenderCode: row.lenderCode,
    productId: row.productId,
    listingId: row.listingId,
    pricingQuoteId: row.pricingQuoteId,
    vehicleKind: row.vehicleKind,
    newEnergy: row.newEnergy,
    terms: {
      priceFen: t.priceFen,
      downPaymentFen: t.downPaymentFen,
      principalFen: t.principalFen,
      termMonths: t.termMonths,
      method: t.method,
      annualRateBp: t.annualRateBp,
      flatRateBp: t.flatRateBp,
      feesFen: t.feesFen,
      monthlyPaymentFen: t.monthlyPaymentFen,
      totalInterestFen: t.totalInterestFen,
      aprBp: t.aprBp,
    },
    applicant: {
      name: row.applicantName,
      idNumberMasked: row.idNumberMasked,
      monthlyIncomeFen: row.monthlyIncomeFen,
      employmentType: employmentOf(row.employmentType),
      cityCode: row.cityCode,
    },
    consentVersion: row.consentVersion,
    consentAt: row.consentAt.toISOString(),
    reasons: row.reasons.map((r) => ({ code: r.code, message: lang === 'en' ? r.en : r.zh })),
    lenderRef: row.lenderRef,
    buyerActions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    contractSignedAt: iso(row.contractSignedAt),
    disbursedAt: iso(row.disbursedAt),
    version: row.version,
  };
}

function stateIn(snapshot: unknown): TLoanApplicationState | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  const s = (snapshot as { state?: unknown }).state;
  return typeof s === 'string' && (LOAN_APPLICATION_STATES as readonly string[]).includes(s)
    ? (s as TLoanApplicationState)
    : null;
}

/** The application's history from its audit rows (oldest first): who moved it from which state to which. */
export function toTimeline(rows: readonly AuditRow[]): TTimelineEntry[] {
  return [...rows]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id))
    .map((r) => ({
      at: r.occurredAt.toISOString(),
      action: r.action.replace(/^loan_application\./, ''),
      from: stateIn(r.before),
      to: stateIn(r.after),
      by: r.actorKind === 'buyer' ? 'buyer' : r.actorKind === 'staff' ? 'staff' : 'system',
    }));
}

export function toCallbackRecord(row: LenderCallbackRow) {
  return {
    id: row.id,
    providerEventId: row.providerEventId,
    status: row.status,
    sequence: row.sequence,
    signatureVerified: row.signatureVerified,
    outcome: row.outcome,
    deliveries: row.deliveries,
    receivedAt: row.receivedAt.toISOString(),
  };
}
