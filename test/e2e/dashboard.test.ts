import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TDashboard } from '../../src/server/modules/analytics/analytics.dashboard.contract.js';
import { type Browser, launchBrowser, RESULTS_DIR } from './browser.js';
import { criticalA11yViolations, looksLikeRawCode, pageWidth } from './checks.js';
import { staffSignIn } from './sessions.js';

// Issue 13 "Proof": an operator opens the dashboard on the console home, changes the date range and a filter,
// and the numbers and charts change; a dealer admin sees the same dashboard with its own numbers only.
// The demo seeds a year of analytics history (development seed), so every figure below has data.

const baseUrl = inject('baseUrl');
const skipReason = inject('chromiumSkipReason');

const OWN_DEALER = 'dlr_demo_bj_byd';
const OTHER_DEALER = 'dlr_demo_sh_tesla';
const CHANNEL_CODES = /\b(seo|sem|social|kol|partner|direct)\b/;
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';
// The figures of a new query are computed on the server (cold queries take seconds on PGlite): wait for them.
const DATA_POLL = { timeout: 60_000, interval: 250 };

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();
const signatureOf = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-signature');

/** The dashboard API as the signed-in user sees it (same cookies as the page). */
async function dashboardApi(page: Page, query: Record<string, string>): Promise<TDashboard> {
  const qs = new URLSearchParams(query).toString();
  return page.evaluate(async (q) => {
    const res = await fetch(`/api/v1/analytics/dashboard?${q}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`dashboard ${res.status}: ${await res.text()}`);
    return res.json();
  }, qs);
}

/**
 * Waits for the KPI cards: right after the server starts the rollups of the seeded year may still be
 * refreshing (the page asks again on its own while the figures are not summarised yet).
 */
async function waitForFigures(page: Page): Promise<void> {
  await page.getByTestId('analytics-dashboard').waitFor();
  await expect
    .poll(async () => (await page.getByTestId('kpi-uv-value').count()) > 0, {
      timeout: 150_000,
      interval: 1_000,
    })
    .toBe(true);
}

const cardValue = (d: TDashboard, metric: string) => d.cards.find((c) => c.metric === metric)?.value ?? null;

describe.skipIf(Boolean(skipReason))('analytics dashboard journeys', () => {
  let browser: Browser;
  /** The operator's unfiltered figures over the default range, for the dealer to differ from. */
  let operator: { range: { from: string; to: string }; gmvText: string; api: TDashboard } | null = null;

  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an operator sees the business on the console home; a new range and a channel filter change the numbers and charts', async () => {
    const page = await browser.newPage({ width: 1280, height: 900 });
    await staffSignIn(page, 'operator@autoyard.cn');
    await page.goto('/console');
    await waitForFigures(page);

    // The default range: the last 30 days, with a year of seeded history behind it.
    const body = page.getByTestId('dashboard-body');
    const range30 = (await body.getAttribute('data-range')) ?? '';
    expect(range30).toMatch(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/);
    const uv30 = await text(page, 'kpi-uv-value');
    const gmv30 = await text(page, 'kpi-gmv-value');
    expect(uv30).not.toMatch(/^(—|0)$/);
    expect(gmv30).toMatch(/^¥/);
    expect(await text(page, 'kpi-orders-value')).not.toMatch(/^(—|0)$/);
    expect(await page.getByTestId('kpi-uv-change').getAttribute('data-direction')).not.toBe('none');
    await page.getByTestId('dashboard-trend').waitFor();
    await page.getByTestId('dashboard-funnel-chart').waitFor();
    await page.getByTestId('dashboard-city-ranking').waitFor();
    await page.getByTestId('dashboard-city-map').waitFor();
    await page.getByTestId('dashboard-retention-chart').waitFor();
    const trend30 = await signatureOf(page, 'dashboard-trend');
    const funnel30 = await signatureOf(page, 'dashboard-funnel-chart');
    // Tables show words, not codes.
    const channels = await text(page, 'dashboard-channels');
    expect(channels).toContain('自然搜索');
    expect(channels).not.toMatch(CHANNEL_CODES);
    expect(
      await page.locator('[data-testid="dashboard-top-vehicles"] tbody tr[data-row-key]').count(),
    ).toBeGreaterThan(0);
    const cells = await page
      .locator('[data-testid="analytics-dashboard"] td')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).textContent ?? ''));
    expect(cells.filter((c) => looksLikeRawCode(c))).toEqual([]);
    expect(await criticalA11yViolations(page)).toEqual([]);
    const [from30, to30] = range30.split('..') as [string, string];
    operator = {
      range: { from: from30, to: to30 },
      gmvText: gmv30,
      api: await dashboardApi(page, { from: from30, to: to30 }),
    };
    expect(operator.api.dealerId).toBeNull();
    await page.screenshot({
      path: path.join(RESULTS_DIR, 'console-analytics-dashboard.png'),
      fullPage: true,
    });

    // A new range typed into the picker: the last 7 days of the same end.
    const end30 = range30.split('..')[1] ?? '';
    const start7 = new Date(Date.parse(`${end30}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const inputs = page.getByTestId('dashboard-range').locator('input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(start7);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(end30);
    await inputs.nth(1).press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(start7);
    await expect.poll(() => body.getAttribute('data-range'), DATA_POLL).not.toBe(range30);
    await expect.poll(() => text(page, 'kpi-uv-value'), DATA_POLL).not.toBe(uv30);
    await expect.poll(() => signatureOf(page, 'dashboard-trend'), DATA_POLL).not.toBe(trend30);
    const range7 = (await body.getAttribute('data-range')) ?? '';
    const [from7, to7] = range7.split('..');
    expect(to7).toBe(to30);
    expect(from7 && from7 > from30).toBe(true);

    // The range is in the URL: a reload keeps it.
    await page.reload();
    await page.getByTestId('kpi-uv-value').waitFor();
    await expect
      .poll(() => page.getByTestId('dashboard-body').getAttribute('data-range'), DATA_POLL)
      .toBe(range7);
    const uv7 = await text(page, 'kpi-uv-value');
    const funnel7 = await signatureOf(page, 'dashboard-funnel-chart');

    // A filter: only visitors from search ads (搜索广告).
    await page.getByTestId('dashboard-filter-channel').click();
    await page.locator(OPEN_DROPDOWN, { hasText: '搜索广告' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('channel')).toBe('sem');
    await expect.poll(() => text(page, 'kpi-uv-value'), DATA_POLL).not.toBe(uv7);
    await expect.poll(() => signatureOf(page, 'dashboard-funnel-chart'), DATA_POLL).not.toBe(funnel7);
    expect(funnel7).not.toBe(funnel30);
    // The channels table follows the filter: one channel left.
    await expect
      .poll(() => page.locator('[data-testid="dashboard-channels"] tbody tr[data-row-key]').count())
      .toBe(1);

    // Drill-down: the orders card opens the list behind it, with the order list one click away.
    await page.getByTestId('kpi-orders').click();
    await page.getByTestId('drill-drawer').waitFor();
    await page.getByTestId('drill-open-list').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-analytics-drill.png') });
    await page.getByTestId('drill-open-list').click();
    await page.getByTestId('orders-page').waitFor();
    await page.close();
  }, 240_000);

  it('works on a 390 px phone: cards wrap and nothing scrolls sideways', async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto('/console');
    await page.getByTestId('kpi-uv-value').waitFor();
    await page.getByTestId('dashboard-trend').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-analytics-390.png'), fullPage: true });
    await page.close();
  });

  it('a dealer admin sees the same dashboard for its own dealer only', async () => {
    expect(operator, 'the operator journey runs first').not.toBeNull();
    if (!operator) return;
    const page = await browser.newPage({ width: 1280, height: 900 });
    await staffSignIn(page, 'dealer.admin@autoyard.cn', 'dealer');
    await page.goto(`/dealer?from=${operator.range.from}&to=${operator.range.to}`);
    await page.getByTestId('dealer-home').waitFor();
    await waitForFigures(page);
    // No dealer filter for dealer staff.
    expect(await page.getByTestId('dashboard-filter-dealer').count()).toBe(0);
    expect(await page.getByTestId('dashboard-filter-channel').count()).toBe(1);

    // Its own figures: scoped to its dealer and smaller than the whole business.
    const own = await dashboardApi(page, operator.range);
    expect(own.dealerId).toBe(OWN_DEALER);
    // Asking for another dealer's figures is refused (ANALYTICS_DEALER_FORBIDDEN), never answered.
    const other = await page.evaluate(async (q) => {
      const res = await fetch(`/api/v1/analytics/dashboard?${q}`, {
        headers: { accept: 'application/json' },
      });
      return { status: res.status, body: await res.text() };
    }, new URLSearchParams({ ...operator.range, dealerId: OTHER_DEALER }).toString());
    expect(other.status).toBe(403);
    expect(other.body).toContain('ANALYTICS_DEALER_FORBIDDEN');
    expect(cardValue(own, 'gmv') ?? 0).toBeLessThan(cardValue(operator.api, 'gmv') ?? 0);
    expect(cardValue(own, 'orders') ?? 0).toBeLessThan(cardValue(operator.api, 'orders') ?? 0);
    await expect.poll(() => text(page, 'kpi-gmv-value'), DATA_POLL).not.toBe(operator.gmvText);
    expect(await text(page, 'dashboard-channels')).not.toMatch(CHANNEL_CODES);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'dealer-analytics-dashboard.png'), fullPage: true });
    await page.close();
  }, 240_000);

  it('marketing staff enter spend per channel and the dashboard counts it', async () => {
    const page = await browser.newPage({ width: 1280, height: 900 });
    await staffSignIn(page, 'marketing@autoyard.cn');
    await page.getByTestId('menu-marketing-spend').click();
    await page.getByTestId('spend-page').waitFor();
    await page.getByTestId('spend-add').click();
    await page.getByTestId('spend-channel').click();
    await page.locator(OPEN_DROPDOWN, { hasText: '达人推广' }).click();
    // This week's campaign: the picker's 近7天.
    await page.getByTestId('spend-period').locator('.ant-picker').click();
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-presets li', {
        hasText: '近7天',
      })
      .click();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const start = new Date(Date.now() + 8 * 3600_000 - 6 * 86_400_000).toISOString().slice(0, 10);
    // antd puts the test id on the input or on its wrapper depending on the affixes.
    await page
      .locator('input[data-testid="spend-amount"], [data-testid="spend-amount"] input')
      .first()
      .fill('88000');
    await page.getByTestId('spend-note').fill('小红书达人种草 本周投放');
    await page.getByTestId('spend-submit').click();
    await page.getByText('小红书达人种草 本周投放').waitFor();
    expect(await text(page, 'spend-table')).toContain('达人推广');
    expect(await text(page, 'spend-table')).toContain('¥88,000.00');
    // The dashboard of that week counts it against the channel (at the latest after the next refresh).
    await expect
      .poll(
        async () => {
          const d = await dashboardApi(page, { from: start, to: today });
          return d.channels.find((c) => c.channel === 'kol')?.spendFen ?? 0;
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBeGreaterThanOrEqual(8_800_000);
    await page.close();
  }, 180_000);
});
