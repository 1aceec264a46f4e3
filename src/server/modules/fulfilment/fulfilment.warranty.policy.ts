import { shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import {
  type ClaimDefect,
  type ClaimRule,
  MAJOR_PART_DEFECTS,
  SERIOUS_DEFECTS,
} from './fulfilment.warranty.enums.js';

/** The numbers of one dated 三包 policy row. */
export interface WarrantyPolicy {
  readonly majorPartDays: number;
  readonly seriousDefectDays: number;
  readonly seriousDefectKm: number;
  readonly decisionDays: number;
}

export interface ClaimEligibility {
  readonly rule: ClaimRule;
  /** Replacement or refund (true), or repair under warranty (false). */
  readonly eligible: boolean;
  /** The last instant of the claim's window (null when the defect has none). */
  readonly windowEndsAt: Date | null;
  /** The kilometre limit of the window (null when the window is by days only). */
  readonly windowKm: number | null;
}

const DAY_MS = 86_400_000;

/**
 * The end of a window of `days` days after delivery: the delivery day itself does not count and the last
 * day runs to 24:00 Asia/Shanghai (Civil Code art. 201 and 203), so a car handed over at any time on
 * 12-08 has its 7 days to the end of 12-15.
 */
export function windowEnd(deliveredAt: Date, days: number): Date {
  return new Date(shanghaiDayStart(shanghaiDay(deliveredAt)).getTime() + (days + 1) * DAY_MS);
}

const isMajor = (d: ClaimDefect) => (MAJOR_PART_DEFECTS as readonly string[]).includes(d);
const isSerious = (d: ClaimDefect) => (SERIOUS_DEFECTS as readonly string[]).includes(d);

/**
 * Whether a claim gives replacement or refund (DOMAIN.md, new-car 三包): a major part (engine, gearbox,
 * traction battery, drive motor) to be replaced within the major-part days; a serious defect (steering or
 * brake failure, body cracking, fuel leak, battery fire) within the serious-defect days or kilometres,
 * whichever comes first. Anything else is repaired under warranty. Windows are inclusive: the last day to
 * its 24:00 and the kilometre limit itself still count.
 */
export function claimEligibility(input: {
  defect: ClaimDefect;
  deliveredAt: Date;
  filedAt: Date;
  mileageKm: number;
  policy: WarrantyPolicy;
}): ClaimEligibility {
  const { defect, deliveredAt, filedAt, mileageKm, policy } = input;
  if (isMajor(defect)) {
    const end = windowEnd(deliveredAt, policy.majorPartDays);
    const inside = filedAt.getTime() < end.getTime();
    return {
      rule: inside ? 'major_part_window' : 'outside_window',
      eligible: inside,
      windowEndsAt: end,
      windowKm: null,
    };
  }
  if (isSerious(defect)) {
    const end = windowEnd(deliveredAt, policy.seriousDefectDays);
    const inside = filedAt.getTime() < end.getTime() && mileageKm <= policy.seriousDefectKm;
    return {
      rule: inside ? 'serious_defect_window' : 'outside_window',
      eligible: inside,
      windowEndsAt: end,
      windowKm: policy.seriousDefectKm,
    };
  }
  return { rule: 'not_covered', eligible: false, windowEndsAt: null, windowKm: null };
}

/** When staff must have answered a claim filed at `filedAt`. */
export function decisionDue(filedAt: Date, policy: WarrantyPolicy): Date {
  return new Date(filedAt.getTime() + policy.decisionDays * DAY_MS);
}
