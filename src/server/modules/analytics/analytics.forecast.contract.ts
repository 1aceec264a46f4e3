import { z } from 'zod';

// The sales forecast as the console reads it (GET /api/v1/analytics/forecast): per series the recent weekly
// orders, the next 8 weeks with their 80 % band, and the held-out error beside the seasonal-naive baseline's.

export const ZForecastWeek = z.object({
  /** Monday of the ISO week (Asia/Shanghai), YYYY-MM-DD. */
  weekStart: z.string(),
  orders: z.number(),
  lower: z.number(),
  upper: z.number(),
});

export const ZForecastError = z.object({
  /** Percent; null when the held-out weeks had no orders. */
  mape: z.number().nullable(),
  wape: z.number().nullable(),
});

export const ZSeriesSalesForecast = z.object({
  seriesId: z.string(),
  seriesName: z.string(),
  method: z.string(),
  historyWeeks: z.number().int(),
  history: z.array(z.object({ weekStart: z.string(), orders: z.number().int() })),
  forecast: z.array(ZForecastWeek),
  heldOut: ZForecastError,
  baseline: ZForecastError,
});
export type TSeriesSalesForecast = z.infer<typeof ZSeriesSalesForecast>;

export const ZSalesForecast = z.object({
  /** Null until the first run of the forecast job. */
  generatedAt: z.string().nullable(),
  series: z.array(ZSeriesSalesForecast),
});
export type TSalesForecast = z.infer<typeof ZSalesForecast>;

export const ZForecastRunResult = z.object({ enqueued: z.boolean() });
