import { describe, expect, it } from 'vitest';
import { loadConfig, testConfig } from '../../config.js';
import { priceDelivery, roadKm } from './fulfilment.calendar.js';
import {
  carrierAdapter,
  routePoint,
  sandboxPlan,
  signCarrierEvent,
  verifyCarrierEvent,
} from './fulfilment.carriers.js';
import type { FeeRuleRow } from './fulfilment.schema.js';

const BEIJING = { latitude: 39.9042, longitude: 116.4074 };
const SHANGHAI = { latitude: 31.2304, longitude: 121.4737 };

describe('the sandbox carrier', () => {
  it('is off in production unless CARRIER_SANDBOX=1, and on by default elsewhere', () => {
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
    expect(loadConfig(production).carrierSandbox).toBe(false);
    expect(loadConfig({ ...production, CARRIER_SANDBOX: '1' }).carrierSandbox).toBe(true);
    expect(carrierAdapter(testConfig({ carrierSandbox: false }), 'sandbox')).toBeNull();
    expect(carrierAdapter(testConfig(), 'sandbox')?.code).toBe('sandbox');
    expect(carrierAdapter(testConfig(), 'anji')).toBeNull();
  });

  it('plans four events over a drive time that grows with distance, along a bowed route that ends at both cities', () => {
    const near = sandboxPlan(0);
    const far = sandboxPlan(1_340);
    expect(near.map((s) => s.kind)).toEqual(['picked_up', 'hub', 'out_for_delivery', 'delivered']);
    expect(near.at(-1)?.minutes).toBe(150);
    expect(far.at(-1)?.minutes).toBe(30 + Math.round((1_340 / 50) * 60));
    expect(routePoint(BEIJING, SHANGHAI, 0)).toEqual({ latitude: 39.9042, longitude: 116.4074 });
    expect(routePoint(BEIJING, SHANGHAI, 1)).toEqual({ latitude: 31.2304, longitude: 121.4737 });
    const mid = routePoint(BEIJING, SHANGHAI, 0.5);
    const straight = { latitude: (39.9042 + 31.2304) / 2, longitude: (116.4074 + 121.4737) / 2 };
    expect(
      Math.abs(mid.latitude - straight.latitude) + Math.abs(mid.longitude - straight.longitude),
    ).toBeGreaterThan(0.3);
  });

  it('signs events over their fields, so a changed field fails the check', () => {
    const config = testConfig();
    const e = {
      eventId: 'e1',
      trackingNumber: 'SBX1',
      kind: 'hub' as const,
      occurredAt: '2026-12-08T03:00:00.000Z',
      latitude: 35.1,
      longitude: 118.2,
      place: '中转站',
    };
    const sig = signCarrierEvent(config, 'sandbox', e);
    expect(verifyCarrierEvent(config, 'sandbox', e, sig)).toBe(true);
    expect(verifyCarrierEvent(config, 'sandbox', { ...e, kind: 'delivered' }, sig)).toBe(false);
    expect(verifyCarrierEvent(config, 'anji', e, sig)).toBe(false);
    expect(verifyCarrierEvent(config, 'sandbox', e, undefined)).toBe(false);
  });
});

describe('delivery fees', () => {
  const at = new Date('2026-12-01T00:00:00Z');
  const rule = (r: Partial<FeeRuleRow> & Pick<FeeRuleRow, 'kind'>): FeeRuleRow => ({
    id: `dfr_${r.kind}`,
    fromCityCode: null,
    toCityCode: null,
    feeFen: 0,
    perKmFen: 0,
    active: true,
    createdAt: at,
    ...r,
  });
  it('prefers a city pair in either direction, then same city, then per km; no rule means not offered', () => {
    const rules = [
      rule({ kind: 'same_city', feeFen: 0 }),
      rule({ kind: 'city_pair', fromCityCode: '110100', toCityCode: '120100', feeFen: 80_000 }),
      rule({ kind: 'per_km', feeFen: 50_000, perKmFen: 300 }),
    ];
    expect(priceDelivery(rules, '120100', '110100', 140)).toEqual({ feeFen: 80_000, basis: 'city_pair' });
    expect(priceDelivery(rules, '110100', '110100', 0)).toEqual({ feeFen: 0, basis: 'same_city' });
    expect(priceDelivery(rules, '110100', '310100', 1_340)).toEqual({ feeFen: 452_000, basis: 'per_km' });
    expect(() => priceDelivery(rules.slice(0, 2), '110100', '310100', 1_340)).toThrow();
    expect(() =>
      priceDelivery([{ ...rules[2], active: false } as FeeRuleRow], '110100', '310100', 10),
    ).toThrow();
    const km = roadKm(BEIJING, SHANGHAI);
    expect(km).toBeGreaterThan(1_300);
    expect(km).toBeLessThan(1_400);
  });
});
