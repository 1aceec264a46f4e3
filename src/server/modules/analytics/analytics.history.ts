import { eq, sql } from 'drizzle-orm';
import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import { SHANGHAI_OFFSET_MS, shanghaiDay, shanghaiDayStart } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { trimsWithSeriesAndBrand } from '../catalog/index.js';
import { listingsForSearchIndex } from '../listings/index.js';
import type { AnalyticsFactKind } from './analytics.enums.js';
import {
  countAround,
  cumulate,
  DAY_MS,
  dayFactor,
  pickWeighted,
  prng,
} from './analytics.history.calendar.js';
import { analyticsFactTable, type NewAnalyticsFactRow } from './analytics.tracking.schema.js';

// A plausible, deterministic history written straight into the analytics tables: the demo seed's year (so
// the dashboards and the forecast mean something on first start) and the bench's 5 million events. Sessions
// are generated here; their events are expanded by the database (INSERT ... SELECT over generate_series), so
// a chunk of 1,000 sessions is one statement of ~4,000 rows rather than 4,000 bound rows. Facts (orders,
// leads, test drives, shop orders, surveys, registrations) follow the sessions: a visitor who consulted may
// become a lead, a registered account places orders that go deposit -> paid -> delivered or are cancelled.

/** A car on offer, with the catalogue ids that let dashboards resolve names. */
export interface HistoryListing {
  readonly listingId: string;
  readonly trimId: string;
  readonly seriesId: string;
  readonly brandId: string;
  readonly dealerId: string;
  readonly cityCode: string;
  readonly priceFen: number;
}

export interface HistoryOptions {
  /** The PRNG seed: the same seed, market and options write the same rows. */
  readonly seed: number;
  /** How many days back, ending with `endDay`. */
  readonly days: number;
  /** The last day of history (Asia/Shanghai calendar day, YYYY-MM-DD), usually yesterday. */
  readonly endDay: string;
  /** Sessions on an ordinary weekday at the start of the history (growth, seasons and festivals scale it). */
  readonly sessionsPerDay: number;
  /** Car orders on an ordinary weekday at the start (most of them start offline, at a store). */
  readonly ordersPerDay: number;
  /** Growth over a year, 0.4 = +40 %. */
  readonly yearlyGrowth?: number;
  readonly market: readonly HistoryListing[];
  /** Prefix of the generated ids and of the facts' source event ids (`seed:<n>`). */
  readonly prefix?: string;
  /** Sessions per INSERT statement. */
  readonly chunk?: number;
}

export interface HistoryCounts {
  sessions: number;
  events: number;
  visitors: number;
  accounts: number;
  facts: number;
  factsByKind: Partial<Record<AnalyticsFactKind, number>>;
}

// ---- sessions and their paths ----

const CHANNELS: readonly TrafficChannel[] = ['seo', 'sem', 'social', 'kol', 'partner', 'direct'];
const CHANNEL_WEIGHTS = [0.3, 0.19, 0.15, 0.08, 0.07, 0.21];
/** During 618 and 双11 paid search and KOL campaigns bring more of the traffic. */
const PROMO_CHANNEL_WEIGHTS = [0.22, 0.27, 0.16, 0.15, 0.06, 0.14];
const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
const DEVICE_CUM = cumulate([0.68, 0.05, 0.27]);
/** Sessions by hour of day (Asia/Shanghai): lunch and the evening after work. */
const HOUR_CUM = cumulate([
  1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.8, 3, 4, 4.5, 5, 6, 5, 4.5, 4.5, 4.5, 4.8, 5, 6, 7.5, 8, 6, 3,
]);

/**
 * Event letters of a path (the SQL maps them to TRACKED_EVENT_NAMES): p page_view, v view_vehicle,
 * s search, c compare, f favourite, k start_consultation, t book_test_drive, r price_calculation,
 * l loan_calculation, o start_order, y pay, a add_to_cart.
 */
const STEP_LETTERS = ['p', 'v', 's', 'c', 'f', 'r', 'l', 'k', 't', 'a', 'o'] as const;
const STEP_CUM = cumulate([0.4, 0.28, 0.1, 0.045, 0.04, 0.04, 0.025, 0.06, 0.025, 0.012, 0.005]);
const LETTER_NAMES: Record<string, string> = {
  p: 'page_view',
  v: 'view_vehicle',
  s: 'search',
  c: 'compare',
  f: 'favourite',
  k: 'start_consultation',
  t: 'book_test_drive',
  r: 'price_calculation',
  l: 'loan_calculation',
  o: 'start_order',
  y: 'pay',
  a: 'add_to_cart',
};

