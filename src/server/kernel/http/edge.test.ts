import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsCodes } from '../../modules/crm/crm.schema.js';
import { SIGN_IN_RATE_LIMITS } from '../../modules/identity/identity.routes.js';
import { createTestStaff, TEST_STAFF_PASSWORD } from '../../modules/identity/identity.testing.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../audit/audit.schema.js';
import { sessions } from '../auth/sessions.schema.js';
import { keyedHash } from '../crypto.js';
import type { SmsProvider } from '../notify/sms/index.js';
import { RATE_LIMIT_NAMESPACE } from './rate-limit.js';
import { HSTS_VALUE } from './security-headers.js';

const SIGN_IN = '/api/v1/identity/auth/sign-in';
const SMS_CODES = '/api/v1/crm/auth/sms-codes';

function phoneHash(t: TestApp, phone: string): string {
  return keyedHash(t.ctx.config, 'phone', phone);
}

async function signInAuditIp(t: TestApp, accountId: string): Promise<(string | null)[]> {
  const rows = await t.database.db
    .select({ ip: auditLog.ip })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.sign_in'), eq(auditLog.entityId, accountId)));
  return rows.map((r) => r.ip);
}

async function sessionIps(t: TestApp, accountId: string): Promise<(string | null)[]> {
  const rows = await t.database.db
    .select({ ip: sessions.ip })
    .from(sessions)
    .where(eq(sessions.subjectId, accountId));
  return rows.map((r) => r.ip);
}

async function requestIpsOf(t: TestApp, phones: readonly string[]): Promise<(string | null)[]> {
  const rows = await t.database.db
    .select({ requestIp: smsCodes.requestIp })
    .from(smsCodes)
    .where(
      inArray(
        smsCodes.phoneHash,
        phones.map((p) => phoneHash(t, p)),
      ),
    );
  return rows.map((r) => r.requestIp).sort();
}

/** Production refuses the dev inbox; these tests never read the codes. */
const silentSms: SmsProvider = {
  name: 'silent',
  async send() {
    return { providerMessageId: 'silent' };
  },
};

