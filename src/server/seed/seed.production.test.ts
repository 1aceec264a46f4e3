import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { PUBLISHED_DEMO_PASSWORD, verifyPassword } from '../kernel/auth/passwords.js';
import { seedRuns } from '../kernel/db/kernel.schema.js';
import type { SmsProvider } from '../kernel/notify/sms/sms.js';
import { staffAccounts } from '../modules/identity/identity.schema.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { seedSteps } from './index.js';
import { seedOnStart } from './run.js';

/** The environment a production server is started with, plus `extra`. */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'autoyard-seed-prod-')),
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'k'.repeat(40),
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
    PUBLIC_URL: 'https://www.autoyard.cn',
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: 'Autoyard',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
    ...extra,
  };
}

/** A test app whose config makes the same seeding decision a production start with `env` would. */
function productionApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const seedDemo = loadConfig(productionEnv(extra)).seedDemo;
  // Production sends SMS through Aliyun; these tests send none.
  const sms: SmsProvider = { name: 'none', send: async () => ({ providerMessageId: 'none' }) };
  return createTestApp({ config: { env: 'production', seedDemo }, context: { sms } });
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('seeding at a production start', () => {
  it('creates no staff account and prints no login on an empty database', async () => {
    t = await productionApp();
    const logins = await seedOnStart(t.ctx);
    expect(logins).toEqual([]);
    expect(await t.database.db.select().from(staffAccounts)).toEqual([]);
    expect(await t.database.db.select().from(seedRuns)).toEqual([]);
  });

  it('with SEED_DEMO=1 gives each demo account its own generated password, printed once', async () => {
    t = await productionApp({ SEED_DEMO: '1' });
    // Dealers and staff are the part that makes logins; the catalog steps do not change the decision.
    const steps = seedSteps.filter(
      (s) => s.name === 'dealers.reference_data' || s.name === 'identity.demo_staff',
    );
    const logins = await seedOnStart(t.ctx, steps);
    const accounts = await t.database.db.select().from(staffAccounts);
    expect(accounts.length).toBeGreaterThan(0);
    expect(logins.map((l) => l.login).sort()).toEqual(accounts.map((a) => a.email).sort());
    const passwords = logins.map((l) => l.secret.split(' ')[0] ?? '');
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) {
      expect(p.length).toBeGreaterThanOrEqual(20);
      expect(p).not.toBe(PUBLISHED_DEMO_PASSWORD);
    }
    for (const a of accounts)
      expect(await verifyPassword(a.passwordHash, PUBLISHED_DEMO_PASSWORD)).toBe(false);
    // A later start finds the seed done and has no password left to show.
    expect(await seedOnStart(t.ctx, steps)).toEqual([]);
  });

  it('with SEED_DEMO=1 lets no demo account sign in with the published password', async () => {
    t = await productionApp({ SEED_DEMO: '1' });
    const steps = seedSteps.filter(
      (s) => s.name === 'dealers.reference_data' || s.name === 'identity.demo_staff',
    );
    const logins = await seedOnStart(t.ctx, steps);
    const signIn = (email: string, password: string) =>
      t?.app.inject({
        method: 'POST',
        url: '/api/v1/identity/auth/sign-in',
        payload: { email, password },
      });
    for (const l of logins) {
      const res = await signIn(l.login, PUBLISHED_DEMO_PASSWORD);
      expect(res?.statusCode).toBe(401);
      expect(res?.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const operator = logins.find((l) => l.role === 'operator');
    const ok = await signIn(operator?.login ?? '', operator?.secret ?? '');
    expect(ok?.json()).toMatchObject({ status: 'signed_in', me: { roles: ['operator'] } });
  });
});
