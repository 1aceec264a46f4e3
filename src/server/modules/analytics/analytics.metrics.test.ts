import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { DashboardMetric, TDashboard, TDrillPage } from './analytics.dashboard.contract.js';
import { computeDashboard } from './analytics.dashboard.js';
import {
  insertEvents,
  insertFacts,
  linkVisitor,
  type RawEvent,
  type RawFact,
} from './analytics.metrics.testing.js';
import { refreshRollups } from './analytics.rollups.js';

// Hand-built traffic and facts for Monday 2026-11-02 (Shanghai) and the day before, with every expected
// figure worked out by hand below. Dealer "dlr_hz_byd" sells 比亚迪 汉 in 上海; "dlr_bj_nio" sells 蔚来 ES6 in 北京.

const SH = '310100';
const BJ = '110100';
const BYD = 'brd_byd';
const HAN = 'ser_byd_han';
const NIO = 'brd_nio';
const ES6 = 'ser_nio_es6';
const DA = 'dlr_hz_byd';
const DB = 'dlr_bj_nio';

const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const D = '2026-11-02';
const PREV = '2026-11-01';

const events: RawEvent[] = [
  // 游客 v1 (seo, 上海): 3 events in one session, 2 page views, 10 minutes; viewed the 汉 of dealer A.
  {
    at: at(D, '10:00'),
    name: 'page_view',
    visitorId: 'vis_1',
    sessionId: 'ses_1',
    channel: 'seo',
    cityCode: SH,
  },
  {
    at: at(D, '10:05'),
    name: 'view_vehicle',
    visitorId: 'vis_1',
    sessionId: 'ses_1',
    channel: 'seo',
    cityCode: SH,
    brandId: BYD,
    seriesId: HAN,
    dealerId: DA,
  },
  {
    at: at(D, '10:10'),
    name: 'page_view',
    visitorId: 'vis_1',
    sessionId: 'ses_1',
    channel: 'seo',
    cityCode: SH,
  },
  // 张伟 (account acc_zhang, sem, 北京): one page view and gone (a bounce).
  {
    at: at(D, '11:00'),
    name: 'page_view',
    visitorId: 'vis_2',
    sessionId: 'ses_2',
    accountId: 'acc_zhang',
    channel: 'sem',
    cityCode: BJ,
  },
  // 李娜: anonymous visitor vis_3 later linked to acc_li (direct, 上海): view 汉, start a consultation, 2 minutes.
  { at: at(D, '12:00'), name: 'page_view', visitorId: 'vis_3', sessionId: 'ses_3', cityCode: SH },
  {
    at: at(D, '12:01'),
    name: 'view_vehicle',
    visitorId: 'vis_3',
    sessionId: 'ses_3',
    cityCode: SH,
    brandId: BYD,
    seriesId: HAN,
    dealerId: DA,
  },
  {
    at: at(D, '12:02'),
    name: 'start_consultation',
    visitorId: 'vis_3',
    sessionId: 'ses_3',
    cityCode: SH,
    brandId: BYD,
    seriesId: HAN,
    dealerId: DA,
  },
];

