import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { browsingHistory, favourites, listingViews, popularQueries } from './search.schema.js';

// The buyer-side SQL of the search module: favourites, browsing history, listing views (popularity) and the
// popular-queries counts. The read model's SQL is search.repository.ts.

async function rowsOf<T>(db: DbHandle, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ---- favourites, history, views ----

export async function addFavourites(
  db: DbHandle,
  buyerId: string,
  listingIds: readonly string[],
  now: Date,
): Promise<number> {
  if (listingIds.length === 0) return 0;
  const inserted = await db
    .insert(favourites)
    .values(
      listingIds.map((listingId, i) => ({ buyerId, listingId, createdAt: new Date(now.getTime() - i) })),
    )
    .onConflictDoNothing()
    .returning({ listingId: favourites.listingId });
  return inserted.length;
}

export async function removeFavourite(db: DbHandle, buyerId: string, listingId: string): Promise<boolean> {
  const rows = await db
    .delete(favourites)
    .where(and(eq(favourites.buyerId, buyerId), eq(favourites.listingId, listingId)))
    .returning({ listingId: favourites.listingId });
  return rows.length > 0;
}

export async function listFavourites(db: DbHandle, buyerId: string, limit: number) {
  return db
    .select({ listingId: favourites.listingId, at: favourites.createdAt })
    .from(favourites)
    .where(eq(favourites.buyerId, buyerId))
    .orderBy(desc(favourites.createdAt), asc(favourites.listingId))
    .limit(limit);
}

export async function isFavourite(db: DbHandle, buyerId: string, listingId: string): Promise<boolean> {
  const rows = await db
    .select({ listingId: favourites.listingId })
    .from(favourites)
    .where(and(eq(favourites.buyerId, buyerId), eq(favourites.listingId, listingId)))
    .limit(1);
  return rows.length > 0;
}

export async function countFavourites(db: DbHandle, buyerId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(favourites)
    .where(eq(favourites.buyerId, buyerId));
  return Number(rows[0]?.n ?? 0);
}

/** Records views in history; an older view never overwrites a newer one (merges are idempotent). */
export async function upsertHistory(
  db: DbHandle,
  buyerId: string,
  entries: readonly { listingId: string; viewedAt: Date }[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insert(browsingHistory)
    .values(entries.map((e) => ({ buyerId, listingId: e.listingId, viewedAt: e.viewedAt })))
    .onConflictDoUpdate({
      target: [browsingHistory.buyerId, browsingHistory.listingId],
      set: { viewedAt: sql`greatest(${browsingHistory.viewedAt}, excluded.viewed_at)` },
    })
    .returning({ listingId: browsingHistory.listingId });
  return rows.length;
}

export async function listHistory(db: DbHandle, buyerId: string, limit: number) {
  return db
    .select({ listingId: browsingHistory.listingId, at: browsingHistory.viewedAt })
    .from(browsingHistory)
    .where(eq(browsingHistory.buyerId, buyerId))
    .orderBy(desc(browsingHistory.viewedAt), asc(browsingHistory.listingId))
    .limit(limit);
}

export async function countHistory(db: DbHandle, buyerId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(browsingHistory)
    .where(eq(browsingHistory.buyerId, buyerId));
  return Number(rows[0]?.n ?? 0);
}

export async function insertViews(
  db: DbHandle,
  rows: readonly { id: string; listingId: string; viewedAt: Date }[],
): Promise<void> {
  if (rows.length > 0) await db.insert(listingViews).values([...rows]);
}

/**
 * popularity = views in the 30 days before `now`, written to the read-model rows whose value changed;
 * views older than 30 days are deleted. Returns the counts (the listings module keeps its own copy) and
 * how many rows changed.
 */
export async function refreshPopularity(
  db: DbHandle,
  now: Date,
): Promise<{ counts: { listingId: string; views: number }[]; changed: number }> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  await db.execute(sql`delete from catalog_listing_views where viewed_at < ${since}::timestamptz`);
  const counts = sql`(select listing_id, count(*)::int as n from catalog_listing_views group by listing_id)`;
  const changed = await rowsOf<{ listing_id: string }>(
    db,
    sql`update catalog_listing_search s set popularity = coalesce(v.n, 0)
        from catalog_listing_search s2 left join ${counts} v on v.listing_id = s2.listing_id
        where s.listing_id = s2.listing_id and s.popularity <> coalesce(v.n, 0)
        returning s.listing_id`,
  );
  const all = await rowsOf<{ listing_id: string; n: number | string }>(db, sql`select * from ${counts} c`);
  return {
    counts: all.map((r) => ({ listingId: r.listing_id, views: Number(r.n) })),
    changed: changed.length,
  };
}

// ---- popular queries ----

/**
 * Adds counts to the popular queries (one statement for a whole batch). Keys are upserted in order, so
 * two processes flushing overlapping batches at once cannot deadlock.
 */
export async function addQueryCounts(
  db: DbHandle,
  counts: readonly { query: string; count: number; lastSearchedAt: Date }[],
): Promise<void> {
  if (counts.length === 0) return;
  const rows = [...counts].sort((a, b) => (a.query < b.query ? -1 : a.query > b.query ? 1 : 0));
  await db
    .insert(popularQueries)
    .values(rows)
    .onConflictDoUpdate({
      target: popularQueries.query,
      set: {
        count: sql`${popularQueries.count} + excluded.count`,
        lastSearchedAt: sql`greatest(${popularQueries.lastSearchedAt}, excluded.last_searched_at)`,
      },
    });
}

/** The `limit` most searched queries with their counts. */
export async function topQueries(db: DbHandle, limit: number): Promise<{ query: string; count: number }[]> {
  return db
    .select({ query: popularQueries.query, count: popularQueries.count })
    .from(popularQueries)
    .orderBy(desc(popularQueries.count), asc(popularQueries.query))
    .limit(limit);
}

/** Forgets queries nobody searched for since `before`, and all but the `keep` most searched. */
export async function prunePopularQueries(db: DbHandle, before: Date, keep: number): Promise<void> {
  await db.execute(
    sql`delete from catalog_popular_queries where last_searched_at < ${before.toISOString()}::timestamptz
          or query not in (select query from catalog_popular_queries order by count desc, query limit ${keep})`,
  );
}
