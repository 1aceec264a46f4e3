import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { Config } from '../config.js';

type KeyConfig = Pick<Config, 'dataEncryptionKey'>;
type SecretConfig = Pick<Config, 'sessionSecret'>;

const VERSION = 'v1';
const IV_BYTES = 12;

function dataKey(config: KeyConfig): Buffer {
  // The configured key is a string of any length >= 32; SHA-256 turns it into exactly 256 bits.
  return createHash('sha256').update(`autoyard:personal:${config.dataEncryptionKey}`).digest();
}

/** Encrypts personal data at rest with AES-256-GCM; output `v1:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptPersonal(config: KeyConfig, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey(config), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(':');
}

/** Decrypts a value made by `encryptPersonal`; throws if it was altered or the key is wrong. */
export function decryptPersonal(config: KeyConfig, ciphertext: string): string {
  const [version, iv, tag, body] = ciphertext.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
    throw new Error('Unsupported ciphertext format');
  }
  const decipher = createDecipheriv('aes-256-gcm', dataKey(config), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** HMAC-SHA256 (hex) of `value` under a key derived from the session secret and `purpose`. */
export function keyedHash(config: SecretConfig, purpose: string, value: string): string {
  const key = createHmac('sha256', config.sessionSecret).update(purpose).digest();
  return createHmac('sha256', key).update(value).digest('hex');
}

/** A random token of `bytes` bytes (default 256 bits), base64url without padding. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
