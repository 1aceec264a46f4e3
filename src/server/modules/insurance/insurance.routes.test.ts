import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { insertSearchFixture, type TestListing } from '../search/search.testing.js';
import { getInsuranceChoice } from './insurance.quotes.js';
import { choiceTable, insurerTable, planTable, quoteTable } from './insurance.schema.js';
import { insertTestInsurers, useTestInsurers } from './insurance.testing.js';

let t: TestApp;
let finance: TestStaff;
let operator: TestStaff;
let marketing: TestStaff;
let buyer: Awaited<ReturnType<typeof createTestBuyer>>;
let other: Awaited<ReturnType<typeof createTestBuyer>>;
let market: TestListing[];

beforeAll(async () => {
  t = await createTestApp();
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  buyer = await createTestBuyer(t.ctx, '13812345678');
  other = await createTestBuyer(t.ctx, '13987654321');
  market = await insertSearchFixture(t.database.db, 8);
  await insertTestInsurers(t.database.db);
  useTestInsurers(t.ctx);
});
afterAll(async () => {
  await t.close();
});

const petrol = { priceFen: 15_000_000, energy: 'petrol', seats: 5, cityCode: '110100' };

function quote(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/insurance/quotes', headers, payload });
}
function choose(payload: Record<string, unknown>, headers: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/insurance/choices', headers, payload });
}

interface PlanJson {
  insurerCode: string;
  status: string;
  totalFen: number | null;
  cheapest: boolean;
  sandbox: boolean;
  lines: { code: string; premiumFen: number }[];
}

