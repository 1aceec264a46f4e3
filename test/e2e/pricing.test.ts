import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from './browser.js';
import { shot } from './checks.js';

// Issue 9 (pricing and finance, first part): the landed price on a vehicle page, full payment and loan.

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');

describe.skipIf(Boolean(skipReason))('pricing journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a buyer opens a vehicle, sees its landed price line by line, switches to a loan and changes the term', async () => {
    const page = await browser.newPage({ width: 1440, height: 900 });
    await page.goto('/cars?kind=new');
    await page.getByTestId('vehicle-card').first().waitFor();
    const id = await page.getByTestId('vehicle-card').first().getAttribute('data-id');
    await page.goto(`/vehicles/${id}`);
    const breakdown = page.getByTestId('price-breakdown');
    await breakdown.waitFor();
    await page.getByTestId('landed-total').waitFor();
    for (const code of [
      'vehicle_price',
      'purchase_tax',
      'compulsory_insurance',
      'vessel_tax',
      'registration_fee',
    ]) {
      await page.getByTestId(`price-line-${code}`).waitFor();
    }
    const fullTotal = await page.getByTestId('landed-total').textContent();

    // more insurance cover costs more
    await page.getByTestId('third-party-select').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .last()
      .click();
    await expect.poll(() => page.getByTestId('landed-total').textContent()).not.toBe(fullTotal);

    // loan: monthly payment and APR, which change with the term
    await breakdown.getByRole('tab', { name: '贷款' }).click();
    await page.getByTestId('loan-monthly').waitFor();
    const monthly36 = await page.getByTestId('loan-monthly').textContent();
    expect(await page.getByTestId('loan-apr').textContent()).toMatch(/\d+\.\d\d%/);
    await page.getByTestId('loan-term-select').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '60',
      })
      .click();
    await expect.poll(() => page.getByTestId('loan-monthly').textContent()).not.toBe(monthly36);

    // a bigger down payment: a smaller monthly payment, more paid upfront
    const monthly60 = await page.getByTestId('loan-monthly').textContent();
    const upfront = await page.getByTestId('loan-upfront').textContent();
    const slider = breakdown.getByRole('slider');
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('loan-monthly').textContent()).not.toBe(monthly60);
    expect(await page.getByTestId('loan-upfront').textContent()).not.toBe(upfront);
    await shot(page, 'issue9-vehicle-landed-price');
    await page.close();
  });

  it('a buyer subscribes to a price drop, an operator lowers the price, and the buyer is told in-app and by SMS', async () => {
    const phone = '13687654321';
    const page = await browser.newPage({ width: 1440, height: 900 });
    await page.context().clearCookies();
    await page.goto('/sign-in');
    await page.getByTestId('phone-input').fill(phone);
    await page.getByTestId('consent-checkbox').check();
    await page.getByTestId('send-code').click();
    const inbox = await browser.newPage({ width: 1280, height: 800 });
    await inbox.goto('/dev/sms');
    const code = inbox
      .locator(`[data-testid="dev-sms-message"][data-phone="${phone}"] [data-testid="dev-sms-code"]`)
      .first();
    await code.waitFor();
    await page.getByTestId('code-input').fill((await code.textContent())?.trim() ?? '');
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL('**/account');

    await page.goto('/cars?kind=new');
    await page.getByTestId('vehicle-card').first().waitFor();
    const id = await page.getByTestId('vehicle-card').first().getAttribute('data-id');
    await page.goto(`/vehicles/${id}`);
    const toggle = page.getByTestId('price-alert-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-subscribed')).toBe('true');
    const buyerCookies = await page.context().cookies();

    // The operator (one session cookie per browser: the buyer's is put back afterwards).
    await page.context().clearCookies();
    await page.goto('/console/sign-in');
    await page.getByTestId('staff-email').fill('operator@autoyard.cn');
    await page.getByTestId('staff-password').fill('Autoyard-demo-2026');
    await page.getByTestId('staff-sign-in-submit').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await page.goto(`/console/listings/${id}`);
    await page.getByTestId('listing-change-price').click();
    const input = page.getByTestId('change-price-input');
    const current = Number((await input.inputValue()).replace(/[^\d.]/g, ''));
    expect(current).toBeGreaterThan(10_000);
    await input.fill(String(current - 2000));
    await page.getByTestId('change-price-reason').fill('年末限时优惠');
    await page.getByTestId('change-price-ok').click();
    await page.getByText('售价已更新').waitFor();

    // The buyer: an SMS and an in-app notification, once the change event has been handled.
    await page.context().clearCookies();
    await page.context().addCookies(buyerCookies);
    const sms = inbox.locator(`[data-testid="dev-sms-message"][data-phone="${phone}"]`, { hasText: '降' });
    await expect
      .poll(
        async () => {
          await inbox.reload();
          await inbox.locator(`[data-testid="dev-sms-message"][data-phone="${phone}"]`).first().waitFor();
          return sms.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await page.goto('/account#notifications');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('notification-center').waitFor();
          return page.getByTestId('notification-center').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain('您关注的车降价了');
    await shot(page, 'issue9-price-drop-notification');
    await inbox.close();
    await page.close();
  }, 150_000);

  it('the loan calculator shows that a flat-rate quote is not its APR', async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto('/tools/loan');
    await page.getByTestId('loan-flat-warning').waitFor();
    expect(await page.getByTestId('loan-flat-warning').textContent()).toMatch(/3%.*\d+\.\d\d%/);
    await page.getByTestId('loan-schedule').waitFor();
    await shot(page, 'issue9-loan-calculator-390');
    await page.close();
  });
});
