import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { sessions } from '../../kernel/auth/sessions.schema.js';
import { totpCodeAt } from '../../kernel/auth/totp.js';
import { devEmails, notifications } from '../../kernel/notify/notify.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { staffAccounts, totpRecoveryCodes } from './identity.schema.js';
import { createTestStaff, TEST_STAFF_PASSWORD, type TestStaff } from './identity.testing.js';

let t: TestApp;
let admin: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
});
// Tests move the clock, so each test gets an admin whose session is fresh.
beforeEach(async () => {
  admin = await createTestStaff(t.ctx, { roles: ['admin'] });
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1/identity';
const db = () => t.database.db;

function signIn(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: `${API}/auth/sign-in`, payload: { email, password } });
}

/** The cookie header and CSRF token a browser would hold after a response that set session cookies. */
function browserOf(res: LightMyRequestResponse): { cookie: string; 'x-csrf-token': string; token: string } {
  const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
  const token = jar.get('ay_session') ?? '';
  const csrf = jar.get('ay_csrf') ?? '';
  return { cookie: `ay_session=${token}; ay_csrf=${csrf}`, 'x-csrf-token': csrf, token };
}

async function me(headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers });
  return res.json().me as { kind: string; id: string } | null;
}

async function sessionRows(accountId: string) {
  return db().select().from(sessions).where(eq(sessions.subjectId, accountId));
}

