import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, DbHandle } from '../db/client.js';
import { newId } from '../ids.js';

// Cross-process cache invalidation. Each app process keeps its own in-memory caches (search answers,
// vehicle pages); when one process changes what they were built from, it drops its own at once and
// publishes a message here so every other process over the same database drops theirs too.

/** What a subscriber hears: a message another app instance published, or that messages may have been lost. */
export type CacheBusDelivery =
  | { readonly kind: 'message'; readonly message: string }
  /**
   * The listener (re)connected: anything published while it was not listening is lost, so a subscriber
   * treats this as "everything may have changed".
   */
  | { readonly kind: 'missed' };

export type CacheBusHandler = (delivery: CacheBusDelivery) => void;

/** Longest message (bytes, with the envelope): PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const CACHE_BUS_MAX_MESSAGE_BYTES = 7_000;

export interface CacheInvalidationBus {
  /**
   * Tells the other app instances over this database about a change on `channel`. Never delivered to this
   * bus's own subscribers: the publisher drops its own caches itself, at once. With `via` an open
   * transaction, PostgreSQL sends the message when it commits (and not at all on rollback).
   */
  publish(channel: string, message: string, via?: DbHandle): Promise<void>;
  /**
   * Calls `handler` for every message on `channel` from another instance (and on reconnects, see
   * CacheBusDelivery). Returns the function that unsubscribes; the bus listens only while someone is
   * subscribed.
   */
  subscribe(channel: string, handler: CacheBusHandler): () => void;
  /** Resolves once messages are being received (PostgreSQL: LISTEN is active), or at once with no subscriber. */
  ready(): Promise<void>;
  /** Messages from other instances delivered so far (tests wait on it). */
  readonly received: number;
  /** Stops listening for good; idempotent. main.ts and the test harness call it before closing the database. */
  close(): Promise<void>;
}

export interface CacheBusOptions {
  /** Reports a lost or refused LISTEN connection (it is retried with backoff); default: console.warn. */
  readonly onError?: (err: Error) => void;
  /** First reconnect delay, doubled per failed attempt up to `maxBackoffMs`. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/** A bus for this database: LISTEN/NOTIFY on PostgreSQL, in-process on PGlite (one process only). */
export function createCacheBus(database: Database, options: CacheBusOptions = {}): CacheInvalidationBus {
  if (database.backend === 'postgres' && database.url) {
    return new PostgresCacheBus(database.url, database.db, options);
  }
  return new InProcessCacheBus(database);
}

/** The subscribers of one bus, by channel. */
class Subscribers {
  readonly #byChannel = new Map<string, Set<CacheBusHandler>>();

  add(channel: string, handler: CacheBusHandler): () => void {
    let set = this.#byChannel.get(channel);
    if (!set) {
      set = new Set();
      this.#byChannel.set(channel, set);
    }
    // Wrapped so one handler subscribed twice is two subscriptions.
    const entry: CacheBusHandler = (d) => handler(d);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0) this.#byChannel.delete(channel);
    };
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byChannel.values()) n += set.size;
    return n;
  }

  deliver(channel: string | null, delivery: CacheBusDelivery): void {
    const sets = channel === null ? [...this.#byChannel.values()] : [this.#byChannel.get(channel)];
    for (const set of sets) {
      for (const handler of set ?? []) {
        // A subscriber's bug must not stop the others nor escape into the connection's event handler.
        try {
          handler(delivery);
        } catch (err) {
          console.error(`Cache invalidation handler failed: ${err instanceof Error ? err.message : err}`);
        }
      }
    }
  }
}

/** Buses over the same PGlite database object (a test may build two apps over one): they hear each other. */
const inProcessPeers = new WeakMap<object, Set<InProcessCacheBus>>();

/**
 * PGlite runs inside one process, so other "processes" can only be other app contexts over the same
 * database object in this process. Messages are delivered at once (PGlite has no commit hook to wait for).
 */
class InProcessCacheBus implements CacheInvalidationBus {
  readonly #subscribers = new Subscribers();
  readonly #peers: Set<InProcessCacheBus>;
  #received = 0;

  constructor(scope: object) {
    let peers = inProcessPeers.get(scope);
    if (!peers) {
      peers = new Set();
      inProcessPeers.set(scope, peers);
    }
    peers.add(this);
    this.#peers = peers;
  }

  get received(): number {
    return this.#received;
  }

  async publish(channel: string, message: string): Promise<void> {
    checkSize(channel, message);
    for (const peer of this.#peers) if (peer !== this) peer.#receive(channel, message);
  }

  #receive(channel: string, message: string): void {
    this.#received++;
    this.#subscribers.deliver(channel, { kind: 'message', message });
  }

  subscribe(channel: string, handler: CacheBusHandler): () => void {
    return this.#subscribers.add(channel, handler);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.#peers.delete(this);
  }
}

/** The one PostgreSQL channel every app process listens on; bus channels travel inside the payload. */
const PG_CHANNEL = 'autoyard_cache';

