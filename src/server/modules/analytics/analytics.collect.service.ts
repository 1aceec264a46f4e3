import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import {
  classifyTrafficChannel,
  referrerHostOf,
  type TrafficChannel,
} from '../../kernel/attribution.contract.js';
import type { DbHandle } from '../../kernel/db/client.js';
import type { TCollectRequest, TCollectResponse } from './analytics.collect.contract.js';
import {
  deviceOf,
  isBotUserAgent,
  scrubDigits,
  stripPersonalProps,
  truncateIp,
} from './analytics.collect.privacy.js';
import {
  type AnalyticsEventRow,
  analyticsSessionTable,
  analyticsVisitorAccountTable,
} from './analytics.tracking.schema.js';

/** 30 minutes without an event end a session; the next event starts a new one. */
export const SESSION_GAP_MS = 30 * 60_000;
/** Client clocks run fast: up to 10 minutes ahead is believed, more is replaced by the arrival time. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
/** Events older than this (a queue kept offline for a week) are dropped. */
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;

/** What the collector learns from the request itself (never stored whole: the IP is truncated). */
export interface CollectMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The signed-in buyer, when the request carries a session. */
  readonly accountId: string | null;
  readonly receivedAt: Date;
}

interface SessionState {
  id: string;
  lastEventAt: number;
  channel: TrafficChannel;
}

/** The session id the server gives a visit it had to split (a 30-minute gap inside the client's session). */
function rotatedSessionId(clientSessionId: string, startedAt: number): string {
  return `${clientSessionId}~${startedAt.toString(36)}`;
}

/**
 * The session the client's session id currently stands for: its own row, or the newest one the server split
 * from it (`<id>~<start>`); null when the visitor has none yet.
 */
async function currentSession(
  db: DbHandle,
  visitorId: string,
  clientSessionId: string,
): Promise<SessionState | null> {
  const escaped = clientSessionId.replace(/[\\%_]/g, (c) => `\\${c}`);
  const [row] = await db
    .select({
      id: analyticsSessionTable.id,
      lastEventAt: analyticsSessionTable.lastEventAt,
      channel: analyticsSessionTable.channel,
    })
    .from(analyticsSessionTable)
    .where(
      and(
        eq(analyticsSessionTable.visitorId, visitorId),
        or(eq(analyticsSessionTable.id, clientSessionId), like(analyticsSessionTable.id, `${escaped}~%`)),
      ),
    )
    .orderBy(desc(analyticsSessionTable.lastEventAt))
    .limit(1);
  return row ? { id: row.id, lastEventAt: row.lastEventAt.getTime(), channel: row.channel } : null;
}

/**
 * Stores one batch of tracking events: bots are answered and ignored, personal props stripped, times clamped,
 * events deduplicated by (occurred_at, id), sessions upserted from what was actually inserted (a retried batch
 * counts once), and the visitor linked to the signed-in account: a session lookup and one write statement per batch.
 */
