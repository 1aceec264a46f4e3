import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../kernel/clock.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { PaymentProvider, PaymentPurpose } from './payments.enums.js';
import { createPaymentIntent, getPaymentIntent } from './payments.intents.js';
import { assertLedgerBalanced, orderMoney } from './payments.ledger.js';
import {
  getRefund,
  payCompensation,
  recordCompensationTransfer,
  recordForfeit,
  requestRefund,
} from './payments.refunds.js';
import * as repo from './payments.repository.js';
import { paymentIntents, paymentRefunds, sandboxTrades } from './payments.schema.js';
import { runDueJobs, useSandboxGatewaysInProcess } from './payments.testing.js';

let t: TestApp;
let buyerId: string;
let finance: TestStaff;
let marketing: TestStaff;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  useSandboxGatewaysInProcess(t);
  buyerId = (await createTestBuyer(t.ctx, '13612345678')).id;
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await assertLedgerBalanced(t.database.db);
});

const mutation = () => systemMutation(t.clock.now());
const newOrder = () => {
  seq += 1;
  return { orderId: `ord_money_${seq}`, orderNumber: `AY20261121-${String(100 + seq).padStart(6, '0')}` };
};

async function open(
  order: { orderId: string; orderNumber: string },
  provider: PaymentProvider,
  amountFen: number,
  purpose: PaymentPurpose = 'deposit',
) {
  return createPaymentIntent(
    t.database.db,
    {
      ...order,
      purpose,
      amountFen,
      provider,
      payerUserId: buyerId,
      subject: `小鹏 G6 ${purpose === 'deposit' ? '定金' : '尾款'}`,
    },
    mutation(),
  );
}

/** Opens and pays an online intent through the sandbox (page button, signed notification). */
async function paid(
  order: { orderId: string; orderNumber: string },
  provider: 'alipay' | 'wechat_pay' | 'unionpay',
  amountFen: number,
  purpose: PaymentPurpose = 'deposit',
) {
  const intent = await open(order, provider, amountFen, purpose);
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/sandbox/${intent.id}/succeed`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  await runDueJobs(t.ctx);
  t.clock.advance(1000);
  return getPaymentIntent(t.database.db, intent.id);
}

// A 1x1 PNG: the receipt image of the tests.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e0e5f40000000049454e44ae426082',
  'hex',
);

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----autoyard-payments-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function recordTransfer(intentId: string, amountFen: number, key: string, bytes = PNG) {
  const body = multipart(
    { amountFen: String(amountFen), bankReference: '2026112115300042', payerName: '张伟' },
    { name: '回单.png', type: 'image/png', bytes },
  );
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/staff/intents/${intentId}/bank-transfer`,
    headers: { ...finance.bearer, ...body.headers, 'idempotency-key': key },
    payload: body.payload,
  });
}

