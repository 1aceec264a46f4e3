import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { notifications } from '../../kernel/notify/notify.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import {
  CREDIT_CHECK_CONSENT,
  LOAN_CONTRACT_CONSENT,
  ZCreateLoanApplicationRequest,
} from './finance.applications.contract.js';
import { lenderCallbacks, loanApplications } from './finance.applications.schema.js';
import { createApplication } from './finance.applications.service.js';
import { configureSandboxLender } from './finance.lender-sandbox.js';
import { signedHeaders } from './finance.lender-signature.js';
import { seedFinanceProducts } from './finance.seed.js';

let t: TestApp;
let buyer: Awaited<ReturnType<typeof createTestBuyer>>;
let otherBuyer: Awaited<ReturnType<typeof createTestBuyer>>;
let financeStaff: TestStaff;
let operator: TestStaff;
let customerService: TestStaff;

const ID_NUMBER = '440305199003071236'; // born 1990-03-07, Shenzhen Nanshan
const SECRET = 'dev-lender-callback-secret-cmb';

/** CNY 200,000 new car, 40,000 down, 160,000 over 36 months at 4%: 4,723.84 a month. */
function application(change: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) {
  return {
    lenderCode: 'cmb',
    vehicleKind: 'new',
    newEnergy: false,
    priceFen: 20_000_000,
    downPaymentFen: 4_000_000,
    termMonths: 36,
    method: 'equal_instalment',
    annualRateBp: 400,
    applicant: {
      name: '王建国',
      idNumber: ID_NUMBER,
      monthlyIncomeFen: 1_500_000,
      employmentType: 'salaried',
      cityCode: '440300',
      ...applicant,
    },
    consent: { version: CREDIT_CHECK_CONSENT.version, accepted: true },
    ...change,
  };
}

let keySeq = 0;
async function apply(
  change: Record<string, unknown> = {},
  applicant: Record<string, unknown> = {},
  who = buyer,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/finance/loan-applications',
    headers: { ...who.bearer, 'idempotency-key': `apply-${++keySeq}` },
    payload: application(change, applicant),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; state: string };
}

/** Runs the job queue until nothing more is due now. */
async function drain() {
  for (let i = 0; i < 20; i++) {
    const r = await t.ctx.jobs.runDueOnce();
    if (r.ran === 0 && r.dispatched === 0 && r.scheduled === 0) return;
  }
}

/** Moves the clock forward and runs what became due. */
async function later(ms: number) {
  t.clock.advance(ms);
  await drain();
}

async function stored(id: string) {
  const [row] = await t.database.db.select().from(loanApplications).where(eq(loanApplications.id, id));
  if (!row) throw new Error(`no application ${id}`);
  return row;
}

async function auditActions(id: string) {
  const rows = await t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'loan_application'), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.occurredAt), asc(auditLog.id));
  return rows.map((r) => r.action);
}

async function eventTypes(id: string) {
  const rows = await t.database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, id))
    .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id));
  return rows.map((r) => r.type);
}

async function callbacksOf(id: string) {
  return t.database.db
    .select()
    .from(lenderCallbacks)
    .where(eq(lenderCallbacks.applicationId, id))
    .orderBy(asc(lenderCallbacks.receivedAt), asc(lenderCallbacks.sequence));
}

