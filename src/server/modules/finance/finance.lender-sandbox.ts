import { createHash } from 'node:crypto';
import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { randomToken } from '../../kernel/crypto.js';
import { newId } from '../../kernel/ids.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { job } from '../../kernel/module.js';
import { ageOn, idNumberBirthDate, type TLenderReportStatus } from './finance.applications.contract.js';
import * as repo from './finance.applications.repository.js';
import type { SandboxLenderCaseRow, StoredReason } from './finance.applications.schema.js';
import type { LenderCode } from './finance.enums.js';
import {
  type LenderAdapter,
  type LenderApplication,
  type LenderReport,
  REASON_TEXTS,
  verifyProtocolCallback,
} from './finance.lender.js';
import { signedHeaders } from './finance.lender-signature.js';

/**
 * The sandbox lender: a stand-in for every partner lender in development and tests (and in production only
 * when LENDER_SANDBOX=1 says so on purpose). It decides by published rules and answers the way a real
 * lender does: asynchronously, through the job queue, with signed callbacks to our endpoint, `under_review`
 * first, then `approved`/`rejected` with reasons, and `disbursed` after the buyer signs the contract. Some
 * callbacks come twice, some out of order and some never (our status query then finds the truth), each
 * drawn from a seeded random per application so a test knows what will happen.
 */

/** Minimum down payment, percent of the price, by vehicle (the sandbox lender's policy). */
export const SANDBOX_MIN_DOWN_PAYMENT_PERCENT = { new: 20, newEnergy: 15, used: 30 } as const;
/** The monthly payment may be at most this share of the monthly income (percent). */
export const SANDBOX_MAX_PAYMENT_TO_INCOME_PERCENT = 50;
export const SANDBOX_AGE_RANGE = { min: 18, max: 65 } as const;

/** The sandbox lender's decision on an application on a day (YYYY-MM-DD): no reasons means approved. */
export function sandboxDecision(application: LenderApplication, day: string): StoredReason[] {
  const codes: string[] = [];
  const { applicant, terms, vehicle } = application;
  if (applicant.monthlyIncomeFen <= 0) codes.push('INCOME_MISSING');
  else if (terms.maxPaymentFen * 100 > applicant.monthlyIncomeFen * SANDBOX_MAX_PAYMENT_TO_INCOME_PERCENT) {
    codes.push('PAYMENT_TO_INCOME');
  }
  const minPercent =
    vehicle.kind === 'used'
      ? SANDBOX_MIN_DOWN_PAYMENT_PERCENT.used
      : vehicle.newEnergy
        ? SANDBOX_MIN_DOWN_PAYMENT_PERCENT.newEnergy
        : SANDBOX_MIN_DOWN_PAYMENT_PERCENT.new;
  if (terms.downPaymentFen * 100 < terms.priceFen * minPercent) codes.push('DOWN_PAYMENT_TOO_LOW');
  const birth = idNumberBirthDate(applicant.idNumber);
  const age = birth ? ageOn(birth, day) : -1;
  if (age < SANDBOX_AGE_RANGE.min || age > SANDBOX_AGE_RANGE.max) codes.push('AGE_OUT_OF_RANGE');
  return codes.map((code) => ({ code, ...(REASON_TEXTS[code] ?? { zh: code, en: code }) }));
}

/** How the sandbox delivers a callback: POST to our endpoint (tests pass one that calls `app.inject`). */
export type CallbackTransport = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number; body: string }>;

export interface SandboxBehaviour {
  transport: CallbackTransport;
  /** Seeds the per-application random draws below. */
  seed: string;
  /** Share (0..1) of callbacks delivered a second time. */
  duplicateRate: number;
  /** Share of `under_review` callbacks delivered after the decision. */
  outOfOrderRate: number;
  /** Share of callbacks never delivered (found later by the status query). */
  lossRate: number;
  reviewDelayMs: number;
  decisionDelayMs: number;
  disburseDelayMs: number;
}

