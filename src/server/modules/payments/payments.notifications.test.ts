import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import type { OnlineProvider } from './payments.enums.js';
import { createPaymentIntent, getPaymentIntent } from './payments.intents.js';
import { assertLedgerBalanced, orderMoney } from './payments.ledger.js';
import * as repo from './payments.repository.js';
import { openSandboxTrade, sandboxNotification } from './payments.sandbox.js';
import { ledgerEntries, paymentNotifications } from './payments.schema.js';
import { runDueJobs, setSandboxKnobs, useSandboxGatewaysInProcess } from './payments.testing.js';

let t: TestApp;
let buyer: { id: string; bearer: { authorization: string } };
let other: { id: string; bearer: { authorization: string } };
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  useSandboxGatewaysInProcess(t);
  buyer = await createTestBuyer(t.ctx, '13812345678');
  other = await createTestBuyer(t.ctx, '13987654321');
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await assertLedgerBalanced(t.database.db);
  useSandboxGatewaysInProcess(t);
});

const now = () => t.clock.now();

async function openIntent(
  provider: OnlineProvider,
  amountFen = 500_000,
  channel: 'desktop' | 'mobile' = 'desktop',
) {
  seq += 1;
  return createPaymentIntent(
    t.database.db,
    {
      orderId: `ord_test_${seq}`,
      orderNumber: `AY20261121-${String(seq).padStart(6, '0')}`,
      purpose: 'deposit',
      amountFen,
      provider,
      payerUserId: buyer.id,
      subject: '比亚迪 汉 EV 创世版 定金',
      channel,
    },
    systemMutation(now()),
  );
}

async function press(intentId: string, action: 'succeed' | 'fail' | 'close') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/sandbox/${intentId}/${action}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  expect(res.statusCode).toBe(303);
}

async function notificationsOf(intentId: string) {
  return t.database.db.select().from(paymentNotifications).where(eq(paymentNotifications.intentId, intentId));
}

async function eventsOf(intentId: string) {
  return (
    await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, intentId))
      .orderBy(outboxEvents.id)
  ).map((e) => e.type);
}

describe('payment intents', () => {
  it('opens a pending intent with a sandbox pay link and a desktop QR payload, audited and announced', async () => {
    const intent = await openIntent('alipay');
    expect(intent).toMatchObject({
      status: 'pending',
      currency: 'CNY',
      amountFen: 500_000,
      sandbox: true,
      succeededAt: null,
    });
    expect(intent.id).toMatch(/^pay_/);
    expect(intent.payUrl).toBe(`http://127.0.0.1:3000/sandbox/pay/${intent.id}`);
    expect(intent.qrCodeText).toBe(`${intent.payUrl}?scan=1`);
    expect(await eventsOf(intent.id)).toEqual(['payments.intent_created']);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, intent.id), eq(auditLog.action, 'payment_intent.create')));
    expect(audits).toHaveLength(1);
  });

  it("lets a buyer poll their own intent and answers another buyer's as not found", async () => {
    const intent = await openIntent('wechat_pay');
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/intents/${intent.id}`,
      headers: buyer.bearer,
    });
    expect(mine.json()).toMatchObject({ id: intent.id, status: 'pending' });
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/intents/${intent.id}`,
      headers: other.bearer,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ error: { code: 'PAYMENT_INTENT_NOT_FOUND' } });
  });

  it('shows a QR code on a desktop and a confirm button on a phone, in Chinese or English', async () => {
    const intent = await openIntent('alipay', 1_234_500);
    const desktop = await t.app.inject({ method: 'GET', url: `/sandbox/pay/${intent.id}` });
    expect(desktop.statusCode).toBe(200);
    expect(desktop.body).toContain('<svg');
    expect(desktop.body).toContain('支付成功');
    expect(desktop.body).toContain('¥12,345.00');
    const phone = await t.app.inject({
      method: 'GET',
      url: `/sandbox/pay/${intent.id}`,
      headers: {
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
        'accept-language': 'en',
      },
    });
    expect(phone.body).not.toContain('<svg');
    expect(phone.body).toContain('Confirm payment');
  });

  it('links back to the storefront order page given as returnTo, and to no other place', async () => {
    const intent = await openIntent('alipay');
    const back = `/account/orders/${intent.orderId}`;
    const page = await t.app.inject({
      method: 'GET',
      url: `/sandbox/pay/${intent.id}?returnTo=${encodeURIComponent(back)}`,
    });
    expect(page.body).toContain(`href="${back}" data-testid="sandbox-return"`);
    expect(page.body).toContain(`succeed?lang=zh-CN&amp;returnTo=${encodeURIComponent(back)}`);
    const pressed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/sandbox/${intent.id}/succeed?returnTo=${encodeURIComponent(back)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers.location).toBe(`/sandbox/pay/${intent.id}?returnTo=${encodeURIComponent(back)}`);
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: `/sandbox/pay/${intent.id}?returnTo=${encodeURIComponent('https://evil.example/account/orders/x')}`,
    });
    expect(elsewhere.body).not.toContain('sandbox-return');
  });
});

