import { z } from 'zod';
import { queryAudit } from '../../kernel/audit/audit.query.js';
import { shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptPersonal, encryptPersonal, keyedHash } from '../../kernel/crypto.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { formatCny } from '../../kernel/money.js';
import { audit, type Mutation, systemMutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import { trimPricingFacts } from '../catalog/index.js';
import { buyerContact } from '../crm/index.js';
import { listingPricingFacts } from '../listings/index.js';
import {
  CREDIT_CHECK_CONSENT,
  EMPLOYMENT_TYPES,
  LENDER_NAMES,
  LOAN_CONTRACT_CONSENT,
  maskIdNumber,
  type TCreateLoanApplicationRequest,
  type TLenderReportStatus,
  type TLoanApplicationDetail,
  type TLoanApplicationPage,
  type TSignLoanContractRequest,
  type TStaffLoanApplicationDetail,
  type TStaffLoanApplicationQuery,
  type TWithdrawLoanApplicationRequest,
} from './finance.applications.contract.js';
import { LoanApplicationEvents } from './finance.applications.events.js';
import { toCallbackRecord, toLoanApplication, toTimeline } from './finance.applications.mappers.js';
import * as repo from './finance.applications.repository.js';
import type { LoanApplicationRow, TermsSnapshot } from './finance.applications.schema.js';
import type { LenderCode } from './finance.enums.js';
import type { LenderAdapter, LenderApplication, LenderReport } from './finance.lender.js';
import { createSandboxLender } from './finance.lender-sandbox.js';
import type { SignatureHeaders } from './finance.lender-signature.js';
import { quoteLoan } from './finance.loan.js';
import { type LoanApplicationAction, loanApplicationMachine } from './finance.machine.js';
import { financePlans } from './finance.products.service.js';

// Loan applications: the buyer applies, the lender decides (callbacks or our status query), the buyer
// signs the contract, the lender pays out. Calls to a lender run in jobs, outside any transaction.

export const SUBMIT_JOB = 'finance.submit_loan_application';
export const TELL_LENDER_JOB = 'finance.tell_lender';
export const RECONCILE_JOB = 'finance.reconcile_loan_applications';
/** An application quiet this long while waiting on its lender is queried (its callback may be lost). */
export const LENDER_QUIET_MS = 15 * 60_000;

const NEW_ENERGY = new Set(['bev', 'phev', 'erev', 'fcev']);

// ---- lenders ----

const lenderRegistries = new WeakMap<AppContext, Map<LenderCode, LenderAdapter>>();

/**
 * The adapter of a lender in this context, or null. Only the sandbox exists so far: outside production by
 * default, in production only with LENDER_SANDBOX=1; a real lender's adapter is added here when integrated.
 */
export function lenderFor(ctx: AppContext, code: LenderCode): LenderAdapter | null {
  if (!ctx.config.lenders.sandbox) return null;
  let registry = lenderRegistries.get(ctx);
  if (!registry) {
    registry = new Map();
    lenderRegistries.set(ctx, registry);
  }
  let adapter = registry.get(code);
  if (!adapter) {
    adapter = createSandboxLender(ctx, code);
    registry.set(code, adapter);
  }
  return adapter;
}

function requireLender(ctx: AppContext, code: LenderCode): LenderAdapter {
  const adapter = lenderFor(ctx, code);
  if (!adapter) throw new AppError('LENDER_NOT_AVAILABLE', { lender: LENDER_NAMES[code] });
  return adapter;
}

// ---- reading ----

const ZCursor = z.object({ t: z.string(), id: z.string() });

async function timelineOf(db: DbHandle, id: string) {
  const rows = await queryAudit(db, { entityType: 'loan_application', entityId: id }, 200);
  return toTimeline(rows);
}

async function detailOf(db: DbHandle, row: LoanApplicationRow, lang: Lang): Promise<TLoanApplicationDetail> {
  return { ...toLoanApplication(row, lang), timeline: await timelineOf(db, row.id) };
}

function buyerIdOf(mutation: Mutation): string {
  const actor = mutation.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
  return actor.buyerId;
}

async function ownApplication(db: DbHandle, id: string, buyerId: string): Promise<LoanApplicationRow> {
  const row = await repo.findApplication(db, id);
  if (!row || row.buyerId !== buyerId) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  return row;
}

export async function listMyApplications(
  db: DbHandle,
  query: { limit: number; cursor?: string | undefined },
  mutation: Mutation,
): Promise<TLoanApplicationPage> {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listApplications(db, { buyerId: buyerIdOf(mutation), after, limit: query.limit });
  return toPage(
    rows,
    query.limit,
    (r) => toLoanApplication(r, mutation.lang),
    (r) => ({ t: r.createdAt.toISOString(), id: r.id }),
  );
}

export async function getMyApplication(
  db: DbHandle,
  id: string,
  mutation: Mutation,
): Promise<TLoanApplicationDetail> {
  return detailOf(db, await ownApplication(db, id, buyerIdOf(mutation)), mutation.lang);
}

export async function listStaffApplications(
  db: DbHandle,
  query: TStaffLoanApplicationQuery,
  lang: Lang,
): Promise<TLoanApplicationPage> {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listApplications(db, {
    state: query.state,
    lenderCode: query.lenderCode,
    cityCode: query.cityCode,
    createdFrom: query.from ? shanghaiDayStart(query.from) : undefined,
    createdBefore: query.to ? new Date(shanghaiDayStart(query.to).getTime() + 86_400_000) : undefined,
    after,
    limit: query.limit,
  });
  return toPage(
    rows,
    query.limit,
    (r) => toLoanApplication(r, lang),
    (r) => ({ t: r.createdAt.toISOString(), id: r.id }),
  );
}

export async function getStaffApplication(
  db: DbHandle,
  id: string,
  lang: Lang,
): Promise<TStaffLoanApplicationDetail> {
  const row = await repo.findApplication(db, id);
  if (!row) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  const detail = await detailOf(db, row, lang);
  const callbacks = await repo.listCallbacksOf(db, id);
  return { ...detail, buyerId: row.buyerId, callbacks: callbacks.map(toCallbackRecord) };
}

// ---- applying ----

/** The vehicle facts that decide the lender's minimum down payment: from the listing when there is one. */
interface ApplicationVehicle {
  kind: 'new' | 'used';
  newEnergy: boolean;
  energy: (typeof ENERGY_TYPES)[number] | null;
  brand: string | null;
}

async function vehicleOf(db: DbHandle, input: TCreateLoanApplicationRequest): Promise<ApplicationVehicle> {
  if (!input.listingId) {
    return { kind: input.vehicleKind, newEnergy: input.newEnergy, energy: null, brand: null };
  }
  const listing = await listingPricingFacts(db, input.listingId);
  if (listing?.status !== 'listed') throw new AppError('LOAN_LISTING_NOT_FOUND');
  const trim = await trimPricingFacts(db, listing.trimId);
  return {
    kind: listing.kind,
    newEnergy: NEW_ENERGY.has(trim.energyType),
    energy: trim.energyType,
    brand: trim.brandSlug,
  };
}

/**
 * An application under a finance product takes the product's rate, method and fees for its term (not what
 * the browser sent), after the product's own checks: offered today for this car, this term, at least its
 * minimum down payment, and of the lender named.
 */
async function withProductTerms(
  db: DbHandle,
  input: TCreateLoanApplicationRequest,
  vehicle: ApplicationVehicle,
  now: Date,
): Promise<TCreateLoanApplicationRequest> {
  if (!input.productId) return input;
  const answer = await financePlans(
    db,
    {
      priceFen: input.priceFen,
      energy: vehicle.energy ?? (vehicle.newEnergy ? 'bev' : 'petrol'),
      used: vehicle.kind === 'used',
      ...(vehicle.brand ? { brand: vehicle.brand } : {}),
      termMonths: input.termMonths,
      downPaymentFen: input.downPaymentFen,
      productId: input.productId,
    },
    now,
  );
  const offer = answer.products[0];
  const plan = offer?.plans.find((p) => p.termMonths === input.termMonths);
  if (!offer || !plan) throw new AppError('FINANCE_PRODUCT_NOT_FOUND');
  if (offer.lenderCode !== input.lenderCode) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'body.lenderCode',
          message: { zh: '与所选金融产品的机构不一致', en: "not the product's lender" },
        },
      ],
    });
  }
  const { annualRateBp: _a, flatRateBp: _f, ...rest } = input;
  return {
    ...rest,
    method: offer.method,
    feesFen: plan.feesFen,
    ...(offer.rateKind === 'flat' ? { flatRateBp: plan.rateBp } : { annualRateBp: plan.rateBp }),
  };
}

