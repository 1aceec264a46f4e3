import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { ManualClock } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { createContext } from '../../kernel/create-context.js';
import { type Database, openDatabase } from '../../kernel/db/client.js';
import { publish } from '../../kernel/events/define.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { delistListing, ListingEvents } from '../listings/index.js';
import { updateTestListing } from '../listings/listings.testing.js';
import { searchCaches } from './search.caches.js';
import { rebuildSearchIndex } from './search.index.js';
import { listingSearch, listingViews, popularQueries } from './search.schema.js';
import { insertSearchFixture, type TestListing } from './search.testing.js';

/*
 * Two app instances over one database, as two `npm start` processes would run: A changes a listing and
 * reindexes it, B must answer with the change at once (its caches dropped by A's NOTIFY), not after its
 * TTLs. On PostgreSQL B has its own pool and its own LISTEN connection to A's database. PGlite allows one
 * process only; there B shares A's database object, which is what its in-process bus connects.
 */
const backend = inject('testDb').backend;

let a: TestApp;
let b: { app: FastifyInstance; ctx: AppContext; database: Database };
let data: TestListing[];

beforeAll(async () => {
  a = await createTestApp();
  for (const step of dealersModule.seed) await step.run(a.ctx);
  data = await insertSearchFixture(a.database.db, 30);
  await rebuildSearchIndex(a.ctx);
  const database =
    backend === 'postgres'
      ? await openDatabase({ url: a.database.url, poolSize: 5, onIdleError: () => undefined })
      : a.database;
  // Its own clock too, never advanced: nothing here may depend on a TTL running out.
  const ctx = createContext(testConfig(), database, new ManualClock());
  const app = await buildApp(ctx);
  await app.ready();
  b = { app, ctx, database };
  await Promise.all([a.ctx.cacheBus.ready(), b.ctx.cacheBus.ready()]);
}, 60_000);

afterAll(async () => {
  if (b) {
    await b.app.close();
    await b.ctx.cacheBus.close();
    if (b.database !== a.database) await b.database.close();
  }
  await a?.close();
});

/** Waits (bounded: 5 s) until B's bus has heard a message from A since it had heard `before`. */
async function untilBHeardFromA(before: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (b.ctx.cacheBus.received > before) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the change never reached the second app');
}

async function get(app: FastifyInstance, url: string) {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const detailUrl = (id: string) => `/api/v1/catalog/vehicles/${id}`;
const searchUrl = (l: TestListing) => `/api/v1/catalog/search?series=${l.seriesSlug}&sort=price_asc&limit=50`;

async function searchedPrice(app: FastifyInstance, l: TestListing): Promise<number | undefined> {
  const body = await get(app, searchUrl(l));
  return body.items.find((i: { id: string }) => i.id === l.id)?.priceFen;
}

/** Both apps have answered the detail and a search that includes the listing, so both have them cached. */
async function warm(l: TestListing): Promise<void> {
  for (const app of [a.app, b.app]) {
    expect((await get(app, detailUrl(l.id))).vehicle.priceFen).toBe(l.priceFen);
    expect(await searchedPrice(app, l)).toBe(l.priceFen);
  }
  expect(searchCaches(b.ctx).details.has(l.id)).toBe(true);
}

/** Runs A's job runner until the outbox is drained and the reindex job has run. */
/** Drains A's due jobs (start-up schedules of every module share the first batches). */
async function runJobsOfA(): Promise<void> {
  for (let i = 0; i < 20 && (await a.ctx.jobs.runDueOnce()).ran > 0; i++);
}

describe('two app instances over one database', () => {
  it('serves its cached answers while nothing is announced (the caches are real)', async () => {
    const l = data.filter((x) => x.status === 'listed')[0];
    if (!l) throw new Error('fixture too small');
    await warm(l);
    // Behind both apps' backs: the read model changes, nobody announces it.
    await a.database.db.update(listingSearch).set({ priceFen: 1 }).where(eq(listingSearch.listingId, l.id));
    expect((await get(b.app, detailUrl(l.id))).vehicle.priceFen).toBe(l.priceFen);
    expect(await searchedPrice(b.app, l)).toBe(l.priceFen);
    // Put it back, and let B hear about it before the next case warms its caches.
    const heard = b.ctx.cacheBus.received;
    await rebuildSearchIndex(a.ctx);
    await untilBHeardFromA(heard);
  });

  it('shows a car repriced through the first app in the second app’s very next answers', async () => {
    const l = data.filter((x) => x.status === 'listed')[1];
    if (!l) throw new Error('fixture too small');
    await warm(l);
    const newPrice = l.priceFen - 1_000_000;
    const heard = b.ctx.cacheBus.received;
    await a.database.db.transaction(async (tx) => {
      await updateTestListing(tx, l.id, { priceFen: newPrice });
      await publish(
        tx,
        ListingEvents.listingChanged,
        l.id,
        { listingId: l.id, status: 'listed' },
        a.clock.now(),
      );
    });
    await runJobsOfA();
    const [row] = await a.database.db
      .select({ priceFen: listingSearch.priceFen })
      .from(listingSearch)
      .where(eq(listingSearch.listingId, l.id));
    expect(row?.priceFen).toBe(newPrice);
    await untilBHeardFromA(heard);
    expect((await get(b.app, detailUrl(l.id))).vehicle.priceFen).toBe(newPrice);
    expect(await searchedPrice(b.app, l)).toBe(newPrice);
    // And in the first app, which dropped its own caches itself.
    expect((await get(a.app, detailUrl(l.id))).vehicle.priceFen).toBe(newPrice);
    expect(await searchedPrice(a.app, l)).toBe(newPrice);
  });

  it('takes a car sold and delisted through the first app out of the second app’s search at once', async () => {
    const l = data.filter((x) => x.status === 'listed')[2];
    if (!l) throw new Error('fixture too small');
    await warm(l);
    const heard = b.ctx.cacheBus.received;
    await a.database.db.transaction(async (tx) => {
      await delistListing(tx, l.id, '已售出', systemMutation(a.clock.now()));
    });
    await runJobsOfA();
    const [row] = await a.database.db
      .select({ status: listingSearch.status })
      .from(listingSearch)
      .where(eq(listingSearch.listingId, l.id));
    expect(row?.status).toBe('delisted');
    await untilBHeardFromA(heard);
    expect((await get(b.app, detailUrl(l.id))).vehicle.status).toBe('delisted');
    const body = await get(b.app, searchUrl(l));
    expect(body.items.map((i: { id: string }) => i.id)).not.toContain(l.id);
  });

  it('writes the views and query counts an app still buffers when it closes', async () => {
    const l = data.filter((x) => x.status === 'listed')[3];
    if (!l) throw new Error('fixture too small');
    const views = async () =>
      (
        await a.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(listingViews)
          .where(eq(listingViews.listingId, l.id))
      )[0]?.n ?? 0;
    const before = await views();
    // A third app over the same database, closed right after: what it counted must reach the tables.
    const ctx = createContext(testConfig(), b.database, new ManualClock());
    const app = await buildApp(ctx);
    await get(app, detailUrl(l.id));
    expect(
      (await get(app, `/api/v1/catalog/search?q=${encodeURIComponent('凯美瑞')}`)).total,
    ).toBeGreaterThan(0);
    await app.close();
    await ctx.cacheBus.close();
    expect(await views()).toBe(before + 1);
    const [query] = await a.database.db
      .select()
      .from(popularQueries)
      .where(eq(popularQueries.query, '凯美瑞'));
    expect(query?.count).toBe(1);
  });
});
