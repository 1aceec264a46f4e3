import { createHash, createSign, createVerify } from 'node:crypto';
import { AppError } from '../../kernel/http/errors.js';
import {
  fenToYuanText,
  type GatewayAnswer,
  type GatewayTrade,
  type NotificationCheck,
  type PaymentGateway,
  shanghaiCompact,
  toPem,
} from './payments.gateway.js';
import { parseUnionpayStatement, unionpayStatementFromFileContent } from './payments.unionpay-statement.js';

// UnionPay online (银联全渠道 ACP 5.1.0, signMethod 01): the signature is SHA256withRSA over the lowercase hex
// SHA-256 of the parameters sorted by name as `key=value&...` (without `signature`), base64, with the signing
// certificate named by `certId`. Notifications are form posts to backUrl; the gateway wants HTTP 200 (we
// answer `ok`), anything else is sent again.

export interface UnionpayCodecKeys {
  readonly merId: string;
  readonly certId: string;
  readonly merchantPrivateKey: string;
  /** UnionPay's signing public key (verifies notifications and answers). */
  readonly unionpayPublicKey: string;
  readonly gateway?: string;
  /** The file-transfer host (statements); UnionPay's production one by default. */
  readonly fileGateway?: string;
}

export function unionpaySignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function unionpaySign(params: Readonly<Record<string, string>>, privateKey: string): string {
  const digest = createHash('sha256').update(unionpaySignContent(params), 'utf8').digest('hex');
  return createSign('RSA-SHA256').update(digest, 'utf8').sign(toPem(privateKey, 'PRIVATE KEY'), 'base64');
}

export function unionpayVerify(params: Readonly<Record<string, string>>, publicKey: string): boolean {
  const signature = params.signature;
  if (!signature) return false;
  const digest = createHash('sha256').update(unionpaySignContent(params), 'utf8').digest('hex');
  try {
    return createVerify('RSA-SHA256')
      .update(digest, 'utf8')
      .verify(toPem(publicKey, 'PUBLIC KEY'), signature, 'base64');
  } catch {
    return false;
  }
}

/** Signs a parameter set (adds signMethod 01 and certId). */
export function unionpaySigned(
  params: Readonly<Record<string, string>>,
  certId: string,
  privateKey: string,
): Record<string, string> {
  const withCert = { ...params, certId, signMethod: '01' };
  return { ...withCert, signature: unionpaySign(withCert, privateKey) };
}

/** UnionPay's txnTime is the first 14 digits after our two-letter prefix (AY/RF + yyyyMMddHHmmss + ...). */
export function txnTimeOf(orderNo: string): string {
  return orderNo.slice(2, 16);
}

/** respCode/origRespCode: 00 and A6 are success; 03, 04 and 05 mean "in progress, ask again". */
function stateOfCode(code: string | undefined): GatewayTrade['state'] {
  if (code === '00' || code === 'A6') return 'paid';
  if (code === '03' || code === '04' || code === '05') return 'pending';
  if (code === '34') return 'unknown';
  return 'failed';
}

export function verifyUnionpayNotification(
  keys: Pick<UnionpayCodecKeys, 'merId' | 'unionpayPublicKey'>,
  rawBody: string,
): NotificationCheck {
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  const claimedEventId = params.queryId
    ? `${params.queryId}:${params.txnType ?? ''}:${params.respCode ?? ''}`
    : null;
  if (!unionpayVerify(params, keys.unionpayPublicKey)) {
    return { ok: false, problem: 'bad_signature', claimedEventId, detail: 'RSA-SHA256 signature' };
  }
  const amount = params.txnAmt && /^\d{1,12}$/.test(params.txnAmt) ? Number(params.txnAmt) : null;
  if (!claimedEventId || !params.orderId || amount === null || params.txnType !== '01') {
    return { ok: false, problem: 'malformed', claimedEventId, detail: 'not a consume notification' };
  }
  if (params.merId !== keys.merId) {
    return { ok: false, problem: 'malformed', claimedEventId, detail: `merId ${params.merId}` };
  }
  return {
    ok: true,
    eventId: claimedEventId,
    trade: {
      state: stateOfCode(params.respCode),
      merchantOrderNo: params.orderId,
      providerTradeNo: params.queryId ?? null,
      amountFen: amount,
      // ISO 4217 numeric: 156 is CNY.
      currency: params.currencyCode === '156' ? 'CNY' : (params.currencyCode ?? 'unknown'),
      paidAt: params.traceTime ? new Date().toISOString() : null,
      failureReason: params.respMsg ?? null,
    },
  };
}

