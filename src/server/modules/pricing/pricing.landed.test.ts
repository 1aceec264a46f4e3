import { describe, expect, it } from 'vitest';
import {
  computeLandedPrice,
  DEFAULT_INSURANCE,
  type LandedPriceInput,
  NO_SERVICES,
} from './pricing.landed.js';
import { INITIAL_RULE_VERSIONS } from './pricing.rule-data.js';
import { type RuleVersion, ruleLookup } from './pricing.rules.js';

// Hand-computed cases (yuan in the comments, fen in the assertions). Rules are the initial versions.

const versions: RuleVersion[] = INITIAL_RULE_VERSIONS.map((v, i) => ({
  ...v,
  id: `prv_${i}`,
  version: INITIAL_RULE_VERSIONS.filter((w, j) => j <= i && w.code === v.code && w.scope === v.scope).length,
}));

const BEIJING = '110100';
const GUANGZHOU = '440100';
const SHANGHAI = '310100';

function quote(input: Partial<LandedPriceInput> & { priceFen: number }, city = BEIJING, date = '2026-11-27') {
  const full: LandedPriceInput = {
    energy: 'petrol',
    seats: 5,
    displacementMl: 1500,
    used: false,
    exemptionCatalogue: true,
    insurance: DEFAULT_INSURANCE,
    services: NO_SERVICES,
    tradeIn: null,
    date,
    ...input,
  };
  const result = computeLandedPrice(full, ruleLookup(versions, city, date), 'zh-CN');
  const line = (code: string) => result.lines.find((l) => l.code === code);
  return { ...result, line, amount: (code: string) => line(code)?.amountFen };
}

