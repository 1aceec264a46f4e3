// The forecasting method, pure (no database): additive Holt-Winters with a damped trend, parameters fitted by
// grid search on the one-step-ahead sum of squared errors, and the error measures shown beside the forecast.
// No maintained, typed npm package implements Holt-Winters for Node 20 (searched: the few that exist are
// unmaintained and untyped, or are ARIMA in WebAssembly), so this is a small implementation with tests.
//
// Weekly car orders have a yearly season (双11, Spring Festival), which needs two years of history to
// estimate; with one year the candidates are a 4-week (monthly: salary day, month-end dealer targets) and a
// 13-week (quarterly targets) season, each needing two full cycles to initialise, and the damped Holt trend
// without season. The candidate with the lowest error on the held-out last 8 weeks is chosen and refitted
// on all weeks.

export const FORECAST_HORIZON_WEEKS = 8;
export const HELD_OUT_WEEKS = 8;
/** The seasonal-naive baseline repeats the last 4 weeks ("same week last month"). */
export const BASELINE_PERIOD = 4;

export interface HoltWintersParams {
  /** Level smoothing. */
  readonly alpha: number;
  /** Trend smoothing. */
  readonly beta: number;
  /** Season smoothing (0 when period is 0). */
  readonly gamma: number;
  /** Trend damping (1 = undamped). */
  readonly phi: number;
  /** Season length in weeks; 0 = no season (damped Holt). */
  readonly period: number;
}

export interface Fit {
  readonly params: HoltWintersParams;
  readonly sse: number;
  /** Standard deviation of the one-step-ahead errors (for the band). */
  readonly sigma: number;
  readonly level: number;
  readonly trend: number;
  /** The last `period` seasonal components, oldest first. */
  readonly season: readonly number[];
}

const GRID = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const TREND_GRID = [0.01, 0.05, 0.1, 0.2, 0.4];
const PHI_GRID = [0.8, 0.9, 0.98, 1];

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Runs the recursions with fixed parameters; returns the final state and the one-step SSE. */
export function runHoltWinters(y: readonly number[], p: HoltWintersParams): Fit {
  const m = p.period;
  // Initial state: level = mean of the first cycle (or first 4 weeks), trend = change between the first two
  // cycles per week, season = first cycle's deviations from its mean.
  const first = y.slice(0, Math.max(m, 4));
  let level = mean(first);
  let trend = 0;
  let season: number[] = [];
  if (m > 0 && y.length >= 2 * m) {
    const second = y.slice(m, 2 * m);
    trend = (mean(second) - mean(first)) / m;
    season = first.map((v) => v - level);
  } else if (y.length >= 8) {
    trend = (mean(y.slice(4, 8)) - mean(y.slice(0, 4))) / 4;
  }
  let sse = 0;
  let n = 0;
  const start = m > 0 ? m : 1;
  if (m === 0) level = y[0] ?? 0;
  for (let t = start; t < y.length; t++) {
    const yt = y[t] ?? 0;
    const s = m > 0 ? (season[(t - start) % m] ?? 0) : 0;
    const predicted = level + p.phi * trend + s;
    const e = yt - predicted;
    sse += e * e;
    n++;
    const prevLevel = level;
    level = p.alpha * (yt - s) + (1 - p.alpha) * (prevLevel + p.phi * trend);
    trend = p.beta * (level - prevLevel) + (1 - p.beta) * p.phi * trend;
    if (m > 0) season[(t - start) % m] = p.gamma * (yt - level) + (1 - p.gamma) * s;
  }
  // Rotate so season[0] is the component of the week right after the data.
  const offset = m > 0 ? (y.length - start) % m : 0;
  const rotated = m > 0 ? [...season.slice(offset), ...season.slice(0, offset)] : [];
  return { params: p, sse, sigma: n > 1 ? Math.sqrt(sse / (n - 1)) : 0, level, trend, season: rotated };
}

/** Grid search over alpha, beta, gamma and phi for one season length; the fit with the least SSE. */
export function fitHoltWinters(y: readonly number[], period: number): Fit {
  let best: Fit | null = null;
  for (const alpha of GRID) {
    for (const beta of TREND_GRID) {
      for (const phi of PHI_GRID) {
        for (const gamma of period > 0 ? [0.05, 0.1, 0.3] : [0]) {
          const fit = runHoltWinters(y, { alpha, beta, gamma, phi, period });
          if (!best || fit.sse < best.sse) best = fit;
        }
      }
    }
  }
  return best as Fit;
}

