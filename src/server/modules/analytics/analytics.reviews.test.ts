import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { devEmails } from '../../kernel/notify/notify.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { pdfText } from '../contracts/contracts.pdf-text.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { DashboardSource, TDashboard, TDashboardQuery } from './analytics.dashboard.contract.js';
import { reviewTable } from './analytics.reviews.schema.js';
import { generateClosedReviews, generateReview } from './analytics.reviews.service.js';
import { useDashboardSource } from './analytics.reviews.source.js';
import { summarizeReview } from './analytics.reviews.summary.js';

// The test clock starts at 2026-11-21 10:00 Beijing (a Saturday).

let t: TestApp;
let operator: TestStaff;
let colleague: TestStaff;
let marketing: TestStaff;
let advisor: TestStaff; // no analytics.read
let dealerAdmin: TestStaff;

/** A hand-built dashboard: orders 128 (prev 114), GMV ¥2,345万 (prev ¥2,100万), UV 12,000 (prev 12,400). */
function dashboard(query: TDashboardQuery, scale = 1): TDashboard {
  return {
    range: { from: query.from, to: query.to },
    previousRange: { from: '2026-11-13', to: '2026-11-19' },
    dealerId: null,
    refreshedAt: '2026-11-21T01:00:00.000Z',
    cards: [
      { metric: 'orders', unit: 'count', value: 128 * scale, previous: 114, drill: null },
      { metric: 'gmv', unit: 'fen', value: 2_345_000_000 * scale, previous: 2_100_000_000, drill: null },
      { metric: 'uv', unit: 'count', value: 12_000, previous: 12_400, drill: null },
      { metric: 'order_rate', unit: 'bp', value: 107, previous: 92, drill: null },
      { metric: 'bounce_rate', unit: 'bp', value: 4_200, previous: 3_000, drill: null },
      { metric: 'refunds', unit: 'count', value: 3, previous: 6, drill: null },
      { metric: 'cac', unit: 'fen', value: null, previous: null, drill: null },
    ],
    trend: { days: [query.from], series: [{ metric: 'orders', values: [128 * scale] }] },
    funnel: [
      { stage: 'visit', count: 12_000 },
      { stage: 'vehicle_view', count: 5_400 },
      { stage: 'consultation_or_test_drive', count: 900 },
      { stage: 'order', count: 128 },
      { stage: 'deposit_paid', count: 101 },
      { stage: 'delivered', count: 77 },
    ],
    retention: [],
    cities: [{ cityCode: '310100', visitors: 3_200, orders: 41, gmvFen: 7_800_000_000 }],
    topVehicles: [
      { seriesId: 'ser_han', name: '比亚迪 汉', views: 2_300, orders: 19, gmvFen: 3_990_000_000 },
    ],
    channels: [{ channel: 'sem', visitors: 4_000, orders: 30, gmvFen: 5_000_000_000, spendFen: 12_000_000 }],
  };
}

let calls: { query: TDashboardQuery; dealerId: string | null }[] = [];
let scale = 1;
let broken = false;
const fakeSource: DashboardSource = async (query, scope) => {
  calls.push({ query, dealerId: scope.dealerId });
  if (broken) throw new Error('rollups unavailable');
  return dashboard(query, scale);
};

beforeAll(async () => {
  t = await createTestApp();
  useDashboardSource(t.ctx, fakeSource);
  operator = await createTestStaff(t.ctx, { roles: ['operator'], email: 'wang.fang@autoyard.cn' });
  colleague = await createTestStaff(t.ctx, { roles: ['operator'], email: 'li.qiang@autoyard.cn' });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'], email: 'chen.jing@autoyard.cn' });
  advisor = await createTestStaff(t.ctx, { roles: ['sales_advisor'] });
  dealerAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_shanghai_pudong' });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  calls = [];
  scale = 1;
  broken = false;
});

async function generate(staff: TestStaff, kind: string, periodStart: string, lang = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/reviews/generate',
    headers: { ...staff.bearer, 'accept-language': lang },
    payload: { kind, periodStart },
  });
}

async function drain() {
  for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
}

