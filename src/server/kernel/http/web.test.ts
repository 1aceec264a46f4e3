import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from './error-handler.js';
import { isAppRoute, registerWeb } from './web.js';

async function appWith(
  root: string,
  env: 'development' | 'production' = 'development',
): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(errorHandlerPlugin);
  app.get('/api/v1/ping', async () => ({ pong: true }));
  await registerWeb(app, { env }, root);
  await app.ready();
  return app;
}

let built: string;
let missing: string;
let dev: FastifyInstance;
let prod: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  built = mkdtempSync(path.join(os.tmpdir(), 'ay-web-'));
  mkdirSync(path.join(built, 'assets'));
  writeFileSync(path.join(built, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  missing = mkdtempSync(path.join(os.tmpdir(), 'ay-web-missing-'));
  dev = await appWith(built);
  prod = await appWith(built, 'production');
  unbuilt = await appWith(missing);
});
afterAll(async () => {
  await Promise.all([dev.close(), prod.close(), unbuilt.close()]);
  rmSync(built, { recursive: true, force: true });
  rmSync(missing, { recursive: true, force: true });
});

describe('web app serving', () => {
  it('answers the storefront, console and dealer pages with index.html that is never cached', async () => {
    for (const url of [
      '/',
      '/cars/byd-han',
      '/account',
      '/sign-in',
      '/console',
      '/console/staff',
      '/dealer/stores',
    ]) {
      const res = await dev.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.body, url).toContain('<div id="root">');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves hashed assets with immutable cache headers', async () => {
    const res = await dev.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps unknown API paths and missing files as JSON 404s', async () => {
    const api = await dev.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: '未找到该资源' } });
    const asset = await dev.inject({ method: 'GET', url: '/assets/missing-xyz.js' });
    expect(asset.statusCode).toBe(404);
    expect(asset.json().error.code).toBe('NOT_FOUND');
    const post = await dev.inject({ method: 'POST', url: '/console' });
    expect(post.statusCode).toBe(404);
  });

  it('still routes real API paths to their handlers', async () => {
    const res = await dev.inject({ method: 'GET', url: '/api/v1/ping' });
    expect(res.json()).toEqual({ pong: true });
  });

  it('serves the dev SMS inbox page in development but not in production', async () => {
    expect((await dev.inject({ method: 'GET', url: '/dev/sms' })).statusCode).toBe(200);
    const res = await prod.inject({ method: 'GET', url: '/dev/sms' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await prod.inject({ method: 'GET', url: '/console' })).statusCode).toBe(200);
  });

  it('tells the user to run npm run build:web when the build is missing', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/console' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect((await unbuilt.inject({ method: 'GET', url: '/api/v1/nope' })).statusCode).toBe(404);
  });

  it('treats only extension-less GET paths outside /api as app routes', () => {
    expect(isAppRoute('GET', '/console/audit?actor=x')).toBe(true);
    expect(isAppRoute('HEAD', '/')).toBe(true);
    expect(isAppRoute('GET', '/favicon.ico')).toBe(false);
    expect(isAppRoute('GET', '/api/v1/x')).toBe(false);
    expect(isAppRoute('POST', '/console')).toBe(false);
  });
});
