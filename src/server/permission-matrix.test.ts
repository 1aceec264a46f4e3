import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclaredRoute } from './kernel/auth/guard.js';
import { defaultRoleGrants, type Permission } from './kernel/auth/permissions.js';
import { DEALER_ROLES, ROLES, type Role } from './kernel/auth/roles.js';
import { roleGrants } from './modules/identity/identity.schema.js';
import { createTestStaff, type TestStaff } from './modules/identity/index.js';
import { createTestApp, type TestApp } from './testing/app.js';

/**
 * Every route that declares `{ permission }` auth, whoever added it: anonymous -> 401, staff whose
 * roles lack the permission -> 403, staff holding it -> anything but 401/403. Routes are read from
 * the built app, so new modules are covered without editing this file.
 */
let t: TestApp;
let routes: { method: string; url: string; permission: Permission }[];
const holders = new Map<Permission, TestStaff>();
const lackers = new Map<Permission, TestStaff>();

function isPermissionRoute(r: DeclaredRoute): r is DeclaredRoute & { auth: { permission: Permission } } {
  return typeof r.auth === 'object' && r.method !== 'HEAD';
}

/** A concrete URL for a route pattern: every `:param` becomes a plausible but unknown id. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => `zz_${name}_01jtest`).replace(/\*$/, 'x');
}

const DEALER_ID = 'dlr_demo_bj_byd';
const staffFor = (ctx: TestApp['ctx'], role: Role) =>
  createTestStaff(ctx, { roles: [role], dealerId: DEALER_ROLES.includes(role) ? DEALER_ID : null });

beforeAll(async () => {
  t = await createTestApp();
  routes = t.app.declaredRoutes
    .filter(isPermissionRoute)
    .map((r) => ({ method: r.method, url: r.url, permission: r.auth.permission }));
  const defaults = defaultRoleGrants();
  for (const permission of new Set(routes.map((r) => r.permission))) {
    let holder = ROLES.find((role) => defaults[role].includes(permission));
    if (!holder) {
      // A permission no role holds by default: grant it to admin for this database only.
      holder = 'admin';
      await t.database.db.insert(roleGrants).values({ role: holder, permission }).onConflictDoNothing();
    }
    holders.set(permission, await staffFor(t.ctx, holder));
    const lacker = ROLES.find((role) => role !== holder && !defaults[role].includes(permission));
    if (lacker) lackers.set(permission, await staffFor(t.ctx, lacker));
  }
});
afterAll(async () => {
  await t.close();
});

function call(route: { method: string; url: string }, headers: Record<string, string> = {}) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return t.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers,
    ...(hasBody ? { payload: {} } : {}),
  });
}

describe('permission matrix', () => {
  it('finds the protected routes of every module', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual({ method: 'GET', url: '/api/v1/identity/staff', permission: 'staff.read' });
  });

  it('answers every permission route with 401 for an anonymous caller', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await call(r);
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} -> ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers every permission route with 403 for staff without the permission', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const lacker = lackers.get(r.permission);
      if (!lacker) continue;
      const res = await call(r, lacker.bearer);
      if (res.statusCode !== 403 || res.json().error.code !== 'FORBIDDEN') {
        wrong.push(`${r.method} ${r.url} -> ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets staff holding the permission past the guard', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const holder = holders.get(r.permission);
      if (!holder) throw new Error(`no holder for ${r.permission}`);
      const res = await call(r, holder.bearer);
      if (res.statusCode === 401 || res.statusCode === 403) {
        wrong.push(`${r.method} ${r.url} (${r.permission}) -> ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Every permission route once with real work behind it (reports, PDFs, statements): minutes on a busy machine.
  }, 180_000);

  it('also requires the CSRF header when the same staff uses the session cookie for a mutation', async () => {
    const r = routes.find((x) => x.method !== 'GET');
    if (!r) return;
    const holder = holders.get(r.permission);
    if (!holder) throw new Error('no holder');
    const res = await call(r, { cookie: holder.browser.cookie });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('bad input never breaks a route', () => {
  const JUNK_BODIES: unknown[] = [{}, { id: ['x'], limit: -1, email: 42, phone: { a: 1 } }, []];
  const JUNK_QUERY = '?limit=abc&cursor=%%zz&from=yesterday';
  // NUL and other control characters PostgreSQL refuses or that have no place in input (finding 6).
  const CONTROL_QUERY = '?q=a%00&limit=%01&cursor=x%7F&status=%1B&a%00=1';
  const CONTROL_BODY = { name: 'a\u0000', id: 'x\u0001', q: '\u007f', nested: { title: ['\u001b'] } };
  const withControlParams = (url: string) =>
    url.replace(/:(\w+)/g, (_m, name: string) => `zz_${name}%00`).replace(/\*$/, 'x%00');

  it('answers empty, wrongly typed, junk and control-character input on every public, staff and permission route with a 4xx, never a 5xx', async () => {
    const admin = await staffFor(t.ctx, 'admin');
    const failures: string[] = [];
    let calls = 0;
    for (const r of t.app.declaredRoutes) {
      if (r.method === 'HEAD' || r.auth === 'signed-in' || r.auth === 'buyer') continue;
      const headers =
        typeof r.auth === 'object'
          ? (holders.get(r.auth.permission)?.bearer ?? admin.bearer)
          : r.auth === 'staff'
            ? admin.bearer
            : {};
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(r.method);
      const cases = [
        ...(hasBody ? JUNK_BODIES : [undefined]).map((body) => ({
          url: `${concrete(r.url)}${JUNK_QUERY}`,
          body,
        })),
        // One place at a time, so each of path, query and body is shown to be safe on its own.
        { url: `${concrete(r.url)}${CONTROL_QUERY}`, body: hasBody ? {} : undefined },
        ...(/[:*]/.test(r.url) ? [{ url: withControlParams(r.url), body: hasBody ? {} : undefined }] : []),
        ...(hasBody ? [{ url: concrete(r.url), body: CONTROL_BODY }] : []),
      ];
      for (const { url, body } of cases) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          headers,
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
          ...(body !== undefined ? { headers: { ...headers, 'content-type': 'application/json' } } : {}),
        });
        calls++;
        if (res.statusCode >= 500)
          failures.push(`${r.method} ${url} ${JSON.stringify(body)} -> ${res.statusCode}`);
        else if (res.statusCode >= 400 && !res.json().error?.code)
          failures.push(`${r.method} ${r.url}: no error code`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(60);
  }, 180_000);
});
