import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../modules/crm/crm.schema.js';
import { DEMO_BUYER, seedDemoBuyer } from '../../modules/crm/crm.seed.js';
import { createTestStaff, type TestStaff } from '../../modules/identity/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createSession } from '../auth/sessions.js';
import { unstorableText } from '../db/text-errors.js';
import { CONTROL_CHAR_MESSAGE, controlCharPaths, hasControlChar } from './control-chars.js';
import { errorHandlerPlugin } from './error-handler.js';

let t: TestApp;
let admin: TestStaff;
let buyer: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await createTestStaff(t.ctx, { roles: ['admin'] });
  await seedDemoBuyer(t.database.db, t.ctx);
  const s = await createSession(t.database.db, t.ctx, {
    subjectKind: 'buyer',
    subjectId: DEMO_BUYER.id,
    ip: '127.0.0.1',
  });
  buyer = { authorization: `Bearer ${s.token}` };
});
afterAll(async () => {
  await t.close();
});

function expectRefused(
  res: { statusCode: number; json: () => { error: { code: string; message: string; details?: unknown } } },
  path: string,
) {
  expect(res.statusCode).toBe(400);
  const { error } = res.json();
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.message).toEqual(expect.any(String));
  expect(error.details).toEqual({ fields: [{ path, message: CONTROL_CHAR_MESSAGE }] });
}

describe('control characters in a value', () => {
  it('refuses NUL, other C0 controls and DEL in path and query values, tab and newlines included', () => {
    for (const c of ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f']) {
      expect(hasControlChar(`a${c}b`, 'none')).toBe(true);
    }
    expect(hasControlChar('比亚迪 汉 EV', 'none')).toBe(false);
  });

  it('lets JSON text keep tab, LF and CR but not NUL, ESC or DEL', () => {
    expect(hasControlChar('第一行\r\n第二行\t结束', 'layout')).toBe(false);
    for (const c of ['\u0000', '\u0008', '\u000b', '\u001b', '\u007f']) {
      expect(hasControlChar(`a${c}b`, 'layout')).toBe(true);
    }
  });

  it('reports the path of every bad string and key in a nested body without echoing the character', () => {
    const body = { a: ['ok', 'x\u0000'], b: { c: 'y\u0007' }, 'k\u0000': 1, n: 5, z: null };
    expect(controlCharPaths(body, 'body', 'layout').sort()).toEqual([
      'body.a.1',
      'body.b.c',
      'body.k\\u0000',
    ]);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const paths = controlCharPaths(deep, 'body', 'layout');
    expect(paths).toHaveLength(1);
    expect(paths[0]?.startsWith('body.0.0.')).toBe(true);
  });
});

describe('the edge refuses control characters with 400 before any query runs', () => {
  it('answers NUL in a public search query with 400 VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/accessories?q=a%00' });
    expectRefused(res, 'query.q');
  });

  it('answers NUL in a path id with 400 VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/accessories/acc%00' });
    expectRefused(res, 'params.id');
  });

  it('answers NUL in a query key with 400 VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/accessories?q%00=a' });
    expectRefused(res, 'query.q\\u0000');
  });

  it('refuses a NUL nickname with 400 and keeps the stored nickname', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/crm/me',
      headers: buyer,
      payload: { nickname: 'ni\u0000ck' },
    });
    expectRefused(res, 'body.nickname');
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, DEMO_BUYER.id));
    expect(row?.nickname).toBe(DEMO_BUYER.nickname);
  });

  it('answers NUL in the staff list search with 400', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/identity/staff?q=%00',
      headers: admin.bearer,
    });
    expectRefused(res, 'query.q');
  });

  it('answers a TOTP challenge id with NUL with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/auth/totp/verify',
      payload: { challengeId: 'chl\u0000x', code: '123456' },
    });
    expectRefused(res, 'body.challengeId');
  });

  it('answers ESC and DEL in a query and an Idempotency-Key with a control character with 400', async () => {
    for (const q of ['%1B', '%7F', '%09', '%0A']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/accessories?q=a${q}` });
      expectRefused(res, 'query.q');
    }
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/crm/me',
      headers: { ...buyer, 'idempotency-key': 'key\u0001' },
      payload: { nickname: '李女士' },
    });
    expectRefused(res, 'headers.idempotency-key');
  });

  it('still answers a stranger 401 before looking at the input', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/identity/staff?q=%00' });
    expect(res.statusCode).toBe(401);
  });

  it('localizes the message (en)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/accessories?q=%00',
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().error.message).toBe('The request has invalid fields');
  });
});

describe('multipart bodies', () => {
  it('answers multipart/form-data without a boundary with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/media',
      headers: { ...admin.bearer, 'content-type': 'multipart/form-data' },
      payload: 'ownerType=brand',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a multipart body cut short with 400, not 500', async () => {
    const boundary = '----autoyard-test';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/media',
      headers: { ...admin.bearer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="ownerType"\r\n\r\ntrim`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a multipart boundary longer than 70 characters with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/media',
      headers: { ...admin.bearer, 'content-type': `multipart/form-data; boundary=${'b'.repeat(300)}` },
      payload: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a multipart field with NUL with 400', async () => {
    const boundary = '----autoyard-test';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(part('ownerType', 'trim') + part('ownerId', 'trm\u0000x')),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/media',
      headers: { ...admin.bearer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expectRefused(res, 'body.ownerId');
  });
});

describe('the database backstop', () => {
  it('answers a query refused for its text (NUL) with 400 and logs it without the SQL or its parameters', async () => {
    const failure = await t.database.db
      .execute(sql`select ${'secret\u0000'}::text as x`)
      .catch((e: unknown) => e);
    expect(unstorableText(failure)).toMatchObject({ code: '22021' });
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    await app.register(errorHandlerPlugin);
    app.get('/boom', async () => {
      throw failure;
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const logged = lines.join('');
    expect(logged).toContain('22021');
    expect(logged).not.toMatch(/select|secret/i);
    expect(lines.map((l) => JSON.parse(l).level)).not.toContain(50);
  });
});
