import type { Page } from 'playwright-core';

// Signing in as the journeys do it: a buyer by phone with the code from the dev SMS inbox, staff with the demo
// password. One browser context, so a sign-in replaces the session before it.

/** A GB 11643 resident ID: the 18th character is the ISO 7064 MOD 11-2 check of the first 17. */
export function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/** Signs a buyer in through /sign-in and answers their session token (for API calls as them). */
export async function buyerSignIn(page: Page, inbox: Page, phone: string): Promise<string> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByTestId('phone-input').fill(phone);
  await page.getByTestId('consent-checkbox').check();
  await page.getByTestId('send-code').click();
  await inbox.goto('/dev/sms');
  const code = inbox
    .locator(`[data-testid="dev-sms-message"][data-phone="${phone}"] [data-testid="dev-sms-code"]`)
    .first();
  await code.waitFor();
  await page.getByTestId('code-input').fill((await code.textContent())?.trim() ?? '');
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL('**/account');
  const session = (await page.context().cookies()).find((c) => c.name === 'ay_session');
  if (!session) throw new Error('no buyer session cookie');
  return session.value;
}

/** Signs a demo staff member in to the console or the dealer portal. */
export async function staffSignIn(
  page: Page,
  email: string,
  area: 'console' | 'dealer' = 'console',
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`/${area}/sign-in`);
  await page.getByTestId('staff-email').fill(email);
  await page.getByTestId('staff-password').fill('Autoyard-demo-2026');
  await page.getByTestId('staff-sign-in-submit').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}
