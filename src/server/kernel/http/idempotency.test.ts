import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { createContext } from '../../context.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../testing/database.js';
import { AppError } from './errors.js';
import { purgeExpiredIdempotencyKeys } from './idempotency.js';
import { idempotencyKeys } from './idempotency.schema.js';

let database: Database;
let clock: ManualClock;
let app: FastifyInstance;
let executions = 0;
let flakyCalls = 0;
let gate: Promise<void> = Promise.resolve();

const ZOrder = z.object({ vin: z.string().length(17), depositFen: z.number().int().positive() });

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock();
  app = await buildApp(createContext(testConfig(), database, clock));
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
    expect(row?.responseBody).toBe(first.body);
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
