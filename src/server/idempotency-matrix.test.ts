import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAuth } from './kernel/auth/actor.js';
import { defaultRoleGrants, type Permission } from './kernel/auth/permissions.js';
import { DEALER_ROLES, ROLES } from './kernel/auth/roles.js';
import { createSession } from './kernel/auth/sessions.js';
import type { IdempotencyRoute } from './kernel/http/idempotency.js';
import { roleGrants } from './modules/identity/identity.schema.js';
import { CURRENT_CONSENT, createTestStaff, type TestStaff } from './modules/identity/index.js';
import { createTestApp, type TestApp } from './testing/app.js';

/**
 * Every POST/PUT/PATCH/DELETE under /api, whoever added it, honours Idempotency-Key unless it opts out
 * with a reason listed below: the same key and body replay the first answer (`idempotent-replayed`),
 * the same key with another body is 422. Routes are read from the built app, as the permission matrix
 * does, so a new module is covered without editing this file; a new opt-out must be added here.
 */
const EXPECTED_OPT_OUTS: readonly IdempotencyRoute[] = [
  ...['/auth/sign-in', '/auth/totp/verify', '/auth/totp/enrol/confirm', '/auth/password'].map((path) => ({
    method: 'POST',
    url: `/api/v1/identity${path}`,
    optOut:
      'issues a session in Set-Cookie, which is never stored or replayed: a replay would leave the browser without its session',
  })),
  ...['/auth/totp/enrol', '/auth/totp/enrol/confirm-self'].map((path) => ({
    method: 'POST',
    url: `/api/v1/identity${path}`,
    optOut: 'returns a TOTP secret or recovery codes, shown once and never kept outside the account record',
  })),
  ...['/auth/sign-out', '/auth/sign-out-everywhere'].map((path) => ({
    method: 'POST',
    url: `/api/v1/identity${path}`,
    optOut:
      'must always end the calling session and clear its cookies; keys are scoped per person, not per session, so a replay could leave a later session open',
  })),
  {
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    optOut:
      'issues a session in Set-Cookie and its CSRF token in the body; every code attempt must also count against the per-phone limits',
  },
  ...['/media', '/import/trims'].map((path) => ({
    method: 'POST',
    url: `/api/v1/catalog${path}`,
    optOut:
      'multipart upload: the file is streamed to the handler, so the body cannot be hashed when the key is claimed',
  })),
  {
    method: 'POST',
    url: '/api/v1/inventory/import/:kind',
    optOut:
      'multipart upload: the file is streamed to the handler, so the body cannot be hashed when the key is claimed',
  },
  {
    method: 'POST',
    url: '/api/v1/leads/consultations/:id/images',
    optOut: 'multipart upload: the file is streamed to the handler; a retry stores an unused image',
  },
  {
    method: 'POST',
    url: '/api/v1/finance/lenders/:lender/callbacks',
    optOut: 'lender callbacks are signed and deduplicated by the lender’s event id, not by Idempotency-Key',
  },
  {
    method: 'POST',
    url: '/api/v1/pricing/quotes/preview',
    optOut: 'a calculation for display: stores nothing',
  },
  ...['/api/v1/pricing/landed-price', '/api/v1/finance/loan-quote', '/api/v1/finance/plans'].map((url) => ({
    method: 'POST',
    url,
    optOut: 'a calculation: stores nothing, same answer every time',
  })),
  {
    method: 'POST',
    url: '/api/v1/payments/staff/intents/:id/bank-transfer',
    optOut: 'multipart upload: the Idempotency-Key is stored with the proof instead (same key, same result)',
  },
  {
    method: 'POST',
    url: '/api/v1/fulfilment/carriers/:carrier/events',
    optOut: 'carrier events are signed and deduplicated by the carrier’s event id',
  },
  {
    method: 'POST',
    url: '/api/v1/payments/notify/:provider',
    optOut: 'gateway notifications are signed and deduplicated by the provider event id',
  },
  {
    method: 'POST',
    url: '/api/v1/payments/sandbox/:id/:action',
    optOut: 'sandbox pay page buttons: the sandbox trade moves at most once',
  },
  ...['/api/v1/shop/cart/price', '/api/v1/shop/checkout/quote'].map((url) => ({
    method: 'POST',
    url,
    optOut: 'prices lines without writing anything',
  })),
  {
    method: 'POST',
    url: '/api/v1/shop/orders/bulk-ship',
    optOut:
      'multipart upload: the file is streamed to the handler; each row ships at most once (a shipped order refuses a second ship)',
  },
  {
    method: 'POST',
    url: '/api/v1/shop/orders/:id/pickup',
    optOut: 'stamps the pickup once; a repeat changes nothing',
  },
];

let t: TestApp;
let honoured: { method: string; url: string; auth: RouteAuth }[];
const holders = new Map<Permission, TestStaff>();
let admin: TestStaff;
let buyer: { authorization: string };

