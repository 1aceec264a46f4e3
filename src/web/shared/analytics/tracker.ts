import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import {
  COLLECT_MAX_EVENTS,
  type TCollectRequest,
  type TCollectSource,
  type TTrackedEvent,
} from '../../../server/modules/analytics/analytics.collect.contract.js';
import type { TrackedEventName } from '../../../server/modules/analytics/analytics.enums.js';

// First-party tracking: a pseudonymous visitor id, 30-minute sessions, a small queue sent in batches to
// POST /api/v1/analytics/collect. Nothing leaves the browser and nothing is stored before the visitor agrees
// (the consent banner); after a refusal nothing is ever sent and no visitor id is kept.

/** 'granted' or 'declined'; browser tests may pre-set it (see docs/analytics-tracking.md). */
export const CONSENT_KEY = 'ay_tracking_consent';
export const VISITOR_KEY = 'ay_visitor_id';
export const SESSION_KEY = 'ay_tracking_session';
export const COLLECT_URL = '/api/v1/analytics/collect';
/** 30 minutes without an event end a session (the server applies the same rule). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const FLUSH_EVERY_MS = 5_000;
/** A batch goes out as soon as this many events wait. */
export const FLUSH_AT = 20;
/** What is kept in memory before consent or while the network is down; older events give way. */
const MAX_QUEUE = 100;

export type Consent = 'granted' | 'declined' | null;
export type TrackProps = Record<string, string | number | boolean | null | undefined>;
export type TrackDims = Partial<
  Pick<TTrackedEvent, 'listingId' | 'trimId' | 'seriesId' | 'brandId' | 'dealerId' | 'cityCode'>
>;

interface StoredSession {
  id: string;
  lastAt: number;
  source: TCollectSource;
}

export interface TrackerEnv {
  now(): number;
  storage(): Storage | null;
  /** POSTs a JSON body; `beacon` when the page is going away. */
  send(url: string, body: string, beacon: boolean): void;
  location(): { pathname: string; search: string; origin: string };
  referrer(): string;
  newId(): string;
}

function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function defaultSend(url: string, body: string, beacon: boolean): void {
  if (beacon && typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function') {
    if (navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))) return;
  }
  void fetch(url, {
    method: 'POST',
    body,
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
  }).catch(() => {
    // Tracking never disturbs the page: a lost batch is a lost batch.
  });
}

const browserEnv: TrackerEnv = {
  now: () => Date.now(),
  storage: () => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  },
  send: defaultSend,
  location: () => window.location,
  referrer: () => (typeof document === 'undefined' ? '' : document.referrer),
  newId: randomId,
};

/** Text without runs of 7+ digits (a phone or ID number typed into a search box). */
export function scrubDigits(text: string): string {
  return text
    .replace(/\d[\d\s-]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? '' : run))
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** UTM parameters and the referrer (other sites only) of the page the session landed on. */
export function landingSourceOf(loc: { search: string; origin: string }, referrer: string): TCollectSource {
  const q = new URLSearchParams(loc.search);
  const cut = (v: string | null, n: number) => (v ? v.slice(0, n) : null);
  return {
    utmSource: cut(q.get('utm_source'), 100),
    utmMedium: cut(q.get('utm_medium'), 100),
    utmCampaign: cut(q.get('utm_campaign'), 100),
    referrer: referrer && !referrer.startsWith(loc.origin) ? referrer.slice(0, 500) : null,
  };
}

function cleanProps(props: TrackProps | undefined): TTrackedEvent['props'] {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || Object.keys(out).length >= 10 || !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k)) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    out[k] = typeof v === 'string' ? v.slice(0, 100) : v;
  }
  return out;
}

export class Tracker {
  #queue: TTrackedEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Where the session landed, noted at the first event even before consent (kept in memory only). */
  #landing: TCollectSource | null = null;
  #consent: Consent;
  #listeners = new Set<() => void>();

  constructor(private readonly env: TrackerEnv = browserEnv) {
    this.#consent = this.#readConsent();
  }

