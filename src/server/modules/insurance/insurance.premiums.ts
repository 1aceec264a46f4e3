import { type Fen, roundFen } from '../../kernel/money.js';
import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import type { InsurerCode, PREMIUM_LINE_CODES } from './insurance.enums.js';

// The sandbox insurers' premium formula, shaped like the 2020 motor-insurance reform's own: the industry's
// benchmark pure risk premium (行业基准纯风险保费) per coverage, loaded with the insurer's expense ratio
// (附加费用率, capped at 25%) and multiplied by its own pricing coefficient (自主定价系数). Each sandbox insurer
// has its own ratio and coefficients, so plans differ the way real ones do. docs/insurance.md walks through it.
// Rounding: half-up to the fen, once per line.

export type Energy = (typeof ENERGY_TYPES)[number];
export type PremiumLineCode = (typeof PREMIUM_LINE_CODES)[number];

/** New-energy vehicles insured under the NEV commercial clauses (新能源汽车商业保险专属条款, 2021). */
export const NEV_ENERGIES: readonly Energy[] = ['bev', 'phev', 'erev', 'fcev'];

export function isNev(energy: Energy): boolean {
  return NEV_ENERGIES.includes(energy);
}

/** The facts an insurer prices from. */
export interface VehicleFacts {
  /** Purchase price of a new car, or the used car's actual value (its price): the vehicle-damage amount. */
  valueFen: Fen;
  energy: Energy;
  seats: number;
  cityCode: string;
  used: boolean;
  firstRegistrationYear: number | null;
  /** A used car's years without an at-fault accident (交强险 floats with the car), 0 for a new car. */
  accidentFreeYears: number;
}

export interface Coverages {
  vehicleDamage: boolean;
  /** Third-party liability amount in yuan, 0 for none. */
  thirdPartyAmountYuan: number;
  /** Seat cover per seat in yuan, 0 for none. */
  driverSeatYuan: number;
  passengerSeatYuan: number;
  /** NEVs only: external grid failure and the home charger's own damage and liability. */
  nevCharging: boolean;
}

export const DEFAULT_COVERAGES: Coverages = {
  vehicleDamage: true,
  thirdPartyAmountYuan: 2_000_000,
  driverSeatYuan: 10_000,
  passengerSeatYuan: 10_000,
  nevCharging: true,
};

export interface PremiumLine {
  code: PremiumLineCode;
  premiumFen: Fen;
  /** The insured amount in fen; null for the compulsory cover (its limits are set by law). */
  insuredFen: Fen | null;
}

/** One insurer's pricing: what its sandbox charges on top of the industry benchmark. */
export interface InsurerFactors {
  /** 附加费用率 in basis points (regulatory cap 2,500). */
  expenseRateBp: number;
  /** 自主定价系数 in basis points (10,000 = 1.0; the band allowed is 0.5-1.5) per kind of cover. */
  damageFactorBp: number;
  nevDamageFactorBp: number;
  liabilityFactorBp: number;
}

/** The industry benchmark the sandbox uses (pure risk premiums, before expenses). */
export const BENCHMARK = {
  /** 交强险, private car, first year: set by law, the same at every insurer. */
  compulsoryUnderSixSeatsFen: 95_000,
  compulsorySixSeatsOrMoreFen: 110_000,
  /** Each accident-free year takes 10% off, up to three years (855 / 760 / 665 for a 5-seater). */
  compulsoryAccidentFreeStepBp: 1_000,
  compulsoryMaxAccidentFreeYears: 3,
  /** 车损险 pure premium: a base plus a rate of the vehicle's value. */
  damageBasePureFen: 39_000,
  damageRatePureBp: 77,
  /** NEVs cost more to repair (battery, motor, electronics are covered by the NEV clauses). */
  nevDamageSurchargeBp: 2_500,
  /** 三者险 pure premium by liability amount (yuan), cars under 6 seats. */
  thirdPartyPureFen: {
    1000000: 85_000,
    1500000: 94_000,
    2000000: 102_000,
    3000000: 113_000,
    5000000: 135_000,
  } as Readonly<Record<number, Fen>>,
  /** Family cars with 6 seats or more are a dearer liability class. */
  sixSeatsLiabilitySurchargeBp: 1_000,
  /** Seat cover pure premium as a share of the amount per seat. */
  driverSeatPureBp: 32,
  passengerSeatPureBp: 21,
  /** NEV charging cover (外部电网故障损失险 + 自用充电桩损失/责任保险) pure premium. */
  nevChargingPureFen: 10_000,
} as const;

