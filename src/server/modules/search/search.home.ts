import { and, desc, eq, getTableColumns, gt, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { type ResultEntry, searchCaches } from './search.caches.js';
import {
  HOME_ROW_SIZE,
  type THomeFeed,
  type THomeFeedQuery,
  ZHomeFeed,
  ZHomeFeedQuery,
} from './search.home.contract.js';
import { toVehicleCard } from './search.mappers.js';
import { favourites, listingSearch as s } from './search.schema.js';

// The storefront home page's three rows of cars in the buyer's city (GET /api/v1/catalog/home): popular,
// newly listed and price drops. /search can sort by popularity and newest but not by discount, and three
// searches would also count facets the home page does not show: this answers all three rows in one call,
// cached per city and tab.

/** A favourite weighs like this many detail-page views in the popular row. */
const FAVOURITE_WEIGHT = 3;
/** Fresh this long; a change of listings or a popularity recount drops it sooner (see below). */
export const HOME_TTL_MS = 60_000;
const HOME_CACHE_MAX = 200;

const { tokens: _tokens, ...cardColumns } = getTableColumns(s);

type HomeEntry = { at: number; value: THomeFeed };
/**
 * Home rows are kept beside the search answers of the same SearchCaches: keyed by that results map, which
 * the caches REPLACE whenever listings change or popularity is recounted (in this process or, over the cache
 * bus, in another), so the home rows are dropped exactly when the search answers are.
 */
const byResults = new WeakMap<Map<string, ResultEntry>, Map<string, HomeEntry>>();

function rowsWhere(db: DbHandle, where: SQL | undefined, orderBy: SQL[], limit: number) {
  return db
    .select(cardColumns)
    .from(s)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit);
}

async function computeFeed(db: DbHandle, query: THomeFeedQuery): Promise<THomeFeed> {
  const listed = and(eq(s.status, 'listed'), query.kind ? eq(s.kind, query.kind) : undefined);
  const inCity = and(listed, eq(s.cityCode, query.city));
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(s).where(inCity);
  const scope: THomeFeed['scope'] = Number(n) > 0 ? 'city' : 'all';
  const where = scope === 'city' ? inCity : listed;
  const favouriteCount = sql<number>`(select count(*) from ${favourites} f where f.listing_id = ${s.listingId})`;
  // Largest discount off the manufacturer's guide price first, as Autohome's 降价 (price drop) list: new cars
  // only, and only those actually offered below the guide price.
  const discount = sql`(${s.guidePriceFen} - ${s.priceFen})`;
  const [popular, newest, priceDrops] = await Promise.all([
    rowsWhere(
      db,
      where,
      [
        desc(sql`${s.popularity} + ${FAVOURITE_WEIGHT} * ${favouriteCount}`),
        desc(s.listedAt),
        desc(s.listingId),
      ],
      HOME_ROW_SIZE,
    ),
    rowsWhere(db, where, [desc(s.listedAt), desc(s.listingId)], HOME_ROW_SIZE),
    query.kind === 'used'
      ? Promise.resolve([])
      : rowsWhere(
          db,
          and(where, eq(s.kind, 'new'), gt(s.guidePriceFen, s.priceFen)),
          [desc(discount), desc(s.listingId)],
          HOME_ROW_SIZE,
        ),
  ]);
  return {
    scope,
    popular: popular.map(toVehicleCard),
    newest: newest.map(toVehicleCard),
    priceDrops: priceDrops.map(toVehicleCard),
  };
}

/** The home rows of a city and tab, from this app's cache when fresh. */
export async function homeFeed(ctx: AppContext, query: THomeFeedQuery): Promise<THomeFeed> {
  const results = searchCaches(ctx).results;
  let cache = byResults.get(results);
  if (!cache) {
    cache = new Map();
    byResults.set(results, cache);
  }
  const key = `${query.city}:${query.kind ?? ''}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < HOME_TTL_MS) return hit.value;
  const value = await computeFeed(ctx.database.db, query);
  if (cache.size >= HOME_CACHE_MAX) cache.clear();
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** GET /home under /api/v1/catalog (registered by the search module beside its other routes). */
export const searchHomeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['catalog-search'],
        summary:
          "The home page's rows of a city: popular, newly listed, largest discounts off the guide price",
        querystring: ZHomeFeedQuery,
        response: { 200: ZHomeFeed },
      },
    },
    async (request) => homeFeed(app.ctx, request.query),
  );
};