  #readConsent(): Consent {
    try {
      const v = this.env.storage()?.getItem(CONSENT_KEY);
      return v === 'granted' || v === 'declined' ? v : null;
    } catch {
      return null;
    }
  }

  get consent(): Consent {
    return this.#consent;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The visitor's answer to the banner; a refusal forgets the visitor id, the session and the queue. */
  setConsent(consent: 'granted' | 'declined'): void {
    this.#consent = consent;
    const storage = this.env.storage();
    try {
      storage?.setItem(CONSENT_KEY, consent);
      if (consent === 'declined') {
        storage?.removeItem(VISITOR_KEY);
        storage?.removeItem(SESSION_KEY);
      }
    } catch {
      // private mode: the answer lasts for this page
    }
    if (consent === 'declined') this.#queue = [];
    else if (this.#queue.length > 0) this.#schedule();
    for (const l of this.#listeners) l();
  }

  /** Records an action (or a page view); sent within 5 s, at 20 waiting events or when the page goes away. */
  track(name: TrackedEventName, props?: TrackProps, dims?: TrackDims): void {
    if (this.#consent === 'declined') return;
    const now = this.env.now();
    const loc = this.env.location();
    this.#landing ??= landingSourceOf(loc, this.env.referrer());
    const event: TTrackedEvent = {
      id: this.env.newId(),
      name,
      occurredAt: new Date(now).toISOString(),
      path: loc.pathname.slice(0, 300) || '/',
      props: cleanProps(props),
    };
    for (const [k, v] of Object.entries(dims ?? {})) {
      if (typeof v === 'string' && v) (event as Record<string, unknown>)[k] = v;
    }
    this.#queue.push(event);
    if (this.#queue.length > MAX_QUEUE) this.#queue.splice(0, this.#queue.length - MAX_QUEUE);
    if (this.#consent !== 'granted') return;
    if (this.#queue.length >= FLUSH_AT) this.flush(false);
    else this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush(false);
    }, FLUSH_EVERY_MS);
  }

  #visitorId(storage: Storage | null): string {
    let id = storage?.getItem(VISITOR_KEY) ?? null;
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = this.env.newId();
      storage?.setItem(VISITOR_KEY, id);
    }
    return id;
  }

  /** The current session, a new one after 30 minutes without an event (measured at the oldest queued event). */
  #session(storage: Storage | null, firstAt: number, lastAt: number): StoredSession {
    let s: StoredSession | null = null;
    try {
      const raw = storage?.getItem(SESSION_KEY);
      s = raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      s = null;
    }
    if (!s || typeof s.id !== 'string' || firstAt - s.lastAt > SESSION_IDLE_MS) {
      s = { id: this.env.newId(), lastAt, source: this.#landing ?? {} };
    }
    s.lastAt = Math.max(s.lastAt, lastAt);
    storage?.setItem(SESSION_KEY, JSON.stringify(s));
    return s;
  }

  /** Sends what waits, in batches of 20 (only with consent). */
  flush(beacon: boolean): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#consent !== 'granted' || this.#queue.length === 0) return;
    const storage = this.env.storage();
    while (this.#queue.length > 0) {
      const events = this.#queue.splice(0, Math.min(FLUSH_AT, COLLECT_MAX_EVENTS));
      let visitorId: string;
      let session: StoredSession;
      try {
        visitorId = this.#visitorId(storage);
        const times = events.map((e) => Date.parse(e.occurredAt));
        session = this.#session(storage, Math.min(...times), Math.max(...times));
      } catch {
        visitorId = this.env.newId();
        session = { id: this.env.newId(), lastAt: this.env.now(), source: this.#landing ?? {} };
      }
      const body: TCollectRequest = {
        visitorId,
        sessionId: session.id,
        consent: true,
        source: session.source,
        events,
      };
      this.env.send(COLLECT_URL, JSON.stringify(body), beacon);
    }
    // A new session lands again: the next one notes its own UTM and referrer.
    this.#landing = null;
  }
}

/** The one tracker of the page. */
export const tracker = new Tracker();

if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  window.addEventListener('pagehide', () => tracker.flush(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') tracker.flush(true);
  });
}

/** Records an action: `track('compare', { size: 3 })`, `track('view_vehicle', {}, { listingId })`. */
export function track(name: TrackedEventName, props?: TrackProps, dims?: TrackDims): void {
  try {
    tracker.track(name, props, dims);
  } catch {
    // never let tracking break the page
  }
}

/** A page_view on every route change (mounted once in the storefront shell). */
export function usePageViews(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    // Each new pathname is a page (a query-string change on the same page is not).
    if (pathname) track('page_view');
  }, [pathname]);
}