/** The point forecast for 1..h weeks ahead (never below zero: orders). */
export function forecastFrom(fit: Fit, h: number): number[] {
  const out: number[] = [];
  let damp = 0;
  for (let k = 1; k <= h; k++) {
    damp += fit.params.phi ** k;
    const s = fit.params.period > 0 ? (fit.season[(k - 1) % fit.params.period] ?? 0) : 0;
    out.push(Math.max(0, fit.level + damp * fit.trend + s));
  }
  return out;
}

/** Seasonal naive: week T+k repeats week T+k-period (the last `period` weeks, over and over). */
export function seasonalNaive(y: readonly number[], h: number, period = BASELINE_PERIOD): number[] {
  const out: number[] = [];
  for (let k = 1; k <= h; k++) {
    const back = period * Math.ceil(k / period);
    out.push(y[y.length + k - 1 - back] ?? 0);
  }
  return out;
}

export interface ErrorMeasures {
  /** Mean absolute percentage error over the weeks with orders (undefined weeks with 0 are left out), in %. */
  readonly mape: number | null;
  /** Weighted absolute percentage error: sum |actual - forecast| / sum actual, in %. */
  readonly wape: number | null;
}

export function errorMeasures(actual: readonly number[], predicted: readonly number[]): ErrorMeasures {
  let absSum = 0;
  let actualSum = 0;
  let apeSum = 0;
  let apeN = 0;
  actual.forEach((a, i) => {
    const e = Math.abs(a - (predicted[i] ?? 0));
    absSum += e;
    actualSum += a;
    if (a > 0) {
      apeSum += e / a;
      apeN++;
    }
  });
  return {
    mape: apeN > 0 ? (apeSum / apeN) * 100 : null,
    wape: actualSum > 0 ? (absSum / actualSum) * 100 : null,
  };
}

export interface SeriesForecast {
  readonly method: string;
  readonly params: HoltWintersParams;
  /** Orders per week for the next `horizon` weeks. */
  readonly orders: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly heldOut: ErrorMeasures;
  readonly baseline: ErrorMeasures;
}

/** The season lengths worth trying on `weeks` of history (two full cycles plus the held-out weeks). */
export function candidatePeriods(weeks: number): number[] {
  return [0, 4, 13].filter((m) => m === 0 || weeks - HELD_OUT_WEEKS >= 2 * m + 4);
}

export function methodName(p: HoltWintersParams): string {
  return p.period === 0 ? 'holt_damped' : `holt_winters_additive_${p.period}w`;
}

/**
 * Forecasts the next `horizon` weeks of a weekly series (oldest first, complete weeks only): picks the season
 * length by the held-out error, refits on everything, and returns the 80 % band (± 1.28 sigma, widening with
 * the square root of the horizon). Null when there are fewer than 16 weeks.
 */
export function forecastSeries(
  y: readonly number[],
  horizon = FORECAST_HORIZON_WEEKS,
): SeriesForecast | null {
  if (y.length < 2 * HELD_OUT_WEEKS) return null;
  const train = y.slice(0, y.length - HELD_OUT_WEEKS);
  const test = y.slice(y.length - HELD_OUT_WEEKS);
  let best: { period: number; heldOut: ErrorMeasures; score: number } | null = null;
  for (const period of candidatePeriods(y.length)) {
    const heldOut = errorMeasures(test, forecastFrom(fitHoltWinters(train, period), HELD_OUT_WEEKS));
    const score = heldOut.wape ?? Number.POSITIVE_INFINITY;
    if (!best || score < best.score) best = { period, heldOut, score };
  }
  const chosen = best ?? { period: 0, heldOut: { mape: null, wape: null }, score: 0 };
  const fit = fitHoltWinters(y, chosen.period);
  const orders = forecastFrom(fit, horizon);
  const z = 1.28;
  return {
    method: methodName(fit.params),
    params: fit.params,
    orders,
    lower: orders.map((o, i) => Math.max(0, o - z * fit.sigma * Math.sqrt(i + 1))),
    upper: orders.map((o, i) => o + z * fit.sigma * Math.sqrt(i + 1)),
    heldOut: chosen.heldOut,
    baseline: errorMeasures(test, seasonalNaive(train, HELD_OUT_WEEKS)),
  };
}