interface Envelope {
  /** The publishing bus, so it ignores its own messages. */
  readonly o: string;
  readonly c: string;
  readonly m: string;
}

function envelopeOf(payload: string): Envelope | null {
  try {
    const v: unknown = JSON.parse(payload);
    if (
      typeof v === 'object' &&
      v !== null &&
      'o' in v &&
      typeof v.o === 'string' &&
      'c' in v &&
      typeof v.c === 'string' &&
      'm' in v &&
      typeof v.m === 'string'
    ) {
      return { o: v.o, c: v.c, m: v.m };
    }
  } catch {
    // Not ours (someone else NOTIFYing on the channel): ignored below.
  }
  return null;
}

function checkSize(channel: string, message: string, origin = ''): string {
  const payload = JSON.stringify({ o: origin, c: channel, m: message } satisfies Envelope);
  if (Buffer.byteLength(payload) > CACHE_BUS_MAX_MESSAGE_BYTES) {
    throw new Error(
      `cache invalidation message on ${channel} is longer than ${CACHE_BUS_MAX_MESSAGE_BYTES} bytes`,
    );
  }
  return payload;
}

/**
 * LISTEN on one dedicated connection (not from the pool: a pooled connection is handed to other queries
 * and would miss notifications between them), NOTIFY through the pool or the caller's transaction. The
 * connection is opened by the first subscriber and closed after the last; when it drops (server restart,
 * pg_terminate_backend) it is reopened with backoff, and subscribers hear `missed`.
 */
class PostgresCacheBus implements CacheInvalidationBus {
  readonly #origin = newId('bus');
  readonly #subscribers = new Subscribers();
  readonly #url: string;
  readonly #db: DbHandle;
  readonly #onError: (err: Error) => void;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  #client: pg.Client | null = null;
  #listening = false;
  #closed = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #waiters: (() => void)[] = [];
  #received = 0;

  constructor(url: string, db: DbHandle, options: CacheBusOptions) {
    this.#url = url;
    this.#db = db;
    this.#onError =
      options.onError ??
      ((err) =>
        console.warn(`Cache invalidation listener lost its connection (reconnecting): ${err.message}`));
    this.#minBackoffMs = options.minBackoffMs ?? 100;
    this.#maxBackoffMs = options.maxBackoffMs ?? 10_000;
  }

  get received(): number {
    return this.#received;
  }

  async publish(channel: string, message: string, via: DbHandle = this.#db): Promise<void> {
    const payload = checkSize(channel, message, this.#origin);
    await via.execute(sql`select pg_notify(${PG_CHANNEL}, ${payload})`);
  }

  subscribe(channel: string, handler: CacheBusHandler): () => void {
    const unsubscribe = this.#subscribers.add(channel, handler);
    if (!this.#client && !this.#timer && !this.#closed) void this.#connect();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribe();
      if (this.#subscribers.size === 0) void this.#disconnect();
    };
  }

  ready(): Promise<void> {
    if (this.#listening || this.#closed || this.#subscribers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#disconnect();
  }

  async #connect(): Promise<void> {
    this.#timer = null;
    if (this.#closed || this.#subscribers.size === 0) return;
    const client = new pg.Client({ connectionString: this.#url });
    this.#client = client;
    // Without an 'error' listener a dropped connection would be an uncaught exception (see db/client.ts).
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, null));
    client.on('notification', (n) => {
      if (this.#client === client && n.channel === PG_CHANNEL && n.payload !== undefined)
        this.#deliver(n.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${PG_CHANNEL}`);
    } catch (err) {
      this.#lost(client, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (this.#client !== client) return;
    this.#listening = true;
    this.#attempt = 0;
    // Whatever was published before this LISTEN (first start or the gap of a reconnect) went unheard.
    this.#subscribers.deliver(null, { kind: 'missed' });
    this.#wake();
  }

  #deliver(payload: string): void {
    const e = envelopeOf(payload);
    if (!e || e.o === this.#origin) return;
    this.#received++;
    this.#subscribers.deliver(e.c, { kind: 'message', message: e.m });
  }

  /** The connection failed or ended: drop it and, while someone listens, retry with backoff. */
  #lost(client: pg.Client, err: Error | null): void {
    if (this.#client !== client) return;
    this.#client = null;
    this.#listening = false;
    client.end().catch(() => undefined);
    if (this.#closed || this.#subscribers.size === 0) return;
    this.#onError(err ?? new Error('connection ended'));
    const delay = Math.min(this.#maxBackoffMs, this.#minBackoffMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#timer = setTimeout(() => void this.#connect(), delay);
    // A pending reconnect alone must not keep the process alive.
    this.#timer.unref();
  }

  async #disconnect(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const client = this.#client;
    this.#client = null;
    this.#listening = false;
    this.#attempt = 0;
    this.#wake();
    if (client) await client.end().catch(() => undefined);
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