function pathOf(rand: () => number): string {
  // A third of visits bounce; the rest browse a geometric number of further steps.
  if (rand() < 0.36) return 'p';
  let path = 'p';
  const extra = 1 + Math.min(28, Math.floor(Math.log(Math.max(rand(), 1e-9)) / Math.log(0.74)));
  for (let i = 0; i < extra; i++) {
    const step = pickWeighted(rand, STEP_LETTERS, STEP_CUM);
    path += step;
    if (step === 'o' && rand() < 0.5) path += 'y';
  }
  return path;
}

const LANDING: Record<TrafficChannel, readonly string[]> = {
  seo: ['/', '/cars', '/series'],
  sem: ['/cars', '/'],
  social: ['/', '/cars'],
  kol: ['/cars'],
  partner: ['/cars'],
  direct: ['/', '/account'],
};

function utmOf(
  channel: TrafficChannel,
  promo: string | null,
): {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrerHost: string | null;
} {
  switch (channel) {
    case 'seo':
      return { utmSource: null, utmMedium: null, utmCampaign: null, referrerHost: 'www.baidu.com' };
    case 'sem':
      return {
        utmSource: 'baidu',
        utmMedium: 'cpc',
        utmCampaign: promo ?? 'always_on',
        referrerHost: 'www.baidu.com',
      };
    case 'social':
      return {
        utmSource: 'weixin',
        utmMedium: 'social',
        utmCampaign: promo,
        referrerHost: 'mp.weixin.qq.com',
      };
    case 'kol':
      return {
        utmSource: 'douyin',
        utmMedium: 'kol',
        utmCampaign: promo ?? 'review_video',
        referrerHost: 'www.douyin.com',
      };
    case 'partner':
      return {
        utmSource: 'autohome',
        utmMedium: 'referral',
        utmCampaign: null,
        referrerHost: 'www.autohome.com.cn',
      };
    default:
      return { utmSource: null, utmMedium: null, utmCampaign: null, referrerHost: null };
  }
}

function promoOf(day: string): string | null {
  const md = day.slice(5);
  if (md >= '06-01' && md <= '06-18') return '618';
  if (md >= '10-20' && md <= '11-11') return 'double11';
  return null;
}

interface PendingSession {
  id: string;
  visitorId: string;
  accountId: string | null;
  startedAt: Date;
  gapSeconds: number;
  path: string;
  channel: TrafficChannel;
  utm: ReturnType<typeof utmOf>;
  landingPath: string;
  cityCode: string;
  device: (typeof DEVICES)[number];
  listingIdx: number;
}

function pageViewsOf(path: string): number {
  let n = 0;
  for (const ch of path) if (ch === 'p' || ch === 'v') n++;
  return n;
}

/** The letters -> event names CASE, built once from LETTER_NAMES. */
const NAME_CASE = sql.raw(
  `case substr(s.path, n + 1, 1) ${Object.entries(LETTER_NAMES)
    .map(([l, name]) => `when '${l}' then '${name}'`)
    .join(' ')} else 'page_view' end`,
);

