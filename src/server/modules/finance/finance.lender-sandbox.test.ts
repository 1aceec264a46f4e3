import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import type { LenderApplication } from './finance.lender.js';
import { sandboxDecision, seededRandom } from './finance.lender-sandbox.js';
import { quoteLoan } from './finance.loan.js';

const DAY = '2026-11-21';

/**
 * CNY 200,000 new petrol car, 20% down (40,000), 160,000 over 36 months at 4.00%: the DOMAIN check value is
 * 2,952.40 a month per 100,000, so 4,723.84 here; 50% of income must cover it: income >= 9,447.68.
 */
function application(change: {
  priceFen?: number;
  downPaymentFen?: number;
  maxPaymentFen?: number;
  monthlyIncomeFen?: number;
  kind?: 'new' | 'used';
  newEnergy?: boolean;
  idNumber?: string;
}): LenderApplication {
  const priceFen = change.priceFen ?? 20_000_000;
  const downPaymentFen = change.downPaymentFen ?? 4_000_000;
  const maxPaymentFen = change.maxPaymentFen ?? 472_384;
  return {
    applicationId: 'loan_test',
    applicant: {
      name: '李娜',
      idNumber: change.idNumber ?? '440305199003071236',
      monthlyIncomeFen: change.monthlyIncomeFen ?? 1_000_000,
      employmentType: 'salaried',
      cityCode: '440300',
    },
    vehicle: { kind: change.kind ?? 'new', newEnergy: change.newEnergy ?? false, listingId: null },
    terms: {
      priceFen,
      downPaymentFen,
      principalFen: priceFen - downPaymentFen,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      flatRateBp: null,
      feesFen: 0,
      monthlyPaymentFen: maxPaymentFen,
      maxPaymentFen,
      totalInterestFen: 0,
      aprBp: 400,
    },
    productId: null,
  };
}

const codes = (a: LenderApplication, day = DAY) => sandboxDecision(a, day).map((r) => r.code);

describe('the sandbox lender decides by its published rules', () => {
  it('uses the monthly payment the loan calculator gives: 4,723.84 for 160,000 at 4% over 36 months', () => {
    const plan = quoteLoan({
      principalFen: 16_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      feesFen: 0,
    });
    expect(plan.firstPaymentFen).toBe(472_384);
  });

  it('approves 4,723.84 a month on an income of 9,447.68 (exactly 50%)', () => {
    expect(codes(application({ monthlyIncomeFen: 944_768 }))).toEqual([]);
  });

  it('refuses it on 9,447.67 (just over 50%)', () => {
    expect(codes(application({ monthlyIncomeFen: 944_767 }))).toEqual(['PAYMENT_TO_INCOME']);
  });

  it('refuses an application without income', () => {
    expect(codes(application({ monthlyIncomeFen: 0 }))).toEqual(['INCOME_MISSING']);
  });

  it('needs 20% down on a new petrol car: 40,000 of 200,000 passes, 39,999.99 does not', () => {
    expect(codes(application({ downPaymentFen: 4_000_000 }))).toEqual([]);
    expect(codes(application({ downPaymentFen: 3_999_999 }))).toEqual(['DOWN_PAYMENT_TOO_LOW']);
  });

  it('needs 15% down on a new NEV: 30,000 of 200,000 passes, 29,999.99 does not', () => {
    expect(codes(application({ newEnergy: true, downPaymentFen: 3_000_000 }))).toEqual([]);
    expect(codes(application({ newEnergy: true, downPaymentFen: 2_999_999 }))).toEqual([
      'DOWN_PAYMENT_TOO_LOW',
    ]);
  });

  it('needs 30% down on a used car: 60,000 of 200,000 passes, 50,000 does not', () => {
    expect(codes(application({ kind: 'used', downPaymentFen: 6_000_000 }))).toEqual([]);
    expect(codes(application({ kind: 'used', downPaymentFen: 5_000_000 }))).toEqual(['DOWN_PAYMENT_TOO_LOW']);
  });

  it('takes applicants from 18 to 65 by the birth date in their ID number', () => {
    const born2008 = '110105200801011236'; // 1 January 2008
    expect(codes(application({ idNumber: born2008 }), '2025-12-31')).toEqual(['AGE_OUT_OF_RANGE']); // 17
    expect(codes(application({ idNumber: born2008 }), '2026-01-01')).toEqual([]); // 18
    const born1959 = '11010519590101123X'; // 1 January 1959
    expect(codes(application({ idNumber: born1959 }), '2024-12-31')).toEqual([]); // 65
    expect(codes(application({ idNumber: born1959 }), '2025-01-02')).toEqual(['AGE_OUT_OF_RANGE']); // 66
  });

  it('gives every failed rule with its text in both languages', () => {
    const reasons = sandboxDecision(application({ monthlyIncomeFen: 300_000, downPaymentFen: 0 }), DAY);
    expect(reasons.map((r) => r.code)).toEqual(['PAYMENT_TO_INCOME', 'DOWN_PAYMENT_TOO_LOW']);
    expect(reasons[0]).toMatchObject({ zh: '月供超过月收入的 50%', en: expect.stringContaining('50%') });
  });

  it('draws the same random stream from the same seed (deterministic tests)', () => {
    const a = seededRandom('seed:SBX-1:2');
    const b = seededRandom('seed:SBX-1:2');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom('seed:SBX-1:3')()).not.toBe(seededRandom('seed:SBX-1:2')());
  });
});

describe('lender configuration', () => {
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'k'.repeat(40),
    DATABASE_URL: 'postgres://u@db:5432/autoyard',
    PUBLIC_URL: 'https://www.autoyard.example',
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: 'Autoyard',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  };

  it('turns the sandbox lender off in production and has no development secrets there', () => {
    const config = loadConfig(production);
    expect(config.lenders.sandbox).toBe(false);
    expect(config.lenders.callbackSecrets).toEqual({});
    expect(config.lenders.callbackBaseUrl).toBe('https://www.autoyard.example');
  });

  it('runs the sandbox in production only when asked, and then requires the secrets from the environment', () => {
    expect(() => loadConfig({ ...production, LENDER_SANDBOX: '1' })).toThrow(ConfigError);
    const config = loadConfig({
      ...production,
      LENDER_SANDBOX: '1',
      LENDER_CALLBACK_SECRETS: 'cmb=0123456789abcdef0123, pingan_bank=fedcba9876543210fedc',
    });
    expect(config.lenders).toMatchObject({
      sandbox: true,
      callbackSecrets: { cmb: '0123456789abcdef0123', pingan_bank: 'fedcba9876543210fedc' },
    });
  });
});
