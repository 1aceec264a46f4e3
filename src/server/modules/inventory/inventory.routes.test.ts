import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import type { TVehicleUnit } from './inventory.contract.js';
import { holdUnit } from './inventory.holds.js';
import { stockLocations, vehicleUnits } from './inventory.schema.js';

let t: TestApp;
let supply: TestStaff;
let operator: TestStaff;
let marketing: TestStaff;
let bydStaff: TestStaff;
let trims: { bydHan: string; teslaModel3: string };
let seq = 0;
const NOW = new Date('2026-11-20T04:00:00Z');
const BYD_STORE = 'sto_bj_byd_chaoyang';
const TESLA_STORE = 'sto_sh_tesla_jinqiao';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  trims = await insertTestTrims(t.database.db);
  supply = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
});
afterAll(async () => {
  await t.close();
});

function vin(): string {
  seq += 1;
  return withCheckDigit(`LGXCE4CB0R2${String(seq).padStart(6, '0')}`);
}

async function receive(who: TestStaff, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/inventory/units', headers: who.bearer, payload });
}

async function receiveOk(who: TestStaff, payload: Record<string, unknown>): Promise<TVehicleUnit> {
  const res = await receive(who, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TVehicleUnit;
}

describe('inventory API', () => {
  it('receives a unit at a store: stored, its location made, audited, with unit_created and stock_changed', async () => {
    const unit = await receiveOk(supply, {
      vin: vin().toLowerCase(),
      trimId: trims.bydHan,
      exteriorColour: '雪域白',
      storeId: BYD_STORE,
      costFen: 21_580_000,
    });
    expect(unit).toMatchObject({
      status: 'available',
      storeId: BYD_STORE,
      dealerId: 'dlr_demo_bj_byd',
      daysInStock: 0,
    });
    expect(unit.trim.brandName).toBe('比亚迪');
    const [row] = await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.id, unit.id));
    expect(row?.vin).toBe(unit.vin);
    expect(unit.vin).toMatch(/^[A-Z0-9]{17}$/);
    const locations = await t.database.db
      .select()
      .from(stockLocations)
      .where(eq(stockLocations.storeId, BYD_STORE));
    expect(locations).toHaveLength(1);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, unit.id), eq(auditLog.action, 'vehicle_unit.create')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, unit.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type).sort()).toEqual(['inventory.stock_changed', 'inventory.unit_created']);
  });

  it('refuses a VIN with a wrong check digit, a VIN already in stock and an unknown trim', async () => {
    const good = vin();
    const bad = `${good.slice(0, 8)}${good.charAt(8) === '1' ? '2' : '1'}${good.slice(9)}`;
    const base = { trimId: trims.bydHan, exteriorColour: '雪域白', storeId: BYD_STORE, costFen: 1 };
    expect((await receive(supply, { ...base, vin: bad })).json()).toMatchObject({
      error: { code: 'VIN_INVALID' },
    });
    await receiveOk(supply, { ...base, vin: good });
    const dup = await receive(supply, { ...base, vin: good });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: { code: 'UNIT_VIN_TAKEN' } });
    const trim = await receive(supply, { ...base, vin: vin(), trimId: 'trm_nope' });
    expect(trim.json()).toMatchObject({ error: { code: 'UNIT_TRIM_NOT_FOUND' } });
    expect(
      await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.trimId, 'trm_nope')),
    ).toHaveLength(0);
  });

  it('moves a unit in transit to available, then answers 409 for a move its state does not allow', async () => {
    const unit = await receiveOk(supply, {
      vin: vin(),
      trimId: trims.teslaModel3,
      exteriorColour: '冷光银',
      storeId: TESLA_STORE,
      costFen: 23_190_000,
      status: 'in_transit',
    });
    expect(unit.actions).toEqual(['receive']);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/units/${unit.id}/receive`,
      headers: supply.bearer,
    });
    expect(ok.json()).toMatchObject({ status: 'available', version: 2 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/units/${unit.id}/receive`,
      headers: supply.bearer,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'available' } },
    });
    const deliver = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/units/${unit.id}/deliver`,
      headers: supply.bearer,
    });
    expect(deliver.statusCode).toBe(409);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, unit.id), eq(auditLog.action, 'vehicle_unit.receive')));
    expect(audits).toHaveLength(1);
  });

  it('lists by store, trim and status with days in stock and aged tags over 60 and 90 days', async () => {
    const day = 86_400_000;
    for (const days of [10, 70, 100]) {
      await receiveOk(supply, {
        vin: vin(),
        trimId: trims.teslaModel3,
        exteriorColour: '午夜魅影黑',
        storeId: TESLA_STORE,
        costFen: 22_000_000,
        enteredStockAt: new Date(NOW.getTime() - days * day).toISOString(),
      });
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/units?storeId=${TESLA_STORE}&trimId=${trims.teslaModel3}&status=available`,
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: TVehicleUnit[] }).items.filter(
      (u) => u.exteriorColour === '午夜魅影黑',
    );
    expect(items.map((u) => [u.daysInStock, u.aged])).toEqual([
      [100, 90],
      [70, 60],
      [10, null],
    ]);
  });

  it("scopes dealer staff to their dealer's stock: another dealer's unit is not found, its store refused", async () => {
    const tesla = await receiveOk(supply, {
      vin: vin(),
      trimId: trims.teslaModel3,
      exteriorColour: '冷光银',
      storeId: TESLA_STORE,
      costFen: 1,
    });
    const own = await receiveOk(bydStaff, {
      vin: vin(),
      trimId: trims.bydHan,
      exteriorColour: '雪域白',
      storeId: BYD_STORE,
      costFen: 1,
    });
    expect(own.dealerId).toBe('dlr_demo_bj_byd');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/units?limit=100',
      headers: bydStaff.bearer,
    });
    const dealers = new Set((list.json() as { items: TVehicleUnit[] }).items.map((u) => u.dealerId));
    expect(dealers).toEqual(new Set(['dlr_demo_bj_byd']));
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/units/${tesla.id}`,
      headers: bydStaff.bearer,
    });
    expect(other.json()).toMatchObject({ error: { code: 'UNIT_NOT_FOUND' } });
    const elsewhere = await receive(bydStaff, {
      vin: vin(),
      trimId: trims.teslaModel3,
      exteriorColour: '冷光银',
      storeId: TESLA_STORE,
      costFen: 1,
    });
    expect(elsewhere.json()).toMatchObject({ error: { code: 'STOCK_LOCATION_NOT_FOUND' } });
    const asked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/units?dealerId=dlr_demo_sh_tesla',
      headers: bydStaff.bearer,
    });
    expect(asked.statusCode).toBe(403);
  });

  it('makes a platform warehouse and lists locations; a reader cannot write and marketing cannot read', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/locations',
      headers: supply.bearer,
      payload: { kind: 'warehouse', name: '天津港保税区中转库', cityCode: '120100' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'warehouse', dealerId: null, storeId: null });
    const locations = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/locations',
      headers: operator.bearer,
    });
    expect((locations.json() as { items: { name: string }[] }).items.map((l) => l.name)).toContain(
      '天津港保税区中转库',
    );
    const write = await receive(operator, {
      vin: vin(),
      trimId: trims.bydHan,
      exteriorColour: '白',
      storeId: BYD_STORE,
      costFen: 1,
    });
    expect(write.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inventory/units',
      headers: marketing.bearer,
    });
    expect(read.statusCode).toBe(403);
  });

  it("shows a unit's holds and lets staff release a live one, audited, with unit_released; once only", async () => {
    const unit = await receiveOk(bydStaff, {
      vin: vin(),
      trimId: trims.bydHan,
      exteriorColour: '雪域白',
      storeId: BYD_STORE,
      costFen: 1,
    });
    const { hold } = await holdUnit(t.database.db, { unitId: unit.id }, 'byr_demo', {}, systemMutation(NOW));
    const holds = await t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/units/${unit.id}/holds`,
      headers: bydStaff.bearer,
    });
    expect(holds.json()).toMatchObject({ items: [{ id: hold.id, status: 'held', holder: 'byr_demo' }] });
    const other = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/holds/${hold.id}/release`,
      headers: other.bearer,
    });
    expect(denied.json()).toMatchObject({ error: { code: 'HOLD_NOT_FOUND' } });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/holds/${hold.id}/release`,
      headers: bydStaff.bearer,
    });
    expect(res.json()).toMatchObject({ status: 'released', reason: 'released_by_staff' });
    const [row] = await t.database.db.select().from(vehicleUnits).where(eq(vehicleUnits.id, unit.id));
    expect(row?.status).toBe('available');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, unit.id), eq(auditLog.action, 'vehicle_unit.release')));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorKind).toBe('staff');
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, unit.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toContain('inventory.unit_released');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inventory/holds/${hold.id}/release`,
      headers: bydStaff.bearer,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'HOLD_NOT_ACTIVE', details: { status: 'released' } },
    });
  });
});