const han = { cityCode: SH, brandId: BYD, seriesId: HAN, dealerId: DA };
const es6 = { cityCode: BJ, brandId: NIO, seriesId: ES6, dealerId: DB };
const facts: RawFact[] = [
  {
    at: at(PREV, '09:00'),
    kind: 'order_placed',
    subjectId: 'ord_prev',
    accountId: 'acc_old',
    amountFen: 18_000_000,
    ...han,
    channel: 'direct',
    props: { orderNumber: 'AY20261101-000001' },
  },
  {
    at: at(D, '11:00'),
    kind: 'customer_registered',
    subjectId: 'acc_zhang',
    accountId: 'acc_zhang',
    channel: 'sem',
  },
  {
    at: at(D, '13:00'),
    kind: 'order_placed',
    subjectId: 'ord_li',
    accountId: 'acc_li',
    amountFen: 20_000_000,
    ...han,
    channel: 'direct',
    props: { orderNumber: 'AY20261102-000001' },
  },
  {
    at: at(D, '14:00'),
    kind: 'order_placed',
    subjectId: 'ord_wang',
    accountId: 'acc_wang',
    amountFen: 15_000_000,
    ...es6,
    channel: 'sem',
    props: { orderNumber: 'AY20261102-000002' },
  },
  {
    at: at(D, '15:00'),
    kind: 'deposit_paid',
    subjectId: 'ord_li',
    accountId: 'acc_li',
    ...han,
    channel: 'direct',
  },
  {
    at: at(D, '15:30'),
    kind: 'order_paid',
    subjectId: 'ord_wang',
    accountId: 'acc_wang',
    amountFen: 15_000_000,
    ...es6,
    channel: 'sem',
  },
  {
    at: at(D, '16:00'),
    kind: 'order_delivered',
    subjectId: 'ord_wang',
    accountId: 'acc_wang',
    amountFen: 15_000_000,
    costFen: 13_000_000,
    ...es6,
    channel: 'sem',
  },
  {
    at: at(D, '17:00'),
    kind: 'refund',
    subjectId: 'ord_prev',
    accountId: 'acc_old',
    amountFen: 500_000,
    ...han,
    channel: 'direct',
  },
  {
    at: at(D, '17:30'),
    kind: 'lead_first_response',
    subjectId: 'led_1',
    dealerId: DA,
    props: { responseSeconds: 300, withinSla: true },
  },
  {
    at: at(D, '17:40'),
    kind: 'lead_first_response',
    subjectId: 'led_2',
    dealerId: DA,
    props: { responseSeconds: 900, withinSla: false },
  },
  {
    at: at(D, '18:00'),
    kind: 'testdrive_outcome',
    subjectId: 'tdr_1',
    ...han,
    props: { outcome: 'completed' },
  },
  {
    at: at(D, '18:10'),
    kind: 'testdrive_outcome',
    subjectId: 'tdr_2',
    ...han,
    props: { outcome: 'completed' },
  },
  {
    at: at(D, '18:20'),
    kind: 'testdrive_outcome',
    subjectId: 'tdr_3',
    ...han,
    props: { outcome: 'no_show' },
  },
  { at: at(D, '18:30'), kind: 'survey_answered', subjectId: 'tdr_1', ...han, props: { rating: 5 } },
  { at: at(D, '18:40'), kind: 'survey_answered', subjectId: 'tdr_2', ...han, props: { rating: 4 } },
  { at: at(D, '19:00'), kind: 'shop_order_paid', subjectId: 'sho_1' },
  { at: at(D, '19:10'), kind: 'shop_order_shipped', subjectId: 'sho_1', props: { shippedWithin48h: true } },
  { at: at(D, '19:20'), kind: 'shop_order_shipped', subjectId: 'sho_2', props: { shippedWithin48h: false } },
];