/** Each sandbox insurer's expense ratio and pricing coefficients (illustrative, not the companies' own). */
export const SANDBOX_FACTORS: Readonly<Record<InsurerCode, InsurerFactors>> = {
  picc: { expenseRateBp: 2_200, damageFactorBp: 9_500, nevDamageFactorBp: 10_000, liabilityFactorBp: 10_000 },
  pingan: {
    expenseRateBp: 2_300,
    damageFactorBp: 9_000,
    nevDamageFactorBp: 9_500,
    liabilityFactorBp: 10_500,
  },
  cpic: { expenseRateBp: 2_400, damageFactorBp: 10_000, nevDamageFactorBp: 10_500, liabilityFactorBp: 9_200 },
  chinalife: {
    expenseRateBp: 2_500,
    damageFactorBp: 10_500,
    nevDamageFactorBp: 11_000,
    liabilityFactorBp: 9_000,
  },
};

/** pure / (1 - expense ratio) x coefficient, rounded once. */
function loaded(pureFen: number, factorBp: number, f: InsurerFactors): Fen {
  return roundFen((pureFen * factorBp) / (10_000 - f.expenseRateBp));
}

/** The compulsory premium: by seats, less 10% per accident-free year of a used car (at most 30%). */
export function compulsoryPremium(vehicle: VehicleFacts): Fen {
  const base =
    vehicle.seats >= 6 ? BENCHMARK.compulsorySixSeatsOrMoreFen : BENCHMARK.compulsoryUnderSixSeatsFen;
  const years = vehicle.used
    ? Math.min(BENCHMARK.compulsoryMaxAccidentFreeYears, Math.max(0, vehicle.accidentFreeYears))
    : 0;
  return roundFen((base * (10_000 - years * BENCHMARK.compulsoryAccidentFreeStepBp)) / 10_000);
}

/**
 * One insurer's premium lines for a vehicle and the coverages chosen. The commercial no-claim discount
 * (NCD) is 1.0 here on purpose: a new car has no record, and a used car bought through the platform is
 * transferred (过户), which starts the new owner's commercial policy at 1.0.
 */
export function premiumLines(vehicle: VehicleFacts, coverages: Coverages, f: InsurerFactors): PremiumLine[] {
  const nev = isNev(vehicle.energy);
  const lines: PremiumLine[] = [
    { code: 'compulsory', premiumFen: compulsoryPremium(vehicle), insuredFen: null },
  ];
  if (coverages.vehicleDamage) {
    const pure = BENCHMARK.damageBasePureFen + (vehicle.valueFen * BENCHMARK.damageRatePureBp) / 10_000;
    const withNev = nev ? (pure * (10_000 + BENCHMARK.nevDamageSurchargeBp)) / 10_000 : pure;
    lines.push({
      code: 'vehicle_damage',
      premiumFen: loaded(withNev, nev ? f.nevDamageFactorBp : f.damageFactorBp, f),
      insuredFen: vehicle.valueFen,
    });
  }
  const thirdPartyPure = BENCHMARK.thirdPartyPureFen[coverages.thirdPartyAmountYuan];
  if (coverages.thirdPartyAmountYuan > 0 && thirdPartyPure !== undefined) {
    const surcharge = vehicle.seats >= 6 ? BENCHMARK.sixSeatsLiabilitySurchargeBp : 0;
    lines.push({
      code: 'third_party',
      premiumFen: loaded((thirdPartyPure * (10_000 + surcharge)) / 10_000, f.liabilityFactorBp, f),
      insuredFen: coverages.thirdPartyAmountYuan * 100,
    });
  }
  if (coverages.driverSeatYuan > 0) {
    const insured = coverages.driverSeatYuan * 100;
    lines.push({
      code: 'driver_seat',
      premiumFen: loaded((insured * BENCHMARK.driverSeatPureBp) / 10_000, f.liabilityFactorBp, f),
      insuredFen: insured,
    });
  }
  const passengers = Math.max(0, vehicle.seats - 1);
  if (coverages.passengerSeatYuan > 0 && passengers > 0) {
    const insured = coverages.passengerSeatYuan * 100 * passengers;
    lines.push({
      code: 'passenger_seats',
      premiumFen: loaded((insured * BENCHMARK.passengerSeatPureBp) / 10_000, f.liabilityFactorBp, f),
      insuredFen: insured,
    });
  }
  if (nev && coverages.nevCharging) {
    lines.push({
      code: 'nev_charging',
      premiumFen: loaded(BENCHMARK.nevChargingPureFen, f.liabilityFactorBp, f),
      insuredFen: null,
    });
  }
  return lines;
}

export function totalOf(lines: readonly PremiumLine[]): Fen {
  return lines.reduce((sum, l) => sum + l.premiumFen, 0);
}
