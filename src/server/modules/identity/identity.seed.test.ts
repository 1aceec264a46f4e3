import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../seed/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { staffAccounts } from './identity.schema.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, seedDemoStaff } from './identity.seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('identity seed', () => {
  it('creates one account per demo login and can run twice', async () => {
    await seedDemoStaff.run(t.ctx);
    await seedDemoStaff.run(t.ctx);
    const rows = await t.database.db.select().from(staffAccounts);
    expect(rows.map((r) => r.email).sort()).toEqual(DEMO_STAFF.map((s) => s.email).sort());
    const dealer = rows.find((r) => r.email === 'dealer2.admin@autoyard.cn');
    expect(dealer?.dealerId).toBe('dlr_demo_sh_tesla');
    expect(demoLogins.filter((l) => l.login.endsWith('@autoyard.cn'))).toHaveLength(DEMO_STAFF.length);
  });

  it('lets the demo operator sign in and makes the demo admin enrol TOTP', async () => {
    const sign = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/auth/sign-in',
        payload: { email, password: DEMO_STAFF_PASSWORD },
      });
    expect((await sign('operator@autoyard.cn')).json()).toMatchObject({
      status: 'signed_in',
      me: { roles: ['operator'], permissions: expect.arrayContaining(['audit.read']) },
    });
    expect((await sign('admin@autoyard.cn')).json().status).toBe('totp_enrolment_required');
    const [dealer] = await t.database.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.email, 'dealer.admin@autoyard.cn'));
    expect((await sign('dealer.admin@autoyard.cn')).json().me).toMatchObject({
      id: dealer?.id,
      dealerId: 'dlr_demo_bj_byd',
    });
  });
});