export async function collectEvents(
  db: DbHandle,
  body: TCollectRequest,
  meta: CollectMeta,
): Promise<TCollectResponse> {
  if (isBotUserAgent(meta.userAgent)) return { accepted: 0, dropped: body.events.length };
  const now = meta.receivedAt.getTime();
  let dropped = 0;
  const timed = [];
  for (const ev of body.events) {
    let at = Date.parse(ev.occurredAt);
    if (at > now + FUTURE_TOLERANCE_MS) at = now;
    if (at < now - MAX_EVENT_AGE_MS) {
      dropped++;
      continue;
    }
    timed.push({ ev, at });
  }
  if (timed.length === 0) {
    if (meta.accountId) await linkVisitor(db, body.visitorId, meta.accountId, meta.receivedAt);
    return { accepted: 0, dropped };
  }
  timed.sort((a, b) => a.at - b.at);

  const source = body.source ?? {};
  const landingChannel = classifyTrafficChannel(source);
  const referrerHost = referrerHostOf(source.referrer);
  const device = deviceOf(meta.userAgent);
  const ipPrefix = truncateIp(meta.ip);
  const receivedAt = meta.receivedAt;

  // Walk the batch in time order: a gap over 30 minutes after the session's last event starts a new one.
  let session = await currentSession(db, body.visitorId, body.sessionId);
  const rows: AnalyticsEventRow[] = [];
  const landing = new Map<string, { channel: TrafficChannel; path: string | null }>();
  for (const { ev, at } of timed) {
    if (!session) {
      session = { id: body.sessionId, lastEventAt: at, channel: landingChannel };
      landing.set(session.id, { channel: landingChannel, path: ev.path ?? null });
    } else if (at - session.lastEventAt > SESSION_GAP_MS) {
      session = { id: rotatedSessionId(body.sessionId, at), lastEventAt: at, channel: landingChannel };
      landing.set(session.id, { channel: landingChannel, path: ev.path ?? null });
    }
    session.lastEventAt = Math.max(session.lastEventAt, at);
    // Search text first loses digit runs (a phone typed into the box), then personal-looking values go.
    const raw =
      ev.props && typeof ev.props.query === 'string'
        ? { ...ev.props, query: scrubDigits(ev.props.query) }
        : ev.props;
    const props = stripPersonalProps(raw).props;
    rows.push({
      id: ev.id,
      occurredAt: new Date(at),
      receivedAt,
      name: ev.name,
      visitorId: body.visitorId,
      sessionId: session.id,
      accountId: meta.accountId,
      path: ev.path ?? null,
      channel: session.channel,
      utmSource: source.utmSource ?? null,
      utmMedium: source.utmMedium ?? null,
      utmCampaign: source.utmCampaign ?? null,
      referrerHost,
      cityCode: ev.cityCode ?? null,
      brandId: ev.brandId ?? null,
      seriesId: ev.seriesId ?? null,
      trimId: ev.trimId ?? null,
      listingId: ev.listingId ?? null,
      dealerId: ev.dealerId ?? null,
      device,
      ipPrefix,
      props,
    });
  }

  // Every session the batch touches, with what a new one lands with (ignored when it already exists).
  const sessions = new Map<string, SessionInput>();
  for (const r of rows) {
    if (sessions.has(r.sessionId)) continue;
    const first = landing.get(r.sessionId);
    sessions.set(r.sessionId, {
      id: r.sessionId,
      visitor_id: body.visitorId,
      account_id: meta.accountId,
      channel: r.channel,
      utm_source: source.utmSource ?? null,
      utm_campaign: source.utmCampaign ?? null,
      referrer_host: referrerHost,
      landing_path: first?.path ?? null,
      device,
    });
  }
  await queueWrite(db, {
    rows,
    sessions: [...sessions.values()],
    link: meta.accountId
      ? { visitor_id: body.visitorId, account_id: meta.accountId, linked_at: receivedAt.toISOString() }
      : null,
  });
  return { accepted: timed.length, dropped };
}

interface BatchWrite {
  rows: AnalyticsEventRow[];
  sessions: SessionInput[];
  link: { visitor_id: string; account_id: string; linked_at: string } | null;
}

/** Statements in flight per database; requests arriving meanwhile share the next statement. */
const MAX_WRITES_IN_FLIGHT = 2;
/** Most requests' batches one statement carries (50 x 20 events). */
const MAX_WRITES_PER_STATEMENT = 50;
const writers = new WeakMap<
  object,
  { queue: { write: BatchWrite; done: (err?: unknown) => void }[]; busy: number }
>();

/**
 * Group commit: each request waits until its batch is committed (the 202 still means stored), but requests that
 * arrive while a statement runs go together in the next one, so a busy collector makes fewer, larger writes.
 */
function queueWrite(db: DbHandle, write: BatchWrite): Promise<void> {
  let state = writers.get(db);
  if (!state) {
    state = { queue: [], busy: 0 };
    writers.set(db, state);
  }
  const s = state;
  return new Promise<void>((resolve, reject) => {
    s.queue.push({ write, done: (err) => (err === undefined ? resolve() : reject(err)) });
    if (s.busy < MAX_WRITES_IN_FLIGHT) void drainWrites(db, s);
  });
}

async function drainWrites(
  db: DbHandle,
  state: { queue: { write: BatchWrite; done: (err?: unknown) => void }[]; busy: number },
): Promise<void> {
  state.busy++;
  try {
    while (state.queue.length > 0) {
      const group = state.queue.splice(0, MAX_WRITES_PER_STATEMENT);
      try {
        await writeBatch(
          db,
          group.map((g) => g.write),
        );
        for (const g of group) g.done();
      } catch (err) {
        for (const g of group) g.done(err ?? new Error('tracking write failed'));
      }
    }
  } finally {
    state.busy--;
  }
}

interface SessionInput {
  id: string;
  visitor_id: string;
  account_id: string | null;
  channel: TrafficChannel;
  utm_source: string | null;
  utm_campaign: string | null;
  referrer_host: string | null;
  landing_path: string | null;
  device: string;
}

