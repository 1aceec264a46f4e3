import { createHmac } from 'node:crypto';
import { safeEqual } from '../../kernel/crypto.js';

/**
 * How lender callbacks are signed (the protocol our lenders share): HMAC-SHA256, hex, over
 * `timestamp + "\n" + nonce + "\n" + body` with the lender's secret, sent in `X-Lender-Timestamp` (Unix
 * seconds), `X-Lender-Nonce` and `X-Lender-Signature`. A timestamp more than 5 minutes from our clock is
 * refused, so a captured callback cannot be replayed later; within the window the event id dedupes.
 */

export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

export interface SignatureHeaders {
  'x-lender-timestamp'?: string | undefined;
  'x-lender-nonce'?: string | undefined;
  'x-lender-signature'?: string | undefined;
}

export function signCallback(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
}

/** The headers a lender sends with `body` at `at`. */
export function signedHeaders(
  secret: string,
  body: string,
  at: Date,
  nonce: string,
): Required<SignatureHeaders> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'x-lender-timestamp': timestamp,
    'x-lender-nonce': nonce,
    'x-lender-signature': signCallback(secret, timestamp, nonce, body),
  };
}

export type SignatureCheck = 'ok' | 'bad' | 'expired';

/** Checks the signature first (an unsigned timestamp proves nothing), then the timestamp's age. */
export function verifySignature(
  secret: string | undefined,
  headers: SignatureHeaders,
  body: string,
  now: Date,
): SignatureCheck {
  const timestamp = headers['x-lender-timestamp'];
  const nonce = headers['x-lender-nonce'];
  const signature = headers['x-lender-signature'];
  if (!secret || !timestamp || !nonce || !signature || !/^\d{1,12}$/.test(timestamp)) return 'bad';
  if (!safeEqual(signCallback(secret, timestamp, nonce, body), signature.toLowerCase())) return 'bad';
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SIGNATURE_MAX_AGE_MS) return 'expired';
  return 'ok';
}
