import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { reserveAccessoryStock } from './inventory.accessories.js';
import * as repo from './inventory.repository.js';
import { accessoryStock } from './inventory.schema.js';

// Accessory reservations racing on real PostgreSQL (PGlite has one connection, so nothing there can race),
// beside a naive read-then-write control shown to oversell on the same database: the pass proves the race
// was real and that the one conditional UPDATE is what stops it.

const onPostgres = inject('testDb').backend === 'postgres';
const T0 = new Date('2026-11-20T02:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCATION = 'loc_acc_race';

let t: TestApp;
let db: Db;

async function stock(variantId: string, onHand: number): Promise<void> {
  await repo.changeAccessoryOnHand(
    db,
    { locationId: LOCATION, variantId, dealerId: 'dlr_race' },
    { onHand },
    T0,
  );
}

async function rowOf(variantId: string) {
  const [row] = await db
    .select()
    .from(accessoryStock)
    .where(and(eq(accessoryStock.locationId, LOCATION), eq(accessoryStock.variantId, variantId)));
  return row;
}

/** The control: read what is free, then write the new reserved figure (what Medusa and Vendure shipped). */
async function naiveReserve(variantId: string, quantity: number): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(accessoryStock)
      .where(and(eq(accessoryStock.locationId, LOCATION), eq(accessoryStock.variantId, variantId)));
    if (!row || row.onHand - row.reserved < quantity) return false;
    await sleep(5);
    // The CHECK would refuse reserved > on_hand, so the control lowers nothing it can see: it overwrites.
    await tx
      .update(accessoryStock)
      .set({ reserved: row.reserved + quantity })
      .where(and(eq(accessoryStock.locationId, LOCATION), eq(accessoryStock.variantId, variantId)));
    return true;
  });
}

describe.runIf(onPostgres)('accessory reservations under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    await repo.insertLocation(db, {
      id: LOCATION,
      kind: 'warehouse',
      dealerId: 'dlr_race',
      storeId: null,
      cityCode: '310100',
      name: '上海嘉定配件中心仓',
      createdAt: T0,
      updatedAt: T0,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives 100 concurrent buyers of 1 exactly the 20 on hand; the other 80 get ACCESSORY_STOCK_UNAVAILABLE', async () => {
    await stock('acv_race_mat', 20);
    const results = await Promise.allSettled(
      Array.from(
        { length: 100 },
        () => () =>
          reserveAccessoryStock(
            db,
            { locationId: LOCATION, variantId: 'acv_race_mat', quantity: 1 },
            systemMutation(T0),
          ),
      ).map((c) => c()),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const codes = new Set(
      results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : [],
      ),
    );
    expect(ok).toHaveLength(20);
    expect(codes).toEqual(new Set(['ACCESSORY_STOCK_UNAVAILABLE']));
    const row = await rowOf('acv_race_mat');
    expect(row).toMatchObject({ onHand: 20, reserved: 20 });
    // Every successful statement saw a different level: no two buyers were handed the same unit.
    const seen = ok.map((r) => (r.status === 'fulfilled' ? r.value.reserved : -1)).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [neg] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(accessoryStock)
      .where(sql`${accessoryStock.onHand} - ${accessoryStock.reserved} < 0`);
    expect(neg?.n).toBe(0);
  });

  it('the naive read-then-write control oversells on the same database (the race is real)', async () => {
    await stock('acv_race_naive', 20);
    const results = await Promise.all(Array.from({ length: 100 }, () => naiveReserve('acv_race_naive', 1)));
    const winners = results.filter(Boolean).length;
    const row = await rowOf('acv_race_naive');
    // More buyers were told "yours" than units were taken off the shelf: lost updates, i.e. overselling.
    expect(winners).toBeGreaterThan(20);
    expect(winners).toBeGreaterThan(row?.reserved ?? 0);
  });
});
