import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import { confirmHold, expireHolds, holdUnit } from './inventory.holds.js';
import * as repo from './inventory.repository.js';
import { unitHolds, vehicleUnits } from './inventory.schema.js';

// Races on real PostgreSQL (PGlite has one connection, so nothing there can race). Each race runs beside a
// naive read-then-write control that is shown to oversell on the same database, so a passing test proves the
// race was real and the conditional updates are what stop it.

const onPostgres = inject('testDb').backend === 'postgres';
const T0 = new Date('2026-11-20T02:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestApp;
let db: Db;
let locationId: string;
let vinSeq = 0;

function nextVin(): string {
  vinSeq += 1;
  return withCheckDigit(`LRWYGCEK0RC${String(vinSeq).padStart(6, '0')}`);
}

async function addUnits(trimId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `veh_race_${trimId}_${i}`;
    await repo.insertUnit(db, {
      id,
      vin: nextVin(),
      trimId,
      exteriorColour: '珍珠白',
      locationId,
      storeId: 'sto_race',
      dealerId: 'dlr_race',
      status: 'available',
      enteredStockAt: new Date(T0.getTime() - (n - i) * 86_400_000),
      costFen: 22_980_000,
      createdAt: T0,
      updatedAt: T0,
    });
    ids.push(id);
  }
  return ids;
}

async function settle<T>(calls: (() => Promise<T>)[]) {
  const results = await Promise.allSettled(calls.map((c) => c()));
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const codes = results.flatMap((r) =>
    r.status === 'rejected' ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : [],
  );
  return { ok, codes };
}

/** The control: look, then write (what Medusa and Vendure shipped). Returns whether it "got" the unit. */
async function naiveHoldUnit(unitId: string): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const [row] = await tx.select().from(vehicleUnits).where(eq(vehicleUnits.id, unitId));
    if (row?.status !== 'available') return false;
    await sleep(5);
    await tx.update(vehicleUnits).set({ status: 'reserved' }).where(eq(vehicleUnits.id, unitId));
    return true;
  });
}

async function naiveHoldOfTrim(trimId: string): Promise<string | null> {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(vehicleUnits)
      .where(and(eq(vehicleUnits.trimId, trimId), eq(vehicleUnits.status, 'available')))
      .orderBy(asc(vehicleUnits.enteredStockAt))
      .limit(1);
    if (!row) return null;
    await sleep(5);
    await tx.update(vehicleUnits).set({ status: 'reserved' }).where(eq(vehicleUnits.id, row.id));
    return row.id;
  });
}

