import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import { confirmHold, holdUnit, releaseHold } from './index.js';
import * as repo from './inventory.repository.js';
import { unitHolds, vehicleUnits } from './inventory.schema.js';

let t: TestApp;
let seq = 0;
const T0 = new Date('2026-11-20T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  await repo.insertLocation(t.database.db, {
    id: 'loc_hold',
    kind: 'store',
    dealerId: 'dlr_hold',
    storeId: 'sto_hold',
    cityCode: '110100',
    name: '北京朝阳比亚迪门店',
    createdAt: T0,
    updatedAt: T0,
  });
});
afterAll(async () => {
  await t.close();
});

async function unit(trimId: string, colour = '极地白', status: 'available' | 'in_transit' = 'available') {
  seq += 1;
  const id = `veh_hold_${seq}`;
  await repo.insertUnit(t.database.db, {
    id,
    vin: withCheckDigit(`LGXCE4CB0R0${String(seq).padStart(6, '0')}`),
    trimId,
    exteriorColour: colour,
    locationId: 'loc_hold',
    storeId: 'sto_hold',
    dealerId: 'dlr_hold',
    status,
    enteredStockAt: new Date(T0.getTime() - seq * 3_600_000),
    costFen: 18_980_000,
    createdAt: T0,
    updatedAt: T0,
  });
  return id;
}

async function statusOf(id: string) {
  const [row] = await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.id, id));
  return row?.status;
}

async function eventsOf(id: string) {
  const rows = await t.database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, id))
    .orderBy(outboxEvents.id);
  return rows.map((r) => r.type);
}

describe('holds', () => {
  it('holds a specific unit for 30 minutes by default, with its audit row and events', async () => {
    const id = await unit('trm_a');
    const { hold } = await holdUnit(t.database.db, { unitId: id }, 'byr_1', {}, systemMutation(T0));
    expect(hold).toMatchObject({ unitId: id, holder: 'byr_1', status: 'held' });
    expect(new Date(hold.expiresAt).getTime() - T0.getTime()).toBe(30 * 60_000);
    expect(await statusOf(id)).toBe('reserved');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'vehicle_unit.reserve')));
    expect(audits).toHaveLength(1);
    expect(await eventsOf(id)).toEqual(
      expect.arrayContaining([
        'inventory.unit_reserved',
        'inventory.stock_changed',
        'inventory.unit_status_changed',
      ]),
    );
  });

  it('refuses a unit that is reserved or still in transit with INVENTORY_UNAVAILABLE', async () => {
    const id = await unit('trm_b');
    await holdUnit(t.database.db, { unitId: id }, 'byr_1', {}, systemMutation(T0));
    await expect(
      holdUnit(t.database.db, { unitId: id }, 'byr_2', {}, systemMutation(T0)),
    ).rejects.toMatchObject({
      code: 'INVENTORY_UNAVAILABLE',
    });
    const transit = await unit('trm_b', '极地白', 'in_transit');
    await expect(
      holdUnit(t.database.db, { unitId: transit }, 'byr_2', {}, systemMutation(T0)),
    ).rejects.toMatchObject({ code: 'INVENTORY_UNAVAILABLE' });
  });

  it('takes the oldest available unit of a trim, colour and store, then none when they run out', async () => {
    await unit('trm_c', '天青蓝');
    const older = await unit('trm_c', '天青蓝');
    const white = await unit('trm_c', '极地白');
    const pick = { trimId: 'trm_c', storeId: 'sto_hold', colour: '天青蓝' };
    const first = await holdUnit(t.database.db, pick, 'ord_1', { ttlMinutes: 15 }, systemMutation(T0));
    expect(first.unit.id).toBe(older);
    expect(new Date(first.hold.expiresAt).getTime() - T0.getTime()).toBe(15 * 60_000);
    await holdUnit(t.database.db, pick, 'ord_2', {}, systemMutation(T0));
    await expect(holdUnit(t.database.db, pick, 'ord_3', {}, systemMutation(T0))).rejects.toMatchObject({
      code: 'INVENTORY_UNAVAILABLE',
    });
    expect(await statusOf(white)).toBe('available');
  });

  it('confirms a live hold into a sale and refuses to confirm or release it again', async () => {
    const id = await unit('trm_d');
    const { hold } = await holdUnit(t.database.db, { unitId: id }, 'ord_9', {}, systemMutation(T0));
    const at = new Date(T0.getTime() + 10 * 60_000);
    await confirmHold(t.database.db, hold.id, systemMutation(at));
    expect(await statusOf(id)).toBe('sold');
    await expect(confirmHold(t.database.db, hold.id, systemMutation(at))).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
      details: { status: 'confirmed' },
    });
    await expect(releaseHold(t.database.db, hold.id, null, systemMutation(at))).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
    });
  });

  it('refuses to confirm a hold whose time is up even before the expiry job ran', async () => {
    const id = await unit('trm_e');
    const { hold } = await holdUnit(t.database.db, { unitId: id }, 'ord_10', {}, systemMutation(T0));
    const late = new Date(T0.getTime() + 31 * 60_000);
    await expect(confirmHold(t.database.db, hold.id, systemMutation(late))).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
      details: { status: 'expired' },
    });
    expect(await statusOf(id)).toBe('reserved');
  });

  it('releases a hold and puts the unit back on sale with unit_released', async () => {
    const id = await unit('trm_f');
    const { hold } = await holdUnit(t.database.db, { unitId: id }, 'ord_11', {}, systemMutation(T0));
    const released = await releaseHold(t.database.db, hold.id, 'buyer_cancelled', systemMutation(T0));
    expect(released).toMatchObject({ status: 'released', reason: 'buyer_cancelled' });
    expect(await statusOf(id)).toBe('available');
    expect(await eventsOf(id)).toContain('inventory.unit_released');
    await expect(releaseHold(t.database.db, 'hld_missing', null, systemMutation(T0))).rejects.toMatchObject({
      code: 'HOLD_NOT_FOUND',
    });
  });

  it('the every-minute job releases expired holds and leaves live ones', async () => {
    t.clock.set(T0);
    const due = await unit('trm_g');
    const live = await unit('trm_g');
    const a = await holdUnit(t.database.db, { unitId: due }, 'ord_12', { ttlMinutes: 5 }, systemMutation(T0));
    const b = await holdUnit(
      t.database.db,
      { unitId: live },
      'ord_13',
      { ttlMinutes: 60 },
      systemMutation(T0),
    );
    t.clock.set(new Date(T0.getTime() + 6 * 60_000));
    for (let i = 0; i < 10; i++) {
      const r = await t.ctx.jobs.runDueOnce();
      if (r.ran === 0 && r.dispatched === 0 && r.scheduled === 0) break;
    }
    const holds = await t.database.db.select().from(unitHolds);
    expect(holds.find((h) => h.id === a.hold.id)).toMatchObject({ status: 'expired', reason: 'expired' });
    expect(holds.find((h) => h.id === b.hold.id)?.status).toBe('held');
    expect(await statusOf(due)).toBe('available');
    expect(await statusOf(live)).toBe('reserved');
  });
});
