// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TCollectRequest } from '../../../server/modules/analytics/analytics.collect.contract.js';
import {
  CONSENT_KEY,
  FLUSH_EVERY_MS,
  landingSourceOf,
  SESSION_KEY,
  scrubDigits,
  Tracker,
  type TrackerEnv,
  VISITOR_KEY,
} from './tracker.js';

let sent: { body: TCollectRequest; beacon: boolean }[];
let ids: number;
let loc: { pathname: string; search: string; origin: string };
let referrer: string;

function makeTracker(): Tracker {
  const env: TrackerEnv = {
    now: () => Date.now(),
    storage: () => localStorage,
    send: (_url, body, beacon) => sent.push({ body: JSON.parse(body) as TCollectRequest, beacon }),
    location: () => loc,
    referrer: () => referrer,
    newId: () => `id_${String(++ids).padStart(6, '0')}`,
  };
  return new Tracker(env);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-07T02:00:00Z'));
  localStorage.clear();
  sent = [];
  ids = 0;
  loc = {
    pathname: '/cars',
    search: '?utm_source=baidu&utm_medium=cpc&utm_campaign=han_ev',
    origin: 'https://autoyard.cn',
  };
  referrer = 'https://www.baidu.com/s?wd=han';
});
afterEach(() => {
  vi.useRealTimers();
});

describe('tracker', () => {
  it('sends nothing and stores nothing before consent, then sends the waiting events once granted', () => {
    const t = makeTracker();
    t.track('page_view');
    t.track('view_vehicle', {}, { listingId: 'lst_1', brandId: 'brd_byd' });
    vi.advanceTimersByTime(FLUSH_EVERY_MS * 3);
    expect(sent).toHaveLength(0);
    expect(localStorage.getItem(VISITOR_KEY)).toBeNull();

    t.setConsent('granted');
    expect(localStorage.getItem(CONSENT_KEY)).toBe('granted');
    vi.advanceTimersByTime(FLUSH_EVERY_MS);
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body;
    expect(body?.consent).toBe(true);
    expect(body?.events.map((e) => e.name)).toEqual(['page_view', 'view_vehicle']);
    expect(body?.events[1]).toMatchObject({ listingId: 'lst_1', brandId: 'brd_byd', path: '/cars' });
    expect(body?.source).toEqual({
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: 'han_ev',
      referrer: 'https://www.baidu.com/s?wd=han',
    });
    expect(body?.visitorId).toBe(localStorage.getItem(VISITOR_KEY));
  });

  it('a refusal sends nothing, ever, and keeps no visitor id', () => {
    const t = makeTracker();
    t.track('page_view');
    t.setConsent('declined');
    t.track('search', { words: 2, results: 10 });
    vi.advanceTimersByTime(FLUSH_EVERY_MS * 4);
    t.flush(true);
    expect(sent).toHaveLength(0);
    expect(localStorage.getItem(VISITOR_KEY)).toBeNull();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    // and a new page load remembers the answer
    const again = makeTracker();
    expect(again.consent).toBe('declined');
    again.track('page_view');
    again.flush(true);
    expect(sent).toHaveLength(0);
  });

  it('batches: every 5 seconds, at once at 20 events, and by beacon when the page goes away', () => {
    localStorage.setItem(CONSENT_KEY, 'granted');
    const t = makeTracker();
    t.track('page_view');
    vi.advanceTimersByTime(FLUSH_EVERY_MS - 1);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);

    for (let i = 0; i < 20; i++) t.track('compare', { size: 2 });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body.events).toHaveLength(20);
    expect(new Set(sent[1]?.body.events.map((e) => e.id)).size).toBe(20);

    t.track('favourite');
    t.flush(true);
    expect(sent[2]).toMatchObject({ beacon: true });
    expect(sent[2]?.body.events.map((e) => e.name)).toEqual(['favourite']);
    vi.advanceTimersByTime(FLUSH_EVERY_MS * 2);
    expect(sent).toHaveLength(3);
  });

  it('keeps the session while active and starts a new one after 30 minutes of inactivity', () => {
    localStorage.setItem(CONSENT_KEY, 'granted');
    const t = makeTracker();
    t.track('page_view');
    t.flush(false);
    const first = sent[0]?.body.sessionId;
    vi.advanceTimersByTime(29 * 60_000);
    t.track('page_view');
    t.flush(false);
    expect(sent[1]?.body.sessionId).toBe(first);

    vi.advanceTimersByTime(31 * 60_000);
    loc = { pathname: '/guide', search: '', origin: 'https://autoyard.cn' };
    referrer = 'https://www.xiaohongshu.com/explore/1';
    t.track('page_view');
    t.flush(false);
    const third = sent[2]?.body;
    expect(third?.sessionId).not.toBe(first);
    expect(third?.visitorId).toBe(sent[0]?.body.visitorId);
    // the new session lands with its own source
    expect(third?.source).toMatchObject({
      utmSource: null,
      referrer: 'https://www.xiaohongshu.com/explore/1',
    });
  });

  it('cleans props: drops nested and undefined values, shortens strings, keeps at most 10', () => {
    localStorage.setItem(CONSENT_KEY, 'granted');
    const t = makeTracker();
    const props: Record<string, string | number | undefined> = { long: 'x'.repeat(300), gone: undefined };
    for (let i = 0; i < 15; i++) props[`k${i}`] = i;
    t.track('search', props);
    t.flush(false);
    const p = sent[0]?.body.events[0]?.props ?? {};
    expect(Object.keys(p)).toHaveLength(10);
    expect(String(p.long)).toHaveLength(100);
    expect('gone' in p).toBe(false);
  });

  it('reads the landing source: UTM and only other sites as referrer; scrubs digit runs', () => {
    expect(
      landingSourceOf({ search: '', origin: 'https://autoyard.cn' }, 'https://autoyard.cn/cars'),
    ).toEqual({
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      referrer: null,
    });
    expect(scrubDigits('比亚迪 13812345678')).toBe('比亚迪');
  });
});