describe.runIf(onPostgres)('holds under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    locationId = 'loc_race';
    await repo.insertLocation(db, {
      id: locationId,
      kind: 'store',
      dealerId: 'dlr_race',
      storeId: 'sto_race',
      cityCode: '310100',
      name: '上海浦东金桥门店',
      createdAt: T0,
      updatedAt: T0,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets exactly one of 200 concurrent buyers hold the same car; the rest get INVENTORY_UNAVAILABLE', async () => {
    const [unitId] = await addUnits('trm_one', 1);
    if (!unitId) throw new Error('no unit');
    const { ok, codes } = await settle(
      Array.from(
        { length: 200 },
        (_, i) => () => holdUnit(db, { unitId }, `buyer_${i}`, {}, systemMutation(T0)),
      ),
    );
    expect(ok).toHaveLength(1);
    expect(codes).toHaveLength(199);
    expect(new Set(codes)).toEqual(new Set(['INVENTORY_UNAVAILABLE']));
    const holds = await db.select().from(unitHolds).where(eq(unitHolds.unitId, unitId));
    expect(holds).toHaveLength(1);
    expect(holds[0]?.holder).toBe(ok[0]?.hold.holder);
    const [unit] = await db.select().from(vehicleUnits).where(eq(vehicleUnits.id, unitId));
    expect(unit).toMatchObject({ status: 'reserved', version: 2 });
  });

  it('the naive read-then-write control gives the same car to several of 200 buyers', async () => {
    const [unitId] = await addUnits('trm_one_naive', 1);
    if (!unitId) throw new Error('no unit');
    const got = await Promise.all(Array.from({ length: 200 }, () => naiveHoldUnit(unitId)));
    expect(got.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('gives 200 buyers over a pool of 20 units of a trim at a store exactly 20 holds on 20 different units', async () => {
    const pool = await addUnits('trm_pool', 20);
    const { ok, codes } = await settle(
      Array.from(
        { length: 200 },
        (_, i) => () =>
          holdUnit(db, { trimId: 'trm_pool', storeId: 'sto_race' }, `buyer_${i}`, {}, systemMutation(T0)),
      ),
    );
    expect(ok).toHaveLength(20);
    expect(new Set(ok.map((r) => r.unit.id))).toEqual(new Set(pool));
    expect(codes).toHaveLength(180);
    expect(new Set(codes)).toEqual(new Set(['INVENTORY_UNAVAILABLE']));
    const counts = await db
      .select({ status: vehicleUnits.status, n: sql<number>`count(*)::int` })
      .from(vehicleUnits)
      .where(eq(vehicleUnits.trimId, 'trm_pool'))
      .groupBy(vehicleUnits.status);
    expect(counts).toEqual([{ status: 'reserved', n: 20 }]);
    const live = await db
      .select({ n: sql<number>`count(*)::int`, units: sql<number>`count(distinct ${unitHolds.unitId})::int` })
      .from(unitHolds)
      .where(and(eq(unitHolds.status, 'held'), sql`${unitHolds.unitId} like 'veh_race_trm_pool_%'`));
    expect(live).toEqual([{ n: 20, units: 20 }]);
  });

  it('the naive control over a pool of 20 hands out more takes than there are units', async () => {
    await addUnits('trm_pool_naive', 20);
    const got = await Promise.all(Array.from({ length: 200 }, () => naiveHoldOfTrim('trm_pool_naive')));
    const takes = got.filter((id) => id !== null);
    expect(takes.length).toBeGreaterThan(20);
    expect(new Set(takes).size).toBeLessThan(takes.length);
  });

  it('ends a hold expiring while its sale is confirmed in one consistent outcome, every time', async () => {
    const units = await addUnits('trm_expiry', 30);
    const holds = [];
    for (const unitId of units) {
      holds.push(
        (await holdUnit(db, { unitId }, `order_${unitId}`, { ttlMinutes: 1 }, systemMutation(T0))).hold,
      );
    }
    // The confirm arrives just before the deadline on its clock, the job runs just after on its own.
    const confirmAt = new Date(T0.getTime() + 59_900);
    const expireAt = new Date(T0.getTime() + 60_100);
    const confirms = await Promise.allSettled([
      ...holds.map((h) => confirmHold(db, h.id, systemMutation(confirmAt))),
      expireHolds(db, systemMutation(expireAt), 5),
    ]);
    const rows = await db
      .select({ hold: unitHolds.status, unit: vehicleUnits.status })
      .from(unitHolds)
      .innerJoin(vehicleUnits, eq(vehicleUnits.id, unitHolds.unitId))
      .where(eq(vehicleUnits.trimId, 'trm_expiry'));
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      expect([
        { hold: 'confirmed', unit: 'sold' },
        { hold: 'expired', unit: 'available' },
      ]).toContainEqual(r);
    }
    const confirmed = confirms.slice(0, 30).filter((c) => c.status === 'fulfilled').length;
    expect(rows.filter((r) => r.hold === 'confirmed')).toHaveLength(confirmed);
    for (const c of confirms.slice(0, 30)) {
      if (c.status === 'rejected') expect(c.reason).toMatchObject({ code: 'HOLD_NOT_ACTIVE' });
    }
  });

  it('the naive control lets an expiry and a confirm both win, leaving a sold car with an expired hold', async () => {
    const units = await addUnits('trm_expiry_naive', 30);
    const holdIds: string[] = [];
    for (const unitId of units) {
      holdIds.push(
        (await holdUnit(db, { unitId }, 'order_naive', { ttlMinutes: 1 }, systemMutation(T0))).hold.id,
      );
    }
    const naive = (holdId: string, to: 'confirmed' | 'expired') =>
      withTransaction(db, async (tx) => {
        const [hold] = await tx.select().from(unitHolds).where(eq(unitHolds.id, holdId));
        if (hold?.status !== 'held') return false;
        await sleep(5);
        await tx.update(unitHolds).set({ status: to }).where(eq(unitHolds.id, holdId));
        await tx
          .update(vehicleUnits)
          .set({ status: to === 'confirmed' ? 'sold' : 'available' })
          .where(eq(vehicleUnits.id, hold.unitId));
        return true;
      });
    const both = await Promise.all(
      holdIds.map(async (id) => {
        const [c, e] = await Promise.all([naive(id, 'confirmed'), naive(id, 'expired')]);
        return c && e;
      }),
    );
    expect(both.filter(Boolean).length).toBeGreaterThan(0);
  });
});