describe('bank transfers', () => {
  it('succeeds a bank-transfer intent when finance records the exact amount with a receipt, once per key', async () => {
    const order = newOrder();
    const intent = await open(order, 'bank_transfer', 18_680_000, 'balance');
    expect(intent).toMatchObject({ payUrl: null, qrCodeText: null });
    const res = await recordTransfer(intent.id, 18_680_000, 'bt-key-1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'succeeded' });
    const again = await recordTransfer(intent.id, 18_680_000, 'bt-key-1');
    expect(again.json()).toMatchObject({ id: intent.id, status: 'succeeded' });
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      paidFen: 18_680_000,
      depositHeldFen: 0,
    });
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/staff/intents/${intent.id}`,
      headers: finance.bearer,
    });
    expect(detail.json()).toMatchObject({
      transfer: { bankReference: '2026112115300042', payerName: '张伟', contentType: 'image/png' },
    });
    const proof = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/staff/intents/${intent.id}/proof`,
      headers: finance.bearer,
    });
    expect(proof.headers['content-type']).toBe('image/png');
    expect(proof.rawPayload.equals(PNG)).toBe(true);
  });

  it('refuses another amount (nothing recorded, risk told) and a proof that is not an image', async () => {
    const intent = await open(newOrder(), 'bank_transfer', 9_990_000, 'balance');
    const wrong = await recordTransfer(intent.id, 9_900_000, 'bt-key-2');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: { code: 'BANK_TRANSFER_AMOUNT_MISMATCH' } });
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('pending');
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, intent.id), eq(outboxEvents.type, 'payments.amount_mismatch')))
      .orderBy(outboxEvents.id);
    expect(events).toHaveLength(1);
    const text = await recordTransfer(intent.id, 9_990_000, 'bt-key-3', Buffer.from('not an image'));
    expect(text.statusCode).toBe(415);
    // The right amount with a real receipt still goes through after both refusals.
    const corrected = await recordTransfer(intent.id, 9_990_000, 'bt-key-4');
    expect(corrected.statusCode).toBe(200);
    const forbidden = await t.app.inject({
      method: 'GET',
      url: '/api/v1/payments/staff/intents',
      headers: marketing.bearer,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('refunds', () => {
  it('refunds a deposit in full through its provider: intent refunded, ledger reversed, event', async () => {
    const order = newOrder();
    const intent = await paid(order, 'alipay', 500_000);
    const [refund] = await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 500_000,
        reason: '买家取消订单',
        kind: 'cancellation',
        requestedBy: null,
      },
      mutation(),
    );
    expect(refund).toMatchObject({ status: 'processing', provider: 'alipay', intentId: intent.id });
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('refunding');
    await runDueJobs(t.ctx);
    expect(await getPaymentIntent(t.database.db, intent.id)).toMatchObject({
      status: 'refunded',
      refundedFen: 500_000,
    });
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      paidFen: 500_000,
      refundedFen: 500_000,
      netHeldFen: 0,
      depositHeldFen: 0,
    });
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, refund?.id ?? ''))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['payments.refund_requested', 'payments.refund_succeeded']);
    expect(await repo.findSandboxRefund(t.database.db, refund?.refundNo ?? '')).toMatchObject({
      amountFen: 500_000,
    });
  });

  it('refunds part of a payment and keeps the intent partially refunded; more than is left is refused', async () => {
    const order = newOrder();
    const intent = await paid(order, 'wechat_pay', 300_000);
    await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 100_000,
        reason: '选装件缺货，退差价',
        kind: 'partial',
        requestedBy: null,
      },
      mutation(),
    );
    await runDueJobs(t.ctx);
    expect(await getPaymentIntent(t.database.db, intent.id)).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 100_000,
    });
    await expect(
      requestRefund(
        t.database.db,
        { orderId: order.orderId, amountFen: 200_001, reason: '再退', kind: 'partial', requestedBy: null },
        mutation(),
      ),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', details: { refundableFen: 200_000 } });
  });

  it('splits a refund across intents, newest payment first', async () => {
    const order = newOrder();
    const deposit = await paid(order, 'alipay', 2_000_000);
    const balance = await paid(order, 'unionpay', 1_500_000, 'balance');
    const parts = await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 2_500_000,
        reason: '车辆无法交付',
        kind: 'cancellation',
        requestedBy: null,
      },
      mutation(),
    );
    expect(parts.map((p) => [p.intentId, p.amountFen, p.provider])).toEqual([
      [balance.id, 1_500_000, 'unionpay'],
      [deposit.id, 1_000_000, 'alipay'],
    ]);
    await runDueJobs(t.ctx);
    expect((await getPaymentIntent(t.database.db, balance.id)).status).toBe('refunded');
    expect((await getPaymentIntent(t.database.db, deposit.id)).status).toBe('partially_refunded');
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      refundedFen: 2_500_000,
      netHeldFen: 1_000_000,
      depositHeldFen: 1_000_000,
    });
  });

  it('holds a refund above the threshold for finance approval; approval sends it, the same key replays', async () => {
    const order = newOrder();
    const intent = await paid(order, 'alipay', 6_000_000, 'balance');
    const [refund] = await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 6_000_000,
        reason: '整车退订',
        kind: 'cancellation',
        requestedBy: null,
      },
      mutation(),
    );
    expect(refund?.status).toBe('pending_approval');
    expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('succeeded');
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/payments/staff/refunds?status=pending_approval',
      headers: finance.bearer,
    });
    expect(queue.json().items.map((r: { id: string }) => r.id)).toContain(refund?.id);
    const headers = { ...finance.bearer, 'idempotency-key': `approve-${refund?.id}` };
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/staff/refunds/${refund?.id}/approve`,
      headers,
      payload: { note: '已核实' },
    });
    expect(ok.json()).toMatchObject({ status: 'processing', decidedBy: finance.accountId });
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/staff/refunds/${refund?.id}/approve`,
      headers,
      payload: { note: '已核实' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await runDueJobs(t.ctx);
    expect(await getPaymentIntent(t.database.db, intent.id)).toMatchObject({ status: 'refunded' });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/staff/refunds/${refund?.id}/approve`,
      headers: finance.bearer,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'succeeded' } },
    });
  });

  it('lets finance reject a refund waiting for approval (money stays, the order hears it failed)', async () => {
    const order = newOrder();
    await paid(order, 'wechat_pay', 5_500_000, 'balance');
    const [refund] = await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 5_500_000,
        reason: '整车退订',
        kind: 'cancellation',
        requestedBy: null,
      },
      mutation(),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/staff/refunds/${refund?.id}/reject`,
      headers: { ...finance.bearer, 'idempotency-key': `reject-${refund?.id}` },
      payload: { note: '合同约定不予退还' },
    });
    expect(res.json()).toMatchObject({ status: 'rejected', decisionNote: '合同约定不予退还' });
    expect((await orderMoney(t.database.db, order.orderId)).netHeldFen).toBe(5_500_000);
    const [failed] = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(eq(outboxEvents.aggregateId, refund?.id ?? ''), eq(outboxEvents.type, 'payments.refund_failed')),
      )
      .orderBy(outboxEvents.id);
    expect(failed).toBeDefined();
  });
});