async function insertChunk(
  db: DbHandle,
  sessions: readonly PendingSession[],
  market: readonly HistoryListing[],
) {
  if (sessions.length === 0) return;
  // The listings the chunk's events look at, numbered so an event can step to a neighbour (comparisons).
  const used = [...new Set(sessions.map((s) => s.listingIdx))].sort((x, y) => x - y);
  const cars = used.map((idx, k) => {
    const l = market[idx] as HistoryListing;
    return {
      k,
      idx,
      listing_id: l.listingId,
      trim_id: l.trimId,
      series_id: l.seriesId,
      brand_id: l.brandId,
      dealer_id: l.dealerId,
    };
  });
  const rows = sessions.map((s) => ({
    id: s.id,
    visitor_id: s.visitorId,
    account_id: s.accountId,
    started_at: s.startedAt.toISOString(),
    last_event_at: new Date(s.startedAt.getTime() + (s.path.length - 1) * s.gapSeconds * 1000).toISOString(),
    page_views: pageViewsOf(s.path),
    gap: s.gapSeconds,
    path: s.path,
    channel: s.channel,
    utm_source: s.utm.utmSource,
    utm_medium: s.utm.utmMedium,
    utm_campaign: s.utm.utmCampaign,
    referrer_host: s.utm.referrerHost,
    city_code: s.cityCode,
    device: s.device,
    listing_idx: s.listingIdx,
    landing: s.landingPath,
  }));
  // One JSON parameter per chunk (parsed by the database in C) instead of ~15 bound values per row: binding
  // tens of thousands of parameters is what makes multi-row INSERTs slow, on PGlite most of all. Sessions and
  // their events go in one statement; vehicle-related steps carry the session's car, every third step of a
  // long visit looks at another of the chunk's cars (what a compare or a "similar cars" click does).
  await db.execute(sql`
    with s as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, visitor_id text,
        account_id text, started_at timestamptz, last_event_at timestamptz, page_views int, gap int, path text,
        channel text, utm_source text, utm_medium text, utm_campaign text, referrer_host text, city_code text,
        device text, listing_idx int, landing text)
    ),
    ln as (
      select * from jsonb_to_recordset(${JSON.stringify(cars)}::jsonb) as y(k int, idx int, listing_id text,
        trim_id text, series_id text, brand_id text, dealer_id text)
    ),
    sessions as (
      insert into analytics_sessions (id, visitor_id, account_id, started_at, last_event_at, page_views, events,
        channel, utm_source, utm_campaign, referrer_host, landing_path, city_code, device)
      select id, visitor_id, account_id, started_at, last_event_at, page_views, length(path), channel,
        utm_source, utm_campaign, referrer_host, landing, city_code, device
      from s
    )
    insert into analytics_events (id, occurred_at, received_at, name, visitor_id, session_id, account_id, path,
      channel, utm_source, utm_medium, utm_campaign, referrer_host, city_code, brand_id, series_id, trim_id,
      listing_id, dealer_id, device, ip_prefix, props)
    select s.id || '.' || n,
      s.started_at + make_interval(secs => n * s.gap),
      s.started_at + make_interval(secs => n * s.gap + 2),
      e.name, s.visitor_id, s.id, s.account_id,
      case when n = 0 then s.landing
           when e.name = 'search' then '/search'
           when e.name = 'add_to_cart' then '/shop'
           else '/cars/' || car.listing_id end,
      s.channel, s.utm_source, s.utm_medium, s.utm_campaign, s.referrer_host, s.city_code,
      case when e.with_car then car.brand_id end, case when e.with_car then car.series_id end,
      case when e.with_car then car.trim_id end, case when e.with_car then car.listing_id end,
      case when e.with_car then car.dealer_id end,
      s.device, null,
      case e.name when 'compare' then '{"size":2}'::jsonb
                  when 'search' then jsonb_build_object('results', 5 + (n * 7) % 40)
                  else '{}'::jsonb end
    from s
    cross join lateral generate_series(0, length(s.path) - 1) as n
    cross join lateral (select ${NAME_CASE} as name) as e0
    cross join lateral (select e0.name,
        e0.name not in ('search', 'add_to_cart') and (n > 0 or s.landing like '/cars%') as with_car) as e
    join ln focus on focus.idx = s.listing_idx
    join ln car on car.k = (focus.k + case when n % 3 = 2 then n else 0 end) % ${cars.length}
  `);
}

// ---- facts ----

interface Account {
  id: string;
  visitorId: string;
  channel: TrafficChannel;
  cityCode: string;
}

class FactWriter {
  readonly rows: NewAnalyticsFactRow[] = [];
  readonly byKind: Partial<Record<AnalyticsFactKind, number>> = {};
  total = 0;
  private n = 0;
  constructor(
    private readonly prefix: string,
    private readonly until: Date,
  ) {}

  add(
    kind: AnalyticsFactKind,
    at: Date,
    subjectId: string,
    fields: Partial<NewAnalyticsFactRow> = {},
  ): boolean {
    if (at.getTime() >= this.until.getTime()) return false; // not yet happened at the end of the history
    this.n++;
    this.rows.push({
      id: `${this.prefix}f${this.n}`,
      kind,
      sourceEventId: `${this.prefix}:${this.n}`,
      occurredAt: at,
      subjectId,
      props: {},
      ...fields,
    });
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.total++;
    return true;
  }