describe('staff sign-in', () => {
  it('signs in with email and password, sets httpOnly session and readable CSRF cookies, and stores only a token hash', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'], email: 'li.xiaoyan@autoyard.cn' });
    const res = await signIn('Li.Xiaoyan@autoyard.cn', TEST_STAFF_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'signed_in',
      me: { kind: 'staff', email: 'li.xiaoyan@autoyard.cn', roles: ['operator'] },
    });
    const sessionCookie = res.cookies.find((c) => c.name === 'ay_session');
    const csrfCookie = res.cookies.find((c) => c.name === 'ay_csrf');
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrfCookie?.httpOnly).toBeFalsy();
    const rows = await sessionRows(s.accountId);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.tokenHash)).not.toContain(sessionCookie?.value);
    expect(await me({ cookie: browserOf(res).cookie })).toMatchObject({ kind: 'staff', id: s.accountId });
  });

  it('issues a new token at every sign-in', async () => {
    await createTestStaff(t.ctx, { roles: ['marketing'], email: 'zhang.min@autoyard.cn' });
    const a = browserOf(await signIn('zhang.min@autoyard.cn', TEST_STAFF_PASSWORD));
    const b = browserOf(await signIn('zhang.min@autoyard.cn', TEST_STAFF_PASSWORD));
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(22);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    await createTestStaff(t.ctx, { roles: ['sales_advisor'], email: 'liu.yang@autoyard.cn' });
    const unknown = await signIn('nobody.here@autoyard.cn', 'Wrong-password-123');
    const wrong = await signIn('liu.yang@autoyard.cn', 'Wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('gives a disabled account the same answer as a wrong password', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['supply_chain'], email: 'yang.lei@autoyard.cn' });
    await db().update(staffAccounts).set({ status: 'disabled' }).where(eq(staffAccounts.id, s.accountId));
    const res = await signIn('yang.lei@autoyard.cn', TEST_STAFF_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for 15 minutes after 5 failed sign-ins, revealing the lock only to the right password', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['customer_service'], email: 'chen.jing@autoyard.cn' });
    for (let i = 0; i < 5; i++) {
      expect((await signIn('chen.jing@autoyard.cn', `Wrong-guess-${i}-xyz`)).json().error.code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const [row] = await db().select().from(staffAccounts).where(eq(staffAccounts.id, s.accountId));
    expect(row?.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
    expect((await signIn('chen.jing@autoyard.cn', 'Another-wrong-guess')).json().error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    const locked = await signIn('chen.jing@autoyard.cn', TEST_STAFF_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await signIn('chen.jing@autoyard.cn', TEST_STAFF_PASSWORD)).json().status).toBe('signed_in');
  });

  it('rate-limits sign-in attempts per email', async () => {
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++) last = await signIn('rate.limited@autoyard.cn', 'Some-password-123');
    expect(last?.statusCode).toBe(429);
    expect(last?.json().error.code).toBe('RATE_LIMITED');
  });

  it('refuses a malformed sign-in body with a validation error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/sign-in`,
      payload: { email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('TOTP', () => {
  async function enrolFinance(email: string) {
    const s = await createTestStaff(t.ctx, { roles: ['finance'], email });
    const first = (await signIn(email, TEST_STAFF_PASSWORD)).json();
    expect(first.status).toBe('totp_enrolment_required');
    expect(first.otpauthUri).toMatch(/^otpauth:\/\/totp\/Autoyard:/);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/enrol/confirm`,
      payload: { challengeId: first.challengeId, code: totpCodeAt(first.secret, t.clock.now()) },
    });
    return { s, secret: first.secret as string, confirm };
  }

  it('makes a finance user enrol at first sign-in and gives 10 recovery codes stored hashed', async () => {
    const { s, confirm } = await enrolFinance('zhao.li@autoyard.cn');
    expect(confirm.statusCode).toBe(200);
    const body = confirm.json();
    expect(body.status).toBe('signed_in');
    expect(body.me.totpEnabled).toBe(true);
    expect(body.recoveryCodes).toHaveLength(10);
    const [row] = await db().select().from(staffAccounts).where(eq(staffAccounts.id, s.accountId));
    expect(row?.totpEnabledAt).not.toBeNull();
    const codes = await db()
      .select()
      .from(totpRecoveryCodes)
      .where(eq(totpRecoveryCodes.accountId, s.accountId));
    expect(codes).toHaveLength(10);
    expect(codes.map((c) => c.codeHash)).not.toContain(body.recoveryCodes[0]);
    expect(await me({ cookie: browserOf(confirm).cookie })).toMatchObject({ id: s.accountId });
  });

  it('asks enrolled staff for a code and refuses the same code twice', async () => {
    const { secret } = await enrolFinance('qian.hong@autoyard.cn');
    const step1 = (await signIn('qian.hong@autoyard.cn', TEST_STAFF_PASSWORD)).json();
    expect(step1.status).toBe('totp_required');
    const reused = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/verify`,
      payload: { challengeId: step1.challengeId, code: totpCodeAt(secret, t.clock.now()) },
    });
    expect(reused.json().error.code).toBe('TOTP_INVALID');
    t.clock.advance(30_000);
    const ok = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/verify`,
      payload: { challengeId: step1.challengeId, code: totpCodeAt(secret, t.clock.now()) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('signed_in');
  });

  it('accepts a recovery code once only', async () => {
    const { confirm } = await enrolFinance('sun.li@autoyard.cn');
    const code = confirm.json().recoveryCodes[3] as string;
    const verify = async () => {
      const { challengeId } = (await signIn('sun.li@autoyard.cn', TEST_STAFF_PASSWORD)).json();
      return t.app.inject({
        method: 'POST',
        url: `${API}/auth/totp/verify`,
        payload: { challengeId, recoveryCode: code.toUpperCase() },
      });
    };
    expect((await verify()).json().status).toBe('signed_in');
    expect((await verify()).json().error.code).toBe('TOTP_INVALID');
  });

  it('expires a pending TOTP challenge after 5 minutes', async () => {
    const { secret } = await enrolFinance('he.ping@autoyard.cn');
    const { challengeId } = (await signIn('he.ping@autoyard.cn', TEST_STAFF_PASSWORD)).json();
    t.clock.advance(5 * 60_000 + 1000);
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/verify`,
      payload: { challengeId, code: totpCodeAt(secret, t.clock.now()) },
    });
    expect(res.json().error.code).toBe('CHALLENGE_INVALID');
  });

  it('lets an operator enrol optionally from their account', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'], email: 'xu.feng@autoyard.cn' });
    const start = await t.app.inject({ method: 'POST', url: `${API}/auth/totp/enrol`, headers: s.bearer });
    expect(start.statusCode).toBe(200);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/enrol/confirm-self`,
      headers: s.bearer,
      payload: { code: totpCodeAt(start.json().secret, t.clock.now()) },
    });
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    t.clock.advance(30_000);
    expect((await signIn('xu.feng@autoyard.cn', TEST_STAFF_PASSWORD)).json().status).toBe('totp_required');
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated mutation without the CSRF header', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/sign-out`,
      headers: { cookie: s.browser.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const [row] = await sessionRows(s.accountId);
    expect(row?.revokedAt).toBeNull();
  });

  it('refuses a CSRF token that belongs to another session', async () => {
    const a = await createTestStaff(t.ctx, { roles: ['operator'] });
    const b = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/sign-out`,
      headers: { cookie: `ay_session=${a.token}; ay_csrf=${b.csrfToken}`, 'x-csrf-token': b.csrfToken },
    });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('accepts a cookie mutation with the CSRF header and a bearer mutation without one', async () => {
    const a = await createTestStaff(t.ctx, { roles: ['operator'] });
    const b = await createTestStaff(t.ctx, { roles: ['operator'] });
    expect(
      (await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers: a.browser })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers: b.bearer })).statusCode,
    ).toBe(204);
  });

  it('returns the CSRF token with /auth/me and null when signed out', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['compliance'] });
    const res = await t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers: s.bearer });
    expect(res.json()).toMatchObject({
      me: { kind: 'staff', id: s.accountId, roles: ['compliance'] },
      csrfToken: s.csrfToken,
    });
    const anon = await t.app.inject({ method: 'GET', url: `${API}/auth/me` });
    expect(anon.json()).toEqual({ me: null, csrfToken: null });
  });

  it('ends a staff session after 30 idle minutes', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    t.clock.advance(29 * 60_000);
    expect(await me(s.bearer)).not.toBeNull();
    t.clock.advance(29 * 60_000);
    expect(await me(s.bearer)).not.toBeNull();
    t.clock.advance(31 * 60_000);
    expect(await me(s.bearer)).toBeNull();
  });

  it('ends a staff session 12 hours after sign-in even when in use', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    for (let i = 0; i < 12 * 3 - 1; i++) {
      t.clock.advance(20 * 60_000);
      expect(await me(s.bearer)).not.toBeNull();
    }
    t.clock.advance(20 * 60_000);
    expect(await me(s.bearer)).toBeNull();
  });

  it('touches last_seen_at at most once a minute', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    const [before] = await sessionRows(s.accountId);
    t.clock.advance(30_000);
    await me(s.bearer);
    const [same] = await sessionRows(s.accountId);
    expect(same?.lastSeenAt.getTime()).toBe(before?.lastSeenAt.getTime());
    t.clock.advance(31_000);
    await me(s.bearer);
    const [moved] = await sessionRows(s.accountId);
    expect(moved?.lastSeenAt.getTime()).toBe(t.clock.now().getTime());
  });

  it('signs out: the session is revoked and its token no longer works', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers: s.browser });
    expect(res.statusCode).toBe(204);
    const [row] = await sessionRows(s.accountId);
    expect(row?.revokedReason).toBe('sign_out');
    expect(await me(s.bearer)).toBeNull();
  });

  it('signs out everywhere: every session of the account is revoked', async () => {
    await createTestStaff(t.ctx, { roles: ['operator'], email: 'gao.yun@autoyard.cn' });
    const a = browserOf(await signIn('gao.yun@autoyard.cn', TEST_STAFF_PASSWORD));
    const b = browserOf(await signIn('gao.yun@autoyard.cn', TEST_STAFF_PASSWORD));
    const res = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out-everywhere`, headers: a });
    expect(res.statusCode).toBe(204);
    expect(await me({ cookie: a.cookie })).toBeNull();
    expect(await me({ cookie: b.cookie })).toBeNull();
  });

  it('ends all sessions when an admin disables the account', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['marketing'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff/${s.accountId}/disable`,
      headers: admin.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    const rows = await sessionRows(s.accountId);
    expect(rows.every((r) => r.revokedReason === 'account_disabled')).toBe(true);
    expect(await me(s.bearer)).toBeNull();
  });

  it('ends all sessions when the password changes and keeps this browser signed in with a fresh one', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'] });
    const other = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/password`,
      headers: s.browser,
      payload: { currentPassword: TEST_STAFF_PASSWORD, newPassword: 'Hangzhou-West-Lake-1998' },
    });
    expect(res.statusCode).toBe(204);
    expect(await me(s.bearer)).toBeNull();
    const fresh = browserOf(res);
    expect(await me({ cookie: fresh.cookie })).toMatchObject({ id: s.accountId });
    expect(await me(other.bearer)).not.toBeNull();
    const rows = await sessionRows(s.accountId);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
  });

  it('tells the owner in the console and by email that their password changed', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'], email: 'zhou.min@autoyard.cn' });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/password`,
      headers: s.browser,
      payload: { currentPassword: TEST_STAFF_PASSWORD, newPassword: 'Chongqing-Hotpot-Night-2019' },
    });
    expect(res.statusCode).toBe(204);
    // Until nothing more runs: the first tick also starts every module's schedules.
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const inApp = await db().select().from(notifications).where(eq(notifications.recipientId, s.accountId));
    expect(inApp.map((n) => n.title)).toContain('您的密码已修改');
    const mail = await db().select().from(devEmails).where(eq(devEmails.to, 'zhou.min@autoyard.cn'));
    expect(mail.map((m) => m.subject)).toContain('您的密码已修改');
  });
});

