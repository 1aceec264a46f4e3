import { describe, expect, it } from 'vitest';
import type { ClaimDefect } from './fulfilment.warranty.enums.js';
import { claimEligibility, decisionDue, windowEnd } from './fulfilment.warranty.policy.js';

// The 三包 windows at their exact edges: days counted in Asia/Shanghai from the day after delivery to 24:00
// of the last day; kilometres inclusive; whichever comes first.

const POLICY = { majorPartDays: 7, seriousDefectDays: 60, seriousDefectKm: 3000, decisionDays: 10 };
// Handed over 2026-12-08 10:00 in Shanghai.
const DELIVERED = new Date('2026-12-08T02:00:00Z');
// 7 days: 12-09 .. 12-15, the window closes at 12-16 00:00 Shanghai = 12-15 16:00 UTC.
const MAJOR_END = new Date('2026-12-15T16:00:00Z');
// 60 days: 12-09 .. 2027-02-06, closing at 2027-02-07 00:00 Shanghai.
const SERIOUS_END = new Date('2027-02-06T16:00:00Z');

const verdict = (defect: ClaimDefect, filedAt: Date, mileageKm = 50, deliveredAt = DELIVERED) =>
  claimEligibility({ defect, deliveredAt, filedAt, mileageKm, policy: POLICY });

describe('三包 eligibility', () => {
  it('ends the 7-day window at 24:00 Shanghai of the seventh day after the delivery day', () => {
    expect(windowEnd(DELIVERED, 7)).toEqual(MAJOR_END);
    // A car handed over at 01:00 Shanghai (still the previous UTC day) has the same window.
    expect(windowEnd(new Date('2026-12-07T17:00:00Z'), 7)).toEqual(MAJOR_END);
    // ... and one handed over at 23:59 Shanghai on 12-08 too.
    expect(windowEnd(new Date('2026-12-08T15:59:00Z'), 7)).toEqual(MAJOR_END);
  });

  it('gives replacement or refund for a major part up to the last millisecond of day 7, not a moment later', () => {
    for (const defect of ['engine', 'gearbox', 'traction_battery', 'drive_motor'] as const) {
      const inside = verdict(defect, new Date(MAJOR_END.getTime() - 1));
      expect(inside).toMatchObject({ rule: 'major_part_window', eligible: true, windowEndsAt: MAJOR_END });
      expect(verdict(defect, MAJOR_END)).toMatchObject({ rule: 'outside_window', eligible: false });
    }
  });

  it('ignores mileage for a major part within 7 days', () => {
    expect(verdict('engine', new Date('2026-12-10T00:00:00Z'), 4_500)).toMatchObject({ eligible: true });
  });

  it('gives replacement or refund for a serious defect up to day 60 at 3,000 km or less', () => {
    for (const defect of [
      'steering_failure',
      'brake_failure',
      'body_cracking',
      'fuel_leak',
      'battery_fire',
    ] as const) {
      expect(verdict(defect, new Date(SERIOUS_END.getTime() - 1), 3_000)).toMatchObject({
        rule: 'serious_defect_window',
        eligible: true,
        windowEndsAt: SERIOUS_END,
        windowKm: 3_000,
      });
      expect(verdict(defect, SERIOUS_END, 100)).toMatchObject({ rule: 'outside_window', eligible: false });
    }
  });

  it('closes the serious-defect window at 3,001 km even on the day after delivery (whichever comes first)', () => {
    const dayOne = new Date('2026-12-09T03:00:00Z');
    expect(verdict('brake_failure', dayOne, 3_000).eligible).toBe(true);
    expect(verdict('brake_failure', dayOne, 3_001)).toMatchObject({
      rule: 'outside_window',
      eligible: false,
    });
  });

  it('sends anything else to repair under warranty', () => {
    expect(verdict('other', new Date('2026-12-09T00:00:00Z'), 10)).toEqual({
      rule: 'not_covered',
      eligible: false,
      windowEndsAt: null,
      windowKm: null,
    });
  });

  it('gives staff the policy’s days to decide from the moment of filing', () => {
    expect(decisionDue(new Date('2026-12-10T05:30:00Z'), POLICY)).toEqual(new Date('2026-12-20T05:30:00Z'));
  });
});
