import { type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';

// What the in-process search index (search.memory-index.ts) reads of the read model: the listed rows'
// filter and facet columns and their tokens, in listing-id order, in slices.

/** One listed read-model row as the memory index holds it (tokens joined by U+001F, never in a token). */
export interface MemoryIndexRow {
  listing_id: string;
  kind: string;
  brand_slug: string;
  series_slug: string;
  body_type: string;
  energy_type: string;
  segment: string;
  seats: number;
  city_code: string;
  condition_grade: number | null;
  model_year: number;
  electric_range_km: number | null;
  price_fen: number;
  mileage_km: number;
  /** First registration as YYYYMMDD, null for new cars. */
  registered: number | null;
  popularity: number;
  /** listed_at in epoch milliseconds, microseconds kept as the fraction (the keyset order is exact). */
  listed_ms: number;
  tokens: string;
}

export const TOKEN_SEPARATOR = '\u001f';

const COLUMNS = sql`listing_id, kind, brand_slug, series_slug, body_type, energy_type, segment, seats::int as seats,
  city_code, condition_grade::int as condition_grade, model_year::int as model_year, electric_range_km,
  price_fen::float8 as price_fen, mileage_km,
  to_char(first_registration_date, 'YYYYMMDD')::int as registered, popularity,
  (extract(epoch from listed_at) * 1000)::float8 as listed_ms,
  array_to_string(tokens, chr(31)) as tokens`;

async function rowsOf(db: DbHandle, query: SQL): Promise<MemoryIndexRow[]> {
  const result = (await db.execute(query)) as unknown as { rows: MemoryIndexRow[] };
  return result.rows.map((r) => ({
    ...r,
    price_fen: Number(r.price_fen),
    listed_ms: Number(r.listed_ms),
    registered: r.registered === null ? null : Number(r.registered),
  }));
}

/** The next `limit` listed rows after `afterId` in listing-id order (a full build reads them in slices). */
export async function listedRowsAfter(
  db: DbHandle,
  afterId: string,
  limit: number,
): Promise<MemoryIndexRow[]> {
  return rowsOf(
    db,
    sql`select ${COLUMNS} from catalog_listing_search
        where status = 'listed' and listing_id > ${afterId} order by listing_id limit ${limit}`,
  );
}

/** The listed rows among these ids (an id not returned is not listed, or not in the read model). */
export async function listedRowsByIds(db: DbHandle, ids: readonly string[]): Promise<MemoryIndexRow[]> {
  if (ids.length === 0) return [];
  return rowsOf(
    db,
    sql`select ${COLUMNS} from catalog_listing_search
        where status = 'listed' and listing_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        order by listing_id`,
  );
}

/** Current popularity of every listed row (the popularity job recounted it). */
export async function listedPopularity(db: DbHandle): Promise<{ listing_id: string; popularity: number }[]> {
  const result = (await db.execute(
    sql`select listing_id, popularity from catalog_listing_search where status = 'listed'`,
  )) as unknown as { rows: { listing_id: string; popularity: number }[] };
  return result.rows;
}
