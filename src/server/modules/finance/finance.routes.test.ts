import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function loanQuote(payload: Record<string, unknown>, lang = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/finance/loan-quote',
    headers: { 'accept-language': lang },
    payload,
  });
}

describe('POST /api/v1/finance/loan-quote', () => {
  it('answers the schedule and APR of an equal-instalment loan', async () => {
    const res = await loanQuote({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ firstPaymentFen: 295_240, aprBp: 400 });
    expect(body.schedule).toHaveLength(36);
    expect(body.schedule[35]).toMatchObject({ n: 36, balanceFen: 0 });
    expect(Object.keys(body).sort()).toEqual(
      ['aprBp', 'firstPaymentFen', 'lastPaymentFen', 'schedule', 'totalInterestFen', 'totalPaidFen'].sort(),
    );
  });

  it('converts a flat-rate quote to its APR', async () => {
    const res = await loanQuote({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      flatRateBp: 300,
    });
    expect(res.json()).toMatchObject({ aprBp: 568, totalInterestFen: 900_000 });
  });

  it.each([
    [{ annualRateBp: 400, flatRateBp: 300 }, 'annualRateBp'],
    [{}, 'annualRateBp'],
    [{ annualRateBp: 400, termMonths: 72 }, 'termMonths'],
    [{ annualRateBp: 400, termMonths: 6 }, 'termMonths'],
    [{ annualRateBp: -1 }, 'annualRateBp'],
    [{ annualRateBp: 400, principalFen: -5 }, 'principalFen'],
    [{ annualRateBp: 400, feesFen: -1 }, 'feesFen'],
    [{ annualRateBp: 400, method: 'balloon' }, 'method'],
  ])('refuses %j with a 400 naming %s', async (change, field) => {
    const res = await loanQuote({
      principalFen: 10_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      ...change,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.fields.map((f: { path: string }) => f.path)).toContain(`body.${field}`);
  });
});
