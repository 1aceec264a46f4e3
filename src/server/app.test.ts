import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './kernel/testing/app.js';

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
