import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTrafficChannel } from '../../kernel/attribution.contract.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import type { TCollectRequest } from './analytics.collect.contract.js';
import { deviceOf, isBotUserAgent, scrubDigits, truncateIp } from './analytics.collect.privacy.js';
import {
  analyticsEventTable,
  analyticsSessionTable,
  analyticsVisitorAccountTable,
} from './analytics.tracking.schema.js';

const CHROME_PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

let t: TestApp;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp({ config: { analyticsCollectPerMinute: 1000 } });
});
afterAll(async () => {
  await t.close();
});

function eventId() {
  seq++;
  return `evt_${String(seq).padStart(8, '0')}`;
}
function at(minutesFromNow: number) {
  return new Date(t.clock.now().getTime() + minutesFromNow * 60_000).toISOString();
}

async function collect(
  body: Partial<TCollectRequest> & Record<string, unknown>,
  opts: { ua?: string; ip?: string; headers?: Record<string, string> } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/collect',
    remoteAddress: opts.ip ?? '223.104.63.187',
    headers: { 'user-agent': opts.ua ?? CHROME_PHONE, ...(opts.headers ?? {}) },
    payload: { visitorId: 'vis_shanghai_0001', sessionId: 'ses_shanghai_0001', consent: true, ...body },
  });
}

async function eventsOfVisitor(visitorId: string) {
  return t.database.db
    .select()
    .from(analyticsEventTable)
    .where(eq(analyticsEventTable.visitorId, visitorId))
    .orderBy(analyticsEventTable.occurredAt);
}

