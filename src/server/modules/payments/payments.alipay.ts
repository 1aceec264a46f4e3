import { createSign } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { AppError } from '../../kernel/http/errors.js';
import {
  fenToYuanText,
  fromShanghaiDateTime,
  type GatewayAnswer,
  type GatewayTrade,
  type GatewayTradeState,
  type NotificationCheck,
  type PaymentGateway,
  type StatementLine,
  shanghaiDateTime,
  toPem,
  yuanTextToFen,
} from './payments.gateway.js';

// Alipay OpenAPI (RSA2, SHA256withRSA): asynchronous notifications are form posts signed by Alipay over the
// sorted `key=value` pairs (without sign and sign_type); we verify them with alipay-sdk's checkNotifySign and
// the Alipay public key, and answer the plain text `success` (anything else makes Alipay send it again).

export interface AlipayCodecKeys {
  readonly appId: string;
  /** Our application private key (signs requests). */
  readonly appPrivateKey: string;
  /** Alipay's public key (verifies notifications and responses). */
  readonly alipayPublicKey: string;
  readonly gateway?: string;
}

/** An alipay-sdk client for the keys (PEM or bare base64; PKCS#1 or PKCS#8 private keys). */
export function alipaySdk(keys: AlipayCodecKeys): AlipaySdk {
  const privateKey = toPem(keys.appPrivateKey, 'PRIVATE KEY');
  return new AlipaySdk({
    appId: keys.appId,
    privateKey,
    keyType: privateKey.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8',
    alipayPublicKey: toPem(keys.alipayPublicKey, 'PUBLIC KEY'),
    signType: 'RSA2',
    ...(keys.gateway ? { gateway: keys.gateway } : {}),
  });
}

/** The string Alipay signs: parameters sorted by name, `k=v` joined by `&`, without sign and sign_type. */
export function alipaySignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'sign_type' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** Signs notification parameters as Alipay does (the sandbox plays Alipay with its own key pair). */
export function alipaySignNotification(
  params: Readonly<Record<string, string>>,
  alipayPrivateKey: string,
): Record<string, string> {
  const sign = createSign('RSA-SHA256')
    .update(alipaySignContent(params), 'utf8')
    .sign(toPem(alipayPrivateKey, 'PRIVATE KEY'), 'base64');
  return { ...params, sign_type: 'RSA2', sign };
}

/** The form body Alipay posts (application/x-www-form-urlencoded, UTF-8). */
export function alipayFormBody(params: Readonly<Record<string, string>>): string {
  return new URLSearchParams(params).toString();
}

const TRADE_STATES: Readonly<Record<string, GatewayTradeState>> = {
  WAIT_BUYER_PAY: 'pending',
  TRADE_CLOSED: 'closed',
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'paid',
};

/** Verifies and reads an Alipay trade notification (trade_status_sync). */
export function verifyAlipayNotification(sdk: AlipaySdk, appId: string, rawBody: string): NotificationCheck {
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  const claimedEventId = params.notify_id ?? null;
  // URLSearchParams already decoded the values: verify over them as they are (no second decode).
  let verified = false;
  try {
    verified = Boolean(params.sign) && sdk.checkNotifySign(params, true);
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, problem: 'bad_signature', claimedEventId, detail: 'RSA2 signature' };
  const state = params.trade_status ? TRADE_STATES[params.trade_status] : undefined;
  const amountFen = yuanTextToFen(params.total_amount);
  if (!claimedEventId || !params.out_trade_no || !state || amountFen === null) {
    return { ok: false, problem: 'malformed', claimedEventId, detail: 'missing notify_id, trade or amount' };
  }
  if (params.app_id !== appId) {
    return { ok: false, problem: 'malformed', claimedEventId, detail: `app_id ${params.app_id}` };
  }
  return {
    ok: true,
    eventId: claimedEventId,
    trade: {
      state,
      merchantOrderNo: params.out_trade_no,
      providerTradeNo: params.trade_no ?? null,
      amountFen,
      currency: params.trans_currency ?? 'CNY',
      paidAt: params.gmt_payment ? fromShanghaiDateTime(params.gmt_payment).toISOString() : null,
    },
  };
}

export function alipayAnswer(ok: boolean): GatewayAnswer {
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: ok ? 'success' : 'fail' };
}

/** 业务明细 columns of Alipay's trade statement (账务明细 aside), in Alipay's order. */
export const ALIPAY_STATEMENT_COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
] as const;