let t: TestApp;
let operator: TestStaff;
let marketing: TestStaff;
let dealerA: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  dealerA = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: DA });
  const db = t.database.db;
  await insertEvents(db, events);
  await linkVisitor(db, 'vis_3', 'acc_li', new Date(at(D, '12:30')));
  await insertFacts(db, facts, t.clock.now());
  await refreshRollups(db, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

async function dashboard(query: string, who: TestStaff = operator, lang = 'zh-CN'): Promise<TDashboard> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/analytics/dashboard?${query}`,
    headers: { ...who.bearer, 'accept-language': lang },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TDashboard;
}

function card(d: TDashboard, metric: DashboardMetric) {
  const c = d.cards.find((x) => x.metric === metric);
  if (!c) throw new Error(`no card ${metric}`);
  return c;
}

describe('analytics metrics on hand-built data', () => {
  it('counts traffic: UV, PV, visit depth, bounce rate and session length', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    // People who visited: vis_1, acc_zhang, acc_li (vis_3 is linked to her account).
    expect(card(d, 'uv').value).toBe(3);
    // Page views: 2 (vis_1) + 1 + 1.
    expect(card(d, 'pv').value).toBe(4);
    // 4 page views over 3 sessions = 1.33 -> 133.
    expect(card(d, 'visit_depth').value).toBe(133);
    // 1 of 3 sessions had a single event: 33.33%.
    expect(card(d, 'bounce_rate').value).toBe(3333);
    // (600 + 0 + 120) s / 3 sessions.
    expect(card(d, 'avg_session_seconds').value).toBe(240);
    expect(d.previousRange).toEqual({ from: PREV, to: PREV });
    expect(card(d, 'uv').previous).toBe(0);
  });

  it('counts trade: orders, GMV, average order value, gross margin, refunds', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    expect(card(d, 'orders')).toMatchObject({ value: 2, previous: 1, unit: 'count' });
    expect(card(d, 'gmv')).toMatchObject({ value: 35_000_000, previous: 18_000_000, unit: 'fen' });
    expect(card(d, 'average_order_value').value).toBe(17_500_000);
    // Delivered ES6: 150,000 - 130,000 = 20,000 yuan; 20,000 / 150,000 = 13.33%.
    expect(card(d, 'gross_margin').value).toBe(2_000_000);
    expect(card(d, 'gross_margin_rate').value).toBe(1333);
    expect(card(d, 'refunds').value).toBe(500_000);
    expect(card(d, 'deposit_forfeits').value).toBe(0);
    expect(card(d, 'gmv').drill).toBe('/api/v1/analytics/drill?metric=gmv');
  });

  it('counts users and conversion: new users, DAU, registration, consultation, order and payment rates', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    expect(card(d, 'new_users').value).toBe(1);
    // Active accounts that day: acc_zhang (visited), acc_li, acc_wang (ordered).
    expect(card(d, 'dau').value).toBe(3);
    expect(card(d, 'registration_rate').value).toBe(3333); // 1 new / 3 UV
    // People at stage >= 1: vis_1, acc_zhang, acc_li, acc_wang = 4; >= 3: acc_li, acc_wang; >= 4: the same two.
    expect(card(d, 'consultation_rate').value).toBe(5000);
    expect(card(d, 'order_rate').value).toBe(5000);
    expect(card(d, 'payment_rate').value).toBe(10_000); // both orderers paid (deposit / in full)
    expect(card(d, 'satisfaction').value).toBe(450); // (5 + 4) / 2 stars
  });

  it('counts service and supply figures: response time, SLA, show rate, 48 h shipping', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    expect(card(d, 'lead_first_response_seconds').value).toBe(600); // (300 + 900) / 2
    expect(card(d, 'sla_compliance').value).toBe(5000);
    expect(card(d, 'testdrive_show_rate').value).toBe(6667); // 2 completed / 3 outcomes
    expect(card(d, 'shipping_48h_rate').value).toBe(5000);
    expect(card(d, 'aged_stock').value).toBe(0);
    expect(card(d, 'bot_deflection').value).toBeNull(); // no bot conversations
  });

  it('draws the funnel as a brute-force recount over the raw events and facts finds it', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    // Brute force: the person behind each row, the furthest stage each reached that day.
    const links = new Map([['vis_3', 'acc_li']]);
    const stageOfEvent = { view_vehicle: 2, start_consultation: 3, book_test_drive: 3 } as Record<
      string,
      number
    >;
    const stageOfFact = {
      testdrive_booked: 3,
      order_placed: 4,
      deposit_paid: 5,
      order_paid: 5,
      order_delivered: 6,
    } as Record<string, number>;
    const furthest = new Map<string, number>();
    const reach = (person: string, stage: number) =>
      furthest.set(person, Math.max(furthest.get(person) ?? 0, stage));
    for (const e of events.filter((x) => x.at.startsWith(D))) {
      reach(e.accountId ?? links.get(e.visitorId) ?? `v:${e.visitorId}`, stageOfEvent[e.name] ?? 1);
    }
    for (const f of facts.filter((x) => x.at.startsWith(D) && stageOfFact[x.kind])) {
      reach(f.accountId ?? `s:${f.subjectId}`, stageOfFact[f.kind] ?? 0);
    }
    const brute = [1, 2, 3, 4, 5, 6].map((k) => [...furthest.values()].filter((s) => s >= k).length);
    expect(d.funnel.map((s) => s.count)).toEqual(brute);
    expect(brute).toEqual([4, 3, 2, 2, 2, 1]);
  });

  it('narrows every figure by city, brand and channel', async () => {
    const sh = await dashboard(`from=${D}&to=${D}&cityCode=${SH}`);
    expect(card(sh, 'uv').value).toBe(2); // vis_1 and acc_li
    expect(card(sh, 'orders').value).toBe(1);
    expect(card(sh, 'gmv').value).toBe(20_000_000);
    const nio = await dashboard(`from=${D}&to=${D}&brandId=${NIO}`);
    expect(card(nio, 'orders').value).toBe(1);
    expect(card(nio, 'uv').value).toBe(0);
    // A visit is not about one brand: session figures are empty under a brand filter.
    expect(card(nio, 'bounce_rate').value).toBeNull();
    const sem = await dashboard(`from=${D}&to=${D}&channel=sem`);
    expect(card(sem, 'uv').value).toBe(1);
    expect(card(sem, 'gmv').value).toBe(15_000_000);
    expect(sem.channels).toEqual([
      { channel: 'sem', visitors: 1, orders: 1, gmvFen: 15_000_000, spendFen: 0 },
    ]);
  });

  it('ranks cities, top vehicles and channels', async () => {
    const d = await dashboard(`from=${D}&to=${D}`);
    expect(d.cities).toEqual([
      { cityCode: SH, visitors: 2, orders: 1, gmvFen: 20_000_000 },
      { cityCode: BJ, visitors: 1, orders: 1, gmvFen: 15_000_000 },
    ]);
    expect(d.topVehicles.map((v) => [v.seriesId, v.views, v.orders, v.gmvFen])).toEqual([
      [HAN, 2, 1, 20_000_000],
      [ES6, 0, 1, 15_000_000],
    ]);
    const direct = d.channels.find((c) => c.channel === 'direct');
    expect(direct).toEqual({ channel: 'direct', visitors: 1, orders: 1, gmvFen: 20_000_000, spendFen: 0 });
    expect(d.trend.days).toEqual([D]);
    expect(d.trend.series.find((s) => s.metric === 'gmv')?.values).toEqual([35_000_000]);
  });

  it('computes CAC and ROI per channel from the spend marketing entered', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/spend',
      headers: marketing.bearer,
      payload: {
        channel: 'sem',
        periodStart: PREV,
        periodEnd: D,
        amountFen: 100_000,
        note: '百度搜索 11 月第一周',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = await dashboard(`from=${D}&to=${D}`);
    // Half of the 2-day entry falls on the 2nd: 500 yuan.
    expect(card(d, 'marketing_spend').value).toBe(50_000);
    // One new paying customer (acc_wang paid in full): CAC = 500 yuan.
    expect(card(d, 'cac').value).toBe(50_000);
    // ROI = (gross margin 20,000 - spend 500) / 500 = 39 = 390,000 bp.
    expect(card(d, 'roi').value).toBe(390_000);
    expect(d.channels.find((c) => c.channel === 'sem')?.spendFen).toBe(50_000);
    // Spend is platform-wide: no CAC for one city.
    expect(card(await dashboard(`from=${D}&to=${D}&cityCode=${SH}`), 'cac').value).toBeNull();

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/spend',
      headers: marketing.bearer,
    });
    const { items } = list.json() as { items: { id: string }[] };
    expect(items).toHaveLength(1);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/analytics/spend/${items[0]?.id}`,
      headers: marketing.bearer,
    });
    expect(del.statusCode).toBe(204);
    expect(card(await dashboard(`from=${D}&to=${D}`), 'marketing_spend').value).toBe(0);
    // Operators read the dashboard but do not enter spend.
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/spend',
      headers: operator.bearer,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('builds weekly retention cohorts of new users', async () => {
    const db = t.database.db;
    await insertFacts(
      db,
      [
        {
          at: at('2026-11-03', '09:00'),
          kind: 'customer_registered',
          subjectId: 'acc_zhao',
          accountId: 'acc_zhao',
        },
      ],
      t.clock.now(),
    );
    // 张伟 comes back the next week; 赵磊 does not.
    await insertEvents(db, [
      {
        at: at('2026-11-10', '20:00'),
        name: 'page_view',
        visitorId: 'vis_2',
        sessionId: 'ses_9',
        accountId: 'acc_zhang',
        channel: 'sem',
        cityCode: BJ,
        receivedAt: t.clock.now().toISOString(),
      },
    ]);
    t.clock.advance(60_000);
    await refreshRollups(db, t.clock.now());
    const d = await dashboard('from=2026-11-02&to=2026-11-15');
    expect(d.retention).toEqual([{ cohortWeek: '2026-11-02', size: 2, retained: [1] }]);
  });

  it('lists the orders behind the GMV card, paged, with their order numbers', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/drill?metric=gmv&from=${D}&to=${D}&limit=1`,
      headers: operator.bearer,
    });
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json() as TDrillPage;
    expect(p1.items.map((i) => [i.orderNumber, i.amountFen, i.dealerId])).toEqual([
      ['AY20261102-000002', 15_000_000, DB],
    ]);
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/drill?metric=gmv&from=${D}&to=${D}&limit=1&cursor=${p1.nextCursor}`,
      headers: operator.bearer,
    });
    const p2 = second.json() as TDrillPage;
    expect(p2.items.map((i) => i.orderNumber)).toEqual(['AY20261102-000001']);
    expect(p2.nextCursor).toBeNull();
    const notDrillable = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/drill?metric=uv&from=${D}&to=${D}`,
      headers: operator.bearer,
    });
    expect(notDrillable.json()).toMatchObject({ error: { code: 'ANALYTICS_METRIC_NOT_DRILLABLE' } });
  });
});

describe('dealer isolation', () => {
  it('shows dealer staff only their own dealer and refuses another dealer id', async () => {
    const own = await dashboard(`from=${D}&to=${D}`, dealerA);
    expect(own.dealerId).toBe(DA);
    expect(card(own, 'orders').value).toBe(1);
    expect(card(own, 'gmv').value).toBe(20_000_000);
    expect(own.cities.map((c) => c.cityCode)).toEqual([SH]);
    expect(own.topVehicles.map((v) => v.seriesId)).toEqual([HAN]);
    expect(card(own, 'marketing_spend').value).toBeNull();
    // Dealer B's ES6 order appears nowhere.
    expect(JSON.stringify(own)).not.toContain(ES6);

    for (const url of [
      `/api/v1/analytics/dashboard?from=${D}&to=${D}&dealerId=${DB}`,
      `/api/v1/analytics/drill?metric=gmv&from=${D}&to=${D}&dealerId=${DB}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: dealerA.bearer });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'ANALYTICS_DEALER_FORBIDDEN' } });
    }
    const drill = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/drill?metric=gmv&from=${D}&to=${D}`,
      headers: dealerA.bearer,
    });
    expect((drill.json() as TDrillPage).items.map((i) => i.dealerId)).toEqual([DA]);
    const spend = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/spend',
      headers: dealerA.bearer,
    });
    expect(spend.statusCode).toBe(403);
  });

  it('lets platform staff narrow to one dealer through the same function the reviews use', async () => {
    const d = await computeDashboard(
      t.database.db,
      { from: D, to: D, dealerId: DB },
      { dealerId: null, lang: 'en' },
      t.clock.now(),
    );
    expect(card(d, 'orders').value).toBe(1);
    expect(card(d, 'gross_margin').value).toBe(2_000_000);
  });
});

describe('late events', () => {
  it('corrects an already refreshed day when an event for it arrives late', async () => {
    const db = t.database.db;
    const before = await dashboard(`from=${D}&to=${D}`);
    expect(card(before, 'pv').value).toBe(4);
    t.clock.advance(5 * 60_000);
    // A phone that was offline sends its page views of the 2nd a week later.
    await insertEvents(db, [
      {
        at: at(D, '21:00'),
        name: 'page_view',
        visitorId: 'vis_late',
        sessionId: 'ses_late',
        channel: 'social',
        cityCode: SH,
        receivedAt: t.clock.now().toISOString(),
      },
      {
        at: at(D, '21:01'),
        name: 'page_view',
        visitorId: 'vis_late',
        sessionId: 'ses_late',
        channel: 'social',
        cityCode: SH,
        receivedAt: t.clock.now().toISOString(),
      },
    ]);
    // Not folded in until the job runs: the page load reads rollups only.
    expect(card(await dashboard(`from=${D}&to=${D}`), 'pv').value).toBe(4);
    t.clock.advance(60_000);
    const rebuilt = await refreshRollups(db, t.clock.now());
    expect(rebuilt).toContain(D);
    const after = await dashboard(`from=${D}&to=${D}`);
    expect(card(after, 'pv').value).toBe(6);
    expect(card(after, 'uv').value).toBe(4);
    expect(card(after, 'visit_depth').value).toBe(150); // 6 page views / 4 sessions
    expect(card(after, 'orders').value).toBe(2); // the day's facts survive the rebuild
    // Nothing new: once past the look-back overlap, a run rebuilds nothing.
    t.clock.advance(10 * 60_000);
    await refreshRollups(db, t.clock.now());
    t.clock.advance(10 * 60_000);
    expect(await refreshRollups(db, t.clock.now())).toEqual([]);
  });
});