describe('staff administration', () => {
  it('creates a staff account with a strong password and audits it without secrets', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: admin.browser,
      payload: {
        email: 'Ma.Jun@autoyard.cn',
        displayName: '马军',
        roles: ['operator'],
        password: 'Nanjing-Confucius-Temple-88',
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      email: 'ma.jun@autoyard.cn',
      roles: ['operator'],
      status: 'active',
      dealerId: null,
    });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.create'), eq(auditLog.entityId, created.id)));
    expect(audit).toMatchObject({ actorId: admin.accountId, before: null });
    expect(audit?.after).toMatchObject({ email: 'ma.jun@autoyard.cn' });
    expect(JSON.stringify(audit?.after)).not.toContain('argon2');
    expect((await signIn('ma.jun@autoyard.cn', 'Nanjing-Confucius-Temple-88')).json().status).toBe(
      'signed_in',
    );
  });

  it.each([
    ['too short', 'Short-pw-1', 'too_short'],
    ['common', 'Password123456!', 'too_common'],
    ['containing the email name', 'my-tang.wei-is-great', 'contains_email'],
  ])('refuses a weak password (%s)', async (_label, password, reason) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: admin.bearer,
      payload: { email: 'tang.wei@autoyard.cn', displayName: '唐伟', roles: ['operator'], password },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { reason } });
    expect(
      await db().select().from(staffAccounts).where(eq(staffAccounts.email, 'tang.wei@autoyard.cn')),
    ).toHaveLength(0);
  });

  it('refuses a duplicate email', async () => {
    const payload = {
      email: 'dup.one@autoyard.cn',
      displayName: '重复',
      roles: ['operator'],
      password: 'Suzhou-Garden-Walk-2026',
    };
    expect(
      (await t.app.inject({ method: 'POST', url: `${API}/staff`, headers: admin.bearer, payload }))
        .statusCode,
    ).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: admin.bearer,
      payload: { ...payload, email: 'DUP.ONE@autoyard.cn' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('refuses dealer roles without a dealer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: admin.bearer,
      payload: {
        email: 'no.dealer@autoyard.cn',
        displayName: '无店',
        roles: ['dealer_staff'],
        password: 'Xiamen-Gulangyu-Ferry-7',
      },
    });
    expect(res.json().error.code).toBe('STAFF_ROLES_INVALID');
  });

  it('applies a role grant edit on the next request and audits before and after', async () => {
    const op = await createTestStaff(t.ctx, { roles: ['operator'] });
    expect((await t.app.inject({ method: 'GET', url: `${API}/staff`, headers: op.bearer })).statusCode).toBe(
      403,
    );
    const roles = (await t.app.inject({ method: 'GET', url: `${API}/roles`, headers: admin.bearer })).json();
    const current = roles.items.find((r: { role: string }) => r.role === 'operator').permissions as string[];
    const put = await t.app.inject({
      method: 'PUT',
      url: `${API}/roles/operator/permissions`,
      headers: admin.browser,
      payload: { permissions: [...current, 'staff.read'] },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `${API}/staff`, headers: op.bearer })).statusCode).toBe(
      200,
    );
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'role.update_permissions'));
    expect(audit?.before).toEqual({ permissions: [...current].sort() });
    expect(audit?.after).toEqual({ permissions: [...current, 'staff.read'].sort() });
    await t.app.inject({
      method: 'PUT',
      url: `${API}/roles/operator/permissions`,
      headers: admin.bearer,
      payload: { permissions: current },
    });
  });

  it('refuses to remove roles.manage from the admin role', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `${API}/roles/admin/permissions`,
      headers: admin.bearer,
      payload: { permissions: ['staff.read'] },
    });
    expect(res.json().error.code).toBe('ROLE_LOCKOUT');
  });

  it('resets a password: old sessions end and the new password signs in', async () => {
    const s = await createTestStaff(t.ctx, { roles: ['operator'], email: 'lin.na@autoyard.cn' });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/staff/${s.accountId}/reset-password`,
      headers: admin.bearer,
      payload: { newPassword: 'Qingdao-Beer-Festival-08' },
    });
    expect(res.statusCode).toBe(200);
    expect(await me(s.bearer)).toBeNull();
    expect((await signIn('lin.na@autoyard.cn', 'Qingdao-Beer-Festival-08')).json().status).toBe('signed_in');
  });
});

describe('dealer staff', () => {
  let bjAdmin: TestStaff;
  let bjStaff: TestStaff;
  let shStaff: TestStaff;
  beforeAll(async () => {
    bjAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_bj_byd' });
    bjStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
    shStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
  });

  it("lists only the dealer admin's own dealer staff", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/dealer-staff?limit=100`,
      headers: bjAdmin.bearer,
    });
    const ids = res.json().items.map((s: { id: string }) => s.id);
    expect(ids).toContain(bjStaff.accountId);
    expect(ids).not.toContain(shStaff.accountId);
    expect(res.json().items.every((s: { dealerId: string }) => s.dealerId === 'dlr_demo_bj_byd')).toBe(true);
  });

  it("cannot disable another dealer's staff", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/dealer-staff/${shStaff.accountId}/disable`,
      headers: bjAdmin.bearer,
    });
    expect(res.statusCode).toBe(404);
    const [row] = await db().select().from(staffAccounts).where(eq(staffAccounts.id, shStaff.accountId));
    expect(row?.status).toBe('active');
  });

  it('disables own dealer staff', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/dealer-staff/${bjStaff.accountId}/disable`,
      headers: bjAdmin.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(await me(bjStaff.bearer)).toBeNull();
  });

  it('creates accounts only for its own dealer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/dealer-staff`,
      headers: bjAdmin.bearer,
      payload: {
        email: 'zhou.bin@byd-bj.cn',
        displayName: '周斌',
        roles: ['dealer_staff'],
        password: 'Beijing-Wangfujing-Store-3',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().dealerId).toBe('dlr_demo_bj_byd');
  });

  it('cannot give a platform role through the dealer staff route', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/dealer-staff`,
      headers: bjAdmin.bearer,
      payload: {
        email: 'sneaky@byd-bj.cn',
        displayName: '越权',
        roles: ['admin'],
        password: 'Beijing-Wangfujing-Store-3',
      },
    });
    expect(res.statusCode).toBe(400);
  });
});