export interface AlipayStatementRow {
  tradeNo: string;
  merchantOrderNo: string;
  kind: 'payment' | 'refund';
  subject: string;
  createdAt: Date;
  finishedAt: Date;
  amountFen: number;
  feeFen: number;
  refundNo: string | null;
}

/** An Alipay 业务明细 statement (`#` comment lines around a CSV table; refunds as negative amounts). */
export function renderAlipayStatement(
  appId: string,
  day: string,
  rows: readonly AlipayStatementRow[],
): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    '#支付宝业务明细查询',
    `#账号：[${appId}]`,
    `#起始日期：[${day} 00:00:00]   终止日期：[${day} 23:59:59]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    ALIPAY_STATEMENT_COLUMNS.join(','),
  ];
  let total = 0;
  for (const r of rows) {
    const sign = r.kind === 'refund' ? -1 : 1;
    total += sign * r.amountFen;
    lines.push(
      [
        r.tradeNo,
        r.merchantOrderNo,
        r.kind === 'refund' ? '退款' : '交易',
        cell(r.subject),
        shanghaiDateTime(r.createdAt),
        shanghaiDateTime(r.finishedAt),
        '',
        '',
        '',
        '',
        '',
        fenToYuanText(sign * r.amountFen),
        fenToYuanText(sign * r.amountFen),
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '',
        '0.00',
        '0.00',
        r.refundNo ?? '',
        fenToYuanText(-sign * r.feeFen),
        '0.00',
        '',
      ].join(','),
    );
  }
  lines.push(
    '#-----------------------------------------业务明细列表结束------------------------------------',
  );
  lines.push(
    `#交易合计：${rows.filter((r) => r.kind === 'payment').length}笔，退款合计：${rows.filter((r) => r.kind === 'refund').length}笔`,
  );
  lines.push(`#实收金额（元）：${fenToYuanText(total)}`);
  lines.push(`#导出时间：[${day} 23:59:59]`);
  return `${lines.join('\n')}\n`;
}

/** Reads the 业务明细 table of an Alipay statement. */
export function parseAlipayStatement(text: string): StatementLine[] {
  const table = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .join('\n');
  if (!table) return [];
  const records = parseCsv(table, { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  return records.map((r) => {
    const refund = r.业务类型 === '退款';
    return {
      kind: refund ? 'refund' : 'payment',
      merchantOrderNo: r.商户订单号 ?? '',
      providerTradeNo: r.支付宝交易号 ?? '',
      refundNo: refund ? r['退款批次号/请求号'] || null : null,
      amountFen: Math.abs(yuanTextToFen(r['订单金额（元）']) ?? 0),
      feeFen: Math.abs(yuanTextToFen(r['服务费（元）']) ?? 0),
      occurredAt: fromShanghaiDateTime(r.完成时间 ?? '').toISOString(),
    } satisfies StatementLine;
  });
}

/** Alipay's standard rate for online merchants: 0.6% (rounded half-up to the fen). */
export const ALIPAY_FEE_PER_MILLE = 6;

export function alipayFee(amountFen: number): number {
  return Math.round((amountFen * ALIPAY_FEE_PER_MILLE) / 1000);
}

/** A zip entry's name as Alipay wrote it: GBK bytes that the zip reader took for Latin-1 unless flagged UTF-8. */
export function alipayZipEntryName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the printable ASCII range, not control characters
  if (/^[\x00-\x7f]*$/.test(name) || /[^\x00-\xff]/.test(name)) return name;
  return new TextDecoder('gbk').decode(Buffer.from(name, 'latin1'));
}

/**
 * The 业务明细 statement out of the zip Alipay's bill download URL serves: the detail CSV (not the 汇总
 * summary), decoded from GBK. STATEMENT_UNREADABLE-style failures are gateway errors finance sees on the run.
 */
export function alipayStatementFromZip(zip: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (err) {
    throw new AppError('PAYMENT_GATEWAY_ERROR', {
      reason: `the statement is not a zip archive: ${String(err)}`,
    });
  }
  const detail = Object.entries(files).find(([name]) => {
    const readable = alipayZipEntryName(name);
    return readable.endsWith('.csv') && readable.includes('业务明细') && !readable.includes('汇总');
  });
  if (!detail) {
    throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: 'the statement zip has no 业务明细 file' });
  }
  return new TextDecoder('gbk').decode(detail[1]);
}

