import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { PUBLISHED_DEMO_PASSWORD, verifyPassword } from '../../kernel/auth/passwords.js';
import type { SmsProvider } from '../../kernel/notify/sms/sms.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { staffAccounts } from './identity.schema.js';
import { seedDemoStaff } from './identity.seed.js';
import { createTestStaff } from './identity.testing.js';

const API = '/api/v1/identity';
const sms: SmsProvider = { name: 'none', send: async () => ({ providerMessageId: 'none' }) };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { env: 'production' }, context: { sms } });
  // The database of an old development install: its demo accounts still carry the published password.
  await seedDemoStaff.run({ ...t.ctx, config: testConfig({ env: 'development' }) });
});
afterAll(async () => {
  await t.close();
});

describe('the published demo password in production', () => {
  it('signs in to nothing, even where a demo account still has it', async () => {
    const [operator] = await t.database.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.email, 'operator@autoyard.cn'));
    expect(await verifyPassword(operator?.passwordHash ?? '', PUBLISHED_DEMO_PASSWORD)).toBe(true);
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/sign-in`,
      payload: { email: 'operator@autoyard.cn', password: PUBLISHED_DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    // Counted like any wrong password, so guessing it walks the account towards the lockout.
    const [after] = await t.database.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.email, 'operator@autoyard.cn'));
    expect(after?.failedSignIns).toBe(1);
  });

  it('is refused as the password of a new account', async () => {
    const admin = await createTestStaff(t.ctx, { roles: ['admin'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: admin.bearer,
      payload: {
        email: 'tang.wei@autoyard.cn',
        displayName: '唐伟',
        roles: ['operator'],
        password: PUBLISHED_DEMO_PASSWORD,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { reason: 'published' } });
    const rows = await t.database.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.email, 'tang.wei@autoyard.cn'));
    expect(rows).toEqual([]);
  });
});
