import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { listingValuationTable, valuationOverrideTable } from './pricing.schema.js';
import { refreshAllListingValuations } from './pricing.valuation-board.js';

let t: TestApp;
let operator: TestStaff;
let finance: TestStaff;
let marketing: TestStaff;
let used: TestListing[];

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  const market = await insertSearchFixture(t.database.db, 24);
  used = market.filter((l) => l.kind === 'used' && l.status === 'listed');
  await refreshAllListingValuations(t.ctx, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

function listing(i: number): TestListing {
  const l = used[i];
  if (!l) throw new Error('the fixture has too few used listings');
  return l;
}

function publicValuation(id: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/pricing/listings/${id}/valuation` });
}

function setOverride(id: string, payload: Record<string, unknown>, staff = operator, lang = 'zh-CN') {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/pricing/valuations/${id}/override`,
    headers: { ...staff.bearer, 'accept-language': lang },
    payload,
  });
}

function clearOverride(id: string, payload: Record<string, unknown>, staff = operator) {
  return t.app.inject({
    method: 'DELETE',
    url: `/api/v1/pricing/valuations/${id}/override`,
    headers: staff.bearer,
    payload,
  });
}

async function events(type: string, listingId: string) {
  return t.database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.type, type), eq(outboxEvents.aggregateId, listingId)))
    .orderBy(outboxEvents.id);
}

