import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS_DIR } from './browser.js';

// Page checks shared by the journeys: accessibility (axe-core), layout, raw codes and language.

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page; returns the critical violations (with their first offending selectors). */
export async function criticalA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') refuses injected script tags.
  axeSource ??= readFileSync(AXE_SOURCE_PATH, 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}

/** The page is no wider than the viewport (no sideways scrolling on a phone). */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Texts that are codes rather than words: snake_case enum values and ids (on_sale, dlr_hz_audi, phev),
 * six-digit GB/T 2260 city codes, prefixed ULID ids, and bare lower-case enum words a person never reads.
 */
export function looksLikeRawCode(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/^[a-z]+(_[a-z0-9]+)+$/.test(t)) return true;
  if (/^\d{6}$/.test(t)) return true;
  if (/^[a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{10,}$/i.test(t)) return true;
  return /^(bev|phev|erev|hev|fcev|petrol|diesel|suv|sedan|mpv|hatchback|number|text|boolean|enum|listed|delisted|draft|in_review|rejected|active|suspended|pending|new|used)$/.test(
    t,
  );
}

/** Every cell text of the data tables (and their phone cards) on the page. */
export function tableCellTexts(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="data-table"] td, [data-testid="data-table"] [data-testid="data-card-field"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).textContent));
}

/**
 * The page's visible text without proper names: elements marked lang="zh-CN" (a Chinese name with no
 * English one, a street address) are left out, as are inputs.
 */
export function textOutsideProperNames(page: Page, selector = 'body'): Promise<string> {
  return page.locator(selector).evaluate((root) => {
    const clone = root.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('[lang^="zh"], script, style, noscript, input, textarea, svg'))
      el.remove();
    return clone.textContent ?? '';
  });
}