describe('POST /api/v1/insurance/quotes', () => {
  it('answers plans from every active insurer, cheapest marked, and stores the quote with its event', async () => {
    const res = await quote({ vehicle: petrol, coverages: { thirdPartyAmountYuan: 2_000_000 } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const plans = body.plans as PlanJson[];
    expect(plans.map((p) => [p.insurerCode, p.totalFen, p.cheapest])).toEqual([
      ['picc', 428_814, true],
      ['pingan', 430_494, false],
      ['cpic', 435_805, false],
      ['chinalife', 447_620, false],
    ]);
    expect(plans.every((p) => p.status === 'quoted' && p.sandbox)).toBe(true);
    expect(body.coverages).toEqual({
      vehicleDamage: true,
      thirdPartyAmountYuan: 2_000_000,
      driverSeatYuan: 10_000,
      passengerSeatYuan: 10_000,
      nevCharging: true,
    });
    const [row] = await t.database.db.select().from(quoteTable).where(eq(quoteTable.id, body.id));
    expect(row).toMatchObject({
      valueFen: 15_000_000,
      energy: 'petrol',
      seats: 5,
      used: false,
      buyerId: null,
    });
    const stored = await t.database.db.select().from(planTable).where(eq(planTable.quoteId, body.id));
    expect(stored).toHaveLength(4);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, body.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['insurance.quote_created', { quoteId: body.id, listingId: null, quoted: 4, missing: 0 }],
    ]);
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/insurance/quotes/${body.id}` });
    expect(again.json()).toEqual(body);
  });

  it('quotes a listed car from its listing: price, trim energy and seats, the used unit’s registration year', async () => {
    const used = market.find((l) => l.kind === 'used' && l.status === 'listed');
    if (!used) throw new Error('fixture has no listed used car');
    const res = await quote({ listingId: used.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().vehicle).toEqual({
      valueFen: used.priceFen,
      energy: used.energy,
      seats: used.seats,
      cityCode: used.cityCode,
      used: true,
      firstRegistrationYear: Number(used.firstRegistrationDate?.slice(0, 4)),
      accidentFreeYears: 0,
    });
    expect(res.json().listingId).toBe(used.id);
  });

  it('refuses a listing that is not on sale, and a body with both or neither of listingId and vehicle', async () => {
    const draft = market.find((l) => l.status === 'draft');
    expect((await quote({ listingId: draft?.id ?? 'lst_none' })).json()).toMatchObject({
      error: { code: 'INSURANCE_LISTING_NOT_FOUND' },
    });
    const both = await quote({ listingId: market[0]?.id, vehicle: petrol });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await quote({})).statusCode).toBe(400);
    const badAmount = await quote({ vehicle: petrol, coverages: { thirdPartyAmountYuan: 1_234 } });
    expect(badAmount.statusCode).toBe(400);
  });

  it('keeps the plans of the insurers that answered and marks a failed and a silent one', async () => {
    useTestInsurers(t.ctx, { failing: ['pingan'], silent: ['cpic'], timeoutMs: 50 });
    try {
      const res = await quote({ vehicle: petrol });
      expect(res.statusCode).toBe(201);
      const plans = res.json().plans as PlanJson[];
      expect(plans.map((p) => [p.insurerCode, p.status, p.totalFen])).toEqual([
        ['picc', 'quoted', 428_814],
        ['pingan', 'failed', null],
        ['cpic', 'timeout', null],
        ['chinalife', 'quoted', 447_620],
      ]);
      const [failed] = await t.database.db
        .select()
        .from(planTable)
        .where(and(eq(planTable.quoteId, res.json().id), eq(planTable.insurerCode, 'pingan')));
      expect(failed?.failureReason).toBe('test: refused');
    } finally {
      useTestInsurers(t.ctx);
    }
  });

  it('answers 503 INSURANCE_NO_PLAN and stores nothing when no insurer answers', async () => {
    useTestInsurers(t.ctx, { failing: ['picc', 'pingan', 'cpic', 'chinalife'] });
    try {
      const before = await t.database.db.select().from(quoteTable);
      const res = await quote({ vehicle: petrol }, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'INSURANCE_NO_PLAN' } });
      expect(await t.database.db.select().from(quoteTable)).toHaveLength(before.length);
    } finally {
      useTestInsurers(t.ctx);
    }
  });

  it('shows a signed-in buyer’s quote to that buyer only', async () => {
    const mine = await quote({ vehicle: petrol }, buyer.bearer);
    expect(mine.statusCode).toBe(201);
    const id = mine.json().id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/insurance/quotes/${id}`, headers: buyer.bearer }))
        .statusCode,
    ).toBe(200);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/insurance/quotes/${id}`,
      headers: other.bearer,
    });
    expect(theirs.json()).toMatchObject({ error: { code: 'INSURANCE_QUOTE_NOT_FOUND' } });
  });
});

describe('POST /api/v1/insurance/choices', () => {
  it('stores the pick with the plan’s coverages, lines and total, its audit row and event; the same pick again answers the first', async () => {
    const q = (await quote({ vehicle: { ...petrol, energy: 'bev', priceFen: 30_000_000 } })).json();
    const res = await choose({ quoteId: q.id, insurerCode: 'pingan' }, buyer.bearer);
    expect(res.statusCode).toBe(201);
    const choice = res.json();
    expect(choice).toMatchObject({
      buyerId: buyer.id,
      quoteId: q.id,
      insurerCode: 'pingan',
      insurerNameZh: '平安产险',
      totalFen: 679_942,
      sandbox: true,
    });
    const [row] = await t.database.db.select().from(choiceTable).where(eq(choiceTable.id, choice.id));
    expect(row).toMatchObject({ buyerId: buyer.id, totalFen: 679_942, coverages: q.coverages });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, choice.id), eq(auditLog.action, 'insurance_choice.create')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorKind: 'buyer', actorId: buyer.id });
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, choice.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['insurance.plan_chosen']);

    const again = await choose({ quoteId: q.id, insurerCode: 'pingan' }, buyer.bearer);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(choice);
    expect(await t.database.db.select().from(choiceTable).where(eq(choiceTable.quoteId, q.id))).toHaveLength(
      1,
    );
    expect(
      await t.database.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.aggregateId, choice.id))
        .orderBy(outboxEvents.id),
    ).toHaveLength(1);

    // What an order will read, and what the buyer (only) sees.
    expect(await getInsuranceChoice(t.database.db, choice.id)).toEqual(choice);
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/insurance/choices/${choice.id}`,
      headers: buyer.bearer,
    });
    expect(got.json()).toEqual(choice);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insurance/choices',
      headers: buyer.bearer,
    });
    expect(list.json().items[0]).toEqual(choice);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/insurance/choices/${choice.id}`,
      headers: other.bearer,
    });
    expect(foreign.json()).toMatchObject({ error: { code: 'INSURANCE_CHOICE_NOT_FOUND' } });
  });

  it('stores one choice when the same pick races', async () => {
    const q = (await quote({ vehicle: petrol })).json();
    const answers = await Promise.all(
      [1, 2, 3].map(() => choose({ quoteId: q.id, insurerCode: 'cpic' }, buyer.bearer)),
    );
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
  });

  it('asks a guest to sign in, and refuses a failed plan, an expired quote and a missing one', async () => {
    const q = (await quote({ vehicle: petrol })).json();
    const guest = await choose({ quoteId: q.id, insurerCode: 'picc' }, {});
    expect(guest.statusCode).toBe(401);

    useTestInsurers(t.ctx, { failing: ['cpic'] });
    const partial = (await quote({ vehicle: petrol })).json();
    useTestInsurers(t.ctx);
    const failed = await choose({ quoteId: partial.id, insurerCode: 'cpic' }, buyer.bearer);
    expect(failed.json()).toMatchObject({ error: { code: 'INSURANCE_PLAN_NOT_AVAILABLE' } });

    expect((await choose({ quoteId: 'isq_none', insurerCode: 'picc' }, buyer.bearer)).json()).toMatchObject({
      error: { code: 'INSURANCE_QUOTE_NOT_FOUND' },
    });

    // A quote made 8 days ago has passed its 7 days (sessions would idle out if the clock moved forward).
    t.clock.advance(-8 * 86_400_000);
    const old = (await quote({ vehicle: petrol })).json();
    t.clock.advance(8 * 86_400_000);
    const late = await choose({ quoteId: old.id, insurerCode: 'picc' }, buyer.bearer);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { code: 'INSURANCE_QUOTE_EXPIRED' } });
  });
});

describe('console: insurers', () => {
  it('lists the insurers for operators and finance, and refuses marketing', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insurance/insurers',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual([
      'picc',
      'pingan',
      'cpic',
      'chinalife',
    ]);
    expect(res.json().items[0]).toMatchObject({
      nameZh: '中国人保财险',
      status: 'active',
      connected: true,
      sandbox: true,
    });
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insurance/insurers',
      headers: marketing.bearer,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('lets finance deactivate an insurer (audited, with its event): it is no longer asked for quotes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insurance/insurers/chinalife/deactivate',
      headers: finance.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'chinalife', status: 'inactive' });
    const [row] = await t.database.db.select().from(insurerTable).where(eq(insurerTable.code, 'chinalife'));
    expect(row?.status).toBe('inactive');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, 'chinalife'), eq(auditLog.action, 'insurer.deactivate')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.aggregateId, 'chinalife'),
          eq(outboxEvents.type, 'insurance.insurer_status_changed'),
        ),
      )
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.payload)).toEqual([{ insurerCode: 'chinalife', status: 'inactive' }]);

    const plans = (await quote({ vehicle: petrol })).json().plans as PlanJson[];
    expect(plans.map((p) => p.insurerCode)).toEqual(['picc', 'pingan', 'cpic']);

    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insurance/insurers/chinalife/deactivate',
      headers: finance.bearer,
    });
    expect(twice.statusCode).toBe(409);
    const back = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insurance/insurers/chinalife/activate',
      headers: finance.bearer,
    });
    expect(back.json()).toMatchObject({ status: 'active' });
  });

  it('lets finance reorder and rename an insurer, audited with the fields changed; operators may not', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/insurance/insurers/cpic',
      headers: finance.bearer,
      payload: { displayOrder: 5, nameEn: 'China Pacific P&C' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayOrder: 5, nameEn: 'China Pacific P&C', nameZh: '太平洋产险' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insurance/insurers',
      headers: finance.bearer,
    });
    expect(list.json().items[0].code).toBe('cpic');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, 'cpic'), eq(auditLog.action, 'insurer.update')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, 'cpic'), eq(outboxEvents.type, 'insurance.insurer_updated')))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.payload)).toEqual([
      { insurerCode: 'cpic', fields: ['nameEn', 'displayOrder'] },
    ]);

    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/insurance/insurers/cpic',
      headers: operator.bearer,
      payload: { displayOrder: 1 },
    });
    expect(denied.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/insurance/insurers/axa',
      headers: finance.bearer,
      payload: { displayOrder: 1 },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
