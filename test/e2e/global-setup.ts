import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuilt } from '../../scripts/start.mjs';
import { CHROMIUM_PATH } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumSkipReason: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} before /ready`);
    try {
      const res = await fetch(`${url}/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${url}/ready within ${timeoutMs / 1000}s`);
}

/**
 * Builds the web app if needed, starts the real server on a free port with a fresh DATA_DIR (PGlite,
 * demo seed) and waits for /ready. Without Chromium the journeys are skipped, or fail when E2E_REQUIRED=1.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
    if (process.env.E2E_REQUIRED === '1')
      throw new Error(`E2E_REQUIRED=1 but there is no Chromium at ${CHROMIUM_PATH}`);
    console.warn(`\nBrowser journeys ${reason}\n`);
    project.provide('baseUrl', '');
    project.provide('chromiumSkipReason', reason);
    return async () => {};
  }
  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'auto',
    LOG_LEVEL: 'warn',
    // The journeys wait for payments to settle: no lost notifications (the sandbox's 5% in development would
    // leave one to the every-minute query job, later than a journey waits). Loss is covered by API tests.
    PAYMENT_SANDBOX_LOSS_RATE: '0',
  };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.SMS_PROVIDER;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child, 120_000);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('chromiumSkipReason', '');
  return async () => {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
