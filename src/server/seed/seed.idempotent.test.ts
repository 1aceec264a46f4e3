import { eq, like } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRuns } from '../kernel/db/kernel.schema.js';
import { accessoryProducts } from '../modules/accessories/accessories.schema.js';
import {
  brands,
  media,
  optionPackages,
  series,
  trimColours,
  trimParameters,
  trims,
} from '../modules/catalog/catalog.schema.js';
import { customers } from '../modules/crm/crm.schema.js';
import { cities, dealers, stores } from '../modules/dealers/dealers.schema.js';
import { staffAccounts } from '../modules/identity/identity.schema.js';
import {
  inspectionItems,
  inspectionReports,
  listings,
  usedVehicles,
} from '../modules/listings/listings.schema.js';
import { listingSearch } from '../modules/search/search.schema.js';
import { insertSearchFixture } from '../modules/search/search.testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import type { SeedStep } from './index.js';
import { runSeedIfEmpty, SeedError } from './run.js';

const TABLES: Record<string, PgTable> = {
  staffAccounts,
  customers,
  cities,
  dealers,
  stores,
  brands,
  series,
  trims,
  trimParameters,
  trimColours,
  optionPackages,
  media,
  listings,
  usedVehicles,
  inspectionReports,
  inspectionItems,
  accessoryProducts,
  listingSearch,
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) out[name] = await t.database.db.$count(table);
  return out;
}

describe('the demo seed over a database that is not empty', () => {
  it('merges with catalog rows it did not make, and runs again without its marker adding nothing', async () => {
    const db = t.database.db;
    // What the search bench leaves behind: brands and series under the seed's slugs but other ids.
    await insertSearchFixture(db, 5);
    await runSeedIfEmpty(t.ctx);
    const first = await counts();
    expect(first.staffAccounts).toBeGreaterThan(0);
    expect(first.listings).toBeGreaterThan(5);
    // The demo's 汉 trims hang under the bench's series that holds the slug byd-han.
    const [han] = await db.select().from(series).where(eq(series.slug, 'byd-han'));
    expect(han?.id).toBe('ser_s_han');
    const hanTrims = await db.select({ id: trims.id }).from(trims).where(eq(trims.seriesId, 'ser_s_han'));
    expect(hanTrims.filter((r) => !r.id.startsWith('trm_s_')).length).toBeGreaterThan(0);

    await db.delete(seedRuns).where(eq(seedRuns.name, 'demo'));
    await runSeedIfEmpty(t.ctx);
    expect(await counts()).toEqual(first);
    expect(await db.select().from(seedRuns)).toHaveLength(1);
    expect(await db.$count(listings, like(listings.id, 'lst_seed_%'))).toBe((first.listings ?? 0) - 5);
  }, 600_000);

  it('names the failed step and says what to do instead of a raw database error', async () => {
    await t.database.db.delete(seedRuns);
    const broken: SeedStep = {
      name: 'broken',
      run: async (ctx) => {
        // A duplicate primary key, as a step that is not re-runnable would hit.
        await ctx.database.db.insert(seedRuns).values([{ name: 'x' }, { name: 'x' }]);
      },
    };
    const error = await runSeedIfEmpty(t.ctx, [broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).message).toMatch(/step "broken": .*duplicate key/);
    expect((error as SeedError).message).toContain('SEED_DEMO=never');
    expect((error as SeedError).message).not.toContain('insert into');
    expect(await t.database.db.select().from(seedRuns)).toEqual([]);
  });
});