describe('POST /api/v1/analytics/collect', () => {
  it('stores a batch with a truncated IP, the device, the landing channel and a session', async () => {
    const res = await collect(
      {
        visitorId: 'vis_beijing_0001',
        sessionId: 'ses_beijing_0001',
        source: {
          utmSource: 'baidu',
          utmMedium: 'cpc',
          utmCampaign: 'model_y_winter',
          referrer: 'https://www.baidu.com/s?wd=x',
        },
        events: [
          { id: eventId(), name: 'page_view', occurredAt: at(-2), path: '/cars' },
          {
            id: eventId(),
            name: 'view_vehicle',
            occurredAt: at(-1),
            path: '/cars/lst_1',
            listingId: 'lst_1',
            brandId: 'brd_byd',
            seriesId: 'ser_han',
            cityCode: '310100',
            props: { kind: 'new' },
          },
        ],
      },
      { ip: '223.104.63.187' },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, dropped: 0 });
    const rows = await eventsOfVisitor('vis_beijing_0001');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ipPrefix === '223.104.63.0/24')).toBe(true);
    expect(rows.every((r) => r.device === 'mobile' && r.channel === 'sem')).toBe(true);
    expect(rows[1]).toMatchObject({
      listingId: 'lst_1',
      brandId: 'brd_byd',
      cityCode: '310100',
      props: { kind: 'new' },
    });
    expect(rows[0]?.referrerHost).toBe('www.baidu.com');
    const [session] = await t.database.db
      .select()
      .from(analyticsSessionTable)
      .where(eq(analyticsSessionTable.id, 'ses_beijing_0001'));
    expect(session).toMatchObject({
      visitorId: 'vis_beijing_0001',
      pageViews: 1,
      events: 2,
      channel: 'sem',
      landingPath: '/cars',
      utmCampaign: 'model_y_winter',
      cityCode: '310100',
    });
  });

  it('refuses bad batches with 400 VALIDATION_FAILED', async () => {
    const ok = { id: eventId(), name: 'page_view', occurredAt: at(0), path: '/' };
    const bad: Record<string, unknown>[] = [
      { events: [] },
      { events: Array.from({ length: 51 }, () => ({ ...ok, id: eventId() })) },
      { events: [{ ...ok, name: 'steal_cookies' }] },
      { events: [{ ...ok, id: 'x' }] },
      { visitorId: "v'; drop table--", events: [ok] },
      { consent: false, events: [ok] },
      { events: [{ ...ok, props: { nested: { a: 1 } } }] },
      { events: [{ ...ok, props: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) }] },
      { events: [{ ...ok, props: { note: '很长'.repeat(60) } }] },
      { events: [{ ...ok, occurredAt: 'yesterday' }] },
    ];
    for (const body of bad) {
      const res = await collect(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers bots 202 and stores nothing, but keeps our own HeadlessChrome journeys', async () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
      'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
      'python-requests/2.31.0',
      'curl/8.5.0',
    ]) {
      const res = await collect(
        {
          visitorId: 'vis_crawler_001',
          events: [{ id: eventId(), name: 'page_view', occurredAt: at(0), path: '/' }],
        },
        { ua },
      );
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ accepted: 0, dropped: 1 });
    }
    expect(await eventsOfVisitor('vis_crawler_001')).toHaveLength(0);
    const ours = await collect(
      {
        visitorId: 'vis_e2e_journey',
        events: [{ id: eventId(), name: 'page_view', occurredAt: at(0), path: '/' }],
      },
      { ua: HEADLESS },
    );
    expect(ours.json()).toEqual({ accepted: 1, dropped: 0 });
    expect(await eventsOfVisitor('vis_e2e_journey')).toHaveLength(1);
  });

  it('strips props that look personal and digit runs from search text', async () => {
    const res = await collect({
      visitorId: 'vis_privacy_001',
      sessionId: 'ses_privacy_001',
      events: [
        {
          id: eventId(),
          name: 'search',
          occurredAt: at(0),
          props: {
            query: '比亚迪汉 13812345678 落地价',
            words: 3,
            results: 12,
            phone: '021-555',
            contact: 'zhang.wei@example.cn',
            idNo: '31010519900307123X',
            userName: '张伟',
            note: '手机13912345678',
            sort: 'price_asc',
          },
        },
      ],
    });
    expect(res.statusCode).toBe(202);
    const [row] = await eventsOfVisitor('vis_privacy_001');
    expect(row?.props).toEqual({ query: '比亚迪汉 落地价', words: 3, results: 12, sort: 'price_asc' });
    expect(JSON.stringify(row)).not.toMatch(/138|139|example\.cn|张伟|31010519900307/);
  });

  it('stores a retried batch once and counts it once in the session', async () => {
    const batch = {
      visitorId: 'vis_retry_0001',
      sessionId: 'ses_retry_0001',
      events: [
        { id: eventId(), name: 'page_view' as const, occurredAt: at(-3), path: '/' },
        { id: eventId(), name: 'page_view' as const, occurredAt: at(-2), path: '/cars' },
        { id: eventId(), name: 'compare' as const, occurredAt: at(-1), props: { size: 3 } },
      ],
    };
    expect((await collect(batch)).json()).toEqual({ accepted: 3, dropped: 0 });
    expect((await collect(batch)).statusCode).toBe(202);
    expect(await eventsOfVisitor('vis_retry_0001')).toHaveLength(3);
    const [s] = await t.database.db
      .select()
      .from(analyticsSessionTable)
      .where(eq(analyticsSessionTable.id, 'ses_retry_0001'));
    expect(s).toMatchObject({ events: 3, pageViews: 2 });
  });

  it('counts concurrent batches of one visit once each when they share a statement', async () => {
    const visitorId = 'vis_burst_0001';
    const sessionId = 'ses_burst_0001';
    const buyer = await createTestBuyer(t.ctx, '13900139000');
    const sends = Array.from({ length: 6 }, (_, n) =>
      collect(
        {
          visitorId,
          sessionId,
          events: [
            { id: eventId(), name: 'page_view', occurredAt: at(-10 + n), path: `/p${n}` },
            { id: eventId(), name: 'favourite', occurredAt: at(-10 + n), listingId: `lst_${n}` },
          ],
        },
        { headers: buyer.bearer },
      ),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await eventsOfVisitor(visitorId)).toHaveLength(12);
    const sessions = await t.database.db
      .select()
      .from(analyticsSessionTable)
      .where(eq(analyticsSessionTable.visitorId, visitorId));
    expect(sessions.map((x) => [x.id, x.events, x.pageViews])).toEqual([[sessionId, 12, 6]]);
    const links = await t.database.db
      .select()
      .from(analyticsVisitorAccountTable)
      .where(eq(analyticsVisitorAccountTable.visitorId, visitorId));
    expect(links).toHaveLength(1);
  });

  it('clamps events from the future and drops events older than 7 days', async () => {
    const res = await collect({
      visitorId: 'vis_clock_0001',
      sessionId: 'ses_clock_0001',
      events: [
        { id: eventId(), name: 'page_view', occurredAt: at(60 * 24), path: '/future' },
        { id: eventId(), name: 'page_view', occurredAt: at(5), path: '/slightly-ahead' },
        { id: eventId(), name: 'page_view', occurredAt: at(-8 * 24 * 60), path: '/stale' },
      ],
    });
    expect(res.json()).toEqual({ accepted: 2, dropped: 1 });
    const rows = await eventsOfVisitor('vis_clock_0001');
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r.occurredAt.toISOString()]));
    expect(byPath['/future']).toBe(t.clock.now().toISOString());
    expect(byPath['/slightly-ahead']).toBe(at(5));
    expect(byPath['/stale']).toBeUndefined();
  });

  it('starts a new session server-side after 30 minutes of inactivity, and not before', async () => {
    const visitorId = 'vis_gap_00001';
    const sessionId = 'ses_gap_00001';
    await collect({
      visitorId,
      sessionId,
      events: [{ id: eventId(), name: 'page_view', occurredAt: at(-90), path: '/' }],
    });
    // 29 minutes later: the same session
    await collect({
      visitorId,
      sessionId,
      events: [{ id: eventId(), name: 'page_view', occurredAt: at(-61), path: '/cars' }],
    });
    // 31 minutes after that, the client still sends the old session id: the server starts a new one
    await collect({
      visitorId,
      sessionId,
      source: { referrer: 'https://www.xiaohongshu.com/explore/1' },
      events: [
        { id: eventId(), name: 'page_view', occurredAt: at(-30), path: '/guide' },
        { id: eventId(), name: 'view_vehicle', occurredAt: at(-29), listingId: 'lst_9' },
      ],
    });
    // and the next batch continues that new session
    await collect({
      visitorId,
      sessionId,
      events: [{ id: eventId(), name: 'favourite', occurredAt: at(-10) }],
    });
    const sessions = await t.database.db
      .select()
      .from(analyticsSessionTable)
      .where(eq(analyticsSessionTable.visitorId, visitorId))
      .orderBy(analyticsSessionTable.startedAt);
    expect(sessions.map((s) => [s.pageViews, s.events])).toEqual([
      [2, 2],
      [1, 3],
    ]);
    expect(sessions[0]?.id).toBe(sessionId);
    expect(sessions[1]?.id).toMatch(/^ses_gap_00001~/);
    expect(sessions[1]).toMatchObject({ landingPath: '/guide', channel: 'social' });
    expect(sessions[1]?.startedAt.toISOString()).toBe(at(-30));
    expect(sessions[1]?.lastEventAt.toISOString()).toBe(at(-10));
    const rows = await eventsOfVisitor(visitorId);
    expect(rows.map((r) => r.sessionId === sessionId)).toEqual([true, true, false, false, false]);
  });

  it('links the visitor to the buyer account once the buyer has signed in', async () => {
    const visitorId = 'vis_signin_001';
    const sessionId = 'ses_signin_001';
    await collect({
      visitorId,
      sessionId,
      events: [{ id: eventId(), name: 'page_view', occurredAt: at(-5), path: '/' }],
    });
    const buyer = await createTestBuyer(t.ctx, '13800138000');
    await collect(
      {
        visitorId,
        sessionId,
        events: [{ id: eventId(), name: 'start_order', occurredAt: at(-1), listingId: 'lst_3' }],
      },
      { headers: buyer.bearer },
    );
    const links = await t.database.db
      .select()
      .from(analyticsVisitorAccountTable)
      .where(eq(analyticsVisitorAccountTable.visitorId, visitorId));
    expect(links.map((l) => l.accountId)).toEqual([buyer.id]);
    const rows = await eventsOfVisitor(visitorId);
    expect(rows.map((r) => r.accountId)).toEqual([null, buyer.id]);
    const [s] = await t.database.db
      .select()
      .from(analyticsSessionTable)
      .where(eq(analyticsSessionTable.id, sessionId));
    expect(s?.accountId).toBe(buyer.id);
    expect(JSON.stringify(rows)).not.toContain('13800138000');
  });

  it('limits batches per IP with 429 RATE_LIMITED', async () => {
    const limited = await createTestApp({ config: { analyticsCollectPerMinute: 3 } });
    try {
      const send = (ip: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/analytics/collect',
          remoteAddress: ip,
          headers: { 'user-agent': CHROME_PHONE },
          payload: {
            visitorId: 'vis_flood_0001',
            sessionId: 'ses_flood_0001',
            consent: true,
            events: [
              { id: eventId(), name: 'page_view', occurredAt: limited.clock.now().toISOString(), path: '/' },
            ],
          },
        });
      for (let i = 0; i < 3; i++) expect((await send('117.136.12.9')).statusCode).toBe(202);
      const blocked = await send('117.136.12.9');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      expect((await send('117.136.12.10')).statusCode).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('keeps rows in the raw table only as the partitioned parent', async () => {
    const r = (await t.database.db.execute(
      sql`select count(*)::int as n from only analytics_events`,
    )) as unknown as { rows: { n: number }[] };
    expect(r.rows[0]?.n).toBe(0);
  });
});

