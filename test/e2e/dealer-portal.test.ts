import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser, RESULTS_DIR } from './browser.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');

const PASSWORD = 'Autoyard-demo-2026';

describe.skipIf(Boolean(skipReason))('dealer portal journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a dealer admin signs in, sees their dealer with an expiry warning and changes a store’s hours', async () => {
    const page = await browser.newPage({ width: 1280, height: 900 });
    await page.goto('/dealer');
    await page.waitForURL('**/dealer/sign-in');
    await page.getByTestId('staff-email').fill('dealer.admin@autoyard.cn');
    await page.getByTestId('staff-password').fill(PASSWORD);
    await page.getByTestId('staff-sign-in-submit').click();
    await page.getByTestId('dealer-home').waitFor();
    await expect.poll(() => page.getByTestId('dealer-name').textContent()).toBe('北京汇通比亚迪');
    await expect.poll(() => page.getByTestId('dealer-brands').textContent()).toBe('BYD');
    await page.getByTestId('qualification-warning').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'dealer-home.png'), fullPage: true });

    await page.getByTestId('menu-stores').click();
    await page.getByTestId('store-edit-sto_bj_byd_fengtai').click();
    await page.getByTestId('store-form-phone').fill('010-8368');
    await page.getByTestId('store-form-submit').click();
    await page.getByText('请输入手机号、带区号的座机号').waitFor();
    await page.getByTestId('store-form-phone').fill('010-83682100');
    await page.getByTestId('store-hours-sun-0-remove').click();
    await page.getByTestId('store-form-submit').click();
    await expect
      .poll(() => page.getByTestId('store-phone-sto_bj_byd_fengtai').textContent())
      .toBe('010-83682100');
    // Only this dealer's stores are listed.
    expect(await page.locator('[data-testid^="store-edit-"]').count()).toBe(2);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'dealer-stores.png'), fullPage: true });

    await page.getByTestId('menu-staff').click();
    await page.getByTestId('staff-table').waitFor();
    await page.getByTestId('staff-add').click();
    await page.getByTestId('staff-form-email').fill('li.na@bj-byd.cn');
    await page.getByTestId('staff-form-name').fill('李娜');
    await page.getByTestId('staff-form-password').fill('Chaoyang-Showroom-2026');
    await page.getByTestId('staff-form-submit').click();
    await page.getByText('li.na@bj-byd.cn').waitFor();
    await page.close();
  });

  it('a dealer staff member sees no staff menu and cannot open the staff page', async () => {
    const page = await browser.newPage({ width: 1280, height: 900 });
    await page.context().clearCookies();
    await page.goto('/dealer/sign-in');
    await page.getByTestId('staff-email').fill('dealer.staff@autoyard.cn');
    await page.getByTestId('staff-password').fill(PASSWORD);
    await page.getByTestId('staff-sign-in-submit').click();
    await page.getByTestId('dealer-home').waitFor();
    expect(await page.getByTestId('menu-staff').count()).toBe(0);
    await page.goto('/dealer/staff');
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  });
});
