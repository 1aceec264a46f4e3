import { and, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { brands } from '../../modules/catalog/catalog.schema.js';
import { createTestStaff, TEST_STAFF_PASSWORD } from '../../modules/identity/index.js';
import { ManualClock } from '../clock.js';
import type { AppContext } from '../context.js';
import { createContext } from '../create-context.js';
import { decryptPersonal } from '../crypto.js';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../testing/database.js';
import { AppError } from './errors.js';
import { idempotencyPlugin, purgeExpiredIdempotencyKeys } from './idempotency.js';
import { idempotencyKeys } from './idempotency.schema.js';

let database: Database;
let clock: ManualClock;
let app: FastifyInstance;
let ctx: AppContext;
let executions = 0;
let flakyCalls = 0;
let gate: Promise<void> = Promise.resolve();

const ZOrder = z.object({ vin: z.string().length(17), depositFen: z.number().int().positive() });

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock();
  ctx = createContext(testConfig(), database, clock);
  app = await buildApp(ctx);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // A counter route that exists only in this test: each real execution increments it.
  typed.post(
    '/api/v1/test-idempotency/orders',
    {
      config: { auth: 'public', idempotent: true },
      schema: { body: ZOrder, response: { 201: z.object({ orderNo: z.string(), execution: z.number() }) } },
    },
    async (_request, reply) => {
      executions++;
      const execution = executions;
      await gate;
      return reply
        .status(201)
        .send({ orderNo: `AY20261121-${String(execution).padStart(6, '0')}`, execution });
    },
  );
  typed.post(
    '/api/v1/test-idempotency/flaky',
    { config: { auth: 'public', idempotent: true }, schema: { body: z.object({ n: z.number() }) } },
    async () => {
      flakyCalls++;
      if (flakyCalls === 1) throw new Error('database connection reset');
      return { ok: true, calls: flakyCalls };
    },
  );
  typed.post(
    '/api/v1/test-idempotency/rejects',
    { config: { auth: 'public', idempotent: true }, schema: { body: z.object({ n: z.number() }) } },
    async () => {
      executions++;
      throw new AppError('INVALID_TRANSITION');
    },
  );
  // Honours keys, but sets a cookie: such a response must never be stored or replayed.
  typed.post(
    '/api/v1/test-idempotency/cookie',
    { config: { auth: 'public', idempotent: true }, schema: { body: z.object({ n: z.number() }) } },
    async (_request, reply) => {
      executions++;
      reply.setCookie('ay_test', `run-${executions}`, { path: '/' });
      return { ok: true };
    },
  );
  typed.post(
    '/api/v1/test-idempotency/opted-out',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'exists only to show that an opt-out ignores the key' },
      },
      schema: { body: z.object({ n: z.number() }) },
    },
    async () => {
      executions++;
      return { ok: true };
    },
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const order = { vin: 'LGXCE6CB0P0123456', depositFen: 500_000 };

function post(
  key: string | undefined,
  body: unknown,
  url = '/api/v1/test-idempotency/orders',
  ip = '10.0.0.1',
) {
  return app.inject({
    method: 'POST',
    url,
    payload: body as Record<string, unknown>,
    remoteAddress: ip,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });
}