describe('landed price', () => {
  it('a petrol car at CNY 150,000 in Beijing, 5 seats, 1.5 L', () => {
    const q = quote({ priceFen: 15_000_000 });
    expect(q.amount('vehicle_price')).toBe(15_000_000);
    // 150,000 / 1.13 x 10% = 13,274.336 -> 13,274.34
    expect(q.amount('purchase_tax')).toBe(1_327_434);
    expect(q.amount('compulsory_insurance')).toBe(95_000);
    expect(q.amount('vessel_tax')).toBe(42_000);
    expect(q.amount('registration_fee')).toBe(50_000);
    // damage 500 + 1,500; third party 2M 1,320; driver 10,000 x 0.42% = 42; 4 passengers x 10,000 x 0.27% = 108
    expect(q.line('commercial_insurance_estimate')?.parts).toEqual([
      { code: 'vehicle_damage', amountFen: 200_000 },
      { code: 'third_party', amountFen: 132_000 },
      { code: 'driver_seat', amountFen: 4_200 },
      { code: 'passenger_seats', amountFen: 10_800 },
    ]);
    expect(q.amount('commercial_insurance_estimate')).toBe(347_000);
    expect(q.line('super_luxury_tax')).toBeUndefined();
    // 150,000 + 13,274.34 + 950 + 420 + 500 + 3,470
    expect(q.totalFen).toBe(16_861_434);
    expect(q.line('purchase_tax')?.rule).toMatchObject({ id: 'purchase_tax', version: 3 });
  });

  it('NEVs in 2026 pay half the purchase tax, relief capped at CNY 15,000', () => {
    const nev = { energy: 'bev' as const, displacementMl: 0 };
    expect(quote({ priceFen: 20_000_000, ...nev }).amount('purchase_tax')).toBe(884_956); // 8,849.56
    // 300,000 / 1.13 x 10% x 50% = 13,274.336
    expect(quote({ priceFen: 30_000_000, ...nev }).amount('purchase_tax')).toBe(1_327_434);
    // 400,000 / 1.13 x 10% = 35,398.23, relief capped at 15,000
    expect(quote({ priceFen: 40_000_000, ...nev }).amount('purchase_tax')).toBe(2_039_823);
    // a PHEV off the catalogue (under 100 km) pays the whole tax
    expect(
      quote({ priceFen: 20_000_000, energy: 'phev', displacementMl: 1500, exemptionCatalogue: false }).amount(
        'purchase_tax',
      ),
    ).toBe(1_769_912);
    // battery-electric cars pay no vessel tax
    expect(quote({ priceFen: 20_000_000, ...nev }).amount('vessel_tax')).toBe(0);
  });

  it('uses the version in effect on the quote date', () => {
    const nev = { energy: 'bev' as const, displacementMl: 0, priceFen: 40_000_000 };
    expect(quote(nev, BEIJING, '2025-06-01').amount('purchase_tax')).toBe(539_823); // 35,398.23 - 30,000
    expect(quote(nev, BEIJING, '2025-06-01').line('purchase_tax')?.rule.version).toBe(2);
    expect(quote(nev, BEIJING, '2028-01-01').amount('purchase_tax')).toBe(3_539_823);
  });

  it('charges compulsory insurance by seat count', () => {
    expect(quote({ priceFen: 15_000_000, seats: 5 }).amount('compulsory_insurance')).toBe(95_000);
    expect(quote({ priceFen: 15_000_000, seats: 7 }).amount('compulsory_insurance')).toBe(110_000);
  });

  it('bands vessel tax by displacement, per province', () => {
    expect(quote({ priceFen: 15_000_000, displacementMl: 1500 }).amount('vessel_tax')).toBe(42_000);
    expect(quote({ priceFen: 15_000_000, displacementMl: 2000 }).amount('vessel_tax')).toBe(48_000);
    expect(quote({ priceFen: 15_000_000, displacementMl: 2500 }).amount('vessel_tax')).toBe(90_000);
    expect(quote({ priceFen: 15_000_000, displacementMl: 1500 }, GUANGZHOU).amount('vessel_tax')).toBe(
      36_000,
    );
    expect(quote({ priceFen: 15_000_000, displacementMl: 1500 }, GUANGZHOU).line('vessel_tax')?.rule.id).toBe(
      'vessel_tax:440000',
    );
  });

  it('shows the super-luxury tax as included in the price of a new car from CNY 900,000 without VAT', () => {
    const q = quote({ priceFen: 113_000_000, displacementMl: 3000 });
    expect(q.line('super_luxury_tax')).toMatchObject({ amountFen: 10_000_000, includedInPrice: true });
    // included, so not added: 1,130,000 + 100,000 purchase tax + 950 + 1,920 + 500 + insurance
    const insurance = q.amount('commercial_insurance_estimate') ?? 0;
    expect(q.totalFen).toBe(113_000_000 + 10_000_000 + 95_000 + 192_000 + 50_000 + insurance);
    // just under the threshold: nothing
    expect(quote({ priceFen: 101_699_999 }).line('super_luxury_tax')).toBeUndefined();
    expect(quote({ priceFen: 101_700_000 }).line('super_luxury_tax')?.amountFen).toBe(9_000_000);
    // used cars are exempt, and pay no purchase tax
    const used = quote({ priceFen: 113_000_000, used: true });
    expect(used.line('super_luxury_tax')).toBeUndefined();
    expect(used.amount('purchase_tax')).toBe(0);
  });

  it('adds the Shanghai plate quota only when asked and not for a battery-electric car', () => {
    const services = { ...NO_SERVICES, plateQuota: true };
    expect(quote({ priceFen: 15_000_000, services }, SHANGHAI).amount('plate_quota')).toBe(9_400_000);
    expect(quote({ priceFen: 15_000_000 }, SHANGHAI).line('plate_quota')).toBeUndefined();
    expect(
      quote({ priceFen: 15_000_000, services, energy: 'bev', displacementMl: 0 }, SHANGHAI).line(
        'plate_quota',
      ),
    ).toBeUndefined();
    expect(quote({ priceFen: 15_000_000, services }, BEIJING).line('plate_quota')).toBeUndefined();
  });

  it('subtracts the 2026 trade-in subsidy with its cap', () => {
    const nev = { energy: 'bev' as const, displacementMl: 0 };
    expect(quote({ priceFen: 6_980_000, ...nev, tradeIn: 'scrap' }).amount('trade_in_subsidy')).toBe(
      -837_600,
    );
    expect(quote({ priceFen: 20_000_000, ...nev, tradeIn: 'scrap' }).amount('trade_in_subsidy')).toBe(
      -2_000_000,
    );
    expect(quote({ priceFen: 10_000_000, tradeIn: 'replace' }).amount('trade_in_subsidy')).toBe(-600_000);
    // petrol over 2.0 L does not qualify; the scheme ends with 2026
    expect(
      quote({ priceFen: 10_000_000, displacementMl: 2500, tradeIn: 'scrap' }).line('trade_in_subsidy'),
    ).toBeUndefined();
    expect(
      quote({ priceFen: 20_000_000, ...nev, tradeIn: 'scrap' }, BEIJING, '2027-01-05').line(
        'trade_in_subsidy',
      ),
    ).toBeUndefined();
  });

  it('prices the optional services', () => {
    const q = quote({
      priceFen: 15_000_000,
      services: { plateService: true, extendedWarranty: true, plateQuota: false },
    });
    expect(q.amount('plate_service')).toBe(80_000);
    expect(q.amount('extended_warranty')).toBe(300_000); // 1.5% = 2,250 < floor 3,000
    expect(
      quote({ priceFen: 40_000_000, services: { ...NO_SERVICES, extendedWarranty: true } }).amount(
        'extended_warranty',
      ),
    ).toBe(600_000);
  });
});
