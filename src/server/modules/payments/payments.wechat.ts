import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../kernel/http/errors.js';
import {
  fenToYuanText,
  fromShanghaiDateTime,
  type GatewayAnswer,
  type GatewayHeaders,
  type GatewayTrade,
  type GatewayTradeState,
  headerValue,
  type NotificationCheck,
  type PaymentGateway,
  type StatementLine,
  shanghaiDateTime,
  toPem,
  yuanTextToFen,
} from './payments.gateway.js';

// WeChat Pay API v3. Requests carry `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=..,nonce_str=..,
// signature=..,timestamp=..,serial_no=..` where the signature is SHA256withRSA over
// `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`. Notifications (and responses) are signed by the platform key over
// `TIMESTAMP\nNONCE\nBODY\n` (headers Wechatpay-Timestamp, -Nonce, -Signature, -Serial); their `resource` is
// encrypted with AEAD_AES_256_GCM under the merchant's APIv3 key. Success answer: HTTP 204; failure: 4xx/5xx
// with `{"code":"FAIL","message":...}`.

/** Notifications older (or newer) than this are refused: a captured one cannot be replayed later. */
export const WECHAT_MAX_SKEW_SECONDS = 300;

export interface WechatCodecKeys {
  readonly mchId: string;
  readonly appId: string;
  readonly serialNo: string;
  readonly merchantPrivateKey: string;
  readonly apiV3Key: string;
  readonly platformPublicKey: string;
  readonly platformSerial: string;
}

/** SHA256withRSA, base64 (the one primitive every v3 signature uses). */
export function wechatSign(message: string, privateKey: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(toPem(privateKey, 'PRIVATE KEY'), 'base64');
}

export function wechatVerify(message: string, signature: string, publicKey: string): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(message, 'utf8')
      .verify(toPem(publicKey, 'PUBLIC KEY'), signature, 'base64');
  } catch {
    return false;
  }
}

/** The Authorization header of a v3 request. */
export function wechatAuthorization(
  keys: Pick<WechatCodecKeys, 'mchId' | 'serialNo' | 'merchantPrivateKey'>,
  method: string,
  urlPath: string,
  body: string,
  timestamp: number,
  nonce: string,
): string {
  const signature = wechatSign(
    `${method}\n${urlPath}\n${timestamp}\n${nonce}\n${body}\n`,
    keys.merchantPrivateKey,
  );
  return `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${keys.serialNo}"`;
}

/** AEAD_AES_256_GCM decryption of a notification resource (ciphertext = data || 16-byte tag, base64). */
export function wechatDecrypt(
  apiV3Key: string,
  nonce: string,
  associatedData: string,
  ciphertext: string,
): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length < 17) throw new Error('ciphertext too short');
  // WeChat's key is 32 bytes (AES-256); the cipher follows the key's length as Go's crypto/aes does.
  const decipher = createDecipheriv(
    `aes-${key.length * 8}-gcm` as 'aes-256-gcm',
    key,
    Buffer.from(nonce, 'utf8'),
  );
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

/** The inverse of wechatDecrypt (the sandbox plays WeChat Pay with it). */
export function wechatEncrypt(
  apiV3Key: string,
  nonce: string,
  associatedData: string,
  plaintext: string,
): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([data, cipher.getAuthTag()]).toString('base64');
}

