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
    await shot(page, 'issue9-vehicle-landed-price');
    await page.close();
  });

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
