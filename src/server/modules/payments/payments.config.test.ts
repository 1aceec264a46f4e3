import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, TEST_PAYMENTS_CONFIG } from '../../config.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createPaymentIntent } from './payments.intents.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  DATA_ENCRYPTION_KEY: 'k'.repeat(40),
  DATABASE_URL: 'postgres://autoyard@db.internal:5432/autoyard',
  PUBLIC_URL: 'https://www.autoyard.example',
  ALIYUN_SMS_ACCESS_KEY_ID: 'id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: '车场',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
};

describe('payments configuration', () => {
  it('runs the sandbox in development and refuses it in production unless PAYMENT_SANDBOX says so', () => {
    expect(
      loadConfig({
        NODE_ENV: 'development',
        SESSION_SECRET: production.SESSION_SECRET,
        DATA_ENCRYPTION_KEY: production.DATA_ENCRYPTION_KEY,
      }).payments.sandbox,
    ).toBe(true);
    expect(loadConfig(production).payments.sandbox).toBe(false);
    expect(loadConfig({ ...production, PAYMENT_SANDBOX: 'on' }).payments.sandbox).toBe(true);
  });

  it('reads the approval threshold (default ¥50,000) and the real adapters only with all their keys', () => {
    const c = loadConfig({
      ...production,
      REFUND_APPROVAL_THRESHOLD_FEN: '10000000',
      ALIPAY_APP_ID: '2021004100000000',
      ALIPAY_PRIVATE_KEY: 'MIIE',
      ALIPAY_PUBLIC_KEY: 'MIIB',
      WECHATPAY_MCH_ID: '1900000109',
    });
    expect(c.payments.refundApprovalThresholdFen).toBe(10_000_000);
    expect(c.payments.alipay).toMatchObject({
      appId: '2021004100000000',
      gateway: 'https://openapi.alipay.com/gateway.do',
    });
    expect(c.payments.wechatPay).toBeNull();
    expect(loadConfig(production).payments.refundApprovalThresholdFen).toBe(5_000_000);
  });
});

describe('without the sandbox and without keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { payments: { ...TEST_PAYMENTS_CONFIG, sandbox: false } } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses online intents with PAYMENT_PROVIDER_UNAVAILABLE but still takes bank transfers', async () => {
    const input = {
      orderId: 'ord_prod',
      orderNumber: 'AY20261121-000777',
      purpose: 'balance' as const,
      amountFen: 12_000_000,
      payerUserId: 'cus_1',
      subject: '理想 L9 尾款',
    };
    await expect(
      createPaymentIntent(t.database.db, { ...input, provider: 'alipay' }, systemMutation(t.clock.now())),
    ).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    const transfer = await createPaymentIntent(
      t.database.db,
      { ...input, provider: 'bank_transfer' },
      systemMutation(t.clock.now()),
    );
    expect(transfer).toMatchObject({ status: 'pending', payUrl: null, sandbox: false });
  });

  it('answers the sandbox pay page and its buttons with 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/sandbox/pay/pay_anything' })).statusCode).toBe(404);
    const press = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/sandbox/pay_anything/succeed',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(press.json()).toMatchObject({ error: { code: 'PAYMENT_SANDBOX_DISABLED' } });
  });
});