describe.each(['alipay', 'wechat_pay', 'unionpay'] as const)('%s notifications', (provider) => {
  it('settles a paid intent from its signed notification: ledger posting, fee, event, answer as the provider wants', async () => {
    const intent = await openIntent(provider);
    await press(intent.id, 'succeed');
    await runDueJobs(t.ctx);
    const after = await getPaymentIntent(t.database.db, intent.id);
    expect(after).toMatchObject({ status: 'succeeded' });
    expect(after.succeededAt).not.toBeNull();
    expect(await eventsOf(intent.id)).toContain('payments.intent_succeeded');
    const [n] = await notificationsOf(intent.id);
    expect(n).toMatchObject({ outcome: 'applied', signatureVerified: true, deliveries: 1 });
    const money = await orderMoney(t.database.db, intent.orderId);
    expect(money).toMatchObject({
      paidFen: 500_000,
      netHeldFen: 500_000,
      depositHeldFen: 500_000,
      refundedFen: 0,
    });
    const lines = await t.database.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.intentId, intent.id));
    expect(lines.filter((l) => l.kind === 'deposit')).toEqual([
      expect.objectContaining({ account: `gateway_clearing:${provider}`, debitFen: 500_000 }),
      expect.objectContaining({ account: 'buyer_deposits_held', creditFen: 500_000 }),
    ]);
    expect(lines.filter((l) => l.kind === 'fee').map((l) => l.debitFen + l.creditFen)).toEqual([
      provider === 'unionpay' ? 2500 : 3000,
      provider === 'unionpay' ? 2500 : 3000,
    ]);
  });

  it('takes a repeated notification once (one posting) and answers success both times', async () => {
    setSandboxKnobs(t.ctx, { duplicateRate: 1 });
    const intent = await openIntent(provider);
    await press(intent.id, 'succeed');
    await runDueJobs(t.ctx);
    t.clock.advance(16_000);
    await runDueJobs(t.ctx);
    const notes = await notificationsOf(intent.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ outcome: 'applied', deliveries: 2 });
    const postings = await t.database.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.intentId, intent.id), eq(ledgerEntries.kind, 'deposit')));
    expect(postings).toHaveLength(2);
  });

  it('ignores a late "closed" that arrives after the success (out of order)', async () => {
    setSandboxKnobs(t.ctx, { outOfOrderRate: 1 });
    const intent = await openIntent(provider);
    await press(intent.id, 'succeed');
    await runDueJobs(t.ctx);
    t.clock.advance(31_000);
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('succeeded');
    const outcomes = (await notificationsOf(intent.id)).map((n) => n.outcome).sort();
    expect(outcomes).toEqual(['applied', 'ignored_state']);
    expect(await eventsOf(intent.id)).not.toContain('payments.intent_failed');
  });

  it('refuses a forged notification (signed with another key), records it and leaves the intent pending', async () => {
    const intent = await openIntent(provider);
    const row = await repo.findIntent(t.database.db, intent.id);
    if (!row) throw new Error('no intent');
    const trade = await openSandboxTrade(t.database.db, { ...row, provider }, now());
    const genuine = sandboxNotification(
      { ...trade, paidAt: now() },
      provider,
      `forged-${intent.id}`,
      'paid',
      500_000,
      now(),
    );
    // Flip one character of the signed body: the signature no longer matches the bytes.
    const body = genuine.body
      .replace('500000', '500001')
      .replace('5000.00', '5000.01')
      .replace(`forged-${intent.id}`, `forgeX-${intent.id}`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/notify/${provider}`,
      headers: genuine.headers,
      payload: body,
    });
    if (provider === 'alipay') expect(res.body).toBe('fail');
    else expect(res.statusCode).toBeGreaterThanOrEqual(400);
    if (provider === 'wechat_pay') expect(res.json()).toMatchObject({ code: 'FAIL' });
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('pending');
    const recorded = await t.database.db
      .select()
      .from(paymentNotifications)
      .where(
        and(eq(paymentNotifications.provider, provider), eq(paymentNotifications.outcome, 'bad_signature')),
      );
    expect(recorded.length).toBeGreaterThan(0);
  });

  it('does not succeed an intent whose signed notification carries another amount, and tells risk', async () => {
    const intent = await openIntent(provider);
    const row = await repo.findIntent(t.database.db, intent.id);
    if (!row) throw new Error('no intent');
    const trade = await openSandboxTrade(t.database.db, { ...row, provider }, now());
    const tampered = sandboxNotification(
      { ...trade, paidAt: now() },
      provider,
      `tampered-${intent.id}`,
      'paid',
      1,
      now(),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/notify/${provider}`,
      headers: tampered.headers,
      payload: tampered.body,
    });
    expect(res.statusCode).toBeLessThan(300);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('pending');
    const [mismatch] = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, intent.id), eq(outboxEvents.type, 'payments.amount_mismatch')))
      .orderBy(outboxEvents.id);
    expect(mismatch?.payload).toMatchObject({
      expectedFen: 500_000,
      receivedFen: 1,
      currency: 'CNY',
      provider,
    });
    expect((await notificationsOf(intent.id))[0]?.outcome).toBe('amount_mismatch');
  });

  it('settles a paid intent whose notification was lost through the query job', async () => {
    setSandboxKnobs(t.ctx, { lossRate: 1 });
    const intent = await openIntent(provider);
    await press(intent.id, 'succeed');
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('pending');
    t.clock.advance(61_000);
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('succeeded');
    expect(await notificationsOf(intent.id)).toHaveLength(0);
    expect((await orderMoney(t.database.db, intent.orderId)).paidFen).toBe(500_000);
  });
});

