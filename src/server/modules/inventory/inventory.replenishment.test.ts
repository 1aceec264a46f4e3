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
import type { TReplenishmentSuggestion } from './inventory.contract.js';
import type { UnitStatus } from './inventory.enums.js';
import { computeSuggestions, resolveParameters, safetyStock } from './inventory.replenishment.js';
import * as repo from './inventory.repository.js';
import { replenishmentSuggestions } from './inventory.schema.js';
import { ensureStoreLocation } from './inventory.service.js';

// Replenishment with hand-computed numbers: safety stock = ceil(avg daily sales x lead time + buffer),
// suggestion = safety stock - (available + in transit).

let t: TestApp;
let supply: TestStaff;
let operator: TestStaff;
let bydStaff: TestStaff;
let trims: { bydHan: string; teslaModel3: string };
let bydLoc: string;
let teslaLoc: string;
let seq = 0;
const NOW = new Date('2026-11-20T04:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const API = '/api/v1/inventory';

async function units(
  n: number,
  at: 'byd' | 'tesla',
  status: UnitStatus,
  soldDaysAgo: number | null = null,
): Promise<void> {
  for (let i = 0; i < n; i++) {
    seq += 1;
    await repo.insertUnit(t.database.db, {
      id: `veh_rep_${seq}`,
      vin: withCheckDigit(`LRWYGCEK0RC${String(700 + seq).padStart(6, '0')}`),
      trimId: at === 'byd' ? trims.bydHan : trims.teslaModel3,
      exteriorColour: '冰川蓝',
      locationId: at === 'byd' ? bydLoc : teslaLoc,
      storeId: at === 'byd' ? 'sto_bj_byd_chaoyang' : 'sto_sh_tesla_jinqiao',
      dealerId: at === 'byd' ? 'dlr_demo_bj_byd' : 'dlr_demo_sh_tesla',
      status,
      enteredStockAt: ago(40),
      soldAt: soldDaysAgo === null ? null : ago(soldDaysAgo),
      costFen: 19_000_000,
      createdAt: NOW,
      updatedAt: NOW,
    });
  }
}

async function suggestionsOf(storeId: string) {
  return t.database.db
    .select()
    .from(replenishmentSuggestions)
    .where(eq(replenishmentSuggestions.storeId, storeId));
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  trims = await insertTestTrims(t.database.db);
  supply = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  bydLoc = (await ensureStoreLocation(t.database.db, 'sto_bj_byd_chaoyang', systemMutation(NOW))).id;
  teslaLoc = (await ensureStoreLocation(t.database.db, 'sto_sh_tesla_jinqiao', systemMutation(NOW))).id;
  // BYD 汉 at 朝阳: 6 sold in the last 30 days (one 31 days ago does not count), 1 available, 1 in transit.
  await units(6, 'byd', 'delivered', 3);
  await units(1, 'byd', 'sold', 31);
  await units(1, 'byd', 'available');
  await units(1, 'byd', 'in_transit');
  // Tesla Model 3 at 金桥: 1 sold, 5 available: ceil(1 x 14 / 30) + 2 = 3 <= 5, nothing to suggest.
  await units(1, 'tesla', 'sold', 10);
  await units(5, 'tesla', 'available');
});
afterAll(async () => {
  await t.close();
});

describe('replenishment parameters', () => {
  it('computes safety stock in whole units: ceil(sold / 30 x lead time) + buffer', () => {
    expect(safetyStock(6, 14, 2)).toBe(5); // 0.2 x 14 = 2.8 -> 3, + 2
    expect(safetyStock(6, 30, 1)).toBe(7); // 6 + 1
    expect(safetyStock(15, 14, 2)).toBe(9); // exactly 7 + 2
  });

  it('takes the location setting over the brand over the default over the built-in 14 days and 2 units', () => {
    const at = NOW;
    const rows = [
      { scope: 'default' as const, scopeId: '', leadTimeDays: 20, bufferUnits: 3, updatedAt: at },
      { scope: 'brand' as const, scopeId: 'brd_x', leadTimeDays: 30, bufferUnits: 1, updatedAt: at },
      { scope: 'location' as const, scopeId: 'loc_x', leadTimeDays: 7, bufferUnits: 0, updatedAt: at },
    ];
    expect(resolveParameters(rows, 'loc_x', 'brd_x')).toEqual({ leadTimeDays: 7, bufferUnits: 0 });
    expect(resolveParameters(rows, 'loc_y', 'brd_x')).toEqual({ leadTimeDays: 30, bufferUnits: 1 });
    expect(resolveParameters(rows, 'loc_y', 'brd_y')).toEqual({ leadTimeDays: 20, bufferUnits: 3 });
    expect(resolveParameters([], 'loc_y', 'brd_y')).toEqual({ leadTimeDays: 14, bufferUnits: 2 });
  });
});