/** A concrete URL for a route pattern: every `:param` becomes a plausible but unknown id. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => `zz_${name}_01jtest`).replace(/\*$/, 'x');
}

/** A buyer signed in through the real SMS flow, with a bearer token (no CSRF needed). */
async function signInBuyer(phone: string): Promise<{ authorization: string }> {
  const remoteAddress = '10.77.0.1';
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sms-codes',
    payload: { phone },
    remoteAddress,
  });
  const inbox = await t.app.inject({ method: 'GET', url: `/api/v1/dev/sms-inbox?phone=${phone}` });
  const code = /(\d{6})/.exec(inbox.json().messages[0].text)?.[1];
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    payload: { phone, code, consent: CURRENT_CONSENT },
    remoteAddress,
  });
  expect(signIn.statusCode).toBe(200);
  const s = await createSession(t.database.db, t.ctx, {
    subjectKind: 'buyer',
    subjectId: signIn.json().me.id,
  });
  return { authorization: `Bearer ${s.token}` };
}

beforeAll(async () => {
  t = await createTestApp();
  const authOf = new Map(t.app.declaredRoutes.map((r) => [`${r.method} ${r.url}`, r.auth]));
  honoured = t.app.idempotencyRoutes
    .filter((r) => r.optOut === null)
    .map((r) => {
      const auth = authOf.get(`${r.method} ${r.url}`);
      if (!auth) throw new Error(`no declared auth for ${r.method} ${r.url}`);
      return { method: r.method, url: r.url, auth };
    });
  for (const r of honoured) {
    if (typeof r.auth !== 'object' || holders.has(r.auth.permission)) continue;
    const permission = r.auth.permission;
    let role = ROLES.find((x) => defaultRoleGrants()[x].includes(permission));
    if (!role) {
      role = 'admin';
      await t.database.db.insert(roleGrants).values({ role, permission }).onConflictDoNothing();
    }
    const dealerId = DEALER_ROLES.includes(role) ? 'dlr_demo_bj_byd' : null;
    holders.set(permission, await createTestStaff(t.ctx, { roles: [role], dealerId }));
  }
  admin = await createTestStaff(t.ctx, { roles: ['admin'] });
  buyer = await signInBuyer('13800007777');
});
afterAll(async () => {
  await t.close();
});

/** Headers of a caller the guard lets through: the permission holder, a buyer, any staff, or nobody. */
function callerOf(auth: RouteAuth): Record<string, string> {
  if (typeof auth === 'object') {
    const holder = holders.get(auth.permission);
    if (!holder) throw new Error(`no holder for ${auth.permission}`);
    return holder.bearer;
  }
  if (auth === 'buyer') return buyer;
  if (auth === 'staff' || auth === 'signed-in') return admin.bearer;
  return {};
}

function send(route: { method: string; url: string }, headers: Record<string, string>, body: unknown) {
  return t.app.inject({
    method: route.method as 'POST',
    url: concrete(route.url),
    headers: {
      ...headers,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe('idempotency matrix', () => {
  it('finds the mutating routes of every module and no read', () => {
    expect(honoured.length).toBeGreaterThan(40);
    expect(t.app.idempotencyRoutes.every((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))).toBe(
      true,
    );
    expect(honoured).toContainEqual({
      method: 'POST',
      url: '/api/v1/dealers/dealers',
      auth: { permission: 'reference.manage' },
    });
  });

  it('lets only the listed routes opt out, each with its reason', () => {
    const optedOut = t.app.idempotencyRoutes.filter((r) => r.optOut !== null);
    const byRoute = (a: IdempotencyRoute, b: IdempotencyRoute) =>
      `${a.method} ${a.url}`.localeCompare(`${b.method} ${b.url}`);
    expect([...optedOut].sort(byRoute)).toEqual([...EXPECTED_OPT_OUTS].sort(byRoute));
  });

  it('replays the first answer for the same key and body, and refuses the key with another body, on every route that does not opt out', async () => {
    const wrong: string[] = [];
    let i = 0;
    for (const r of honoured) {
      const key = `matrix-${++i}`;
      const headers = { ...callerOf(r.auth), 'idempotency-key': key };
      const body = r.method === 'DELETE' ? undefined : {};
      const first = await send(r, headers, body);
      const again = await send(r, headers, body);
      const reused = await send(r, headers, { idempotencyMatrix: 'another body' });
      const label = `${r.method} ${r.url} (first ${first.statusCode})`;
      if (first.statusCode === 401 || first.statusCode === 403 || first.statusCode >= 500) {
        wrong.push(`${label}: the caller did not get through ${first.body.slice(0, 120)}`);
      } else if (first.headers['idempotent-replayed'] !== undefined) {
        wrong.push(`${label}: the first answer claims to be a replay`);
      } else if (
        again.headers['idempotent-replayed'] !== 'true' ||
        again.statusCode !== first.statusCode ||
        again.body !== first.body
      ) {
        wrong.push(`${label}: no replay (${again.statusCode}, ${again.headers['idempotent-replayed']})`);
      } else if (reused.statusCode !== 422 || reused.json().error?.code !== 'IDEMPOTENCY_KEY_REUSED') {
        wrong.push(
          `${label}: another body with the key -> ${reused.statusCode} ${reused.body.slice(0, 120)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