const fetchTransport: CallbackTransport = async ({ url, headers, body }) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
};

const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  transport: fetchTransport,
  seed: 'autoyard-sandbox-lender',
  duplicateRate: 0.2,
  outOfOrderRate: 0.2,
  lossRate: 0.05,
  reviewDelayMs: 5_000,
  decisionDelayMs: 30_000,
  disburseDelayMs: 60_000,
};

const behaviours = new WeakMap<AppContext, SandboxBehaviour>();

/** Changes how the sandbox behaves for one app context (tests: transport, rates, delays). */
export function configureSandboxLender(ctx: AppContext, change: Partial<SandboxBehaviour>): void {
  behaviours.set(ctx, { ...sandboxBehaviour(ctx), ...change });
}

function sandboxBehaviour(ctx: AppContext): SandboxBehaviour {
  return behaviours.get(ctx) ?? DEFAULT_BEHAVIOUR;
}

/** A deterministic random in [0, 1) stream from a seed string (mulberry32 over a SHA-256 seed). */
export function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const SANDBOX_DELIVER_JOB = 'finance.sandbox_lender_deliver';

interface DeliveryPayload extends Record<string, unknown> {
  lenderCode: LenderCode;
  body: string;
}

function callbackBody(
  c: SandboxLenderCaseRow,
  status: TLenderReportStatus,
  sequence: number,
  at: Date,
): string {
  return JSON.stringify({
    eventId: `${c.lenderRef}-${sequence}`,
    applicationId: c.applicationId,
    lenderRef: c.lenderRef,
    status,
    sequence,
    reasons: status === 'rejected' ? c.reasons.map((r) => ({ code: r.code, message: r.zh })) : [],
    occurredAt: at.toISOString(),
  });
}

/**
 * Queues the callback of one status change: lost, late (out of order) or twice as the seeded draws say.
 * `lateBy` pushes an out-of-order delivery after the next status's own delivery.
 */
async function scheduleCallback(
  ctx: AppContext,
  c: SandboxLenderCaseRow,
  status: TLenderReportStatus,
  sequence: number,
  effectiveAt: Date,
  lateBy: number,
  now: Date,
): Promise<void> {
  const b = sandboxBehaviour(ctx);
  const random = seededRandom(`${b.seed}:${c.lenderRef}:${sequence}`);
  const lost = random() < b.lossRate;
  const outOfOrder = random() < b.outOfOrderRate;
  const duplicate = random() < b.duplicateRate;
  if (lost) return;
  const body = callbackBody(c, status, sequence, effectiveAt);
  const deliverAt = new Date(effectiveAt.getTime() + (outOfOrder ? lateBy : 0));
  const payload: DeliveryPayload = { lenderCode: c.lenderCode, body };
  const db = ctx.database.db;
  await enqueueJob(
    db,
    {
      name: SANDBOX_DELIVER_JOB,
      payload,
      runAt: deliverAt,
      uniqueKey: `sandbox-lender:${c.lenderRef}:${sequence}:1`,
    },
    now,
  );
  if (duplicate) {
    await enqueueJob(
      db,
      {
        name: SANDBOX_DELIVER_JOB,
        payload,
        runAt: new Date(deliverAt.getTime() + 20_000),
        uniqueKey: `sandbox-lender:${c.lenderRef}:${sequence}:2`,
      },
      now,
    );
  }
}

/** Where a lender posts its callbacks for us. */
export function callbackUrl(ctx: AppContext, code: LenderCode): string {
  return `${ctx.config.lenders.callbackBaseUrl.replace(/\/$/, '')}/api/v1/finance/lenders/${code}/callbacks`;
}

