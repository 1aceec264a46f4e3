import { describe, expect, it } from 'vitest';
import {
  candidatePeriods,
  errorMeasures,
  fitHoltWinters,
  forecastFrom,
  forecastSeries,
  seasonalNaive,
} from './analytics.forecast.method.js';

const SEASON = [3, -1, -4, 2];
const truth = (t: number) => 20 + 0.5 * t + (SEASON[t % 4] ?? 0);

describe('Holt-Winters forecast', () => {
  it('recovers a known trend and 4-week season (forecast within half an order of the truth)', () => {
    const y = Array.from({ length: 52 }, (_, t) => truth(t));
    const f = forecastSeries(y);
    expect(f).not.toBeNull();
    expect(f?.method).toBe('holt_winters_additive_4w');
    f?.orders.forEach((o, k) => {
      expect(Math.abs(o - truth(52 + k))).toBeLessThan(0.5);
    });
    // The band holds the point forecast and widens with the horizon.
    expect(f?.lower[0]).toBeLessThanOrEqual(f?.orders[0] ?? 0);
    expect((f?.upper[7] ?? 0) - (f?.lower[7] ?? 0)).toBeGreaterThanOrEqual(
      (f?.upper[0] ?? 0) - (f?.lower[0] ?? 0),
    );
    // On a clean seasonal series the method beats the seasonal-naive baseline, which misses the trend.
    expect(f?.heldOut.wape ?? 100).toBeLessThan(f?.baseline.wape ?? 0);
  });

  it('follows a trend without season with the damped Holt method', () => {
    const y = Array.from({ length: 30 }, (_, t) => 10 + t);
    const fit = fitHoltWinters(y, 0);
    const next = forecastFrom(fit, 2);
    expect(next[0]).toBeGreaterThan(38);
    expect(next[0]).toBeLessThan(41);
  });

  it('computes MAPE and WAPE on held-out weeks as by hand', () => {
    // actual 10, 20, 0, 10; forecast 12, 15, 1, 10 -> errors 2, 5, 1, 0
    // MAPE over weeks with orders: (2/10 + 5/20 + 0/10) / 3 = 15 %; WAPE: 8 / 40 = 20 %.
    const m = errorMeasures([10, 20, 0, 10], [12, 15, 1, 10]);
    expect(m.mape).toBeCloseTo(15, 10);
    expect(m.wape).toBeCloseTo(20, 10);
    expect(errorMeasures([0, 0], [1, 2])).toEqual({ mape: null, wape: null });
  });

  it('repeats the last 4 weeks as the seasonal-naive baseline', () => {
    expect(seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8], 6)).toEqual([5, 6, 7, 8, 5, 6]);
  });

  it('tries a season only with two full cycles before the held-out weeks', () => {
    expect(candidatePeriods(20)).toEqual([0, 4]);
    expect(candidatePeriods(52)).toEqual([0, 4, 13]);
    expect(forecastSeries(Array.from({ length: 15 }, () => 3))).toBeNull();
  });
});