/** The real Alipay gateway through alipay-sdk (page pay on desktop, wap pay on a phone). */
export function createAlipayGateway(keys: AlipayCodecKeys): PaymentGateway {
  const sdk = alipaySdk(keys);
  const call = async (method: string, bizContent: Record<string, string>) => {
    const result = await sdk.exec(method, { bizContent });
    return result;
  };
  const toTrade = (merchantOrderNo: string, r: Record<string, unknown>): GatewayTrade => {
    if (r.code === '40004' && r.subCode === 'ACQ.TRADE_NOT_EXIST') {
      return {
        state: 'unknown',
        merchantOrderNo,
        providerTradeNo: null,
        amountFen: null,
        currency: 'CNY',
        paidAt: null,
      };
    }
    if (r.code !== '10000')
      throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: String(r.subMsg ?? r.msg) });
    return {
      state: TRADE_STATES[String(r.tradeStatus)] ?? 'pending',
      merchantOrderNo,
      providerTradeNo: typeof r.tradeNo === 'string' ? r.tradeNo : null,
      amountFen: yuanTextToFen(typeof r.totalAmount === 'string' ? r.totalAmount : null),
      currency: 'CNY',
      paidAt: typeof r.sendPayDate === 'string' ? fromShanghaiDateTime(r.sendPayDate).toISOString() : null,
    };
  };
  return {
    provider: 'alipay',
    sandbox: false,
    async createPayment(p) {
      const mobile = p.channel === 'mobile';
      const payUrl = sdk.pageExecute(mobile ? 'alipay.trade.wap.pay' : 'alipay.trade.page.pay', 'GET', {
        bizContent: {
          out_trade_no: p.merchantOrderNo,
          total_amount: fenToYuanText(p.amountFen),
          subject: p.subject,
          product_code: mobile ? 'QUICK_WAP_WAY' : 'FAST_INSTANT_TRADE_PAY',
          time_expire: shanghaiDateTime(p.expiresAt),
        },
        notify_url: p.notifyUrl,
        return_url: p.returnUrl,
      });
      return { payUrl, qrCodeText: mobile ? null : payUrl };
    },
    verifyNotification: (rawBody) => verifyAlipayNotification(sdk, keys.appId, rawBody),
    answer: (ok) => alipayAnswer(ok),
    async queryPayment(merchantOrderNo) {
      return toTrade(merchantOrderNo, await call('alipay.trade.query', { out_trade_no: merchantOrderNo }));
    },
    async closePayment(merchantOrderNo) {
      const r = await call('alipay.trade.close', { out_trade_no: merchantOrderNo });
      if (r.code !== '10000' && r.subCode !== 'ACQ.TRADE_NOT_EXIST') {
        throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: String(r.subMsg ?? r.msg) });
      }
    },
    async refund(req) {
      const r = await call('alipay.trade.refund', {
        out_trade_no: req.merchantOrderNo,
        refund_amount: fenToYuanText(req.amountFen),
        out_request_no: req.refundNo,
        refund_reason: req.reason.slice(0, 256),
      });
      if (r.code !== '10000') {
        return { state: 'failed', providerRefundId: null, failureReason: String(r.subMsg ?? r.msg) };
      }
      // fund_change=Y: the money moved now; N on a repeat of a refund already made (same out_request_no).
      return { state: 'succeeded', providerRefundId: String(r.tradeNo ?? req.refundNo), failureReason: null };
    },
    async queryRefund(refundNo, merchantOrderNo) {
      const r = await call('alipay.trade.fastpay.refund.query', {
        out_trade_no: merchantOrderNo,
        out_request_no: refundNo,
      });
      if (r.code === '10000' && r.refundStatus === 'REFUND_SUCCESS') {
        return { state: 'succeeded', providerRefundId: String(r.tradeNo ?? refundNo), failureReason: null };
      }
      if (r.code === '10000') return { state: 'processing', providerRefundId: null, failureReason: null };
      return { state: 'failed', providerRefundId: null, failureReason: String(r.subMsg ?? r.msg) };
    },
    async downloadStatement(day) {
      const r = await call('alipay.data.dataservice.bill.downloadurl.query', {
        bill_type: 'trade',
        bill_date: day,
      });
      if (r.code !== '10000' || typeof r.billDownloadUrl !== 'string') {
        throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: String(r.subMsg ?? r.msg) });
      }
      // Alipay serves the statement as a zip of GBK CSV files (the 业务明细 table and its summary).
      const res = await fetch(r.billDownloadUrl, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) {
        throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: `statement download answered ${res.status}` });
      }
      return alipayStatementFromZip(new Uint8Array(await res.arrayBuffer()));
    },
    parseStatement: parseAlipayStatement,
    feeFen: alipayFee,
  };
}