describe('deposits kept or returned double', () => {
  it('moves a forfeited deposit to income and refuses to forfeit more than is held', async () => {
    const order = newOrder();
    await paid(order, 'alipay', 1_000_000);
    await recordForfeit(
      t.database.db,
      { orderId: order.orderId, amountFen: 1_000_000, reason: '买家违约，定金不予退还' },
      mutation(),
    );
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      paidFen: 1_000_000,
      forfeitedFen: 1_000_000,
      netHeldFen: 0,
      depositHeldFen: 0,
    });
    await expect(
      recordForfeit(t.database.db, { orderId: order.orderId, amountFen: 1, reason: '再扣' }, mutation()),
    ).rejects.toMatchObject({ code: 'FORFEIT_EXCEEDS_HELD' });
    await expect(
      requestRefund(
        t.database.db,
        { orderId: order.orderId, amountFen: 1, reason: '退', kind: 'partial', requestedBy: null },
        mutation(),
      ),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE' });
  });

  it('returns double when the seller walks away: the deposit through the provider, the compensation by a bank transfer finance records', async () => {
    const order = newOrder();
    const deposit = await paid(order, 'wechat_pay', 1_000_000);
    await requestRefund(
      t.database.db,
      {
        orderId: order.orderId,
        amountFen: 1_000_000,
        reason: '商家违约，双倍返还定金',
        kind: 'double_return',
        requestedBy: null,
      },
      mutation(),
    );
    const compensation = await payCompensation(
      t.database.db,
      { orderId: order.orderId, amountFen: 1_000_000, reason: '商家违约，双倍返还定金' },
      mutation(),
    );
    expect(compensation).toMatchObject({
      kind: 'compensation',
      provider: 'wechat_pay',
      intentId: deposit.id,
      status: 'awaiting_transfer',
    });
    await runDueJobs(t.ctx);
    // The provider pays back at most the trade (the sandbox refuses more, like the real APIs): the deposit
    // went back through it, the compensation waits for finance's bank transfer and nothing of it is posted.
    expect(await getRefund(t.database.db, compensation.id)).toMatchObject({ status: 'awaiting_transfer' });
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      refundedFen: 1_000_000,
      compensationFen: 0,
    });
    const paidOut = await recordCompensationTransfer(
      t.database.db,
      compensation.id,
      { bankReference: 'ICBC20261207000123' },
      mutation(),
    );
    expect(paidOut).toMatchObject({ status: 'succeeded' });
    await expect(
      recordCompensationTransfer(
        t.database.db,
        compensation.id,
        { bankReference: 'ICBC20261207000124' },
        mutation(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await orderMoney(t.database.db, order.orderId)).toMatchObject({
      paidFen: 1_000_000,
      refundedFen: 1_000_000,
      compensationFen: 1_000_000,
      netHeldFen: 0,
    });
    expect(await getPaymentIntent(t.database.db, deposit.id)).toMatchObject({
      status: 'refunded',
      refundedFen: 1_000_000,
    });
    await expect(
      payCompensation(
        t.database.db,
        { orderId: 'ord_without_deposit', amountFen: 1, reason: 'x' },
        mutation(),
      ),
    ).rejects.toMatchObject({ code: 'COMPENSATION_NO_DEPOSIT' });
  });
});