  async flush(db: DbHandle, force = false) {
    if (this.rows.length === 0 || (!force && this.rows.length < 2000)) return;
    const rows = this.rows.splice(0).map((r) => ({
      id: r.id,
      kind: r.kind,
      source_event_id: r.sourceEventId,
      occurred_at: (r.occurredAt as Date).toISOString(),
      subject_id: r.subjectId,
      account_id: r.accountId ?? null,
      amount_fen: r.amountFen ?? null,
      cost_fen: r.costFen ?? null,
      city_code: r.cityCode ?? null,
      brand_id: r.brandId ?? null,
      series_id: r.seriesId ?? null,
      trim_id: r.trimId ?? null,
      dealer_id: r.dealerId ?? null,
      channel: r.channel ?? null,
      props: r.props ?? {},
    }));
    // One JSON parameter per statement, like the sessions (see insertChunk).
    await db.execute(sql`
      insert into analytics_facts (id, kind, source_event_id, occurred_at, subject_id, account_id, amount_fen,
        cost_fen, city_code, brand_id, series_id, trim_id, dealer_id, channel, props)
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, kind text,
        source_event_id text, occurred_at timestamptz, subject_id text, account_id text, amount_fen bigint,
        cost_fen bigint, city_code text, brand_id text, series_id text, trim_id text, dealer_id text,
        channel text, props jsonb)
    `);
  }
}

const MIN = 60_000;
const HOUR = 3_600_000;

function dims(l: HistoryListing) {
  return {
    cityCode: l.cityCode,
    brandId: l.brandId,
    seriesId: l.seriesId,
    trimId: l.trimId,
    dealerId: l.dealerId,
  };
}

/** Satisfaction after delivery: mostly 4-5 stars. */
const RATING_CUM = cumulate([0.03, 0.04, 0.1, 0.28, 0.55]);
const RATINGS = [1, 2, 3, 4, 5];

/**
 * Writes `options.days` days of history ending with `options.endDay` into the analytics tables. Returns the
 * counts written. Deterministic: the same options (seed, market) write the same rows.
 */
