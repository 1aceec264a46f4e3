// The randomness and the calendar of the analytics history generator (analytics.history.ts): a seeded PRNG
// (mulberry32: deterministic across platforms, fast, good enough for synthetic data), weighted picks, and how
// busy a day is (weekends, growth, Spring Festival, 618, 双11).

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickWeighted<T>(rand: () => number, items: readonly T[], cumulative: readonly number[]): T {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const r = rand() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return items[lo] as T;
}

export function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}

/** Poisson-ish count around a mean (normal approximation for large means, Knuth below 30). */
export function countAround(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

// ---- the calendar: weekly rhythm, growth, Spring Festival, 618 and 双11 ----

export const DAY_MS = 86_400_000;

/** Spring Festival (正月初一) by year: showrooms close and traffic halves around it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
};

/** ISO weekday factor: weekends are when families look at cars. */
const WEEKDAY_FACTOR = [0, 1.0, 0.97, 0.98, 1.0, 1.08, 1.38, 1.3];

/** How busy a day is relative to an ordinary weekday at the same point of the growth trend. */
export function dayFactor(day: string): number {
  const t = Date.parse(`${day}T00:00:00Z`);
  const d = new Date(t);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  let f = WEEKDAY_FACTOR[weekday] ?? 1;
  const festival = SPRING_FESTIVAL[d.getUTCFullYear()] ?? SPRING_FESTIVAL[d.getUTCFullYear() + 1];
  for (const sf of [SPRING_FESTIVAL[d.getUTCFullYear()], SPRING_FESTIVAL[d.getUTCFullYear() + 1], festival]) {
    if (!sf) continue;
    const off = (t - Date.parse(`${sf}T00:00:00Z`)) / DAY_MS;
    // A week before to ten days after, deepest on the eve and the first days of the year.
    if (off >= -7 && off <= 10) {
      f *= 1 - 0.55 * Math.exp(-((off - 1) ** 2) / 18);
      break;
    }
  }
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  // 618: the first half of June builds up to the 18th.
  if (month === 6 && date <= 20) f *= 1 + 0.5 * Math.exp(-((date - 18) ** 2) / 14);
  // 双11: pre-sales from late October, the peak on the 11th.
  const doy = month === 11 ? date : month === 10 ? date - 31 : -99;
  if (doy > -15 && doy <= 14) f *= 1 + 0.9 * Math.exp(-((doy - 11) ** 2) / 20);
  return f;
}
