import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import type { Role } from '../../kernel/auth/roles.js';
import { sessions } from '../../kernel/auth/sessions.schema.js';
import { totpCodeAt } from '../../kernel/auth/totp.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { staffRoles } from './identity.schema.js';
import { createTestStaff, TEST_STAFF_PASSWORD } from './identity.testing.js';

// Issue 6, finding 3: a session must not keep powers its account gained after a password-only sign-in.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1/identity';
/** Needs `roles.manage`, which only the admin role holds by default. */
const ADMIN_ONLY = `${API}/permissions`;
const db = () => t.database.db;

type Browser = Record<'cookie' | 'x-csrf-token', string>;

/** The cookie header and CSRF header a browser would send after a response that set session cookies. */
function browserOf(res: LightMyRequestResponse): Browser {
  const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
  const csrf = jar.get('ay_csrf') ?? '';
  return { cookie: `ay_session=${jar.get('ay_session') ?? ''}; ay_csrf=${csrf}`, 'x-csrf-token': csrf };
}

function signIn(email: string) {
  return t.app.inject({
    method: 'POST',
    url: `${API}/auth/sign-in`,
    payload: { email, password: TEST_STAFF_PASSWORD },
  });
}

/** A staff account whose only session is the one a real sign-in opens (not the helper's shortcut). */
async function account(email: string, roles: readonly Role[], dealerId: string | null = null) {
  const staff = await createTestStaff(t.ctx, { roles, email, dealerId });
  await db().delete(sessions).where(eq(sessions.id, staff.sessionId));
  return staff.accountId;
}

/** A staff account signed in over the real API with its password only (its roles need no TOTP). */
async function passwordOnlyStaff(email: string, roles: readonly Role[], dealerId: string | null = null) {
  const accountId = await account(email, roles, dealerId);
  const res = await signIn(email);
  expect(res.json().status).toBe('signed_in');
  return { accountId, browser: browserOf(res) };
}

/** An admin signed in over the real API: password, then first-sign-in TOTP enrolment. */
async function totpAdmin(email: string) {
  const accountId = await account(email, ['admin']);
  const first = (await signIn(email)).json();
  expect(first.status).toBe('totp_enrolment_required');
  const confirm = await t.app.inject({
    method: 'POST',
    url: `${API}/auth/totp/enrol/confirm`,
    payload: { challengeId: first.challengeId, code: totpCodeAt(first.secret, t.clock.now()) },
  });
  expect(confirm.json().status).toBe('signed_in');
  return { accountId, browser: browserOf(confirm) };
}

async function get(url: string, headers: Browser | { authorization: string }) {
  return t.app.inject({ method: 'GET', url, headers });
}

async function me(headers: Browser) {
  return (await get(`${API}/auth/me`, headers)).json().me as { id: string; roles: string[] } | null;
}

async function sessionRows(accountId: string) {
  return db().select().from(sessions).where(eq(sessions.subjectId, accountId));
}

function patchStaff(admin: Browser, id: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'PATCH', url: `${API}/staff/${id}`, headers: admin, payload });
}