async function linkVisitor(db: DbHandle, visitorId: string, accountId: string, at: Date): Promise<void> {
  await db
    .insert(analyticsVisitorAccountTable)
    .values({ visitorId, accountId, linkedAt: at })
    .onConflictDoNothing();
}

/**
 * One statement (one round trip, one commit) for the whole batch: the events as one JSON parameter inserted
 * with ON CONFLICT DO NOTHING, the sessions upserted from the rows actually inserted (so a retried batch
 * counts nothing twice), and the visitor-account link when signed in.
 */
async function writeBatch(db: DbHandle, writes: readonly BatchWrite[]): Promise<void> {
  const rows = writes.flatMap((w) => w.rows);
  // One session row per id (two requests of one visit may share a statement); counts come from the events.
  const sessionById = new Map<string, SessionInput>();
  for (const w of writes) for (const x of w.sessions) if (!sessionById.has(x.id)) sessionById.set(x.id, x);
  const sessions = [...sessionById.values()];
  const links = writes.flatMap((w) => (w.link ? [w.link] : []));
  const events = rows.map((r) => ({
    id: r.id,
    occurred_at: r.occurredAt.toISOString(),
    received_at: r.receivedAt.toISOString(),
    name: r.name,
    visitor_id: r.visitorId,
    session_id: r.sessionId,
    account_id: r.accountId,
    path: r.path,
    channel: r.channel,
    utm_source: r.utmSource,
    utm_medium: r.utmMedium,
    utm_campaign: r.utmCampaign,
    referrer_host: r.referrerHost,
    city_code: r.cityCode,
    brand_id: r.brandId,
    series_id: r.seriesId,
    trim_id: r.trimId,
    listing_id: r.listingId,
    dealer_id: r.dealerId,
    device: r.device,
    ip_prefix: r.ipPrefix,
    props: r.props,
  }));
  await db.execute(sql`
    with ins as (
      insert into analytics_events (id, occurred_at, received_at, name, visitor_id, session_id, account_id, path,
        channel, utm_source, utm_medium, utm_campaign, referrer_host, city_code, brand_id, series_id, trim_id,
        listing_id, dealer_id, device, ip_prefix, props)
      select id, occurred_at, received_at, name, visitor_id, session_id, account_id, path, channel, utm_source,
        utm_medium, utm_campaign, referrer_host, city_code, brand_id, series_id, trim_id, listing_id, dealer_id,
        device, ip_prefix, coalesce(props, '{}'::jsonb)
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as r(id text, occurred_at timestamptz,
        received_at timestamptz, name text, visitor_id text, session_id text, account_id text, path text,
        channel text, utm_source text, utm_medium text, utm_campaign text, referrer_host text, city_code text,
        brand_id text, series_id text, trim_id text, listing_id text, dealer_id text, device text,
        ip_prefix text, props jsonb)
      on conflict do nothing
      returning session_id, name, occurred_at, city_code
    ),
    agg as (
      select session_id, min(occurred_at) as first_at, max(occurred_at) as last_at, count(*)::int as events,
        (count(*) filter (where name = 'page_view'))::int as page_views,
        (array_agg(city_code order by occurred_at) filter (where city_code is not null))[1] as city_code
      from ins group by session_id
    ),
    link as (
      insert into analytics_visitor_accounts (visitor_id, account_id, linked_at)
      select visitor_id, account_id, linked_at
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l(visitor_id text, account_id text,
        linked_at timestamptz)
      on conflict do nothing
    )
    insert into analytics_sessions as s (id, visitor_id, account_id, started_at, last_event_at, page_views, events,
      channel, utm_source, utm_campaign, referrer_host, landing_path, city_code, device)
    select i.id, i.visitor_id, i.account_id, agg.first_at, agg.last_at, agg.page_views, agg.events, i.channel,
      i.utm_source, i.utm_campaign, i.referrer_host, i.landing_path, agg.city_code, i.device
    from agg join jsonb_to_recordset(${JSON.stringify(sessions)}::jsonb) as i(id text, visitor_id text,
      account_id text, channel text, utm_source text, utm_campaign text, referrer_host text, landing_path text,
      device text) on i.id = agg.session_id
    on conflict (id) do update set
      started_at = least(s.started_at, excluded.started_at),
      last_event_at = greatest(s.last_event_at, excluded.last_event_at),
      page_views = s.page_views + excluded.page_views,
      events = s.events + excluded.events,
      account_id = coalesce(s.account_id, excluded.account_id),
      city_code = coalesce(s.city_code, excluded.city_code)`);
}