/** A nonce of WeChat's alphabet (letters and digits). */
export function wechatNonce(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The decrypted `transaction` resource of a payment notification (the fields we read). */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: string;
  trade_state_desc?: string;
  success_time?: string;
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

const TRADE_STATES: Readonly<Record<string, GatewayTradeState>> = {
  SUCCESS: 'paid',
  REFUND: 'paid',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'failed',
};

export function wechatTrade(t: WechatTransaction): GatewayTrade {
  return {
    state: TRADE_STATES[t.trade_state] ?? 'pending',
    merchantOrderNo: t.out_trade_no,
    providerTradeNo: t.transaction_id ?? null,
    amountFen: t.amount?.total ?? null,
    currency: t.amount?.currency ?? 'CNY',
    paidAt: t.success_time ? new Date(t.success_time).toISOString() : null,
    failureReason: t.trade_state_desc ?? null,
  };
}

/** Builds a signed notification as WeChat Pay sends it (the sandbox's side of the protocol). */
export function wechatSignedNotification(
  keys: Pick<WechatCodecKeys, 'apiV3Key' | 'platformSerial'> & { platformPrivateKey: string },
  eventId: string,
  transaction: WechatTransaction,
  at: Date,
): { body: string; headers: Record<string, string> } {
  const nonce = wechatNonce(12);
  const paid = transaction.trade_state === 'SUCCESS';
  const body = JSON.stringify({
    id: eventId,
    create_time: at.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    resource_type: 'encrypt-resource',
    event_type: paid ? 'TRANSACTION.SUCCESS' : 'TRANSACTION.CLOSED',
    summary: paid ? '支付成功' : '交易关闭',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: wechatEncrypt(keys.apiV3Key, nonce, 'transaction', JSON.stringify(transaction)),
      associated_data: 'transaction',
      nonce,
    },
  });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const headerNonce = wechatNonce();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': headerNonce,
      'wechatpay-serial': keys.platformSerial,
      'wechatpay-signature': wechatSign(`${timestamp}\n${headerNonce}\n${body}\n`, keys.platformPrivateKey),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
  };
}

/** Checks the platform signature of a notification or response (and its timestamp's age). */
export function wechatCheckSignature(
  keys: Pick<WechatCodecKeys, 'platformPublicKey' | 'platformSerial'>,
  headers: GatewayHeaders,
  body: string,
  now: Date,
): string | null {
  const timestamp = headerValue(headers, 'wechatpay-timestamp');
  const nonce = headerValue(headers, 'wechatpay-nonce');
  const signature = headerValue(headers, 'wechatpay-signature');
  const serial = headerValue(headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial || !/^\d{1,12}$/.test(timestamp))
    return 'missing headers';
  if (serial !== keys.platformSerial) return `unknown platform serial ${serial}`;
  if (!wechatVerify(`${timestamp}\n${nonce}\n${body}\n`, signature, keys.platformPublicKey))
    return 'signature';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WECHAT_MAX_SKEW_SECONDS)
    return 'timestamp too old';
  return null;
}

interface WechatNotificationBody {
  id?: unknown;
  resource?: Record<string, unknown>;
}

/** Verifies, decrypts and reads a payment notification. */
export function verifyWechatNotification(
  keys: WechatCodecKeys,
  rawBody: string,
  headers: GatewayHeaders,
  now: Date,
): NotificationCheck {
  let claimedEventId: string | null = null;
  let json: WechatNotificationBody | null = null;
  try {
    json = JSON.parse(rawBody) as WechatNotificationBody | null;
    if (json && typeof json.id === 'string') claimedEventId = json.id.slice(0, 100);
  } catch {
    // unreadable: refused below as unsigned or malformed
  }
  const problem = wechatCheckSignature(keys, headers, rawBody, now);
  if (problem) return { ok: false, problem: 'bad_signature', claimedEventId, detail: problem };
  const r = json?.resource;
  if (!claimedEventId || !r || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') {
    return { ok: false, problem: 'malformed', claimedEventId, detail: 'no resource' };
  }
  let transaction: WechatTransaction;
  try {
    transaction = JSON.parse(
      wechatDecrypt(
        keys.apiV3Key,
        r.nonce,
        typeof r.associated_data === 'string' ? r.associated_data : '',
        r.ciphertext,
      ),
    ) as WechatTransaction;
  } catch {
    return { ok: false, problem: 'malformed', claimedEventId, detail: 'resource does not decrypt' };
  }
  if (transaction.mchid !== keys.mchId || !transaction.out_trade_no) {
    return { ok: false, problem: 'malformed', claimedEventId, detail: `mchid ${transaction.mchid}` };
  }
  return { ok: true, eventId: claimedEventId, trade: wechatTrade(transaction) };
}

export function wechatAnswer(ok: boolean, message?: string): GatewayAnswer {
  return ok
    ? { status: 204, contentType: 'application/json', body: '' }
    : {
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'FAIL', message: message ?? '失败' }),
      };
}

