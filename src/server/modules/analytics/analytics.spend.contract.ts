import { z } from 'zod';
import { TRAFFIC_CHANNELS } from '../../kernel/attribution.contract.js';
import { ZPage, ZPageQuery } from '../../kernel/http/page.contract.js';

// Marketing spend per channel and period (POST/GET/DELETE /api/v1/analytics/spend): CAC and ROI divide by it.
// Browser-safe (zod only).

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZCreateMarketingSpendRequest = z
  .object({
    channel: z.enum(TRAFFIC_CHANNELS),
    /** Asia/Shanghai calendar days, both included; the amount is spread evenly over them. */
    periodStart: ZDay,
    periodEnd: ZDay,
    amountFen: z.number().int().min(1).max(100_000_000_000),
    note: z.string().trim().max(200).nullable().default(null),
  })
  .refine((b) => b.periodStart <= b.periodEnd, {
    message: 'periodStart must not be after periodEnd',
    path: ['periodStart'],
  });
export type TCreateMarketingSpendRequest = z.infer<typeof ZCreateMarketingSpendRequest>;

export const ZMarketingSpend = z.object({
  id: z.string(),
  channel: z.enum(TRAFFIC_CHANNELS),
  periodStart: ZDay,
  periodEnd: ZDay,
  amountFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TMarketingSpend = z.infer<typeof ZMarketingSpend>;

/** Entries whose period overlaps [from, to] (all when omitted), newest period first. */
export const ZMarketingSpendListQuery = ZPageQuery.extend({
  from: ZDay.optional(),
  to: ZDay.optional(),
  channel: z.enum(TRAFFIC_CHANNELS).optional(),
});
export type TMarketingSpendListQuery = z.infer<typeof ZMarketingSpendListQuery>;

export const ZMarketingSpendPage = ZPage(ZMarketingSpend);
export const ZMarketingSpendIdParams = z.object({ id: z.string().min(1).max(64) });