export function unionpayAnswer(ok: boolean): GatewayAnswer {
  return ok
    ? { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' }
    : { status: 400, contentType: 'text/plain; charset=utf-8', body: 'fail' };
}

/** UnionPay online card rate used for the fee posting: 0.5%. */
export function unionpayFee(amountFen: number): number {
  return Math.round((amountFen * 5) / 1000);
}

/** The fields every ACP request carries. */
function base(keys: UnionpayCodecKeys): Record<string, string> {
  return { version: '5.1.0', encoding: 'UTF-8', merId: keys.merId, accessType: '0' };
}

/**
 * The real UnionPay gateway. The consume request is a signed form the buyer's browser posts to
 * frontTransReq.do: payUrl is our relay page carrying the signed fields (it renders the form to post).
 */
export function createUnionpayGateway(keys: UnionpayCodecKeys, relayBaseUrl: string): PaymentGateway {
  const gateway = keys.gateway ?? 'https://gateway.95516.com';
  const fileGateway = keys.fileGateway ?? 'https://filedownload.95516.com';
  const back = (path: string, params: Record<string, string>) => post(gateway, path, params);
  async function post(
    host: string,
    path: string,
    params: Record<string, string>,
  ): Promise<Record<string, string>> {
    const res = await fetch(`${host}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(unionpaySigned(params, keys.certId, keys.merchantPrivateKey)).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = Object.fromEntries(new URLSearchParams(await res.text()));
    if (!unionpayVerify(answer, keys.unionpayPublicKey)) {
      throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: 'UnionPay answer signature' });
    }
    return answer;
  }
  const query = async (orderNo: string) =>
    back('/gateway/api/queryTrans.do', {
      ...base(keys),
      txnType: '00',
      txnSubType: '00',
      bizType: '000000',
      orderId: orderNo,
      txnTime: txnTimeOf(orderNo),
    });
  return {
    provider: 'unionpay',
    sandbox: false,
    async createPayment(p) {
      const fields = unionpaySigned(
        {
          ...base(keys),
          txnType: '01',
          txnSubType: '01',
          bizType: '000201',
          channelType: p.channel === 'mobile' ? '08' : '07',
          orderId: p.merchantOrderNo,
          txnTime: txnTimeOf(p.merchantOrderNo),
          txnAmt: String(p.amountFen),
          currencyCode: '156',
          backUrl: p.notifyUrl,
          frontUrl: p.returnUrl,
          payTimeout: p.expiresAt.toISOString().replace(/\D/g, '').slice(0, 14),
        },
        keys.certId,
        keys.merchantPrivateKey,
      );
      const payUrl = `${relayBaseUrl.replace(/\/$/, '')}/api/v1/payments/unionpay/relay?${new URLSearchParams(fields).toString()}`;
      return { payUrl, qrCodeText: p.channel === 'mobile' ? null : payUrl };
    },
    verifyNotification: (rawBody) =>
      verifyUnionpayNotification({ merId: keys.merId, unionpayPublicKey: keys.unionpayPublicKey }, rawBody),
    answer: unionpayAnswer,
    async queryPayment(merchantOrderNo) {
      const a = await query(merchantOrderNo);
      if (a.respCode !== '00') {
        return {
          state: a.respCode === '34' ? 'unknown' : 'pending',
          merchantOrderNo,
          providerTradeNo: null,
          amountFen: null,
          currency: 'CNY',
          paidAt: null,
        };
      }
      return {
        state: stateOfCode(a.origRespCode),
        merchantOrderNo,
        providerTradeNo: a.queryId ?? null,
        amountFen: a.txnAmt ? Number(a.txnAmt) : null,
        currency: a.currencyCode === '156' ? 'CNY' : (a.currencyCode ?? 'CNY'),
        paidAt: null,
      };
    },
    async closePayment() {
      // An unpaid UnionPay consume simply times out at payTimeout; there is nothing to close.
    },
    async refund(req) {
      const a = await back('/gateway/api/backTransReq.do', {
        ...base(keys),
        txnType: '04',
        txnSubType: '00',
        bizType: '000201',
        channelType: '07',
        orderId: req.refundNo,
        origQryId: req.providerTradeNo ?? '',
        txnTime: txnTimeOf(req.refundNo),
        txnAmt: String(req.amountFen),
        backUrl: 'http://www.specialUrl.com',
      });
      if (a.respCode === '00' || a.respCode === '03' || a.respCode === '04' || a.respCode === '05') {
        return { state: 'processing', providerRefundId: a.queryId ?? null, failureReason: null };
      }
      return {
        state: 'failed',
        providerRefundId: null,
        failureReason: a.respMsg ?? `respCode ${a.respCode}`,
      };
    },
    async queryRefund(refundNo) {
      const a = await query(refundNo);
      const state = a.respCode === '00' ? stateOfCode(a.origRespCode) : 'pending';
      if (state === 'paid')
        return { state: 'succeeded', providerRefundId: a.queryId ?? null, failureReason: null };
      if (state === 'failed')
        return { state: 'failed', providerRefundId: null, failureReason: a.origRespMsg ?? null };
      return { state: 'processing', providerRefundId: null, failureReason: null };
    },
    async downloadStatement(day, at) {
      // 文件传输类交易: the day's merchant statement (fileType 00) from the file gateway.
      const a = await post(fileGateway, '/', {
        ...base(keys),
        txnType: '76',
        txnSubType: '01',
        bizType: '000000',
        settleDate: day.slice(5, 7) + day.slice(8, 10),
        txnTime: shanghaiCompact(at),
        fileType: '00',
      });
      if (a.respCode !== '00' || !a.fileContent) {
        // 98: the file is not ready yet (files are produced after settlement); the run fails and is retried.
        throw new AppError('PAYMENT_GATEWAY_ERROR', {
          reason: `UnionPay statement ${day}: respCode ${a.respCode} ${a.respMsg ?? ''}`.trim(),
        });
      }
      return unionpayStatementFromFileContent(a.fileContent);
    },
    parseStatement: parseUnionpayStatement,
    feeFen: unionpayFee,
  };
}

/** For docs and the relay page: the front gateway the signed consume form posts to. */
export function unionpayFrontUrl(gateway: string): string {
  return `${gateway.replace(/\/$/, '')}/gateway/api/frontTransReq.do`;
}

export { fenToYuanText };