describe('timing', () => {
  it('delivers a delayed notification only when its time comes', async () => {
    setSandboxKnobs(t.ctx, { delayMs: 20_000 });
    const intent = await openIntent('wechat_pay');
    await press(intent.id, 'succeed');
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('pending');
    t.clock.advance(21_000);
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('succeeded');
  });

  it('fails an intent the buyer failed at the gateway, and a success after that changes nothing', async () => {
    const intent = await openIntent('alipay');
    await press(intent.id, 'fail');
    await runDueJobs(t.ctx);
    expect(await getPaymentIntent(t.database.db, intent.id)).toMatchObject({ status: 'failed' });
    expect(await eventsOf(intent.id)).toContain('payments.intent_failed');
  });

  it('expires an unpaid intent past its time after closing it at the gateway', async () => {
    const intent = await openIntent('unionpay');
    await t.app.inject({ method: 'GET', url: `/sandbox/pay/${intent.id}` });
    t.clock.advance(31 * 60_000);
    await runDueJobs(t.ctx);
    expect(await getPaymentIntent(t.database.db, intent.id)).toMatchObject({ status: 'expired' });
    expect(await eventsOf(intent.id)).toContain('payments.intent_expired');
    const trade = await repo.findSandboxTrade(
      t.database.db,
      (await repo.findIntent(t.database.db, intent.id))?.merchantOrderNo ?? '',
    );
    expect(trade?.state).toBe('CLOSED');
  });
});