function termsOf(input: TCreateLoanApplicationRequest): TermsSnapshot {
  const principalFen = input.priceFen - input.downPaymentFen;
  const plan = quoteLoan({
    principalFen,
    termMonths: input.termMonths,
    method: input.method,
    annualRateBp: input.annualRateBp,
    flatRateBp: input.flatRateBp,
    feesFen: input.feesFen,
  });
  return {
    priceFen: input.priceFen,
    downPaymentFen: input.downPaymentFen,
    principalFen,
    termMonths: input.termMonths,
    method: input.method,
    annualRateBp: input.annualRateBp ?? null,
    flatRateBp: input.flatRateBp ?? null,
    feesFen: input.feesFen,
    monthlyPaymentFen: plan.firstPaymentFen,
    maxPaymentFen: Math.max(...plan.schedule.map((r) => r.paymentFen)),
    totalInterestFen: plan.totalInterestFen,
    aprBp: plan.aprBp,
  };
}

/**
 * Stores a buyer's application with the consent they gave (text, version, time) and the terms as a
 * snapshot, and queues its submission to the lender. Retries with the same Idempotency-Key get the first
 * answer (kernel), so a double tap makes one application.
 */
export async function createApplication(
  ctx: AppContext,
  input: TCreateLoanApplicationRequest,
  mutation: Mutation,
): Promise<TLoanApplicationDetail> {
  const buyerId = buyerIdOf(mutation);
  if (input.consent.version !== CREDIT_CHECK_CONSENT.version) throw new AppError('LOAN_CONSENT_OUTDATED');
  requireLender(ctx, input.lenderCode);
  const db = ctx.database.db;
  const vehicle = await vehicleOf(db, input);
  const terms = termsOf(await withProductTerms(db, input, vehicle, mutation.at));
  const idNumber = input.applicant.idNumber;
  return withTransaction(db, async (tx) => {
    const row = await repo.insertApplication(tx, {
      id: newId('loan'),
      buyerId,
      listingId: input.listingId ?? null,
      pricingQuoteId: input.pricingQuoteId ?? null,
      lenderCode: input.lenderCode,
      productId: input.productId ?? null,
      vehicleKind: vehicle.kind,
      newEnergy: vehicle.newEnergy,
      terms,
      principalFen: terms.principalFen,
      applicantName: input.applicant.name,
      idNumberEnc: encryptPersonal(ctx.config, idNumber),
      idNumberHash: keyedHash(ctx.config, 'id_number', idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      monthlyIncomeFen: input.applicant.monthlyIncomeFen,
      employmentType: input.applicant.employmentType,
      cityCode: input.applicant.cityCode,
      consentText: mutation.lang === 'en' ? CREDIT_CHECK_CONSENT.en : CREDIT_CHECK_CONSENT.zh,
      consentVersion: input.consent.version,
      consentAt: mutation.at,
      state: 'submitted',
      reasons: [],
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'loan_application.submit',
      entityType: 'loan_application',
      entityId: row.id,
      before: null,
      after: {
        state: row.state,
        lenderCode: row.lenderCode,
        principalFen: row.principalFen,
        termMonths: terms.termMonths,
        consentVersion: row.consentVersion,
      },
    });
    await publish(
      tx,
      LoanApplicationEvents.loanSubmitted,
      row.id,
      {
        applicationId: row.id,
        buyerId,
        lenderCode: row.lenderCode,
        listingId: row.listingId,
        principalFen: row.principalFen,
      },
      mutation.at,
    );
    await enqueueJob(
      tx,
      { name: SUBMIT_JOB, payload: { applicationId: row.id }, uniqueKey: `${SUBMIT_JOB}:${row.id}` },
      mutation.at,
    );
    return detailOf(tx, row, mutation.lang);
  });
}

// ---- transitions ----

const NOTIFIED: Partial<Record<LoanApplicationAction, Parameters<typeof notify>[1]['templateKey']>> = {
  start_review: 'finance.loan_under_review',
  approve: 'finance.loan_approved',
  reject: 'finance.loan_rejected',
  disburse: 'finance.loan_disbursed',
};

/** Runs one transition (409 when the table forbids it) and tells the buyer, in-app and by SMS, when it is news. */
async function transition(
  ctx: AppContext,
  tx: Tx,
  id: string,
  action: LoanApplicationAction,
  mutation: Mutation,
  options: { notify: boolean; check?: (row: LoanApplicationRow) => void } = { notify: true },
): Promise<LoanApplicationRow> {
  const { after } = await applyTransition(tx, loanApplicationMachine, id, action, mutation, options.check);
  const templateKey = NOTIFIED[action];
  if (options.notify && templateKey) {
    const contact = await buyerContact(tx, ctx, after.buyerId);
    const lang: Lang = 'zh-CN';
    const lender = LENDER_NAMES[after.lenderCode].zh;
    await notify(tx, {
      recipient: { kind: 'buyer', id: after.buyerId, ...(contact ? { phone: contact.phone } : {}) },
      templateKey,
      params: {
        lender,
        amount: formatCny(after.principalFen),
        reasons: after.reasons.map((r) => r.zh).join('；') || '—',
      },
      channels: contact ? ['in_app', 'sms'] : ['in_app'],
      lang,
      link: `/account/loans/${after.id}`,
      at: mutation.at,
      dedupKey: `loan:${after.id}:${action}`,
    });
  }
  return after;
}

/** The buyer signs the loan contract of an approved application; the lender is told (job) and pays out. */
export async function signContract(
  ctx: AppContext,
  id: string,
  input: TSignLoanContractRequest,
  mutation: Mutation,
): Promise<TLoanApplicationDetail> {
  const buyerId = buyerIdOf(mutation);
  if (input.consent.version !== LOAN_CONTRACT_CONSENT.version) throw new AppError('LOAN_CONSENT_OUTDATED');
  return withTransaction(ctx.database.db, async (tx) => {
    const check = (row: LoanApplicationRow) => {
      if (row.buyerId !== buyerId) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
    };
    await transition(ctx, tx, id, 'sign_contract', mutation, { notify: false, check });
    const row = await repo.updateApplication(tx, id, { contractConsentVersion: input.consent.version });
    await enqueueJob(
      tx,
      { name: TELL_LENDER_JOB, payload: { applicationId: id, what: 'contract_signed' } },
      mutation.at,
    );
    return detailOf(tx, row, mutation.lang);
  });
}

/** The buyer withdraws an application before signing its contract; the lender is told (job). */
export async function withdrawApplication(
  ctx: AppContext,
  id: string,
  _input: TWithdrawLoanApplicationRequest,
  mutation: Mutation,
): Promise<TLoanApplicationDetail> {
  const buyerId = buyerIdOf(mutation);
  return withTransaction(ctx.database.db, async (tx) => {
    const check = (row: LoanApplicationRow) => {
      if (row.buyerId !== buyerId) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
    };
    const row = await transition(ctx, tx, id, 'withdraw', mutation, { notify: false, check });
    await enqueueJob(
      tx,
      { name: TELL_LENDER_JOB, payload: { applicationId: id, what: 'withdrawn' } },
      mutation.at,
    );
    return detailOf(tx, row, mutation.lang);
  });
}

// ---- lender reports (callbacks and queries) ----

export type ReportOutcome = 'applied' | 'stale' | 'ignored';

/** The transitions that bring an application from `state` to what the lender reports (none: nothing to do). */
function stepsTo(state: LoanApplicationRow['state'], status: TLenderReportStatus): LoanApplicationAction[] {
  const decision: LoanApplicationAction | null =
    status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : null;
  if (state === 'submitted') {
    if (status === 'under_review') return ['start_review'];
    // The under_review callback was lost or is late: the decision implies the review.
    if (decision) return ['start_review', decision];
  }
  if (state === 'under_review' && decision) return [decision];
  if (state === 'contract_signed' && status === 'disbursed') return ['disburse'];
  return [];
}

/**
 * Applies one lender report to the locked application. Only forward moves apply: a report whose sequence
 * is not above the last applied one is stale (an `under_review` arriving after `approved`), and one that
 * does not fit the state (a decision for a withdrawn application) is ignored; both are only recorded.
 */
async function applyReport(
  ctx: AppContext,
  tx: Tx,
  row: LoanApplicationRow,
  report: LenderReport,
  mutation: Mutation,
): Promise<ReportOutcome> {
  if (report.sequence <= row.lenderSequence) return 'stale';
  const steps = stepsTo(row.state, report.status);
  if (steps.length === 0) return 'ignored';
  await repo.updateApplication(tx, row.id, {
    lenderSequence: report.sequence,
    ...(row.lenderRef ? {} : { lenderRef: report.lenderRef }),
    ...(report.status === 'rejected' ? { reasons: report.reasons } : {}),
  });
  for (const [i, step] of steps.entries()) {
    // One message per report: the final state is the news.
    await transition(ctx, tx, row.id, step, mutation, { notify: i === steps.length - 1 });
  }
  return 'applied';
}

function truncate(body: string): string {
  return body.length > 65_536 ? body.slice(0, 65_536) : body;
}

/**
 * A lender's callback: verified (401 otherwise, recorded but never applied), deduplicated by (lender,
 * event id), then applied under the application's row lock. Answers `{ code: 'SUCCESS' }` for a callback
 * taken now or before, so the lender stops retrying; an application we do not know is a 404 (the lender
 * retries, and the retry is processed again in case we were slower than its callback).
 */
export async function receiveLenderCallback(
  ctx: AppContext,
  lenderCode: LenderCode,
  headers: SignatureHeaders,
  rawBody: string,
  mutation: Mutation,
): Promise<{ code: 'SUCCESS' }> {
  const lender = requireLender(ctx, lenderCode);
  const db = ctx.database.db;
  const at = mutation.at;
  const verified = lender.verifyCallback(headers, rawBody, at);
  const base = {
    lenderCode,
    rawBody: truncate(rawBody),
    receivedAt: at,
    lastReceivedAt: at,
  };
  if (!verified.ok) {
    const signed = verified.problem === 'malformed';
    await repo.insertCallbackRecord(db, {
      ...base,
      id: newId('lcb'),
      providerEventId: verified.eventId,
      signatureVerified: signed,
      outcome: verified.problem,
      applied: false,
    });
    if (verified.problem === 'expired') throw new AppError('LENDER_CALLBACK_EXPIRED');
    if (verified.problem === 'malformed') throw new AppError('LENDER_CALLBACK_MALFORMED');
    throw new AppError('LENDER_SIGNATURE_INVALID');
  }
  const report = verified.report;
  const known = await withTransaction(db, async (tx) => {
    const fields = {
      providerEventId: report.eventId,
      applicationId: report.applicationId,
      lenderRef: report.lenderRef,
      status: report.status,
      sequence: report.sequence,
      signatureVerified: true,
    };
    let callback = await repo.insertVerifiedCallback(tx, {
      ...base,
      ...fields,
      id: newId('lcb'),
      outcome: 'unknown_application',
    });
    if (!callback) {
      const first = await repo.lockVerifiedCallback(tx, lenderCode, report.eventId);
      if (!first) throw new Error('a callback conflicted on its event id but cannot be found');
      await repo.countRepeatDelivery(tx, first.id, at);
      // Taken before: answer success without applying again, unless we did not know the application then.
      if (first.outcome !== 'unknown_application') return true;
      callback = first;
    }
    const row = await repo.lockApplication(tx, report.applicationId);
    if (!row || row.lenderCode !== lenderCode) return false;
    const outcome = await applyReport(ctx, tx, row, report, mutation);
    await repo.updateCallback(tx, callback.id, { outcome, applied: outcome === 'applied' });
    return true;
  });
  if (!known) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  return { code: 'SUCCESS' };
}

/** Asks the lender where an application stands and applies the answer (a lost callback's repair). */
async function queryLender(ctx: AppContext, id: string, mutation: Mutation): Promise<ReportOutcome | null> {
  const db = ctx.database.db;
  const row = await repo.findApplication(db, id);
  if (!row?.lenderRef) return null;
  const lender = lenderFor(ctx, row.lenderCode);
  if (!lender) return null;
  const report = await lender.query(row.lenderRef, mutation.at);
  if (!report) return null;
  return withTransaction(db, async (tx) => {
    const locked = await repo.lockApplication(tx, id);
    if (!locked) return null;
    return applyReport(ctx, tx, locked, report, mutation);
  });
}

/** Staff: fetch the lender's status of one application now and apply it (audited as theirs). */
export async function syncFromLender(
  ctx: AppContext,
  id: string,
  mutation: Mutation,
): Promise<TStaffLoanApplicationDetail> {
  const row = await repo.findApplication(ctx.database.db, id);
  if (!row) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  requireLender(ctx, row.lenderCode);
  await queryLender(ctx, id, mutation);
  return getStaffApplication(ctx.database.db, id, mutation.lang);
}

// ---- jobs ----

function lenderApplicationOf(ctx: AppContext, row: LoanApplicationRow): LenderApplication {
  const employment = (EMPLOYMENT_TYPES as readonly string[]).includes(row.employmentType)
    ? (row.employmentType as LenderApplication['applicant']['employmentType'])
    : 'other';
  return {
    applicationId: row.id,
    applicant: {
      name: row.applicantName,
      idNumber: decryptPersonal(ctx.config, row.idNumberEnc),
      monthlyIncomeFen: row.monthlyIncomeFen,
      employmentType: employment,
      cityCode: row.cityCode,
    },
    vehicle: { kind: row.vehicleKind, newEnergy: row.newEnergy, listingId: row.listingId },
    terms: row.terms,
    productId: row.productId,
  };
}

/** Sends a stored application to its lender once and keeps the lender's reference (job). */
export async function submitToLender(ctx: AppContext, applicationId: string): Promise<void> {
  const db = ctx.database.db;
  const row = await repo.findApplication(db, applicationId);
  if (!row || row.lenderRef || row.state === 'withdrawn') return;
  const lender = lenderFor(ctx, row.lenderCode);
  if (!lender) throw new Error(`lender ${row.lenderCode} is not available here`);
  const now = ctx.clock.now();
  const { lenderRef } = await lender.submit(lenderApplicationOf(ctx, row), now);
  await withTransaction(db, async (tx) => {
    const updated = await repo.setLenderRefIfAbsent(tx, applicationId, lenderRef, now);
    if (!updated) return;
    await audit(tx, systemMutation(now), {
      action: 'loan_application.send_to_lender',
      entityType: 'loan_application',
      entityId: applicationId,
      before: null,
      after: { lenderRef },
    });
  });
}

/** Tells the lender what the buyer did (job): retried until the lender has it. */
export async function tellLender(
  ctx: AppContext,
  applicationId: string,
  what: 'contract_signed' | 'withdrawn',
): Promise<void> {
  const row = await repo.findApplication(ctx.database.db, applicationId);
  if (!row) return;
  const lender = lenderFor(ctx, row.lenderCode);
  if (!lender) throw new Error(`lender ${row.lenderCode} is not available here`);
  if (!row.lenderRef) {
    // Withdrawn before it reached the lender: the submission job will not send it.
    if (what === 'withdrawn') return;
    throw new Error('the application has no lender reference yet');
  }
  const now = ctx.clock.now();
  if (what === 'contract_signed') await lender.contractSigned(row.lenderRef, now);
  else await lender.withdraw(row.lenderRef, now);
}

/**
 * Finds applications waiting on their lender for longer than LENDER_QUIET_MS and asks the lender (a real
 * lender's callbacks can be lost); one never sent is sent again. Returns how many it looked at.
 */
export async function reconcileWithLenders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await repo.listWaitingOnLender(
    ctx.database.db,
    ['submitted', 'under_review', 'contract_signed'],
    new Date(now.getTime() - LENDER_QUIET_MS),
    50,
  );
  for (const row of rows) {
    if (!row.lenderRef) await submitToLender(ctx, row.id);
    else await queryLender(ctx, row.id, systemMutation(now));
    // PGlite serialises queries: let requests in between applications.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return rows.length;
}
