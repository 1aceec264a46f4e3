import { and, count, eq, sum } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { listingSearch } from './search.schema.js';

/**
 * Supply and demand of a series in a city (pricing's used-car valuation): listed cars, and their detail-page
 * views over the last 30 days (the popularity the views job keeps).
 */
export async function seriesMarket(
  db: DbHandle,
  seriesId: string,
  cityCode: string,
): Promise<{ listings: number; views: number }> {
  const [row] = await db
    .select({ listings: count(), views: sum(listingSearch.popularity) })
    .from(listingSearch)
    .where(
      and(
        eq(listingSearch.seriesId, seriesId),
        eq(listingSearch.cityCode, cityCode),
        eq(listingSearch.status, 'listed'),
      ),
    );
  return { listings: Number(row?.listings ?? 0), views: Number(row?.views ?? 0) };
}
