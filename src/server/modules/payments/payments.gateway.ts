import type { OnlineProvider, PaymentChannel } from './payments.enums.js';

/**
 * What the payments module needs of a payment gateway. Each provider implements it to its published
 * protocol (payments.alipay.ts, payments.wechat.ts, payments.unionpay.ts); the sandbox gateways
 * (payments.sandbox.ts) implement it too and verify with the same protocol code. The rest of the module calls
 * only this interface, and never while holding a row lock: gateway calls happen outside transactions.
 */
export interface PaymentGateway {
  readonly provider: OnlineProvider;
  /** True for a sandbox gateway (the console and the pay page say so). */
  readonly sandbox: boolean;
  /** Opens the payment at the gateway: the page (or app link) the buyer pays on, and the QR payload for desktop. */
  createPayment(payment: GatewayPayment, at: Date): Promise<CreatedPayment>;
  /** Verifies a notification's signature over its exact bytes and reads it; nothing here touches the database. */
  verifyNotification(rawBody: string, headers: GatewayHeaders, now: Date): NotificationCheck;
  /** The exact HTTP answer the provider expects for a notification we took (`ok`) or refused. */
  answer(ok: boolean, message?: string): GatewayAnswer;
  /** Where a trade stands at the gateway (the lost-notification repair). */
  queryPayment(merchantOrderNo: string, at: Date): Promise<GatewayTrade>;
  /** Closes an unpaid trade, so an expired intent cannot be paid afterwards. */
  closePayment(merchantOrderNo: string, at: Date): Promise<void>;
  /** Pays money back to the payer of a trade; idempotent on `refundNo`. */
  refund(request: GatewayRefundRequest, at: Date): Promise<GatewayRefundResult>;
  queryRefund(refundNo: string, merchantOrderNo: string, at: Date): Promise<GatewayRefundResult>;
  /** The provider's statement of one Asia/Shanghai day (YYYY-MM-DD), as the provider formats it. */
  downloadStatement(day: string, at: Date): Promise<string>;
  /** Reads a statement of this provider's format into lines. */
  /** `day` (yyyy-MM-dd) is the statement's settlement day (UnionPay's lines carry no year). */
  parseStatement(text: string, day: string): StatementLine[];
  /** The provider's service fee for a payment of `amountFen` (posted as a gateway fee). */
  feeFen(amountFen: number): number;
}

export type GatewayHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface GatewayPayment {
  /** Our intent (the sandbox's pay page is addressed by it). */
  readonly intentId: string;
  readonly merchantOrderNo: string;
  readonly amountFen: number;
  readonly subject: string;
  readonly channel: PaymentChannel;
  readonly expiresAt: Date;
  readonly notifyUrl: string;
  /** Where the buyer returns after paying (the order page). */
  readonly returnUrl: string;
}

export interface CreatedPayment {
  readonly payUrl: string;
  /** What the desktop QR code encodes (the pay page's link, or the gateway's code_url). */
  readonly qrCodeText: string | null;
}

/** paid / pending (waiting for the buyer) / failed / closed (unpaid, ended) / unknown (the gateway never saw it). */
export type GatewayTradeState = 'paid' | 'pending' | 'failed' | 'closed' | 'unknown';

export interface GatewayTrade {
  readonly state: GatewayTradeState;
  readonly merchantOrderNo: string;
  readonly providerTradeNo: string | null;
  /** What the gateway says was paid (fen); null when it says nothing. */
  readonly amountFen: number | null;
  readonly currency: string;
  readonly paidAt: string | null;
  readonly failureReason?: string | null;
}

export type NotificationCheck =
  | { readonly ok: true; readonly eventId: string; readonly trade: GatewayTrade }
  | {
      readonly ok: false;
      readonly problem: 'bad_signature' | 'malformed';
      readonly claimedEventId: string | null;
      readonly detail: string;
    };

export interface GatewayAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface GatewayRefundRequest {
  readonly merchantOrderNo: string;
  readonly providerTradeNo: string | null;
  readonly refundNo: string;
  readonly amountFen: number;
  /** The whole amount of the trade refunded from (WeChat Pay and UnionPay ask for it). */
  readonly totalFen: number;
  readonly reason: string;
}

export interface GatewayRefundResult {
  readonly state: 'succeeded' | 'processing' | 'failed';
  readonly providerRefundId: string | null;
  readonly failureReason: string | null;
}

/** One line of a daily statement: a payment, or a refund (amounts always positive fen). */
export interface StatementLine {
  readonly kind: 'payment' | 'refund';
  readonly merchantOrderNo: string;
  readonly providerTradeNo: string;
  readonly refundNo: string | null;
  readonly amountFen: number;
  readonly feeFen: number;
  readonly occurredAt: string;
}

/** A header's single value (Node gives arrays for repeated headers). */
export function headerValue(headers: GatewayHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** "123.45" (yuan, as gateways write it) -> 12345 fen; null when it is not a plain amount. */
export function yuanTextToFen(text: string | undefined | null): number | null {
  if (!text) return null;
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** 12345 fen -> "123.45" (what gateways take). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Bare base64 keys (how Alipay's key tool and env vars often hold them) -> PEM. */
export function toPem(key: string, kind: 'PUBLIC KEY' | 'PRIVATE KEY' | 'RSA PRIVATE KEY'): string {
  const trimmed = key.trim().replace(/\\n/g, '\n');
  if (trimmed.startsWith('-----BEGIN')) return trimmed;
  const body = trimmed.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${kind}-----\n${body.trim()}\n-----END ${kind}-----`;
}

/** A time in Asia/Shanghai as gateways write it: `yyyy-MM-dd HH:mm:ss`. */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `yyyyMMddHHmmss` in Asia/Shanghai (UnionPay's txnTime). */
export function shanghaiCompact(at: Date): string {
  return shanghaiDateTime(at).replace(/[-: ]/g, '');
}

/** The instant of a `yyyy-MM-dd HH:mm:ss` Asia/Shanghai time. */
export function fromShanghaiDateTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}+08:00`);
}
