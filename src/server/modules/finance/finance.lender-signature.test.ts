import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCallback, signedHeaders, verifySignature } from './finance.lender-signature.js';

const secret = 'dev-lender-callback-secret-cmb';
const body = '{"eventId":"SBX-CMB-1-2","status":"approved"}';
const now = new Date('2026-11-21T02:00:00Z');

describe('lender callback signatures', () => {
  it('is HMAC-SHA256 in hex over timestamp, newline, nonce, newline, body', () => {
    const expected = createHmac('sha256', secret).update(`1795226400\nn0nce\n${body}`).digest('hex');
    expect(signCallback(secret, '1795226400', 'n0nce', body)).toBe(expected);
  });

  it('accepts a good signature', () => {
    expect(verifySignature(secret, signedHeaders(secret, body, now, 'abc'), body, now)).toBe('ok');
  });

  it('refuses a signature by another secret, over another body, or missing', () => {
    const other = signedHeaders('someone-else-secret', body, now, 'abc');
    expect(verifySignature(secret, other, body, now)).toBe('bad');
    expect(verifySignature(secret, signedHeaders(secret, body, now, 'abc'), `${body} `, now)).toBe('bad');
    expect(verifySignature(secret, {}, body, now)).toBe('bad');
    expect(verifySignature(undefined, signedHeaders(secret, body, now, 'abc'), body, now)).toBe('bad');
  });

  it('refuses a timestamp more than 5 minutes old or ahead, and accepts one just inside', () => {
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(verifySignature(secret, signedHeaders(secret, body, at(-301_000), 'a'), body, now)).toBe(
      'expired',
    );
    expect(verifySignature(secret, signedHeaders(secret, body, at(301_000), 'a'), body, now)).toBe('expired');
    expect(verifySignature(secret, signedHeaders(secret, body, at(-299_000), 'a'), body, now)).toBe('ok');
  });
});