describe('replenishment suggestions', () => {
  it('suggests 5 - (1 + 1) = 3 for the BYD store and nothing where stock covers the safety stock', async () => {
    expect(await computeSuggestions(t.database.db, systemMutation(NOW))).toEqual({ opened: 1, refreshed: 0 });
    const [s] = await suggestionsOf('sto_bj_byd_chaoyang');
    expect(s).toMatchObject({
      status: 'open',
      trimId: trims.bydHan,
      sold30d: 6,
      leadTimeDays: 14,
      bufferUnits: 2,
      safetyStock: 5,
      available: 1,
      inTransit: 1,
      suggestedQuantity: 3,
    });
    expect(Number(s?.avgDailySales)).toBeCloseTo(0.2, 4);
    expect(await suggestionsOf('sto_sh_tesla_jinqiao')).toHaveLength(0);
  });

  it('refreshes the open suggestion instead of opening a second when the brand lead time changes', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: `${API}/replenishment-settings`,
      headers: supply.bearer,
      payload: { scope: 'brand', scopeId: 'brd_t_byd', leadTimeDays: 30, bufferUnits: 1 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: '比亚迪', leadTimeDays: 30 });
    const run = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/compute`,
      headers: supply.bearer,
    });
    expect(run.json()).toEqual({ opened: 0, refreshed: 1 });
    const rows = await suggestionsOf('sto_bj_byd_chaoyang');
    expect(rows).toHaveLength(1);
    // ceil(0.2 x 30) + 1 = 7; 7 - 2 = 5.
    expect(rows[0]).toMatchObject({ safetyStock: 7, suggestedQuantity: 5, leadTimeDays: 30, bufferUnits: 1 });
  });

  it('lets dealer staff see their stores only and refuses settings to those without inventory.configure', async () => {
    const mine = await t.app.inject({ method: 'GET', url: `${API}/suggestions`, headers: bydStaff.bearer });
    expect((mine.json() as { items: TReplenishmentSuggestion[] }).items.map((i) => i.storeId)).toEqual([
      'sto_bj_byd_chaoyang',
    ]);
    const other = await t.app.inject({
      method: 'GET',
      url: `${API}/suggestions?dealerId=dlr_demo_sh_tesla`,
      headers: bydStaff.bearer,
    });
    expect(other.statusCode).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: `${API}/replenishment-settings`,
      headers: bydStaff.bearer,
      payload: { scope: 'default', leadTimeDays: 1, bufferUnits: 0 },
    });
    expect(put.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'PUT',
      url: `${API}/replenishment-settings`,
      headers: supply.bearer,
      payload: { scope: 'location', scopeId: 'loc_nope', leadTimeDays: 7, bufferUnits: 0 },
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'REPLENISHMENT_SETTING_INVALID' } });
  });

  it('accepts with an adjusted quantity (audited, event), then answers 409 to a second decision', async () => {
    const [s] = await suggestionsOf('sto_bj_byd_chaoyang');
    if (!s) throw new Error('no suggestion');
    const read = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/${s.id}/accept`,
      headers: operator.bearer,
      payload: {},
    });
    expect(read.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/${s.id}/accept`,
      headers: bydStaff.bearer,
      payload: { quantity: 4 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'accepted',
      acceptedQuantity: 4,
      suggestedQuantity: 5,
      actions: [],
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'replenishment_suggestion.accept')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, s.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['inventory.replenishment_decided']);
    const again = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/${s.id}/dismiss`,
      headers: supply.bearer,
      payload: { reason: '已向厂家下单' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'accepted' } },
    });
  });

  it("dismisses with a reason; another dealer's suggestion is not found", async () => {
    await units(8, 'tesla', 'delivered', 2); // 9 sold at 金桥: ceil(0.3 x 14) + 2 = 7 > 5 available
    expect(await computeSuggestions(t.database.db, systemMutation(NOW))).toMatchObject({ opened: 2 });
    const [s] = (await suggestionsOf('sto_sh_tesla_jinqiao')).filter((r) => r.status === 'open');
    if (!s) throw new Error('no suggestion');
    expect(s.suggestedQuantity).toBe(2);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/${s.id}/dismiss`,
      headers: bydStaff.bearer,
      payload: { reason: '不需要' },
    });
    expect(foreign.json()).toMatchObject({ error: { code: 'SUGGESTION_NOT_FOUND' } });
    const ok = await t.app.inject({
      method: 'POST',
      url: `${API}/suggestions/${s.id}/dismiss`,
      headers: supply.bearer,
      payload: { reason: '双十一后需求回落，暂不补货' },
    });
    expect(ok.json()).toMatchObject({ status: 'dismissed', dismissReason: '双十一后需求回落，暂不补货' });
  });
});
