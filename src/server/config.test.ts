import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'autoyard-config-'));

describe('config', () => {
  it('applies the documented defaults and freezes the result', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
    });
    expect(config.sms.provider).toBe('dev-inbox');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('generates development secrets into DATA_DIR once and reuses them on the next start', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret).toHaveLength(64);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(true);
    expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).toContain(first.dataEncryptionKey);
  });

  it('refuses to start in production without its secrets, database and public URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(/SESSION_SECRET/);
  });

  it('refuses the dev SMS inbox in production', () => {
    const env = {
      NODE_ENV: 'production',
      DATA_DIR: tmp(),
      SESSION_SECRET: 's'.repeat(40),
      DATA_ENCRYPTION_KEY: 'k'.repeat(40),
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      PUBLIC_URL: 'https://www.autoyard.cn',
      SMS_PROVIDER: 'dev-inbox',
    };
    expect(() => loadConfig(env)).toThrow(/dev-inbox/);
  });

  it('names each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: tmp() })).toThrow(/PORT/);
  });

  const production = () => ({
    NODE_ENV: 'production',
    DATA_DIR: tmp(),
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'k'.repeat(40),
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
    PUBLIC_URL: 'https://www.autoyard.cn',
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: 'Autoyard',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  });

  it('takes crash points (FAILPOINTS) and the job lease outside production, and refuses crash points in production', () => {
    const dev = loadConfig({ DATA_DIR: tmp(), FAILPOINTS: 'a.b, c.d', JOB_LEASE_SECONDS: '2' });
    expect(dev.failpoints).toEqual(['a.b', 'c.d']);
    expect(dev.jobLeaseMs).toBe(2000);
    expect(loadConfig(production()).failpoints).toEqual([]);
    expect(loadConfig(production()).jobLeaseMs).toBe(300_000);
    expect(() => loadConfig({ ...production(), FAILPOINTS: 'payments.notification.before_commit' })).toThrow(
      /FAILPOINTS/,
    );
  });

  it('serves API docs outside production, and in production only with API_DOCS=1', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).apiDocs).toBe(true);
    expect(loadConfig(production()).apiDocs).toBe(false);
    expect(loadConfig({ ...production(), API_DOCS: '1' }).apiDocs).toBe(true);
    expect(loadConfig({ DATA_DIR: tmp(), API_DOCS: '0' }).apiDocs).toBe(false);
  });

  it('trusts no proxy by default and parses TRUSTED_PROXIES as addresses and CIDRs', () => {
    expect(loadConfig(production()).trustedProxies).toEqual([]);
    const config = loadConfig({ DATA_DIR: tmp(), TRUSTED_PROXIES: ' 127.0.0.1, 10.1.0.0/16,::1 ,' });
    expect(config.trustedProxies).toEqual(['127.0.0.1', '10.1.0.0/16', '::1']);
  });

  it('rejects a TRUSTED_PROXIES entry that is not an address or CIDR, naming it', () => {
    const env = { DATA_DIR: tmp(), TRUSTED_PROXIES: '127.0.0.1, nginx.local' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/TRUSTED_PROXIES.*nginx\.local/);
  });

  it('takes REDIS_URL for the shared rate-limit store and leaves it unset by default', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).redisUrl).toBeUndefined();
    expect(loadConfig({ DATA_DIR: tmp(), REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
  });
});
