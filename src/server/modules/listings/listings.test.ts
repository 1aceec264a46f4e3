import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { delistListing } from './index.js';
import type { TListing } from './listings.contract.js';
import { listings, usedVehicles } from './listings.schema.js';
import { insertDefaultAdLawTerms, reportWith } from './listings.testing.js';
import { withCheckDigit } from './vin.js';

let t: TestApp;
let operator: TestStaff;
let compliance: TestStaff;
let bydStaff: TestStaff;
let teslaStaff: TestStaff;
let trimIds: { bydHan: string; teslaModel3: string };
let bydStore: string;
let teslaStore: string;
let vinCounter = 100000;

const BASE = '/api/v1/catalog';
const DESCRIPTION = '经销商现车，支持试驾，可协助办理贷款与上牌。';

function nextVin(): string {
  vinCounter += 1;
  return withCheckDigit(`LGXCE4CB0R0${vinCounter}`);
}

async function api(
  who: TestStaff | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url: `${BASE}${url}`,
    headers: who ? who.bearer : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

async function row(id: string) {
  const [r] = await t.database.db.select().from(listings).where(eq(listings.id, id));
  return r;
}

async function countWhere(table: typeof auditLog | typeof outboxEvents, id: string): Promise<number> {
  const cond = table === auditLog ? eq(auditLog.entityId, id) : eq(outboxEvents.aggregateId, id);
  const [r] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(cond);
  return r?.n ?? 0;
}

async function createNew(who: TestStaff, overrides: Record<string, unknown> = {}): Promise<TListing> {
  const res = await api(who, 'POST', '/listings', {
    kind: 'new',
    trimId: trimIds.bydHan,
    dealerId: 'dlr_demo_bj_byd',
    storeId: bydStore,
    title: '2025款 比亚迪汉 EV 冠军版 605KM 尊贵型 现车',
    description: DESCRIPTION,
    priceFen: 19_980_000,
    exteriorColour: '时空灰',
    interiorColour: '黑色',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TListing;
}

async function createUsed(who: TestStaff, used: Record<string, unknown> = {}): Promise<TListing> {
  const res = await api(who, 'POST', '/listings', {
    kind: 'used',
    trimId: trimIds.bydHan,
    dealerId: 'dlr_demo_bj_byd',
    cityCode: '110100',
    title: '2023款 比亚迪汉 EV 冠军版 605KM 尊贵型 | 1.8万公里 | 一手车',
    description: '个人一手车，4S 店按时保养，电池健康度 96%。',
    priceFen: 15_880_000,
    used: {
      vin: nextVin(),
      firstRegistrationDate: '2023-05-12',
      mileageKm: 18_000,
      ownersCount: 1,
      transferCount: 0,
      accidentHistory: false,
      floodHistory: false,
      fireHistory: false,
      ...used,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TListing;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const step of dealersModule.seed) await step.run(t.ctx);
  trimIds = await insertTestTrims(t.database.db);
  await insertDefaultAdLawTerms(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  compliance = await createTestStaff(t.ctx, { roles: ['compliance'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  teslaStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
  const stores = async (dealerId: string) =>
    (
      (await t.app.inject({ method: 'GET', url: `/api/v1/dealers/stores?dealerId=${dealerId}` })).json() as {
        items: { id: string }[];
      }
    ).items;
  bydStore = (await stores('dlr_demo_bj_byd'))[0]?.id ?? '';
  teslaStore = (await stores('dlr_demo_sh_tesla'))[0]?.id ?? '';
});
afterAll(async () => {
  await t.close();
});

describe('creating listings', () => {
  it('creates a new-car draft with the discount off the guide price and the store’s city', async () => {
    const l = await createNew(operator);
    expect(l).toMatchObject({ status: 'draft', discountFen: 1_000_000, cityCode: '110100', version: 1 });
    expect(l.inventoryRef).toBeNull();
    expect(await row(l.id)).toMatchObject({
      status: 'draft',
      priceFen: 19_980_000,
      dealerId: 'dlr_demo_bj_byd',
    });
  });

  it('writes the audit row and the catalog.listing_changed event with the new listing', async () => {
    const l = await createNew(operator);
    const [evt] = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, l.id))
      .orderBy(outboxEvents.id);
    expect(evt).toMatchObject({
      type: 'catalog.listing_changed',
      payload: { listingId: l.id, status: 'draft' },
    });
    expect(await countWhere(auditLog, l.id)).toBe(1);
  });

  it('refuses a colour the trim does not offer', async () => {
    const res = await api(operator, 'POST', '/listings', {
      kind: 'new',
      trimId: trimIds.bydHan,
      dealerId: 'dlr_demo_bj_byd',
      storeId: bydStore,
      title: '汉 EV 现车',
      priceFen: 19_980_000,
      exteriorColour: '荧光绿',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('LISTING_COLOUR_INVALID');
  });

  it('refuses a store of another dealer', async () => {
    const res = await api(operator, 'POST', '/listings', {
      kind: 'new',
      trimId: trimIds.bydHan,
      dealerId: 'dlr_demo_bj_byd',
      storeId: teslaStore,
      title: '汉 EV 现车',
      priceFen: 19_980_000,
    });
    expect(res.json().error.code).toBe('LISTING_STORE_INVALID');
  });

  it('refuses a used car with a wrong VIN check digit and writes nothing', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(listings);
    const res = await api(operator, 'POST', '/listings', {
      kind: 'used',
      trimId: trimIds.bydHan,
      dealerId: 'dlr_demo_bj_byd',
      cityCode: '110100',
      title: '2023款 汉 EV 一手车',
      priceFen: 15_000_000,
      used: {
        vin: '1M8GDM9A1KP042788',
        firstRegistrationDate: '2023-05-12',
        mileageKm: 18_000,
        ownersCount: 1,
        transferCount: 0,
        accidentHistory: false,
        floodHistory: false,
        fireHistory: false,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'VIN_INVALID',
      message: 'VIN 码无效：第 9 位校验码不正确',
      details: { problem: 'check_digit', fields: [{ path: 'body.used.vin' }] },
    });
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(listings);
    expect(after).toEqual(before);
  });

  it('requires the accident, flood and fire disclosures to be answered', async () => {
    const res = await api(operator, 'POST', '/listings', {
      kind: 'used',
      trimId: trimIds.bydHan,
      dealerId: 'dlr_demo_bj_byd',
      cityCode: '110100',
      title: '2023款 汉 EV 一手车',
      priceFen: 15_000_000,
      used: {
        vin: nextVin(),
        firstRegistrationDate: '2023-05-12',
        mileageKm: 1,
        ownersCount: 1,
        transferCount: 0,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('rolls back the listing, its audit row and its event when the VIN is already on the platform', async () => {
    const first = await createUsed(operator);
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(listings);
    const auditBefore = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const outboxBefore = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents);
    const res = await api(operator, 'POST', '/listings', {
      kind: 'used',
      trimId: trimIds.bydHan,
      dealerId: 'dlr_demo_bj_byd',
      cityCode: '110100',
      title: '2023款 汉 EV 一手车',
      priceFen: 15_000_000,
      used: { ...first.used, disclosureNote: null },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('VIN_TAKEN');
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(listings)).toEqual(before);
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog)).toEqual(auditBefore);
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents)).toEqual(
      outboxBefore,
    );
  });
});

describe('review lifecycle', () => {
  it('goes draft -> in_review -> listed -> delisted -> in_review, with an audit row and an event per step', async () => {
    const l = await createNew(operator);
    for (const [who, action, status] of [
      [operator, 'submit', 'in_review'],
      [compliance, 'approve', 'listed'],
      [operator, 'delist', 'delisted'],
      [operator, 'relist', 'in_review'],
    ] as const) {
      const res = await api(who, 'POST', `/listings/${l.id}/${action}`, {});
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      expect((await row(l.id))?.status).toBe(status);
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, `catalog.listing.${action}`)));
      expect(audit).toBeDefined();
    }
    expect(await countWhere(auditLog, l.id)).toBe(5);
    expect(await countWhere(outboxEvents, l.id)).toBe(5);
    expect((await row(l.id))?.listedAt).not.toBeNull();
  });

  it('changes the price of a car on sale without a new review, only while listed and only its own dealer’s', async () => {
    const l = await createNew(bydStaff);
    expect(
      (await api(bydStaff, 'POST', `/listings/${l.id}/price`, { priceFen: 20_000_000, version: 1 }))
        .statusCode,
    ).toBe(409); // a draft is edited, not repriced
    await api(bydStaff, 'POST', `/listings/${l.id}/submit`, {});
    await api(compliance, 'POST', `/listings/${l.id}/approve`, {});
    const listed = await row(l.id);
    if (!listed) throw new Error('no listing');
    const outboxBefore = await countWhere(outboxEvents, l.id);
    const denied = await api(teslaStaff, 'POST', `/listings/${l.id}/price`, {
      priceFen: listed.priceFen - 100_000,
      version: listed.version,
    });
    expect(denied.statusCode).toBe(404);
    const stale = await api(bydStaff, 'POST', `/listings/${l.id}/price`, {
      priceFen: listed.priceFen - 100_000,
      version: listed.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    const bad = await api(bydStaff, 'POST', `/listings/${l.id}/price`, {
      priceFen: -5,
      version: listed.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(await row(l.id)).toEqual(listed);

    const res = await api(bydStaff, 'POST', `/listings/${l.id}/price`, {
      priceFen: listed.priceFen - 100_000,
      version: listed.version,
      reason: '月底促销',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'listed', priceFen: listed.priceFen - 100_000 });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, 'catalog.listing.change_price')));
    expect(audit?.after).toMatchObject({ priceFen: listed.priceFen - 100_000, reason: '月底促销' });
    expect(await countWhere(outboxEvents, l.id)).toBe(outboxBefore + 1);
  });

  it('goes in_review -> rejected with the reason, and an edit turns it back into a draft', async () => {
    const l = await createNew(operator);
    await api(operator, 'POST', `/listings/${l.id}/submit`);
    const rej = await api(compliance, 'POST', `/listings/${l.id}/reject`, { reason: '价格与实际不符' });
    expect(rej.statusCode).toBe(200);
    expect(await row(l.id)).toMatchObject({ status: 'rejected', reviewNote: '价格与实际不符' });
    const current = await row(l.id);
    const edit = await api(operator, 'PATCH', `/listings/${l.id}`, {
      version: current?.version,
      priceFen: 20_180_000,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await row(l.id)).toMatchObject({ status: 'draft', priceFen: 20_180_000 });
    expect((await api(operator, 'POST', `/listings/${l.id}/submit`)).statusCode).toBe(200);
  });

  it.each(['approve', 'delist', 'relist', 'reject'] as const)(
    'answers %s on a draft listing with 409 INVALID_TRANSITION and changes nothing',
    async (action) => {
      const l = await createNew(operator);
      const who = action === 'approve' || action === 'reject' ? compliance : operator;
      const res = await api(
        who,
        'POST',
        `/listings/${l.id}/${action}`,
        action === 'reject' ? { reason: '不合规' } : {},
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { from: 'draft', action },
      });
      expect(await row(l.id)).toMatchObject({ status: 'draft', version: 1 });
      expect(await countWhere(auditLog, l.id)).toBe(1);
    },
  );

  it('refuses to submit twice and to edit a listing that is in review', async () => {
    const l = await createNew(operator);
    await api(operator, 'POST', `/listings/${l.id}/submit`);
    expect((await api(operator, 'POST', `/listings/${l.id}/submit`)).statusCode).toBe(409);
    const edit = await api(operator, 'PATCH', `/listings/${l.id}`, { version: 2, priceFen: 1_000_000 });
    expect(edit.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { action: 'edit' } });
  });

  it('refuses an edit with a stale version', async () => {
    const l = await createNew(operator);
    await api(operator, 'PATCH', `/listings/${l.id}`, { version: 1, priceFen: 19_880_000 });
    const stale = await api(operator, 'PATCH', `/listings/${l.id}`, { version: 1, priceFen: 19_780_000 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect((await row(l.id))?.priceFen).toBe(19_880_000);
  });

  it('refuses to submit a listing whose mandatory fields are missing', async () => {
    const l = await createNew(operator, { description: '', exteriorColour: null });
    const res = await api(operator, 'POST', `/listings/${l.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'LISTING_INCOMPLETE',
      message: '提交审核前请补全：描述、外观颜色',
      details: {
        missing: '描述、外观颜色',
        fields: [
          { path: 'body.description', message: '描述至少 10 个字' },
          { path: 'body.exteriorColour', message: '请填写外观颜色' },
        ],
      },
    });
    expect((await row(l.id))?.status).toBe('draft');
  });

  it('names the missing fields by their English labels on an English request', async () => {
    const l = await createNew(operator, { description: '', exteriorColour: null });
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/listings/${l.id}/submit`,
      headers: { ...operator.bearer, 'accept-language': 'en' },
    });
    expect(res.json().error).toMatchObject({
      message: 'Complete these before submitting: Description, Exterior colour',
      details: {
        fields: [
          { message: 'Description needs at least 10 characters' },
          { message: 'Exterior colour is required' },
        ],
      },
    });
  });

  it('refuses to submit a used car without an inspection report', async () => {
    const l = await createUsed(operator);
    const res = await api(operator, 'POST', `/listings/${l.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INSPECTION_REPORT_REQUIRED');
    expect((await row(l.id))?.status).toBe('draft');
  });

  it('lists the waiting listings in the review queue, oldest first', async () => {
    const res = await api(compliance, 'GET', '/review/queue?limit=100');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: TListing[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.status === 'in_review')).toBe(true);
  });

  it('lets the inventory module delist a listed listing inside its own transaction', async () => {
    const l = await createNew(operator);
    expect((await api(operator, 'POST', `/listings/${l.id}/submit`)).statusCode).toBe(200);
    const approved = await api(compliance, 'POST', `/listings/${l.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    await withTransaction(t.database.db, (tx) =>
      delistListing(tx, l.id, 'no_stock', systemMutation(t.clock.now())),
    );
    expect((await row(l.id))?.status).toBe('delisted');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, 'catalog.listing.delist')));
    expect(audit?.actorKind).toBe('system');
  });
});

describe('ad-law wording', () => {
  it('stores each hit with its term and position at submission', async () => {
    const l = await createNew(operator, {
      title: '全网最低价 比亚迪汉 EV 现车',
      description: '本市第一家授权店，手续齐全可试驾。',
    });
    await api(operator, 'POST', `/listings/${l.id}/submit`);
    const flags = (await row(l.id))?.reviewFlags;
    expect(flags).toEqual([
      { term: '全网最低', severity: 'block', field: 'title', position: 0, length: 4 },
      { term: '最', severity: 'block', field: 'title', position: 2, length: 1 },
      { term: '第一', severity: 'block', field: 'description', position: 2, length: 2 },
    ]);
  });

  it('does not let a reviewer approve a listing with a blocking term, only reject it', async () => {
    const l = await createNew(operator, { title: '顶级配置 比亚迪汉 EV 现车' });
    await api(operator, 'POST', `/listings/${l.id}/submit`);
    const res = await api(compliance, 'POST', `/listings/${l.id}/approve`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LISTING_HAS_BLOCKING_TERMS');
    expect((await row(l.id))?.status).toBe('in_review');
    expect(
      (await api(compliance, 'POST', `/listings/${l.id}/reject`, { reason: '含绝对化用语' })).statusCode,
    ).toBe(200);
  });

  it('uses the term list as data: a term added by compliance is flagged on the next submission', async () => {
    const add = await api(compliance, 'POST', '/ad-law-terms', {
      term: '秒杀全城',
      severity: 'block',
      note: '夸大',
    });
    expect(add.statusCode).toBe(201);
    const l = await createNew(operator, { title: '秒杀全城 比亚迪汉 EV 现车' });
    await api(operator, 'POST', `/listings/${l.id}/submit`);
    expect((await row(l.id))?.reviewFlags).toEqual([
      { term: '秒杀全城', severity: 'block', field: 'title', position: 0, length: 4 },
    ]);
    expect((await api(compliance, 'POST', '/ad-law-terms', { term: '秒杀全城' })).statusCode).toBe(409);
  });
});

describe('inspection reports', () => {
  it('computes section scores, total and grade and sets the unit’s condition grade', async () => {
    const l = await createUsed(operator);
    const res = await api(
      operator,
      'PUT',
      `/used/${l.id}/inspection`,
      reportWith({
        B01: { result: 'minor', deduction: 1.5, note: '轻微划痕' },
        C04: { result: 'moderate', deduction: 3 },
        D04: { result: 'severe', deduction: 6 },
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.sections).toContainEqual({ section: 'body_exterior', max: 20, score: 18.5 });
    expect(report.sections).toContainEqual({ section: 'road_test', max: 15, score: 9 });
    expect(report.totalScore).toBe(89.5);
    expect(report.grade).toBe(2);
    const [u] = await t.database.db.select().from(usedVehicles).where(eq(usedVehicles.listingId, l.id));
    expect(u).toMatchObject({ conditionGrade: 2, accidentHistory: false });
  });

  it('makes a red-line hit a grade-5 accident car with the accident and flood flags set', async () => {
    const l = await createUsed(operator);
    const res = await api(
      operator,
      'PUT',
      `/used/${l.id}/inspection`,
      reportWith({ R08: { result: 'redline' } }),
    );
    expect(res.json()).toMatchObject({ grade: 5, disclosures: { accident: true, flood: true, fire: false } });
    const [u] = await t.database.db.select().from(usedVehicles).where(eq(usedVehicles.listingId, l.id));
    expect(u).toMatchObject({ conditionGrade: 5, accidentHistory: true, floodHistory: true });
  });

  it('refuses to submit an accident car whose accident disclosure was switched off again', async () => {
    const l = await createUsed(operator);
    await api(operator, 'PUT', `/used/${l.id}/inspection`, reportWith({ R04: { result: 'redline' } }));
    const current = await row(l.id);
    const used = { ...l.used, accidentHistory: false };
    const patch = await api(operator, 'PATCH', `/listings/${l.id}`, { version: current?.version, used });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await api(operator, 'POST', `/listings/${l.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('DISCLOSURE_INCONSISTENT');
  });

  it('refuses a report with a section missing or a deduction on an OK item', async () => {
    const l = await createUsed(operator);
    const missing = reportWith();
    missing.items = missing.items.filter((i) => i.section !== 'chassis');
    expect((await api(operator, 'PUT', `/used/${l.id}/inspection`, missing)).json().error.code).toBe(
      'INSPECTION_INVALID',
    );
    const okWithDeduction = reportWith();
    const first = okWithDeduction.items[0];
    if (first) first.deduction = 2;
    expect((await api(operator, 'PUT', `/used/${l.id}/inspection`, okWithDeduction)).json().error.code).toBe(
      'INSPECTION_INVALID',
    );
  });

  it('shows the public report only once listed, findings first by severity, OK checks collapsed', async () => {
    const l = await createUsed(operator, { accidentHistory: true, disclosureNote: '2024年右后门钣金修复' });
    await api(
      operator,
      'PUT',
      `/used/${l.id}/inspection`,
      reportWith({ B07: { result: 'minor', deduction: 1 }, H04: { result: 'severe', deduction: 5 } }),
    );
    expect((await api(null, 'GET', `/used/${l.id}/inspection`)).statusCode).toBe(404);
    expect((await api(operator, 'POST', `/listings/${l.id}/submit`)).statusCode).toBe(200);
    expect((await api(compliance, 'POST', `/listings/${l.id}/approve`, {})).statusCode).toBe(200);
    const res = await api(null, 'GET', `/used/${l.id}/inspection`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.findings.map((f: { code: string }) => f.code)).toEqual(['H04', 'B07']);
    expect(body.findings[0].photoUrls[0]).toMatch(/H04/);
    expect(body.okBySection.find((s: { section: string }) => s.section === 'chassis').count).toBe(3);
    expect(body.disclosures.accident).toBe(true);
  });
});

describe('dealer scoping', () => {
  it('shows dealer staff only their own dealer’s listings', async () => {
    await createNew(bydStaff);
    const res = await api(bydStaff, 'GET', '/listings?limit=100');
    const items = (res.json() as { items: TListing[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.dealerId === 'dlr_demo_bj_byd')).toBe(true);
    expect((await api(bydStaff, 'GET', '/listings?dealerId=dlr_demo_sh_tesla')).statusCode).toBe(403);
  });

  it('creates a dealer’s listing for its own dealer without naming it', async () => {
    const res = await api(teslaStaff, 'POST', '/listings', {
      kind: 'new',
      trimId: trimIds.teslaModel3,
      storeId: teslaStore,
      title: '2024款 Model 3 后轮驱动版 现车',
      description: DESCRIPTION,
      priceFen: 23_190_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().dealerId).toBe('dlr_demo_sh_tesla');
  });

  it('does not let dealer A read, edit, submit or report on dealer B’s listing, and changes nothing', async () => {
    const l = await createNew(bydStaff);
    const used = await createUsed(operator);
    const before = await row(l.id);
    expect((await api(teslaStaff, 'GET', `/listings/${l.id}`)).statusCode).toBe(404);
    expect(
      (await api(teslaStaff, 'PATCH', `/listings/${l.id}`, { version: 1, priceFen: 100_000 })).statusCode,
    ).toBe(404);
    expect((await api(teslaStaff, 'POST', `/listings/${l.id}/submit`)).statusCode).toBe(404);
    expect((await api(teslaStaff, 'PUT', `/used/${used.id}/inspection`, reportWith())).statusCode).toBe(404);
    expect(await row(l.id)).toEqual(before);
    expect(await countWhere(auditLog, l.id)).toBe(1);
    expect(await countWhere(auditLog, used.id)).toBe(1);
  });

  it('does not let dealer staff create a listing for another dealer', async () => {
    const res = await api(bydStaff, 'POST', '/listings', {
      kind: 'new',
      trimId: trimIds.teslaModel3,
      dealerId: 'dlr_demo_sh_tesla',
      storeId: teslaStore,
      title: '2024款 Model 3 后轮驱动版',
      priceFen: 23_190_000,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('demo defect photos', () => {
  it('serves an SVG for a check item code and refuses anything else', async () => {
    const ok = await t.app.inject({ url: `${BASE}/inspections/photos/H04.svg` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('image/svg+xml');
    expect(ok.body).toContain('底盘剐蹭与锈蚀');
    expect((await t.app.inject({ url: `${BASE}/inspections/photos/..%2Fetc.svg` })).statusCode).toBe(400);
  });
});

describe('validation messages people can read', () => {
  const bad = {
    kind: 'used',
    trimId: 'trm_x',
    cityCode: '1',
    title: 'ab',
    priceFen: -5,
    used: { firstRegistrationDate: '12/05/2023', mileageKm: 1, ownersCount: 1, transferCount: 0 },
  };
  const send = (lang: string) =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/listings`,
      headers: { ...operator.bearer, 'accept-language': lang },
      payload: bad,
    });
  const messages = (res: {
    json(): { error: { details: { fields: { path: string; message: string }[] } } };
  }) => Object.fromEntries(res.json().error.details.fields.map((f) => [f.path, f.message]));

  it('names each field by its Chinese label and says the rule in words', async () => {
    const res = await send('zh-CN,zh;q=0.9');
    expect(res.statusCode).toBe(400);
    const m = messages(res);
    expect(m['body.title']).toBe('标题至少 4 个字');
    expect(m['body.priceFen']).toBe('售价须大于 0');
    expect(m['body.cityCode']).toBe('城市格式不正确');
    expect(m['body.used.vin']).toBe('请填写VIN 码');
    expect(m['body.used.firstRegistrationDate']).toBe('首次上牌日期格式不正确（应为 YYYY-MM-DD）');
    expect(m['body.used.accidentHistory']).toBe('请选择事故历史');
    for (const text of Object.values(m)) {
      expect(text).not.toMatch(/[/^$]|Invalid|expected|undefined/);
    }
  });

  it('says the same in English on an English request', async () => {
    const m = messages(await send('en-US,en;q=0.9'));
    expect(m['body.title']).toBe('Title needs at least 4 characters');
    expect(m['body.priceFen']).toBe('Price must be more than 0');
    expect(m['body.used.vin']).toBe('VIN is required');
    expect(m['body.used.accidentHistory']).toBe('Choose an answer for Accident history');
  });
});