/** Columns of WeChat Pay's 交易账单 (bill_type ALL), in WeChat's order. */
export const WECHAT_STATEMENT_COLUMNS = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const;

export interface WechatStatementRow {
  at: Date;
  transactionId: string;
  merchantOrderNo: string;
  kind: 'payment' | 'refund';
  amountFen: number;
  totalFen: number;
  feeFen: number;
  refundNo: string | null;
  providerRefundId: string | null;
  subject: string;
}

/** A WeChat Pay 交易账单: every field prefixed with a backtick (so spreadsheets keep long numbers as text). */
export function renderWechatStatement(
  keys: Pick<WechatCodecKeys, 'appId' | 'mchId'>,
  rows: readonly WechatStatementRow[],
): string {
  const f = (v: string) => `\`${v}`;
  const lines = [WECHAT_STATEMENT_COLUMNS.join(',')];
  let settled = 0;
  let refunded = 0;
  let fees = 0;
  for (const r of rows) {
    const refund = r.kind === 'refund';
    if (refund) refunded += r.amountFen;
    else settled += r.amountFen;
    fees += refund ? -r.feeFen : r.feeFen;
    lines.push(
      [
        shanghaiDateTime(r.at),
        keys.appId,
        keys.mchId,
        '0',
        '',
        r.transactionId,
        r.merchantOrderNo,
        'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
        'NATIVE',
        refund ? 'REFUND' : 'SUCCESS',
        'OTHERS',
        'CNY',
        fenToYuanText(refund ? 0 : r.amountFen),
        '0.00',
        r.providerRefundId ?? '0',
        r.refundNo ?? '0',
        fenToYuanText(refund ? r.amountFen : 0),
        '0.00',
        refund ? 'ORIGINAL' : '',
        refund ? 'SUCCESS' : '',
        r.subject,
        '',
        fenToYuanText(refund ? -r.feeFen : r.feeFen),
        '0.60%',
        fenToYuanText(r.totalFen),
        fenToYuanText(refund ? r.amountFen : 0),
        '',
      ]
        .map(f)
        .join(','),
    );
  }
  lines.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
  lines.push(
    [
      rows.length,
      fenToYuanText(settled),
      fenToYuanText(refunded),
      '0.00',
      fenToYuanText(fees),
      fenToYuanText(settled),
      fenToYuanText(refunded),
    ]
      .map((v) => `\`${v}`)
      .join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

/** Reads a WeChat Pay 交易账单 (drops the backticks and the summary lines). */
export function parseWechatStatement(text: string): StatementLine[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const end = lines.findIndex((l) => l.startsWith('总交易单数'));
  const table = (end >= 0 ? lines.slice(0, end) : lines).join('\n');
  if (!table) return [];
  const records = parseCsv(table, { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  const v = (r: Record<string, string>, k: string) => (r[k] ?? '').replace(/^`/, '');
  return records.map((r) => {
    const refund = v(r, '交易状态') === 'REFUND';
    return {
      kind: refund ? 'refund' : 'payment',
      merchantOrderNo: v(r, '商户订单号'),
      providerTradeNo: v(r, '微信订单号'),
      refundNo: refund ? v(r, '商户退款单号') : null,
      amountFen: Math.abs(yuanTextToFen(v(r, refund ? '退款金额' : '应结订单金额')) ?? 0),
      feeFen: Math.abs(yuanTextToFen(v(r, '手续费')) ?? 0),
      occurredAt: fromShanghaiDateTime(v(r, '交易时间')).toISOString(),
    } satisfies StatementLine;
  });
}

/** WeChat Pay's standard merchant rate: 0.6%. */
export function wechatFee(amountFen: number): number {
  return Math.round((amountFen * 6) / 1000);
}

const API = 'https://api.mch.weixin.qq.com';

/** The real WeChat Pay gateway (Native pay: a code_url the buyer scans or opens in WeChat). */
export function createWechatGateway(keys: WechatCodecKeys): PaymentGateway {
  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
  ): Promise<{ status: number; json: T | null; text: string }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = wechatAuthorization(
      keys,
      method,
      path,
      body,
      Math.floor(Date.now() / 1000),
      wechatNonce(),
    );
    const res = await fetch(`${API}${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        'user-agent': 'autoyard-payments',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    // Responses are signed like notifications: an unsigned answer is not WeChat Pay's.
    if (res.status < 300 && text) {
      const problem = wechatCheckSignature(keys, Object.fromEntries(res.headers), text, new Date());
      if (problem) throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: `response signature: ${problem}` });
    }
    let json: T | null = null;
    try {
      json = text ? (JSON.parse(text) as T) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  }
  const failed = (r: { text: string }) =>
    new AppError('PAYMENT_GATEWAY_ERROR', { reason: r.text.slice(0, 200) });
  interface RefundAnswer {
    refund_id?: string;
    status?: string;
  }
  const refundResult = (r: { status: number; json: RefundAnswer | null; text: string }) => {
    if (r.status >= 300 || !r.json)
      return { state: 'failed' as const, providerRefundId: null, failureReason: r.text.slice(0, 200) };
    const s = r.json.status;
    return {
      state:
        s === 'SUCCESS'
          ? ('succeeded' as const)
          : s === 'PROCESSING'
            ? ('processing' as const)
            : ('failed' as const),
      providerRefundId: r.json.refund_id ?? null,
      failureReason: s === 'SUCCESS' || s === 'PROCESSING' ? null : `refund ${s}`,
    };
  };
  return {
    provider: 'wechat_pay',
    sandbox: false,
    async createPayment(p) {
      const r = await request<{ code_url?: string }>('POST', '/v3/pay/transactions/native', {
        appid: keys.appId,
        mchid: keys.mchId,
        description: p.subject.slice(0, 127),
        out_trade_no: p.merchantOrderNo,
        time_expire: p.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        notify_url: p.notifyUrl,
        amount: { total: p.amountFen, currency: 'CNY' },
      });
      if (r.status >= 300 || !r.json?.code_url) throw failed(r);
      return { payUrl: r.json.code_url, qrCodeText: r.json.code_url };
    },
    verifyNotification: (rawBody, headers, now) => verifyWechatNotification(keys, rawBody, headers, now),
    answer: wechatAnswer,
    async queryPayment(merchantOrderNo) {
      const r = await request<WechatTransaction>(
        'GET',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(merchantOrderNo)}?mchid=${keys.mchId}`,
      );
      if (r.status === 404) {
        return {
          state: 'unknown',
          merchantOrderNo,
          providerTradeNo: null,
          amountFen: null,
          currency: 'CNY',
          paidAt: null,
        };
      }
      if (r.status >= 300 || !r.json) throw failed(r);
      return wechatTrade(r.json);
    },
    async closePayment(merchantOrderNo) {
      const r = await request(
        'POST',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(merchantOrderNo)}/close`,
        { mchid: keys.mchId },
      );
      if (r.status >= 300 && r.status !== 404) throw failed(r);
    },
    async refund(req) {
      return refundResult(
        await request<RefundAnswer>('POST', '/v3/refund/domestic/refunds', {
          out_trade_no: req.merchantOrderNo,
          out_refund_no: req.refundNo,
          reason: req.reason.slice(0, 80),
          amount: { refund: req.amountFen, total: req.totalFen, currency: 'CNY' },
        }),
      );
    },
    async queryRefund(refundNo) {
      return refundResult(
        await request<RefundAnswer>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(refundNo)}`),
      );
    },
    async downloadStatement(day) {
      const r = await request<{ download_url?: string }>(
        'GET',
        `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL`,
      );
      if (r.status >= 300 || !r.json?.download_url) throw failed(r);
      const url = new URL(r.json.download_url);
      const path = `${url.pathname}${url.search}`;
      const authorization = wechatAuthorization(
        keys,
        'GET',
        path,
        '',
        Math.floor(Date.now() / 1000),
        wechatNonce(),
      );
      const file = await fetch(r.json.download_url, {
        headers: { authorization },
        signal: AbortSignal.timeout(30_000),
      });
      if (!file.ok)
        throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: `statement download ${file.status}` });
      return file.text();
    },
    parseStatement: parseWechatStatement,
    feeFen: wechatFee,
  };
}