describe('role changes end sessions', () => {
  it('refuses admin powers to the password-only session of a marketing account an admin has just made admin', async () => {
    const admin = await totpAdmin('guo.admin@autoyard.cn');
    const mkt = await passwordOnlyStaff('lin.marketing@autoyard.cn', ['marketing']);
    expect((await get(ADMIN_ONLY, mkt.browser)).statusCode).toBe(403);
    const [before] = await sessionRows(mkt.accountId);
    expect(before?.totpVerifiedAt).toBeNull();

    const grant = await patchStaff(admin.browser, mkt.accountId, { roles: ['admin'] });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().roles).toEqual(['admin']);

    expect((await get(ADMIN_ONLY, mkt.browser)).statusCode).toBe(401);
    expect(await me(mkt.browser)).toBeNull();
    const rows = await sessionRows(mkt.accountId);
    expect(rows).toHaveLength(1);
    expect(rows.every((r) => r.revokedAt !== null && r.revokedReason === 'roles_changed')).toBe(true);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.update'), eq(auditLog.entityId, mkt.accountId)));
    expect(audit?.actorId).toBe(admin.accountId);
    expect(audit?.before).toMatchObject({ roles: ['marketing'] });
    expect(audit?.after).toMatchObject({ roles: ['admin'] });
    // A fresh sign-in now has to enrol the second factor the new role requires.
    expect((await signIn('lin.marketing@autoyard.cn')).json().status).toBe('totp_enrolment_required');
  });

  it('keeps the session of the admin who changed another account, and that admin keeps working', async () => {
    const admin = await totpAdmin('ma.admin@autoyard.cn');
    const op = await passwordOnlyStaff('zhou.operator@autoyard.cn', ['operator']);
    expect((await patchStaff(admin.browser, op.accountId, { roles: ['marketing'] })).statusCode).toBe(200);
    expect((await get(ADMIN_ONLY, admin.browser)).statusCode).toBe(200);
    expect(await me(admin.browser)).toMatchObject({ id: admin.accountId });
    const rows = await sessionRows(admin.accountId);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
    expect(await me(op.browser)).toBeNull();
  });

  it("ends the admin's own sessions when they change their own roles", async () => {
    const admin = await totpAdmin('he.admin@autoyard.cn');
    const res = await patchStaff(admin.browser, admin.accountId, { roles: ['admin', 'finance'] });
    expect(res.statusCode).toBe(200);
    expect(await me(admin.browser)).toBeNull();
    const rows = await sessionRows(admin.accountId);
    expect(rows.every((r) => r.revokedReason === 'roles_changed')).toBe(true);
  });

  it('ends the sessions of dealer staff moved to another dealer', async () => {
    const admin = await totpAdmin('tan.admin@autoyard.cn');
    const staff = await passwordOnlyStaff('wu.dealer@autoyard.cn', ['dealer_staff'], 'dlr_a');
    const res = await patchStaff(admin.browser, staff.accountId, { dealerId: 'dlr_b' });
    expect(res.json().dealerId).toBe('dlr_b');
    expect(await me(staff.browser)).toBeNull();
    const rows = await sessionRows(staff.accountId);
    expect(rows.map((r) => r.revokedReason)).toEqual(['dealer_changed']);
  });

  it('keeps sessions when an edit leaves roles and dealer as they were', async () => {
    const admin = await totpAdmin('yu.admin@autoyard.cn');
    const op = await passwordOnlyStaff('cao.operator@autoyard.cn', ['operator']);
    const res = await patchStaff(admin.browser, op.accountId, { displayName: '曹操作', roles: ['operator'] });
    expect(res.statusCode).toBe(200);
    expect(await me(op.browser)).toMatchObject({ id: op.accountId });
    expect((await sessionRows(op.accountId)).every((r) => r.revokedAt === null)).toBe(true);
  });
});

describe('sessions of roles that require TOTP', () => {
  it('refuses a password-only session whose account was given the admin role behind the service', async () => {
    const mkt = await passwordOnlyStaff('xie.marketing@autoyard.cn', ['marketing']);
    expect(await me(mkt.browser)).toMatchObject({ id: mkt.accountId });
    await db().insert(staffRoles).values({ accountId: mkt.accountId, role: 'admin' });

    expect((await get(ADMIN_ONLY, mkt.browser)).statusCode).toBe(401);
    expect(await me(mkt.browser)).toBeNull();
    // Nothing revoked it: the session is refused for what it lacks, at every request.
    const [row] = await sessionRows(mkt.accountId);
    expect(row?.revokedAt).toBeNull();
    expect(row?.totpVerifiedAt).toBeNull();
  });

  it('records that a session passed TOTP at sign-in and lets it use admin powers', async () => {
    const admin = await totpAdmin('deng.admin@autoyard.cn');
    const [row] = await sessionRows(admin.accountId);
    expect(row?.totpVerifiedAt).not.toBeNull();
    expect((await get(ADMIN_ONLY, admin.browser)).statusCode).toBe(200);
  });

  it('counts a self-enrolment code as TOTP passed in that session', async () => {
    const mkt = await passwordOnlyStaff('su.marketing@autoyard.cn', ['marketing']);
    const start = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/enrol`,
      headers: mkt.browser,
    });
    expect(start.statusCode).toBe(200);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/enrol/confirm-self`,
      headers: mkt.browser,
      payload: { code: totpCodeAt(start.json().secret, t.clock.now()) },
    });
    expect(confirm.statusCode).toBe(200);
    await db().insert(staffRoles).values({ accountId: mkt.accountId, role: 'admin' });
    expect((await get(ADMIN_ONLY, mkt.browser)).statusCode).toBe(200);
  });

  it('carries TOTP over to the fresh session a password change issues, so the admin stays signed in', async () => {
    const admin = await totpAdmin('lu.admin@autoyard.cn');
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/password`,
      headers: admin.browser,
      payload: { currentPassword: TEST_STAFF_PASSWORD, newPassword: 'Suzhou-Garden-Bridge-77' },
    });
    expect(res.statusCode).toBe(204);
    const fresh = browserOf(res);
    expect((await get(ADMIN_ONLY, fresh)).statusCode).toBe(200);
    const live = (await sessionRows(admin.accountId)).filter((r) => r.revokedAt === null);
    expect(live).toHaveLength(1);
    expect(live[0]?.totpVerifiedAt).not.toBeNull();
  });
});
