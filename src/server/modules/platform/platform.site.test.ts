import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, SAMPLE_SITE_INFO } from '../../config.js';
import { createTestApp, type TestApp } from '../../testing/app.js';

// GET /api/v1/platform/site: the operator's name, filing numbers and contact, from the SITE_* configuration.

const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  DATA_ENCRYPTION_KEY: 'k'.repeat(40),
  DATABASE_URL: 'postgres://u:p@localhost:5432/autoyard',
  PUBLIC_URL: 'https://www.autoyard.cn',
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: 'Autoyard',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
} as const;

describe('site information', () => {
  it('is public and answers what the configuration holds', async () => {
    const t = await createTestApp({
      config: {
        site: {
          ...SAMPLE_SITE_INFO,
          icpFiling: '沪ICP备12345678号-2',
          psbFiling: null,
          contactEmail: 'hello@autoyard.cn',
        },
      },
    });
    apps.push(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/platform/site' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...SAMPLE_SITE_INFO,
      icpFiling: '沪ICP备12345678号-2',
      psbFiling: null,
      contactEmail: 'hello@autoyard.cn',
    });
    expect(res.headers['cache-control']).toContain('max-age');
  });

  it('reads SITE_* variables; an empty one is unset', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: './data/test',
      SESSION_SECRET: 's'.repeat(40),
      DATA_ENCRYPTION_KEY: 'k'.repeat(40),
      SITE_COMPANY_NAME: '上海车港科技有限公司',
      SITE_ICP_FILING: '沪ICP备12345678号-2',
      SITE_PSB_FILING: '沪公网安备31011502000001号',
      SITE_CONTACT_PHONE: '021-12345678',
      SITE_CONTACT_EMAIL: 'hello@autoyard.cn',
      SITE_ADDRESS: '',
    });
    expect(config.site).toMatchObject({
      companyName: '上海车港科技有限公司',
      icpFiling: '沪ICP备12345678号-2',
      psbFiling: '沪公网安备31011502000001号',
      contactPhone: '021-12345678',
      contactEmail: 'hello@autoyard.cn',
      // unset outside production: the sample
      address: SAMPLE_SITE_INFO.address,
    });
  });

  it('has sample values outside production only: production shows nothing it was not given', () => {
    const dev = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: './data/test',
      SESSION_SECRET: 's'.repeat(40),
      DATA_ENCRYPTION_KEY: 'k'.repeat(40),
    });
    expect(dev.site).toEqual(SAMPLE_SITE_INFO);
    const production = loadConfig({ ...PRODUCTION });
    expect(Object.values(production.site).every((v) => v === null)).toBe(true);
    const filed = loadConfig({ ...PRODUCTION, SITE_ICP_FILING: '京ICP备2026000001号-1' });
    expect(filed.site.icpFiling).toBe('京ICP备2026000001号-1');
    expect(filed.site.psbFiling).toBeNull();
  });

  it('refuses a malformed contact email at start-up', () => {
    expect(() => loadConfig({ ...PRODUCTION, SITE_CONTACT_EMAIL: 'not-an-email' })).toThrow(
      /SITE_CONTACT_EMAIL/,
    );
  });
});
