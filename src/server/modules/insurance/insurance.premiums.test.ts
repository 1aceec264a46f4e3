import { describe, expect, it } from 'vitest';
import {
  type Coverages,
  compulsoryPremium,
  DEFAULT_COVERAGES,
  premiumLines,
  SANDBOX_FACTORS,
  totalOf,
  type VehicleFacts,
} from './insurance.premiums.js';

// Hand-computed: premium = pure x coefficient / (1 - expense ratio), half-up to the fen once per line.

const petrol: VehicleFacts = {
  valueFen: 15_000_000,
  energy: 'petrol',
  seats: 5,
  cityCode: '110100',
  used: false,
  firstRegistrationYear: null,
  accidentFreeYears: 0,
};
const coverages: Coverages = { ...DEFAULT_COVERAGES, thirdPartyAmountYuan: 2_000_000 };

function byCode(v: VehicleFacts, c: Coverages, code: keyof typeof SANDBOX_FACTORS) {
  const lines = premiumLines(v, c, SANDBOX_FACTORS[code]);
  return { lines: Object.fromEntries(lines.map((l) => [l.code, l.premiumFen])), total: totalOf(lines) };
}

describe('sandbox premiums', () => {
  it('prices a petrol car at CNY 150,000, 5 seats, 三者 200万 at PICC by hand', () => {
    // vehicle damage pure: 390 + 150,000 x 0.77% = 1,545.00 yuan; x 0.95 / (1 - 22%) = 1,881.73
    // third party 200万 pure 1,020; x 1.00 / 0.78 = 1,307.69
    // driver seat 10,000 x 0.32% = 32; / 0.78 = 41.03; passengers 4 x 10,000 x 0.21% = 84; / 0.78 = 107.69
    expect(byCode(petrol, coverages, 'picc')).toEqual({
      lines: {
        compulsory: 95_000,
        vehicle_damage: 188_173,
        third_party: 130_769,
        driver_seat: 4_103,
        passenger_seats: 10_769,
      },
      total: 428_814,
    });
  });

  it('prices the same car differently at each insurer (own expense ratio and coefficients)', () => {
    // Ping An: damage 1,545 x 0.90 / 0.77 = 1,805.84; 三者 1,020 x 1.05 / 0.77 = 1,390.91;
    // seats 32 x 1.05 / 0.77 = 43.64 and 84 x 1.05 / 0.77 = 114.55
    expect(byCode(petrol, coverages, 'pingan').total).toBe(95_000 + 180_584 + 139_091 + 4_364 + 11_455);
    // CPIC: 1,545 / 0.76 = 2,032.89; 1,020 x 0.92 / 0.76 = 1,234.74; 38.74; 101.68
    expect(byCode(petrol, coverages, 'cpic').total).toBe(95_000 + 203_289 + 123_474 + 3_874 + 10_168);
    // China Life: 1,545 x 1.05 / 0.75 = 2,163.00; 1,020 x 0.90 / 0.75 = 1,224.00; 38.40; 100.80
    expect(byCode(petrol, coverages, 'chinalife').total).toBe(95_000 + 216_300 + 122_400 + 3_840 + 10_080);
  });

  it('adds the NEV surcharge and the charging cover for a BEV at CNY 300,000', () => {
    const bev: VehicleFacts = { ...petrol, valueFen: 30_000_000, energy: 'bev' };
    // damage pure 390 + 300,000 x 0.77% = 2,700; NEV x 1.25 = 3,375; PICC x 1.00 / 0.78 = 4,326.92
    // charging cover pure 100 / 0.78 = 128.21
    expect(byCode(bev, coverages, 'picc')).toEqual({
      lines: {
        compulsory: 95_000,
        vehicle_damage: 432_692,
        third_party: 130_769,
        driver_seat: 4_103,
        passenger_seats: 10_769,
        nev_charging: 12_821,
      },
      total: 686_154,
    });
    // Ping An's NEV coefficient 0.95: 3,375 x 0.95 / 0.77 = 4,163.96; charging 100 x 1.05 / 0.77 = 136.36
    expect(byCode(bev, coverages, 'pingan').lines).toMatchObject({
      vehicle_damage: 416_396,
      nev_charging: 13_636,
    });
    expect(byCode(bev, coverages, 'pingan').total).toBe(679_942);
  });

  it('charges a 7-seater the 6+ seat compulsory premium, a dearer liability class and six passenger seats', () => {
    const mpv: VehicleFacts = { ...petrol, seats: 7 };
    // 交强险 1,100; 三者 1,020 x 1.10 = 1,122 / 0.78 = 1,438.46; passengers 6 x 10,000 x 0.21% = 126 / 0.78 = 161.54
    expect(byCode(mpv, coverages, 'picc')).toEqual({
      lines: {
        compulsory: 110_000,
        vehicle_damage: 188_173,
        third_party: 143_846,
        driver_seat: 4_103,
        passenger_seats: 16_154,
      },
      total: 462_276,
    });
  });

  it('gives the compulsory cover only when no commercial cover is chosen, and no charging cover to a petrol car', () => {
    const none: Coverages = {
      vehicleDamage: false,
      thirdPartyAmountYuan: 0,
      driverSeatYuan: 0,
      passengerSeatYuan: 0,
      nevCharging: true,
    };
    expect(premiumLines(petrol, none, SANDBOX_FACTORS.cpic)).toEqual([
      { code: 'compulsory', premiumFen: 95_000, insuredFen: null },
    ]);
  });

  it('floats a used car’s compulsory premium down 10% per accident-free year, at most 30%', () => {
    const used = { ...petrol, used: true };
    expect(compulsoryPremium({ ...used, accidentFreeYears: 1 })).toBe(85_500);
    expect(compulsoryPremium({ ...used, accidentFreeYears: 2 })).toBe(76_000);
    expect(compulsoryPremium({ ...used, accidentFreeYears: 5 })).toBe(66_500);
    // A new car has no record to float on.
    expect(compulsoryPremium({ ...petrol, accidentFreeYears: 3 })).toBe(95_000);
  });
});