/**
 * A `search` event once per search text, when its result count is known: the number of words, the results
 * and the text without digit runs (a phone number typed into the box never leaves the browser).
 */
export function useTrackSearch(text: string | null | undefined, results: number | undefined): void {
  const query = (text ?? '').trim();
  useEffect(() => {
    if (!query || results === undefined) return;
    const clean = scrubDigits(query).slice(0, 100);
    track('search', { query: clean, words: clean.split(/\s+/).filter(Boolean).length, results });
  }, [query, results]);
}

/** What a vehicle card or detail carries, as event dimensions (the brand goes as its slug in props). */
export interface TrackedVehicle {
  readonly id: string;
  readonly kind?: string;
  readonly brand?: { readonly slug: string };
  readonly series?: { readonly id: string };
  readonly trimId?: string;
  readonly dealerId?: string;
  readonly cityCode?: string;
}

export function vehicleDims(v: TrackedVehicle): TrackDims {
  return {
    listingId: v.id,
    seriesId: v.series?.id,
    trimId: v.trimId,
    dealerId: v.dealerId,
    cityCode: v.cityCode,
  };
}

/** Records an action about a vehicle: its listing, trim, series, dealer and city as dimensions. */
export function trackVehicle(name: TrackedEventName, v: TrackedVehicle, props?: TrackProps): void {
  track(name, { brand: v.brand?.slug, kind: v.kind, ...props }, vehicleDims(v));
}

/** An event about a vehicle once per vehicle shown (refetches do not repeat it): view_vehicle, start_order. */
export function useTrackVehicleOnce(name: TrackedEventName, v: TrackedVehicle | undefined): void {
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!v || seen.current === v.id) return;
    seen.current = v.id;
    trackVehicle(name, v);
  }, [name, v]);
}

/** A `view_vehicle` event once per vehicle opened. */
export function useTrackVehicleView(v: TrackedVehicle | undefined): void {
  useTrackVehicleOnce('view_vehicle', v);
}

/** A `compare` event each time a different set of vehicles is compared (its size in props). */
export function useTrackCompare(ids: readonly string[], loaded: boolean): void {
  const key = loaded ? [...ids].sort().join(',') : '';
  useEffect(() => {
    if (!key) return;
    track('compare', { size: key.split(',').length });
  }, [key]);
}

/** How long a calculator's inputs must stay still before the result counts as a calculation. */
export const CALCULATION_SETTLE_MS = 1_500;

/**
 * A calculator event (`price_calculation`, `loan_calculation`) once its inputs (`key`) have settled for 1.5 s
 * with a result; `skipFirst` leaves out the defaults a page shows before the visitor touches anything.
 */
export function useTrackCalculation(
  name: 'price_calculation' | 'loan_calculation',
  key: string | null,
  props?: TrackProps,
  dims?: TrackDims,
  skipFirst = false,
): void {
  const latest = useRef({ props, dims });
  latest.current = { props, dims };
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (!key) return;
    if (skipFirst && (first.current === null || first.current === key)) {
      first.current ??= key;
      return;
    }
    const timer = setTimeout(
      () => track(name, latest.current.props, latest.current.dims),
      CALCULATION_SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [name, key, skipFirst]);
}
