import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser, RESULTS_DIR } from './browser.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');
if (skipReason) console.warn(`Browser journeys ${skipReason}`);

describe.skipIf(Boolean(skipReason))('browser journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a buyer signs in on the storefront with the code read from the dev SMS inbox', async () => {
    const phone = '13912345678';
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/sign-in');
    await page.getByTestId('phone-input').fill(phone);
    // PIPL: the consent box starts unticked; no code is sent and no sign-in happens without it.
    expect(await page.getByTestId('consent-checkbox').isChecked()).toBe(false);
    await page.getByTestId('consent-checkbox').check();
    await page.getByTestId('send-code').click();
    await expect.poll(() => page.getByTestId('send-code').textContent()).toMatch(/\d+ 秒后重新获取/);

    const inbox = await browser.newPage({ width: 375, height: 812 });
    await inbox.goto('/dev/sms');
    const code = inbox
      .locator(`[data-testid="dev-sms-message"][data-phone="${phone}"] [data-testid="dev-sms-code"]`)
      .first();
    await code.waitFor();
    const smsCode = (await code.textContent())?.trim() ?? '';
    expect(smsCode).toMatch(/^\d{6}$/);
    await inbox.screenshot({ path: path.join(RESULTS_DIR, 'dev-sms-375.png'), fullPage: true });
    await inbox.close();

    await page.getByTestId('code-input').fill(smsCode);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL('**/account');
    await expect.poll(() => page.getByTestId('profile-phone').textContent()).toBe('139****5678');
    await expect.poll(() => page.getByTestId('header-account').getAttribute('title')).toBe('139****5678');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-account-375.png'), fullPage: true });
    await page.close();
  });

  it('shows the storefront home at 375 px with the header, stores of the chosen city and the footer', async () => {
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/');
    await page.getByTestId('hero').waitFor();
    await page.getByTestId('store-card').first().waitFor();
    await expect.poll(() => page.getByTestId('city-selector').textContent()).toContain('北京');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-375.png'), fullPage: true });
    await page.close();
  });

  it("signs the operator in to the console and shows exactly the operator's menu", async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto('/console');
    await page.waitForURL('**/console/sign-in');
    await page.getByTestId('staff-email').fill('operator@autoyard.cn');
    await page.getByTestId('staff-password').fill('Autoyard-demo-2026');
    await page.getByTestId('staff-sign-in-submit').click();
    await page.getByTestId('dashboard-welcome').waitFor();
    const menu = await page
      .locator('[data-testid^="menu-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(menu).toEqual([
      'menu-dashboard',
      'menu-audit',
      'menu-dealers',
      'menu-pricing',
      'menu-valuations',
      'menu-finance-products',
      'menu-loans',
      'menu-insurers',
      'menu-catalog',
      'menu-search-terms',
      'menu-listings',
      'menu-inventory',
      'menu-forecast',
      'menu-orders',
      'menu-shop-orders',
      'menu-shop-rules',
      'menu-deliveries',
      'menu-delivery-calendar',
      'menu-test-drives',
      'menu-reviews',
      'menu-aftersales',
      'menu-leads',
      'menu-lead-reports',
      'menu-advisors',
      'menu-faq',
      'menu-faq-stats',
      'menu-conversations',
      'menu-accessories',
      'menu-risk',
      'menu-notifications',
      'menu-account',
    ]);
    await expect.poll(() => page.getByTestId('side-menu').textContent()).not.toContain('员工账号');
    await expect.poll(() => page.getByTestId('side-menu').textContent()).not.toContain('角色权限');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-dashboard.png'), fullPage: true });

    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-log').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-audit.png'), fullPage: true });

    // Typing the URL of a screen the role may not use shows the 403 page, not a broken screen.
    await page.goto('/console/staff');
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  });

  it('switches the UI to English and keeps the choice after a reload', async () => {
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/');
    await expect.poll(() => page.getByTestId('hero-title').textContent()).toBe('在线选车，到店无忧');
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByTestId('hero-title').textContent())
      .toBe('Choose your car online, pick it up with ease');
    await expect.poll(() => page.getByTestId('footer-links').textContent()).toContain('About us');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('hero-title').textContent())
      .toBe('Choose your car online, pick it up with ease');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'storefront-en-375.png'), fullPage: true });
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => page.getByTestId('hero-title').textContent()).toBe('在线选车，到店无忧');
    await page.close();
  });
});
