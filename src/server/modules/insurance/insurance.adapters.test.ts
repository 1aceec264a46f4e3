import { describe, expect, it } from 'vitest';
import { loadConfig, testConfig } from '../../config.js';
import {
  askInsurers,
  type InsurerAdapter,
  InsurerQuoteError,
  insurerConnections,
  sandboxInsurer,
} from './insurance.adapters.js';
import type { InsurerCode } from './insurance.enums.js';
import { DEFAULT_COVERAGES, type VehicleFacts } from './insurance.premiums.js';

const car: VehicleFacts = {
  valueFen: 15_000_000,
  energy: 'petrol',
  seats: 5,
  cityCode: '310100',
  used: false,
  firstRegistrationYear: null,
  accidentFreeYears: 0,
};
const at = new Date('2026-11-27T02:00:00Z');
const calm = { failureRate: 0, timeoutRate: 0, minLatencyMs: 0, maxLatencyMs: 0, random: () => 0.5 };

function failing(code: InsurerCode): InsurerAdapter {
  return {
    code,
    sandbox: true,
    quote: async () => {
      throw new InsurerQuoteError(code, 'refused');
    },
  };
}
function silent(code: InsurerCode): InsurerAdapter {
  return {
    code,
    sandbox: true,
    quote: ({ signal }) =>
      new Promise((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
  };
}

describe('asking insurers', () => {
  it('keeps the plans of the insurers that answered and marks the failed, silent and unconnected ones', async () => {
    const adapters = new Map<InsurerCode, InsurerAdapter>([
      ['picc', sandboxInsurer('picc', calm)],
      ['pingan', failing('pingan')],
      ['cpic', silent('cpic')],
    ]);
    const started = Date.now();
    const outcomes = await askInsurers(
      { adapters, timeoutMs: 50 },
      ['picc', 'pingan', 'cpic', 'chinalife'],
      car,
      DEFAULT_COVERAGES,
      at,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcomes.get('picc')).toMatchObject({
      status: 'quoted',
      sandbox: true,
      answer: { totalFen: 428_814 },
    });
    expect(outcomes.get('pingan')).toMatchObject({ status: 'failed', reason: 'refused' });
    expect(outcomes.get('cpic')).toMatchObject({ status: 'timeout' });
    expect(outcomes.get('chinalife')).toMatchObject({ status: 'unavailable' });
  });

  it('makes the sandbox fail or stay silent at its configured rates', async () => {
    const rolls = [0.01, 0.06, 0.5];
    const behaviour = { ...calm, failureRate: 0.05, timeoutRate: 0.03, random: () => rolls.shift() ?? 0.5 };
    const adapter = sandboxInsurer('cpic', behaviour);
    const conn = { adapters: new Map([['cpic', adapter] as const]), timeoutMs: 30 };
    const first = await askInsurers(conn, ['cpic'], car, DEFAULT_COVERAGES, at);
    expect(first.get('cpic')?.status).toBe('failed');
    const second = await askInsurers(conn, ['cpic'], car, DEFAULT_COVERAGES, at);
    expect(second.get('cpic')?.status).toBe('timeout');
    const third = await askInsurers(conn, ['cpic'], car, DEFAULT_COVERAGES, at);
    expect(third.get('cpic')).toMatchObject({
      status: 'quoted',
      answer: { validUntil: new Date('2026-12-04T02:00:00Z') },
    });
  });
});

describe('sandbox insurers in production', () => {
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'k'.repeat(40),
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
    PUBLIC_URL: 'https://www.example.cn',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: 'sign',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  };

  it('are off in production unless INSURANCE_SANDBOX=1, and on by default elsewhere', () => {
    expect(loadConfig(production).insuranceSandbox).toBe(false);
    expect(loadConfig({ ...production, INSURANCE_SANDBOX: '1' }).insuranceSandbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: './data/test' }).insuranceSandbox).toBe(true);
  });

  it('leave no insurer connected when off, so every plan is unavailable (no made-up premium reaches a buyer)', async () => {
    const conn = insurerConnections({ config: testConfig({ insuranceSandbox: false }) });
    expect(conn.adapters.size).toBe(0);
    const outcomes = await askInsurers(conn, ['picc'], car, DEFAULT_COVERAGES, at);
    expect(outcomes.get('picc')?.status).toBe('unavailable');
    const on = insurerConnections({ config: testConfig() });
    expect([...on.adapters.values()].every((a) => a.sandbox)).toBe(true);
  });
});
