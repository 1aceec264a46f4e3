import { randomUUID } from 'node:crypto';
import { percentEncode, rpcTimestamp, signRpcRequest } from './aliyun-signer.js';
import { type SmsMessage, type SmsProvider, SmsSendError } from './sms.js';

export const ALIYUN_SMS_DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/** Which Aliyun template serves one of our template keys, and which of our params it takes. */
export interface AliyunTemplate {
  readonly templateCode: string;
  readonly params: readonly string[];
}

export interface AliyunSmsOptions {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly templates: Readonly<Record<string, AliyunTemplate>>;
  readonly endpoint?: string;
  readonly regionId?: string;
  /** Per attempt. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  /** First retry delay; doubles each retry. */
  readonly backoffMs?: number;
  readonly now?: () => Date;
  readonly nonce?: () => string;
}

/**
 * Aliyun error codes worth retrying: the provider or its gateways were busy or down. Everything else
 * (bad number, template, signature, balance, per-number flow control, credentials) is permanent.
 */
const RETRYABLE_CODES = new Set([
  'isp.SYSTEM_ERROR',
  'isp.GATEWAY_ERROR',
  'isv.SYSTEM_BUSY',
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable',
  'InternalError',
  'SignatureNonceUsed',
]);

/** Whether an Aliyun SendSms error code may succeed on a later attempt. */
export function isRetryableAliyunCode(code: string): boolean {
  return RETRYABLE_CODES.has(code);
}

interface AliyunResponse {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

/**
 * Aliyun SMS (Dysmsapi SendSms, API version 2017-05-25) over its RPC protocol with signature V1.0
 * (HMAC-SHA1). Requests are POSTed as a signed form body; timeouts and retryable codes are retried
 * with a fresh nonce and exponential backoff.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  readonly #o: Required<Omit<AliyunSmsOptions, 'now' | 'nonce'>> & { now: () => Date; nonce: () => string };

  constructor(options: AliyunSmsOptions) {
    this.#o = {
      endpoint: ALIYUN_SMS_DEFAULT_ENDPOINT,
      regionId: 'cn-hangzhou',
      timeoutMs: 5000,
      maxAttempts: 3,
      backoffMs: 200,
      now: () => new Date(),
      nonce: () => randomUUID(),
      ...options,
    };
  }

  /** The signed parameters of one SendSms call (exposed for tests and diagnostics). */
  signedParams(message: SmsMessage): Record<string, string> {
    const template = this.#o.templates[message.templateKey];
    if (!template) {
      throw new SmsSendError({
        provider: this.name,
        providerCode: 'TEMPLATE_NOT_CONFIGURED',
        retryable: false,
        message: `No Aliyun template configured for ${message.templateKey}`,
      });
    }
    const templateParam: Record<string, string> = {};
    for (const key of template.params) {
      const value = message.params[key];
      if (value !== undefined) templateParam[key] = value;
    }
    const params: Record<string, string> = {
      AccessKeyId: this.#o.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.phone,
      RegionId: this.#o.regionId,
      SignName: this.#o.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: this.#o.nonce(),
      SignatureVersion: '1.0',
      TemplateCode: template.templateCode,
      TemplateParam: JSON.stringify(templateParam),
      Timestamp: rpcTimestamp(this.#o.now()),
      Version: '2017-05-25',
    };
    params.Signature = signRpcRequest('POST', params, this.#o.accessKeySecret);
    return params;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    let delay = this.#o.backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(message);
      } catch (e) {
        if (!(e instanceof SmsSendError) || !e.retryable || attempt >= this.#o.maxAttempts) throw e;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }

  async #attempt(message: SmsMessage): Promise<{ providerMessageId: string }> {
    // A fresh nonce and timestamp per attempt: Aliyun rejects a reused SignatureNonce.
    const params = this.signedParams(message);
    const body = Object.entries(params)
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    let res: Response;
    try {
      res = await fetch(this.#o.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new SmsSendError({
        provider: this.name,
        providerCode: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        retryable: true,
        message: timedOut
          ? `Aliyun SMS did not answer within ${this.#o.timeoutMs} ms`
          : 'Aliyun SMS unreachable',
      });
    }
    let payload: AliyunResponse | undefined;
    try {
      payload = (await res.json()) as AliyunResponse;
    } catch {
      payload = undefined;
    }
    const code = payload?.Code;
    if (res.ok && code === 'OK' && payload?.BizId) return { providerMessageId: payload.BizId };
    if (code) {
      throw new SmsSendError({
        provider: this.name,
        providerCode: code,
        retryable: isRetryableAliyunCode(code) || res.status >= 500,
        message: `Aliyun SMS refused the message: ${code}${payload?.Message ? ` (${payload.Message})` : ''}`,
      });
    }
    throw new SmsSendError({
      provider: this.name,
      providerCode: `HTTP_${res.status}`,
      retryable: res.status >= 500 || res.status === 429,
      message: `Aliyun SMS answered HTTP ${res.status} without an error code`,
    });
  }
}