/** The sandbox standing in for lender `code`. */
export function createSandboxLender(ctx: AppContext, code: LenderCode): LenderAdapter {
  const db = () => ctx.database.db;
  return {
    code,
    sandbox: true,
    async submit(application, at) {
      const b = sandboxBehaviour(ctx);
      const reasons = sandboxDecision(application, shanghaiDay(at));
      const lenderRef = `SBX-${code.toUpperCase()}-${newId('x').slice(-12).toUpperCase()}`;
      const { row, opened } = await repo.openSandboxCase(db(), {
        lenderRef,
        lenderCode: code,
        applicationId: application.applicationId,
        decision: reasons.length === 0 ? 'approved' : 'rejected',
        reasons,
        reviewAt: new Date(at.getTime() + b.reviewDelayMs),
        decidedAt: new Date(at.getTime() + b.decisionDelayMs),
        contractSignedAt: null,
        disburseAt: null,
        withdrawnAt: null,
        createdAt: at,
      });
      if (opened) {
        const lateBy = row.decidedAt.getTime() - row.reviewAt.getTime() + 5_000;
        await scheduleCallback(ctx, row, 'under_review', 1, row.reviewAt, lateBy, at);
        await scheduleCallback(ctx, row, row.decision, 2, row.decidedAt, 0, at);
      }
      return { lenderRef: row.lenderRef };
    },
    async query(lenderRef, at): Promise<LenderReport | null> {
      const c = await repo.findSandboxCase(db(), lenderRef);
      if (!c || c.lenderCode !== code) return null;
      const report = (status: TLenderReportStatus, sequence: number): LenderReport => ({
        eventId: `${c.lenderRef}-${sequence}`,
        applicationId: c.applicationId,
        lenderRef: c.lenderRef,
        status,
        sequence,
        reasons: status === 'rejected' ? c.reasons : [],
        occurredAt: at.toISOString(),
      });
      if (c.disburseAt && at >= c.disburseAt) return report('disbursed', 3);
      if (at >= c.decidedAt) return report(c.decision, 2);
      if (at >= c.reviewAt) return report('under_review', 1);
      return null;
    },
    async contractSigned(lenderRef, at) {
      const c = await repo.findSandboxCase(db(), lenderRef);
      if (c?.decision !== 'approved' || c.contractSignedAt || c.withdrawnAt) return;
      const disburseAt = new Date(at.getTime() + sandboxBehaviour(ctx).disburseDelayMs);
      const updated = await repo.updateSandboxCase(db(), lenderRef, { contractSignedAt: at, disburseAt });
      if (updated) await scheduleCallback(ctx, updated, 'disbursed', 3, disburseAt, 0, at);
    },
    async withdraw(lenderRef, at) {
      // Callbacks already on their way still arrive, as a real lender's would; our side ignores them.
      await repo.updateSandboxCase(db(), lenderRef, { withdrawnAt: at });
    },
    verifyCallback(headers, rawBody, now) {
      return verifyProtocolCallback(ctx.config.lenders.callbackSecrets[code], headers, rawBody, now);
    },
  };
}

/** Delivers one queued sandbox callback, signed now; a refusal throws so the queue retries it. */
export const sandboxLenderJobs = [
  job<DeliveryPayload>(
    SANDBOX_DELIVER_JOB,
    async ({ ctx, payload }) => {
      if (!ctx.config.lenders.sandbox) return;
      const secret = ctx.config.lenders.callbackSecrets[payload.lenderCode];
      if (!secret) throw new Error(`no callback secret for lender ${payload.lenderCode}`);
      const headers = signedHeaders(secret, payload.body, ctx.clock.now(), randomToken(12));
      const res = await sandboxBehaviour(ctx).transport({
        url: callbackUrl(ctx, payload.lenderCode),
        headers: { ...headers, 'content-type': 'application/json' },
        body: payload.body,
      });
      let code: unknown = null;
      try {
        code = (JSON.parse(res.body) as { code?: unknown }).code;
      } catch {
        // not JSON: treated as a refusal below
      }
      if (res.status !== 200 || code !== 'SUCCESS') {
        throw new Error(`callback refused: ${res.status} ${res.body.slice(0, 200)}`);
      }
    },
    { maxAttempts: 6, backoff: { baseMs: 5_000, maxMs: 10 * 60_000 } },
  ),
];
