import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEPOSIT_TERMS_VERSIONS } from '../../src/server/modules/orders/orders.policy.js';
import { type Browser, launchBrowser } from './browser.js';
import { shot } from './checks.js';
import { buyerSignIn, residentId, staffSignIn } from './sessions.js';

// Issue 11 (delivery): the console's and the dealer portal's delivery screens on the demo data: the delivery
// calendar of a demo store with its generated slots, and the deliveries board with its rates. Then a buyer's
// journey: an order paid in full (placed, paid, allocated and signed through the API, as the order journey
// shows in the browser), booked for store pickup on the order page, followed there while staff sign the
// checklists and record the invoice, and accepted with a photo.

const baseUrl = inject('baseUrl');

type Json = Record<string, unknown>;

/** The API as a client with a bearer token (the buyer's session from the browser, or a staff member's). */
async function api(token: string, method: string, path: string, body?: Json): Promise<Json> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Json;
}

async function staffToken(email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/identity/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Autoyard-demo-2026' }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ay_session='));
  if (!cookie) throw new Error(`no session for ${email}: ${res.status} ${await res.text()}`);
  return cookie.slice('ay_session='.length).split(';')[0] ?? '';
}

/** The sandbox gateway's "pay" button, as the pay page posts it. */
async function paySandbox(intentId: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/payments/sandbox/${intentId}/succeed`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sandbox pay: ${res.status} ${await res.text()}`);
}

async function orderUntil(token: string, orderId: string, status: string): Promise<Json> {
  let order: Json = {};
  await expect
    .poll(
      async () => {
        order = await api(token, 'GET', `/orders/${orderId}`);
        return order.status;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(status);
  return order;
}

/** A 1x1 PNG: the handover photo the buyer uploads. */
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const skipReason = inject('chromiumSkipReason');

describe.skipIf(Boolean(skipReason))('delivery screens', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('supply chain sees a demo store’s delivery calendar with bookable slots, and the deliveries board with its rates', async () => {
    const page = await browser.newPage({ width: 1440, height: 900 });
    await staffSignIn(page, 'supply@autoyard.cn', 'console');
    await page.goto('/console/deliveries/calendar');
    await page.getByTestId('calendar-templates').waitFor();
    await expect
      .poll(() => page.getByTestId('calendar-templates').locator('tbody tr.ant-table-row').count())
      .toBe(21);
    await expect
      .poll(() => page.locator('text=/\\d+\\/\\d+/').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await shot(page, 'issue11-console-delivery-calendar');
    await page.goto('/console/deliveries');
    await page.getByTestId('delivery-rates').waitFor();
    expect(await page.getByTestId('deliveries-board').textContent()).toContain('准时交付率');
    await shot(page, 'issue11-console-deliveries');
    await page.close();
  }, 90_000);

  it('dealer staff see their own stores’ calendar in the portal', async () => {
    const page = await browser.newPage({ width: 1440, height: 900 });
    await staffSignIn(page, 'dealer.admin@autoyard.cn', 'dealer');
    await page.goto('/dealer/deliveries/calendar');
    await page.getByTestId('calendar-templates').waitFor();
    await expect
      .poll(() => page.getByTestId('calendar-templates').locator('tbody tr.ant-table-row').count())
      .toBe(21);
    await shot(page, 'issue11-dealer-delivery-calendar');
    await page.goto('/dealer/deliveries');
    await page.getByTestId('delivery-rates').waitFor();
    await page.close();
  }, 90_000);

  it('a buyer books store pickup for a car paid in full, follows it, and accepts the handover with a photo', async () => {
    const phone = '13766665555';
    const page = await browser.newPage({ width: 1440, height: 900 });
    const inbox = await browser.newPage({ width: 1280, height: 800 });
    const buyer = await buyerSignIn(page, inbox, phone);
    await inbox.close();
    const operator = await staffToken('operator@autoyard.cn');
    const supply = await staffToken('supply@autoyard.cn');

    // A used car from the listing page, ordered, paid, allocated and signed: ready for delivery.
    await page.goto('/cars?kind=used');
    await page.getByTestId('vehicle-card').first().waitFor();
    const listingId = (await page.getByTestId('vehicle-card').nth(1).getAttribute('data-id')) ?? '';
    const placed = await api(buyer, 'POST', '/orders', {
      listingId,
      buyer: { name: '李娜', phone, idNumber: residentId('31010419900815002') },
      paymentMethod: 'full',
      depositKind: 'refundable',
      acceptDepositTerms: { version: DEPOSIT_TERMS_VERSIONS.refundable, accepted: true },
      provider: 'alipay',
    });
    const orderId = String(placed.id);
    await paySandbox(String((placed.payment as Json).id));
    await orderUntil(buyer, orderId, 'deposit_paid');
    await api(operator, 'POST', `/orders/${orderId}/allocate`, {});
    let contractId = '';
    await expect
      .poll(
        async () => {
          contractId = String((await api(buyer, 'GET', `/orders/${orderId}`)).contractId ?? '');
          return contractId;
        },
        { timeout: 30_000, interval: 500 },
      )
      .not.toBe('');
    const contract = await api(buyer, 'GET', `/contracts/${contractId}`);
    const signature = { documentSha256: contract.sha256, consent: true };
    await api(buyer, 'POST', `/contracts/${contractId}/sign`, signature);
    await api(operator, 'POST', `/contracts/${contractId}/sign`, signature);
    await orderUntil(buyer, orderId, 'contract_signed');
    const balance = await api(buyer, 'POST', `/orders/${orderId}/payments`, { provider: 'wechat_pay' });
    await paySandbox(String(balance.id));
    await orderUntil(buyer, orderId, 'ready_for_delivery');

    // The order page: store pickup, the first free slot, confirmed.
    await page.goto(`/account/orders/${orderId}`);
    await page.getByTestId('delivery-booking').waitFor();
    await page.getByTestId('delivery-mode').getByText('到店提车').click();
    await page.getByTestId('delivery-slots').locator('.ant-radio-button-wrapper').first().click();
    await shot(page, 'issue11-delivery-booking');
    await page.getByTestId('delivery-confirm').click();
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toBe('已预约交车');
    await page.getByTestId('delivery-status').waitFor();

    // Staff sign off every PDI and handover item and record the invoice.
    const delivery = await api(buyer, 'GET', `/fulfilment/orders/${orderId}/delivery`);
    const deliveryId = String(delivery.id);
    for (const item of delivery.checklist as { kind: string; code: string }[]) {
      await api(
        supply,
        'POST',
        `/fulfilment/deliveries/${deliveryId}/checklist/${item.kind}/${item.code}`,
        {},
      );
    }
    await api(supply, 'POST', `/fulfilment/deliveries/${deliveryId}/invoice`, {
      number: '20261207',
      amountFen: Number((await api(buyer, 'GET', `/orders/${orderId}`)).totalDueFen),
    });

    // The buyer sees the car ready, adds a photo and accepts it: the order is handed over.
    await page.reload();
    await page.getByTestId('handover-accept').waitFor({ timeout: 15_000 });
    await page
      .locator('[data-testid="handover"] input[type="file"]')
      .setInputFiles({ name: 'handover.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    await page.getByTestId('handover-accept').click();
    await page.getByTestId('handover-accepted').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toBe('已交付');
    expect(await page.getByTestId('order-timeline').textContent()).toContain('车辆已交付');
    await shot(page, 'issue11-delivery-handed-over');
    await page.close();
  }, 180_000);
});
