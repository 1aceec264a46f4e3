import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: the journeys never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RESULTS_DIR = path.resolve('test-results');

export interface Browser {
  readonly context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** A Chromium with a fresh user-data-dir (no cookies or localStorage from earlier runs). */
export async function launchBrowser(baseUrl: string): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-chromium-'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(20_000);
  // The storefront's tracking consent bar is answered up front (it is fixed at the bottom, over the compare
  // tray); the tracker's own tests cover asking.
  await context.addInitScript(() => {
    if (localStorage.getItem('ay_tracking_consent') === null)
      localStorage.setItem('ay_tracking_consent', 'granted');
  });
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