describe('privacy helpers', () => {
  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('117.136.12.9')).toBe('117.136.12.0/24');
    expect(truncateIp('::ffff:10.1.2.3')).toBe('10.1.2.0/24');
    expect(truncateIp('2408:8207:2c5e:1a0:d8b5:3e4f:aa10:1')).toBe('2408:8207:2c5e::/48');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(truncateIp('::1')).toBe('0:0:0::/48');
    expect(truncateIp(null)).toBeNull();
  });

  it('tells bots, phones, tablets and desktops apart', () => {
    expect(isBotUserAgent('Mozilla/5.0 (compatible; YisouSpider/5.0)')).toBe(true);
    expect(isBotUserAgent('Mozilla/5.0 (compatible; 360Spider)')).toBe(true);
    expect(isBotUserAgent('Mozilla/5.0 (compatible; bingbot/2.0)')).toBe(true);
    expect(isBotUserAgent(undefined)).toBe(true);
    expect(isBotUserAgent(HEADLESS)).toBe(false);
    expect(isBotUserAgent(CHROME_PHONE)).toBe(false);
    expect(deviceOf(CHROME_PHONE)).toBe('mobile');
    expect(deviceOf('Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15')).toBe('tablet');
    expect(
      deviceOf('Mozilla/5.0 (Linux; Android 13; MatePad) AppleWebKit/537.36 Chrome/120 Safari/537.36'),
    ).toBe('tablet');
    expect(deviceOf(HEADLESS)).toBe('desktop');
  });

  it('strips digit runs of 7 or more from search text', () => {
    expect(scrubDigits('汉EV 13812345678 落地价')).toBe('汉EV 落地价');
    expect(scrubDigits('找 138 1234 5678 的顾问')).toBe('找 的顾问');
    expect(scrubDigits('宋PLUS DM-i 110 km')).toBe('宋PLUS DM-i 110 km');
  });

  it('classifies traffic channels from UTM and referrer', () => {
    expect(classifyTrafficChannel({ utmMedium: 'cpc', referrer: 'https://www.baidu.com/' })).toBe('sem');
    expect(classifyTrafficChannel({ utmMedium: 'PPC' })).toBe('sem');
    expect(classifyTrafficChannel({ utmMedium: 'kol', utmSource: 'douyin' })).toBe('kol');
    expect(classifyTrafficChannel({ utmMedium: 'affiliate' })).toBe('partner');
    expect(classifyTrafficChannel({ utmMedium: 'cps' })).toBe('partner');
    expect(classifyTrafficChannel({ utmMedium: 'social' })).toBe('social');
    expect(classifyTrafficChannel({ referrer: 'https://weibo.com/u/1' })).toBe('social');
    expect(classifyTrafficChannel({ referrer: 'https://www.douyin.com/video/1' })).toBe('social');
    expect(classifyTrafficChannel({ referrer: 'https://www.zhihu.com/question/1' })).toBe('social');
    expect(classifyTrafficChannel({ referrer: 'https://m.baidu.com/s?word=x' })).toBe('seo');
    expect(classifyTrafficChannel({ referrer: 'https://m.sm.cn/s?q=x' })).toBe('seo');
    expect(classifyTrafficChannel({ referrer: 'https://www.google.com.hk/' })).toBe('seo');
    expect(classifyTrafficChannel({ referrer: 'https://example.com/' })).toBe('direct');
    expect(classifyTrafficChannel({})).toBe('direct');
  });
});
