import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from './browser.js';
import { shot } from './checks.js';
import { buyerSignIn, residentId, staffSignIn } from './sessions.js';

// Issue 10 (orders, payments, contracts): a buyer reserves a car, pays the deposit on the sandbox gateway and
// comes back to the order; an operator allocates the unit; the buyer signs the purchase contract.

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');

const timelineText = (page: Page) => page.getByTestId('order-timeline').textContent();

describe.skipIf(Boolean(skipReason))('order journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a buyer reserves a car and pays the deposit on the sandbox, an operator allocates it, the buyer signs the contract', async () => {
    const phone = '13788886666';
    const page = await browser.newPage({ width: 1440, height: 900 });
    const inbox = await browser.newPage({ width: 1280, height: 800 });
    await buyerSignIn(page, inbox, phone);

    // A car from the listing page, reserved from its vehicle page.
    await page.goto('/cars?kind=used');
    await page.getByTestId('vehicle-card').first().waitFor();
    const listingId = await page.getByTestId('vehicle-card').first().getAttribute('data-id');
    await page.goto(`/vehicles/${listingId}`);
    await page.getByTestId('reserve').first().click();
    await page.waitForURL(`**/checkout/${listingId}`);

    // Checkout: buyer details, the deposit terms ticked, Alipay.
    await page.getByTestId('checkout-terms').filter({ hasNotText: '…' }).waitFor();
    await page.getByTestId('checkout-name').fill('王建国');
    await page.getByTestId('checkout-phone').fill(phone);
    await page.getByTestId('checkout-id').fill(residentId('11010519850312003'));
    await page.getByTestId('checkout-accept').check();
    await page.getByRole('radio', { name: '支付宝' }).check();
    await shot(page, 'issue10-checkout');
    await page.getByTestId('checkout-submit').click();

    // The sandbox gateway: pay, then back to the order by the page's link.
    await page.waitForURL('**/sandbox/pay/**');
    expect(new URL(page.url()).searchParams.get('returnTo')).toMatch(/^\/account\/orders\/ord_/);
    await page.getByTestId('sandbox-amount').waitFor();
    await shot(page, 'issue10-sandbox-pay');
    await page.getByTestId('sandbox-succeed').click();
    await page.getByTestId('sandbox-result').waitFor();
    await page.getByTestId('sandbox-return').click();
    await page.waitForURL('**/account/orders/ord_*');
    const orderId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The signed notification goes through the job queue; the page polls until the order moves on.
    await page.getByTestId('order-detail').waitFor();
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 30_000, interval: 500 })
      .toBe('已付订金');
    expect(await timelineText(page)).toContain('已付订金');
    await expect
      .poll(() => page.getByTestId('order-payment-status').first().textContent(), { timeout: 15_000 })
      .toBe('已支付');
    await page.getByTestId('order-contract-pending').waitFor();
    await shot(page, 'issue10-order-deposit-paid');
    const buyerCookies = await page.context().cookies();

    // The operator allocates the held unit (one session cookie per browser: the buyer's goes back after).
    await staffSignIn(page, 'operator@autoyard.cn');
    await page.goto(`/console/orders/${orderId}`);
    await page.getByTestId('order-detail').waitFor();
    // Operators have no payments.read: the payment intents stay hidden, the contract note shows.
    await page.getByTestId('staff-order-contract-pending').waitFor();
    expect(await page.getByTestId('staff-order-payments').count()).toBe(0);
    await page.getByTestId('order-allocate').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toBe('已分配车辆');
    await shot(page, 'issue10-console-allocated');

    // The buyer: the allocation in the timeline, then the contract (issued by a job) to sign.
    await page.context().clearCookies();
    await page.context().addCookies(buyerCookies);
    await page.goto(`/account/orders/${orderId}`);
    await page.getByTestId('order-detail').waitFor();
    expect(await timelineText(page)).toContain('已分配车辆');
    await page.getByTestId('contract-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('待买方签署');
    const sign = page.getByTestId('contract-sign');
    expect(await sign.isDisabled()).toBe(true);
    await page.getByTestId('contract-consent').check();
    await sign.click();
    await expect
      .poll(() => page.getByTestId('contract-status').textContent(), { timeout: 15_000 })
      .toBe('待经销商签署');
    await page.getByTestId('contract-signature-buyer').waitFor();
    await shot(page, 'issue10-contract-signed-by-buyer');
    await inbox.close();
    await page.close();
  }, 150_000);
});