describe('production app with no trusted proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // env production: the real sign-in limits apply, and the old `trustProxy: production` is what failed.
    t = await createTestApp({
      config: { env: 'production', trustedProxies: [], apiDocs: false },
      context: { sms: silentSms },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts sign-ins per socket address however X-Forwarded-For varies, so the per-IP limit trips', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_RATE_LIMITS.perIp; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: SIGN_IN,
        remoteAddress: '192.0.2.10',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        // A new email each time, so only the per-IP limiter can trip.
        payload: { email: `nobody${i}@autoyard.cn`, password: 'Wrong-password-123' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, SIGN_IN_RATE_LIMITS.perIp).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('writes the socket address, not the forwarded one, to the audit log and the session', async () => {
    const staff = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: SIGN_IN,
      remoteAddress: '192.0.2.44',
      headers: { 'x-forwarded-for': '198.51.100.200' },
      payload: { email: staff.email, password: TEST_STAFF_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(await signInAuditIp(t, staff.accountId)).toEqual(['192.0.2.44']);
    expect(await sessionIps(t, staff.accountId)).toContain('192.0.2.44');
    expect(await sessionIps(t, staff.accountId)).not.toContain('198.51.100.200');
  });

  it('does not send HSTS when X-Forwarded-Proto https comes from an untrusted peer', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers /api/docs and /api/docs/json with the JSON 404 when API docs are off', async () => {
    for (const url of ['/api/docs', '/api/docs/json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '未找到该资源' } });
    }
    // The spec is still built for whoever needs it in process (tests, exports).
    expect(t.app.swagger()).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });
});

describe('app behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { trustedProxies: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('uses the forwarded address from the trusted proxy as the client IP for audit and sessions', async () => {
    const staff = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: SIGN_IN,
      // inject's default remoteAddress is 127.0.0.1, the trusted proxy.
      headers: { 'x-forwarded-for': '198.51.100.7' },
      payload: { email: staff.email, password: TEST_STAFF_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(await signInAuditIp(t, staff.accountId)).toEqual(['198.51.100.7']);
    expect(await sessionIps(t, staff.accountId)).toContain('198.51.100.7');
  });

  it('keys the per-IP limit and the stored request IP on the forwarded address', async () => {
    const phones: string[] = [];
    const ips: string[] = [];
    // SMS codes allow 20 per IP; 21 requests from 21 forwarded clients must all pass.
    for (let i = 0; i < 21; i++) {
      const phone = `1390000${String(i).padStart(4, '0')}`;
      const ip = `198.51.100.${i + 1}`;
      phones.push(phone);
      ips.push(ip);
      const res = await t.app.inject({
        method: 'POST',
        url: SMS_CODES,
        headers: { 'x-forwarded-for': ip },
        payload: { phone },
      });
      expect(res.statusCode).toBe(202);
    }
    expect(await requestIpsOf(t, phones)).toEqual([...ips].sort());
  });

  it('takes the address the trusted proxy saw, not one the client prepended', async () => {
    const phone = '13900001000';
    const res = await t.app.inject({
      method: 'POST',
      url: SMS_CODES,
      headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.99' },
      payload: { phone },
    });
    expect(res.statusCode).toBe(202);
    expect(await requestIpsOf(t, [phone])).toEqual(['198.51.100.99']);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const phone = '13900001001';
    const res = await t.app.inject({
      method: 'POST',
      url: SMS_CODES,
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '198.51.100.1' },
      payload: { phone },
    });
    expect(res.statusCode).toBe(202);
    expect(await requestIpsOf(t, [phone])).toEqual(['203.0.113.9']);
  });

  it('sends HSTS only when the trusted proxy says the request came over HTTPS', async () => {
    const http = await t.app.inject({ method: 'GET', url: '/health' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
    const https = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(https.headers['strict-transport-security']).toBe(HSTS_VALUE);
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/health',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('limits CSP connect-src to the site itself and its own WebSocket origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    const csp = String(res.headers['content-security-policy']);
    const connectSrc = /connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(connectSrc).toEqual(["'self'", 'ws://127.0.0.1:3000']);
    expect(connectSrc).not.toContain('ws:');
    expect(connectSrc).not.toContain('wss:');
  });

  it('serves /api/docs and /api/docs/json when API docs are on', async () => {
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBeLessThan(400);
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().openapi).toMatch(/^3\./);
  });
});

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when Redis answers a PING within 500 ms. */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = client.connect().then(() => client.ping());
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 500);
    });
    return (await Promise.race([ping, timeout])) === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp)
  console.warn(`edge.test: Redis at ${REDIS_URL} did not answer PING in 500 ms; shared-store tests skipped`);

describe.skipIf(!redisUp)('rate limits in Redis (REDIS_URL set)', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  // A client address no other run uses (random ULA /48), so counters left by earlier runs do not count.
  const ip = `fd${randomBytes(1).toString('hex')}:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::1`;
  beforeAll(async () => {
    const config = { redisUrl: REDIS_URL, rateLimitPerMinute: 3 };
    a = await createTestApp({ config });
    b = await createTestApp({ config });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.quit();
  });

  it('shares one counter between two processes, so the limit trips across them', async () => {
    const hit = (t: TestApp) => t.app.inject({ method: 'GET', url: '/health', remoteAddress: ip });
    const statuses = [
      (await hit(a)).statusCode,
      (await hit(b)).statusCode,
      (await hit(a)).statusCode,
      (await hit(b)).statusCode,
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await hit(a)).statusCode).toBe(429);
  });

  it('keeps route limits (SMS codes per IP) in the same Redis store', async () => {
    const routeIp = `${ip.slice(0, -1)}2`;
    const res = await a.app.inject({
      method: 'POST',
      url: SMS_CODES,
      remoteAddress: routeIp,
      payload: { phone: '13900002000' },
    });
    expect(res.statusCode).toBe(202);
    expect(await redis.get(`${RATE_LIMIT_NAMESPACE}POST${SMS_CODES}-${routeIp}`)).toBe('1');
  });
});

describe('rate limits when Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Port 1: nothing listens, the connection is refused at once.
    t = await createTestApp({ config: { redisUrl: 'redis://127.0.0.1:1', rateLimitPerMinute: 1 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps serving, without limits, rather than failing requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '192.0.2.77' })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200]);
  });
});