describe('valuation overrides', () => {
  it('an override replaces the value and the flag buyers see, beside the computed value and the reason', async () => {
    const l = listing(0);
    const before = (await publicValuation(l.id)).json();
    expect(before.override).toBeNull();
    expect(before.computedValueFen).toBe(before.valueFen);
    // Half the asking price makes the car look over-priced.
    const valueFen = Math.round(l.priceFen / 2 / 100) * 100;
    const reason = '检测报告漏记：发动机大修过，按同城成交价调整';
    const res = await setOverride(l.id, { valueFen, reason });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valueFen,
      computedFen: before.computedValueFen,
      overridden: true,
      flag: 'over',
      activeOverride: { valueFen, reason, setBy: operator.accountId, clearedAt: null },
    });

    expect(res.json().activeOverride.setByName).toEqual(expect.any(String));
    const after = (await publicValuation(l.id)).json();
    expect(after).toMatchObject({
      valueFen,
      computedValueFen: before.computedValueFen,
      pricing: 'over',
      override: { valueFen, reason },
    });
    // The factor steps still explain the computed value.
    expect(after.steps.reduce((s: number, x: { effectFen: number }) => s + x.effectFen, 0)).toBe(
      before.computedValueFen,
    );

    const [row] = await t.database.db
      .select()
      .from(listingValuationTable)
      .where(eq(listingValuationTable.listingId, l.id));
    expect(row).toMatchObject({ overrideFen: valueFen, valueFen, flag: 'over' });

    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, l.id));
    expect(audits.map((a) => a.action)).toEqual(['pricing.valuation_override.set']);
    expect(audits[0]?.actorId).toBe(operator.accountId);
    const published = await events('pricing.valuation_overridden', l.id);
    expect(published).toHaveLength(1);
    expect(published[0]?.payload).toMatchObject({ listingId: l.id, valueFen, flag: 'over' });
  });

  it('keeps every override as history; the same PUT again changes nothing', async () => {
    const l = listing(1);
    const first = { valueFen: l.priceFen, reason: '同城三家车商报价均在此价位' };
    expect((await setOverride(l.id, first)).statusCode).toBe(200);
    const again = await setOverride(l.id, first);
    expect(again.statusCode).toBe(200);
    expect(again.json().overrides).toHaveLength(1);

    const second = { valueFen: l.priceFen - 500_000, reason: '复检发现底盘有轻微剐蹭' };
    const res = await setOverride(l.id, second);
    const history = res.json().overrides;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ ...second, clearedAt: null });
    expect(history[1]).toMatchObject({ ...first, clearedBy: operator.accountId, clearReason: second.reason });
    expect(history[1].clearedAt).not.toBeNull();
    expect(res.json().flag).toBe('fair');
    const rows = await t.database.db
      .select()
      .from(valuationOverrideTable)
      .where(eq(valuationOverrideTable.listingId, l.id));
    expect(rows).toHaveLength(2);
    expect(await events('pricing.valuation_overridden', l.id)).toHaveLength(2);
  });

  it('clearing returns to the computed value and flag, audited; clearing again changes nothing', async () => {
    const l = listing(2);
    const computed = (await publicValuation(l.id)).json();
    await setOverride(l.id, { valueFen: Math.round(l.priceFen * 1.3), reason: '稀有配置，市场溢价明显' });
    expect((await publicValuation(l.id)).json().pricing).toBe('under');

    const res = await clearOverride(l.id, { reason: '溢价判断有误，恢复系统估值' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      overridden: false,
      valueFen: computed.computedValueFen,
      flag: computed.pricing,
      activeOverride: null,
    });
    expect(res.json().overrides[0]).toMatchObject({
      clearedBy: operator.accountId,
      clearReason: '溢价判断有误，恢复系统估值',
    });
    const after = (await publicValuation(l.id)).json();
    expect(after).toMatchObject({
      override: null,
      valueFen: computed.computedValueFen,
      pricing: computed.pricing,
    });

    const again = await clearOverride(l.id, { reason: '重复提交的清除请求' });
    expect(again.statusCode).toBe(200);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, l.id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'pricing.valuation_override.clear',
      'pricing.valuation_override.set',
    ]);
    expect(await events('pricing.valuation_override_cleared', l.id)).toHaveLength(1);
  });

  it('requires a reason: 400 naming the field, in the request language', async () => {
    const l = listing(3);
    const missing = await setOverride(l.id, { valueFen: l.priceFen });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const field = missing.json().error.details.fields.find((f: { path: string }) => f.path === 'body.reason');
    expect(field.message).toMatch(/原因/);

    const short = await setOverride(l.id, { valueFen: l.priceFen, reason: '  太贵 ' }, operator, 'en');
    expect(short.statusCode).toBe(400);
    const enField = short.json().error.details.fields.find((f: { path: string }) => f.path === 'body.reason');
    expect(enField.message).toMatch(/Reason/);
    expect(enField.message).not.toMatch(/[\u4e00-\u9fff]/);

    const noReasonClear = await clearOverride(l.id, {});
    expect(noReasonClear.statusCode).toBe(400);
    const stored = await t.database.db
      .select()
      .from(valuationOverrideTable)
      .where(eq(valuationOverrideTable.listingId, l.id));
    expect(stored).toHaveLength(0);
  });

  it('refuses an override far from the new price as a likely typo', async () => {
    const l = listing(3);
    const res = await setOverride(l.id, { valueFen: l.priceFen * 100, reason: '多输了两个零的测试' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PRICING_OVERRIDE_OUT_OF_RANGE');
  });

  it('answers 403 without the permission: finance may read but not override, marketing neither', async () => {
    const l = listing(3);
    const payload = { valueFen: l.priceFen, reason: '没有权限的人也想改估值' };
    expect((await setOverride(l.id, payload, finance)).statusCode).toBe(403);
    expect((await clearOverride(l.id, { reason: '没有权限的清除请求' }, finance)).statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pricing/valuations/${l.id}`,
      headers: finance.bearer,
    });
    expect(read.statusCode).toBe(200);
    for (const url of ['/api/v1/pricing/valuations', `/api/v1/pricing/valuations/${l.id}`]) {
      const denied = await t.app.inject({ method: 'GET', url, headers: marketing.bearer });
      expect(denied.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pricing/valuations' })).statusCode).toBe(401);
  });

  it('answers 404 for a listing that is not a public used car', async () => {
    const res = await setOverride('lst_nope', { valueFen: 10_000_000, reason: '不存在的车源测试' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PRICING_LISTING_NOT_FOUND');
  });
});
