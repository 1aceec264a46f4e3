import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { ManualClock } from '../../kernel/clock.js';
import { createContext } from '../../kernel/create-context.js';
import type { Database } from '../../kernel/db/client.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { seedModelDatabase } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { seedListings } from './listings.seed.js';
import { isValidVin } from './vin.js';

let database: Database;

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const res = (await database.db.execute(query)) as unknown as { rows: T[] };
  return res.rows[0] as T;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = createContext(testConfig(), database, new ManualClock());
  for (const step of dealersModule.seed) await step.run(ctx);
  await seedModelDatabase(database.db);
  await seedListings(database.db);
}, 240_000);
afterAll(async () => {
  await database.close();
});

describe('listings seed', () => {
  it('creates about 2,000 listings, ~55% new, across at least 10 cities', async () => {
    const r = await one<{ n: number; new_share: number; cities: number }>(sql`
      select count(*)::int as n, avg((kind = 'new')::int)::float as new_share,
             count(distinct city_code)::int as cities from catalog_listings`);
    expect(r.n).toBe(2000);
    expect(r.new_share).toBeGreaterThan(0.5);
    expect(r.new_share).toBeLessThan(0.6);
    expect(r.cities).toBeGreaterThanOrEqual(10);
  });

  it('offers new cars only through dealers of the trim’s brand', async () => {
    const r = await one<{ n: number }>(
      sql`select count(*)::int as n from catalog_listings where kind = 'new' and store_id is null`,
    );
    expect(r.n).toBe(0);
  });

  it('gives every used car a valid VIN, and every listed used car a report', async () => {
    const vins = (await database.db.execute(sql`select vin from catalog_used_vehicles`)) as unknown as {
      rows: { vin: string }[];
    };
    expect(vins.rows.length).toBeGreaterThan(800);
    expect(vins.rows.every((v) => isValidVin(v.vin))).toBe(true);
    const missing = await one<{ n: number }>(sql`
      select count(*)::int as n from catalog_listings l
      where l.kind = 'used' and l.status in ('listed', 'in_review')
        and not exists (select 1 from catalog_inspection_reports r where r.listing_id = l.id)`);
    expect(missing.n).toBe(0);
  });

  it('lists mostly grade 1-2 cars, a few disclosed accident cars, and leaves some for the review queue', async () => {
    const g = await one<{ good: number; accident: number; undisclosed: number; queue: number }>(sql`
      select avg((grade <= 2)::int)::float as good,
             sum((grade = 5)::int)::int as accident,
             (select count(*)::int from catalog_inspection_reports r join catalog_used_vehicles u using (listing_id)
               where r.grade = 5 and not u.accident_history) as undisclosed,
             (select count(*)::int from catalog_listings where status = 'in_review') as queue
      from catalog_inspection_reports`);
    expect(g.good).toBeGreaterThan(0.8);
    expect(g.accident).toBeGreaterThan(0);
    expect(g.undisclosed).toBe(0);
    expect(g.queue).toBeGreaterThan(20);
  });

  it('is deterministic and re-runnable', async () => {
    const before = await one<{ h: string }>(
      sql`select md5(string_agg(id || title || price_fen, ',' order by id)) as h from catalog_listings`,
    );
    await seedListings(database.db);
    const after = await one<{ h: string; n: number }>(
      sql`select md5(string_agg(id || title || price_fen, ',' order by id)) as h, count(*)::int as n from catalog_listings`,
    );
    expect(after).toEqual({ ...before, n: 2000 });
  });
});
