/** One text message to one mainland mobile number. */
export interface SmsMessage {
  /** 11-digit mainland mobile number, already normalised. */
  readonly phone: string;
  /** Our template key (e.g. `auth.sms_code`); providers map it to their own template ids. */
  readonly templateKey: string;
  /** Template variables, e.g. `{ code: '123456' }`. */
  readonly params: Readonly<Record<string, string>>;
  /** The rendered text, for providers (and the dev inbox) that send or show plain text. */
  readonly text: string;
}

/** An SMS gateway adapter; `send` resolves once the provider accepted the message. */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

/**
 * Why a provider did not accept a message. `retryable` means the same message may succeed later
 * (timeouts, throttling, provider outages); permanent failures (bad number, bad template, no
 * balance, per-number limits) will not succeed on retry.
 */
export class SmsSendError extends Error {
  readonly provider: string;
  readonly providerCode: string;
  readonly retryable: boolean;
  constructor(args: { provider: string; providerCode: string; retryable: boolean; message: string }) {
    super(args.message);
    this.name = 'SmsSendError';
    this.provider = args.provider;
    this.providerCode = args.providerCode;
    this.retryable = args.retryable;
  }
}