describe('review reports', () => {
  it('generates a weekly report from the dashboard of the whole ISO week, with summaries, an audit row and an event', async () => {
    const res = await generate(operator, 'weekly', '2026-11-09');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'weekly',
      periodStart: '2026-11-09',
      periodEnd: '2026-11-15',
      status: 'ready',
    });
    expect(calls).toEqual([{ query: { from: '2026-11-09', to: '2026-11-15' }, dealerId: null }]);
    const [row] = await t.database.db.select().from(reviewTable).where(eq(reviewTable.id, body.id));
    expect(row?.status).toBe('ready');
    expect(row?.figures?.cards.find((c) => c.metric === 'orders')?.value).toBe(128);
    expect(row?.summaryZh).toContain('订单数 128 单，环比 +12.3%');
    expect(row?.summaryZh).toContain('成交额(GMV) ¥2,345万，环比 +11.7%');
    expect(row?.summaryEn).toContain('Orders 128 (+12.3% vs previous period)');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, body.id), eq(auditLog.action, 'review.complete')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, body.id));
    expect(events.map((e) => e.type)).toEqual(['analytics.review_ready']);
  });

  it('regenerates a period in place: new figures, the same single report', async () => {
    const first = (await generate(operator, 'monthly', '2026-10-01')).json();
    scale = 2;
    const second = (await generate(operator, 'monthly', '2026-10-01')).json();
    expect(second.id).toBe(first.id);
    const rows = await t.database.db
      .select()
      .from(reviewTable)
      .where(and(eq(reviewTable.kind, 'monthly'), eq(reviewTable.periodStart, '2026-10-01')));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.figures?.cards.find((c) => c.metric === 'orders')?.value).toBe(256);
  });

  it('marks a report failed with the reason when the figures cannot be computed, and a retry makes it ready', async () => {
    broken = true;
    const failed = await generateReview(
      t.database.db,
      'daily',
      '2026-11-18',
      fakeSource,
      systemMutation(t.clock.now()),
    );
    expect(failed.status).toBe('failed');
    expect(failed.failure).toContain('rollups unavailable');
    broken = false;
    const ok = await generateReview(
      t.database.db,
      'daily',
      '2026-11-18',
      fakeSource,
      systemMutation(t.clock.now()),
    );
    expect(ok.id).toBe(failed.id);
    expect(ok.status).toBe('ready');
    expect(ok.failure).toBeNull();
  });

  it('refuses a period start that begins no period of its kind, or a period not yet over', async () => {
    const tuesday = await generate(operator, 'weekly', '2026-11-10');
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json()).toMatchObject({ error: { code: 'REVIEW_PERIOD_INVALID' } });
    const thisWeek = await generate(operator, 'weekly', '2026-11-16');
    expect(thisWeek.statusCode).toBe(400);
    expect(thisWeek.json()).toMatchObject({ error: { code: 'REVIEW_PERIOD_OPEN' } });
    const badKind = await generate(operator, 'hourly', '2026-11-16');
    expect(badKind.statusCode).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('lets only analytics.manage generate, refuses staff without analytics.read, and dealer staff everything', async () => {
    expect((await generate(marketing, 'daily', '2026-11-19')).statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reviews',
      headers: advisor.bearer,
    });
    expect(list.statusCode).toBe(403);
    const dealer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reviews',
      headers: dealerAdmin.bearer,
    });
    expect(dealer.statusCode).toBe(403);
    expect(dealer.json()).toMatchObject({ error: { code: 'REVIEWS_PLATFORM_ONLY' } });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reviews/rvw_nope',
      headers: operator.bearer,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'REVIEW_NOT_FOUND' } });
  });

  it('lists reports newest period first, filtered by kind, in the request language', async () => {
    await generate(operator, 'quarterly', '2026-07-01');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reviews?kind=quarterly',
      headers: { ...marketing.bearer, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; title: string }[];
    expect(items.map((i) => i.title)).toEqual(['2026 Q3']);
    const all = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/analytics/reviews?limit=2',
        headers: marketing.bearer,
      })
    ).json();
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const starts = (all.items as { periodStart: string }[]).map((i) => i.periodStart);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('exports CSV with a BOM, the cards with previous period and change, funnel, vehicles and cities', async () => {
    const review = (await generate(operator, 'weekly', '2026-11-02')).json();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/reviews/${review.id}/csv`,
      headers: marketing.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('review-weekly-2026-11-02.csv');
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const lines = res.body.slice(1).split('\n');
    expect(lines[0]).toBe('复盘周报：2026年第45周（2026-11-02 至 2026-11-08）');
    expect(lines).toContain('orders,订单数,count,128,114,12.3');
    expect(lines).toContain('gmv,成交额(GMV),fen,2345000000,2100000000,11.7');
    expect(lines).toContain('cac,获客成本(CAC),fen,,,');
    expect(lines).toContain('交付,77');
    expect(lines).toContain('比亚迪 汉,2300,19,39900000.00');
    expect(lines.some((l) => l.endsWith(',310100,3200,41,78000000.00'))).toBe(true);
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/reviews/${review.id}/csv?lang=en`,
      headers: marketing.bearer,
    });
    expect(en.body).toContain('Weekly review: 2026 W45 (2026-11-02 to 2026-11-08)');
    expect(en.body).toContain('orders,Orders,count,128,114,12.3');
  });

  it('exports a PDF whose Chinese text is real, extractable text', async () => {
    const review = (await generate(operator, 'daily', '2026-11-20')).json();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/reviews/${review.id}/pdf`,
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('复盘日报：2026年11月20日');
    expect(text).toContain('核心指标');
    expect(text).toContain('订单数');
    expect(text).toContain('+12.3%');
    expect(text).toContain('转化漏斗');
    expect(text).toContain('比亚迪 汉');
    expect(text).toContain('城市排行');
  });

  it('refuses to export a report that is not ready', async () => {
    broken = true;
    const failed = await generateReview(
      t.database.db,
      'daily',
      '2026-11-17',
      fakeSource,
      systemMutation(t.clock.now()),
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/reviews/${failed.id}/csv`,
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'REVIEW_NOT_READY' } });
  });

  it('emails a ready report to the staff subscribed to its kind only, in their language, with a link', async () => {
    const sub = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/analytics/reviews/subscriptions/mine/yearly',
      headers: { ...operator.bearer, 'accept-language': 'zh-CN' },
    });
    expect(sub.json()).toEqual({ kinds: ['yearly'] });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/analytics/reviews/subscriptions/mine/yearly',
      headers: { ...marketing.bearer, 'accept-language': 'en' },
    });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/analytics/reviews/subscriptions/mine/daily',
      headers: colleague.bearer,
    });
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/analytics/reviews/subscriptions/mine/yearly',
      headers: dealerAdmin.bearer,
    });
    expect(denied.statusCode).toBe(403);
    await drain();
    await t.database.db.delete(devEmails);

    const review = (await generate(operator, 'yearly', '2025-01-01')).json();
    await drain();
    const mails = await t.database.db.select().from(devEmails);
    expect(mails.map((m) => m.to).sort()).toEqual(['chen.jing@autoyard.cn', 'wang.fang@autoyard.cn']);
    const zh = mails.find((m) => m.to === 'wang.fang@autoyard.cn');
    expect(zh?.subject).toBe('复盘报告：复盘年报：2025年');
    expect(zh?.text).toContain('订单数 128 单');
    expect(zh?.text).toContain(`/console/analytics/reviews/${review.id}`);
    expect(mails.find((m) => m.to === 'chen.jing@autoyard.cn')?.subject).toBe(
      'Review report: Yearly review: 2025',
    );

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reviews/subscriptions',
      headers: operator.bearer,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/analytics/reviews/subscriptions',
          headers: marketing.bearer,
        })
      ).statusCode,
    ).toBe(403);

    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/analytics/reviews/subscriptions/mine/yearly',
      headers: operator.bearer,
    });
    expect(off.json()).toEqual({ kinds: [] });
  });

  it('the daily job makes the reports of every period closed by 01:00 on New Year’s Day, once', async () => {
    t.clock.set('2026-12-31T17:00:00Z'); // 2027-01-01 01:00 Beijing
    const made = await generateClosedReviews(t.database.db, fakeSource, systemMutation(t.clock.now()));
    expect(made.map((r) => [r.kind, r.periodStart, r.periodEnd, r.status])).toEqual([
      ['daily', '2026-12-31', '2026-12-31', 'ready'],
      ['weekly', '2026-12-21', '2026-12-27', 'ready'],
      ['monthly', '2026-12-01', '2026-12-31', 'ready'],
      ['quarterly', '2026-10-01', '2026-12-31', 'ready'],
      ['yearly', '2026-01-01', '2026-12-31', 'ready'],
    ]);
    const again = await generateClosedReviews(t.database.db, fakeSource, systemMutation(t.clock.now()));
    expect(again).toHaveLength(0);
    // The schedule runs the same job through the queue.
    t.clock.set('2027-01-01T17:00:00Z');
    await drain();
    const [jan1] = await t.database.db
      .select()
      .from(reviewTable)
      .where(and(eq(reviewTable.kind, 'daily'), eq(reviewTable.periodStart, '2027-01-01')));
    expect(jan1?.status).toBe('ready');
  });
});

describe('review summary', () => {
  it('names the headline figures and the biggest movers both ways', () => {
    const figures = dashboard({ from: '2026-11-09', to: '2026-11-15' });
    const zh = summarizeReview('weekly', { start: '2026-11-09', end: '2026-11-15' }, figures, 'zh-CN');
    expect(zh).toContain('增幅最大：跳出率 +40.0%、下单转化率 +16.3%、订单数 +12.3%');
    expect(zh).toContain('降幅最大：退款 -50.0%、访客数(UV) -3.2%');
    expect(zh).toContain('最受关注车型：比亚迪 汉');
  });

  it('says there is no data when every figure is empty', () => {
    const figures = dashboard({ from: '2026-11-09', to: '2026-11-15' });
    const empty = { ...figures, cards: figures.cards.map((c) => ({ ...c, value: null })) };
    expect(summarizeReview('daily', { start: '2026-11-09', end: '2026-11-09' }, empty, 'en')).toBe(
      '2026-11-09: no data for this period.',
    );
  });
});