function postCallback(body: string, headers: Record<string, string>, lender = 'cmb') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/finance/lenders/${lender}/callbacks`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: body,
  });
}

function callbackBody(id: string, lenderRef: string, status: string, sequence: number, eventId?: string) {
  return JSON.stringify({
    eventId: eventId ?? `${lenderRef}-${sequence}`,
    applicationId: id,
    lenderRef,
    status,
    sequence,
    reasons: [],
    occurredAt: t.clock.now().toISOString(),
  });
}

const quiet = { duplicateRate: 0, outOfOrderRate: 0, lossRate: 0 };

beforeAll(async () => {
  t = await createTestApp();
  buyer = await createTestBuyer(t.ctx, '13812345678');
  otherBuyer = await createTestBuyer(t.ctx, '13987654321');
  configureSandboxLender(t.ctx, {
    ...quiet,
    transport: async ({ url, headers, body }) => {
      const res = await t.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
      return { status: res.statusCode, body: res.body };
    },
  });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  configureSandboxLender(t.ctx, quiet);
  await drain();
});

describe('applying for a loan', () => {
  it("takes a finance product's own rate, method and fees for the term, and refuses another lender's name", async () => {
    await seedFinanceProducts(t.database.db);
    const product = {
      productId: 'fp_demo_pingan_flat',
      lenderCode: 'pingan_bank',
      downPaymentFen: 6_000_000,
    };
    const { id } = await apply({ ...product, annualRateBp: 100 });
    const row = await stored(id);
    expect(row?.terms).toMatchObject({
      flatRateBp: 299,
      annualRateBp: null,
      feesFen: 80_000,
      termMonths: 36,
    });
    // 2.99% flat over 3 years with CNY 800 fees is not a 2.99% loan
    expect(row?.terms.aprBp).toBeGreaterThan(550);

    const wrongLender = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: { ...buyer.bearer, 'idempotency-key': `apply-${++keySeq}` },
      payload: application({ ...product, lenderCode: 'cmb' }),
    });
    expect(wrongLender.statusCode).toBe(400);
    const tooLittleDown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: { ...buyer.bearer, 'idempotency-key': `apply-${++keySeq}` },
      payload: application({ ...product, downPaymentFen: 2_000_000 }),
    });
    expect(tooLittleDown.statusCode).toBe(400);
    expect(tooLittleDown.json().error.code).toBe('FINANCE_DOWN_PAYMENT_BELOW_MINIMUM');
  });

  it('stores the application with the ID number encrypted, hashed and masked, the consent and the terms', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: { ...buyer.bearer, 'idempotency-key': 'first-application' },
      payload: application(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(ID_NUMBER);
    const body = res.json();
    expect(body).toMatchObject({
      state: 'submitted',
      lenderCode: 'cmb',
      applicant: { name: '王建国', idNumberMasked: '440305********1236' },
      terms: { principalFen: 16_000_000, monthlyPaymentFen: 472_384, aprBp: 400 },
      buyerActions: ['withdraw'],
      timeline: [{ action: 'submit', from: null, to: 'submitted', by: 'buyer' }],
    });
    const row = await stored(body.id);
    expect(row.idNumberEnc).not.toContain(ID_NUMBER);
    expect(decryptPersonal(t.ctx.config, row.idNumberEnc)).toBe(ID_NUMBER);
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({
      buyerId: buyer.id,
      consentVersion: CREDIT_CHECK_CONSENT.version,
      consentText: CREDIT_CHECK_CONSENT.zh,
      consentAt: t.clock.now(),
    });
    expect(await auditActions(body.id)).toEqual(['loan_application.submit']);
    expect(await eventTypes(body.id)).toEqual(['finance.loan_submitted']);
  });

  it('makes one application for two requests with the same Idempotency-Key', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/finance/loan-applications',
        headers: { ...buyer.bearer, 'idempotency-key': 'double-tap' },
        payload: application({ lenderCode: 'pingan_bank' }),
      });
    const count = async () =>
      (
        await t.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(loanApplications)
          .where(eq(loanApplications.lenderCode, 'pingan_bank'))
      )[0]?.n ?? 0;
    const before = await count();
    const first = await send();
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await count()).toBe(before + 1);
  });

  it.each([
    [{}, { idNumber: '440305199003071234' }, 'body.applicant.idNumber'],
    [{ termMonths: 48, vehicleKind: 'used' }, {}, 'body.termMonths'],
    [{ downPaymentFen: 20_000_000 }, {}, 'body.downPaymentFen'],
    [{ flatRateBp: 300 }, {}, 'body.annualRateBp'],
    [{ consent: { version: CREDIT_CHECK_CONSENT.version, accepted: false } }, {}, 'body.consent.accepted'],
  ])('refuses %j %j with a field error on %s', async (change, applicant, path) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: buyer.bearer,
      payload: application(change, applicant),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it('refuses an outdated consent version', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: { ...buyer.bearer, 'accept-language': 'en' },
      payload: application({ consent: { version: 'credit-check-2025-01', accepted: true } }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('LOAN_CONSENT_OUTDATED');
  });

  it('refuses an unknown listing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/finance/loan-applications',
      headers: buyer.bearer,
      payload: application({ listingId: 'lst_nope' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('LOAN_LISTING_NOT_FOUND');
  });

  it('refuses a lender without an adapter (production without the sandbox)', async () => {
    const production = {
      ...t.ctx,
      config: { ...t.ctx.config, lenders: { ...t.ctx.config.lenders, sandbox: false } },
    };
    const error = await createApplication(
      production,
      ZCreateLoanApplicationRequest.parse(application({ lenderCode: 'saic_gmac' })),
      {
        actor: { kind: 'buyer', buyerId: buyer.id, sessionId: 'ses_test', phone: buyer.phone },
        at: t.clock.now(),
        requestId: null,
        ip: null,
        lang: 'en',
      },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LENDER_NOT_AVAILABLE' });
  });

  it('answers anonymous callers with 401 and keeps buyers out of each other’s applications', async () => {
    const mine = await apply();
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/finance/loan-applications' });
    expect(anon.statusCode).toBe(401);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/finance/loan-applications/${mine.id}`,
      headers: otherBuyer.bearer,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('LOAN_APPLICATION_NOT_FOUND');
    const withdraw = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/loan-applications/${mine.id}/withdraw`,
      headers: otherBuyer.bearer,
      payload: {},
    });
    expect(withdraw.statusCode).toBe(404);
    expect((await stored(mine.id)).state).toBe('submitted');
  });
});

describe('the sandbox lender answers asynchronously with signed callbacks', () => {
  it('takes an approved loan through review, approval, contract signing and disbursement', async () => {
    const { id } = await apply();
    await drain(); // the submission job
    const sent = await stored(id);
    expect(sent.lenderRef).toMatch(/^SBX-CMB-/);
    expect(sent.state).toBe('submitted');

    await later(6_000);
    expect((await stored(id)).state).toBe('under_review');
    await later(25_000);
    const approved = await stored(id);
    expect(approved).toMatchObject({ state: 'approved', decidedAt: t.clock.now(), lenderSequence: 2 });

    const inApp = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, buyer.id), eq(notifications.link, `/account/loans/${id}`)))
      .orderBy(asc(notifications.createdAt));
    expect(inApp.map((n) => n.templateKey)).toEqual(['finance.loan_under_review', 'finance.loan_approved']);
    const sms = await t.app.inject({ method: 'GET', url: `/api/v1/dev/sms-inbox?phone=${buyer.phone}` });
    expect(JSON.stringify(sms.json())).toContain('招商银行 已批准您的贷款申请');

    const sign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/loan-applications/${id}/sign-contract`,
      headers: buyer.bearer,
      payload: { consent: { version: LOAN_CONTRACT_CONSENT.version, accepted: true } },
    });
    expect(sign.statusCode).toBe(200);
    expect(sign.json()).toMatchObject({ state: 'contract_signed', buyerActions: [] });
    expect((await stored(id)).contractConsentVersion).toBe(LOAN_CONTRACT_CONSENT.version);
    await drain(); // tells the lender
    await later(61_000);
    expect((await stored(id)).state).toBe('disbursed');

    expect(await auditActions(id)).toEqual([
      'loan_application.submit',
      'loan_application.send_to_lender',
      'loan_application.start_review',
      'loan_application.approve',
      'loan_application.sign_contract',
      'loan_application.disburse',
    ]);
    expect(await eventTypes(id)).toEqual([
      'finance.loan_submitted',
      'finance.loan_under_review',
      'finance.loan_approved',
      'finance.loan_contract_signed',
      'finance.loan_disbursed',
    ]);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/finance/loan-applications/${id}`,
      headers: buyer.bearer,
    });
    expect(detail.json().timeline.map((e: { to: string | null }) => e.to)).toEqual([
      'submitted',
      null,
      'under_review',
      'approved',
      'contract_signed',
      'disbursed',
    ]);
    expect((await callbacksOf(id)).map((c) => [c.status, c.outcome])).toEqual([
      ['under_review', 'applied'],
      ['approved', 'applied'],
      ['disbursed', 'applied'],
    ]);
  });

  it('rejects with reasons the buyer reads in their language', async () => {
    const { id } = await apply({}, { monthlyIncomeFen: 800_000 });
    await drain();
    await later(6_000);
    await later(25_000);
    const row = await stored(id);
    expect(row.state).toBe('rejected');
    expect(row.reasons.map((r) => r.code)).toEqual(['PAYMENT_TO_INCOME']);
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/finance/loan-applications/${id}`,
      headers: { ...buyer.bearer, 'accept-language': 'en' },
    });
    expect(en.json().reasons).toEqual([
      { code: 'PAYMENT_TO_INCOME', message: 'The monthly payment is more than 50% of the monthly income' },
    ]);
    const zh = await t.app.inject({
      method: 'GET',
      url: `/api/v1/finance/loan-applications/${id}`,
      headers: buyer.bearer,
    });
    expect(zh.json().reasons[0].message).toBe('月供超过月收入的 50%');
    expect(await eventTypes(id)).toContain('finance.loan_rejected');
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'loan_application.reject')));
    expect(audit[0]?.after).toEqual({ state: 'rejected', reasons: ['PAYMENT_TO_INCOME'] });
  });

  it('applies a callback delivered twice once, and counts the second delivery', async () => {
    configureSandboxLender(t.ctx, { duplicateRate: 1 });
    const { id } = await apply();
    await drain();
    await later(6_000);
    await later(25_000);
    await later(21_000);
    expect((await stored(id)).state).toBe('approved');
    expect((await callbacksOf(id)).map((c) => [c.status, c.outcome, c.deliveries])).toEqual([
      ['under_review', 'applied', 2],
      ['approved', 'applied', 2],
    ]);
    expect((await auditActions(id)).filter((a) => a === 'loan_application.approve')).toHaveLength(1);
    expect((await eventTypes(id)).filter((e) => e === 'finance.loan_approved')).toHaveLength(1);
  });

  it('converges when under_review arrives after approved: the late one is recorded as stale', async () => {
    configureSandboxLender(t.ctx, { outOfOrderRate: 1 });
    const { id } = await apply();
    await drain();
    await later(6_000);
    expect((await stored(id)).state).toBe('submitted'); // the review callback is late
    await later(25_000);
    expect((await stored(id)).state).toBe('approved'); // the decision implies the review
    await later(6_000);
    expect((await stored(id)).state).toBe('approved');
    expect((await callbacksOf(id)).map((c) => [c.status, c.outcome])).toEqual([
      ['approved', 'applied'],
      ['under_review', 'stale'],
    ]);
    expect(await auditActions(id)).toEqual([
      'loan_application.submit',
      'loan_application.send_to_lender',
      'loan_application.start_review',
      'loan_application.approve',
    ]);
  });

  it('finds the status of an application whose callbacks were lost by querying the lender', async () => {
    configureSandboxLender(t.ctx, { lossRate: 1 });
    const { id } = await apply();
    await drain();
    await later(31_000);
    expect((await stored(id)).state).toBe('submitted');
    await later(16 * 60_000);
    await later(10 * 60_000);
    expect((await stored(id)).state).toBe('approved');
    expect(await callbacksOf(id)).toEqual([]);
  });

  it('lets the buyer withdraw before the decision, and ignores the lender’s later callbacks', async () => {
    const { id } = await apply();
    await drain();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/loan-applications/${id}/withdraw`,
      headers: buyer.bearer,
      payload: { reason: '已全款购车' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'withdrawn', buyerActions: [] });
    await drain();
    await later(31_000);
    expect((await stored(id)).state).toBe('withdrawn');
    expect((await callbacksOf(id)).map((c) => c.outcome)).toEqual(['ignored', 'ignored']);
    const sign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/loan-applications/${id}/sign-contract`,
      headers: buyer.bearer,
      payload: { consent: { version: LOAN_CONTRACT_CONSENT.version, accepted: true } },
    });
    expect(sign.statusCode).toBe(409);
    expect(sign.json().error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { machine: 'loan_application', from: 'withdrawn', action: 'sign_contract' },
    });
    expect(await eventTypes(id)).toEqual(['finance.loan_submitted', 'finance.loan_withdrawn']);
  });
});