async function keyRow(scope: string, key: string) {
  const [row] = await database.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

describe('Idempotency-Key', () => {
  it('replays the stored response verbatim for the same key and request without running the handler again', async () => {
    const before = executions;
    const first = await post('order-key-1', order);
    const second = await post('order-key-1', { depositFen: 500_000, vin: 'LGXCE6CB0P0123456' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(executions).toBe(before + 1);
    const row = await keyRow('anon:10.0.0.1', 'order-key-1');
    expect(row?.status).toBe('completed');
    expect(row?.responseStatus).toBe(201);
    expect(row?.responseBody && decryptPersonal(ctx.config, row.responseBody)).toBe(first.body);
    expect(row?.expiresAt.getTime()).toBe(clock.now().getTime() + 24 * 3600_000);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED when the same key comes with a different body', async () => {
    await post('order-key-2', order);
    const before = executions;
    const res = await post('order-key-2', { ...order, depositFen: 1_000_000 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(executions).toBe(before);
  });

  it('answers 422 when the same key is sent to a different path', async () => {
    await post('order-key-3', order);
    const res = await post('order-key-3', { n: 1 }, '/api/v1/test-idempotency/rejects');
    expect(res.statusCode).toBe(422);
  });

  it('runs concurrent requests with the same key once; the others get 409 or the replay', async () => {
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const before = executions;
    const pending = Array.from({ length: 6 }, () => post('order-key-race', order));
    setTimeout(() => open(), 300);
    const results = await Promise.all(pending);
    gate = Promise.resolve();
    expect(executions).toBe(before + 1);
    const originals = results.filter(
      (r) => r.statusCode === 201 && r.headers['idempotent-replayed'] !== 'true',
    );
    expect(originals).toHaveLength(1);
    for (const r of results) {
      if (r.statusCode === 409) expect(r.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      else expect(r.statusCode).toBe(201);
    }
    expect(results.some((r) => r.statusCode === 409)).toBe(true);
  });

  it('runs the handler every time when no key is sent', async () => {
    const before = executions;
    await post(undefined, order);
    await post(undefined, order);
    expect(executions).toBe(before + 2);
  });

  it('refuses a key longer than 255 characters with a validation error and stores nothing', async () => {
    const key = 'k'.repeat(256);
    const res = await post(key, order);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(await keyRow('anon:10.0.0.1', key)).toBeUndefined();
  });

  it('does not store a 5xx response, so a retry with the same key runs again', async () => {
    const failed = await post('flaky-key', { n: 1 }, '/api/v1/test-idempotency/flaky');
    expect(failed.statusCode).toBe(500);
    expect(await keyRow('anon:10.0.0.1', 'flaky-key')).toBeUndefined();
    const retried = await post('flaky-key', { n: 1 }, '/api/v1/test-idempotency/flaky');
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual({ ok: true, calls: 2 });
  });

  it('stores and replays a 4xx business error like any other result', async () => {
    const before = executions;
    const first = await post('reject-key', { n: 1 }, '/api/v1/test-idempotency/rejects');
    const again = await post('reject-key', { n: 1 }, '/api/v1/test-idempotency/rejects');
    expect(first.statusCode).toBe(409);
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(executions).toBe(before + 1);
  });

  it('keeps keys of different callers apart', async () => {
    const before = executions;
    await post('shared-key', order, undefined, '10.0.0.2');
    await post('shared-key', order, undefined, '10.0.0.3');
    expect(executions).toBe(before + 2);
  });

  it('runs again after 24 hours and the purge job deletes expired keys', async () => {
    await post('old-key', order, undefined, '10.0.0.9');
    clock.advance(24 * 3600_000 + 1);
    const before = executions;
    const res = await post('old-key', order, undefined, '10.0.0.9');
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(executions).toBe(before + 1);
    const purged = await purgeExpiredIdempotencyKeys(database.db, clock.now());
    expect(purged).toBeGreaterThan(0);
    expect(await keyRow('anon:10.0.0.1', 'order-key-1')).toBeUndefined();
    expect(await keyRow('anon:10.0.0.9', 'old-key')).toBeDefined();
  });
});

describe('Idempotency-Key on every mutating route', () => {
  it('never stores or replays a response that sets a cookie, so a retry runs again', async () => {
    const before = executions;
    const first = await post('cookie-key', { n: 1 }, '/api/v1/test-idempotency/cookie');
    const second = await post('cookie-key', { n: 1 }, '/api/v1/test-idempotency/cookie');
    expect(executions).toBe(before + 2);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(first.cookies.map((c) => c.value)).not.toEqual(second.cookies.map((c) => c.value));
    expect(await keyRow('anon:10.0.0.1', 'cookie-key')).toBeUndefined();
  });

  it('ignores the key on a route that opts out with a reason', async () => {
    const before = executions;
    await post('opted-out-key', { n: 1 }, '/api/v1/test-idempotency/opted-out');
    const again = await post('opted-out-key', { n: 1 }, '/api/v1/test-idempotency/opted-out');
    expect(executions).toBe(before + 2);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await keyRow('anon:10.0.0.1', 'opted-out-key')).toBeUndefined();
  });

  it('refuses at start-up an opt-out without a reason and a multipart route that does not opt out', async () => {
    const bare = Fastify();
    await bare.register(idempotencyPlugin);
    expect(() =>
      bare.post('/api/v1/x/blank', { config: { idempotent: { optOut: ' ' } } }, async () => ({})),
    ).toThrow(/without a reason/);
    expect(() =>
      bare.post('/api/v1/x/upload', { schema: { consumes: ['multipart/form-data'] } }, async () => ({})),
    ).toThrow(/multipart/);
    await bare.close();
  });
});

describe('Idempotency-Key on a real create route (brands)', () => {
  let n = 0;
  const brand = () => {
    n++;
    return {
      slug: `idem-brand-${n}`,
      name: `幂等品牌${n}`,
      nameEn: `Idem Brand ${n}`,
      country: 'CN',
      colours: ['#112233'],
    };
  };
  const createBrand = (who: { authorization: string }, key: string, body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/catalog/brands',
      headers: { ...who, 'idempotency-key': key },
      payload: body as Record<string, unknown>,
    });
  const brandRows = (slug: string) => database.db.select().from(brands).where(eq(brands.slug, slug));

  it('creates one brand for the same key sent twice and replays the same id', async () => {
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    const body = brand();
    const first = await createBrand(operator.bearer, 'brand-key-1', body);
    const second = await createBrand(operator.bearer, 'brand-key-1', body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.json().id).toBe(first.json().id);
    const rows = await brandRows(body.slug);
    expect(rows.map((r) => r.id)).toEqual([first.json().id]);
  });

  it('keeps the stored response encrypted: the table never holds the response in clear', async () => {
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    const body = brand();
    const first = await createBrand(operator.bearer, 'brand-key-enc', body);
    const row = await keyRow(`staff:${operator.accountId}`, 'brand-key-enc');
    expect(row?.responseBody).not.toContain(body.nameEn);
    expect(row?.responseBody && decryptPersonal(ctx.config, row.responseBody)).toBe(first.body);
  });

  it('answers 422 and creates nothing when the same key comes with another brand', async () => {
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    await createBrand(operator.bearer, 'brand-key-2', brand());
    const other = brand();
    const res = await createBrand(operator.bearer, 'brand-key-2', other);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await brandRows(other.slug)).toHaveLength(0);
  });

  it('creates one brand when five requests with the same key race; the others get 409 or the replay', async () => {
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    const body = brand();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createBrand(operator.bearer, 'brand-key-race', body)),
    );
    const rows = await brandRows(body.slug);
    expect(rows).toHaveLength(1);
    const originals = results.filter(
      (r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined,
    );
    expect(originals).toHaveLength(1);
    for (const r of results) {
      if (r.statusCode === 409) expect(r.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      else {
        expect(r.statusCode).toBe(201);
        expect(r.json().id).toBe(rows[0]?.id);
      }
    }
  });

  it('keeps the same key of two staff accounts apart: each creates its own brand', async () => {
    const a = await createTestStaff(ctx, { roles: ['operator'] });
    const b = await createTestStaff(ctx, { roles: ['operator'] });
    const bodyA = brand();
    const bodyB = brand();
    const resA = await createBrand(a.bearer, 'shared-brand-key', bodyA);
    const resB = await createBrand(b.bearer, 'shared-brand-key', bodyB);
    expect(resA.statusCode).toBe(201);
    expect(resB.statusCode).toBe(201);
    expect(resB.headers['idempotent-replayed']).toBeUndefined();
    expect(await brandRows(bodyA.slug)).toHaveLength(1);
    expect(await brandRows(bodyB.slug)).toHaveLength(1);
    expect(await keyRow(`staff:${a.accountId}`, 'shared-brand-key')).toBeDefined();
    expect(await keyRow(`staff:${b.accountId}`, 'shared-brand-key')).toBeDefined();
  });

  it('never replays a staff sign-in: the same key signs in twice, each time with its own session cookie', async () => {
    const operator = await createTestStaff(ctx, { roles: ['operator'] });
    const signIn = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/identity/auth/sign-in',
        remoteAddress: '10.0.0.77',
        headers: { 'idempotency-key': 'sign-in-key' },
        payload: { email: operator.email, password: TEST_STAFF_PASSWORD },
      });
    const first = await signIn();
    const second = await signIn();
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const session = (r: typeof first) => r.cookies.find((c) => c.name === 'ay_session')?.value;
    expect(session(first)).toBeTruthy();
    expect(session(second)).toBeTruthy();
    expect(session(second)).not.toBe(session(first));
    expect(await keyRow('anon:10.0.0.77', 'sign-in-key')).toBeUndefined();
  });
});