describe('daily reconciliation', () => {
  it("finds the planted differences between a gateway's statement and our books, and exports them", async () => {
    const day = shanghaiDay(t.clock.now());
    const good = await paid(newOrder(), 'alipay', 800_000);
    const refunded = newOrder();
    await paid(refunded, 'alipay', 400_000);
    await requestRefund(
      t.database.db,
      {
        orderId: refunded.orderId,
        amountFen: 100_000,
        reason: '部分退款',
        kind: 'partial',
        requestedBy: null,
      },
      mutation(),
    );
    await runDueJobs(t.ctx);
    // missing on our side: the gateway took money for a trade we never opened.
    await t.database.db.insert(sandboxTrades).values({
      merchantOrderNo: 'AY2026112110000099999999',
      provider: 'alipay',
      providerTradeNo: '2026112222001400000000000001',
      amountFen: 120_000,
      subject: '未知交易',
      state: 'PAID',
      paidAt: t.clock.now(),
      createdAt: t.clock.now(),
    });
    // missing on theirs: we think it succeeded, the gateway has no such trade.
    const ghost = await open(newOrder(), 'alipay', 230_000);
    await t.database.db
      .update(paymentIntents)
      .set({ status: 'succeeded', succeededAt: t.clock.now() })
      .where(eq(paymentIntents.id, ghost.id));
    // amount differs: the gateway settled another amount.
    const short = await paid(newOrder(), 'alipay', 660_000);
    const shortNo = (await repo.findIntent(t.database.db, short.id))?.merchantOrderNo ?? '';
    await t.database.db
      .update(sandboxTrades)
      .set({ amountFen: 650_000 })
      .where(eq(sandboxTrades.merchantOrderNo, shortNo));
    // status differs: paid at the gateway, still pending here (its notification is lost and not yet queried).
    const pending = await open(newOrder(), 'alipay', 510_000);
    const pendingNo = (await repo.findIntent(t.database.db, pending.id))?.merchantOrderNo ?? '';
    await t.database.db.insert(sandboxTrades).values({
      merchantOrderNo: pendingNo,
      provider: 'alipay',
      providerTradeNo: '2026112222001400000000000002',
      amountFen: 510_000,
      subject: '小鹏 G6 定金',
      state: 'PAID',
      paidAt: t.clock.now(),
      createdAt: t.clock.now(),
    });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/staff/reconciliation/runs',
      headers: { ...finance.bearer, 'idempotency-key': 'recon-today' },
      payload: { day, provider: 'alipay' },
    });
    expect(res.statusCode).toBe(201);
    const [run] = res.json().items;
    expect(run).toMatchObject({ provider: 'alipay', day, status: 'mismatched', mismatchCount: 4 });
    const detail = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/payments/staff/reconciliation/runs/${run.id}`,
        headers: finance.bearer,
      })
    ).json();
    const kinds = Object.fromEntries(
      detail.mismatches.map((m: { kind: string; merchantOrderNo: string }) => [m.merchantOrderNo, m.kind]),
    );
    expect(kinds).toMatchObject({
      AY2026112110000099999999: 'missing_ours',
      [(await repo.findIntent(t.database.db, ghost.id))?.merchantOrderNo ?? '']: 'missing_theirs',
      [shortNo]: 'amount_differs',
      [pendingNo]: 'status_differs',
    });
    expect(Object.keys(kinds)).not.toContain(
      (await repo.findIntent(t.database.db, good.id))?.merchantOrderNo,
    );
    expect(run.matchedLines).toBeGreaterThanOrEqual(3);
    const refundRows = await t.database.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, refunded.orderId));
    expect(detail.mismatches.map((m: { refundNo: string | null }) => m.refundNo)).not.toContain(
      refundRows[0]?.refundNo,
    );
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/staff/reconciliation/runs/${run.id}/mismatches.csv`,
      headers: finance.bearer,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('我方缺失');
    expect(csv.body).toContain('金额不符');
    // Undo the plant so the ledger check after the test sees only real postings.
    await t.database.db
      .update(paymentIntents)
      .set({ status: 'pending', succeededAt: null })
      .where(eq(paymentIntents.id, ghost.id));
  });

  it('runs every morning at 02:00 for the day before, one run per provider', async () => {
    const today = shanghaiDay(t.clock.now());
    // 02:00 Asia/Shanghai the next morning (18:00 UTC).
    t.clock.set(`${today}T18:00:30Z`);
    await runDueJobs(t.ctx);
    const staff = await createTestStaff(t.ctx, { roles: ['finance'] });
    const runs = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/payments/staff/reconciliation/runs',
        headers: staff.bearer,
      })
    ).json().items;
    const scheduled = runs.filter(
      (r: { startedBy: string | null; day: string }) => r.startedBy === null && r.day === today,
    );
    expect(scheduled.map((r: { provider: string }) => r.provider).sort()).toEqual([
      'alipay',
      'unionpay',
      'wechat_pay',
    ]);
  });
});