describe('POST /api/v1/finance/lenders/:lender/callbacks', () => {
  it('refuses a bad signature with 401, records it unverified and applies nothing; the real one still applies', async () => {
    const { id } = await apply();
    await drain();
    const lenderRef = (await stored(id)).lenderRef ?? '';
    const body = callbackBody(id, lenderRef, 'approved', 2);
    const forged = await postCallback(body, signedHeaders('guessed-secret', body, t.clock.now(), 'n1'));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('LENDER_SIGNATURE_INVALID');
    expect((await stored(id)).state).toBe('submitted');
    expect((await callbacksOf(id)).length).toBe(0); // unverified: not linked to the application
    const [record] = await t.database.db
      .select()
      .from(lenderCallbacks)
      .where(
        and(
          eq(lenderCallbacks.providerEventId, `${lenderRef}-2`),
          eq(lenderCallbacks.signatureVerified, false),
        ),
      );
    expect(record).toMatchObject({ outcome: 'bad_signature', applied: false, rawBody: body });

    const real = await postCallback(body, signedHeaders(SECRET, body, t.clock.now(), 'n2'));
    expect(real.statusCode).toBe(200);
    expect(real.json()).toEqual({ code: 'SUCCESS' });
    expect((await stored(id)).state).toBe('approved');
  });

  it('refuses a callback signed more than 5 minutes ago', async () => {
    const { id } = await apply();
    await drain();
    const lenderRef = (await stored(id)).lenderRef ?? '';
    const body = callbackBody(id, lenderRef, 'under_review', 1);
    const old = new Date(t.clock.now().getTime() - 6 * 60_000);
    const res = await postCallback(body, signedHeaders(SECRET, body, old, 'n3'));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('LENDER_CALLBACK_EXPIRED');
    expect((await stored(id)).state).toBe('submitted');
  });

  it('answers 404 for an application we do not know, again on the lender’s retry, and records both', async () => {
    const body = callbackBody('loan_unknown', 'SBX-CMB-UNKNOWN', 'under_review', 1);
    const res = await postCallback(body, signedHeaders(SECRET, body, t.clock.now(), 'n4'));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('LOAN_APPLICATION_NOT_FOUND');
    const retry = await postCallback(body, signedHeaders(SECRET, body, t.clock.now(), 'n4b'));
    expect(retry.statusCode).toBe(404);
    const [record] = await t.database.db
      .select()
      .from(lenderCallbacks)
      .where(eq(lenderCallbacks.applicationId, 'loan_unknown'));
    expect(record).toMatchObject({
      outcome: 'unknown_application',
      applied: false,
      signatureVerified: true,
      deliveries: 2,
    });
  });

  it('refuses a correctly signed body without the protocol fields with 400', async () => {
    const body = JSON.stringify({ eventId: 'x-1', hello: 'world' });
    const res = await postCallback(body, signedHeaders(SECRET, body, t.clock.now(), 'n5'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LENDER_CALLBACK_MALFORMED');
  });

  it('refuses a callback signed with another lender’s secret', async () => {
    const { id } = await apply();
    await drain();
    const lenderRef = (await stored(id)).lenderRef ?? '';
    const body = callbackBody(id, lenderRef, 'under_review', 1);
    const res = await postCallback(body, signedHeaders(SECRET, body, t.clock.now(), 'n6'), 'pingan_bank');
    expect(res.statusCode).toBe(401);
  });
});

describe('the console loan applications queue', () => {
  // Fresh sessions: the clock has moved hours by now and staff sessions time out when idle.
  beforeAll(async () => {
    financeStaff = await createTestStaff(t.ctx, { roles: ['finance'] });
    operator = await createTestStaff(t.ctx, { roles: ['operator'] });
    customerService = await createTestStaff(t.ctx, { roles: ['customer_service'] });
  });

  it('lists applications with filters for finance staff and operators, and refuses other staff', async () => {
    const { id } = await apply({ lenderCode: 'byd_auto_finance', newEnergy: true }, { cityCode: '310100' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/staff/loan-applications?lenderCode=byd_auto_finance&cityCode=310100&state=submitted',
      headers: operator.bearer,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(list.body).not.toContain(ID_NUMBER);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/staff/loan-applications?state=disbursed&lenderCode=byd_auto_finance',
      headers: operator.bearer,
    });
    expect(none.json().items).toEqual([]);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/staff/loan-applications',
      headers: customerService.bearer,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('filters by submission day (Asia/Shanghai)', async () => {
    const { id } = await apply({ lenderCode: 'saic_gmac' });
    const today = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const hit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/finance/staff/loan-applications?lenderCode=saic_gmac&from=${today}&to=${today}`,
      headers: financeStaff.bearer,
    });
    expect(hit.json().items.map((a: { id: string }) => a.id)).toContain(id);
    const miss = await t.app.inject({
      method: 'GET',
      url: '/api/v1/finance/staff/loan-applications?lenderCode=saic_gmac&to=2026-01-01',
      headers: financeStaff.bearer,
    });
    expect(miss.json().items).toEqual([]);
  });

  it('shows the detail with the masked ID, the timeline and the callbacks, and syncs from the lender', async () => {
    configureSandboxLender(t.ctx, { lossRate: 1 });
    const { id } = await apply();
    await drain();
    t.clock.advance(31_000);
    const sync = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/staff/loan-applications/${id}/sync`,
      headers: financeStaff.bearer,
    });
    expect(sync.statusCode).toBe(200);
    expect(sync.json()).toMatchObject({
      state: 'approved',
      buyerId: buyer.id,
      applicant: { idNumberMasked: '440305********1236' },
      callbacks: [],
    });
    expect(sync.body).not.toContain(ID_NUMBER);
    const approve = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'loan_application.approve')));
    expect(approve[0]).toMatchObject({ actorKind: 'staff', actorId: financeStaff.accountId });
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/finance/staff/loan-applications/${id}/sync`,
      headers: operator.bearer,
    });
    expect(denied.statusCode).toBe(403);
  });
});