export async function generateAnalyticsHistory(
  db: DbHandle,
  options: HistoryOptions,
): Promise<HistoryCounts> {
  const market = options.market;
  if (market.length === 0) throw new Error('generateAnalyticsHistory: the market has no listings');
  const rand = prng(options.seed);
  const prefix = options.prefix ?? 'seed';
  const chunkSize = options.chunk ?? 4000;
  const growth = options.yearlyGrowth ?? 0.4;
  const startMs = Date.parse(`${options.endDay}T00:00:00Z`) - (options.days - 1) * DAY_MS;
  const until = shanghaiDayStart(
    new Date(Date.parse(`${options.endDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10),
  );

  // Popularity: series ranked (by id, so the ranking is stable) with a Zipf-like weight; each series also
  // gets its own growth, so the forecast has rising and fading series to tell apart.
  const seriesIds = [...new Set(market.map((l) => l.seriesId))].sort();
  const seriesRank = new Map(seriesIds.map((id, i) => [id, i]));
  const seriesGrowth = new Map(seriesIds.map((id) => [id, -0.3 + rand() * 0.9]));
  const listingWeight = (l: HistoryListing, t: number) => {
    const rank = (seriesRank.get(l.seriesId) ?? 0) + 1;
    return (1 / rank ** 0.8) * Math.max(0.2, 1 + (seriesGrowth.get(l.seriesId) ?? 0) * t);
  };
  const cities = [...new Set(market.map((l) => l.cityCode))].sort();
  const indices = market.map((_, i) => i);

  const counts: HistoryCounts = {
    sessions: 0,
    events: 0,
    visitors: 0,
    accounts: 0,
    facts: 0,
    factsByKind: {},
  };
  const facts = new FactWriter(prefix, until);
  const visitors: { id: string; account: Account | null; channel: TrafficChannel; cityCode: string }[] = [];
  const accounts: Account[] = [];
  const links: { visitorId: string; accountId: string; linkedAt: Date }[] = [];
  let pending: PendingSession[] = [];
  let orderNo = 0;
  let leadNo = 0;
  let driveNo = 0;
  let shopNo = 0;

  for (let di = 0; di < options.days; di++) {
    const day = new Date(startMs + di * DAY_MS).toISOString().slice(0, 10);
    const dayStart = shanghaiDayStart(day).getTime();
    const t = di / 365;
    const trend = 1 + growth * t;
    const factor = dayFactor(day) * trend * (0.92 + rand() * 0.16);
    const promo = promoOf(day);
    const cum = cumulate(market.map((l) => listingWeight(l, t)));
    const channelCum = cumulate(promo ? PROMO_CHANNEL_WEIGHTS : CHANNEL_WEIGHTS);
    const nSessions = countAround(rand, options.sessionsPerDay * factor);

    for (let si = 0; si < nSessions; si++) {
      // Four in ten visits are by someone seen before (more of them as the audience grows).
      const returning =
        visitors.length > 0 && rand() < 0.4 ? visitors[Math.floor(rand() * visitors.length)] : undefined;
      const listingIdx = pickWeighted(rand, indices, cum);
      const car = market[listingIdx] as HistoryListing;
      const visitor = returning ?? {
        id: `${prefix}v${visitors.length + 1}`,
        account: null,
        channel: pickWeighted(rand, CHANNELS, channelCum),
        cityCode: rand() < 0.8 ? car.cityCode : (cities[Math.floor(rand() * cities.length)] as string),
      };
      if (!returning) visitors.push(visitor);
      const channel = returning && rand() < 0.5 ? 'direct' : visitor.channel;
      const hour = pickWeighted(rand, [...Array(24).keys()], HOUR_CUM);
      const startedAt = new Date(dayStart + hour * HOUR + Math.floor(rand() * HOUR));
      const path = pathOf(rand);
      const gapSeconds = 20 + Math.floor(rand() * 70);
      const session: PendingSession = {
        id: `${prefix}s${counts.sessions + 1}`,
        visitorId: visitor.id,
        accountId: visitor.account?.id ?? null,
        startedAt,
        gapSeconds,
        path,
        channel,
        utm: utmOf(channel, promo),
        landingPath: LANDING[channel][Math.floor(rand() * LANDING[channel].length)] as string,
        cityCode: visitor.cityCode,
        device: pickWeighted(rand, DEVICES, DEVICE_CUM),
        listingIdx,
      };
      pending.push(session);
      counts.sessions++;
      counts.events += path.length;
      const end = startedAt.getTime() + (path.length - 1) * gapSeconds * 1000;

      // Registration: some engaged visitors sign up (the account is linked to the visitor from then on).
      if (!visitor.account && path.length >= 3 && rand() < 0.09) {
        const account: Account = {
          id: `${prefix}a${accounts.length + 1}`,
          visitorId: visitor.id,
          channel: visitor.channel,
          cityCode: visitor.cityCode,
        };
        accounts.push(account);
        visitor.account = account;
        links.push({ visitorId: visitor.id, accountId: account.id, linkedAt: new Date(end) });
        facts.add('customer_registered', new Date(end), account.id, {
          accountId: account.id,
          cityCode: account.cityCode,
          channel: account.channel,
        });
      }
      const accountId = visitor.account?.id ?? null;
      // Consultations become leads; the advisor's first answer mostly within the 30-minute SLA.
      if (path.includes('k')) {
        const at = new Date(startedAt.getTime() + path.indexOf('k') * gapSeconds * 1000);
        facts.add('consultation_started', at, `${prefix}c${counts.sessions}`, {
          ...dims(car),
          channel,
          accountId,
        });
        if (rand() < 0.6) {
          const leadId = `${prefix}lead${++leadNo}`;
          facts.add('lead_created', at, leadId, { ...dims(car), channel, accountId });
          const night = new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours() < 8;
          const responseSeconds = Math.round(
            (night ? 6 * 3600 : 60) * Math.exp(Math.abs(rand() + rand() + rand() - 1.5) * 3.2),
          );
          facts.add('lead_first_response', new Date(at.getTime() + responseSeconds * 1000), leadId, {
            ...dims(car),
            channel,
            accountId,
            props: { responseSeconds, withinSla: responseSeconds <= 1800 },
          });
        }
      }
      if (path.includes('t') && rand() < 0.8) {
        const at = new Date(startedAt.getTime() + path.indexOf('t') * gapSeconds * 1000);
        const driveId = `${prefix}td${++driveNo}`;
        facts.add('testdrive_booked', at, driveId, { ...dims(car), channel, accountId });
        const when = new Date(at.getTime() + (1 + Math.floor(rand() * 5)) * DAY_MS);
        facts.add('testdrive_outcome', when, driveId, {
          ...dims(car),
          channel,
          accountId,
          props: { outcome: rand() < 0.78 ? 'completed' : 'no_show' },
        });
      }
      if (path.includes('a') && accountId && rand() < 0.45) {
        const at = new Date(end);
        const shopId = `${prefix}so${++shopNo}`;
        const amountFen = (50 + Math.floor(rand() * 1950)) * 100;
        facts.add('shop_order_paid', at, shopId, {
          cityCode: visitor.cityCode,
          channel,
          accountId,
          amountFen,
        });
        const within = rand() < 0.93;
        const hours = within ? 2 + rand() * 44 : 49 + rand() * 60;
        facts.add('shop_order_shipped', new Date(at.getTime() + hours * HOUR), shopId, {
          cityCode: visitor.cityCode,
          channel,
          accountId,
          props: { shippedWithin48h: within },
        });
      }
      if (pending.length >= chunkSize) {
        await insertChunk(db, pending, market);
        pending = [];
        await facts.flush(db);
      }
    }

    // Car orders: by registered accounts (a few buy twice), during opening hours, the car by popularity.
    const nOrders = countAround(rand, options.ordersPerDay * factor);
    for (let oi = 0; oi < nOrders; oi++) {
      let account =
        accounts.length > 0 && rand() < 0.9 ? accounts[Math.floor(rand() * accounts.length)] : undefined;
      if (!account) {
        // Walk-in buyers register at the store.
        const visitorId = `${prefix}v${visitors.length + 1}`;
        const channel = pickWeighted(rand, CHANNELS, channelCum);
        account = { id: `${prefix}a${accounts.length + 1}`, visitorId, channel, cityCode: '' };
        const car0 = pickWeighted(rand, market, cum);
        account.cityCode = car0.cityCode;
        visitors.push({ id: visitorId, account, channel, cityCode: car0.cityCode });
        accounts.push(account);
        const at = new Date(dayStart + (10 + rand() * 8) * HOUR);
        links.push({ visitorId, accountId: account.id, linkedAt: at });
        facts.add('customer_registered', at, account.id, {
          accountId: account.id,
          cityCode: account.cityCode,
          channel,
        });
      }
      const car = pickWeighted(rand, market, cum);
      const orderId = `${prefix}o${++orderNo}`;
      const placed = new Date(dayStart + (10 + rand() * 10) * HOUR);
      const amountFen = Math.round((car.priceFen * (0.97 + rand() * 0.04)) / 10_000) * 10_000;
      const costFen = Math.round(amountFen * (0.88 + rand() * 0.07));
      const depositFen = Math.min(
        2_000_000,
        Math.max(500_000, Math.round((amountFen * 0.02) / 100_000) * 100_000),
      );
      const base = { ...dims(car), channel: account.channel, accountId: account.id };
      facts.add('order_placed', placed, orderId, { ...base, amountFen, costFen });
      if (rand() > 0.86) {
        facts.add('order_cancelled', new Date(placed.getTime() + 30 * MIN), orderId, {
          ...base,
          props: { by: 'system' },
        });
        continue;
      }
      const depositAt = new Date(placed.getTime() + (5 + rand() * 100) * MIN);
      facts.add('deposit_paid', depositAt, orderId, { ...base, amountFen: depositFen });
      const fate = rand();
      if (fate < 0.07) {
        // The buyer walks away: past the cooling-off period the deposit is forfeit, before it refunded.
        const at = new Date(depositAt.getTime() + (1 + rand() * 10) * DAY_MS);
        facts.add('order_cancelled', at, orderId, { ...base, props: { by: 'buyer' } });
        if (rand() < 0.5) facts.add('deposit_forfeit', at, orderId, { ...base, amountFen: depositFen });
        else facts.add('refund', new Date(at.getTime() + HOUR), orderId, { ...base, amountFen: depositFen });
        continue;
      }
      if (fate < 0.09) {
        const at = new Date(depositAt.getTime() + (1 + rand() * 5) * DAY_MS);
        facts.add('order_cancelled', at, orderId, { ...base, props: { by: 'seller' } });
        facts.add('refund', new Date(at.getTime() + HOUR), orderId, { ...base, amountFen: depositFen });
        continue;
      }
      const paidAt = new Date(depositAt.getTime() + (1 + rand() * 6) * DAY_MS);
      if (!facts.add('order_paid', paidAt, orderId, { ...base, amountFen, costFen })) continue;
      const deliveredAt = new Date(paidAt.getTime() + (3 + rand() * 17) * DAY_MS);
      if (!facts.add('order_delivered', deliveredAt, orderId, { ...base, amountFen, costFen })) continue;
      if (rand() < 0.01) {
        facts.add('refund', new Date(deliveredAt.getTime() + 3 * DAY_MS), orderId, {
          ...base,
          amountFen: Math.round(amountFen * 0.01),
        });
      }
      if (rand() < 0.6) {
        facts.add('survey_answered', new Date(deliveredAt.getTime() + (1 + rand() * 3) * DAY_MS), orderId, {
          ...base,
          props: { rating: pickWeighted(rand, RATINGS, RATING_CUM) },
        });
      }
    }
  }
  await insertChunk(db, pending, market);
  await facts.flush(db, true);
  if (links.length > 0) {
    const linkRows = links.map((l) => ({ v: l.visitorId, a: l.accountId, at: l.linkedAt.toISOString() }));
    await db.execute(sql`
      insert into analytics_visitor_accounts (visitor_id, account_id, linked_at)
      select v, a, at from jsonb_to_recordset(${JSON.stringify(linkRows)}::jsonb) as x(v text, a text, at timestamptz)
    `);
  }
  counts.visitors = visitors.length;
  counts.accounts = accounts.length;
  counts.facts = facts.total;
  counts.factsByKind = facts.byKind;
  return counts;
}

/**
 * The demo market as the other modules export it: every public listing with its trim's series and brand
 * (so the dashboards resolve names). Used cars count too; stable order by listing id.
 */
export async function loadHistoryMarket(db: DbHandle, limit = 2000): Promise<HistoryListing[]> {
  const listings = (await listingsForSearchIndex(db, 'all')).slice(0, limit);
  const trims = new Map(
    (await trimsWithSeriesAndBrand(db, [...new Set(listings.map((l) => l.trimId))])).map((t) => [
      t.trim.id,
      t,
    ]),
  );
  return listings.flatMap((l) => {
    const t = trims.get(l.trimId);
    if (!t) return [];
    return [
      {
        listingId: l.id,
        trimId: l.trimId,
        seriesId: t.series.id,
        brandId: t.brand.id,
        dealerId: l.dealerId,
        cityCode: l.cityCode,
        priceFen: l.priceFen,
      },
    ];
  });
}

/** The demo's scale: about 16k sessions and 80k raw events over a year (a few seconds on PGlite). */
export const DEMO_HISTORY = { days: 365, sessionsPerDay: 45, ordersPerDay: 4, seed: 20261 } as const;

/**
 * Demo seed (development only, never in production): a year of history up to yesterday over the demo
 * listings. Re-runnable: skipped once the first seeded fact exists.
 */
export async function seedDemoAnalyticsHistory(
  ctx: Pick<AppContext, 'config' | 'database' | 'clock'>,
): Promise<HistoryCounts | null> {
  if (ctx.config.env === 'production') return null;
  const db = ctx.database.db;
  const existing = await db
    .select({ id: analyticsFactTable.id })
    .from(analyticsFactTable)
    .where(eq(analyticsFactTable.sourceEventId, 'seed:1'))
    .limit(1);
  if (existing.length > 0) return null;
  const market = await loadHistoryMarket(db);
  if (market.length === 0) return null;
  const yesterday = shanghaiDay(new Date(ctx.clock.now().getTime() - DAY_MS));
  return generateAnalyticsHistory(db, { ...DEMO_HISTORY, endDay: yesterday, market });
}
