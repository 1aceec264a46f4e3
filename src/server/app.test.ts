import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('kernel http', () => {
  it('answers /health and /ready with the backend in use', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', backend: t.database.backend });
  });

  it('gives every response a request id, reusing a well-formed incoming one', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'abc12345-xyz' },
    });
    expect(res.headers['x-request-id']).toBe('abc12345-xyz');
    const fresh = await t.app.inject({ method: 'GET', url: '/health' });
    expect(String(fresh.headers['x-request-id'])).toMatch(/^req_/);
  });

  it('answers an unknown API route with the error shape in zh-CN by default and in English on request', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'NOT_FOUND', message: '未找到该资源' } });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});

describe('bad input at the edge', () => {
  const url = '/api/v1/crm/auth/sms-codes';
  const inboxCount = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox' });
    return (res.json() as { messages: unknown[] }).messages.length;
  };

  it('answers malformed JSON with 400 MALFORMED_JSON and sends nothing', async () => {
    const before = await inboxCount();
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": "13812345678"',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
    expect(await inboxCount()).toBe(before);
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ phone: '13812345678', padding: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/xml' },
      payload: '<phone>13812345678</phone>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists each invalid field, in zh-CN by default and in English on request', async () => {
    const zh = await t.app.inject({ method: 'POST', url, payload: { phone: 12345 } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请求参数有误，请检查标注的字段',
      details: { fields: [expect.objectContaining({ path: 'body.phone' })] },
    });
    const en = await t.app.inject({ method: 'POST', url, payload: {}, headers: { 'accept-language': 'en' } });
    expect(en.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request has invalid fields',
    });
  });
});
