import { createHash, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { job } from '../../kernel/module.js';
import {
  alipayAnswer,
  alipayFee,
  alipayFormBody,
  alipaySdk,
  alipaySignNotification,
  parseAlipayStatement,
  renderAlipayStatement,
  verifyAlipayNotification,
} from './payments.alipay.js';
import type { OnlineProvider } from './payments.enums.js';
import {
  fenToYuanText,
  type GatewayTrade,
  type PaymentGateway,
  shanghaiCompact,
  shanghaiDateTime,
} from './payments.gateway.js';
import * as repo from './payments.repository.js';
import { bindPaymentsContext } from './payments.runtime.js';
import type { SandboxTradeRow } from './payments.schema.js';
import {
  unionpayAnswer,
  unionpayFee,
  unionpaySigned,
  verifyUnionpayNotification,
} from './payments.unionpay.js';
import { parseUnionpayStatement, renderUnionpayStatement } from './payments.unionpay-statement.js';
import {
  parseWechatStatement,
  renderWechatStatement,
  verifyWechatNotification,
  type WechatCodecKeys,
  wechatAnswer,
  wechatFee,
  wechatSignedNotification,
} from './payments.wechat.js';

/**
 * The sandbox gateways: stand-ins for Alipay, WeChat Pay and UnionPay in development and tests (and in
 * production only with PAYMENT_SANDBOX=on). They keep their own books (payment_sandbox_* tables), show a pay
 * page (/sandbox/pay/:intentId), and send notifications signed with their own key pairs (made at start) in
 * each provider's real format through the job queue: after a delay, some twice, some followed by a late
 * "closed" after the success (out of order), some never (our query job then finds the payment). Our side
 * verifies them with the same protocol code as the real providers'. Draws are seeded per trade, so a test
 * knows what happens.
 */

interface KeyPair {
  privateKey: string;
  publicKey: string;
}

function rsa(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

export interface SandboxKeys {
  alipay: { appId: string; app: KeyPair; platform: KeyPair };
  wechat: WechatCodecKeys & { platformPrivateKey: string };
  unionpay: { merId: string; certId: string; merchant: KeyPair; platform: KeyPair };
}

let keys: SandboxKeys | null = null;

/** The sandbox providers' keys, made once per process (a restart makes new ones; nothing stored is signed). */
export function sandboxKeys(): SandboxKeys {
  if (keys) return keys;
  const wechatMerchant = rsa();
  const wechatPlatform = rsa();
  keys = {
    alipay: { appId: '2021000000000001', app: rsa(), platform: rsa() },
    wechat: {
      mchId: '1900000109',
      appId: 'wxd678efh567hg6787',
      serialNo: randomBytes(20).toString('hex').toUpperCase(),
      merchantPrivateKey: wechatMerchant.privateKey,
      apiV3Key: randomBytes(16).toString('hex'),
      platformPublicKey: wechatPlatform.publicKey,
      platformPrivateKey: wechatPlatform.privateKey,
      platformSerial: randomBytes(20).toString('hex').toUpperCase(),
    },
    unionpay: {
      merId: '777290058110048',
      certId: String(randomInt(10 ** 10, 10 ** 11)),
      merchant: rsa(),
      platform: rsa(),
    },
  };
  return keys;
}

/** How a notification reaches our endpoint: POST (tests pass one that calls app.inject). */
export type NotifyTransport = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number; body: string }>;

export interface SandboxBehaviour {
  transport: NotifyTransport;
  seed: string;
  delayMs: number;
  duplicateRate: number;
  outOfOrderRate: number;
  lossRate: number;
}

const fetchTransport: NotifyTransport = async ({ url, headers, body }) => {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
};

const behaviours = new WeakMap<AppContext, SandboxBehaviour>();

function behaviourOf(ctx: AppContext): SandboxBehaviour {
  const known = behaviours.get(ctx);
  if (known) return known;
  return { transport: fetchTransport, seed: 'autoyard-sandbox-gateway', ...ctx.config.payments.sandboxKnobs };
}

/** Changes how the sandbox gateways behave for one app context (tests: transport, rates, delay). */
export function configureSandboxGateway(ctx: AppContext, change: Partial<SandboxBehaviour>): void {
  behaviours.set(ctx, { ...behaviourOf(ctx), ...change });
}

/** A deterministic [0, 1) stream from a seed (mulberry32 over a SHA-256 seed). */
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

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A trade number in the provider's own shape. */
function providerTradeNo(provider: OnlineProvider, at: Date): string {
  const day = shanghaiCompact(at).slice(0, 8);
  if (provider === 'alipay') return `${day}2200${digits(16)}`;
  if (provider === 'wechat_pay') return `4200${digits(6)}${day}${digits(10)}`;
  return `${shanghaiCompact(at).slice(4)}${digits(11)}`;
}

export const SANDBOX_NOTIFY_JOB = 'payments.sandbox_notify';

interface NotifyPayload extends Record<string, unknown> {
  provider: OnlineProvider;
  merchantOrderNo: string;
  eventId: string;
  outcome: 'paid' | 'failed' | 'closed';
  amountFen: number;
}

/** The signed notification a provider sends for a trade (also used by tests to craft tampered ones). */
export function sandboxNotification(
  trade: Pick<SandboxTradeRow, 'merchantOrderNo' | 'providerTradeNo' | 'subject' | 'createdAt' | 'paidAt'>,
  provider: OnlineProvider,
  eventId: string,
  outcome: 'paid' | 'failed' | 'closed',
  amountFen: number,
  at: Date,
): { body: string; headers: Record<string, string> } {
  const k = sandboxKeys();
  const paid = outcome === 'paid';
  const paidAt = trade.paidAt ?? at;
  if (provider === 'alipay') {
    const amount = fenToYuanText(amountFen);
    const params: Record<string, string> = {
      gmt_create: shanghaiDateTime(trade.createdAt),
      charset: 'utf-8',
      seller_email: 'pay@autoyard.example',
      subject: trade.subject,
      buyer_id: '2088102177846880',
      invoice_amount: amount,
      notify_id: eventId,
      fund_bill_list: JSON.stringify([{ amount, fundChannel: 'ALIPAYACCOUNT' }]),
      notify_type: 'trade_status_sync',
      trade_status: paid ? 'TRADE_SUCCESS' : 'TRADE_CLOSED',
      receipt_amount: amount,
      app_id: k.alipay.appId,
      buyer_pay_amount: amount,
      seller_id: '2088621955843700',
      notify_time: shanghaiDateTime(at),
      version: '1.0',
      out_trade_no: trade.merchantOrderNo,
      total_amount: amount,
      trade_no: trade.providerTradeNo,
      auth_app_id: k.alipay.appId,
      point_amount: '0.00',
      ...(paid ? { gmt_payment: shanghaiDateTime(paidAt) } : { gmt_close: shanghaiDateTime(at) }),
    };
    return {
      body: alipayFormBody(alipaySignNotification(params, k.alipay.platform.privateKey)),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    };
  }
  if (provider === 'wechat_pay') {
    return wechatSignedNotification(
      k.wechat,
      eventId,
      {
        appid: k.wechat.appId,
        mchid: k.wechat.mchId,
        out_trade_no: trade.merchantOrderNo,
        transaction_id: trade.providerTradeNo,
        trade_type: 'NATIVE',
        trade_state: paid ? 'SUCCESS' : outcome === 'failed' ? 'PAYERROR' : 'CLOSED',
        trade_state_desc: paid
          ? '支付成功'
          : outcome === 'failed'
            ? '支付失败，请重新下单支付'
            : '订单已关闭',
        ...(paid ? { success_time: `${shanghaiDateTime(paidAt).replace(' ', 'T')}+08:00` } : {}),
        amount: { total: amountFen, payer_total: amountFen, currency: 'CNY', payer_currency: 'CNY' },
      },
      at,
    );
  }
  const params: Record<string, string> = {
    accessType: '0',
    bizType: '000201',
    currencyCode: '156',
    encoding: 'UTF-8',
    merId: k.unionpay.merId,
    orderId: trade.merchantOrderNo,
    queryId: trade.providerTradeNo,
    respCode: paid ? '00' : outcome === 'failed' ? '11' : '12',
    respMsg: paid ? 'success' : outcome === 'failed' ? '交易失败' : '交易关闭',
    settleAmt: String(amountFen),
    settleCurrencyCode: '156',
    settleDate: shanghaiCompact(at).slice(4, 8),
    traceNo: digits(6),
    traceTime: shanghaiCompact(at).slice(4),
    txnAmt: String(amountFen),
    txnSubType: '01',
    txnTime: trade.merchantOrderNo.slice(2, 16),
    txnType: '01',
    version: '5.1.0',
  };
  return {
    body: new URLSearchParams(
      unionpaySigned(params, k.unionpay.certId, k.unionpay.platform.privateKey),
    ).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  };
}

/** The event id a provider gives one notification of a trade (UnionPay's comes from the trade itself). */
function eventIdFor(
  provider: OnlineProvider,
  trade: SandboxTradeRow,
  outcome: NotifyPayload['outcome'],
): string {
  if (provider === 'unionpay')
    return `${trade.providerTradeNo}:01:${outcome === 'paid' ? '00' : outcome === 'failed' ? '11' : '12'}`;
  if (provider === 'alipay') return `${shanghaiCompact(new Date()).slice(0, 8)}00222${digits(20)}`;
  return `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-5${randomBytes(2).toString('hex').slice(1)}-${randomBytes(2).toString('hex')}-${randomBytes(6).toString('hex')}`;
}

/** Queues the notifications of a trade's outcome as the seeded draws say (lost, twice, followed by a late close). */
async function scheduleNotifications(
  ctx: AppContext,
  db: DbHandle,
  trade: SandboxTradeRow,
  outcome: NotifyPayload['outcome'],
  at: Date,
): Promise<void> {
  const b = behaviourOf(ctx);
  const random = seededRandom(`${b.seed}:${trade.merchantOrderNo}:${outcome}`);
  const lost = random() < b.lossRate;
  const duplicate = random() < b.duplicateRate;
  const lateClose = outcome === 'paid' && random() < b.outOfOrderRate;
  const provider = trade.provider;
  const base = { provider, merchantOrderNo: trade.merchantOrderNo, amountFen: trade.amountFen };
  const runAt = new Date(at.getTime() + b.delayMs);
  if (!lost) {
    const payload: NotifyPayload = { ...base, eventId: eventIdFor(provider, trade, outcome), outcome };
    await enqueueJob(
      db,
      { name: SANDBOX_NOTIFY_JOB, payload, runAt, uniqueKey: `paysbx:${trade.merchantOrderNo}:${outcome}:1` },
      at,
    );
    if (duplicate) {
      await enqueueJob(
        db,
        {
          name: SANDBOX_NOTIFY_JOB,
          payload,
          runAt: new Date(runAt.getTime() + 15_000),
          uniqueKey: `paysbx:${trade.merchantOrderNo}:${outcome}:2`,
        },
        at,
      );
    }
  }
  if (lateClose) {
    const payload: NotifyPayload = {
      ...base,
      eventId: eventIdFor(provider, trade, 'closed'),
      outcome: 'closed',
    };
    await enqueueJob(
      db,
      {
        name: SANDBOX_NOTIFY_JOB,
        payload,
        runAt: new Date(runAt.getTime() + 30_000),
        uniqueKey: `paysbx:${trade.merchantOrderNo}:late-close`,
      },
      at,
    );
  }
}

/** What the buyer does on the sandbox pay page. */
export type SandboxPayAction = 'succeed' | 'fail' | 'close';

/** The sandbox's side of a trade: opened on first sight of the pay page (as a real gateway opens it). */
export async function openSandboxTrade(
  db: DbHandle,
  intent: { merchantOrderNo: string; provider: OnlineProvider; amountFen: number; subject: string },
  at: Date,
): Promise<SandboxTradeRow> {
  await repo.insertSandboxTrade(db, {
    merchantOrderNo: intent.merchantOrderNo,
    provider: intent.provider,
    providerTradeNo: providerTradeNo(intent.provider, at),
    amountFen: intent.amountFen,
    subject: intent.subject,
    state: 'WAIT',
    createdAt: at,
  });
  const trade = await repo.findSandboxTrade(db, intent.merchantOrderNo);
  if (!trade) throw new Error('sandbox trade vanished');
  return trade;
}

/** The buyer pressed 支付成功 / 支付失败 / 关闭: the trade moves (once) and its notifications are queued. */
export async function sandboxPay(
  ctx: AppContext,
  db: DbHandle,
  intent: { merchantOrderNo: string; provider: OnlineProvider; amountFen: number; subject: string },
  action: SandboxPayAction,
  at: Date,
): Promise<SandboxTradeRow> {
  await openSandboxTrade(db, intent, at);
  const state = action === 'succeed' ? 'PAID' : action === 'fail' ? 'FAILED' : 'CLOSED';
  const moved = await repo.settleSandboxTrade(db, intent.merchantOrderNo, state, at);
  if (moved)
    await scheduleNotifications(
      ctx,
      db,
      moved,
      action === 'succeed' ? 'paid' : action === 'fail' ? 'failed' : 'closed',
      at,
    );
  const trade = await repo.findSandboxTrade(db, intent.merchantOrderNo);
  if (!trade) throw new Error('sandbox trade vanished');
  return trade;
}

function toTrade(row: SandboxTradeRow | undefined, merchantOrderNo: string): GatewayTrade {
  if (!row)
    return {
      state: 'unknown',
      merchantOrderNo,
      providerTradeNo: null,
      amountFen: null,
      currency: 'CNY',
      paidAt: null,
    };
  const state =
    row.state === 'PAID'
      ? 'paid'
      : row.state === 'FAILED'
        ? 'failed'
        : row.state === 'CLOSED'
          ? 'closed'
          : 'pending';
  return {
    state,
    merchantOrderNo,
    providerTradeNo: row.providerTradeNo,
    amountFen: row.amountFen,
    currency: 'CNY',
    paidAt: row.paidAt ? row.paidAt.toISOString() : null,
  };
}

/** The sandbox gateway standing in for `provider`. */
export function createSandboxGateway(ctx: AppContext, provider: OnlineProvider): PaymentGateway {
  const db = () => ctx.database.db;
  const k = sandboxKeys();
  const fee = provider === 'alipay' ? alipayFee : provider === 'wechat_pay' ? wechatFee : unionpayFee;
  const alipay =
    provider === 'alipay'
      ? alipaySdk({
          appId: k.alipay.appId,
          appPrivateKey: k.alipay.app.privateKey,
          alipayPublicKey: k.alipay.platform.publicKey,
        })
      : null;
  return {
    provider,
    sandbox: true,
    async createPayment(p) {
      // Nothing is stored here: the sandbox opens its trade when the pay page is first shown, so this call is
      // safe inside the caller's transaction.
      const payUrl = `${ctx.config.publicUrl.replace(/\/$/, '')}/sandbox/pay/${p.intentId}`;
      return { payUrl, qrCodeText: p.channel === 'desktop' ? `${payUrl}?scan=1` : null };
    },
    verifyNotification(rawBody, headers, now) {
      if (provider === 'alipay' && alipay) return verifyAlipayNotification(alipay, k.alipay.appId, rawBody);
      if (provider === 'wechat_pay') return verifyWechatNotification(k.wechat, rawBody, headers, now);
      return verifyUnionpayNotification(
        { merId: k.unionpay.merId, unionpayPublicKey: k.unionpay.platform.publicKey },
        rawBody,
      );
    },
    answer: provider === 'alipay' ? alipayAnswer : provider === 'wechat_pay' ? wechatAnswer : unionpayAnswer,
    async queryPayment(merchantOrderNo) {
      return toTrade(await repo.findSandboxTrade(db(), merchantOrderNo), merchantOrderNo);
    },
    async closePayment(merchantOrderNo, at) {
      await repo.settleSandboxTrade(db(), merchantOrderNo, 'CLOSED', at);
    },
    async refund(req, at) {
      const trade = await repo.findSandboxTrade(db(), req.merchantOrderNo);
      if (trade?.state !== 'PAID')
        return { state: 'failed', providerRefundId: null, failureReason: 'trade not paid' };
      // Like the real refund APIs: all refunds of a trade together never exceed what was paid.
      const earlier = await repo.findSandboxRefund(db(), req.refundNo);
      if (
        !earlier &&
        (await repo.sandboxRefundedFen(db(), req.merchantOrderNo)) + req.amountFen > trade.amountFen
      ) {
        return { state: 'failed', providerRefundId: null, failureReason: 'refund exceeds the trade amount' };
      }
      const row = await repo.insertSandboxRefund(db(), {
        refundNo: req.refundNo,
        provider,
        merchantOrderNo: req.merchantOrderNo,
        providerRefundId: `${providerTradeNo(provider, at)}R`,
        amountFen: req.amountFen,
        createdAt: at,
      });
      return { state: 'succeeded', providerRefundId: row.providerRefundId, failureReason: null };
    },
    async queryRefund(refundNo) {
      const row = await repo.findSandboxRefund(db(), refundNo);
      return row
        ? { state: 'succeeded', providerRefundId: row.providerRefundId, failureReason: null }
        : { state: 'failed', providerRefundId: null, failureReason: 'no such refund' };
    },
    async downloadStatement(day) {
      const from = shanghaiDayStart(day);
      const to = new Date(from.getTime() + 86_400_000);
      const trades = await repo.sandboxTradesPaidBetween(db(), provider, from, to);
      const refunds = await repo.sandboxRefundsBetween(db(), provider, from, to);
      const refundTrades = new Map(
        (
          await repo.sandboxTradesByNos(
            db(),
            refunds.map((r) => r.merchantOrderNo),
          )
        ).map((t) => [t.merchantOrderNo, t]),
      );
      if (provider === 'alipay') {
        return renderAlipayStatement(k.alipay.appId, day, [
          ...trades.map((t) => ({
            tradeNo: t.providerTradeNo,
            merchantOrderNo: t.merchantOrderNo,
            kind: 'payment' as const,
            subject: t.subject,
            createdAt: t.createdAt,
            finishedAt: t.paidAt ?? t.createdAt,
            amountFen: t.amountFen,
            feeFen: fee(t.amountFen),
            refundNo: null,
          })),
          ...refunds.map((r) => {
            const t = refundTrades.get(r.merchantOrderNo);
            return {
              tradeNo: t?.providerTradeNo ?? '',
              merchantOrderNo: r.merchantOrderNo,
              kind: 'refund' as const,
              subject: t?.subject ?? '',
              createdAt: r.createdAt,
              finishedAt: r.createdAt,
              amountFen: r.amountFen,
              feeFen: 0,
              refundNo: r.refundNo,
            };
          }),
        ]);
      }
      if (provider === 'wechat_pay') {
        return renderWechatStatement(k.wechat, [
          ...trades.map((t) => ({
            at: t.paidAt ?? t.createdAt,
            transactionId: t.providerTradeNo,
            merchantOrderNo: t.merchantOrderNo,
            kind: 'payment' as const,
            amountFen: t.amountFen,
            totalFen: t.amountFen,
            feeFen: fee(t.amountFen),
            refundNo: null,
            providerRefundId: null,
            subject: t.subject,
          })),
          ...refunds.map((r) => {
            const t = refundTrades.get(r.merchantOrderNo);
            return {
              at: r.createdAt,
              transactionId: t?.providerTradeNo ?? '',
              merchantOrderNo: r.merchantOrderNo,
              kind: 'refund' as const,
              amountFen: r.amountFen,
              totalFen: t?.amountFen ?? r.amountFen,
              feeFen: 0,
              refundNo: r.refundNo,
              providerRefundId: r.providerRefundId,
              subject: t?.subject ?? '',
            };
          }),
        ]);
      }
      return renderUnionpayStatement(k.unionpay.merId, day, [
        ...trades.map((t) => ({
          kind: 'payment' as const,
          queryId: t.providerTradeNo,
          orderNo: t.merchantOrderNo,
          origQueryId: null,
          at: t.paidAt ?? t.createdAt,
          amountFen: t.amountFen,
          feeFen: fee(t.amountFen),
        })),
        ...refunds.map((r) => ({
          kind: 'refund' as const,
          queryId: r.providerRefundId,
          orderNo: r.refundNo,
          origQueryId: refundTrades.get(r.merchantOrderNo)?.providerTradeNo ?? null,
          at: r.createdAt,
          amountFen: r.amountFen,
          feeFen: 0,
        })),
      ]);
    },
    parseStatement:
      provider === 'alipay'
        ? parseAlipayStatement
        : provider === 'wechat_pay'
          ? parseWechatStatement
          : parseUnionpayStatement,
    feeFen: fee,
  };
}

/** Where a provider posts notifications for us. */
export function notifyUrl(ctx: AppContext, provider: OnlineProvider): string {
  return `${ctx.config.payments.notifyBaseUrl.replace(/\/$/, '')}/api/v1/payments/notify/${provider}`;
}

function accepted(provider: OnlineProvider, res: { status: number; body: string }): boolean {
  if (provider === 'alipay') return res.status === 200 && res.body.trim() === 'success';
  if (provider === 'wechat_pay') return res.status === 200 || res.status === 204;
  return res.status === 200;
}

/** Delivers one queued sandbox notification, signed now; a refusal throws so the queue sends it again. */
export const sandboxGatewayJobs = [
  job<NotifyPayload>(
    SANDBOX_NOTIFY_JOB,
    async ({ ctx, payload }) => {
      if (!ctx.config.payments.sandbox) return;
      bindPaymentsContext(ctx);
      const trade = await repo.findSandboxTrade(ctx.database.db, payload.merchantOrderNo);
      if (!trade) return;
      const at = ctx.clock.now();
      const { body, headers } = sandboxNotification(
        trade,
        payload.provider,
        payload.eventId,
        payload.outcome,
        payload.amountFen,
        at,
      );
      const res = await behaviourOf(ctx).transport({ url: notifyUrl(ctx, payload.provider), headers, body });
      if (!accepted(payload.provider, res))
        throw new Error(`notification refused: ${res.status} ${res.body.slice(0, 200)}`);
    },
    { maxAttempts: 8, backoff: { baseMs: 15_000, maxMs: 30 * 60_000 } },
  ),
];
