import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { checkPasswordStrength } from './auth/passwords.js';
import { decryptPersonal, encryptPersonal, keyedHash, randomToken } from './crypto.js';

const config = testConfig();

describe('crypto', () => {
  it('round-trips personal data and never produces the same ciphertext twice', () => {
    const a = encryptPersonal(config, '13812345678');
    const b = encryptPersonal(config, '13812345678');
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(decryptPersonal(config, a)).toBe('13812345678');
  });

  it('refuses a tampered ciphertext or a different key', () => {
    const c = encryptPersonal(config, '北京市朝阳区建国路88号');
    const parts = c.split(':');
    const flipped = [...parts.slice(0, 3), `${parts[3]?.slice(0, -2)}AA`].join(':');
    expect(() => decryptPersonal(config, flipped)).toThrow();
    const other = testConfig({ dataEncryptionKey: 'another-key-0123456789abcdef0123456789abcdef' });
    expect(() => decryptPersonal(other, c)).toThrow();
  });

  it('keys hashes by purpose', () => {
    expect(keyedHash(config, 'session-token', 'x')).not.toBe(keyedHash(config, 'csrf', 'x'));
    expect(keyedHash(config, 'csrf', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes tokens of at least 128 random bits', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(randomToken());
  });
});

describe('password strength', () => {
  it('accepts a long passphrase', () => {
    expect(checkPasswordStrength('Chongqing-Hotpot-Night-77', 'li.lei@autoyard.cn')).toBeNull();
  });

  it('refuses the published demo password, in any case', () => {
    expect(checkPasswordStrength('Autoyard-demo-2026', 'admin@autoyard.cn')?.reason).toBe('published');
    expect(checkPasswordStrength('AUTOYARD-DEMO-2026', 'ops@example.cn')?.reason).toBe('published');
  });

  it('refuses common passwords even with digits or symbols around them', () => {
    expect(checkPasswordStrength('qwertyuiop1234', 'a@b.cn')?.reason).toBe('too_common');
    expect(checkPasswordStrength('2026Password!!', 'a@b.cn')?.reason).toBe('too_common');
    expect(checkPasswordStrength('woaini1314520', 'a@b.cn')?.reason).toBe('too_common');
  });

  it('refuses repetitive passwords', () => {
    expect(checkPasswordStrength('abababababab', 'a@b.cn')?.reason).toBe('repetitive');
  });
});
