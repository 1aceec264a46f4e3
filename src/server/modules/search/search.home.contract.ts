import { z } from 'zod';
import { ZVehicleCard } from './search.contract.js';

// GET /api/v1/catalog/home: the storefront home page's car rows. Imported by the web app: zod and other
// contracts only.

export const HOME_ROW_SIZE = 8;

export const ZHomeFeedQuery = z.object({
  city: z.string().regex(/^\d{6}$/, 'a 6-digit city code'),
  /** The home page's new/used tabs; absent: both. */
  kind: z.enum(['new', 'used']).optional(),
});
export type THomeFeedQuery = z.infer<typeof ZHomeFeedQuery>;

export const ZHomeFeed = z.object({
  /**
   * `city`: the rows hold the buyer's city's vehicles; `all`: that city has no listed vehicle of this
   * kind, so the rows come from every city (the page says so).
   */
  scope: z.enum(['city', 'all']),
  /** Most viewed and favourited in the last 30 days. */
  popular: z.array(ZVehicleCard),
  /** Most recently listed. */
  newest: z.array(ZVehicleCard),
  /**
   * New cars with the largest discount off the manufacturer's guide price (厂商指导价), as Autohome's 降价
   * list; empty on the used tab (a used car's distance from the new-car guide price is depreciation).
   */
  priceDrops: z.array(ZVehicleCard),
});
export type THomeFeed = z.infer<typeof ZHomeFeed>;
