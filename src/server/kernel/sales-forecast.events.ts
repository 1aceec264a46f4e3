import { z } from 'zod';
import { defineEvents } from './events/define.js';

// The sales forecast's event, shared by its publisher (analytics) and its subscriber (inventory's replenishment).
// It lives in the kernel, like attribution.contract.ts, so inventory can subscribe without importing analytics:
// analytics reads inventory figures for its supply-chain metrics, and an import each way would be a cycle.

/** One series' forecast: orders per ISO week (Monday, Asia/Shanghai), fractional (an expectation). */
export const ZSeriesForecast = z.object({
  seriesId: z.string(),
  weeks: z.array(z.object({ weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), orders: z.number().min(0) })),
});

export const SalesForecastEvents = defineEvents({
  salesForecastUpdated: {
    name: 'analytics.sales_forecast_updated',
    aggregateType: 'sales_forecast',
    payload: z.object({ generatedAt: z.string(), series: z.array(ZSeriesForecast) }),
    description: 'the weekly sales forecast (next 8 weeks of car orders per series) was recomputed',
  },
});
