import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { type Mutation, systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { accessoriesModule } from '../accessories/index.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import {
  adjustAccessoryStock,
  commitAccessoryStock,
  releaseAccessoryStock,
  reserveAccessoryStock,
} from './inventory.accessories.js';
import type { TAccessoryStock } from './inventory.contract.js';
import { accessoryStock } from './inventory.schema.js';
import { ensureStoreLocation } from './inventory.service.js';

let t: TestApp;
let supply: TestStaff;
let bydStaff: TestStaff;
let bydLoc: string;
let teslaLoc: string;
const NOW = new Date('2026-11-20T04:00:00Z');
const MAT = 'acv_seed_mat_han_blk';
const CAM = 'acv_seed_cam_70m_4k';
const sys = (): Mutation => systemMutation(NOW);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  await insertTestTrims(t.database.db);
  for (const step of accessoriesModule.seed ?? []) await step.run(t.ctx);
  supply = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  bydLoc = (await ensureStoreLocation(t.database.db, 'sto_bj_byd_chaoyang', sys())).id;
  teslaLoc = (await ensureStoreLocation(t.database.db, 'sto_sh_tesla_jinqiao', sys())).id;
});
afterAll(async () => {
  await t.close();
});

describe('accessory stock ledger', () => {
  it('receives, reserves, releases and ships: available is always on hand minus reserved', async () => {
    const line = { locationId: bydLoc, variantId: MAT };
    expect(
      await adjustAccessoryStock(
        t.database.db,
        { ...line, change: { delta: 10 }, reason: '到货入库' },
        sys(),
      ),
    ).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(await reserveAccessoryStock(t.database.db, { ...line, quantity: 4 }, sys())).toMatchObject({
      onHand: 10,
      reserved: 4,
      available: 6,
    });
    expect(await releaseAccessoryStock(t.database.db, { ...line, quantity: 1 }, sys())).toMatchObject({
      reserved: 3,
      available: 7,
    });
    expect(await commitAccessoryStock(t.database.db, { ...line, quantity: 3 }, sys())).toMatchObject({
      onHand: 7,
      reserved: 0,
      available: 7,
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'accessory_stock.adjust'), eq(auditLog.entityId, `${bydLoc}:${MAT}`)));
    expect(audits).toHaveLength(1);
  });

  it('refuses to reserve more than is free, and to release or ship more than is reserved', async () => {
    const line = { locationId: bydLoc, variantId: CAM };
    await adjustAccessoryStock(t.database.db, { ...line, change: { onHand: 3 }, reason: '盘点' }, sys());
    await reserveAccessoryStock(t.database.db, { ...line, quantity: 2 }, sys());
    const err = await reserveAccessoryStock(t.database.db, { ...line, quantity: 2 }, sys()).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'ACCESSORY_STOCK_UNAVAILABLE', details: { available: 1 } });
    expect(await codeOf(releaseAccessoryStock(t.database.db, { ...line, quantity: 3 }, sys()))).toBe(
      'ACCESSORY_STOCK_NOT_RESERVED',
    );
    expect(await codeOf(commitAccessoryStock(t.database.db, { ...line, quantity: 3 }, sys()))).toBe(
      'ACCESSORY_STOCK_NOT_RESERVED',
    );
    expect(await codeOf(reserveAccessoryStock(t.database.db, { ...line, quantity: 0 }, sys()))).toBe(
      'ACCESSORY_QUANTITY_INVALID',
    );
    // A SKU never stocked at the location has nothing to give.
    expect(
      await codeOf(
        reserveAccessoryStock(t.database.db, { locationId: teslaLoc, variantId: CAM, quantity: 1 }, sys()),
      ),
    ).toBe('ACCESSORY_STOCK_UNAVAILABLE');
    const [row] = await t.database.db
      .select()
      .from(accessoryStock)
      .where(and(eq(accessoryStock.locationId, bydLoc), eq(accessoryStock.variantId, CAM)));
    expect(row).toMatchObject({ onHand: 3, reserved: 2 });
  });

  it('never counts or writes stock below what is reserved or below zero', async () => {
    const line = { locationId: bydLoc, variantId: CAM };
    expect(
      await codeOf(
        adjustAccessoryStock(t.database.db, { ...line, change: { onHand: 1 }, reason: '盘亏' }, sys()),
      ),
    ).toBe('ACCESSORY_STOCK_BELOW_RESERVED');
    expect(
      await codeOf(
        adjustAccessoryStock(t.database.db, { ...line, change: { delta: -2 }, reason: '破损' }, sys()),
      ),
    ).toBe('ACCESSORY_STOCK_BELOW_RESERVED');
    expect(
      await codeOf(
        adjustAccessoryStock(
          t.database.db,
          { locationId: teslaLoc, variantId: MAT, change: { delta: -1 }, reason: '破损' },
          sys(),
        ),
      ),
    ).toBe('ACCESSORY_STOCK_BELOW_RESERVED');
    // The CHECK constraint is the backstop even for a write that skips the guarded statements.
    await expect(
      t.database.db.execute(
        sql`update inventory_accessory_stock set reserved = on_hand + 1 where location_id = ${bydLoc} and variant_id = ${CAM}`,
      ),
    ).rejects.toThrow();
  });
});

describe('accessory stock API', () => {
  it('adjusts by SKU and lists per location; dealer staff see only their dealer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/accessories/adjust',
      headers: supply.bearer,
      payload: { locationId: teslaLoc, sku: 'MAT-M3-SET', delta: 8, reason: '特斯拉脚垫到货' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      sku: 'MAT-M3-SET',
      productName: 'Model 3 立体脚垫',
      onHand: 8,
      available: 8,
      location: { id: teslaLoc },
    });
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/accessories',
      headers: supply.bearer,
    });
    const skus = (all.json() as { items: TAccessoryStock[] }).items.map((i) => `${i.location.id}:${i.sku}`);
    expect(skus).toEqual(expect.arrayContaining([`${teslaLoc}:MAT-M3-SET`, `${bydLoc}:MAT-HAN-BLK`]));
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/accessories',
      headers: bydStaff.bearer,
    });
    const dealers = new Set((mine.json() as { items: TAccessoryStock[] }).items.map((i) => i.dealerId));
    expect(dealers).toEqual(new Set(['dlr_demo_bj_byd']));
    const asked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/accessories?dealerId=dlr_demo_sh_tesla',
      headers: bydStaff.bearer,
    });
    expect(asked.statusCode).toBe(403);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/accessories/adjust',
      headers: bydStaff.bearer,
      payload: { locationId: teslaLoc, sku: 'MAT-M3-SET', delta: 1, reason: '到货' },
    });
    expect(foreign.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/accessories/adjust',
      headers: supply.bearer,
      payload: { locationId: teslaLoc, sku: 'NO-SUCH-SKU', delta: 1, reason: '到货' },
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'ACCESSORY_VARIANT_NOT_FOUND' } });
  });
});
