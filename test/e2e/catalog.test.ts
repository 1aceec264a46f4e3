import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser, RESULTS_DIR } from './browser.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');

async function cardIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('vehicle-card')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

describe.skipIf(Boolean(skipReason))('catalog journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches, filters by brand and energy, opens a vehicle and compares three with differences highlighted', async () => {
    const page = await browser.newPage({ width: 1280, height: 900 });
    await page.goto('/');
    await page.getByTestId('brand-wall').waitFor();

    // Search from the header box: typing shows suggestions, Enter opens /cars?q=.
    const box = page.getByTestId('header-search').locator('input');
    await box.fill('比亚迪');
    await page.getByTestId('suggestion').first().waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/cars\?q=/);
    await page.getByTestId('vehicle-card').first().waitFor();

    // Filter: brand 比亚迪 from the brand facet, then energy BEV; both land in the URL.
    await page.getByTestId('facet-brand').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '比亚迪',
      })
      .first()
      .click();
    await page.waitForURL(/brand=byd/);
    await page.keyboard.press('Escape');
    await page.getByTestId('facet-energy-bev').click();
    await page.waitForURL(/energy=bev/);
    await expect.poll(() => page.getByTestId('active-filter-energy').count()).toBe(1);
    await expect
      .poll(async () => {
        const titles = await page.getByTestId('vehicle-card-title').allTextContents();
        return titles.length > 0 && titles.every((x) => x.includes('比亚迪'));
      })
      .toBe(true);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-cars-desktop.png'), fullPage: true });

    const ids = await cardIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(3);

    // Open the first vehicle and add it to the comparison from its detail page.
    await page.getByTestId('vehicle-card').first().click();
    await page.waitForURL(`**/vehicles/${ids[0]}`);
    await page.getByTestId('vehicle-title').waitFor();
    await page.getByTestId('parameter-sheet').waitFor();
    await page.getByTestId(`compare-toggle-${ids[0]}`).click();
    await expect.poll(() => page.getByTestId('compare-tray-count').textContent()).toContain('1/4');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-vehicle-desktop.png'), fullPage: true });

    // Back to the (still filtered) results, add two more.
    await page.goBack();
    await page.waitForURL(/energy=bev/);
    await page.getByTestId(`compare-toggle-${ids[1]}`).click();
    await page.getByTestId(`compare-toggle-${ids[2]}`).click();
    await expect.poll(() => page.getByTestId('compare-tray-count').textContent()).toContain('3/4');

    await page.getByTestId('compare-go').click();
    await page.waitForURL(/\/compare\?ids=/);
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    expect(await table.getAttribute('data-columns')).toBe('3');
    expect(new URL(page.url()).searchParams.get('ids')?.split(',').sort()).toEqual(ids.slice(0, 3).sort());
    await expect
      .poll(() => page.locator('[data-testid="compare-row"][data-highlighted="true"]').count())
      .toBeGreaterThan(0);
    const allRows = await page.getByTestId('compare-row').count();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-compare-desktop.png'), fullPage: true });

    await page.getByTestId('compare-hide-same').click();
    await expect.poll(() => page.getByTestId('compare-row').count()).toBeLessThan(allRows);
    const different = await page.locator('[data-testid="compare-row"][data-different="true"]').count();
    expect(await page.getByTestId('compare-row').count()).toBe(different);
    await page.close();
  });

  it('shows the search page at 375 px with the filters in a drawer and no horizontal scrolling', async () => {
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/cars?kind=used');
    await page.getByTestId('vehicle-card').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-cars-375.png'), fullPage: false });
    await page.getByTestId('filters-open').click();
    await page.getByTestId('facet-panel').waitFor();
    await page.waitForTimeout(600); // let the drawer finish sliding in before the screenshot
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-filters-375.png') });
    await page.close();
  });

  it('shows a used car at 375 px with its inspection report, findings first', async () => {
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/cars?kind=used&sort=mileage_asc');
    await page.getByTestId('vehicle-card').first().waitFor();
    const [id] = await cardIds(page);
    await page.goto(`/vehicles/${id}`);
    await page.getByTestId('inspection-report').waitFor();
    await expect.poll(() => page.getByTestId('inspection-grade').textContent()).toMatch(/级/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'catalog-used-vehicle-375.png'), fullPage: true });
    await page.close();
  });

  it('keeps a signed-out favourite and merges it into the account at sign-in', async () => {
    const phone = '13712345678';
    const page = await browser.newPage({ width: 375, height: 812 });
    await page.goto('/cars?kind=new');
    await page.getByTestId('vehicle-card').first().waitFor();
    const [id] = await cardIds(page);
    await page.goto(`/vehicles/${id}`);
    await page.getByTestId('favourite-toggle').click();
    await expect.poll(() => page.getByTestId('favourite-toggle').getAttribute('data-on')).toBe('true');
    await page.goto('/favourites');
    await expect.poll(() => cardIds(page), { timeout: 15_000 }).toEqual([id]);

    await page.goto('/sign-in?redirect=/favourites');
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
    await inbox.close();
    await page.getByTestId('code-input').fill(smsCode);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL('**/favourites');

    // Now read from the account (the API), and the browser's anonymous list is gone.
    await expect.poll(() => cardIds(page), { timeout: 15_000 }).toEqual([id]);
    const res = await page.evaluate(async () => (await fetch('/api/v1/catalog/favourites')).json());
    expect((res as { items: { listingId: string }[] }).items.map((x) => x.listingId)).toEqual([id]);
    expect(await page.evaluate(() => localStorage.getItem('ay_favourites'))).toBeNull();
    await page.close();
  });
});
